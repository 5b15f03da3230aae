"""The indicator catalogue (indicators.yaml): load it, check it against its schema, and expose it as objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.io.language import localized, pick
from loaders.io.problems import Problem, Text, problem, said
from loaders.io.schema import Field, bad_choice, built, check_fields, has_kind, read_yaml
from loaders.io.schema import json_schema as json_schema_of
from loaders.io.yamlio import LineDict
from loaders.judging.comparators import COMPARATORS, SYMBOLS
from loaders.judging.vocabulary import (
    CAVEATS,
    DIRECTIONS,
    FREQUENCIES,
    LEVEL_KINDS,
    MEASURES,
    MONTHLY_PARTS,
    RANK_BASES,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

# A note in the interface's languages: `note` is read in Chinese, `note_en` in English (the Chinese when it has none).
NOTE_FIELDS = [Field("note", "str"), Field("note_en", "str")]
# A figure's caveat (同口径, 获评 vs 建成, unit not printed), shown beside the figure wherever it appears; the codes
# and their words: loaders/judging/vocabulary.CAVEATS and loaders/io/messages.yaml. The results file's `caveat`
# column takes the same codes.
CAVEAT_FIELD = Field("caveat", "str", False, tuple(CAVEATS))

TOP_FIELDS = [Field("defaults", "map", True), Field("categories", "list", True), Field("indicators", "list", True)]
DEFAULT_FIELDS = [
    Field("region", "str", True),
    Field("direction", "str", True, DIRECTIONS),
    Field("frequency", "str", True, FREQUENCIES),
    Field("rank_basis", "str", True, RANK_BASES),
    Field("level_kind", "str", True, LEVEL_KINDS),
    Field("measures", "list", True, items="str"),
    Field("source", "str", True),
    Field("tolerance", "number", True),
]
# What an indicator takes from `defaults` when it does not say.
INHERITED = ("direction", "frequency", "rank_basis", "level_kind", "measures")
CATEGORY_FIELDS = [
    Field("id", "str", True),
    Field("part", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("main", "bool"),
]  # main: true on the section of the report's main expected targets
INDICATOR_FIELDS = [
    Field("id", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str"),  # missing in a draft's indicators outside the standard vocabulary: shown in Chinese
    Field("unit", "str", True),
    Field("category", "str", True),
    Field("rank_scope", "str"),  # its ranks are counted elsewhere than among data/regions.yaml's regions (西部)
    Field("direction", "str", False, DIRECTIONS),
    Field("frequency", "str", False, FREQUENCIES),
    Field("rank_basis", "str", False, RANK_BASES),
    Field("level_kind", "str", False, LEVEL_KINDS),
    Field("measures", "list", items="str"),
    *NOTE_FIELDS,
    Field("targets", "list"),
]
TARGET_FIELDS = [
    Field("year", "int", True),
    Field("measure", "str", True, MEASURES),
    Field("comparator", "str", True, SYMBOLS),
    Field("value", "number"),
    Field("tolerance", "number"),
    Field("relative_to", "str"),
    Field("unit", "str"),
    Field("section", "str", True),
    Field("quote", "str", True),
    Field("source", "str"),
    *NOTE_FIELDS,
    CAVEAT_FIELD,
]


def json_schema() -> dict:
    """indicators.yaml as a JSON Schema, from the same field lists the checks use (docs/indicators.schema.json)."""
    measures = {"type": "array", "items": {"enum": list(MEASURES)}}
    target = json_schema_of(TARGET_FIELDS)
    indicator = json_schema_of(INDICATOR_FIELDS, items={"targets": target}, properties={"measures": measures})
    schema = json_schema_of(
        TOP_FIELDS,
        "indicators.yaml",
        items={"categories": json_schema_of(CATEGORY_FIELDS), "indicators": indicator},
        properties={"defaults": json_schema_of(DEFAULT_FIELDS, properties={"measures": measures})},
    )
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


@dataclass(frozen=True)
class Category:
    id: str
    part: str
    name_zh: str
    name_en: str
    main: bool = False  # holds the report's main expected targets (主要预期目标): the overview's cards


@dataclass(frozen=True)
class Target:
    indicator_id: str
    year: int
    measure: str
    comparator: str
    value: float | None
    tolerance: float | None
    relative_to: str | None
    unit: str | None  # as printed, when it differs from the indicator's (7000户 for an indicator in 万户)
    section: str
    quote: str
    source: str
    note: str | None
    note_en: str | None
    caveat: str | None  # a code of loaders/judging/vocabulary.CAVEATS
    line: int


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    category: str
    direction: str
    frequency: str
    rank_basis: str
    level_kind: str  # flow: counted from January (investment, new jobs); stock: a rate or running total
    measures: tuple[str, ...]
    note: str | None
    note_en: str | None
    line: int
    rank_scope: str | None = None  # where its ranks are counted when not among the regions file's (西部, 全国)
    translated: bool = True  # False: no name_en in the file, so name_en holds the Chinese name

    def name(self, lang: str = "zh") -> str:
        return localized(self, "name", lang)

    def remark(self, lang: str = "zh") -> str | None:
        return note_in(self.note, self.note_en, lang)


def note_in(note: str | None, note_en: str | None, lang: str) -> str | None:
    """A catalogue note in the interface's language: the Chinese `note`, or `note_en` in English (the Chinese
    when there is no English)."""
    return pick(note, note_en or note, lang) or None


@dataclass
class Catalogue:
    path: str
    region: str
    default_source: str
    tolerance: float
    categories: dict[str, Category] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)

    @property
    def untranslated(self) -> list[str]:
        """The indicators with no English name: the English interface says once that they show in Chinese."""
        return [i.id for i in self.indicators.values() if not i.translated]

    @property
    def main_sections(self) -> tuple[str, ...]:
        """The categories flagged `main: true`: their targets are the main targets (overview, deck)."""
        return tuple(c.id for c in self.categories.values() if c.main)


def load_catalogue(path: Path) -> tuple[Catalogue | None, list[Problem]]:
    """Read and check indicators.yaml; every problem is reported, with the entries that are sound kept."""
    path_text = str(path)
    data, problems = read_yaml(path, "catalogue_missing", "catalogue_duplicate_key", "catalogue_not_a_mapping")
    if data is None:
        return None, problems
    problems += check_fields(path_text, data, TOP_FIELDS, said("where_top_level"))
    defaults = data.get("defaults") if isinstance(data.get("defaults"), LineDict) else None
    if defaults is None:
        return None, problems
    problems += check_fields(path_text, defaults, DEFAULT_FIELDS, said("where_defaults"))
    problems += _check_measure_list(path_text, defaults, said("where_defaults"))
    catalogue = Catalogue(
        path_text,
        str(defaults.get("region", "")),
        str(defaults.get("source", "")),
        _default_tolerance(defaults),
    )
    problems += _read_categories(path_text, data.get("categories"), catalogue)
    problems += _read_indicators(path_text, data.get("indicators"), defaults, catalogue)
    problems += _check_main(path_text, data, catalogue)
    return catalogue, problems


def _default_tolerance(defaults: LineDict) -> float:
    """The catalogue's tolerance, or 0 when it is not a number (already reported: `tolerance: 0,5`)."""
    value = defaults.get("tolerance")
    return float(value) if has_kind(value, "number") else 0.0


