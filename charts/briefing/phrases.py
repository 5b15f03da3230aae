"""The briefing's sentences in the phrasing of a Chinese statistical briefing (月度经济运行通报), from facts only.

Pure functions: a `Line` (one main target and what the data say about it at the briefing's period) in, text out.
No figure is written here: every number comes from the Line, every place word from the project's data (全市 from the
place's own name, 全省 from its province's). Chinese is the office's document; English says the same for readers
of the English interface.

Conventions followed (those of monthly statistical briefings):
- monthly figures are cumulative from January: 1—9月; quarterly ones are named by their quarter (一季度, 上半年,
  前三季度, 全年) and annual ones by their year;
- growth is 同比增长 / 同比下降 N%; a growth target is compared in percentage points (高于/低于全年目标N个百分点);
  a 左右 target by its band, a 降低 target by the size of the fall, a 同步 target by the related indicator's growth;
- a cumulative level (a flow) is compared with 序时进度 (the target pro-rated to the months elapsed);
- the rank is 全省排第N位, with its move since the previous ranked period (前移/后移N位, 与上期持平);
- a figure of an earlier period is never shown as this period's: the sentence says 本期无数据.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.judging.comparators import COMPARATORS

from .. import format as fmt
from ..i18n import pick

QUARTERS = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
QUARTERS_EN = {3: "Q1", 6: "H1", 9: "Q1–Q3", 12: "the whole year"}
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Line:
    """One main target and the facts the briefing states about it at its period."""

    name: str
    measure: str  # yoy_pct or level: what the target is about
    comparator: str  # >=, <=, ~, =, sync
    target: float | None  # in the target's unit (% for growth); None for sync
    unit: str  # the level's unit (亿元, 元)
    frequency: str = "monthly"  # monthly, quarterly, annual
    direction: str = "higher_better"
    tolerance: float | None = None
    level_kind: str = "flow"
    relative_name: str | None = None
    period: str | None = None  # the briefing's period ('2023-09')
    figure_period: str | None = None  # the period of the figures below (None: no figure of the year yet)
    growth: float | None = None  # 同比 growth (%) at figure_period
    level: float | None = None  # cumulative level at figure_period, in `unit`
    growth_same_period_last_year: float | None = None
    related_growth: float | None = None  # the 同步 target's related indicator, same period
    expected: float | None = None  # 序时进度 for a level target
    rank: int | None = None  # at figure_period
    previous_rank: int | None = None
    previous_rank_period: str | None = None
    previous_period_adjacent: bool = False  # the previous rank is the period just before (上期)
    last_period: str | None = None  # the indicator's newest figure before the briefing's period (no figure now)
    prev_year: int | None = None
    prev_year_growth: float | None = None
    prev_year_level: float | None = None
    caveat: str | None = None  # the target's caveat (loaders/judging/vocabulary.CAVEATS)
    prev_year_caveat: str | None = None  # last year's result's (同口径)


@dataclass(frozen=True)
class Place:
    """Where the briefing is about, from the project's data: the place (某市) and its province (某省)."""

    name: str
    province: str | None = None
    name_en: str | None = None
    province_en: str | None = None

    @property
    def scope(self) -> str:
        """全市 for a city, 全州 for a prefecture, 全县 for a county: its own last character."""
        return f"全{self.name[-1]}" if self.name else ""

    @property
    def rank_scope(self) -> str:
        """全省 in a province, 全区 in an autonomous region: where the rank is counted."""
        return f"全{self.province[-1]}" if self.province else ""

    def rank_label_scope(self, lang: str = "zh") -> str:
        """For a label: 全省位次, "Rank in <the province's English name>"."""
        return pick(self.rank_scope, f" in {self.province_en}" if self.province_en else "", lang)

    def rank_scope_in(self, lang: str = "zh") -> str:
        """rank_scope in `lang`: "in <the province's English name>" in English (nothing when the regions file gives none)."""
        return pick(self.rank_scope, f"in {self.province_en}" if self.province_en else "", lang)


def _en(lang: str) -> bool:
    return pick(False, True, lang)


