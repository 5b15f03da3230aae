"""The frame every chart carries, on screen and in exports: title, unit, period, 'data as of' and source.

All of it goes in the title block, which is placed against the whole figure (not the plot area), so a long
axis label on a phone can never push the source line off the image."""

from __future__ import annotations

import plotly.graph_objects as go

from . import format as fmt
from .i18n import t
from .theme import TEMPLATE_NAME

CAVEAT_LINE_PX = 20  # the title block's fourth line, when a figure shown has a caveat


def framed(
    fig: go.Figure, title: str, unit: str, period: str, source: str, as_of: str, lang: str = "zh", caveats=()
) -> go.Figure:
    """`caveats`: (name, when, caveat code) of the figures drawn that have one, said on a line of their own
    (注：一般公共预算收入2022年：同口径), so that a PNG, an SVG or a slide carries them with the figure."""
    unit_text = t("unit_line", lang, unit=fmt.unit_text(unit, lang) or t("unit_count", lang))
    period_text = t("period_line", lang, period=period)
    facts_line = f"{unit_text}　{period_text}　{t('as_of', lang, period=as_of)}"
    note = caveat_line(caveats, lang)
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(
            text=f"{title}<br><sup>{facts_line}<br>{t('source_line', lang, source=source)}"
            + (f"<br>{note}" if note else "")
            + "</sup>"
        ),
    )
    if note:  # a line more above the plot: the figure grows by it, so the plot keeps its height
        fig.update_layout(margin_t=(fig.layout.margin.t or 150) + CAVEAT_LINE_PX)
        if fig.layout.height:
            fig.update_layout(height=fig.layout.height + CAVEAT_LINE_PX)
    return fig


def caveat_line(caveats, lang: str = "zh") -> str:
    """注：一般公共预算收入2022年：同口径；省级绿美村庄2023年目标：按建成计 — each (name, when, code) once."""
    items = [
        t("caveat_item", lang, name=name, period=when, words=fmt.caveat_words(code, lang))
        for name, when, code in dict.fromkeys(caveats)
        if isinstance(code, str) and code
    ]
    return t("caveats_line", lang, items=t("caveats_sep", lang).join(items)) if items else ""


def caveats_of(names, whens, codes) -> list[tuple[str, str, str]]:
    """(name, when, code) for each figure of a column that has a caveat."""
    return [(n, w, c) for n, w, c in zip(names, whens, codes) if isinstance(c, str) and c]
