"""The frame every chart carries, on screen and in exports: title, unit, period, 'data as of' and source.

All of it goes in the title block, which is placed against the whole figure (not the plot area), so a long
axis label on a phone can never push the source line off the image."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import format as fmt
from .format import plain_plotly
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
    facts_line = plain_plotly(f"{unit_text}　{period_text}　{t('as_of', lang, period=as_of)}")
    note = plain_plotly(caveat_line(caveats, lang))
    plain_texts(fig)  # every name and note the chart's traces and notes carry, before our own markup joins them
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(
            text=f"{plain_plotly(title)}<br><sup>{facts_line}<br>{plain_plotly(t('source_line', lang, source=source))}"
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


TRACE_TEXTS = ("x", "y", "text", "customdata", "hovertext", "name")  # what a trace shows as text (hover included)
AXIS_TEXTS = ("categoryarray", "ticktext", "tickvals")


def plain_texts(fig: go.Figure) -> None:
    """Every text a figure's traces, notes, shapes and axes hold, escaped for plotly's markup (plain_plotly), in
    place: a name `<a href="http://…">x</a>` shows as written, never as a link. Category names are escaped alike
    wherever they stand (bar, note, shape, axis order), so they still meet. Untouched when nothing needs it."""
    for trace in fig.data:
        for field in TRACE_TEXTS:
            values = trace[field] if field in trace else None
            escaped = _plain(values)
            if escaped is not values:
                trace[field] = escaped
    layout = fig.layout.to_plotly_json()  # once: item by item costs a third of a millisecond each
    for kind in ("annotations", "shapes"):
        items = layout.get(kind, [])
        plain = [{k: _plain(v) for k, v in item.items()} for item in items]
        if plain != items:  # one assignment: plotly validates every item again on each
            fig.layout[kind] = plain
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        for field in AXIS_TEXTS:
            escaped = _plain(axis[field])
            if escaped is not axis[field]:
                axis[field] = escaped
        if isinstance(axis.title.text, str):  # "Rank of <the province> (1 is best)"
            axis.title.text = plain_plotly(axis.title.text)
    if isinstance(fig.layout.legend.title.text, str):
        fig.layout.legend.title.text = plain_plotly(fig.layout.legend.title.text)


def _plain(values):
    """`values` (a text, or texts nested in lists, tuples or arrays) escaped; the same object when none needed it."""
    if isinstance(values, str):
        escaped = plain_plotly(values)
        return values if escaped == values else escaped
    if isinstance(values, np.ndarray) and values.dtype.kind not in "OU":
        return values  # numbers
    if isinstance(values, (list, tuple, np.ndarray)):
        items, changed = [], False
        for value in values:
            escaped = _plain(value)
            changed = changed or escaped is not value
            items.append(escaped)
        return items if changed else values
    return values
