"""This year at a glance: for each main growth target, the latest cumulative figure against the target and the figure
the status is judged against (序时进度, a 左右 target's edge, or the related indicator for 同步), coloured by status.
Last year's result stays as a faint reference. The overview, the image export and the deck all draw this chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.judging.comparators import COMPARATORS
from loaders.judging.status import STATUSES

from . import format as fmt
from .frame import caveats_of, framed
from .growth import growth_caveats, prev_labels, wrapped
from .i18n import column_for, localized, period_label, pick, status_label, t
from .status_style import colour, symbol
from .targets import growth_rows
from .theme import GREY, RED

LINE_HEIGHT = 18  # a row is as tall as its name's lines (charts.growth.wrapped), never less than a labelled dot


def latest_period(rows: pd.DataFrame) -> str | None:
    """The newest period any row is judged on (they may differ: quarterly GDP, monthly investment)."""
    periods = [p for p in rows["actual_period"] if isinstance(p, str)]
    return max(periods) if periods else None


def now_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """The growth targets of `progress` in card order (behind first), each with the figure it is drawn against."""
    rows = growth_rows(progress).sort_values("status_order", kind="stable").reset_index(drop=True)
    rows["label"] = [wrapped(n, "zh") for n in rows["name"]]  # short lines: a phone keeps room for the dots
    rows["label_en"] = [wrapped(n, "en") for n in rows["name_en"]]
    return rows


def months_label(period: str, lang: str = "zh") -> str:
    """A period without its year, for a title that already names the year: 1–6月, Jan–Jun."""
    label = period_label(period, lang)
    return pick(label.removeprefix(f"{period[:4]}年"), label.removesuffix(f" {period[:4]}"), lang)


def _label(value, status: str) -> str:
    return f"{symbol(status)} {fmt.with_unit(value, '%')}"


def _measured_against(row, lang: str) -> str:
    """What the dot is compared with, in words: the hover says which figure the gap is measured from."""
    comparator = COMPARATORS.get(row.comparator)
    if comparator is not None and comparator.uses_tolerance:
        return t("edge_used", lang, edge=fmt.with_unit(row.expected, "%"))
    if comparator is not None and comparator.follows_related:
        return t("sync_used", lang, name=localized(row, "relative_name", lang), value=fmt.with_unit(row.expected, "%"))
    return t("target_used", lang, value=fmt.with_unit(row.expected, "%"))


def main_targets_now(progress: pd.DataFrame, year: int, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """A dot chart, one row per main growth target (behind-target first, on top)."""
    rows = now_rows(progress)
    label = pick("label", "label_en", lang)
    names = rows[label].tolist()
    fig = go.Figure()
    # Last year's result as printed (5.2%左右, 11%以上): the qualifier travels with the figure into the hover.
    fig.add_scatter(
        y=names,
        x=rows["prev_yoy_pct"],
        mode="markers",
        name=t("series_prev_faint", lang, prev=year - 1),
        marker=dict(color=GREY, size=9, symbol="circle-open", line=dict(width=1.5)),
        opacity=0.55,
        customdata=prev_labels(rows, lang, "prev_yoy_comparator", "prev_yoy_quote", "prev_yoy_caveat"),
        hovertemplate="%{y}: %{customdata}<extra>" + t("series_prev", lang, prev=year - 1) + "</extra>",
    )
    wording = [
        fmt.target("yoy_pct", c, v, "%", lang, r, k)
        for c, v, r, k in zip(
            rows["comparator"], rows["target"], rows[column_for("relative_name", lang)], fmt.optional(rows, "caveat")
        )
    ]
    fig.add_scatter(
        y=names,
        x=rows["target"],
        mode="markers",
        name=t("series_target", lang, year=year),
        marker=dict(color=RED, size=26, symbol="line-ns", line=dict(width=3, color=RED)),
        customdata=list(zip(wording, rows["quote"].fillna(""))),
        hovertemplate="%{y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    )
    judged = rows[rows["status"] != "pending"]
    differs = judged[(judged["expected"] - judged["target"]).abs().gt(1e-9) | judged["target"].isna()]
    if not differs.empty:
        fig.add_scatter(
            y=differs[label],
            x=differs["expected"],
            mode="markers",
            name=t("series_expected", lang),
            marker=dict(color=RED, size=13, symbol="diamond-open", line=dict(width=2)),
            customdata=[_measured_against(r, lang) for r in differs.itertuples()],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    for row in judged.itertuples():  # the gap as a line from the figure to what it is judged against
        fig.add_shape(
            type="line",
            xref="x",
            yref="y",
            x0=row.actual,
            x1=row.expected,
            y0=getattr(row, label),
            y1=getattr(row, label),
            line=dict(color=colour(row.status), width=3),
            opacity=0.5,
            layer="below",
        )
    for status in STATUSES:
        shown = rows[rows["status"] == status]
        if shown.empty:
            continue
        pending = status == "pending"
        fig.add_scatter(
            y=shown[label],
            x=shown["target"] if pending else shown["actual"],
            mode="text" if pending else "markers+text",
            name=f"{symbol(status)} {status_label(status, lang)}",
            marker=dict(color=colour(status), size=16),
            textfont=dict(color=colour(status)),
            text=[
                f"  {symbol(status)} {status_label(status, lang)}" if pending else _label(v, status)
                for v in shown["actual"]
            ],
            textposition="middle right" if pending else "top center",
            cliponaxis=False,
            customdata=[
                fmt.caveated(period_label(p, lang), k, lang) if isinstance(p, str) else ""
                for p, k in zip(shown["actual_period"], fmt.optional(shown, "actual_caveat"))
            ],
            hovertemplate="%{y}: %{x}%<br>%{customdata}<extra></extra>",
        )
    values = [rows[c] for c in ("prev_yoy_pct", "target", "actual", "expected")]
    low, high = fmt.bar_range(*values)
    lines = max([name.count("<br>") + 1 for name in names] or [1])
    fig.update_layout(
        height=150 + (28 + LINE_HEIGHT * lines) * len(rows),
        xaxis_title=t("growth_axis", lang),
        xaxis=dict(range=[low, high + (high - low) * 0.08], zeroline=True, nticks=6),
        yaxis=dict(categoryorder="array", categoryarray=names[::-1], automargin=True),
        showlegend=True,
    )
    period = latest_period(rows)
    title = (
        t("now_title", lang, year=year, period=months_label(period, lang))
        if period
        else t("now_title_pending", lang, year=year, prev=year - 1)
    )
    caveats = growth_caveats(rows, year, lang, "prev_yoy_caveat", "caveat")
    caveats += caveats_of(
        localized(rows, "name", lang),
        [period_label(p, lang) if isinstance(p, str) else "" for p in rows["actual_period"]],
        fmt.optional(rows, "actual_caveat"),
    )
    return framed(fig, title, "%", period_label(period, lang) if period else str(year), source, as_of, lang, caveats)


def now_notes(progress: pd.DataFrame, year: int, lang: str = "zh") -> list[str]:
    """Each main growth target's position in words, for speaker notes and the deck's summary."""
    notes, rows = [], now_rows(progress)
    printed_prev = prev_labels(rows, lang, "prev_yoy_comparator", "prev_yoy_quote", "prev_yoy_caveat")
    for row in rows.itertuples():
        name = localized(row, "name", lang)
        target = fmt.target(
            "yoy_pct",
            row.comparator,
            row.target,
            "%",
            lang,
            localized(row, "relative_name", lang),
            getattr(row, "caveat", None),
        )
        if row.status == "pending":
            prev = (
                ""
                if fmt.missing(row.prev_yoy_pct)
                else t("now_note_prev", lang, prev=year - 1, value=printed_prev[row.Index])
            )
            notes.append(t("now_note_pending", lang, name=name, target=target, year=year, prev=prev))
            continue
        notes.append(
            t(
                "now_note",
                lang,
                name=name,
                period=period_label(row.actual_period, lang),
                value=fmt.caveated(fmt.with_unit(row.actual, "%"), getattr(row, "actual_caveat", None), lang),
                target=target,
                status=status_label(row.status, lang),
                gap=gap_words(row, lang),
            )
        )
    return notes


def gap_words(row, lang: str = "zh") -> str:
    """A growth gap in words, naming the figure it is measured from when that is not the target itself
    (a 左右 target's edge, a 同步 target's related indicator): 差 0.6 个百分点（比较值：容差上限 3.5%）."""
    if fmt.missing(row.gap):
        return ""
    size = fmt.number(abs(row.gap))
    if row.bound == "<=":  # an at-most target (CPI): above the mark is short of it
        text = t("gap_over_limit" if row.gap > 0 else "gap_under_limit", lang, value=size)
    else:
        text = t("gap_short" if row.gap < 0 else "gap_ahead", lang, value=size)
    return text + basis_words(row, lang)


def basis_words(row, lang: str = "zh") -> str:
    """For a 左右 or 同步 growth target, the figure its gap is measured from, in brackets; else nothing."""
    if row.measure != "yoy_pct" or row.comparator not in ("~", "sync") or fmt.missing(row.expected):
        return ""
    return t("gap_basis", lang, basis=_measured_against(row, lang))
