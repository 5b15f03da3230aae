"""Figures in a sentence: every run of digits (and ranks written in Chinese numerals), read as a number with its unit
and qualifiers, or set aside as not a fact with the reason (a year, a date, a document number, a name with digits …).

Pure functions over one segment of text; offsets are relative to the segment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..io.numbers import parse_number

# Classifiers a report counts things in (5期, 3轮, 12款): units, but seldom an indicator's, so rows in them score lower.
CLASSIFIERS = ("期", "轮", "款", "对", "片", "块", "支", "只", "棵", "栋", "册")

# Units as reports print them, longest first so 万千瓦 wins over 千瓦 and 个工作日 over 个.
UNITS = sorted(
    [
        "%",
        "‰",
        "个百分点",
        "百分点",
        "倍",
        "元",
        "万元",
        "亿元",
        "万亿元",
        "美元",
        "万美元",
        "亿美元",
        "吨",
        "万吨",
        "亿吨",
        "千瓦",
        "万千瓦",
        "千瓦时",
        "万千瓦时",
        "亿千瓦时",
        "立方米",
        "万立方米",
        "亿立方米",
        "亩",
        "万亩",
        "公顷",
        "万公顷",
        "平方米",
        "万平方米",
        "平方公里",
        "平方千米",
        "公里",
        "千米",
        "米",
        "人",
        "万人",
        "人次",
        "万人次",
        "户",
        "万户",
        "个",
        "万个",
        "家",
        "所",
        "座",
        "处",
        "台",
        "辆",
        "万辆",
        "张",
        "套",
        "万套",
        "间",
        "件",
        "项",
        "条",
        "条（段）",
        "县（区）",
        "名",
        "枚",
        "批次",
        "批",
        "届",
        "场",
        "次",
        "万次",
        "篇",
        "部",
        "种",
        "类",
        "起",
        "例",
        "宗",
        "列",
        "架次",
        "艘",
        "株",
        "万株",
        "头",
        "万头",
        "标箱",
        "标准箱",
        "成",
        "分/千瓦时",
        "分/立方米",
        "万标箱",
        "床",
        "张床位",
        "个工作日",
        "岁",
        # durations, environmental and other measures, classifiers reports count with
        "个月",
        "天",
        "分钟",
        "周",
        "微克/立方米",
        "毫克/立方米",
        "分贝",
        "吨标准煤",
        "斤",
        "公斤",
        "千克",
        "兆瓦",
        "吉瓦",
        "户次",
        "家次",
        "台套",
        "台（套）",
        "套（间）",
        *CLASSIFIERS,
        "班次",
        "艘次",
        "辆次",
        "场次",
        "车次",
    ],
    key=len,
    reverse=True,
)
MONEY_OR_SIZE = {
    "元",
    "万元",
    "亿元",
    "万亿元",
    "美元",
    "万美元",
    "亿美元",
    "千瓦",
    "万千瓦",
    "吨",
    "万吨",
    "亩",
    "万亩",
    "平方米",
    "万平方米",
}
# Units read as a guess (a bare magnitude, a classifier a report seldom counts indicators in): their rows score lower.
RARE_UNITS = {
    "",
    "万",
    "亿",
    "万亿",
    *CLASSIFIERS,
    "天",
    "周",
    "岁",
    "种",
    "类",
}
COUNTS = {"个", "家", "所", "座", "条", "项", "类", "户", "名", "批", "支", "片", "款"}
AFTER_QUALIFIERS = ("以上", "以下", "以内", "左右", "多", "余")
_DIGITS = r"[0-9０-９]"
NUMBER = re.compile(
    rf"(?<![0-9０-９A-Za-z.．])({_DIGITS}{{1,3}}(?:,{_DIGITS}{{3}})+(?:[.．]{_DIGITS}+)?|{_DIGITS}+(?:[.．]{_DIGITS}+)?)"
    rf"(?![0-9０-９])"
)
CN_DIGITS = "零一二三四五六七八九十两百"
RANK = re.compile(
    rf"(?:(?:全省|全国|全市|全州|全区|全县|同类城市|西部|全球|世界)(?:排名|排|位列|位居|居)?|排名|位列|位居|居)"
    rf"(?:第)([{CN_DIGITS}]{{1,4}}|\d{{1,4}})(?:位|名)?(?![{CN_DIGITS}批届次轮期个家条号])"
)
_PER_TIME = re.compile(r"[/／](?:日|天|年|月|秒|小时|时)")
# An index or a ratio printed without a unit: 道路交通指数从6.32下降至6.08, 城乡居民收入倍差缩小至1.83.
_INDEX_BEFORE = re.compile(
    r"(?:指数|倍差|系数|之比)(?:从[\d.]+)?(?:为|是|达到?|从|(?:下降|降低|缩小|提高|提升|上升|扩大)?(?:至|到))$"
)
_RANGE = re.compile(r"[-—～~]\d+(?:\.\d+)?")
RANGE_LOW, RANGE_HIGH = "区间下限", "区间上限"  # the ends of a printed range (3-5分), read as >= and <=
# A noun of people after a bare 万: 4386万异地务工人员 counts people (万人), not a bare magnitude.
_PEOPLE = re.compile(
    r"[^，。；、]{0,10}?(?:人员|人口|劳动力|群体|老年人|农民工|学生|儿童|居民|职工|人才|毕业生|游客|孕妇)"
)
_FRACTION = re.compile(r"(?<![0-9.．/／])([1-9])\s*[/／]\s*([1-9]\d?)(?![0-9.．/／])")
_FULLWIDTH_NUMBERING = re.compile(r"\s*(\d{1,2})．(?=\d)")
TOP = "前N位"  # the comparator word of a rank printed as 前N位 (<=)
TOP_N = re.compile(rf"前([{CN_DIGITS}]{{1,3}}|\d{{1,2}})(?:位|名)(?![{CN_DIGITS}\d])")


def _top(m: re.Match) -> Figure | None:
    """跻身…前三位, 进入全国前10名: a rank of N or better."""
    try:
        value = float(m.group(1)) if m.group(1).isdigit() else chinese_numeral(m.group(1))
    except (ValueError, OverflowError):
        return None
    return Figure(m.start(1), m.end(), m.end(1), value, "位", TOP, "", True)


# The most digits a figure of a report has (a float holds 15 exactly): a longer run is a code or garbage, never a fact.
MAX_DIGITS = 15


@cache
def chinese_numeral(text: str) -> float:
    """第二 → 2, 十六 → 16. cn2an takes about a second to import, so only a report with such a rank pays for it."""
    import cn2an

    return float(cn2an.cn2an(text, "smart"))


@dataclass
class Figure:
    start: int  # the number's first character in the segment
    end: int  # just after the unit and any qualifier
    number_end: int
    value: float
    unit: str
    before: str  # 多/余 between number and unit, 第 or 超 before it
    after: str  # 以上, 左右 … after the unit
    rank: bool = False


@dataclass
class Skipped:
    start: int
    end: int
    text: str
    reason: str


def _unit_at(text: str, i: int) -> str:
    """The longest unit at text[i]: a listed one, or a magnitude before a listed one (1万张, 12万户次), or a bare
    magnitude (旅居人数389.75万: the unit as printed)."""
    listed = next((unit for unit in UNITS if text.startswith(unit, i)), "")
    for prefix in ("万亿", "亿", "万"):
        if text.startswith(prefix, i):
            base = next((u for u in UNITS if text.startswith(u, i + len(prefix)) and u[0] not in "万亿%‰"), "")
            return max(listed, prefix + base, key=len)
    return listed


def _is_year(text: str, s: int, e: int, value: float) -> bool:
    if not (e - s == 4 and 1900 <= value <= 2100):
        return False
    nxt = text[e : e + 1]
    return nxt in ("年", "）", ")", "〕", "]", "—", "-", "–", "～", "~", "、", "至") or text[s - 1 : s] in (
        "（",
        "(",
        "〔",
        "[",
        "—",
        "-",
        "–",
        "～",
    )


def skip_reason(text: str, s: int, e: int, value: float, paragraph_start: bool) -> str | None:
    """Why the digits text[s:e] are not a figure of an indicator, or None when they may be one."""
    before, after = text[max(0, s - 3) : s], text[e : e + 3]
    if (
        re.match(r"-\d{7,8}", text[e : e + 9])
        or (e - s == 11 and text[s] == "1")
        or re.search(r"\d{3,4}-$", text[max(0, s - 5) : s])
    ):
        return "电话号码 · phone number"
    if re.match(r"[A-Za-z@_]", after[:1]) or re.search(r"[A-Za-z@_]$|(?<!\d)-$", before):
        return "名称或代码中的数字 · digits in a name or code (5G, 4A, G219)"
    if re.match(r"[〔\[]", before[-1:]) or re.match(r"\d*号", after) and re.search(r"[〕\]]", text[max(0, s - 2) : s]):
        return "文号 · document number"
    if _is_year(text, s, e, value):
        return "年份 · year"
    if after[:1] == "月" or (after[:1] == "日" and before[-1:] == "月") or after[:1] in ("时", "点") and e - s <= 2:
        return "日期 · date"
    if paragraph_start and re.match(r"[.．、)）]", after[:1]):
        return "编号 · list numbering"
    if before[-1:] in ("（", "(") and after[:1] in ("）", ")") and paragraph_start:
        return "编号 · list numbering"
    if before[-1:] in ("“", '"', "「") and after[:1] in ("”", '"', "」"):
        return "引号中的名称或代号 · a name or code in quotes"
    if before[-1:] == "第":
        return None  # a rank (全省第6位) or an ordinal (第三届): decided with the unit
    if after[:1] == "强":
        return "名单名称中的数字 · part of a list's name (500强)"
    if after.startswith(("年", "周年")):
        return "年数 · a number of years"
    if before.endswith("连续") and re.match(r"个月|天|周|个季度|季度|次", after):
        return "连续的期数 · a run of periods (连续24个月)"
    return None


def find_figures(text: str, paragraph_start: bool = False) -> tuple[list[Figure], list[Skipped]]:
    """The candidate figures of a segment, and the digit runs set aside with their reason."""
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    numbered = _FULLWIDTH_NUMBERING.match(text) if paragraph_start else None
    if numbered:  # 3．10种…: item 3, then the figure 10种 (a decimal in a report is written 3.10)
        skipped.append(_skipped(text, numbered.start(1), numbered.end(1), "编号 · list numbering"))
        text = text[: numbered.end(1)] + " " + text[numbered.end(1) + 1 :]
    fractions = [f for f in (_fraction(text, m) for m in _FRACTION.finditer(text)) if f]
    fractions += [f for f in (_top(m) for m in TOP_N.finditer(text)) if f]  # not counts of their own either
    figures += fractions
    for m in NUMBER.finditer(text):
        if numbered and m.start(1) < numbered.end(1) or any(f.start <= m.start(1) < f.number_end for f in fractions):
            continue
        s, e = m.span(1)
        if sum(ch.isdigit() for ch in m.group(1)) > MAX_DIGITS:
            skipped.append(_skipped(text, s, e, "数字位数过多，不是指标数字 · too many digits to be a figure"))
            continue
        try:
            value = parse_number(m.group(1).replace("．", "."))
        except ValueError:
            continue
        reason = skip_reason(text, s, e, value, paragraph_start and s <= 1)
        if reason:
            skipped.append(_skipped(text, s, e, reason))
            continue
        i, before = e, ""
        if text[i : i + 1] in ("多", "余") and _unit_at(text, i + 1):
            before, i = text[i], i + 1
        unit = _unit_at(text, i)
        if unit in ("万", "亿") and text[i + 1 : i + 2] in ("余", "多") and _unit_at(text, i + 2):
            before, unit = text[i + 1], unit + _unit_at(text, i + 2)  # 5.6万余个: 万个, more than
            i += 1
        if text[s - 1 : s] == "第":
            marked = text[i : i + 1] in ("位", "名")
            if marked or RANK.search(text[max(0, s - 8) : i + 1]):
                figures.append(Figure(s, i + 1 if marked else i, e, value, "位", "第", "", True))
            else:
                skipped.append(_skipped(text, s, e, "序数（第N届、第N批）· an ordinal in a name"))
            continue
        if text.startswith("位", i) and re.search(r"(全省|全国|全市|排名)$", text[max(0, s - 6) : s]):
            unit = "位"
        ranged = _RANGE.match(text, i) if not unit else None
        if ranged and _unit_at(text, ranged.end()):  # 下降3-5分/立方米: the low end of a range, at least
            unit, after_word = _unit_at(text, ranged.end()), RANGE_LOW
            j = ranged.end() + len(unit)
            per = _PER_TIME.match(text, j)
            unit = unit + per.group() if per else unit
            reason = modifier_reason(text, s, j, unit)  # 0-6岁儿童: an age group, not a range of figures
            if reason:
                skipped.append(_skipped(text, s, j, reason))
            else:
                figures.append(Figure(s, e, e, value, unit, "", after_word))
            continue
        if not unit and _INDEX_BEFORE.search(text[max(0, s - 16) : s]):
            figures.append(Figure(s, e, e, value, "", "", ""))  # 交通指数从6.32下降至6.08: an index has no unit
            continue
        if not unit:
            skipped.append(_skipped(text, s, e, "无单位，不是指标数字 · no unit: not an indicator's figure"))
            continue
        if unit in ("万", "亿") and _PEOPLE.match(text, i + 1):  # 4386万异地务工人员: ten thousands of people
            unit = unit + "人"
        j = i + len(unit) - (1 if unit in ("万人", "亿人") and not text.startswith(unit, i) else 0)
        per = _PER_TIME.match(text, j)  # 30万吨/日, 600立方米/秒: a capacity per unit of time
        if per:
            unit, j = unit + per.group(), per.end()
        reason = modifier_reason(text, s, j, unit)
        if reason:
            skipped.append(_skipped(text, s, j, reason))
            continue
        after = next((q for q in AFTER_QUALIFIERS if text.startswith(q, j)), "")
        if not before and text[max(0, s - 2) : s].endswith("超") and not text[max(0, s - 2) : s].endswith("超过"):
            before = "超"
        if (
            not before
            and re.search(r"\d[-—～~]$", text[max(0, s - 6) : s])
            and figures
            and figures[-1].after == RANGE_LOW
        ):
            before = RANGE_HIGH  # …3-5分/立方米: the high end, at most
        figures.append(Figure(s, j + len(after), e, value, unit, before, after))
    for m in RANK.finditer(text):
        if not re.fullmatch(r"\d+", m.group(1)):
            try:
                value = chinese_numeral(m.group(1))
            except (ValueError, OverflowError):  # 第十十: not a numeral cn2an reads, so not a rank
                skipped.append(_skipped(text, m.start(1), m.end(1), "不是可读的序数 · not a readable ordinal"))
                continue
            figures.append(Figure(m.start(1), m.end(), m.end(1), value, "位", "第", "", True))
    figures.sort(key=lambda f: f.start)
    return _drop_thresholds(text, figures, skipped), skipped


def _fraction(text: str, m: re.Match) -> Figure | None:
    """占全国1/10以上, 超1/4: a fraction is a share in %, rounded to two decimals (1/3 → 33.33)."""
    numerator, denominator = int(m.group(1)), int(m.group(2))
    if numerator >= denominator:
        return None
    j = m.end()
    after = next((q for q in AFTER_QUALIFIERS if text.startswith(q, j)), "")
    before = "超" if text[max(0, m.start() - 2) : m.start()].endswith("超") else ""
    value = round(100 * numerator / denominator, 2)
    return Figure(m.start(), j + len(after), m.end(), value, "%", before, after)


_GAP = re.compile(
    r"(?<![不应须])(?:高于|低于|快于|慢于|优于|好于)(?:全国|全省|全市|全州|全区|国家|省|市|平均|水平|考核|目标|的)*$"
    r"|(?<![同上去])比(?!上年|去年|同期)[\u4e00-\u9fff]{1,8}(?:高|低|快|慢)$"
)


def modifier_reason(text: str, s: int, j: int, unit: str) -> str | None:
    """Why a number with its unit (text[s:j]) is part of a name or a scope rather than a figure, or None."""
    nxt = text[j : j + 1]
    if nxt == "级":
        return "规模等级 · a size class in a name (30万吨级码头)"
    opened = text.rfind("“", max(0, s - 10), s)
    if opened >= 0 and "”" not in text[opened:s] and "”" in text[j : j + 12]:
        return "引号中的名称 · part of a name in quotes (“15分钟生活圈”)"
    if unit == "分钟" and re.match(r"[\u4e00-\u9fff]", nxt) and not text.startswith(AFTER_QUALIFIERS, j):
        return "名称中的时长 · a duration in a name (15分钟生活圈)"
    if unit == "岁" and re.match(r"[\u4e00-\u9fff-—～~至]", nxt):
        return "年龄段 · an age group (65岁及以上老年人)"
    if text[s - 1 : s] == "每":
        return "比率的分母 · the base of a rate (每10万人)"
    if unit in ("个百分点", "百分点", "%") and _GAP.search(text[max(0, s - 12) : s]):
        return "与平均或目标的差距 · a gap to an average or a goal (高于全国0.7个百分点)"
    return None


def _size_threshold(text: str, f: Figure, nxt: Figure | None, between: str) -> bool:
    """10亿元以上项目48个: a size before a noun that another figure of the clause counts."""
    return (
        nxt is not None
        and f.unit in MONEY_OR_SIZE
        and re.match(r"[\u4e00-\u9fff]", text[f.end : f.end + 1]) is not None
        and text[f.end : f.end + 1] != "的"
        and (f.after in ("以上", "以下") or f.before == "超")
    )


def _scope_of_rate(text: str, f: Figure, nxt: Figure | None, between: str) -> bool:
    """11个国控断面水质优良率达100%, 17个重点产业增加值增长8%: a count that scopes the rate after it."""
    if nxt is None or nxt.unit != "%":
        return False
    if text.startswith(("内", "以内"), f.end) and re.search(r"率|比例|比重|占比", between):
        return True  # 公交与轨道50米内换乘比例达到88%
    return f.unit in COUNTS and re.search(r"率|比例|比重|占比|增长|增速|下降", between) is not None


def _scope_of_count(text: str, f: Figure, nxt: Figure | None, between: str) -> bool:
    """15个主平台新承接项目约700个, 在115个县建设示范片1000个: a count of places or groups that scopes another count
    of the same clause (no list between them) is where the counted things are, not a fact of its own."""
    return (
        nxt is not None
        and f.unit in COUNTS
        and nxt.unit.removeprefix("万") in COUNTS | {"套", "处", "张", "间", "件", "场", "台", "辆"}
        and not f.after
        and (re.match(r"[\u4e00-\u9fff]", text[f.end : f.end + 1]) is not None or between == "")  # 12类55件
        and not re.search(r"[、和及与]|以上|以下", between)
    )


def _own_parts(text: str, f: Figure, nxt: Figure | None, between: str) -> bool:
    """三个方面, 四大部分: a count of the document's own parts."""
    return f.unit in ("个", "项", "大") and text.startswith(("方面", "部分"), f.end)


