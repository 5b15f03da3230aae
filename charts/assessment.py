"""Figures of a checklist self-assessment: score by part, score by lead department, the plan's phases against today."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from loaders.documents.assessment import month_end, month_start, phase_state

from . import format as fmt
from .frame import framed
from .i18n import t
from .theme import BLUE, GREY, RED


def score_by_part(parts: pd.DataFrame, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """One row per part: the points achieved over the part's weight as printed; where the checklist's points add
    up to less than the weight (items missing from the text), that shortfall is drawn apart and labelled."""
    rows = parts.iloc[::-1]
    names = rows["name"].tolist()
    missing = (rows["weight"] - rows["listed"]).clip(lower=0)
    open_points = (rows["weight"] - rows["achieved"] - missing).clip(lower=0)
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=rows["achieved"],
        orientation="h",
        name=t("score_achieved", lang),
        marker_color=RED,
        text=[fmt.number(v) for v in rows["achieved"]],
        textposition="inside",
        insidetextanchor="start",
    )
    fig.add_bar(
        y=names, x=open_points, orientation="h", name=t("score_open", lang), marker_color="#eeeeee", hoverinfo="skip"
    )
    fig.add_bar(
        y=names,
        x=missing,
        orientation="h",
        name=t("score_missing", lang),
        marker_color="white",
        marker_line=dict(color=GREY, width=1),
        marker_pattern_shape="/",
        hoverinfo="skip",
    )
    fig.update_traces(cliponaxis=False)
    labels = [
        t("score_of", lang, achieved=fmt.number(a), weight=fmt.number(w))
        for a, w in zip(rows["achieved"], rows["weight"])
    ]
    fig.add_scatter(
        y=names,
        x=rows["weight"],
        mode="text",
        text=labels,
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
    )
    fig.update_layout(
        barmode="stack",
        height=150 + 60 * len(rows),
        xaxis_title=t("points_axis", lang),
        xaxis_range=[0, float(rows["weight"].max()) * 1.2],  # room for the "a/b分" labels
        yaxis=dict(automargin=True),
        margin=dict(r=110),
    )
    return framed(
        fig, t("score_by_part_title", lang), t("points_unit", lang), t("self_period", lang), source, as_of, lang
    )


def score_by_department(departments: pd.DataFrame, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """Lead departments by the weight of the points they lead, with the score entered for those points."""
    rows = departments.iloc[::-1]
    names = rows["department"].tolist()
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=rows["weight"],
        orientation="h",
        name=t("score_weight", lang),
        marker_color="#eeeeee",
        marker_line=dict(color=GREY, width=1),
    )
    fig.add_bar(
        y=names,
        x=rows["achieved"],
        orientation="h",
        name=t("score_achieved", lang),
        marker_color=RED,
        text=[
            t("score_of", lang, achieved=fmt.number(a), weight=fmt.number(w))
            for a, w in zip(rows["achieved"], rows["weight"])
        ],
        textposition="outside",
        cliponaxis=False,
    )
    fig.update_layout(
        barmode="overlay",
        height=150 + 34 * len(rows),
        xaxis_title=t("points_axis", lang),
        yaxis=dict(automargin=True),
        margin=dict(r=110),
    )
    return framed(
        fig, t("score_by_department_title", lang), t("points_unit", lang), t("self_period", lang), source, as_of, lang
    )


def phase_timeline(phases: pd.DataFrame, today: dt.date, source: str, lang: str = "zh") -> go.Figure:
    """The plan's phases as bars on a calendar, coloured by whether they are over, under way or to come, with
    today marked."""
    rows = phases.iloc[::-1]
    colours = {"done": GREY, "current": RED, "upcoming": BLUE}
    fig = go.Figure()
    for state in ("done", "current", "upcoming"):
        part = rows[[phase_state(s, e, today) == state for s, e in zip(rows["start"], rows["end"])]]
        if part.empty:
            continue
        starts = [month_start(s) for s in part["start"]]
        ends = [month_end(e) + dt.timedelta(days=1) for e in part["end"]]
        fig.add_bar(
            y=part["name"],
            base=[s.isoformat() for s in starts],
            x=[(e - s).days * 86_400_000 for s, e in zip(starts, ends)],
            orientation="h",
            name=t(f"phase_{state}", lang),
            marker_color=colours[state],
            showlegend=True,
            customdata=list(zip(part["start"], part["end"], part["quote"])),
            hovertemplate="%{y}<br>%{customdata[0]} – %{customdata[1]}<br>%{customdata[2]}<extra></extra>",
        )
    fig.add_vline(x=today.isoformat(), line=dict(color=RED, dash="dot", width=2))
    fig.add_annotation(
        x=today.isoformat(),
        y=1,
        yref="paper",
        text=t("today", lang, date=today.isoformat()),
        showarrow=False,
        yanchor="bottom",
        font=dict(color=RED),
    )
    fig.update_layout(
        height=170 + 55 * len(rows),
        xaxis=dict(type="date", tickformat="%Y-%m"),
        yaxis=dict(automargin=True, categoryorder="array", categoryarray=rows["name"].tolist()),
    )
    period = f"{phases['start'].min()} – {phases['end'].max()}"
    return framed(fig, t("phases_title", lang), t("month_unit", lang), period, source, today.isoformat(), lang)
