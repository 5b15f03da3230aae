"""Who is signed in: staff accounts from the secrets or the environment, one throttle per server."""
from __future__ import annotations

import streamlit as st

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


@st.cache_resource
def throttle() -> auth.Throttle:
    """Shared by every session of this server, so opening a new tab does not reset the count of failures."""
    return auth.Throttle()


def signed_in_user() -> str | None:
    return st.session_state.get("staff_user")
