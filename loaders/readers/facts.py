"""Turn the data files into facts: one row per indicator, region, period, measure and scenario (the long form)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from loaders.io.numbers import NotANumber, number_text, parse_number
from loaders.io.problems import Problem, Text, joined, problem, said
from loaders.io.schema import bad_choice, text_problem
from loaders.io.tables import Row, read_csv_rows, require_columns
from loaders.io.units import convert
from loaders.judging.comparators import COMPARATORS
from loaders.judging.periods import PERIOD
from loaders.judging.vocabulary import CAVEATS, MEASURES
from loaders.readers.catalogue import Catalogue, caveat_not_in_quote, caveat_not_printed, undeclared_measure
from loaders.readers.columnwise import read_monthly_columns, read_provincial_columns
from loaders.readers.fact import FACT_COLUMNS, Fact  # noqa: F401  (callers take the fact type from here too)
from loaders.readers.figures import (  # noqa: F401  (the labels and aliases are part of this module's interface)
    MONTHLY_ALIASES,
    MONTHLY_LABELS,
    PROVINCIAL_ALIASES,
    PROVINCIAL_LABELS,
    bad_period,
    facts_of,
    monthly_rows,
    not_a_number,
    provincial_rows,
    rank_out_of_range,
    unknown_indicator,
)
from loaders.readers.regions import Regions
from loaders.readers.sources import Source

CHINESE_NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
]

# + optional unit (as printed, when it differs from the indicator's), source (the report that states the figure,
# when a folder holds several years' reports; the catalogue's default source otherwise), caveat (a code of
# loaders/judging/vocabulary.CAVEATS, as in the catalogue) and note_en (the note in English)
RESULT_COLUMNS = ("indicator_id", "period", "measure", "value", "comparator", "section", "quote", "note")


def value_in_quote(value: float, quote: str, measure: str) -> bool:
    """The figure must be written inside its own quote (a reduction as its absolute value, a rank maybe in words).

    As a report prints it: with trailing zeros (5.0%, 12.50亿元), thousands separators (1,000.24) or full-width digits
    (５．０％), all of which stand for the same value."""
    forms = [_printed_number(abs(value))]
    if float(value).is_integer() and 1 <= value <= len(CHINESE_NUMERALS):
        word = CHINESE_NUMERALS[int(value) - 1]
        if measure == "rank":
            forms.append("第" + word)
        else:  # a small count in words (植入五年后), but not a rank (第一) nor part of a longer numeral (十五)
            forms.append(f"(?<![第{''.join(CHINESE_NUMERALS[:10])}]){word}(?![{''.join(CHINESE_NUMERALS[:10])}])")
    # not inside a longer number: 15, 5.05, 2,500 (a thousands separator is a comma between digits, three after it)
    # nor a part of a fraction (1/10: see _as_fraction)
    pattern = r"(?<![0-9.])(?<![0-9],)(?<![0-9]/)(" + "|".join(forms) + r")(?![0-9]|\.[0-9]|,[0-9]{3}(?![0-9])|/[0-9])"
    quote = unicodedata.normalize("NFKC", quote)
    return (
        re.search(pattern, quote) is not None
        or _as_fraction(abs(value), quote, measure)
        or _in_chinese_numerals(abs(value), quote, measure)
    )


_FRACTION = re.compile(r"(?<![0-9.])([0-9]{1,4})/([0-9]{1,4})(?![0-9])")


def _as_fraction(value: float, quote: str, measure: str) -> bool:
    """A share printed as a fraction (超1/10, 占全国1/3) is kept in % to two decimals: 10, 33.33."""
    return measure == "level" and any(
        int(b) and round(100 * int(a) / int(b), 2) == value for a, b in _FRACTION.findall(quote)
    )


_NUMERAL_RUN = re.compile(r"(第?)([零〇一二两三四五六七八九十百千万亿]{2,12}|两)")


def _in_chinese_numerals(value: float, quote: str, measure: str) -> bool:
    """A figure in Chinese numerals longer than one word (二十个, 一百二十项, 两所): the whole run is the number,
    so 十五 is never 5. A rank's numeral follows 第; another figure's never does."""
    runs = [(rank, run) for rank, run in _NUMERAL_RUN.findall(quote) if bool(rank) == (measure == "rank")]
    if not runs:
        return False
    import cn2an  # about a second to import: only for a figure that is not in digits

    for _, run in runs:
        try:
            if float(cn2an.cn2an(run, "smart")) == value:
                return True
        except (ValueError, KeyError, IndexError, OverflowError):
            continue  # a run of numeral characters that is not a number (一一, 万万)
    return False


def _printed_number(value: float) -> str:
    """A pattern for the ways a report may print this number: 1000.24, 1,000.24, 5, 5.0, 12.5, 12.50."""
    whole, _, fraction = number_text(value).partition(".")
    groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
    digits = "(?:" + re.escape(whole) + "|" + ",".join(groups) + ")"
    return digits + (r"\." + fraction + "0*" if fraction else r"(?:\.0+)?")


def target_facts(catalogue: Catalogue) -> list[Fact]:
    return [
        Fact(
            t.indicator_id,
            catalogue.region,
            str(t.year),
            t.measure,
            "target",
            t.value,
            t.unit,
            t.comparator,
            t.tolerance
            if t.tolerance is not None
            else (catalogue.tolerance if COMPARATORS[t.comparator].uses_tolerance else None),
            t.relative_to,
            t.source,
            t.section,
            t.quote,
            t.note,
            catalogue.path,
            t.line,
            caveat=t.caveat,
            note_en=t.note_en,
        )
        for t in catalogue.targets
    ]


def check_quotes(facts: list[Fact], sources: dict[str, Source]) -> list[Problem]:
    """Every quoted fact cites a known source, its quote occurs in that source, and its value in its quote."""
    problems = []
    broken = getattr(sources, "broken", set())  # reported once, in sources.yaml
    for f in facts:
        if f.quote is None or f.source in broken:
            continue
        source = sources.get(f.source or "")
        if source is None:
            problems.append(
                problem(
                    f.file, f.line, bad_choice(said("where_fact", id=f.indicator_id), "source", f.source, list(sources))
                )
            )
        elif not source.contains(f.quote):
            problems.append(
                problem(f.file, f.line, said("quote_not_in_source", id=f.indicator_id, source=source.id, quote=f.quote))
            )
        if f.value is not None and not value_in_quote(f.value, f.quote, f.measure):
            problems.append(problem(f.file, f.line, value_not_in_quote(f)))
    return problems


def value_not_in_quote(f: Fact) -> Text:
    """The figure is not in its sentence; for a level, the likely cause is a figure printed in another magnitude."""
    hint = ""
    if f.measure == "level":
        column = said("unit_field" if str(f.file or "").endswith((".yaml", ".yml")) else "unit_column")
        hint = said("hint_other_magnitude", column=column)
    return said("value_not_in_quote", id=f.indicator_id, value=number_text(f.value), hint=hint)


RESPECTIVELY = "分别"
_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# Where the list of names before 分别 begins and the figures after it end: a clause break.
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]")
# What joins the names of a list: 、 and, before the last name, 和/及/与/以及 (城镇、农村居民和脱贫人口).
_LIST_JOINER = re.compile(r"、|以及|和|及|与")


def check_respectively(facts: list[Fact], catalogue: Catalogue) -> list[Problem]:
    """In a 分别 clause ("养老保险、医疗保险参保人数分别达163.36万人、228.61万人") the nth figure belongs to the
    nth name listed before 分别. A Chinese list elides what its names share (第一、第三产业增加值; 城镇居民、
    农村居民人均可支配收入; 专利申请量、授权量), so each fact is placed by the part of its indicator's name that no
    other indicator of the clause has (一 and 三; 城镇 and 农村). A figure is reported as out of order only when every
    fact of the clause is placed that way, one to a listed name; otherwise the clause is reported as not judged,
    never given advice that could make a right figure wrong."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        if f.quote and RESPECTIVELY in f.quote and f.value is not None:
            groups.setdefault((f.quote, f.source, f.period, f.measure), []).append(f)
    problems = []
    for (quote, *_), quoted in groups.items():
        listed, figures = respectively_clause(quote)
        # the facts of the 分别 clause itself (a quote may hold other clauses whose figures are checked elsewhere)
        group = [f for f in quoted if abs(float(f.value)) in figures]
        if not group or len({(f.indicator_id, f.region) for f in group}) != len(group):
            continue  # a repeated row: reported by check_duplicates, and its two facts cannot both be placed
        names = [catalogue.indicators[f.indicator_id].name_zh for f in group]
        places = list_places(names, listed)
        if places is None or len(figures) != len(listed):
            problems.append(problem(group[0].file, group[0].line, not_judged(group, listed), severity="warning"))
            continue
        for f, n in zip(group, places):
            if abs(float(f.value)) != figures[n]:
                position = figures.index(abs(f.value)) + 1 if abs(f.value) in figures else "?"
                problems.append(
                    problem(
                        f.file,
                        f.line,
                        said(
                            "respectively_swapped",
                            id=f.indicator_id,
                            value=number_text(f.value),
                            position=position,
                            n=n + 1,
                            expected=number_text(figures[n]),
                        ),
                    )
                )
    return problems


