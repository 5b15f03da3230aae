"""A small explicit schema for the YAML files: which fields an entry may have, of which type.

Every problem is collected (never `assert`), each naming the entry, the field, and how to fix it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass

from loaders.io.problems import Problem, Text, joined, problem, said
from loaders.io.yamlio import LineDict, YamlSyntaxError, load_yaml

TYPE_NAMES = {
    "str": said("type_str"),
    "number": said("type_number"),
    "int": said("type_int"),
    "date": said("type_date"),
    "list": said("type_list"),
    "map": said("type_map"),
    "bool": said("type_bool"),
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # one of TYPE_NAMES
    required: bool = False
    choices: tuple = ()
    items: str | None = None  # a list's entries must be of this kind (for lists of words: aliases, measures …)


# Text is shown on pages, in slides and in the briefing: a control character (\x01, \x0b) there stops the export, a
# bidi override (U+202E) shows a name backwards, and a name of 100,000 characters overflows its slide. Names (one
# line) and prose (notes, quotes, the content of a document's items: lines allowed) are told apart by field name.
NAME_CHARS = 300  # the longest name in the shipped files is a source's English title of 150
PROSE_CHARS = 5_000  # the longest prose is a note of about 430 characters
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NAME_FORBIDDEN = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")
PROSE_FORBIDDEN = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}]")  # tab, line ends allowed
# The same, for Arrow's RE2 (loaders/readers/figures.py checks a whole column at once).
PROSE_FORBIDDEN_RE2 = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}]"
PROSE_FIELDS = re.compile(
    r"^(note|quote|content|method|tasks|citation|gazette|starts_with|ends_with|reason|zh|en)(_.*)?$"
)


def text_problem(field: str, value: str) -> Text | None:
    """Why a text cannot be shown (a control or bidi-override character, or too long), or None."""
    prose = bool(PROSE_FIELDS.match(field))
    forbidden, limit = (PROSE_FORBIDDEN, PROSE_CHARS) if prose else (NAME_FORBIDDEN, NAME_CHARS)
    found = forbidden.search(value)
    if found:
        return said("text_control_character", field=field, code=f"U+{ord(found.group()):04X}", at=found.start() + 1)
    if len(value) > limit:
        return said("text_too_long", field=field, length=len(value), limit=limit)
    return None


def shown_value(value) -> str:
    """A wrong value as a message shows it: its repr, cut short (a list of a million entries is not printed)."""
    text = repr(value) if not isinstance(value, (list, dict)) or len(value) < 20 else f"{type(value).__name__}"
    return text if len(text) <= 80 else text[:77] + "…"


def built(cls, entry: dict, **computed):
    """An object of the dataclass `cls` from a checked entry: each of its fields takes the entry's value of the same
    name (None when the entry has none and the field no default), or the value given in `computed` (a converted or
    looked-up one). The field lists above are the schema; the dataclass only names what the code keeps of it."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = set(computed) - set(fields)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    values = {}
    for name, f in fields.items():
        if name in computed:
            values[name] = computed[name]
        elif name in entry:
            values[name] = entry[name]
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            values[name] = None
    return cls(**values)


def has_kind(value, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str) and value.strip() != ""
    if kind == "number":  # inf and nan (1e400, .nan) are no figure anyone can meet
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date)
    if kind == "list":
        return isinstance(value, list)
    if kind == "map":
        return isinstance(value, dict)
    if kind == "bool":
        return isinstance(value, bool)
    raise ValueError(f"unknown field kind {kind}")


JSON_TYPES = {
    "str": {"type": "string", "minLength": 1},
    "number": {"type": "number"},
    "int": {"type": "integer"},
    "date": {"type": "string", "format": "date"},
    "list": {"type": "array"},
    "map": {"type": "object"},
    "bool": {"type": "boolean"},
}


def json_schema(
    fields: list[Field], title: str | None = None, items: dict | None = None, properties: dict | None = None
) -> dict:
    """The JSON Schema of a mapping with `fields` (for editors that check YAML as it is typed). `items` gives the
    schema of a list field's entries, `properties` that of a map field, by field name."""
    props = {}
    for f in fields:
        prop = dict(JSON_TYPES[f.kind])
        if f.items:
            prop["items"] = dict(JSON_TYPES[f.items])
        if f.choices:
            prop["enum"] = list(f.choices)
        if items and f.name in items:
            prop["items"] = items[f.name]
        if properties and f.name in properties:
            prop.update(properties[f.name])
        props[f.name] = prop
    schema = {
        "type": "object",
        "properties": props,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }
    return {"title": title, **schema} if title else schema


def nearest(word: str, candidates) -> str | None:
    found = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.5)
    return found[0] if found else None