def _check_main(path: str, data: LineDict, catalogue: Catalogue) -> list[Problem]:
    """Targets of the work report need one category flagged as holding the main targets, or the overview is empty."""
    if catalogue.main_sections or not any(c.part in MONTHLY_PARTS for c in catalogue.categories.values()):
        return []
    if not any(
        catalogue.categories.get(t.section) and catalogue.categories[t.section].part in MONTHLY_PARTS
        for t in catalogue.targets
    ):
        return []
    return [problem(path, data.line_of("categories"), said("catalogue_no_main_category"))]


def _entries(value) -> list[LineDict]:
    return [e for e in value if isinstance(e, LineDict)] if isinstance(value, list) else []


def _read_categories(path: str, value, catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    for n, entry in enumerate(_entries(value), start=1):
        where = said("where_category", id=entry.get("id", f"#{n}"))
        found = check_fields(path, entry, CATEGORY_FIELDS, where)
        problems += found
        cid = entry.get("id")
        if isinstance(cid, str) and cid in catalogue.categories:
            problems.append(problem(path, entry.line_of("id"), said("category_defined_twice", id=cid)))
        elif not found:
            catalogue.categories[cid] = built(Category, entry, main=entry.get("main") is True)
    return problems


def _read_indicators(path: str, value, defaults: LineDict, catalogue: Catalogue) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    checked: list[tuple[LineDict, Indicator]] = []
    for n, entry in enumerate(_entries(value), start=1):
        iid = entry.get("id")
        where = said("where_indicator", id=iid) if iid else said("where_indicator_number", n=n)
        found = check_fields(path, entry, INDICATOR_FIELDS, where)
        found += _check_measure_list(path, entry, where)
        if isinstance(iid, str) and not ID_PATTERN.match(iid):
            found.append(problem(path, entry.line_of("id"), said("indicator_id_malformed", where=where)))
        if isinstance(iid, str) and iid in seen:
            found.append(problem(path, entry.line_of("id"), said("indicator_defined_twice", id=iid)))
        category = entry.get("category")
        if isinstance(category, str) and catalogue.categories and category not in catalogue.categories:
            found.append(
                problem(
                    path, entry.line_of("category"), bad_choice(where, "category", category, list(catalogue.categories))
                )
            )
        problems += found
        if not isinstance(iid, str) or iid in seen:
            continue
        seen.add(iid)
        inherited = {key: entry.get(key, defaults.get(key)) for key in INHERITED}
        inherited["measures"] = tuple(_listed(inherited["measures"]))
        english = entry.get("name_en")
        inherited["name_en"] = english if isinstance(english, str) and english.strip() else entry.get("name_zh")
        indicator = built(Indicator, entry, **inherited, line=entry.line, translated=inherited["name_en"] == english)
        checked.append((entry, indicator))
        if not found:
            catalogue.indicators[iid] = indicator
    # Targets are read once every indicator is known, because `relative_to` may point forward; the targets of
    # an indicator with a mistake are still checked, so that one pass reports everything.
    for entry, indicator in checked:
        targets, found = _read_targets(path, entry.get("targets"), indicator, catalogue)
        problems += found
        if indicator.id in catalogue.indicators:
            catalogue.targets += targets
    return problems


def _check_measure_list(path: str, entry: LineDict, where: Text) -> list[Problem]:
    measures = entry.get("measures")
    if not isinstance(measures, list):
        return []
    return [
        problem(path, entry.line_of("measures"), bad_choice(where, "measures", m, MEASURES))
        for m in measures
        if m not in MEASURES
    ]


def _read_targets(path: str, value, indicator: Indicator, catalogue: Catalogue) -> tuple[list[Target], list[Problem]]:
    problems: list[Problem] = []
    targets: list[Target] = []
    for n, entry in enumerate(_entries(value), start=1):
        where = said("where_target", id=indicator.id, n=n)
        found = check_fields(path, entry, TARGET_FIELDS, where)
        found += _check_target_logic(path, entry, where, indicator, catalogue)
        problems += found
        if found:
            continue
        targets.append(
            built(
                Target,
                entry,
                indicator_id=indicator.id,
                value=_float_or_none(entry.get("value")),
                tolerance=_float_or_none(entry.get("tolerance")),
                source=entry.get("source", catalogue.default_source),
                line=entry.line,
            )
        )
    return targets, problems


def _check_target_logic(
    path: str, entry: LineDict, where: Text, indicator: Indicator, catalogue: Catalogue
) -> list[Problem]:
    problems: list[Problem] = []
    comparator, has_value = entry.get("comparator"), entry.get("value") is not None
    rule = COMPARATORS.get(comparator) if isinstance(comparator, str) else None  # an unknown one is reported above
    if rule is not None and rule.follows_related:
        related = entry.get("relative_to")
        if not related:
            problems.append(
                problem(
                    path,
                    entry.line,
                    said("target_needs_relative_to", where=where, rule=Text(rule.name_zh, rule.symbol)),
                )
            )
        elif related not in catalogue.indicators:
            problems.append(
                problem(
                    path,
                    entry.line_of("relative_to"),
                    bad_choice(where, "relative_to", related, list(catalogue.indicators)),
                )
            )
    if rule is not None and not rule.has_value and has_value:
        problems.append(
            problem(
                path,
                entry.line_of("value"),
                said("target_has_no_value", where=where, rule=Text(rule.name_zh, rule.symbol)),
            )
        )
    if rule is not None and "value" in rule.needs and not has_value:
        problems.append(problem(path, entry.line, said("target_value_missing", where=where)))
    measure = entry.get("measure")
    if measure in MEASURES and measure not in indicator.measures:
        problems.append(problem(path, entry.line_of("measure"), undeclared_measure(indicator, measure)))
    section = entry.get("section")
    if isinstance(section, str) and catalogue.categories and section not in catalogue.categories:
        problems.append(
            problem(path, entry.line_of("section"), bad_choice(where, "section", section, list(catalogue.categories)))
        )
    caveat, quote = entry.get("caveat"), entry.get("quote")
    if isinstance(quote, str) and caveat_not_printed(caveat, quote):
        problems.append(problem(path, entry.line_of("caveat"), caveat_not_in_quote(where, caveat)))
    return problems


def caveat_not_printed(caveat, quote: str) -> bool:
    """Whether a caveat that the report prints (同口径, 获评, 建成) is missing from the figure's own quote."""
    word = CAVEATS.get(caveat) if isinstance(caveat, str) else None
    return word is not None and word not in quote


def caveat_not_in_quote(where: Text, caveat: str) -> Text:
    word = CAVEATS[caveat]
    return Text(
        f"{where.zh}：caveat“{caveat}”表示原文写有“{word}”，但引文中没有：请核对 caveat 或引文",
        f'{where.en}: caveat "{caveat}" stands for the printed word {word}, which its quote lacks: '
        f"check the caveat or the quote",
    )


def undeclared_measure(indicator: Indicator, measure: str) -> Text:
    return said("measure_undeclared", id=indicator.id, measure=measure)


def _listed(value) -> list:
    return value if isinstance(value, list) else []


def _float_or_none(value) -> float | None:
    return None if value is None else float(value)
