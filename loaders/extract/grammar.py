"""The grammar of a work report: which figure is a result or a target, of which indicator, measured how, compared how.

Rules, not a model: each reads a few words around a figure (增长 → growth, 以上 → at least, 全省第N位 → rank, 分别 →
in order …) and says so in the fact's `reason`. Pure functions: text in, draft facts out."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..judging.comparators import comparator_for_word
from .figures import COUNTS, RARE_UNITS, Figure, find_figures
from .rules import (
    BARE,
    ESTIMATE_WORDS,
    FALL_WORDS,
    FRAGMENTS,
    GROWTH_WORDS,
    LEAD_WORDS,
    MAIN_TARGETS,
    PERIOD_WORDS,
    REGION_FOLLOWERS,
    RESULT_HEADING,
    SHARE_WORDS,
    STOP_REGIONS,
    TARGET_HEADING,
    TARGET_WORDS,
    TRAILING_WORDS,
    VERB_ONLY,
    comparator_of,
)
from .standard_names import standard_indicator
from .text import is_title

SECTIONS = ("results", "main_targets", "task_targets")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_SEGMENT = re.compile(r"[^；;]+[；;]?")
GLOSSARY_REASON = "名词解释中的数字不是事实 · a number in a glossary is not a fact"
NOTE_REASON = "注释中的数字不是事实 · a number in a note is not a fact"
# A glossary's heading (附件2名词解释, 名词解释, 注释) and an annex's (附件1, 附件：2025年十件民生实事).
_GLOSSARY_HEADING = re.compile(r"^(?:附件\s*\d*[：:、.．]?\s*)?(?:名词解释|名词注释|名词释义|注释|注解|释义)[：:]?$")
_ANNEX_HEADING = re.compile(r"^附件\s*\d*(?:[：:、.．\s]|$)")
_NOTE = re.compile(r"^\s*(?:注|注释|备注)\s*\d*[：:]")
_CN = "一二三四五六七八九十"
_NUMBERING = re.compile(rf"^(?:[、，,：:\s]+|[（(]?\d{{1,2}}[)）.、．]|[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[)）])+")
_FROM = re.compile(r"从(?:每[\u4e00-\u9fff]{1,4}|原来的|目前的|上年的|第)?$")
_RAISED_TO = re.compile(
    r"(?:[、和][^，。；]{0,12})?(?:提高|提升|增加|上调|调整|增长|下降|降低|降|升|扩大|缩小|缩短|压缩)(?:到|至|为)"
)
_EXISTING = re.compile(r"已(?:建成|建立|有|累计|经)|现有")
# A lead that only says how a figure changed (…，提高到2415元): the name is the one before.
COUNT_UNITS = COUNTS | {"张", "处", "台", "辆", "套", "间", "件", "场", "场次", "次", "人次", "支", "部", "期", "轮"}
_LEADING_PLACE = re.compile(r"^(?:全国|全省|全市|全州|全县|全区|我省|我市|全年)+")
_CHANGE_VERBS = set("提高 提升 增加 增长 下降 降低 减少 上调 调整 扩大 压减 缩短 超过 突破 保持 稳居 位居 连续".split())
_SHARE_AFTER = re.compile(r"(占(?:全国|全省|全市|全州|全县|全区|全球|世界)?)的?")
_ALL = re.compile(r"均(?:为|达到?|超过?|提高|提升|增长|下降|降低|居|位居|位列|保持|在)?$")
_RANK_WORDS = re.compile(r"全省|全国|全市|全州|全县|全区|全球|世界|排名|位列|位居|居|增速|跻身|进入|保持|稳居|前$")
_EXAMPLES = re.compile(r"等$")  # a list of examples before a count: the count's noun follows the figure
_RUN_OF_YEARS = re.compile(r"连续[\d一二两三四五六七八九十]+(?:年|个月|次|届)$")
_TRAILING_COUNT = re.compile(r"\d+(?:\.\d+)?[个类批项]$")  # 安排12类(45件): a grouping count set aside
_SCOPE_COUNT = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?[个家所项条座类户名批]")
_MOVED_TO = re.compile(r"(?:压减|压缩|缩短|缩小|降低|下降|减少|增加|扩大|调整|提高|提升|延长|降|增|升)(?:到|至|为)$")
_TIME_WORDS = re.compile(r"(?:到|至|截至|截止)?(?:(?:19|20)\d\d年(?:底|末|年底|年末)?|今年|明年|去年|上年)[，,]?")
_SUBHEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_CLAUSE_BREAK = re.compile(r"[，,：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CARRY = 80  # how far back a name is carried over to a figure whose clause names nothing (…，增长5%)
_QUOTE_MAX = 300  # the longest quote: a clause longer than this is quoted around its figure
_NOUN_REACH = 60  # how far after a figure its noun may end (新开工5件水源工程)
# A verb that opens a clause and governs what follows, never part of what is measured (推动物业服务覆盖…).
_LEADING_VERB = re.compile(r"^(?:全面|持续|积极|大力|加快|着力)?(?:推动|推进)|^(?:加快|持续|积极)")
# A name ending in an action whose object follows the figure (新开工建设4座中型水库 → 新开工建设中型水库).
# A clause that ends in what was done, so a 、 after it starts a new item (全面达产、完成年产值1100亿元).
_DONE = re.compile(r"(?:推进|达产|开放|投用|完工|竣工|建成|落地|实施)$")
_ACTION_END = re.compile(r"(?:新建|新开工|开工|建设|建成|改造|实施|开展|打造|创建|培育|覆盖|落地|开通|引进|认定)$")
_REGION_PREFIX = re.compile(r"^([\u4e00-\u9fff]{2,5}?(?:市|州|县|省|自治区|盟))")


@dataclass
class DraftFact:
    name: str
    region: str
    period: str
    measure: str
    scenario: str
    comparator: str
    value: float | None
    unit: str
    quote: str
    confidence: float
    reason: str
    section: str
    start: int = 0  # the quote's span in the cleaned text
    end: int = 0
    figure_start: int = 0  # the figure's own span in the cleaned text
    figure_end: int = 0
    part: str = "body"  # body or annex (an annex's items, such as 民生实事, are targets)


@dataclass
class NotFact:
    text: str
    reason: str
    start: int
    end: int


@dataclass
class Draft:
    text: str  # the cleaned text every offset refers to
    facts: list[DraftFact] = field(default_factory=list)
    not_facts: list[NotFact] = field(default_factory=list)


@dataclass
class _Context:
    region: str
    report_year: int
    known_regions: dict[str, str]
    section: str = "results"
    section_seen: bool = False
    part: str = "body"  # body, annex, glossary (名词解释: its numbers are never facts)


def read_report(text: str, region: str, report_year: int, known_regions: dict[str, str] | None = None) -> Draft:
    """Draft facts of a cleaned report text (see text.clean). known_regions maps a name or alias to its region."""
    ctx = _Context(region, report_year, known_regions or {})
    reading = half_width(text)
    draft = Draft(reading)
    offset = 0
    for paragraph in reading.split("\n"):
        _read_paragraph(paragraph, offset, ctx, draft)
        offset += len(paragraph) + 1
    return _as_printed(draft, text) if reading != text else draft


_FULL_WIDTH = str.maketrans({"％": "%", **{chr(0xFF10 + d): str(d) for d in range(10)}})
_FULL_WIDTH_POINT = re.compile(r"(?<=[０-９])．(?=[０-９])")


def half_width(text: str) -> str:
    """The text as the rules read it: full-width ％ and digits (５．８％, as many reports print them) half-width,
    one character for one, so that every offset still points into the text as printed."""
    return _FULL_WIDTH_POINT.sub(".", text).translate(_FULL_WIDTH)


def _as_printed(draft: Draft, printed: str) -> Draft:
    """Quotes and set-aside snippets as the report prints them (增长5.8％): a quote is copied from the report."""
    for fact in draft.facts:
        if draft.text[fact.start : fact.end] == fact.quote:
            fact.quote = printed[fact.start : fact.end]
    for item in draft.not_facts:
        if draft.text[item.start : item.end] == item.text:
            item.text = printed[item.start : item.end]
    draft.text = printed
    return draft


def _read_paragraph(paragraph: str, offset: int, ctx: _Context, draft: Draft) -> None:
    heading = is_title(paragraph) or (len(paragraph) <= 30 and not re.search(r"[。；]", paragraph))
    if heading and _enter_part(paragraph, ctx):
        return
    if heading and ctx.part == "body":  # a numbered heading may run on into its paragraph: its first sentence only
        _enter_heading(re.split(r"[。；;！？!?]", paragraph, maxsplit=1)[0], ctx)
    if ctx.part == "glossary" or _NOTE.match(paragraph):
        _set_aside(paragraph, offset, draft, GLOSSARY_REASON if ctx.part == "glossary" else NOTE_REASON)
        return
    main_here = False
    for sm in _SENTENCE.finditer(paragraph):
        sentence = sm.group()
        if ctx.section != "results" and MAIN_TARGETS.search(sentence):
            main_here = True
        section = "main_targets" if main_here else ctx.section
        for gm in _SEGMENT.finditer(sentence):
            _read_segment(
                gm.group(),
                offset + sm.start() + gm.start(),
                sentence,
                section,
                ctx,
                draft,
                paragraph_start=sm.start() == 0 and gm.start() == 0,
            )


def _enter_part(line: str, ctx: _Context) -> bool:
    """附件 / 名词解释 headings: the report's body ends; an annex's figures are targets, a glossary's are not facts."""
    line = line.strip()
    if _GLOSSARY_HEADING.match(line):
        ctx.part = "glossary"
        return True
    if _ANNEX_HEADING.match(line):
        ctx.part, ctx.section, ctx.section_seen = "annex", "task_targets", True
        return True
    return False