def pp(value: float, lang: str = "zh") -> str:
    """A difference in percentage points, unsigned: 5.2个百分点."""
    return f"{fmt.number(abs(value))} pp" if _en(lang) else f"{fmt.number(abs(value))}个百分点"


def period_words(period: str, lang: str = "zh") -> str:
    """The cumulative period: '2023-09' -> 1—9月, '2023-01' -> 1月, '2023' -> 全年."""
    if len(period) == 4:
        return "the whole year" if _en(lang) else "全年"
    month = int(period[5:7])
    if _en(lang):
        return "January" if month == 1 else f"January–{MONTHS_EN[month - 1]}"
    return "1月" if month == 1 else f"1—{month}月"


def quarter_words(period: str, lang: str = "zh") -> str:
    """A quarterly figure's period: '2023-03' -> 一季度, '2023-06' -> 上半年, '2023-09' -> 前三季度, '2023-12' -> 全年."""
    month = 12 if len(period) == 4 else int(period[5:7])
    return (QUARTERS_EN if _en(lang) else QUARTERS).get(month) or period_words(period, lang)


def figure_period_words(period: str, frequency: str, lang: str = "zh") -> str:
    if frequency == "quarterly":
        return quarter_words(period, lang)
    return period_words(period, lang)


def title_period(year: int, period: str | None, lang: str = "zh") -> str:
    """The period in the title: 2023年1—9月; 2023年 for the year or when there is no monthly figure yet."""
    if period is None or len(period) == 4 or period.endswith("-12"):
        return str(year) if _en(lang) else f"{year}年"
    return f"{period_words(period, lang)} {year}" if _en(lang) else f"{year}年{period_words(period, lang)}"


def title_lines(place: Place, year: int, period: str | None, lang: str = "zh") -> tuple[str, str]:
    """The title's two halves, where a long title breaks: (某市2023年1—9月, 主要经济指标完成情况)."""
    if _en(lang):
        return f"{place.name_en or place.name}:", f"main economic indicators, {title_period(year, period, lang)}"
    return f"{place.name}{title_period(year, period, lang)}", "主要经济指标完成情况"


def title(place: Place, year: int, period: str | None, lang: str = "zh") -> str:
    """某市2023年1—9月主要经济指标完成情况."""
    return (
        " ".join(title_lines(place, year, period, lang))
        if _en(lang)
        else "".join(title_lines(place, year, period, lang))
    )


# Statistical bulletins say prices 上涨 (居民消费价格同比上涨2.0%) and volumes 增长: a price is named so.
PRICE_NAMES = ("价格", "价格指数", "价格总水平")


def change(value: float, lang: str = "zh", name: str = "") -> str:
    """同比增长8.8% / 同比下降2.1% / 与上年同期持平; a price (by its Chinese name) 同比上涨2.1%."""
    if value == 0:
        return "unchanged year on year" if _en(lang) else "与上年同期持平"
    if _en(lang):
        return f"{'up' if value > 0 else 'down'} {fmt.number(abs(value))}% year on year"
    rise = "上涨" if name.endswith(PRICE_NAMES) else "增长"
    return f"同比{rise if value > 0 else '下降'}{fmt.number(abs(value))}%"


def level_words(value: float, unit: str, lang: str = "zh") -> str:
    """A level with its unit as the report prints it: 200.7亿元, 17,900元."""
    if _en(lang):
        return fmt.with_unit(value, unit, lang)
    return f"{fmt.number(value)}{unit}"


def versus_last_year(growth: float, last_year: float | None, lang: str = "zh") -> str | None:
    """Against the same period of last year: 比上年同期加快/回落N个百分点 (None without last year's figure)."""
    if last_year is None:
        return None
    return _gap(
        round(growth - last_year, 6),
        lang,
        ("增速与上年同期持平", "the same pace as a year earlier"),
        ("增速比上年同期加快{pp}", "{pp} faster than a year earlier"),
        ("增速比上年同期回落{pp}", "{pp} slower than a year earlier"),
    )


