"""The monthly briefing (月度经济运行通报): the main targets at a month, written in the phrasing of a Chinese statistical
briefing, as a Word document and as Markdown.

content.py gathers the facts from the store (the same queries and status rules as the pages), phrases.py turns them
into sentences (pure, tested phrase by phrase), word.py and markdown.py write them out. The overview's chart goes in
as a picture when this machine can draw it (Chromium and a CJK font, charts/export.py); otherwise the document is
still written, with a note saying why the chart is missing: the text is the briefing, the chart is for presenters."""

from __future__ import annotations

import datetime as dt

from .. import export
from .content import Briefing, BriefingError, briefing
from .markdown import markdown_text
from .word import document_bytes

__all__ = [
    "DOCX_MIME",
    "Briefing",
    "BriefingError",
    "briefing",
    "chart_png",
    "document_bytes",
    "file_name",
    "markdown_text",
    "word_file",
]

# The chart on a 5:4 page (laid out 900×720 CSS pixels, drawn 1500 pixels wide): on the 156 mm of an A4 text
# column its labels stay legible, where the slides' 16:9 layout would shrink them to 5 pt.
CHART_WIDTH, CHART_HEIGHT = 1500, 1200
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chart_png(made: Briefing) -> tuple[bytes | None, str | None]:
    """The overview's chart as PNG, or None and the reason it cannot be drawn here."""
    if made.chart is None:
        return None, None
    found = export.environment()
    if not found.ok:
        return None, found.message()
    try:
        return export.figure_png(made.chart.figure, width=CHART_WIDTH, height=CHART_HEIGHT), None
    except export.ExportUnavailable as problem:
        return None, str(problem)


def word_file(ctx, period: str | None = None, today: dt.date | None = None) -> bytes:
    """The Word briefing for `period` (default: the newest), chart included when it can be drawn: the button's file."""
    made = briefing(ctx, period, today)
    png, problem = chart_png(made)
    return document_bytes(made, png, problem)


def file_name(ctx) -> str:
    """briefing-2023-06.docx: the newest period of the targets' year (the year itself before any figure), from the
    context's own fields, so that a page names the file without building it."""
    latest = ctx.latest_period
    return f"briefing-{latest if latest and latest[:4] == str(ctx.year) else ctx.year}.docx"