def check_fields(path: str, entry: LineDict, fields: list[Field], where: Text) -> list[Problem]:
    """Unknown keys, missing required keys, wrong types and values outside their choices."""
    problems: list[Problem] = []
    known = {f.name: f for f in fields}
    for key in entry:
        if key not in known:
            problems.append(problem(path, entry.line_of(key), unknown_field(where, str(key), nearest(key, known))))
    for f in fields:
        if f.name not in entry or entry[f.name] is None:
            if f.required:
                problems.append(problem(path, entry.line, missing_field(where, f)))
            continue
        value, line = entry[f.name], entry.line_of(f.name)
        if not has_kind(value, f.kind):
            problems.append(problem(path, line, wrong_type(where, f.name, f.kind, value)))
        elif f.kind == "str" and (why := text_problem(f.name, value)):
            problems.append(problem(path, line, said("field_bad_text", where=where, why=why)))
        elif f.choices and f.kind != "list" and value not in f.choices:
            problems.append(problem(path, line, bad_choice(where, f.name, value, f.choices)))
        elif f.items:
            problems += _item_problems(path, line, where, f, value)
    return problems


def wrong_type(where: Text, field: str, kind: str, value) -> Text:
    return said("field_wrong_type", where=where, field=field, kind=TYPE_NAMES[kind], value=shown_value(value))


def _item_problems(path: str, line: int, where: Text, f: Field, values: list) -> list[Problem]:
    """The first entry of a list that is not of the field's item kind (a list in a list: aliases: [[昆明]])."""
    for n, value in enumerate(values, start=1):
        if not has_kind(value, f.items):
            kind = TYPE_NAMES[f.items]
            return [
                problem(
                    path,
                    line,
                    said("field_wrong_item", where=where, field=f.name, n=n, kind=kind, value=shown_value(value)),
                )
            ]
        if f.items == "str" and (why := text_problem(f.name, value)):
            return [problem(path, line, said("field_bad_text", where=where, why=why))]
        if f.choices and value not in f.choices:
            return [problem(path, line, bad_choice(where, f.name, value, f.choices))]
    return []


def unknown_field(where: Text, key: str, suggestion: str | None) -> Text:
    hint = said("hint_did_you_mean", suggestion=suggestion) if suggestion else said("hint_remove_or_correct")
    return said("field_unknown", where=where, key=key, hint=hint)


def comparator_choices(value) -> tuple[Text, str | None]:
    """The comparators with the report's words for each (左右 is ~), and the symbol a printed word means."""
    from loaders.judging.comparators import COMPARATORS, comparator_for_word

    def words(c) -> Text:
        if c.words_zh:
            return joined(c.words_zh)
        return Text(c.meaning_zh, c.meaning_en) if c.meaning_zh else said("comparator_bare")

    listed = joined(said("comparator_choice", symbol=c.symbol, words=words(c)) for c in COMPARATORS.values())
    meant = comparator_for_word(str(value).strip())
    return listed, meant.symbol if meant else None


def bad_choice(where: Text, field: str, value, choices) -> Text:
    listed = joined(choices)
    suggestion = nearest(value, choices)
    if field == "comparator":  # a symbol stands for the report's words: say which, and map a word written instead
        listed, meant = comparator_choices(value)
        suggestion = meant or suggestion
    hint = said("hint_did_you_mean", suggestion=suggestion) if suggestion else ""
    return said("field_bad_choice", where=where, field=field, value=value, listed=listed, hint=hint)


def missing_field(where: Text, f: Field) -> Text:
    hint = said("hint_one_of", choices=joined(f.choices)) if f.choices else ""
    return said("field_missing", where=where, field=f.name, hint=hint)


def read_yaml(
    path,
    missing: str = "yaml_missing_file",
    duplicate: str = "yaml_duplicate_key",
    not_mapping: str = "yaml_not_a_mapping",
) -> tuple[LineDict | None, list[Problem]]:
    """The one reader of the project's YAML files: the top-level mapping (None when there is none to read) and the
    problems of the file as a whole, each with its line: a missing file, a syntax error, a duplicated key (the
    data are still returned), an empty file or a top level that is not a mapping. The texts are the keys of the
    file's own wording in loaders/io/problems.yaml; `duplicate` has a {key}."""
    path_text = str(path)
    try:
        data, duplicates = load_yaml(path)
    except FileNotFoundError:
        return None, [problem(path_text, None, said(missing))]
    except YamlSyntaxError as exc:
        reason = said(exc.key) if exc.key else exc.reason
        return None, [problem(path_text, exc.line, said("yaml_syntax_error", reason=reason))]
    problems = [problem(path_text, line, said(duplicate, key=key)) for line, key in duplicates]
    if not isinstance(data, LineDict):
        return None, problems + [problem(path_text, 1, said(not_mapping))]
    return data, problems


def read_checked_mapping(
    path, fields: list[Field], missing: str = "yaml_missing_file"
) -> tuple[LineDict | None, list[Problem]]:
    """A YAML file whose top level is a mapping with `fields`: the data, or None with every problem (syntax with its
    line, duplicated keys, wrong top-level fields)."""
    data, problems = read_yaml(path, missing)
    if data is None:
        return None, problems
    problems += check_fields(str(path), data, fields, said("where_top_level"))
    return (None if problems else data), problems
