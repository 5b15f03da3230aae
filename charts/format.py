"""Numbers and targets written the Chinese way (1,000.24 亿元; 4.7%; 第6位; 增长7%以上), or in English."""
from __future__ import annotations

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


def measured(value: float | None, measure: str, unit: str, lang: str = "zh", comparator: str | None = None) -> str:
    """A fact's figure with its unit; a lower bound (1600多公里, 95%以上) keeps its '以上' / '+'."""
    if measure == "rank":
        return rank(value, lang)
    text = with_unit(value, "%" if measure == "yoy_pct" else unit, lang)
    if comparator == ">=" and not missing(value):
        text = f"{text}+" if lang == "en" else f"{text}以上"
    return text


def target(measure: str, comparator: str, value: float | None, unit: str, lang: str = "zh",
           relative_name: str | None = None) -> str:
    """A target in the report's own wording: 增长7%以上, 降低2%, 3%左右, 270 亿元以上, 与地区生产总值增长同步."""
    if comparator == "sync":
        return f"in step with {relative_name} growth" if lang == "en" else f"与{relative_name}增长同步"
    if measure == "yoy_pct":
        return _growth_target(comparator, value, lang)
    if measure == "change_pp":
        figure = f"{number(value)} pp" if lang == "en" else f"{number(value)}个百分点"
        return _bounded(comparator, f"+{figure}" if lang == "en" else f"提高{figure}", lang)
    figure = measured(value, measure, unit, lang)
    return _bounded(comparator, figure, lang)


def _growth_target(comparator: str, value: float, lang: str) -> str:
    if value < 0 and comparator in ("<=", "="):
        return f"fall of {number(-value)}% or more" if lang == "en" else f"降低{number(-value)}%"
    figure = f"{number(value)}%"
    if lang == "en":
        return {">=": f"growth ≥ {figure}", "<=": f"growth ≤ {figure}", "~": f"about {figure}"}.get(comparator, f"growth {figure}")
    return {">=": f"增长{figure}以上", "<=": f"增长不超过{figure}", "~": f"{figure}左右"}.get(comparator, f"增长{figure}")


def _bounded(comparator: str, figure: str, lang: str) -> str:
    if lang == "en":
        return {">=": f"≥ {figure}", "<=": f"≤ {figure}", "~": f"about {figure}"}.get(comparator, figure)
    return {">=": f"{figure}以上", "<=": f"{figure}以内", "~": f"{figure}左右"}.get(comparator, figure)


SYMBOLS = {">=": "≥", "<=": "≤", "~": "≈", "=": ""}


def target_short(comparator: str, value: float | None, unit: str, lang: str = "zh") -> str:
    """A target as a compact label for a bar or a card: ≥7%, ≈3%, ≤-2%, 同步."""
    if comparator == "sync":
        return "in step" if lang == "en" else "同步"
    figure = with_unit(value, unit, lang)
    return f"{SYMBOLS.get(comparator, '')}{figure}"


def bar_range(*columns) -> list[float]:
    """An axis range for horizontal bars with their labels outside: an eighth of the span beyond the longest bar on
    each side that has bars, so a label of a negative bar (能耗 ≤-2%) never runs into the row names."""
    values = [float(v) for column in columns for v in column if not missing(v)]
    low, high = min(values + [0.0]), max(values + [0.0])
    span = (high - low) or 1.0
    return [low - 0.125 * span if low < 0 else 0.0, high + 0.125 * span if high > 0 else 0.0]


MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:=&")


def plain_markdown(text) -> str:
    """Text from a data file or an upload, escaped so that st.markdown (and every element that renders Markdown:
    captions, alerts, expander labels) shows it as written: `![t](http://…)` in a note must not make every
    viewer's browser fetch an address, nor `<img>` become HTML, nor `$x$` a formula."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in str(text))
