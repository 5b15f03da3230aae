"""The dashboard's pages, in menu order: file, URL path, title key (charts/i18n.py) and icon.

dashboard.py registers exactly these with st.navigation; tests walk the same list, so no page goes untested."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    file: str
    url_path: str
    title_key: str
    icon: str
    has_chart: bool = True


PAGES = [
    PageEntry("pages/overview.py", "overview", "overview", "🎯"),
]
