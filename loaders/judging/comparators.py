"""The comparators of a target or a standard, as one table: how each is printed, written in English, judged and drawn.

A target reads "增长7%以上", "3%左右", "控制在…以内", "与地区生产总值增长同步": the word after (or before) the figure
says which side of the figure is good. `COMPARATORS` maps each symbol used in the data files (`>=`, `<=`, `~`, `=`,
`sync`,
`scope`) to one `Comparator`; everything else (the catalogue's checks, status, the target wording, the charts, the
readers of report text) asks this table, so a new comparator is one new row here (plus its rule in `side`/`mark`
if it is judged in a new way).

API, for code that reads report text:
- `COMPARATORS[symbol].words_zh`: the Chinese words as printed (以上, 不低于, 突破, 超过 for `>=`);
- `comparator_for_word(word)`: the `Comparator` a printed word means (None for an unknown word);
- `DECLINE_WORDS` (降低, 下降): a growth target printed as a fall: `降低2%` is `<=` with value -2;
- `SYMBOLS`: the symbols in the table's order (the choices the data files accept);
- `COMPARATORS[symbol].judged`: whether a target with it gets a status at all (`scope`: the size of a task does not).
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.io.language import localized

DECLINE_WORDS = ("降低", "下降")  # 降低2% is a growth target of -2 %, comparator `<=`
DECLINE_ZH, DECLINE_EN = "降低{figure}", "fall of {figure} or more"  # how such a target is written back


@dataclass(frozen=True)
class Comparator:
    symbol: str  # as written in indicators.yaml and the CSV files
    words_zh: tuple[str, ...]  # the report's words for it (以上 after the figure, 不低于 before it, …)
    name_zh: str  # its name in the interface
    name_en: str
    mark: str  # compact sign on a bar or a card: ≥7%
    level_zh: str  # a level target in the report's wording; {figure} is the figure with its unit
    level_en: str
    growth_zh: str  # a growth target; {figure} is "7%"
    growth_en: str
    side: str  # which side of the mark is good: ">=", "<=", or "direction" (the indicator's)
    needs: tuple[str, ...]  # target fields it must have (value; relative_to for sync)
    forbids: tuple[str, ...] = ()  # target fields it must not have
    uses_tolerance: bool = False  # judged within ± tolerance (the catalogue's default when the target has none)
    decline_reads_as_fall: bool = False  # a negative growth target reads 降低2% (not 增长-2%)
    standard_zh: str = ""  # the word before a standard's figure (最高 20,000 元)
    standard_en: str = ""
    fact_zh: str = "{figure}"  # an actual figure printed with this comparator (1600多公里, 95%以上)
    fact_en: str = "{figure}"
    in_standards: bool = False  # a document's standard (a subsidy ceiling) may use it
    judged: bool = True  # False: the figure is the scope of a task (推进17个片区), not an amount to reach
    meaning_zh: str = ""  # what it means, where no printed word names it (error messages list it)
    meaning_en: str = ""

    @property
    def has_value(self) -> bool:
        """Whether a target with this comparator carries a figure of its own (sync does not)."""
        return "value" not in self.forbids

    @property
    def follows_related(self) -> bool:
        """Whether the target is another indicator's figure of the same period (与…同步)."""
        return "relative_to" in self.needs

    def bound(self, direction: str) -> str:
        """The side of the mark that is good for an indicator of `direction`: ">=" or "<="."""
        if self.side == "direction":
            return "<=" if direction == "lower_better" else ">="
        return self.side

    def judged_mark(
        self, expected: float | None, tolerance: float | None, related: float | None, direction: str
    ) -> float | None:
        """The figure an actual is compared with: the related indicator's figure for sync; the expected figure
        (序时进度) widened by the tolerance on the side that matters for 左右; otherwise the expected figure."""
        if self.follows_related:
            return related
        if expected is None:
            return None
        if self.uses_tolerance:
            widen = tolerance or 0.0
            return expected + widen if self.bound(direction) == "<=" else expected - widen
        return expected

    def wording(self, figure: str, growth: bool, lang: str) -> str:
        """The target in words, around `figure` (or the related indicator's name for sync)."""
        if growth:
            return localized(self, "growth", lang).format(figure=figure)
        return localized(self, "level", lang).format(figure=figure)

    def fact(self, figure: str, lang: str) -> str:
        """An actual figure that the report qualifies with this comparator: 95%以上."""
        return localized(self, "fact", lang).format(figure=figure)

    def name(self, lang: str) -> str:
        return localized(self, "name", lang)


