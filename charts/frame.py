"""The frame every chart carries, on screen and in exports: title, unit, period, source and 'data as of'."""
from __future__ import annotations

import plotly.graph_objects as go

from .i18n import t
from .theme import TEMPLATE_NAME


def framed(fig: go.Figure, title: str, unit: str, period: str, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    unit_text = f"单位：{unit}" if lang != "en" else f"Unit: {unit}"
    period_text = f"期间：{period}" if lang != "en" else f"Period: {period}"
    fig.update_layout(
        template=TEMPLATE_NAME,
        title=dict(text=f"{title}<br><sup>{unit_text}　{period_text}　{t('as_of', lang, period=as_of)}</sup>"),
    )
    fig.add_annotation(text=t("source_line", lang, source=source), xref="paper", yref="paper", x=0, y=0,
                       yshift=-60, xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color="#666666"))
    return fig
