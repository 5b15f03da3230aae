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
    audience: str = "all"  # all: the dashboard; account: the sign-in page; staff: only signed-in staff
    needs: str | None = None  # the documents the page shows (a Project attribute): without them it leaves the menu

    @property
    def url(self) -> str:
        """The page's address: the first page (the default) lives at the root, whatever its url_path."""
        return "" if self is PAGES[0] else self.url_path


PAGES = [
    PageEntry("pages/overview.py", "overview", "overview", ":material/flag:"),
    PageEntry("pages/growth.py", "growth", "growth", ":material/trending_up:"),
    PageEntry("pages/progress.py", "progress", "progress", ":material/track_changes:"),
    PageEntry("pages/rankings.py", "rankings", "rankings", ":material/leaderboard:"),
    PageEntry("pages/tasks.py", "tasks", "tasks", ":material/checklist:", has_chart=False),
    PageEntry("pages/foodsafety.py", "foodsafety", "food_safety", ":material/health_and_safety:", needs="assessments"),
    PageEntry("pages/rehab.py", "rehab", "rehab", ":material/accessible:", needs="standards"),
    PageEntry("pages/sources.py", "sources", "sources", ":material/menu_book:", has_chart=False),
    PageEntry("pages/signin.py", "signin", "signin", ":material/login:", has_chart=False, audience="account"),
    PageEntry(
        "pages/maintenance.py", "maintenance", "maintenance", ":material/edit_note:", has_chart=False, audience="staff"
    ),
    PageEntry(
        "pages/draft_review.py",
        "draft_review",
        "draft_review",
        ":material/document_scanner:",
        has_chart=False,
        audience="staff",
    ),
]
VIEWER_PAGES = [p for p in PAGES if p.audience == "all"]


def visible(signed_in: bool, present: set[str] | None = None) -> list[PageEntry]:
    """The pages a person sees: the dashboard and the sign-in page; the maintenance page once signed in. With
    `present` (the documents the folder holds), a page whose documents are absent is left out."""
    return [
        p
        for p in PAGES
        if (p.audience in ("all", "account") or (signed_in and p.audience == "staff"))
        and (present is None or p.needs is None or p.needs in present)
    ]
