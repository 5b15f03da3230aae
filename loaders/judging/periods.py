"""The calendar of the data: how a period is written, which months an indicator's figures may be published in, how
far into the year a period is, and which year the dashboard reports on.

A period is a year (`2022`, a whole-year figure) or a month (`2023-06`, cumulative January to June). The patterns
are plain text so that both Python's `re` and Arrow's RE2 (loaders/readers/columnwise.py) use the same ones; RE2's `\\d`
is ASCII only, so the column-wise reader accepts a subset and leaves anything else to the row reader."""

from __future__ import annotations

import re

PERIOD_PATTERN = r"^(\d{4})(-(0[1-9]|1[0-2]))?$"  # 2022 or 2023-06
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # 2023-06 only (monthly files)
PERIOD = re.compile(PERIOD_PATTERN)
MONTH_PERIOD = re.compile(MONTH_PATTERN)

# The months in which an indicator of each frequency has figures: quarterly ones at quarter ends, annual ones in
# December (the whole year's cumulative figure).
PUBLISHED_MONTHS: dict[str, tuple[int, ...]] = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (3, 6, 9, 12),
    "annual": (12,),
}


def published_in(frequency: str, month: int) -> bool:
    """Whether an indicator published `frequency` has a figure for `month`."""
    return month in PUBLISHED_MONTHS[frequency]


def months_elapsed(period: str) -> int:
    """'2023-06' -> 6 (cumulative January–June); '2023' -> 12 (the whole year)."""
    return int(period[5:7]) if len(period) == 7 else 12


def report_year(target_years: list[int]) -> int:
    """The year the dashboard reports on: the newest year the work report sets targets for."""
    return max(target_years)
