"""Numbers and targets written the Chinese way (1,000.24 亿元; 4.7%; 第6位; 增长7%以上), or in English."""
from __future__ import annotations

import re

from loaders.comparators import COMPARATORS, DECLINE_EN, DECLINE_ZH, short_mark
from loaders.numbers import number_text


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


# Units as the report prints them, and how an English reader says them.
UNITS_EN = {
    "亿元": "100 mn yuan", "万元": "10k yuan", "元": "yuan", "万美元": "10k USD", "万人": "10k people",
    "万人次": "10k person-times", "万户": "10k units", "户": "units", "万个": "10k", "个": "", "件": "", "项": "items",
    "套": "flats", "万套": "10k flats", "名": "people", "家": "", "枚": "medals", "批次": "trains", "条": "",
    "条（段）": "sections", "县（区）": "counties", "届": "terms", "公里": "km", "平方公里": "km²",
    "万平方米": "10k m²", "万亩": "10k mu", "万吨": "10k t", "万千瓦": "10k kW", "个工作日": "working days",
    "吨标准煤/万元": "tce per 10k yuan", "位": "rank", "百分点": "pp", "%": "%",
    # food-safety checklist and child-rehabilitation standards
    "元/月": "yuan a month", "个月": "months", "岁": "years old", "年": "years", "分": "points",
    "批次/千人": "batches per 1,000 people", "学时": "class hours", "次": "times",
}


def unit_text(unit: str, lang: str = "zh") -> str:
    return UNITS_EN.get(unit, unit) if lang == "en" else unit


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
    return f"No. {int(value)}" if lang == "en" else f"第{int(value)}位"


def measured(value: float | None, measure: str, unit: str, lang: str = "zh", comparator: str | None = None,
             quote: str | None = None) -> str:
    """A fact's figure with its unit and its qualifier as printed: 95%以上, 5.2%左右, 突破50,000 亿元 (the word
    before the figure when the quote puts it there: 突破, 超过, 不低于, 控制在, 不超过), '+' / 'about' in English."""
    if measure == "rank":
        return rank(value, lang)
    text = with_unit(value, "%" if measure == "yoy_pct" else unit, lang)
    if isinstance(comparator, str) and comparator in COMPARATORS and not missing(value):
        before = _word_before(comparator, value, quote) if lang != "en" else None
        text = f"{before}{text}" if before else COMPARATORS[comparator].fact(text, lang)
    return text


def growth(value: float | None, comparator: str | None = None, quote: str | None = None, lang: str = "zh") -> str:
    """A growth rate with its printed qualifier: 11%以上, 5.2%左右."""
    return measured(value, "yoy_pct", "%", lang, comparator, quote)


def _word_before(comparator: str, value: float, quote: str | None) -> str | None:
    """The comparator's word printed right before a figure in its quote (突破5万亿元): kept as printed. The figure may
    be printed in another magnitude than shown, so any number directly after the word counts."""
    if not isinstance(quote, str):
        return None
    for word in COMPARATORS[comparator].words_zh:
        if re.search(re.escape(word) + r"[0-9]", quote):
            return word
    return None


def target(measure: str, comparator: str, value: float | None, unit: str, lang: str = "zh",
           relative_name: str | None = None) -> str:
    """A target in the report's own wording: 增长7%以上, 降低2%, 3%左右, 270 亿元以上, 与地区生产总值增长同步.
    The words come from the comparator table (loaders/comparators.py)."""
    rule = COMPARATORS[comparator]
    if rule.follows_related:
        return rule.wording(relative_name, True, lang)
    if measure == "yoy_pct":
        if value < 0 and rule.decline_reads_as_fall:
            return (DECLINE_EN if lang == "en" else DECLINE_ZH).format(figure=f"{number(-value)}%")
        return rule.wording(f"{number(value)}%", True, lang)
    if measure == "change_pp":
        figure = f"{number(value)} pp" if lang == "en" else f"{number(value)}个百分点"
        return rule.wording(f"+{figure}" if lang == "en" else f"提高{figure}", False, lang)
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
