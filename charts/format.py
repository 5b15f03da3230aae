"""Numbers and targets written the Chinese way (1,000.24 亿元; 4.7%; 第6位; 增长7%以上), or in English."""

from __future__ import annotations

import re

from loaders.io.language import pick, t, unit_text  # noqa: F401  (unit_text: the charts' entry point)
from loaders.io.markup import from_plotly, plain_markdown, plain_plotly  # noqa: F401  (pages', charts' entry point)
from loaders.io.numbers import number_text
from loaders.judging.comparators import COMPARATORS, DECLINE_EN, DECLINE_ZH, short_mark


def missing(value) -> bool:
    return value is None or value != value


def number(value: float | None) -> str:
    """Thousands separated, no trailing zeros: 1,000.24; 35,021; 4.7."""
    if missing(value):
        return "—"
    whole, _, fraction = number_text(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def with_unit(value: float | None, unit: str, lang: str = "zh") -> str:
    if missing(value):
        return "—"
    if unit == "%":
        return f"{number(value)}%"
    shown = unit_text(unit, lang)
    if shown[:1].isdigit():  # a magnitude unit reads as "in units of": 1,000.24 (100 mn yuan)
        return f"{number(value)} ({shown})"
    return f"{number(value)} {shown}" if shown else number(value)


def rank(value: float | None, lang: str = "zh") -> str:
    if missing(value):
        return "—"
    return t("rank_figure", lang, n=int(value))


def optional(rows, column: str) -> list:
    """A column of `rows` (a DataFrame or a dict of columns) as a list, or None for each row when it lacks it (an older
    caller's rows without caveats or notes)."""
    if column in rows:
        return list(rows[column])
    return [None] * len(rows)


def caveat_words(code, lang: str = "zh") -> str:
    """A figure's caveat in words (同口径 / comparable basis), or '' for none: loaders/judging/vocabulary.CAVEATS."""
    return t(f"caveat_{code}", lang) if isinstance(code, str) and code else ""


def caveated(text: str, code, lang: str = "zh") -> str:
    """A figure's text with its caveat beside it: 52.25 亿元（同口径）."""
    words = caveat_words(code, lang)
    return t("in_parens", lang, text=text, inner=words) if words and text != "—" else text


def measured(
    value: float | None,
    measure: str,
    unit: str,
    lang: str = "zh",
    comparator: str | None = None,
    quote: str | None = None,
    caveat: str | None = None,
) -> str:
    """A fact's figure with its unit and its qualifier as printed: 95%以上, 5.2%左右, 突破50,000 亿元 (the word
    before the figure when the quote puts it there: 突破, 超过, 不低于, 控制在, 不超过), '+' / 'about' in English;
    and its caveat beside it (52.25 亿元（同口径）)."""
    if measure == "rank":
        return caveated(rank(value, lang), caveat, lang)
    text = with_unit(value, "%" if measure == "yoy_pct" else unit, lang)
    if isinstance(comparator, str) and comparator in COMPARATORS and not missing(value):
        before = pick(_word_before(comparator, quote), None, lang)
        text = f"{before}{text}" if before else COMPARATORS[comparator].fact(text, lang)
    return caveated(text, caveat, lang)


def growth(
    value: float | None,
    comparator: str | None = None,
    quote: str | None = None,
    lang: str = "zh",
    caveat: str | None = None,
) -> str:
    """A growth rate with its printed qualifier and caveat: 11%以上, 5.2%左右, 3.2%（同口径）."""
    return measured(value, "yoy_pct", "%", lang, comparator, quote, caveat)


def _word_before(comparator: str, quote: str | None) -> str | None:
    """The comparator's word printed right before a figure in its quote (突破5万亿元): kept as printed. The figure may
    be printed in another magnitude than shown, so any number directly after the word counts."""
    if not isinstance(quote, str):
        return None
    for word in COMPARATORS[comparator].words_zh:
        if re.search(re.escape(word) + r"[0-9]", quote):
            return word
    return None


def target(
    measure: str,
    comparator: str,
    value: float | None,
    unit: str,
    lang: str = "zh",
    relative_name: str | None = None,
    caveat: str | None = None,
) -> str:
    """A target in the report's own wording: 增长7%以上, 降低2%, 3%左右, 270 亿元以上, 与地区生产总值增长同步,
    with its caveat beside it (建成10个（按建成计）). The words come from the comparator table
    (loaders/judging/comparators.py)."""
    return caveated(_target_words(measure, comparator, value, unit, lang, relative_name), caveat, lang)


def _target_words(
    measure: str, comparator: str, value: float | None, unit: str, lang: str, relative_name: str | None
) -> str:
    rule = COMPARATORS[comparator]
    if rule.follows_related:
        return rule.wording(relative_name, True, lang)
    if measure == "yoy_pct":
        if value < 0 and rule.decline_reads_as_fall:
            return pick(DECLINE_ZH, DECLINE_EN, lang).format(figure=f"{number(-value)}%")
        return rule.wording(f"{number(value)}%", True, lang)
    if measure == "change_pp":
        return rule.wording(t("pp_raise", lang, figure=t("pp_figure", lang, n=number(value))), False, lang)
    return rule.wording(measured(value, measure, unit, lang), False, lang)


def target_short(comparator: str, value: float | None, unit: str, lang: str = "zh") -> str:
    """A target as a compact label for a bar or a card: ≥7%, ≈3%, ≤-2%, 同步."""
    if COMPARATORS[comparator].follows_related:
        return short_mark(comparator, lang)
    return f"{short_mark(comparator, lang)}{with_unit(value, unit, lang)}"


def bar_range(*columns) -> list[float]:
    """An axis range for horizontal bars with their labels outside: an eighth of the span beyond the longest bar on
    each side that has bars, so a label of a negative bar (能耗 ≤-2%) never runs into the row names."""
    values = [float(v) for column in columns for v in column if not missing(v)]
    low, high = min(values + [0.0]), max(values + [0.0])
    span = (high - low) or 1.0
    return [low - 0.125 * span if low < 0 else 0.0, high + 0.125 * span if high > 0 else 0.0]
