"""Reference standards quoted from a document (data/standards/*.yaml), such as the child-rehabilitation subsidy
ceilings: their figures become facts (scenario "standard"), and `lookup` answers "what may this child receive"."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from loaders.io.language import localized
from loaders.io.problems import Problem, Text, problem, said
from loaders.io.schema import Field, bad_choice, built, check_fields, read_checked_mapping
from loaders.io.yamlio import LineDict
from loaders.judging.comparators import STANDARD_SYMBOLS
from loaders.readers.catalogue import Catalogue
from loaders.readers.facts import Fact

TOP_FIELDS = [
    Field("id", "str", True),
    Field("source", "str", True),
    Field("period", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("standards", "list", True),
    Field("age_rules", "list", True),
    Field("services", "list", True),
    Field("in_force", "date"),
]  # the date the document takes effect, as it states
STANDARD_FIELDS = [
    Field("id", "str", True),
    Field("indicator", "str", True),
    Field("comparator", "str", True, STANDARD_SYMBOLS),
    Field("value", "number", True),
    Field("quote", "str", True),
    Field("note_zh", "str"),
    Field("note_en", "str"),
]
AGE_RULE_FIELDS = [
    Field("id", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("standard", "str", True),
    Field("min_age", "int"),
    Field("under_age", "int"),
]
SERVICE_FIELDS = [
    Field("id", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("standards", "list", True, items="str"),
    Field("age_rules", "list", True, items="str"),
    Field("note_zh", "str"),
    Field("note_en", "str"),
]


@dataclass(frozen=True)
class Standard:
    id: str
    indicator_id: str
    comparator: str
    value: float
    quote: str
    note_zh: str | None
    note_en: str | None
    line: int

    def note(self, lang: str) -> str | None:
        return localized(self, "note", lang)


@dataclass(frozen=True)
class AgeRule:
    id: str
    name_zh: str
    name_en: str
    standard: str
    min_age: int
    max_age: int  # inclusive, in whole years

    def name(self, lang: str) -> str:
        return localized(self, "name", lang)


@dataclass(frozen=True)
class Service:
    id: str
    name_zh: str
    name_en: str
    standards: tuple[str, ...]
    age_rules: tuple[str, ...]  # the first is the general range; the others extend it under a condition
    note_zh: str | None
    note_en: str | None

    def name(self, lang: str) -> str:
        return localized(self, "name", lang)

    def note(self, lang: str) -> str | None:
        return localized(self, "note", lang)


@dataclass
class StandardsBook:
    id: str
    source: str
    period: str
    name_zh: str
    name_en: str
    path: str
    standards: dict[str, Standard] = field(default_factory=dict)
    age_rules: dict[str, AgeRule] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    in_force: object = None  # datetime.date, when the file states it


def load_standards(path: Path, catalogue: Catalogue) -> tuple[StandardsBook | None, list[Problem]]:
    """Read and check one standards file; every problem has its line."""
    path_text = str(path)
    data, problems = read_checked_mapping(path, TOP_FIELDS)
    if data is None:
        return None, problems
    book = StandardsBook(
        data["id"],
        data["source"],
        data["period"],
        data["name_zh"],
        data["name_en"],
        path_text,
        in_force=data.get("in_force"),
    )
    problems += _read_standards(path_text, data["standards"], book, catalogue)
    problems += _read_age_rules(path_text, data["age_rules"], book)
    problems += _read_services(path_text, data["services"], book)
    return book, problems


def _entries(value) -> list[LineDict]:
    return [e for e in value if isinstance(e, LineDict)]


def _duplicate(path: str, entry: LineDict, kind: Text, seen: dict) -> list[Problem]:
    if not isinstance(entry.get("id"), str) or entry["id"] not in seen:
        return []
    return [problem(path, entry.line_of("id"), said("kind_defined_twice", kind=kind, id=entry["id"]))]


def _read_standards(path: str, entries, book: StandardsBook, catalogue: Catalogue) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = said("where_named", kind=said("kind_standard"), id=entry.get("id", "?"))
        found = check_fields(path, entry, STANDARD_FIELDS, where) + _duplicate(
            path, entry, said("kind_standard"), book.standards
        )
        indicator = entry.get("indicator")
        if isinstance(indicator, str) and indicator not in catalogue.indicators:
            found.append(
                problem(
                    path,
                    entry.line_of("indicator"),
                    bad_choice(where, "indicator", indicator, list(catalogue.indicators)),
                )
            )
        problems += found
        if not found:
            book.standards[entry["id"]] = built(
                Standard, entry, indicator_id=indicator, value=float(entry["value"]), line=entry.line
            )
    return problems


def _read_age_rules(path: str, entries, book: StandardsBook) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = said("where_named", kind=said("kind_age_rule"), id=entry.get("id", "?"))
        found = check_fields(path, entry, AGE_RULE_FIELDS, where) + _duplicate(
            path, entry, said("kind_age_rule"), book.age_rules
        )
        standard = book.standards.get(entry["standard"]) if isinstance(entry.get("standard"), str) else None
        if not found and standard is None:
            found.append(
                problem(
                    path,
                    entry.line_of("standard"),
                    bad_choice(where, "standard", entry["standard"], list(book.standards)),
                )
            )
        problems += found
        if not found:
            # 未满18周岁 (under_age 18) admits 17-year-olds; 0—8岁 and 放宽至18岁 admit the age printed
            upper = entry["under_age"] - 1 if entry.get("under_age") is not None else int(standard.value)
            book.age_rules[entry["id"]] = built(AgeRule, entry, min_age=entry.get("min_age", 0), max_age=upper)
    return problems


def _read_services(path: str, entries, book: StandardsBook) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = said("where_named", kind=said("kind_service"), id=entry.get("id", "?"))
        found = check_fields(path, entry, SERVICE_FIELDS, where) + _duplicate(
            path, entry, said("kind_service"), book.services
        )
        for key, known in (("standards", book.standards), ("age_rules", book.age_rules)):
            found += [
                problem(path, entry.line_of(key), bad_choice(where, key, v, list(known)))
                for v in (entry.get(key) if isinstance(entry.get(key), list) else [])
                if isinstance(v, str) and v not in known
            ]
        if not found and not entry["age_rules"]:
            found.append(problem(path, entry.line_of("age_rules"), said("service_needs_age_rule", where=where)))
        problems += found
        if not found:
            book.services[entry["id"]] = built(
                Service, entry, standards=tuple(entry["standards"]), age_rules=tuple(entry["age_rules"])
            )
    return problems


def standard_facts(book: StandardsBook, catalogue: Catalogue) -> list[Fact]:
    """The standards as facts of the catalogue's indicators, so every tool that lists facts sees them."""
    return [
        Fact(
            s.indicator_id,
            catalogue.region,
            book.period,
            "level",
            "standard",
            s.value,
            comparator=s.comparator,
            source=book.source,
            section=catalogue.indicators[s.indicator_id].category,
            quote=s.quote,
            note=s.note_zh,
            file=book.path,
            line=s.line,
        )
        for s in book.standards.values()
    ]


@dataclass(frozen=True)
class Answer:
    service: Service
    age: int
    eligible: bool
    rule: AgeRule | None  # the rule that admits the child (None if none does)
    conditional: bool  # admitted only under the rule's condition (语后聋, 矫形器具, …)
    general: AgeRule
    standards: tuple[Standard, ...]


def lookup(book: StandardsBook, service_id: str, age: int) -> Answer:
    """Which standards apply to a service, and whether a child of `age` qualifies: by the general age range, or
    only by an extension (whose condition staff must check), or not at all."""
    service = book.services[service_id]
    rules = [book.age_rules[r] for r in service.age_rules]
    admitting = [r for r in rules if r.min_age <= age <= r.max_age]
    rule = admitting[0] if admitting else None
    conditional = rule is not None and rule is not rules[0]
    return Answer(
        service, age, rule is not None, rule, conditional, rules[0], tuple(book.standards[s] for s in service.standards)
    )
