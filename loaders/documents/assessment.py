"""An assessment checklist quoted from a document (data/assessments/<id>.yaml), e.g. the food-safety
demonstration-city checklist: parts with their points, evaluation points with their items and departments, veto
items, the plan's phases, and the damage of the source text, recorded as found and never repaired by guessing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.io.language import localized, pick
from loaders.io.problems import Problem, Text, problem, said
from loaders.io.schema import Field, bad_choice, built, check_fields, read_checked_mapping
from loaders.io.yamlio import LineDict
from loaders.readers.sources import Source

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

TOP_FIELDS = [
    Field("id", "str", True),
    Field("source", "str", True),
    Field("plan_source", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("phases", "list", True),
    Field("parts", "list", True),
    Field("points", "list", True),
    Field("vetoes", "list", True),
    Field("gaps", "list"),
]
PHASE_FIELDS = [
    Field("id", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("start", "str", True),
    Field("end", "str", True),
    Field("quote", "str", True),
]
PART_FIELDS = [
    Field("id", "str", True),
    Field("no", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("points", "number"),
    Field("required_points", "number"),
    Field("optional_points", "number"),
    Field("veto", "bool"),
    Field("quote", "str", True),
    Field("damage", "list"),
]
POINT_FIELDS = [
    Field("id", "str", True),
    Field("no", "int", True),
    Field("part", "str", True),
    Field("name_zh", "str", True),
    Field("name_en", "str", True),
    Field("points", "number", True),
    Field("quote", "str", True),
    Field("kind", "str", False, ("required", "optional")),
    Field("damage", "list"),
    Field("items", "list", True),
]
ITEM_FIELDS = [
    Field("no", "int", True),
    Field("content", "str", True),
    Field("points", "number"),
    Field("method", "str"),
    Field("tasks", "str"),
    Field("lead", "list", items="str"),
    Field("responsible", "list", items="str"),
    Field("damage", "list"),
]
VETO_FIELDS = [
    Field("id", "str", True),
    Field("no", "int", True),
    Field("content", "str", True),
    Field("method", "str"),
    Field("lead", "list", items="str"),
    Field("responsible", "list", items="str"),
    Field("damage", "list"),
]
NOTE_FIELDS = [Field("zh", "str", True), Field("en", "str", True), Field("part", "str")]


@dataclass(frozen=True)
class Note:
    zh: str
    en: str
    part: str | None = None

    def text(self, lang: str) -> str:
        return pick(self.zh, self.en, lang)


@dataclass(frozen=True)
class Phase:
    id: str
    name_zh: str
    name_en: str
    start: str  # YYYY-MM
    end: str
    quote: str


@dataclass(frozen=True)
class Part:
    id: str
    no: str
    name_zh: str
    name_en: str
    points: float | None
    required_points: float | None
    optional_points: float | None
    veto: bool
    quote: str
    damage: tuple[Note, ...]


@dataclass(frozen=True)
class Item:
    no: int
    content: str
    points: float | None
    method: str | None
    tasks: str | None
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    damage: tuple[Note, ...]


@dataclass(frozen=True)
class Point:
    id: str
    no: int
    part: str
    name_zh: str
    name_en: str
    points: float
    quote: str
    kind: str | None  # required | optional, in a part that has both
    damage: tuple[Note, ...]
    items: tuple[Item, ...]

    def name(self, lang: str) -> str:
        return localized(self, "name", lang)

    @property
    def leads(self) -> tuple[str, ...]:
        """Every lead department of its items, in the order printed."""
        return tuple(dict.fromkeys(d for item in self.items for d in item.lead))

    @property
    def damaged(self) -> bool:
        return bool(self.damage) or any(item.damage for item in self.items)


@dataclass(frozen=True)
class Veto:
    id: str
    no: int
    content: str
    method: str | None
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    damage: tuple[Note, ...]


@dataclass
class Assessment:
    id: str
    source: str
    plan_source: str
    name_zh: str
    name_en: str
    path: str
    phases: list[Phase] = field(default_factory=list)
    parts: dict[str, Part] = field(default_factory=dict)
    points: dict[str, Point] = field(default_factory=dict)
    vetoes: dict[str, Veto] = field(default_factory=dict)
    gaps: list[Note] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # id -> line, for messages

    def name(self, lang: str) -> str:
        return localized(self, "name", lang)

    def scored_parts(self) -> list[Part]:
        return [p for p in self.parts.values() if not p.veto]

    def quotes(self) -> list[tuple[str, str, int]]:
        """(source id, text, line) of everything the file says is printed in its source."""
        found = [(self.plan_source, ph.quote, self.lines[ph.id]) for ph in self.phases]
        found += [(self.source, p.quote, self.lines[p.id]) for p in self.parts.values()]
        for point in self.points.values():
            found.append((self.source, point.quote, self.lines[point.id]))
            for item in point.items:
                line = self.lines[f"{point.id}#{item.no}"]
                found += [
                    (self.source, text, line)
                    for text in (item.content, item.method, item.tasks, *item.lead, *item.responsible)
                    if text
                ]
        for veto in self.vetoes.values():
            found += [
                (self.source, text, self.lines[veto.id])
                for text in (veto.content, veto.method, *veto.lead, *veto.responsible)
                if text
            ]
        return found


def load_assessment(path: Path) -> tuple[Assessment | None, list[Problem]]:
    path_text = str(path)
    data, problems = read_checked_mapping(path, TOP_FIELDS)
    if data is None:
        return None, problems
    found = Assessment(data["id"], data["source"], data["plan_source"], data["name_zh"], data["name_en"], path_text)
    problems += _read_phases(path_text, data["phases"], found)
    problems += _read_parts(path_text, data["parts"], found)
    problems += _read_points(path_text, data["points"], found)
    problems += _read_vetoes(path_text, data["vetoes"], found)
    notes, more = _notes(path_text, data.get("gaps"), said("where_gap"))
    found.gaps, problems = list(notes), problems + more
    return found, problems


def _entries(value) -> list[LineDict]:
    return [e for e in value if isinstance(e, LineDict)] if isinstance(value, list) else []


def _where(kind: str, entry: LineDict) -> Text:
    """An entry of the checklist named by its kind (the key of a message: kind_phase, kind_part …) and its id."""
    return said("where_named", kind=said(kind), id=entry.get("id", entry.get("no", "?")))


def _unique(path: str, entry: LineDict, key: str, seen, where: Text) -> list[Problem]:
    if isinstance(entry.get(key), (str, int)) and entry[key] in seen:
        return [problem(path, entry.line_of(key), said("checklist_id_used_twice", where=where))]
    return []


def _notes(path: str, value, where: Text) -> tuple[tuple[Note, ...], list[Problem]]:
    notes, problems = [], []
    for entry in _entries(value):
        found = check_fields(path, entry, NOTE_FIELDS, where)
        problems += found
        if not found:
            notes.append(Note(entry["zh"], entry["en"], entry.get("part")))
    return tuple(notes), problems


def _read_phases(path: str, entries, found: Assessment) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = _where("kind_phase", entry)
        more = check_fields(path, entry, PHASE_FIELDS, where) + _unique(path, entry, "id", found.lines, where)
        for key in ("start", "end"):
            if isinstance(entry.get(key), str) and not MONTH.match(entry[key]):
                more.append(problem(path, entry.line_of(key), said("phase_month_malformed", where=where, key=key)))
        problems += more
        if not more:
            found.phases.append(built(Phase, entry))
            found.lines[entry["id"]] = entry.line
    return problems


def _read_parts(path: str, entries, found: Assessment) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = _where("kind_part", entry)
        more = check_fields(path, entry, PART_FIELDS, where) + _unique(path, entry, "id", found.parts, where)
        if not entry.get("veto") and entry.get("points") is None:
            more.append(problem(path, entry.line, said("part_needs_points", where=where)))
        damage, notes_problems = _notes(path, entry.get("damage"), where)
        problems += more + notes_problems
        if not more:
            found.parts[entry["id"]] = built(
                Part,
                entry,
                points=_number(entry.get("points")),
                required_points=_number(entry.get("required_points")),
                optional_points=_number(entry.get("optional_points")),
                veto=bool(entry.get("veto")),
                damage=damage,
            )
            found.lines[entry["id"]] = entry.line
    return problems


def _read_points(path: str, entries, found: Assessment) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = _where("kind_point", entry)
        more = check_fields(path, entry, POINT_FIELDS, where) + _unique(path, entry, "id", found.points, where)
        part = entry.get("part")
        if isinstance(part, str) and part not in found.parts:
            more.append(problem(path, entry.line_of("part"), bad_choice(where, "part", part, list(found.parts))))
        damage, notes_problems = _notes(path, entry.get("damage"), where)
        items, item_problems = _read_items(path, entry, found)
        problems += more + notes_problems + item_problems
        if not more:
            found.points[entry["id"]] = built(Point, entry, points=float(entry["points"]), damage=damage, items=items)
            found.lines[entry["id"]] = entry.line
    return problems


def _read_items(path: str, point: LineDict, found: Assessment) -> tuple[tuple[Item, ...], list[Problem]]:
    items, problems = [], []
    for entry in _entries(point.get("items")):
        where = said("where_item", point=point.get("id"), no=entry.get("no", "?"))
        more = check_fields(path, entry, ITEM_FIELDS, where)
        damage, notes_problems = _notes(path, entry.get("damage"), where)
        problems += more + notes_problems
        if not more:
            items.append(
                built(
                    Item,
                    entry,
                    points=_number(entry.get("points")),
                    lead=_names(entry.get("lead")),
                    responsible=_names(entry.get("responsible")),
                    damage=damage,
                )
            )
            found.lines[f"{point.get('id')}#{entry['no']}"] = entry.line
    return tuple(items), problems


def _read_vetoes(path: str, entries, found: Assessment) -> list[Problem]:
    problems = []
    for entry in _entries(entries):
        where = _where("kind_veto", entry)
        more = check_fields(path, entry, VETO_FIELDS, where) + _unique(path, entry, "id", found.vetoes, where)
        damage, notes_problems = _notes(path, entry.get("damage"), where)
        problems += more + notes_problems
        if not more:
            found.vetoes[entry["id"]] = built(
                Veto, entry, lead=_names(entry.get("lead")), responsible=_names(entry.get("responsible")), damage=damage
            )
            found.lines[entry["id"]] = entry.line
    return problems


def _number(value) -> float | None:
    return None if value is None else float(value)


def _names(value) -> tuple[str, ...]:
    return tuple(str(v) for v in value or [])


def check_assessment_quotes(assessment: Assessment, sources: dict[str, Source]) -> list[Problem]:
    """Everything the checklist file says is printed must be in its source (whitespace ignored)."""
    problems = []
    for source_id, text, line in assessment.quotes():
        source = sources.get(source_id)
        if source is None:
            problems.append(
                problem(assessment.path, line, bad_choice(said("where_checklist"), "source", source_id, list(sources)))
            )
        elif not source.contains(text):
            problems.append(
                problem(assessment.path, line, said("checklist_quote_not_in_source", source=source_id, text=text))
            )
    return problems


def month_start(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)


def month_end(month: str) -> dt.date:
    start = month_start(month)
    return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1) - dt.timedelta(days=1)


def phase_state(start: str, end: str, today: dt.date) -> str:
    """done, current or upcoming: a phase runs from the first day of its first month to the last of its last."""
    if today > month_end(end):
        return "done"
    return "current" if today >= month_start(start) else "upcoming"


def phase_now(phases: list[Phase], today: dt.date) -> tuple[str, Phase | None]:
    """Where the plan stands today: ("current", the latest phase under way), ("over", the last phase),
    ("before", the first phase) or ("between", None)."""
    states = [phase_state(p.start, p.end, today) for p in phases]
    current = [p for p, s in zip(phases, states) if s == "current"]
    if current:
        return "current", current[-1]
    if all(s == "done" for s in states):
        return "over", max(phases, key=lambda p: p.end)
    if all(s == "upcoming" for s in states):
        return "before", min(phases, key=lambda p: p.start)
    return "between", None