def respectively_clause(quote: str) -> tuple[list[str], list[float]]:
    """The names listed before 分别 (from the clause break before it) and the figures after it (to the next break)."""
    before, _, after = quote.partition(RESPECTIVELY)
    listed = [part for part in _LIST_JOINER.split(_CLAUSE_BREAK.split(before)[-1]) if part]
    figures = [float(x) for x in _FIGURE.findall(_CLAUSE_BREAK.split(after)[0])]
    return listed, figures


def list_places(names: list[str], listed: list[str]) -> list[int] | None:
    """For each indicator name, the index of the listed name it is, or None when any cannot be placed for certain.

    One indicator alone has nothing to tell it from the others listed, so it is placed only when its whole name is
    one listed name; two or more are told apart by what their names do not share (see distinguishing_parts)."""
    if len(names) == 1:
        matches = [i for i, item in enumerate(listed) if item == names[0]]
        return matches if len(matches) == 1 else None
    parts = distinguishing_parts(names)
    if parts is None:
        return None
    places = []
    for k, part in enumerate(parts):
        others = parts[:k] + parts[k + 1 :]
        held = [i for i, item in enumerate(listed) if _holds(item, part, others)]
        if len(held) != 1:
            return None
        places.append(held[0])
    return places if len(set(places)) == len(places) else None


