"""Targets with their progress: a target's figures judged by the status rules (loaders/judging/status.py).

Pure: a frame of targets with their latest figures in (loaders/store.target_inputs makes it), the same frame with
status, expected figure (序时进度), gap and growth still needed out. loaders/progress.py composes the two."""

from __future__ import annotations

import pandas as pd

from loaders.judging.comparators import COMPARATORS
from loaders.judging.status import STATUSES, Goal, evaluate, required_remaining_growth


def _number(value) -> float | None:
    return None if value is None or value != value else float(value)


def _judge(row) -> dict:
    goal = Goal(
        row.measure,
        row.comparator,
        _number(row.target_in_level_unit if row.measure == "level" else row.target),
        row.direction,
        _number(row.tolerance),
        row.level_kind,
    )
    actual = _number(row.actual_in_level_unit if row.measure == "level" else row.actual)
    period = row.actual_period if isinstance(row.actual_period, str) else None
    progress = evaluate(goal, actual, period, _number(row.related_actual))
    needed = None
    rule = COMPARATORS[row.comparator]
    if row.measure == "yoy_pct" and rule.judged and not rule.follows_related and period:
        needed = required_remaining_growth(
            _number(row.prev_level), _number(row.target), _number(row.latest_level), _number(row.latest_yoy_pct), period
        )
    return {
        "status": progress.status,
        "expected": progress.expected,
        "gap": progress.gap,
        "bound": progress.bound,
        "required_growth": needed,
    }


def judge_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Every target of the frame with status, expected figure (序时进度), gap, bound and growth still needed."""
    judged = pd.DataFrame(
        [_judge(row) for row in targets.itertuples()], columns=["status", "expected", "gap", "bound", "required_growth"]
    )
    frame = pd.concat([targets.reset_index(drop=True), judged], axis=1)
    frame["status_order"] = frame["status"].map({s: n for n, s in enumerate(STATUSES)})
    return frame


def with_final_mark(record: pd.DataFrame) -> pd.DataFrame:
    """A whole-year figure (the next report's result, or a yearbook's) is final; a December cumulative figure from
    the monthly files is provisional until the next report states the year's result."""
    if record.empty:
        return record
    record["final"] = record["actual_period"] == record["year"].astype(str)
    return record


def main_only(progress: pd.DataFrame, catalogue) -> pd.DataFrame:
    """The main targets (the sections flagged `main: true` in the catalogue) among judged targets."""
    return progress[progress["section"].isin(catalogue.main_sections)]


def is_main(progress: pd.DataFrame, catalogue) -> pd.Series:
    return progress["section"].isin(catalogue.main_sections)
