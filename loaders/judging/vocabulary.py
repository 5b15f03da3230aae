"""The fixed words of the data model: measures, scenarios, and how each reads in both languages.

Comparators (>=, <=, ~, =, sync) have a table of their own: loaders/judging/comparators.py."""
from __future__ import annotations

from loaders.judging.comparators import COMPARATORS, SYMBOLS, comparator_for_word  # noqa: F401  (re-exported)

MEASURES = ("level", "yoy_pct", "rank", "change_pp")
DIRECTIONS = ("higher_better", "lower_better")
FREQUENCIES = ("monthly", "quarterly", "annual")
RANK_BASES = ("yoy_pct", "level")
LEVEL_KINDS = ("flow", "stock")
# Parts of the catalogue whose indicators staff report monthly: the work report's review and tasks. Other parts
# (food_safety, standards) catalogue other documents of the gazette and are not in the monthly template.
MONTHLY_PARTS = ("review", "tasks")
SCENARIOS = ("actual", "target", "standard")  # standard: a rule a document sets (a subsidy ceiling), not a goal

# The unit of every measure but `level`, whose unit is the indicator's own.
MEASURE_UNITS = {"yoy_pct": "%", "rank": "位", "change_pp": "百分点"}

MEASURE_NAMES = {
    "level": ("数值", "Level"),
    "yoy_pct": ("增长(%)", "Growth (%)"),
    "rank": ("全省排名", "Rank in province"),
    "change_pp": ("变化(百分点)", "Change (pp)"),
}
