"""Staff accounts: salted PBKDF2 password hashes kept outside the repository, and a slow-down after failures.

Accounts come from `.streamlit/secrets.toml` ([auth.staff] name = "hash") or the environment
(DASHBOARD_STAFF="name:hash;name2:hash"). `python -m loaders hash-password` prints a hash for a new password."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from collections.abc import Mapping

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
FREE_ATTEMPTS = 3      # then each failure doubles the wait
MAX_WAIT_S = 60.0


def hash_password(password: str, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        algorithm, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if algorithm != ALGORITHM:
        return False
    computed = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(computed, base64.b64decode(digest))


def staff_accounts(secrets: Mapping | None = None, environ: Mapping | None = None) -> dict[str, str]:
    """name -> hash, from the secrets' [auth.staff] table and DASHBOARD_STAFF in the environment."""
    accounts: dict[str, str] = {}
    try:
        accounts.update(dict((secrets or {}).get("auth", {}).get("staff", {})))
    except (AttributeError, TypeError):
        pass
    for pair in (environ if environ is not None else os.environ).get("DASHBOARD_STAFF", "").split(";"):
        if ":" in pair:
            name, stored = pair.split(":", 1)
            accounts[name.strip()] = stored.strip()
    return accounts


class Throttle:
    """Failed sign-ins per account name: after FREE_ATTEMPTS, the next try must wait 1, 2, 4 … seconds."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.failures: dict[str, tuple[int, float]] = {}

    def wait_needed(self, name: str) -> float:
        count, last = self.failures.get(name, (0, 0.0))
        if count < FREE_ATTEMPTS:
            return 0.0
        wait = min(MAX_WAIT_S, 2.0 ** (count - FREE_ATTEMPTS))
        return max(0.0, last + wait - self.clock())

    def failed(self, name: str) -> None:
        count, _ = self.failures.get(name, (0, 0.0))
        self.failures[name] = (count + 1, self.clock())

    def succeeded(self, name: str) -> None:
        self.failures.pop(name, None)


def sign_in(name: str, password: str, accounts: Mapping[str, str], throttle: Throttle) -> tuple[bool, float]:
    """(signed in?, seconds to wait before the next try). An unknown name costs as much time as a wrong password."""
    wait = throttle.wait_needed(name)
    if wait > 0:
        return False, wait
    stored = accounts.get(name)
    ok = verify_password(password, stored) if stored else (verify_password(password, _DUMMY) and False)
    if ok:
        throttle.succeeded(name)
        return True, 0.0
    throttle.failed(name)
    return False, throttle.wait_needed(name)


_DUMMY = hash_password("not a password", salt=b"0" * 16)