def distinguishing_parts(names: list[str]) -> list[str] | None:
    """Each name without the head and tail that all the names share (第一产业增加值, 第三产业增加值 → 一, 三), or None
    when two names are the same or one is nothing but the shared part."""
    head = len(_common_prefix(names))
    tail = len(_common_prefix([n[head:][::-1] for n in names]))
    parts = [n[head : len(n) - tail] for n in names]
    return parts if all(parts) and len(set(parts)) == len(parts) else None


def _holds(item: str, part: str, others: list[str]) -> bool:
    """The listed name holds this distinguishing part (whole, or a run of two characters or more of it that no other
    indicator's part has: 规模以上工业 is listed as 规上工业), and no other indicator's part whole."""
    if any(other in item for other in others):
        return False
    if part in item:
        return True
    runs = (part[s:e] for s in range(len(part)) for e in range(len(part), s + 1, -1))
    return any(run in item and not any(run in other for other in others) for run in runs)


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def not_judged(group: list[Fact], listed: list[str]) -> Text:
    ids = "、".join(f.indicator_id for f in group)
    return said("respectively_not_judged", ids=ids, listed="、".join(listed))


def check_units(facts: list[Fact], catalogue: Catalogue) -> list[Problem]:
    """A printed unit that differs from the indicator's must convert to it (户 and 万户 do; 个 and 件 do not)."""
    problems = []
    for f in facts:
        unit = catalogue.indicators[f.indicator_id].unit
        if f.unit and f.unit != unit and convert(1.0, f.unit, unit) is None:
            problems.append(
                problem(
                    f.file, f.line, said("unit_not_convertible", id=f.indicator_id, unit=f.unit, indicator_unit=unit)
                )
            )
    return problems


