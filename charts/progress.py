"""One indicator through the year: cumulative figures month by month against the annual target."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.io.language import column_for, localized
from loaders.judging.comparators import COMPARATORS

from . import format as fmt
from .frame import caveats_of, framed
from .i18n import t
from .theme import BLUE, GREY, RED

MONTHS = list(range(1, 13))


def _months(frame: pd.DataFrame, year: int, measure: str) -> pd.DataFrame:
    """The year's monthly figures of one measure, with the month number (the year's own figure counts as 12)."""
    rows = frame[(frame["measure"] == measure) & frame["period"].str.startswith(str(year))].copy()
    rows["month"] = [int(p[5:7]) if len(p) == 7 else 12 for p in rows["period"]]
    return rows.sort_values("month")


def _caveats(series: pd.DataFrame, target: dict, year: int, lang: str) -> list[tuple[str, str, str]]:
    """The caveats of the figures drawn (last year's, this year's months) and of the target, for the frame."""
    name = localized(target, "name", lang)
    drawn = series[series["period"].str.startswith((str(year - 1), str(year)))]
    found = caveats_of(
        [name] * len(drawn),
        [t("series_prev", lang, prev=year - 1) if p == str(year - 1) else p for p in drawn["period"]],
        fmt.optional(drawn, "caveat"),
    )
    return found + caveats_of([name], [t("series_target", lang, year=year)], [target.get("caveat")])


def _keep_axes(fig: go.Figure, values: list) -> None:
    """With no monthly series yet, plotly would draw no axes, and so no target line: give it an empty trace and a
    y range around the figures that are there (target, band, last year)."""
    if any(trace.x is not None and len(trace.x) for trace in fig.data):
        return
    known = [float(v) for v in values if v is not None and v == v]
    fig.add_scatter(x=[1, 12], y=[None, None], mode="lines", showlegend=False, hoverinfo="skip")
    if known:
        low, high = min(known + [0.0]), max(known + [0.0])
        pad = max(1.0, (high - low) * 0.15)
        fig.update_yaxes(range=[low - pad, high + pad])


def _axis(fig: go.Figure, lang: str) -> None:
    ticks = [1, 3, 6, 9, 12]  # quarter ends: enough labels for a phone, the other months still have their place
    fig.update_xaxes(
        range=[0.5, 12.5],
        tickvals=ticks,
        title=t("month_axis", lang),
        ticktext=[t("month_tick", lang, m=m) for m in ticks],
    )


def _across(fig: go.Figure, shape: dict, y, yanchor: str, text: str) -> None:
    """A line or band across the whole plot width with its label at the left, above or below `y`: what plotly's
    add_hline and add_hrect add (annotation_position "top left" or "bottom left"), without their per-call work of
    locating the subplot (11 ms a line)."""
    fig.add_shape(xref="x domain", x0=0, x1=1, yref="y", **shape)
    fig.add_annotation(showarrow=False, text=text, x=0, xanchor="left", xref="x domain", y=y, yanchor=yanchor, yref="y")


def growth_progress(
    series: pd.DataFrame,
    target: dict,
    year: int,
    source: str,
    as_of: str,
    lang: str = "zh",
    related: pd.DataFrame | None = None,
) -> go.Figure:
    """Cumulative growth line against the growth target: a line for ≥/≤/=, a band for 左右, and for 同步 the related
    indicator's own growth line. Last year's growth is a dotted reference. No monthly figures: no line is drawn."""
    name = localized(target, "name", lang)
    fig = go.Figure()
    prev = series[(series["measure"] == "yoy_pct") & (series["period"] == str(year - 1))]
    if not prev.empty:
        value = float(prev["value"].iloc[0])
        said = {c: fmt.optional(prev, c)[0] for c in ("comparator", "quote", "caveat")}
        printed = fmt.growth(
            value,
            said["comparator"] if isinstance(said["comparator"], str) else None,
            said["quote"],
            lang,
            said["caveat"] if isinstance(said["caveat"], str) else None,
        )
        _across(
            fig,
            dict(type="line", y0=value, y1=value, line=dict(color=GREY, dash="dot")),
            value,
            "top",
            f"{t('series_prev', lang, prev=year - 1)} {printed}",
        )
    comparator, value = target["comparator"], target["target"]
    wording = fmt.target(
        "yoy_pct", comparator, value, "%", lang, target.get(column_for("relative_name", lang)), target.get("caveat")
    )
    rule = COMPARATORS[comparator]
    if rule.uses_tolerance:
        tolerance = target.get("tolerance") or 0
        _across(
            fig,
            dict(
                type="rect", y0=value - tolerance, y1=value + tolerance, fillcolor=RED, opacity=0.12, line=dict(width=0)
            ),
            value + tolerance,
            "top",
            t("target_band", lang, target=wording),
        )
    elif rule.follows_related and related is not None and not related.empty:
        months = _months(related, year, "yoy_pct")
        fig.add_scatter(
            x=months["month"],
            y=months["value"],
            mode="lines+markers",
            name=wording,
            line=dict(color=RED, dash="dash"),
            hovertemplate="%{x}月: %{y}%<extra></extra>",
        )
    elif value is not None and value == value:
        _across(
            fig,
            dict(type="line", y0=value, y1=value, line=dict(color=RED, dash="dash")),
            value,
            "bottom",
            t("labelled", lang, label=t("series_target", lang, year=year), text=wording),
        )
    months = _months(series, year, "yoy_pct")
    if not months.empty:
        fig.add_scatter(
            x=months["month"],
            y=months["value"],
            mode="lines+markers+text",
            name=name,
            line=dict(color=BLUE, width=3),
            text=[fmt.with_unit(v, "%") for v in months["value"]],
            textposition="top center",
            customdata=months["period"],
            hovertemplate="%{customdata}: %{y}%<extra></extra>",
        )
    band = (target.get("tolerance") or 0) if rule.uses_tolerance else 0
    _keep_axes(
        fig,
        [
            None if value is None else value - band,
            None if value is None else value + band,
            None if prev.empty else float(prev["value"].iloc[0]),
        ],
    )
    _axis(fig, lang)
    fig.update_layout(height=460, yaxis_title=t("growth_axis", lang), showlegend=True)
    return framed(
        fig,
        t("progress_chart_title", lang, name=name, year=year),
        "%",
        str(year),
        source,
        as_of,
        lang,
        _caveats(series[series["measure"] == "yoy_pct"], target, year, lang),
    )


def level_progress(
    series: pd.DataFrame, target: dict, year: int, source: str, as_of: str, lang: str = "zh"
) -> go.Figure:
    """Cumulative level bars against the target: pro-rated month by month (序时进度) for a flow, flat for a stock."""
    name = localized(target, "name", lang)
    unit = target["level_unit"]
    goal = target.get("target_in_level_unit")
    fig = go.Figure()
    if goal is not None and goal == goal:
        line = [goal * m / 12 for m in MONTHS] if target.get("level_kind") == "flow" else [goal] * 12
        fig.add_scatter(
            x=MONTHS,
            y=line,
            mode="lines",
            name=t("expected_now", lang),
            line=dict(color=RED, dash="dash"),
            hovertemplate="%{x}: %{y:.2f}<extra></extra>",
        )
    months = _months(series, year, "level")
    if not months.empty:
        fig.add_bar(
            x=months["month"],
            y=months["value"],
            name=name,
            marker_color=BLUE,
            text=[fmt.number(v) for v in months["value"]],
            textposition="outside",
            customdata=months["period"],
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        )
    _keep_axes(fig, [goal])
    _axis(fig, lang)
    fig.update_layout(height=460, yaxis_title=fmt.unit_text(unit, lang))
    return framed(
        fig,
        t("progress_level_title", lang, name=name, year=year),
        unit,
        str(year),
        source,
        as_of,
        lang,
        _caveats(series[series["measure"] == "level"], target, year, lang),
    )