_TABLE = (
    Comparator(
        ">=",
        ("以上", "不低于", "突破", "超过"),
        "不低于",
        "at least",
        "≥",
        "{figure}以上",
        "≥ {figure}",
        "增长{figure}以上",
        "growth ≥ {figure}",
        side=">=",
        needs=("value",),
        standard_zh="不低于",
        standard_en="at least",
        in_standards=True,
        fact_zh="{figure}以上",
        fact_en="{figure}+",
    ),
    Comparator(
        "<=",
        ("以内", "不超过", "控制在"),
        "不超过",
        "at most",
        "≤",
        "{figure}以内",
        "≤ {figure}",
        "增长不超过{figure}",
        "growth ≤ {figure}",
        side="<=",
        needs=("value",),
        decline_reads_as_fall=True,
        standard_zh="最高",
        standard_en="at most",
        fact_zh="{figure}以内",
        fact_en="≤ {figure}",
        in_standards=True,
    ),
    Comparator(
        "~",
        ("左右",),
        "左右",
        "about",
        "≈",
        "{figure}左右",
        "about {figure}",
        "{figure}左右",
        "about {figure}",
        side="direction",
        needs=("value",),
        uses_tolerance=True,
        fact_zh="{figure}左右",
        fact_en="about {figure}",
    ),
    Comparator(
        "=",
        (),
        "达到",
        "reach",
        "",
        "{figure}",
        "{figure}",
        "增长{figure}",
        "growth {figure}",
        side="direction",
        needs=("value",),
        decline_reads_as_fall=True,
        in_standards=True,
    ),
    Comparator(
        "sync",
        ("同步",),
        "同步",
        "in step",
        "同步",
        "与{figure}增长同步",
        "in step with {figure} growth",
        "与{figure}增长同步",
        "in step with {figure} growth",
        side="direction",
        needs=("relative_to",),
        forbids=("value",),
    ),
    # 推进17个城镇化片区开发, 落实29条措施, 加快41件续建工程: the figure says how large the task is, and no monthly
    # figure can be "behind" it, so such a target gets no met/behind status.
    Comparator(
        "scope",
        (),
        "任务范围",
        "scope of a task",
        "",
        "{figure}",
        "{figure}",
        "增长{figure}",
        "growth {figure}",
        side="direction",
        needs=("value",),
        judged=False,
        meaning_zh="任务范围，不判断完成状态，如“推进17个片区”“落实29条措施”",
        meaning_en="the scope of a task, given no met/behind status, e.g. 推进17个片区, 落实29条措施",
    ),
)

COMPARATORS: dict[str, Comparator] = {c.symbol: c for c in _TABLE}
SYMBOLS: tuple[str, ...] = tuple(COMPARATORS)
STANDARD_SYMBOLS: tuple[str, ...] = tuple(s for s, c in COMPARATORS.items() if c.in_standards)
_BY_WORD = {word: c for c in _TABLE for word in c.words_zh}


def comparator_for_word(word: str) -> Comparator | None:
    """The comparator a printed word means: 以上 -> `>=`, 控制在 -> `<=`, 左右 -> `~`, 同步 -> `sync`.
    A decline word (降低, 下降) means `<=` with a negative growth figure."""
    if word in DECLINE_WORDS:
        return COMPARATORS["<="]
    return _BY_WORD.get(word)


def short_mark(symbol: str, lang: str) -> str:
    """The compact sign of a comparator (≥, ≤, ≈, nothing for =); sync has a word instead of a sign."""
    found = COMPARATORS.get(symbol)
    if found is None:
        return ""
    return found.name(lang) if found.follows_related else found.mark


def has_own_value(symbol: str | None) -> bool:
    """Whether a fact with this comparator (None: a plain figure) has a figure of its own to show."""
    return symbol not in COMPARATORS or COMPARATORS[symbol].has_value