def check_sources_agree(facts: list[Fact]) -> list[Problem]:
    """The same figure from two sources must agree; a disagreement is shown, never resolved silently."""
    first: dict[tuple, Fact] = {}
    problems = []
    for f in facts:
        seen = first.setdefault(f.key()[:5], f)
        if seen is not f and seen.source != f.source and seen.value != f.value:
            problems.append(
                problem(
                    f.file,
                    f.line,
                    said(
                        "sources_disagree",
                        id=f.indicator_id,
                        period=f.period,
                        region=f.region,
                        source=f.source,
                        value=number_text(f.value),
                        file=seen.file,
                        line=seen.line,
                        seen_source=seen.source,
                        seen_value=number_text(seen.value),
                    ),
                    severity="warning",
                )
            )
    return problems


def check_duplicates(facts: list[Fact]) -> list[Problem]:
    """One message per duplicated row (not per measure), naming the line it repeats."""
    first: dict[tuple, Fact] = {}
    reported: set[tuple] = set()
    problems = []
    for f in facts:
        seen = first.setdefault(f.key(), f)
        if seen is not f and (f.file, f.line) not in reported:
            reported.add((f.file, f.line))
            problems.append(
                problem(
                    f.file,
                    f.line,
                    said(
                        "row_duplicate",
                        id=f.indicator_id,
                        period=f.period,
                        measure=f.measure,
                        region=f.region,
                        file=seen.file,
                        line=seen.line,
                    ),
                )
            )
    return problems


class RowChecker:
    """Checks of single cells shared by every kind of data file; collects problems instead of stopping."""

    def __init__(self, path: Path, catalogue: Catalogue, ranked_among: int | None = None):
        self.path, self.catalogue, self.problems = str(path), catalogue, []
        self.ranked_among = ranked_among  # how many regions a rank is taken among (data/regions.yaml); None: unchecked

    def report(self, row: Row, message: Text) -> None:
        self.problems.append(problem(self.path, row.line, message))

    def indicator(self, row: Row, column: str = "indicator_id"):
        iid = row.get(column)
        indicator = self.catalogue.indicators.get(iid)
        if indicator is None:
            self.problems.append(problem(self.path, row.line, unknown_indicator(iid, self.catalogue)))
        return indicator

    def period(self, row: Row, pattern: re.Pattern = PERIOD) -> str | None:
        text = row.get("period")
        if not pattern.match(text):
            self.problems.append(problem(self.path, row.line, bad_period(text)))
            return None
        return text

    def number(self, row: Row, column: str, label: str) -> tuple[bool, float | None]:
        try:
            return True, parse_number(row.get(column))
        except NotANumber as exc:
            self.problems.append(problem(self.path, row.line, not_a_number(label, column, exc)))
            return False, None

    def rank(self, row: Row, value: float | None, indicator=None) -> bool:
        # an indicator ranked elsewhere (rank_scope: 西部) is not ranked among the regions listed
        among = None if indicator is not None and indicator.rank_scope else self.ranked_among
        if value is None or (value.is_integer() and 1 <= value <= (among or value)):
            return True
        self.problems.append(problem(self.path, row.line, rank_out_of_range(value, among)))
        return False

    def measure_declared(self, row: Row, indicator, measure: str) -> bool:
        if measure in indicator.measures:
            return True
        self.problems.append(problem(self.path, row.line, undeclared_measure(indicator, measure)))
        return False


