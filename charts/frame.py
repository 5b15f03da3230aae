"""The frame every chart carries, on screen and in exports: title, unit, period, 'data as of' and source.

All of it goes in the title block, which is placed against the whole figure (not the plot area), so a long
axis label on a phone can never push the source line off the image."""
from __future__ import annotations

import plotly.graph_objects as go

from . import format as fmt
from .i18n import t
from .theme import TEMPLATE_NAME


def framed(fig: go.Figure, title: str, unit: str, period: str, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    unit_text = t("unit_line", lang, unit=fmt.unit_text(unit, lang) or t("unit_count", lang))
    period_text = t("period_line", lang, period=period)
    facts_line = f"{unit_text}　{period_text}　{t('as_of', lang, period=as_of)}"
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=f"{title}<br><sup>{facts_line}<br>{t('source_line', lang, source=source)}</sup>"),
    )
    return fig
