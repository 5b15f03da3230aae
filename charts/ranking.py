"""Ranks among the regions of data/regions.yaml (a province's prefectures, a country's provinces): 1 is best,
and is drawn on top; the axis runs from 1 to the number of regions."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.io.language import column_for, localized, pick
from loaders.readers.catalogue import note_in

from . import format as fmt
from .frame import caveats_of, framed
from .i18n import period_label, t
from .theme import GREY, RED


def rank_ticks(ranked_among: int) -> list[int]:
    """1, the last rank, and about three steps between: 1, 4, 8, 12, 16 for 16 regions; 1, 8, 16, 24, 31 for 31."""
    step = max(1, round(ranked_among / 4))
    return sorted({1, ranked_among, *range(step, ranked_among, step)})


def where(within: str, lang: str) -> dict[str, str]:
    """The words naming where a rank is taken (全国, a province), for the labels' {within}: the name itself in
    Chinese (全省位次), " of <name>" in English, nothing when the regions file does not say."""
    return {"within": pick(within, f" of {within}" if within else "", lang)}


def rank_dots(
    ranks: pd.DataFrame, region: str, source: str, as_of: str, lang: str = "zh", ranked_among: int = 1, within: str = ""
) -> go.Figure:
    """The region's latest rank per indicator (best on top), with an arrow from the previous rank where known."""
    rows = ranks.iloc[::-1]
    names = localized(rows, "name", lang).tolist()
    fig = go.Figure()
    moved = rows[rows["previous_rank"].notna()]
    # All arrows in one assignment: add_annotation in a loop revalidates every earlier annotation each time
    # (quadratic: 7.5 s for 300 indicators; see BENCHMARKS.md). The figure is the same.
    label = column_for("name", lang)
    fig.update_layout(
        annotations=[
            dict(
                x=rank,
                y=name,
                ax=previous,
                ay=name,
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=2,
                arrowcolor=GREY,
                text="",
            )
            for rank, name, previous in zip(moved["rank"], moved[label], moved["previous_rank"])
        ]
    )
    fig.add_scatter(
        x=rows["rank"],
        y=names,
        mode="markers+text",
        marker=dict(size=16, color=RED),
        text=[fmt.rank(r, lang) for r in rows["rank"]],
        textposition="middle right",
        customdata=_said(rows, lang),
        name=t("rankings", lang),
        hovertemplate="%{y}: %{text}<br>%{customdata}<extra></extra>",
    )
    last = max(ranked_among, int(ranks["rank"].max()) if not ranks.empty else 1)
    fig.update_xaxes(
        range=[0.5, last + 0.5], tickvals=rank_ticks(last), title=t("rank_axis_best_left", lang, **where(within, lang))
    )
    fig.update_layout(
        height=max(320, 170 + 40 * len(rows)), yaxis=dict(automargin=True), showlegend=False
    )  # one row still legible
    period = ", ".join(sorted(set(ranks["period"]))) if not ranks.empty else "—"
    return framed(
        fig,
        t("rank_chart_title", lang, region=region, **where(within, lang)),
        t("rank_unit", lang),
        period,
        source,
        as_of,
        lang,
        caveats_of(localized(ranks, "name", lang), [period_label(p, lang) for p in ranks["period"]], _codes(ranks)),
    )


def _codes(ranks: pd.DataFrame) -> list:
    return ranks["caveat"].tolist() if "caveat" in ranks else [None] * len(ranks)


def _said(rows: pd.DataFrame, lang: str) -> list[str]:
    """A rank's hover: its sentence, with its caveat (按获评计) before it and its note (按数量排名) after it."""
    notes = [
        note_in(a if isinstance(a, str) else None, b if isinstance(b, str) else None, lang)
        for a, b in zip(rows.get("note", [None] * len(rows)), rows.get("note_en", [None] * len(rows)))
    ]
    return [
        fmt.caveated("", k, lang).strip()
        + (q if isinstance(q, str) else "")
        + (f"<br>{t('labelled', lang, label=t('note_label', lang), text=n)}" if n else "")
        for q, k, n in zip(rows["quote"], _codes(rows), notes)
    ]


def rank_history(
    history: pd.DataFrame, name: str, source: str, as_of: str, lang: str = "zh", ranked_among: int = 1, within: str = ""
) -> go.Figure:
    """One indicator's rank over periods, with rank 1 at the top of the axis."""
    fig = go.Figure(
        go.Scatter(
            x=history["period"],
            y=history["rank"],
            mode="lines+markers+text",
            text=[fmt.rank(r, lang) for r in history["rank"]],
            textposition="middle right",
            line=dict(color=RED, width=3),
            customdata=_said(history, lang),
            hovertemplate="%{x}: %{text}<br>%{customdata}<extra></extra>",
        )
    )
    last = max(ranked_among, int(history["rank"].max()) if not history.empty else 1)
    fig.update_yaxes(
        range=[last + 0.5, 0.5],
        tickvals=rank_ticks(last) if last > 20 else None,
        dtick=1,
        title=t("rank_axis", lang, **where(within, lang)),
    )
    fig.update_xaxes(type="category")
    fig.update_layout(height=560, showlegend=False)
    periods = history["period"].tolist()
    period = "—" if not periods else periods[0] if len(periods) == 1 else f"{periods[0]}–{periods[-1]}"
    return framed(
        fig,
        name,
        t("rank_unit", lang),
        period,
        source,
        as_of,
        lang,
        caveats_of([name] * len(history), [period_label(p, lang) for p in history["period"]], _codes(history)),
    )


def provincial_bars(
    figures: pd.DataFrame, region: str, title: str, unit: str, period: str, source: str, as_of: str, lang: str = "zh"
) -> go.Figure:
    """Every prefecture's figure, highest on top, the city in red and the others in grey."""
    rows = figures.sort_values("rank", ascending=False)
    regions = localized(rows, "region", lang).fillna(rows["region"])
    fig = go.Figure(
        go.Bar(
            y=[f"{fmt.rank(r, lang)} {n}" for r, n in zip(rows["rank"], regions)],
            x=rows["value"],
            orientation="h",
            marker_color=[RED if r == region else GREY for r in rows["region"]],
            text=[fmt.number(v) for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        height=170 + 30 * len(rows),
        yaxis=dict(automargin=True),
        xaxis_title=fmt.unit_text(unit, lang),
        showlegend=False,
    )
    return framed(fig, title, unit, period, source, as_of, lang)
