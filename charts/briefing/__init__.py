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

__all__ = ["Briefing", "BriefingError", "briefing", "chart_png", "word_file", "DOCX_MIME"]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chart_png(made: Briefing) -> tuple[bytes | None, str | None]:
    """The overview's chart as PNG, or None and the reason it cannot be drawn here."""
    if made.chart is None:
        return None, None
    found = export.environment()
    if not found.ok:
        return None, found.message()
    try:
        return export.figure_png(made.chart.figure), None
    except export.ExportUnavailable as problem:
        return None, str(problem)


def word_file(ctx, period: str | None = None, today: dt.date | None = None) -> bytes:
    """The Word briefing for `period` (default: the newest), chart included when it can be drawn: the button's file."""
    made = briefing(ctx, period, today)
    png, problem = chart_png(made)
    return document_bytes(made, png, problem)


def file_name(made_or_ctx, period: str | None = None) -> str:
    return f"{made_or_ctx.file_stem}.docx"
