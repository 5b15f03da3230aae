"""The leader's board: how many main targets are in each status, as the tappable strip above the overview's cards."""

from __future__ import annotations

import pandas as pd

from loaders.judging.status import STATUSES

from . import format as fmt
from .i18n import localized, period_label, t
from .status_style import symbol
from .thisyear import gap_words, months_label


def status_counts(targets: pd.DataFrame) -> dict[str, int]:
    """Targets per status, every status present (a zero says as much as a count), in reading order: behind first.
    Targets without a status (the scope of a task) are counted only when there are some: a zero of them says nothing."""
    counts = targets["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES if status != "unjudged" or counts.get(status, 0)}


def strip_option(status: str, count: int, lang: str = "zh") -> str:
    """One tappable count of the strip: ✖ 落后 3."""
    return t("strip_count", lang, mark=symbol(status), name=t(f"strip_short_{status}", lang), n=count)


def strip_text(counts: dict[str, int], lang: str = "zh") -> str:
    """The strip as one line of text, for speaker notes and the deck's summary: 落后 3 · 接近 2 · 达标 5 · 待更新 1."""
    return " · ".join(f"{t(f'strip_short_{s}', lang)} {n}" for s, n in counts.items())


def with_status(targets: pd.DataFrame, chosen: str | None) -> pd.DataFrame:
    """The cards the strip leaves: all of them when nothing is chosen."""
    return targets if chosen is None else targets[targets["status"] == chosen]


def position_line(row, year: int, lang: str = "zh", scope: str = "") -> str:
    """One target's position in words for a leader: 固定资产投资：1–6月增长 9.5%，目标增长14%以上，差 4.5 个百分点；
    全省第7位（1–6月）. `row` is a row of target_progress (loaders/judging/target_progress.py); `scope` is where the
    rank is counted (regions.scope(): 全省, 全市), '' for no word."""
    name = localized(row, "name", lang)
    relative = localized(row, "relative_name", lang)
    target = fmt.target(row.measure, row.comparator, row.target, row.unit, lang, relative)
    if row.measure == "yoy_pct":
        figure, gap = t("pos_growth", lang, value=fmt.with_unit(row.actual, "%")), gap_words(row, lang)
    else:
        figure = fmt.measured(row.actual, row.measure, row.unit, lang)
        gap = t(
            "pos_level_gap",
            lang,
            gap=fmt.with_unit(abs(row.gap), row.level_unit, lang),
            expected=fmt.with_unit(row.expected, row.level_unit, lang),
        )
    text = t(
        "pos_line", lang, name=name, period=months_label(row.actual_period, lang), figure=figure, target=target, gap=gap
    )
    rank, when = getattr(row, "latest_rank", None), getattr(row, "latest_rank_period", None)
    if not fmt.missing(rank) and isinstance(when, str):
        text += t(
            "pos_rank",
            lang,
            rank=fmt.rank(rank, lang),
            scope=scope,
            period=months_label(when, lang) if when[:4] == str(year) else period_label(when, lang),
        )
    return text