def _gap(gap: float, lang: str, level: tuple[str, str], more: tuple[str, str], less: tuple[str, str]) -> str:
    """A gap in percentage points in one of three phrasings (Chinese, English): level, more or less by {pp}."""
    zh, en = level if gap == 0 else more if gap > 0 else less
    return pick(zh, en, lang).format(pp=pp(gap, lang))


def against_growth_target(line: Line, lang: str = "zh") -> str | None:
    """The growth against the year's target, in percentage points, in the wording the target was set in."""
    growth = line.growth
    if growth is None:
        return None
    comparator = COMPARATORS.get(line.comparator)
    if comparator is not None and comparator.follows_related:
        return against_related(growth, line.related_growth, line.relative_name or "", lang)
    if line.target is None:
        return None
    target = line.target
    if comparator is not None and comparator.uses_tolerance:
        return against_band(growth, target, line.tolerance or 0.0, lang)
    if target < 0 and comparator is not None and comparator.decline_reads_as_fall:
        return against_fall(growth, target, lang)
    return _gap(
        round(growth - target, 6),
        lang,
        ("与全年目标持平", "level with the year's target"),
        ("高于全年目标{pp}", "{pp} above the year's target"),
        ("低于全年目标{pp}", "{pp} below the year's target"),
    )


def against_band(growth: float, target: float, tolerance: float, lang: str = "zh") -> str:
    """A 左右 target: inside its band, or above/below the figure by N points (CPI 3%左右)."""
    figure = f"{fmt.number(target)}%"
    gap = round(growth - target, 6)
    if abs(gap) <= tolerance:
        return f"within the target of about {figure}" if _en(lang) else f"处于{figure}左右的目标区间内"
    if _en(lang):
        return f"{pp(gap, lang)} {'above' if gap > 0 else 'below'} the target of about {figure}"
    return f"{'高于' if gap > 0 else '低于'}{figure}左右的目标{pp(gap, lang)}"


def against_fall(growth: float, target: float, lang: str = "zh") -> str:
    """A 降低N% target (能耗): the fall against the fall asked for."""
    wanted = -target
    if growth >= 0:
        if _en(lang):
            return f"no fall yet, against a target fall of {fmt.number(wanted)}%"
        return f"未实现下降，距降低{fmt.number(wanted)}%的目标差{pp(growth - target, lang)}"
    gap = round(-growth - wanted, 6)
    if gap == 0:
        return f"the fall matches the target of {fmt.number(wanted)}%" if _en(lang) else "降幅与目标持平"
    if _en(lang):
        return f"the fall is {pp(gap, lang)} {'more' if gap > 0 else 'less'} than the target"
    return f"降幅{'超过' if gap > 0 else '低于'}目标{pp(gap, lang)}"


def against_related(growth: float, related: float | None, relative_name: str, lang: str = "zh") -> str:
    """A 同步 target: faster or slower than the related indicator's growth in the same period."""
    if related is None:
        if _en(lang):
            return f"{relative_name} growth for the same period is not available yet"
        return f"同期{relative_name}增速暂无数据，尚不能判断是否同步"
    gap = round(growth - related, 6)
    if gap == 0:
        return f"in step with {relative_name} growth" if _en(lang) else f"与{relative_name}增速持平，实现同步"
    if _en(lang):
        return f"{pp(gap, lang)} {'faster' if gap > 0 else 'slower'} than {relative_name} growth"
    return f"{'快于' if gap > 0 else '慢于'}{relative_name}增速{pp(gap, lang)}"


