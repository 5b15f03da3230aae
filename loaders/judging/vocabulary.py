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

# The unit of every measure but `level`, whose unit is the indicator's own.
MEASURE_UNITS = {"yoy_pct": "%", "rank": "位", "change_pp": "百分点"}

# A figure's caveat (a target's `caveat:` in indicators.yaml, the results file's `caveat` column): what a reader must
# know to read the figure right, as a code; its words, in both languages, are loaders/io/messages.yaml's
# caveat_<code>. Where the report prints the caveat's word (同口径), the figure's quote must contain it.
CAVEATS = {
    "comparable_basis": "同口径",  # on a comparable basis: last year's figure restated to this year's scope
    "counted_rated": "获评",  # counts what was rated (获评), where another year counts what was built
    "counted_built": "建成",  # counts what was built (建成)
    "counted_applied": "创建申报",  # counts what was created and applied for, not yet rated
    "estimated": "预计",  # an estimate (预计), before the year's statistics
    "preliminary": "初步核算",  # a preliminary accounting figure
    "unit_not_printed": None,  # the report prints no unit: the indicator's is the conventional one
}

MEASURE_NAMES = {
    "level": ("数值", "Level"),
    "yoy_pct": ("增长(%)", "Growth (%)"),
    "rank": ("排名", "Rank"),  # among the regions of data/regions.yaml: a province's, a country's, a city's
    "change_pp": ("变化(百分点)", "Change (pp)"),
}
