"""临沧市政府工作报告指标看板 — the entry point: page config, language switch, navigation."""
import streamlit as st

from charts.i18n import t
from pages.common import leave_folder_mode
from pages.registry import PAGES

leave_folder_mode()
st.set_page_config(page_title=t("app_title"), page_icon=":material/monitoring:", layout="wide")
st.sidebar.radio(t("language"), ["中文", "English"], key="lang", horizontal=True)
lang = "en" if st.session_state.get("lang") == "English" else "zh"

pages = [st.Page(p.file, title=t(p.title_key, lang), icon=p.icon, url_path=p.url_path, default=(n == 0))
         for n, p in enumerate(PAGES)]
st.navigation(pages).run()