def against_schedule(line: Line, lang: str = "zh") -> str | None:
    """A level target: a cumulative flow against 序时进度; a stock (a rate, a running total) against the target."""
    if line.level is None or line.target is None:
        return None
    if line.level_kind == "flow" and line.figure_period and len(line.figure_period) == 7:
        done = line.level / line.target * 100
        schedule = int(line.figure_period[5:7]) / 12 * 100
        gap = round(done - schedule, 1)
        share = fmt.number(round(done, 1))
        if _en(lang):
            pace = "on schedule" if gap == 0 else f"{pp(gap, lang)} {'ahead of' if gap > 0 else 'behind'} schedule"
            return f"{share}% of the year's target, {pace}"
        pace = "与序时进度持平" if gap == 0 else f"{'快于' if gap > 0 else '慢于'}序时进度{pp(gap, lang)}"
        return f"完成全年目标的{share}%，{pace}"
    gap = round(line.level - line.target, 6)
    lower_better = line.direction == "lower_better"
    reached = gap <= 0 if lower_better else gap >= 0
    if _en(lang):
        return (
            "the year's target reached"
            if reached
            else f"{level_words(abs(gap), line.unit, lang)} short of the year's target"
        )
    return "已达到全年目标" if reached else f"距全年目标还差{level_words(abs(gap), line.unit, lang)}"


def earlier_words(previous: str, current: str | None, lang: str = "zh") -> str:
    """An earlier period named as a briefing names it: 1—3月 in the same year, 2022年 (or 2022年1—9月) before it."""
    if current and previous[:4] == current[:4]:
        return period_words(previous, lang)
    if len(previous) == 4:
        return previous if _en(lang) else f"{previous}年"
    return (
        f"{period_words(previous, lang)} {previous[:4]}"
        if _en(lang)
        else f"{previous[:4]}年{period_words(previous, lang)}"
    )


def rank_words(
    rank: int,
    previous: int | None,
    previous_period: str | None,
    adjacent: bool,
    scope: str,
    lang: str = "zh",
    current: str | None = None,
) -> str:
    """全省排第9位，较上期后移2位 (lower is better: a smaller number is a move forward, 前移). The earlier rank is
    上期 when it is the period just before, otherwise named (较1—3月, 较2022年)."""
    if _en(lang):
        text = f"ranked No. {rank} {scope}" if scope else f"ranked No. {rank}"
    else:
        text = f"{scope}排第{rank}位" if scope else f"排第{rank}位"
    if previous is None or previous_period is None:
        return text
    if adjacent:
        before = "the previous period" if _en(lang) else "上期"
    else:
        before = earlier_words(previous_period, current, lang)
    move = previous - rank
    if _en(lang):
        if move == 0:
            return f"{text}, unchanged from {before}"
        return f"{text}, {abs(move)} place{'s' if abs(move) > 1 else ''} {'up' if move > 0 else 'down'} on {before}"
    if move == 0:
        return f"{text}，与{before}持平"
    return f"{text}，较{before}{'前移' if move > 0 else '后移'}{abs(move)}位"


def target_words(line: Line, lang: str = "zh") -> str:
    """The year's target in the report's wording (增长7%以上, 3%左右, 与地区生产总值增长同步)."""
    return fmt.target(
        line.measure,
        line.comparator,
        line.target,
        "%" if line.measure == "yoy_pct" else line.unit,
        lang,
        line.relative_name,
        line.caveat,
    )


def no_figure(line: Line, place: Place, lang: str = "zh") -> str:
    """本期无数据, and why, without repeating an older figure as if it were new."""
    period = period_words(line.period, lang) if line.period else ""
    target = target_words(line, lang)
    if _en(lang):
        when = {"annual": "published once a year", "quarterly": "published quarterly"}.get(line.frequency)
        text = f"{line.name}: no figure for {period}" + (f" ({when})" if when else "")
        if line.last_period:
            text += f"; the latest is for {figure_period_words(line.last_period, line.frequency, lang)}"
        return f"{text}. Target for the year: {target}."
    why = {"annual": "按年度统计，", "quarterly": "按季度统计，"}.get(line.frequency, "")
    text = f"{period}，{place.scope}{line.name}{why}本期无数据"
    if line.last_period:
        text += f"（最近一期为{figure_period_words(line.last_period, line.frequency, lang)}）"
    return f"{text}；全年目标为{target}。"


