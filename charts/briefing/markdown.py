"""The briefing as Markdown: the same text and table as the Word document, for a wiki, an e-mail or a diff."""

from __future__ import annotations

from ..i18n import t
from .content import Briefing
from .word import quote_lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_text(briefing: Briefing, chart_file: str | None = None, chart_problem: str | None = None) -> str:
    """The briefing in Markdown; `chart_file` is the chart's PNG written beside it (else a note of why not)."""
    L = briefing.lang
    lines = [
        f"# {briefing.title}",
        "",
        briefing.subtitle,
        "",
        f"## {t('briefing_overall', L)}",
        "",
        briefing.summary,
        "",
        f"## {t('briefing_indicators' if briefing.has_figures else 'briefing_targets_listed', L)}",
        "",
    ]
    for text in briefing.paragraphs:
        lines += [text, ""]
    header = [
        t("indicator", L),
        t("target", L, year=briefing.year),
        t("latest_actual", L),
        t("latest_period", L),
        t("gap", L),
        t("status", L),
        t("briefing_rank", L, scope=briefing.place.rank_label_scope(L)),
    ]
    lines += [f"## {t('briefing_table', L)}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in briefing.table:
        cells = (row.name, row.target, row.latest, row.period, row.gap, row.status, row.rank)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", t("briefing_table_note", L), ""]
    if briefing.chart is not None:
        lines += [f"## {t('briefing_chart', L)}", ""]
        lines += [
            f"![{briefing.chart.title}]({chart_file})"
            if chart_file
            else t("briefing_chart_missing", L, reason=chart_problem or ""),
            "",
        ]
    lines += [f"## {t('briefing_appendix', L)}", ""]
    for text in quote_lines(briefing):
        lines += [text, ""]
    lines += [f"{briefing.as_of}  ", f"{briefing.source_line}  ", briefing.made_on, ""]
    return "\n".join(lines)