def read_results(path: Path, catalogue: Catalogue, ranked_among: int | None = None) -> tuple[list[Fact], list[Problem]]:
    """The report's own results (data/report_results.csv): each row one quoted fact."""
    header, rows, problems = read_csv_rows(path, required=("indicator_id",))
    problems += require_columns(path, header, RESULT_COLUMNS, {})
    if problems:
        return [], problems
    check, facts = RowChecker(path, catalogue, ranked_among), []
    for row in rows:
        indicator, period = check.indicator(row), check.period(row)
        measure, comparator, section = row.get("measure"), row.get("comparator") or None, row.get("section")
        ok = indicator is not None and period is not None
        if measure not in MEASURES:
            ok = False
            check.report(row, said("measure_invalid", measure=measure, choices=joined(MEASURES)))
        elif indicator is not None:
            ok = check.measure_declared(row, indicator, measure) and ok
        if comparator not in (None, *COMPARATORS):
            ok = False
            check.report(
                row,
                bad_choice(
                    said("where_indicator", id=row.get("indicator_id")), "comparator", comparator, list(COMPARATORS)
                ),
            )
        if section not in catalogue.categories:
            ok = False
            check.report(
                row,
                bad_choice(
                    said("where_indicator", id=row.get("indicator_id")), "section", section, list(catalogue.categories)
                ),
            )
        if not row.get("quote"):
            ok = False
            check.report(row, said("result_quote_missing"))
        caveat = row.get("caveat") or None
        where = said("where_indicator", id=row.get("indicator_id"))
        if caveat is not None and caveat not in CAVEATS:
            ok = False
            check.report(row, bad_choice(where, "caveat", caveat, list(CAVEATS)))
        elif row.get("quote") and caveat_not_printed(caveat, row.get("quote")):
            ok = False
            check.report(row, caveat_not_in_quote(where, caveat))
        for column in ("quote", "note", "note_en"):  # shown on pages and slides: no control characters, bounded
            if unshowable := text_problem(column, row.get(column)):
                ok = False
                check.report(row, unshowable)
        parsed, value = check.number(row, "value", "数值")
        if parsed and value is None:
            ok = False
            check.report(row, said("result_value_missing"))
        ok = ok and parsed and (measure != "rank" or check.rank(row, value, indicator))
        if ok:
            facts.append(
                Fact(
                    indicator.id,
                    catalogue.region,
                    period,
                    measure,
                    "actual",
                    value,
                    row.get("unit") or None,
                    comparator,
                    None,
                    None,
                    row.get("source") or catalogue.default_source,
                    section,
                    row.get("quote"),
                    row.get("note") or None,
                    str(path),
                    row.line,
                    caveat=caveat,
                    note_en=row.get("note_en") or None,
                )
            )
    return facts, problems + check.problems


def read_monthly(path: Path, catalogue: Catalogue, ranked_among: int | None = None) -> tuple[list[Fact], list[Problem]]:
    """A monthly file (data/monthly/YYYY-MM.csv) as `Fact` objects: loaders/readers/figures.py reads it. A rank runs
    from 1 to `ranked_among` (the regions listed), any whole rank from 1 when None."""

    table, problems = read_monthly_columns(path, catalogue, ranked_among)
    return facts_of(table), problems


def monthly_facts(
    path: str, header: list[str], rows: list[Row], catalogue: Catalogue, ranked_among: int | None = None
) -> tuple[list[Fact], list[Problem]]:
    """The facts of a monthly table's rows (a staff upload), every problem with its line."""
    table, problems = monthly_rows(path, header, rows, catalogue, ranked_among)
    return facts_of(table), problems


def read_provincial(
    path: Path, catalogue: Catalogue, regions: Regions, sources: dict[str, Source]
) -> tuple[list[Fact], list[Problem]]:
    """Figures of every prefecture for an indicator and period (data/provincial/*.csv) as `Fact` objects."""

    table, problems = read_provincial_columns(path, catalogue, regions, sources)
    return facts_of(table), problems


def provincial_facts(
    path: str, header: list[str], rows: list[Row], catalogue: Catalogue, regions: Regions, sources: dict[str, Source]
) -> tuple[list[Fact], list[Problem]]:
    table, problems = provincial_rows(path, header, rows, catalogue, regions, sources)
    return facts_of(table), problems
