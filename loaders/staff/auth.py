"""Staff accounts: salted PBKDF2 password hashes kept outside the repository, a slow-down after failures per account
and client shared by every server process, and limits on how long a sign-in lasts.

Accounts come from `.streamlit/secrets.toml` ([auth.staff] name = "hash") or the environment
(DASHBOARD_STAFF="name:hash;name2:hash"). `python -m loaders hash-password` prints a hash for a new password."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import functools
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Mapping
from pathlib import Path

from loaders.io import atomic

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
FREE_ATTEMPTS = 3  # then each failure doubles the wait
MAX_WAIT_S = 60.0
FORGET_AFTER_S = 24 * 3600  # failures older than a day are dropped from the state file
THROTTLE_FILE = "state/signin-failures.json"  # under the project folder, git-ignored
# A password is the last defence against someone trying from many addresses (the throttle counts per address), so
# it must be long: ten characters that are not spaces (eight spaces were accepted before).
MIN_PASSWORD_CHARS = 10
IDLE_MINUTES = 30  # signed out after this long without any action (configurable: [auth] idle_minutes)
SESSION_HOURS = 8  # and this long after signing in, whatever happens (configurable: [auth] session_hours)
log = logging.getLogger(__name__)
_UNWRITTEN: dict[str, dict[str, list[float]]] = {}  # per state file: the counts this process could not write


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


def password_too_weak(password: str) -> bool:
    return len("".join(password.split())) < MIN_PASSWORD_CHARS


class Throttle:
    """Failed sign-ins per account name and client (its address): after FREE_ATTEMPTS, the next try from that client
    must wait 1, 2, 4 … seconds (at most MAX_WAIT_S). Another client is never held back by these failures, so nobody
    can lock the real user out by failing on purpose; each try still costs a 600,000-iteration hash.

    With `path`, the counts live in that small JSON file, read and changed under an fcntl lock (on a file beside it),
    so every Streamlit process on the project folder sees the same counts (a process's memory would be reset by a
    restart and not shared by the next process); without it (tests), in memory. The file is replaced atomically, so
    a full disk leaves the previous counts whole; when it cannot be written at all (a full disk, a read-only replica's
    folder), this process keeps counting in memory on top of what the file holds, and says so in the log."""

    def __init__(self, path: Path | None = None, clock=time.time):
        self.path, self.clock = (Path(path) if path else None), clock
        # the pages make a Throttle per sign-in: what could not be written is kept per file for the whole process
        self.memory: dict[str, list[float]] = _UNWRITTEN.setdefault(str(self.path), {}) if path else {}

    @contextlib.contextmanager
    def _failures(self):
        if self.path is None:
            yield self.memory
            return
        with self._locked():
            failures = {**self._on_disk(), **self.memory}  # this process's own counts are the newer ones
            before = json.dumps(failures, sort_keys=True)
            yield failures
            if json.dumps(failures, sort_keys=True) != before or self.memory:
                self._keep(failures)

    @contextlib.contextmanager
    def _locked(self):
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(lock, "a+", encoding="utf-8")
        except OSError as exc:  # a read-only folder: no other process can write the counts either
            log.warning("sign-in throttle: cannot lock %s (%s); counting in this process", lock, exc)
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _on_disk(self) -> dict:
        try:
            failures = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}  # none yet, or a damaged state file: it only forgets failures
        return failures if isinstance(failures, dict) else {}

    def _keep(self, failures: dict) -> None:
        try:
            atomic.write_atomically(self.path, json.dumps(failures, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            log.warning("sign-in throttle: cannot write %s (%s); counting in this process", self.path, exc)
            self.memory.clear()
            self.memory.update(failures)
            return
        self.memory.clear()

    @staticmethod
    def _key(name: str, client: str) -> str:
        return f"{name}\t{client}"

    def wait_needed(self, name: str, client: str = "") -> float:
        with self._failures() as failures:
            count, last = failures.get(self._key(name, client), (0, 0.0))
        if count < FREE_ATTEMPTS:
            return 0.0
        wait = min(MAX_WAIT_S, 2.0 ** (count - FREE_ATTEMPTS))
        return max(0.0, last + wait - self.clock())

    def failed(self, name: str, client: str = "") -> None:
        now = self.clock()
        with self._failures() as failures:
            for key in [k for k, (_, last) in failures.items() if now - last > FORGET_AFTER_S]:
                del failures[key]
            count, _ = failures.get(self._key(name, client), (0, 0.0))
            failures[self._key(name, client)] = [count + 1, now]

    def succeeded(self, name: str, client: str = "") -> None:
        with self._failures() as failures:
            failures.pop(self._key(name, client), None)


def sign_in(
    name: str, password: str, accounts: Mapping[str, str], throttle: Throttle, client: str = ""
) -> tuple[bool, float]:
    """(signed in?, seconds to wait before the next try). An unknown name costs as much time as a wrong password."""
    wait = throttle.wait_needed(name, client)
    if wait > 0:
        return False, wait
    stored = accounts.get(name)
    ok = verify_password(password, stored) if stored else (verify_password(password, _dummy_hash()) and False)
    if ok:
        throttle.succeeded(name, client)
        return True, 0.0
    throttle.failed(name, client)
    return False, throttle.wait_needed(name, client)


def session_limits(secrets: Mapping | None) -> tuple[float, float]:
    """(idle seconds, absolute seconds) from the secrets' [auth] idle_minutes and session_hours."""
    settings = (secrets or {}).get("auth", {}) if isinstance(secrets, Mapping) else {}
    idle_minutes = float(settings.get("idle_minutes", IDLE_MINUTES))
    session_hours = float(settings.get("session_hours", SESSION_HOURS))
    return idle_minutes * 60, session_hours * 3600


def session_over(signed_in_at: float, last_seen: float, now: float, limits: tuple[float, float]) -> bool:
    """Whether a sign-in has ended: idle longer than the idle limit, or older than the absolute limit."""
    idle, absolute = limits
    return now - last_seen > idle or now - signed_in_at > absolute


@functools.cache
def _dummy_hash() -> str:
    """A hash to check an unknown name's password against, so that it takes as long as a known one's. Made on first
    use, not at import: its 600,000 rounds cost every `python -m loaders` command about 0.5 s."""
    return hash_password("not a password", salt=b"0" * 16)
