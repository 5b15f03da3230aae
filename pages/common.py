"""Streamlit glue shared by the pages: the cached store, the chosen language, and how problems are shown.

Caching lives here only, so that loaders and charts stay plain functions testable without a running app."""
from __future__ import annotations

import streamlit as st

from charts.i18n import t
from loaders import store
from loaders.project import Project, data_root, fingerprint, load_project


@st.cache_resource(show_spinner=False, max_entries=2)
def _built(root: str, key: str) -> tuple[Project, object]:
    """The project and its in-memory DuckDB; `key` is the files' fingerprint, so any edit rebuilds both."""
    project = load_project(root)
    return project, (store.connect(project) if project.ok else None)


def project_and_store() -> tuple[Project, object]:
    root = data_root()
    project, con = _built(str(root), fingerprint(root))
    if con is None:
        st.error(t("problems_title", lang()))
        st.code("\n".join(p.format(lang()) for p in project.problems[:50]), language=None)
        st.stop()
    return project, con


def lang() -> str:
    return "en" if st.session_state.get("lang") == "English" else "zh"


def source_label(project: Project, source_id: str) -> str:
    return project.sources[source_id].label(lang())
