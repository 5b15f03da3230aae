"""Who is signed in: staff accounts from the secrets or the environment, the sign-in throttle shared by every
server process, and the idle and absolute limits of a sign-in."""

from __future__ import annotations

import time

import streamlit as st

from loaders.project import data_root
from loaders.staff import auth


def secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml at all is the normal case for a public, read-only dashboard
        return {}


def accounts() -> dict[str, str]:
    return auth.staff_accounts(secrets())


def viewers_need_signin() -> bool:
    return bool(secrets().get("auth", {}).get("viewers_need_signin", False))


def throttle() -> auth.Throttle:
    """Kept in the project's state folder, so every session and every server process on the folder shares it."""
    return auth.Throttle(data_root() / auth.THROTTLE_FILE)


def client() -> str:
    """The address the request came from, as Streamlit's server saw it (not a header the browser could set)."""
    return st.context.ip_address or ""


def start_session(name: str) -> None:
    now = time.time()
    st.session_state.update(staff_user=name, staff_since=now, staff_seen=now)


def sign_out() -> None:
    for key in ("staff_user", "staff_since", "staff_seen"):
        st.session_state.pop(key, None)


def signed_in_user() -> str | None:
    """The signed-in name, or None; a sign-in idle too long or too old ends here (and the sign-in page says so)."""
    user = st.session_state.get("staff_user")
    if user is None:
        return None
    now = time.time()
    since, seen = st.session_state.get("staff_since", 0.0), st.session_state.get("staff_seen", 0.0)
    if auth.session_over(since, seen, now, auth.session_limits(secrets())):
        sign_out()
        st.session_state["signin_expired"] = True
        return None
    st.session_state["staff_seen"] = now
    return user


def staff_only() -> str:
    """The signed-in name; for anyone else the page says to sign in and stops (dashboard.py lists the staff pages
    only for staff, but a stale link may land on one)."""
    from charts.i18n import t
    from pages.common import lang

    user = signed_in_user()
    if user is None:
        st.error(t("signin", lang()))
        st.stop()
    return user
