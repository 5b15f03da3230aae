"""Targets against the previous year's results."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.io.language import localized
from loaders.judging.comparators import COMPARATORS

from . import format as fmt
from .frame import framed
from .growth import prev_labels
from .i18n import t
from .theme import GREY, RED


def growth_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """Growth targets with a number to draw: a target tied to another indicator (同步) takes that one's target."""
    growth = targets[targets["measure"] == "yoy_pct"].copy()
    own = growth.set_index("indicator_id")["target"]
    tied = growth["comparator"].map(lambda c: c in COMPARATORS and COMPARATORS[c].follows_related).astype(bool)
    growth.loc[tied, "target"] = growth.loc[tied, "relative_to"].map(own).to_numpy()
    return growth


def growth_vs_target(targets: pd.DataFrame, year: int, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """Horizontal bars: last year's growth beside this year's growth target, one row per indicator, first on top."""
    rows = growth_rows(targets).iloc[::-1]
    names = localized(rows, "name", lang).tolist()
    prev = year - 1
    wording = [fmt.target("yoy_pct", c, v, "%", lang, r, k) for c, v, r, k in
               zip(rows["comparator"], rows["target"], localized(rows, "relative_name", lang),
                   fmt.optional(rows, "caveat"))]
    labels = [fmt.target_short(c, v, "%", lang) for c, v in zip(rows["comparator"], rows["target"])]
    fig = go.Figure()
    fig.add_bar(y=names, x=rows["prev_yoy_pct"], orientation="h", name=t("series_prev", lang, prev=prev),
                marker_color=GREY, text=prev_labels(rows, lang, "prev_yoy_comparator", "prev_yoy_quote", "prev_yoy_caveat"),
                textposition="outside", cliponaxis=False, customdata=rows["prev_quote"].fillna(t("not_given", lang)),
                hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>")
    fig.add_bar(y=names, x=rows["target"], orientation="h", name=t("series_target", lang, year=year),
                marker_color=RED, text=labels, textposition="outside", cliponaxis=False,
                customdata=list(zip(wording, rows["quote"])),
                hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>")
    fig.update_layout(barmode="group", height=120 + 52 * len(rows), xaxis_title=t("growth_axis", lang),
                      yaxis=dict(automargin=True), xaxis_range=fmt.bar_range(rows["prev_yoy_pct"], rows["target"]))
    period = f"{prev}–{year}"
    return framed(fig, t("main_growth_title", lang, prev=prev, year=year), "%", period, source, as_of, lang)
