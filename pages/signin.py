"""工作人员登录: staff sign in here; the password is checked against a salted hash and never stored or shown."""

import streamlit as st

from charts.format import plain_markdown
from charts.i18n import t
from loaders.staff import auth
from pages.common import lang, leave_folder_mode
from pages.staff import accounts, client, sign_out, signed_in_user, start_session, throttle

leave_folder_mode()  # a first visit to /signin on a fresh server must still run through dashboard.py
L = lang()


def try_sign_in() -> None:
    """Runs as the form's callback, before the page: the outcome survives any rerun."""
    name = st.session_state.get("signin_name", "").strip()
    ok, wait = auth.sign_in(name, st.session_state.get("signin_password", ""), accounts(), throttle(), client())
    st.session_state["signin_password"] = ""  # never kept in the session once checked
    if ok:
        start_session(name)
        st.session_state.pop("signin_wait", None)
        st.session_state.pop("signin_expired", None)
    else:
        st.session_state["signin_wait"] = wait


st.title(t("signin", L))
user = signed_in_user()
if user:
    st.success(t("signed_in_as", L, name=plain_markdown(user)))
    st.page_link("pages/maintenance.py", label=t("maintenance", L), icon=":material/edit_note:")
    st.button(t("signout_button", L), key="signin_signout", on_click=sign_out)
    st.stop()
if not accounts():
    st.info(t("no_accounts", L))
    st.stop()
with st.form("signin_form"):
    st.text_input(t("username", L), key="signin_name")
    st.text_input(t("password", L), type="password", key="signin_password")
    st.form_submit_button(t("signin_button", L), on_click=try_sign_in)
if "signin_wait" in st.session_state:
    wait = st.session_state["signin_wait"]
    st.error(t("signin_failed", L) if wait == 0 else t("signin_wait", L, s=int(wait + 0.999)))