def _set_aside(paragraph: str, offset: int, draft: Draft, reason: str) -> None:
    """Every number of a glossary or a note, listed as not a fact with the reason."""
    figures, skipped = find_figures(paragraph)
    draft.not_facts += [NotFact(s.text, s.reason, offset + s.start, offset + s.end) for s in skipped]
    for f in figures:
        snippet = paragraph[max(0, f.start - 8) : f.end + 8]
        draft.not_facts.append(NotFact(snippet, reason, offset + f.start, offset + f.end))


def _enter_heading(line: str, ctx: _Context) -> None:
    years = [int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)年", line)]
    if not years and _SUBHEADING.match(line):  # （十）…取得新成效: a task's own title, not a return to the review
        return
    if any(y < ctx.report_year for y in years) and RESULT_HEADING.search(line):
        ctx.section, ctx.section_seen = "results", True
    elif any(y >= ctx.report_year for y in years) and TARGET_HEADING.search(line):
        ctx.section, ctx.section_seen = "task_targets", True
    elif RESULT_HEADING.search(line) and not TARGET_HEADING.search(line):
        ctx.section, ctx.section_seen = "results", True
    elif TARGET_HEADING.search(line) and is_title(line):
        ctx.section, ctx.section_seen = "task_targets", True


def _clauses(segment: str) -> list[tuple[int, int]]:
    """Spans of the comma-separated clauses of a segment (punctuation excluded)."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(segment):
        spans.append((start, m.start()))
        start = m.end()
    end = len(segment.rstrip("；;。！？!?"))
    spans.append((start, max(start, end)))
    return [(s, e) for s, e in spans if e > s]


_YEAR = re.compile(r"(?<![\d〔\[（(])(20\d\d|19\d\d)年(?!度?[〕\]]|\d)")


class _Words:
    """What a segment says once, looked up for each of its figures by position (a segment may hold thousands of
    figures: reading its whole text again for each would make drafting quadratic)."""

    def __init__(self, segment: str, sentence: str):
        self.sentence = sentence
        self.estimate = ESTIMATE_WORDS.search(segment) is not None
        self.this_year_target = bool(TARGET_WORDS.search(segment) and re.search(r"今年|明年", segment))
        found = [(m.end(), int(m.group(1))) for m in _YEAR.finditer(segment)]
        self.year_ends, self.years = [e for e, _ in found], [y for _, y in found]
        # the first place each cumulative-period word ends (一季度, 上半年 …)
        self.months = [(m.end(), month) for pattern, month in PERIOD_WORDS if (m := re.search(pattern, segment))]

    def year_before(self, position: int) -> int | None:
        """The last year named before a figure (or, for a figure opening its segment, near the sentence's start)."""
        if position == 0:
            years = [int(y) for y in _YEAR.findall(self.sentence[:40])]
            return years[-1] if years else None
        k = bisect.bisect_right(self.year_ends, position)
        return self.years[k - 1] if k else None

    def month_before(self, position: int) -> int | None:
        return next((month for end, month in self.months if end <= position), None)


def _scenario(words: _Words, section: str, ctx: _Context, position: int) -> tuple[str, str, str]:
    """(scenario, period, why) for a figure of this segment at this position."""
    year = words.year_before(position)
    if words.estimate:
        year = year if year is not None and year < ctx.report_year else ctx.report_year - 1
        return "actual", str(year), "预计仍是实绩 · an estimate is still a result"
    if year is not None:
        if year >= ctx.report_year:
            return "target", str(year), f"写明{year}年 · year {year} named"
        return "actual", str(year), f"写明{year}年 · year {year} named"
    if section == "results":
        if words.this_year_target:
            return "target", str(ctx.report_year), "今年…目标 · this year's target"
        return "actual", str(ctx.report_year - 1), "回顾部分 · in the review"
    return (
        "target",
        str(ctx.report_year),
        ("主要预期目标 · main targets" if section == "main_targets" else "任务部分 · in the tasks"),
    )


def _month(words: _Words, position: int, period: str) -> str:
    month = words.month_before(position)
    return f"{period}-{month:02d}" if month else period


def _strip_name(name: str) -> str:
    # punctuation, list numbering (1. 一、 （三）)
    name = _NUMBERING.sub("", name)
    changed = True
    while changed and name:
        changed = False
        dated = _TIME_WORDS.match(name) or _SCOPE_COUNT.match(name)  # 到2027年, 今年; 17个(重点产业): not what
        if dated and len(name) > dated.end() + 1:
            name, changed = name[dated.end() :], True
        # how it changed or for how long, not what: 审批时限压减到, 标准从每人每月, 吞吐量连续15年
        moved = (
            _MOVED_TO.search(name) or _FROM.search(name) or _RUN_OF_YEARS.search(name) or _TRAILING_COUNT.search(name)
        )
        if moved and moved.start() >= 2:
            name, changed = name[: moved.start()], True
        for word in LEAD_WORDS:
            if name.startswith(word) and len(name) > len(word) + 1:
                name, changed = name[len(word) :], True
        for word in TRAILING_WORDS:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[: -len(word)], True
        before, sep, last = name.rpartition("、")
        # 项目有序推进、总投资2800亿元: the item next to the figure
        if sep and len(last) >= 2 and not last.startswith("占") and _DONE.search(before):
            name, changed = last, True
        verb = _LEADING_VERB.match(name)
        if verb and len(name) > verb.end() + 1:
            name, changed = name[verb.end() :], True
        name = name.strip("、，,：: 的")
    return name


def _subject(clause: str) -> str:
    """The noun phrase a clause opens with: 地区生产总值突破千亿元大关 → 地区生产总值."""
    m = re.search(r"突破|达到|达|实现|完成|增长|增速|同比|比上年|为|排名|居|位列|提高|下降|降低", clause)
    return _strip_name(clause[: m.start()] if m else clause)


def doubt(name: str, unit: str, quote: str, listed: bool, ctx: _Context) -> float:
    """How much less sure a drafted row is than a plain one: a fragment or a clause for a name, one name of a list,
    a rarer unit, a long quote, an annex, a text whose headings were not recognised."""
    core = _LEADING_PLACE.sub("", name)
    if not core or len(core) < 2 or core in FRAGMENTS or core in VERB_ONLY:
        fragment = 0.45
    elif (
        len(core) > 16
        or re.search(r"[、，“”（）]|^[和及与]|[和及与]$|我们|只要|如果|更多", core)
        and not standard_indicator(core)
    ):
        fragment = 0.2
    else:
        fragment = 0.0
    return (
        fragment
        + (0.1 if listed else 0.0)
        + (0.1 if unit in RARE_UNITS or unit.removeprefix("万").removeprefix("亿") in RARE_UNITS else 0.0)
        + (0.1 if len(quote) > 120 else 0.0)
        + (0.05 if ctx.part != "body" else 0.0)
        + (0.0 if ctx.section_seen else 0.1)
        - (0.05 if standard_indicator(name) else 0.0)
    )


def _in_brackets(segment: str, position: int) -> bool:
    """A figure inside （…）: an aside or an explanation, seldom an indicator's own figure."""
    opened = segment.rfind("（", 0, position)
    return opened >= 0 and segment.find("）", opened, position) < 0


def standard_name(name: str) -> tuple[str, str]:
    """(name, why): the vocabulary's Chinese name of a standard indicator (生产总值 → 地区生产总值), else as printed."""
    found = standard_indicator(name) if name else None
    if found is None or found.name_zh == name:
        return name, ""
    return found.name_zh, f"标准名称（原文：{name}）· standard name"


def _verb_before_count(name: str, figure: Figure, segment: str) -> bool:
    """举办92场上海会议活动, 推进首批15个试点, 开发储备5000个岗位: a short lead before a count of the noun after the
    figure is the verb of that noun (the name is verb + noun), not a name of its own."""
    unit = figure.unit.removeprefix("万").removeprefix("亿")
    if not name or unit not in COUNT_UNITS or name in TRAILING_WORDS:  # 近3.3万名: a qualifier
        return False
    # 新开工建设4座中型水库: a longer name ending in an action, its object after the figure (not 已建成的1.6万个驿站)
    if len(name) > 4 and (not _ACTION_END.search(name) or segment[: figure.start].endswith("的")):
        return False
    noun = _noun_after(segment, figure)
    return len(noun) >= 2 and noun[0] not in "居位占达增比较为是等"


# Words after a counted noun that start what is done to it (5万名独居老人免费提供…): the noun ends there.
_NOUN_ENDS = re.compile(
    r"加快推进|加快|推进|免费|提供|全部|入选|被评为|被|实现|建成|获|通过|有效|有序|稳步|顺利|分段|的目标|任务"
)


def _noun_after(segment: str, figure: Figure) -> str:
    """The noun a figure counts when it comes first: 新开工5件水源工程 → 水源工程."""
    after = segment[figure.end : figure.end + _NOUN_REACH]
    tail = re.split(r"[，,；;。、：:]|\d+(?:\.\d+)?(?![A-Za-z0-9])", after, maxsplit=1)[0]
    tail = re.split(_NOUN_ENDS, tail)[0]
    return tail.lstrip("的")


def _region(name: str, clause: str, ctx: _Context) -> tuple[str, str]:
    """A region named at the start of the clause overrides --region; returns (region, name without it)."""
    for alias in sorted(ctx.known_regions, key=len, reverse=True):
        if clause.startswith(alias) and len(clause) > len(alias) + 1:
            return ctx.known_regions[alias], _strip_name(name[len(alias) :]) if name.startswith(alias) else name
    m = _REGION_PREFIX.match(clause)
    if (
        m
        and not m.group(1).endswith(STOP_REGIONS)
        and not m.group(1).startswith(("对", "向", "与", "在", "和", "同"))  # 对东盟出口: a partner, not a place
        and REGION_FOLLOWERS.match(clause[m.end() :])
    ):
        found = m.group(1)
        return found, _strip_name(name[len(found) :]) if name.startswith(found) else name
    return ctx.region, name


def _measure(fig: Figure, lead: str) -> tuple[str, str]:
    if fig.rank:
        return "rank", "第N位 → rank"
    if fig.unit in ("个百分点", "百分点"):
        return "change_pp", "N个百分点 → change_pp"
    if fig.unit == "%":
        tail = lead[-8:]
        if re.search(r"(提高|提升|上升)(到|至)|达到?$|为$", tail) and not GROWTH_WORDS.search(tail[-4:]):
            pass
        elif GROWTH_WORDS.search(tail):
            return "yoy_pct", f"{GROWTH_WORDS.search(tail).group()} → yoy_pct"
        elif re.search(r"(提高|提升|上升)$", tail) and not re.search(r"率|比重|比例|占比|强度", lead):
            return "yoy_pct", "提高N% → yoy_pct"  # 粮食单产提高14.5%: a rise of the figure, not a level
        if SHARE_WORDS.search(lead):
            return "share", f"{SHARE_WORDS.search(lead).group()} → share"
    if fig.unit == "倍" and GROWTH_WORDS.search(lead[-6:]):
        return "yoy_pct", "增长N倍 → yoy_pct"  # 增长近3倍: growth in multiples, unit 倍
    return "level", "数量 → level"


def _read_segment(
    segment: str, offset: int, sentence: str, section: str, ctx: _Context, draft: Draft, paragraph_start: bool
) -> None:
    figures, skipped = find_figures(segment, paragraph_start)
    draft.not_facts += [NotFact(s.text, s.reason, offset + s.start, offset + s.end) for s in skipped]
    clauses = _clauses(segment)
    sync = _sync(segment, clauses, offset, section, sentence, ctx)
    draft.facts += sync
    previous: DraftFact | None = None
    seg_facts: list[DraftFact] = []  # this segment's facts so far
    from_list = False  # the figure before was the start of a raise (从202元、270元提高到…)
    spread = _in_order(segment, figures, clauses)
    words = _Words(segment, sentence)
    clause_starts = [s for s, _ in clauses]
    noun_end = 0  # where the noun after a figure ends (5个乡镇、19个村: 乡镇 is not the next name)
    figures_end = 0  # the furthest end of the figures read so far
    for n, fig in enumerate(figures):
        ci = max(0, bisect.bisect_right(clause_starts, fig.start) - 1)
        c_start, c_end = clauses[ci] if clauses else (0, len(segment))
        anchor = max(c_start, figures_end if figures_end <= fig.start else c_start)
        anchor = max(anchor, noun_end if noun_end <= fig.start else 0)
        figures_end = max(figures_end, fig.end)
        lead = segment[anchor : fig.start]
        if anchor > c_start:  # after another figure of the clause: 、和 join the items, they are not names
            lead = re.sub(r"^[、，,\s\-—～~]*(?:以及|和|及|与|并)?", "", lead)
        if fig.rank:  # 增速排名全省第6位: the words before 第 are the measure, not a name
            lead = _RANK_WORDS.split(lead)[0]
        reasons, confidence = [], 0.95
        measure, why = _measure(fig, segment[anchor : fig.start])
        if (
            measure == "level"
            and n
            and figures[n - 1].unit == fig.unit
            and previous is not None
            and re.fullmatch(r"[、和及与]?", segment[figures[n - 1].end : fig.start])
        ):
            measure, why = previous.measure, "a、b 同一量度 · a list of figures shares its measure"
        reasons.append(why)
        name = _strip_name(re.sub(r"第$", "", lead))
        quote_start = c_start
        names = [name]
        if spread.get(n):
            names, why = spread[n]
            reasons.append(why)
        elif lead.rstrip().endswith("各") and n == 0 or re.search(r"各$", lead.strip()):
            listed = spell_out(re.split(r"[、和及]", re.sub(r"各$", "", lead.strip())))
            if len(listed) > 1:
                names = listed
                reasons.append("各N → 每项各一条 · one per item")
        elif _ALL.search(lead):  # A、B和C均提高3个百分点: one row each; …、均居全国第一: each item before
            subject = lead[: _ALL.search(lead).start()]
            listed = spell_out(re.split(r"[、和及与]", subject))
            scope = (
                clauses[ci - 1][0] if ci > 0 and not any(f.start >= offset + c_start for f in seg_facts) else c_start
            )
            items = [f for f in seg_facts if f.start >= offset + scope and f.name != "（待命名）"]
            if len(listed) > 1:
                names = listed
                reasons.append("均 → 每项各一条 · one per item")
            elif not _strip_name(subject) and len({f.name for f in items}) > 1:
                names = list(dict.fromkeys(f.name for f in items))
                quote_start = min(f.start for f in items) - offset
                reasons.append("均 → 前述各项 · each item before")
        elif (
            not name
            or len(name) < 2  # 为超61万名孕妇…, 124个镇: one character is not what is measured
            or name in VERB_ONLY
            or name in LEAD_WORDS
            or name in _CHANGE_VERBS
            or name in ("近", "约", "超", "共", "大约", "接近", "约合", "折合")  # 近3.3万名, 约合1243亿元: a qualifier
            or _verb_before_count(name, fig, segment)
            or _RUN_OF_YEARS.fullmatch(name) is not None  # …、连续15年排名世界第一: the item before
            or _EXAMPLES.search(lead) is not None
            and bool(_noun_after(segment, fig))  # 智能电网、工程机械等10条产业链
            or measure == "level"
            and lead.endswith("的")  # 已建成的1.6万个驿站: the figure counts the noun after it
            or measure != "level"
            and _only_measure_words(lead)
        ):
            noun = _noun_after(segment, fig) if measure == "level" and name not in ("约合", "折合") else ""
            if noun:
                verb = (name in VERB_ONLY or _verb_before_count(name, fig, segment)) and not _EXAMPLES.search(lead)
                names = [_strip_name(name + noun) if verb else _strip_name(noun)]
                noun_end = fig.end + segment[fig.end : fig.end + _NOUN_REACH].find(noun) + len(noun)
                reasons.append("名称在数字后 · noun after the figure")
                confidence -= 0.1
            elif previous is not None and 0 <= c_start - (previous.start - offset) <= _CARRY:
                names = [previous.name]
                quote_start = min(previous.start - offset, c_start)
                reasons.append("名称承前 · indicator named before")
                confidence -= 0.05
            elif ci > 0:
                names = [_subject(segment[clauses[ci - 1][0] : clauses[ci - 1][1]])]
                quote_start = clauses[ci - 1][0]
                reasons.append("名称在前一分句 · named in the clause before")
                confidence -= 0.1
        if len(names) == 1 and previous is not None and previous.start >= offset:
            whole = _of_the_item_before(names[0], previous.name)
            if whole:
                names = [whole]
                quote_start = min(quote_start, previous.start - offset)  # the quote shows the item it is of
                reasons.append("占…/累计/总… → 前项的 · of the item before")
        scenario, period, why = _scenario(words, section, ctx, fig.start)
        starts_list = from_list and re.fullmatch(r"[、和及与]", segment[figures[n - 1].end : fig.start] if n else "")
        from_list = bool(_FROM.search(segment[anchor : fig.start]) or starts_list) and bool(
            _RAISED_TO.match(segment, fig.end) or re.match(r"[、和及与]", segment[fig.end : fig.end + 1])
        )
        if from_list and (_RAISED_TO.match(segment, fig.end) or n + 1 < len(figures)):
            # 标准从每人每月202元提高到220元, 从第9名提升至第2名: the start is the year before's figure
            year = int(period[:4]) - 1 if scenario == "actual" else ctx.report_year - 1
            scenario, period, why = "actual", str(year), "从…提高到 → 起点是前一年 · the start is the year before"
        elif (
            scenario == "target"
            and fig.rank
            and section != "main_targets"
            and re.search(r"(?:居|位居|位列)(?:全国|全省|全球|世界)?第?$", segment[anchor : fig.start])
            and not re.search(r"力争|确保|争取|保持|进入|跻身|争创|目标|巩固", segment)
        ):  # 新出生人口数量居全国第一, said among the tasks: a standing, not a target
            scenario, period, why = "actual", str(ctx.report_year - 1), "居第N → 现状 · a standing, not a target"
        elif scenario == "target" and _EXISTING.search(segment[anchor : fig.start]):
            scenario, period, why = "actual", str(ctx.report_year - 1), "已建成/现有 → 现状 · what exists already"
        period = _month(words, fig.start, period)
        reasons.append(why if ctx.part == "body" else f"附件 · annex; {why}")
        comparator, why = comparator_of(segment[anchor : fig.start], fig, scenario)
        if (
            comparator in ("", BARE)
            and n > 0
            and previous is not None
            and previous.comparator not in ("", BARE, "sync")
            and not figures[n - 1].after
            and re.fullmatch(r"[、和及与]", segment[figures[n - 1].end : fig.start])
        ):  # 分别突破1.3万亿元、7000亿元: the word before the first figure qualifies the list
            comparator, why = previous.comparator, "a、b 同一限定 · a list of figures shares its qualifier"
        if why:
            reasons.append(why)
        value = fig.value
        listed_after_fall = (  # 分别下降12.8%和10.5%: every figure of the list falls
            previous is not None
            and previous.value is not None
            and previous.value < 0
            and previous.measure == measure
            and n > 0
            and re.fullmatch(r"[、和及与]?", segment[figures[n - 1].end : fig.start]) is not None
        )
        if listed_after_fall:
            value = -value
            reasons.append("a、b 同一升降 · a list of figures shares its fall")
        elif measure in ("yoy_pct", "change_pp") and FALL_WORDS.search(segment[anchor : fig.start][-6:]):
            value = -value
            reasons.append("下降/降低 → 负值 · a fall is negative")
            if scenario == "target" and comparator == BARE:  # 降低2%: a fall of at least 2 % (the table's decline rule)
                fall = comparator_for_word(FALL_WORDS.search(segment[anchor : fig.start][-6:]).group())
                comparator = fall.symbol if fall else "<="
        unit = fig.unit
        aside = 0.2 if _in_brackets(segment, fig.start) else 0.0
        if segment[fig.end : fig.end + 1] == "的":  # 超过5000万标准箱的世界大港: a figure describing a noun
            aside += 0.15
        if unit == "条" and segment.startswith(("举措", "措施", "政策", "条措施"), fig.end):
            aside += 0.3
            reasons.append("以条数称呼的政策，常不是指标 · a policy known by its count, seldom an indicator")
        quote_end = c_end
        if quote_end - quote_start > _QUOTE_MAX:  # a run of clauses with no comma: the words around the figure only
            quote_start = max(quote_start, min(anchor, fig.start - _QUOTE_MAX // 2))
            quote_end = max(fig.end, min(c_end, quote_start + _QUOTE_MAX))
        quote = segment[quote_start:quote_end]
        for nm in names:
            region, nm = _region(nm, quote, ctx)
            nm, why = standard_name(nm)
            conf = confidence - doubt(nm, unit, quote, len(names) > 1 or n in spread, ctx) - aside
            fact = DraftFact(
                nm or "（待命名）",
                region,
                period,
                measure,
                scenario,
                comparator,
                value,
                unit,
                quote,
                round(min(max(conf, 0.05), 0.99), 2),
                "; ".join(reasons + ([why] if why else [])),
                section if scenario == "target" else "results",
                offset + quote_start,
                offset + quote_end,
                offset + fig.start,
                offset + fig.end,
                ctx.part,
            )
            draft.facts.append(fact)
            seg_facts.append(fact)
            previous = fact


_SHARE_OF = re.compile(r"占(?:全国|全省|全市|全州|全县|全区|全球|世界)?(?:的)?(?:比重|比例)?")
_TOTALS = ("累计", "累计新增", "总量", "总数", "总计", "合计", "总规模")
_NEW = re.compile(r"^新(?:增|建|认定|入选|获批|开工|培育|引进|设|登记)|(?:新增|累计)$")


def _of_the_item_before(name: str, before: str) -> str | None:
    """A name that only makes sense with the item before it: 工业机器人产量增长31.2%、占全国44% → 工业机器人产量
    占全国比重; 新增公园141座、累计达到973座 → 公园累计; 新增地铁运营里程43公里、总里程879公里 → 地铁运营总里程."""
    base = _NEW.sub("", before)
    if not base or base.startswith("（"):
        return None
    if _SHARE_OF.fullmatch(name):
        return base + name.removesuffix("的") + ("" if name.endswith(("比重", "比例")) else "比重")
    if name in _TOTALS:
        return base + name
    if name.startswith("总") and len(name) > 2 and base.endswith(name[1:]):
        return base[: -len(name) + 1] + name
    if name == "增量":  # 地区生产总值达13.7万亿元、增量全国第一
        return base + name
    if len(name) == 3 and len(base) >= 6 and name[-1] == base[-1] in "数率额" and not base.endswith(name):
        return base[:-3] + name  # 诈骗案件受理数下降12%、损失数下降35.8% → 诈骗案件损失数
    # 推送储备项目13082个、总投资4.4万亿元; 项目1500个、年度计划投资1万亿元: the items' total
    if name.startswith(("总", "年度")) and 3 <= len(name) <= 6:
        return base + name
    return None


def _only_measure_words(lead: str) -> bool:
    rest = re.sub(
        r"同比|比上年|较上年|增长|增速|增幅|涨幅|下降|降低|提高|排名|全省|全国|全市|达到|达|为|[，,、\s]", "", lead
    )
    return rest == ""


def _in_order(segment: str, figures: list[Figure], clauses) -> dict[int, tuple[list[str], str]]:
    """分别 a、b: the names listed before each 分别 go to the figures after it, in order (up to the next 分别 or the end
    of the clause of its first figure). A 分别 whose own clause names one thing (累计分别达到…) takes the list of the
    分别 before it (跨国公司地区总部、外资研发中心分别新认定60家和30家，累计分别达到1016家和591家)."""
    out: dict[int, tuple[list[str], str]] = {}
    marks = [m.start() for m in re.finditer("分别", segment)]
    earlier: list[str] = []
    for k, mark in enumerate(marks):
        stop = marks[k + 1] if k + 1 < len(marks) else len(segment)
        after = [i for i, f in enumerate(figures) if mark + 2 <= f.start < stop]
        if not after:
            continue
        first_clause = max([e for s, e in clauses if s <= figures[after[0]].start] or [len(segment)])
        after = [i for i in after if figures[i].start <= first_clause]
        clause_start = max([s for s, e in clauses if s <= mark] or [0])
        subject = _strip_name(segment[clause_start:mark])
        subject = re.sub(r"(增长|增速|为|达)$", "", subject)
        previous_list = _listed_before(segment, clauses, clause_start, len(after))
        if not subject and clause_start > 0:  # …，分别增长15.8%和11.5%: the list is the clause before
            names = previous_list
        else:
            names = _listed(subject)
        if len(names) == 1 and names[0].startswith("城乡") and len(after) == 2:  # 城乡居民…分别: urban, rural
            names = ["城镇" + names[0][2:], "农村" + names[0][2:]]
        if len(names) == 1 and len(names[0]) <= 4:  # 累计分别达到…; 节庆、论坛，数量分别压减…
            items = earlier if len(earlier) == len(after) else previous_list
            names = [x + names[0] for x in items] if len(items) == len(after) else names
        half = len(after) // 2
        if len(names) >= 2 and len(after) == 2 * len(names) and _RAISED_TO.match(segment, figures[after[half - 1]].end):
            names = names + names  # 分别从202元、270元提高到209元、280元: each name's start, then its end
        if len(names) != len(after) or len(names) < 2:
            continue
        earlier = names[: len(names)]
        share = _SHARE_AFTER.match(segment, mark + 2)  # 分别占全省的50.6%、41.9%: each one's share
        for name, i in zip(names, after):
            whole = name + share.group(1) + "比重" if share else name
            out[i] = ([whole], "分别 → 依次对应 · in order")
    return out


def _listed_before(segment: str, clauses, clause_start: int, wanted: int) -> list[str]:
    """The names the clauses before a 分别 list, one clause after another back until there are as many as figures
    (接待游客超10.9亿人次，旅游总收入超1.3万亿元，分别增长15.8%和11.5%)."""
    names: list[str] = []
    for s, e in reversed([(s, e) for s, e in clauses if e <= clause_start]):
        names = _listed(segment[s:e]) + names
        if len(names) >= wanted:
            break
    return names


def _listed(text: str) -> list[str]:
    """The names of a list (a、b和c), each cut before any figure it carries (接待游客9.6亿人次、旅游总收入1.3万亿元 →
    接待游客, 旅游总收入), with shared heads and tails spelled out."""
    items = [re.split(r"(?:达到?|为|超过?|突破|约|近)?\d", x, maxsplit=1)[0] for x in re.split(r"[、和及与]", text)]
    return spell_out([x for x in items if x])


# Words printed as a pair, the second carrying the shared tail (城镇、农村居民人均可支配收入).
_PAIRS = {
    a: b
    for x, y in (
        ("城镇", "农村"),
        ("城市", "农村"),
        ("进口", "出口"),
        ("境内", "境外"),
        ("省内", "省外"),
        ("国内", "国际"),
        ("公办", "民办"),
        ("货物", "服务"),
        ("城市", "乡村"),
    )
    for a, b in ((x, y), (y, x))
}
# Nouns an item list shares at its end (对东盟、中东出口 → 对东盟出口, 中东出口).
_SHARED_TAILS = (
    "增加值",
    "进出口",
    "出口",
    "进口",
    "投资",
    "收入",
    "支出",
    "产量",
    "产值",
    "人数",
    "人次",
    "营业收入",
    "利润",
    "销售额",
    "零售额",
    "覆盖率",
    "合格率",
    "达标率",
    "贷款",
    "规模",
    "吞吐量",
)


def spell_out(items: list[str]) -> list[str]:
    """The names of a list with the shared head or tail written out: 第一、第三产业增加值 → 第一产业增加值,
    第三产业增加值; 城镇、农村居民人均可支配收入 → both incomes; 生产安全事故起数、死亡人数 → 生产安全事故死亡人数."""
    items = [_strip_name(x) for x in items if _strip_name(x)]
    if len(items) < 2:
        return items
    first, last, others = items[0], items[-1], items[:-1]
    width = len(first)
    aligned = all(len(x) == width for x in others) and len(last) > width + 1
    paired = width <= 2 and _PAIRS.get(first) == last[:width]
    # 刑事、治安案件立案数; 家电、汽车换新数量: two-character items before a longer last one qualify its noun
    qualifiers = width == 2 and all(_CJK.fullmatch(x[0]) for x in items)
    known = next((t for t in _SHARED_TAILS if last.endswith(t) and len(last) > len(t)), "")
    if aligned and (paired or first[0] == last[0] or last[width - 1] == first[-1]):
        tail = last[width:]
        return [x + tail for x in others] + [last]
    if aligned and qualifiers:  # 家电、新能源汽车零售额: a known tail, when there is one, is the shared part
        tail = known or last[width:]
        return [x + tail for x in others] + [last]
    if known and not any(x.endswith(known) or x[-1] in "数率额量值" for x in others):
        return [x + known for x in others] + [last]
    rest = items[1:]
    if len(first) >= 6 and all(len(x) <= 4 for x in rest) and all(x[-1] == first[-1] for x in rest):
        cut = len(rest[0]) if rest[0].endswith("率") else 2  # 诉求解决率、满意率; 事故起数、死亡人数
        return [first] + [first[:-cut] + x for x in rest]
    return items


def _sync(segment: str, clauses, offset: int, section: str, sentence: str, ctx: _Context) -> list[DraftFact]:
    """与…同步 / 同步增长: growth tied to another indicator's (no figure of its own)."""
    facts = []
    for s, e in clauses:
        clause = segment[s:e]
        m = re.search(r"^(.*?)(?:与|和|同)(.+?)(?:增长)?(?:基本)?同步(?:增长)?", clause) or re.search(
            r"^(.*?)同步增长", clause
        )
        if not m or re.search(r"\d", clause) or "增长" not in clause and "增速" not in clause:
            continue  # 目标同向、行动同步: not growth in step with another figure
        name = _strip_name(m.group(1))
        relative = m.group(2) if m.lastindex and m.lastindex >= 2 else ""
        scenario, period, why = _scenario(_Words(segment, sentence), section, ctx, 0)
        region, name = _region(name, clause, ctx)
        # 城乡居民收入: urban and rural residents are two indicators in every statistical release
        names = ["城镇" + name[2:], "农村" + name[2:]] if name.startswith("城乡") and len(name) > 2 else [name]
        for printed in names:
            each, standard = standard_name(printed)
            facts.append(
                DraftFact(
                    each,
                    region,
                    period,
                    "yoy_pct",
                    scenario,
                    "sync",
                    None,
                    "%",
                    clause,
                    0.85 if len(names) == 1 else 0.8,
                    f"同步 → sync（{relative}）; {why}"
                    + ("; 城乡 → 城镇、农村" if len(names) > 1 else "")
                    + (f"; {standard}" if standard else ""),
                    section if scenario == "target" else "results",
                    offset + s,
                    offset + e,
                    offset + s,
                    offset + e,
                    ctx.part,
                )
            )
    return facts


def report_year_hint(text: str) -> int | None:
    """The report year its own headings imply (一、2023年工作回顾 → 2024; 二、2024年工作安排 → 2024), or None."""
    for line in text.split("\n"):
        if not (is_title(line) or len(line) <= 30):
            continue
        m = re.search(r"(?<!\d)(19\d\d|20\d\d)年", line)
        if m and RESULT_HEADING.search(line) and not TARGET_HEADING.search(line):
            return int(m.group(1)) + 1
        if m and TARGET_HEADING.search(line):
            return int(m.group(1))
    return None