# Figures that are not facts, judged with the next figure of the same clause (None when the clause has no other).
NOT_FACTS = (
    (_size_threshold, "类别名称中的规模门槛 · a size threshold in a category's name"),
    (_scope_of_rate, "比率的统计范围 · the scope of a rate, not a fact"),
    (_own_parts, "文件结构的计数 · a count of the document's own parts"),
    (_scope_of_count, "另一计数的范围 · the scope of another count (15个平台…项目700个)"),
)


def _skipped(text: str, start: int, end: int, reason: str) -> Skipped:
    """The number in a few characters either side (a very long run of digits only by its first ones)."""
    return Skipped(start, end, text[max(0, start - 8) : min(end, start + 40) + 8], reason)


def _drop_thresholds(text: str, figures: list[Figure], skipped: list[Skipped]) -> list[Figure]:
    """A size that qualifies a noun (10亿元以上项目48个, 超10亿元优质产业项目10个) is part of a category's name
    when another figure of the same clause counts that category; a count that scopes a rate (11个国控断面水质优良率
    达100%) is not a fact either."""
    kept = []
    for n, f in enumerate(figures):
        nxt = figures[n + 1] if n + 1 < len(figures) else None
        between = text[f.end : nxt.start] if nxt else ""
        same_clause = nxt if nxt is not None and not re.search(r"[，,；;。：:]", between) else None
        reason = next((reason for rule, reason in NOT_FACTS if rule(text, f, same_clause, between)), None)
        if reason:
            skipped.append(_skipped(text, f.start, f.end, reason))
        else:
            kept.append(f)
    return kept
