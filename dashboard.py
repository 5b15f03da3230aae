"""The dashboard's entry point: page config, language switch, navigation."""

import streamlit as st

from charts.i18n import t
from loaders.project import data_root
from pages import look
from pages.common import finish_interrupted_update, leave_folder_mode, project_shape, run_guarded, untranslated_note
from pages.registry import PAGES, visible
from pages.staff import signed_in_user, viewers_need_signin


def main() -> None:
    leave_folder_mode()
    finish_interrupted_update(str(data_root()))
    lang = "en" if st.session_state.get("lang") == "English" else "zh"
    place, present = project_shape(lang)  # the folder's place names the tab; absent documents drop their pages
    st.set_page_config(
        page_title=t("app_title", lang, place=place).strip(),
        page_icon="📊",  # an emoji is drawn in the browser; a :material/ icon is fetched from Google's servers
        layout="wide",
    )
    look.apply(lang)
    st.sidebar.radio(t("language"), ["中文", "English"], key="lang", horizontal=True)
    if note := untranslated_note(lang):  # once for the app, not on every indicator
        st.sidebar.caption(note)

    signed_in = signed_in_user() is not None
    if not signed_in and st.session_state.get("signin_expired"):  # said wherever the page that needed it has gone
        st.sidebar.info(t("signin_expired", lang))
    shown = visible(signed_in, present)
    if viewers_need_signin() and not signed_in:  # configured in the secrets: nothing shows before sign-in
        shown = [p for p in PAGES if p.audience == "account"]
    pages = [
        st.Page(p.file, title=t(p.title_key, lang), icon=p.icon, url_path=p.url_path, default=(n == 0))
        for n, p in enumerate(shown)
    ]
    st.navigation(pages).run()


run_guarded(main)
