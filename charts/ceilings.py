"""Figures of reference standards: the subsidy ceilings of the child-rehabilitation policy."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.io.language import localized

from . import format as fmt
from .frame import framed
from .i18n import t
from .theme import RED


def ceilings(rows: pd.DataFrame, source: str, in_force: str, issued: str, lang: str = "zh") -> go.Figure:
    """Horizontal bars of the ceilings in 元, largest on top, each with its figure and, on hover, its sentence."""
    rows = rows.sort_values("value")
    # The title says these are ceilings; the row labels need only the service (short enough for a phone)
    names = [
        n.replace("补助上限", "").replace(" subsidy ceiling", "").replace(": ceiling", "")
        for n in localized(rows, "name", lang)
    ]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=rows["value"],
        orientation="h",
        marker_color=RED,
        showlegend=False,
        text=[fmt.number(v) for v in rows["value"]],
        textposition="outside",
        cliponaxis=False,
        customdata=rows["quote"],
        hovertemplate="%{y}: %{x:,}<br>%{customdata}<extra></extra>",
    )
    fig.update_layout(
        height=150 + 40 * len(rows), xaxis_title=t("rehab_yuan", lang), yaxis=dict(automargin=True), margin=dict(r=90)
    )
    return framed(fig, t("rehab_ceiling_chart", lang), "元", in_force, source, issued, lang)