def paragraph(line: Line, place: Place, lang: str = "zh") -> str:
    """One main indicator in the office's phrasing:
    1—9月，全市固定资产投资同比增长8.8%，低于全年目标5.2个百分点，全省排第9位，较上期后移2位。"""
    if line.figure_period is None or (line.growth is None and line.level is None):
        return no_figure(line, place, lang)
    when = figure_period_words(line.figure_period, line.frequency, lang)
    parts = []
    if line.level is not None and (line.measure == "level" or line.growth is not None):
        parts.append(level_words(line.level, line.unit, lang))
    if line.growth is not None:
        parts.append(change(line.growth, lang, line.name))
        parts.append(versus_last_year(line.growth, line.growth_same_period_last_year, lang))
    elif line.measure == "yoy_pct":
        parts.append("growth not given" if _en(lang) else "本期无增速数据")
    parts.append(against_growth_target(line, lang) if line.measure == "yoy_pct" else against_schedule(line, lang))
    if line.rank is not None:
        parts.append(
            rank_words(
                line.rank,
                line.previous_rank,
                line.previous_rank_period,
                line.previous_period_adjacent,
                place.rank_scope_in(lang),
                lang,
                line.figure_period,
            )
        )
    said = [p for p in parts if p]
    if _en(lang):
        return f"{when[0].upper()}{when[1:]}: {line.name} " + ", ".join(said) + "."
    return f"{when}，{place.scope}{line.name}" + "，".join(said) + "。"


def summary(
    counts: dict[str, int], behind: list[str], close: list[str], period: str | None, year: int, lang: str = "zh"
) -> str:
    """How many main targets are met, close and behind, naming those behind (and close)."""
    total = sum(counts.values())
    when = period_words(period, lang) if period else ""
    if _en(lang):
        text = (
            f"Of the {total} main targets for {year}, as of {when}: {counts.get('met', 0)} met or on schedule, "
            f"{counts.get('close', 0)} close, {counts.get('behind', 0)} behind"
        )
        if behind:
            text += f" ({', '.join(behind)})"
        if counts.get("pending"):
            text += f"; {counts['pending']} without a figure for the period"
        return text + "."
    text = (
        f"{year}年{total}项主要预期目标中，截至{when}，已达到目标或序时进度的{counts.get('met', 0)}项，"
        f"接近目标的{counts.get('close', 0)}项"
    )
    if close:
        text += f"（{'、'.join(close)}）"
    text += f"，落后的{counts.get('behind', 0)}项"
    if behind:
        text += f"（{'、'.join(behind)}）"
    if counts.get("pending"):
        text += f"；{counts['pending']}项本期无数据，未作判断"
    return text + "。"


def no_monthly_summary(year: int, prev: int, total: int, lang: str = "zh") -> str:
    """What the briefing says when the year has no monthly figure yet (the shipped data)."""
    if _en(lang):
        return (
            f"There are no monthly figures for {year} yet. This briefing lists the {total} main targets for {year} "
            f"with the {prev} results for reference; it will compare them once monthly figures are entered."
        )
    return (
        f"截至目前，尚无{year}年月度数据。本通报列出{year}年{total}项主要预期目标及{prev}年实绩，"
        f"供参考；录入月度数据后再逐项对比目标。"
    )


def reference_paragraph(line: Line, place: Place, lang: str = "zh") -> str:
    """A main target before any figure of its year: the target and last year's result, said as such."""
    target = target_words(line, lang)
    last = []
    if line.prev_year_level is not None:
        last.append(level_words(line.prev_year_level, line.unit, lang))
    if line.prev_year_growth is not None:
        last.append(
            change(line.prev_year_growth, lang, line.name).replace("同比", "")
            if not _en(lang)
            else change(line.prev_year_growth, lang)
        )
    said = fmt.caveated(pick("，", ", ", lang).join(last), line.prev_year_caveat, lang)  # 52.25亿元，增长3.2%（同口径）
    if _en(lang):
        text = f"{line.name}: target for the year {target}"
        text += f"; {line.prev_year} result: {said}" if last else f"; no {line.prev_year} result in the report"
        return text + "; no figure for this year yet."
    text = f"{place.scope}{line.name}：全年目标为{target}"
    text += f"；{line.prev_year}年实绩为{said}" if last else f"；报告未给出{line.prev_year}年实绩"
    return text + "；本年尚无数据。"
