"""工作人员登录: staff sign in here; the password is checked against a salted hash and never stored or shown."""
import streamlit as st

from charts.i18n import t
from loaders import auth
from pages.common import lang, leave_folder_mode
from pages.staff import accounts, throttle

leave_folder_mode()  # a first visit to /signin on a fresh server must still run through dashboard.py
L = lang()
st.title(t("signin", L))
known = accounts()
if not known:
    st.info(t("no_accounts", L))
    st.stop()
with st.form("signin_form"):
    name = st.text_input(t("username", L), key="signin_name")
    password = st.text_input(t("password", L), type="password", key="signin_password")
    submitted = st.form_submit_button(t("signin_button", L))
if submitted:
    ok, wait = auth.sign_in(name.strip(), password, known, throttle())
    if ok:
        st.session_state["staff_user"] = name.strip()
        st.rerun()
    st.error(t("signin_failed", L) if wait == 0 else t("signin_wait", L, s=int(wait + 0.999)))
