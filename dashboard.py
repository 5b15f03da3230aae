"""临沧市政府工作报告指标看板 — the entry point: page config, language switch, navigation."""
import streamlit as st

from charts.i18n import t

st.set_page_config(page_title=t("app_title"), page_icon="📊", layout="wide")
st.sidebar.radio(t("language"), ["中文", "English"], key="lang", horizontal=True)
lang = "en" if st.session_state.get("lang") == "English" else "zh"

pages = [st.Page("pages/overview.py", title=t("overview", lang), icon="🎯", default=True, url_path="overview")]
st.navigation(pages).run()
