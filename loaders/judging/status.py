"""Progress against a target: met / close / behind / pending, and the 序时进度 figures. Pure functions, no I/O.

The rules (also in the README):
- Only figures of the target's own year count; before the first one arrives the status is `pending` (待更新).
- "=" (a bare figure) means reaching it: at least for higher-is-better indicators, at most for lower-is-better.
- "~" (左右) is met within ± tolerance on the side that matters: CPI 3%左右 is met at 3.5% or less.
- "sync" (与经济增长同步) is met when the growth keeps up with the related indicator's growth in the same period.
- A cumulative flow (investment, revenue, new jobs) is compared with its pro-rated annual target (序时进度:
  target × months / 12); a growth rate, a ratio or a stock (城镇化率, 累计建成高速公路) with the target itself.
- A target whose comparator is not judged (`scope`: 推进17个片区, the size of a task) has no status: `unjudged`.
- `close` is within the margin short of the mark: 1 percentage point for growth, 10 % of the expected level for levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.judging.comparators import COMPARATORS
from loaders.judging.periods import months_elapsed

# the order leaders read them in: problems first; unjudged: a target whose comparator says it is the scope of a task
STATUSES = ("behind", "close", "met", "pending", "unjudged")
CLOSE_PP = 1.0
CLOSE_SHARE = 0.9


@dataclass(frozen=True)
class Goal:
    measure: str  # level, yoy_pct, rank, change_pp
    comparator: str  # >=, <=, ~, =, sync
    value: float | None  # None for sync
    direction: str = "higher_better"
    tolerance: float | None = None
    level_kind: str = "flow"  # flow: cumulative within the year; stock: a rate or a running total


@dataclass(frozen=True)
class Progress:
    status: str
    expected: float | None = None  # where the figure should be by this period
    gap: float | None = None  # actual - expected: positive is ahead for >=, behind for <=
    bound: str | None = None  # ">=" or "<=": which side of `expected` is good


def expected_by(goal: Goal, period: str) -> float | None:
    """The target pro-rated to the period for a cumulative flow level; otherwise the target itself."""
    if goal.value is None:
        return None
    if goal.measure == "level" and goal.level_kind == "flow":
        return round(goal.value * months_elapsed(period) / 12, 10)
    return goal.value


def _bound_and_mark(goal: Goal, period: str, related: float | None) -> tuple[str, float | None]:
    """Which side is good and the figure to compare with: the comparator's own rule (loaders/judging/comparators.py)."""
    comparator = COMPARATORS[goal.comparator]
    mark = comparator.judged_mark(expected_by(goal, period), goal.tolerance, related, goal.direction)
    return comparator.bound(goal.direction), mark


def _margin(goal: Goal, mark: float) -> float:
    if goal.measure in ("yoy_pct", "change_pp"):
        return CLOSE_PP
    if goal.measure == "rank":
        return 1.0
    return abs(mark) * (1 - CLOSE_SHARE)


def evaluate(goal: Goal, actual: float | None, period: str | None, related: float | None = None) -> Progress:
    """Status of `actual` (a figure of `period` in the target's year) against `goal`."""
    if not COMPARATORS[goal.comparator].judged:
        return Progress("unjudged")
    if actual is None or period is None:
        return Progress("pending")
    bound, mark = _bound_and_mark(goal, period, related)
    if mark is None:
        return Progress("pending")
    gap = actual - mark
    shortfall = -gap if bound == ">=" else gap
    if shortfall <= 0:
        status = "met"
    elif shortfall <= _margin(goal, mark):
        status = "close"
    else:
        status = "behind"
    return Progress(status, mark, round(gap, 6), bound)


def required_remaining_growth(
    prev_year_level: float | None,
    target_growth: float | None,
    cumulative_level: float | None,
    cumulative_growth: float | None,
    period: str,
) -> float | None:
    """Growth (%) the rest of the year needs, over the same months last year, to reach the annual growth target.

    Last year's same-period level is implied by this year's cumulative level and growth. None when a figure is
    missing, or when the year is over."""
    if None in (prev_year_level, target_growth, cumulative_level, cumulative_growth) or months_elapsed(period) >= 12:
        return None
    annual_target = prev_year_level * (1 + target_growth / 100)
    last_year_so_far = cumulative_level / (1 + cumulative_growth / 100)
    last_year_rest = prev_year_level - last_year_so_far
    if last_year_rest <= 0:
        return None
    return round(((annual_target - cumulative_level) / last_year_rest - 1) * 100, 2)
