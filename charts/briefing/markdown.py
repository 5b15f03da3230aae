"""The briefing as Markdown: the same text and table as the Word document, for a wiki, an e-mail or a diff. Every
text of the briefing carries names, notes and sentences from the data files: each is escaped (plain_markdown), so a
name with `![x](http://…)`, `<img>` or `**` is printed as written; only this file's own headings and table are markup."""

from __future__ import annotations

import re

from ..format import plain_markdown
from ..i18n import t
from .content import Briefing
from .word import quote_lines

OUR_NUMBER = re.compile(r"\d+\. ")  # the appendix's own numbering (word.quote_lines): an ordered list


def _numbered(text: str) -> str:
    """An appendix line: its number stays a list item, the rest is the data's text."""
    number = OUR_NUMBER.match(text)
    return number.group(0) + plain_markdown(text[number.end() :]) if number else plain_markdown(text)


def markdown_text(briefing: Briefing, chart_file: str | None = None, chart_problem: str | None = None) -> str:
    """The briefing in Markdown; `chart_file` is the chart's PNG written beside it (else a note of why not)."""
    L = briefing.lang
    lines = [
        f"# {plain_markdown(briefing.title)}",
        "",
        plain_markdown(briefing.subtitle),
        "",
        f"## {t('briefing_overall', L)}",
        "",
        plain_markdown(briefing.summary),
        "",
        f"## {t('briefing_indicators' if briefing.has_figures else 'briefing_targets_listed', L)}",
        "",
    ]
    for text in briefing.paragraphs:
        lines += [plain_markdown(text), ""]
    header = [
        t("indicator", L),
        t("target", L, year=briefing.year),
        t("latest_actual", L),
        t("latest_period", L),
        t("gap", L),
        t("status", L),
        t("briefing_rank", L, scope=briefing.place.rank_label_scope(L)),
    ]
    lines += [
        f"## {t('briefing_table', L)}",
        "",
        "| " + " | ".join(plain_markdown(h) for h in header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in briefing.table:
        cells = (row.name, row.target, row.latest, row.period, row.gap, row.status, row.rank)
        lines.append("| " + " | ".join(plain_markdown(c) for c in cells) + " |")
    lines += ["", plain_markdown(t("briefing_table_note", L)), ""]
    if briefing.chart is not None:
        lines += [f"## {t('briefing_chart', L)}", ""]
        lines += [
            f"![{plain_markdown(briefing.chart.title)}]({chart_file})"
            if chart_file
            else plain_markdown(t("briefing_chart_missing", L, reason=chart_problem or "")),
            "",
        ]
    lines += [f"## {t('briefing_appendix', L)}", ""]
    for text in quote_lines(briefing):
        lines += [_numbered(text), ""]
    lines += [
        f"{plain_markdown(briefing.as_of)}  ",
        f"{plain_markdown(briefing.source_line)}  ",
        plain_markdown(briefing.made_on),
        "",
    ]
    return "\n".join(lines)
