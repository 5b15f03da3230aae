"""A small explicit schema for the YAML files: which fields an entry may have, of which type.

Every problem is collected (never `assert`), each naming the entry, the field, and how to fix it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from dataclasses import dataclass

from loaders.io.problems import Problem, Text, problem
from loaders.io.yamlio import LineDict, YamlSyntaxError, load_yaml

TYPE_NAMES = {
    "str": Text("文字", "text"),
    "number": Text("数字", "a number"),
    "int": Text("整数", "a whole number"),
    "date": Text("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "list": Text("列表（[a, b]）", "a list ([a, b])"),
    "map": Text("映射（键: 值）", "a mapping (key: value)"),
    "bool": Text("true 或 false", "true or false"),
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # one of TYPE_NAMES
    required: bool = False
    choices: tuple = ()


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


def _has_kind(value, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str) and value.strip() != ""
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
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


JSON_TYPES = {"str": {"type": "string", "minLength": 1}, "number": {"type": "number"}, "int": {"type": "integer"},
              "date": {"type": "string", "format": "date"}, "list": {"type": "array"}, "map": {"type": "object"},
              "bool": {"type": "boolean"}}


def json_schema(fields: list[Field], title: str | None = None, items: dict | None = None,
                properties: dict | None = None) -> dict:
    """The JSON Schema of a mapping with `fields` (for editors that check YAML as it is typed). `items` gives the
    schema of a list field's entries, `properties` that of a map field, by field name."""
    props = {}
    for f in fields:
        prop = dict(JSON_TYPES[f.kind])
        if f.choices:
            prop["enum"] = list(f.choices)
        if items and f.name in items:
            prop["items"] = items[f.name]
        if properties and f.name in properties:
            prop.update(properties[f.name])
        props[f.name] = prop
    schema = {"type": "object", "properties": props, "required": [f.name for f in fields if f.required],
              "additionalProperties": False}
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
        value = entry[f.name]
        if not _has_kind(value, f.kind):
            kind = TYPE_NAMES[f.kind]
            problems.append(problem(path, entry.line_of(f.name), Text(
                f"{where.zh}：字段“{f.name}”应为{kind.zh}，现为 {value!r}",
                f"{where.en}: field \"{f.name}\" must be {kind.en}, not {value!r}")))
        elif f.choices and value not in f.choices:
            problems.append(problem(path, entry.line_of(f.name), bad_choice(where, f.name, value, f.choices)))
    return problems


def unknown_field(where: Text, key: str, suggestion: str | None) -> Text:
    zh_hint = f"；是否想写“{suggestion}”？" if suggestion else "；请删除或改正它"
    en_hint = f"; did you mean \"{suggestion}\"?" if suggestion else "; remove or correct it"
    return Text(f"{where.zh}：未知字段“{key}”{zh_hint}", f"{where.en}: unknown field \"{key}\"{en_hint}")


def comparator_choices(value) -> tuple[str, str, str | None]:
    """The comparators with the report's words for each (左右 is ~), and the symbol a printed word means."""
    from loaders.judging.comparators import COMPARATORS, comparator_for_word
    bare = "无限定词，如“实现/完成 N”"
    zh = "、".join(f"{c.symbol}（{'、'.join(c.words_zh) or c.meaning_zh or bare}）" for c in COMPARATORS.values())
    en = ", ".join(f"{c.symbol} ({', '.join(c.words_zh) or c.meaning_en or 'no qualifier, e.g. 实现 N'})"
                   for c in COMPARATORS.values())
    meant = comparator_for_word(str(value).strip())
    return zh, en, meant.symbol if meant else None


def bad_choice(where: Text, field: str, value, choices) -> Text:
    listed = "、".join(str(c) for c in choices)
    listed_en = ", ".join(str(c) for c in choices)
    suggestion = nearest(value, choices)
    if field == "comparator":  # a symbol stands for the report's words: say which, and map a word written instead
        listed, listed_en, meant = comparator_choices(value)
        suggestion = meant or suggestion
    zh_hint = f"；是否想写“{suggestion}”？" if suggestion else ""
    en_hint = f"; did you mean \"{suggestion}\"?" if suggestion else ""
    return Text(
        f"{where.zh}：字段“{field}”的取值“{value}”无效，可选：{listed}{zh_hint}",
        f"{where.en}: \"{value}\" is not a valid {field}; choose one of {listed_en}{en_hint}")


def missing_field(where: Text, f: Field) -> Text:
    zh_hint = f"（可选：{'、'.join(f.choices)}）" if f.choices else ""
    en_hint = f" (one of {', '.join(f.choices)})" if f.choices else ""
    return Text(f"{where.zh}：缺少必填字段“{f.name}”：请补上 {f.name}: …{zh_hint}",
                f"{where.en}: required field \"{f.name}\" is missing: add {f.name}: …{en_hint}")


DUPLICATE_KEY = Text("键“{key}”重复出现：请删除其中一个", "key \"{key}\" appears twice: remove one")
NOT_A_MAPPING = Text("文件应为映射（键: 值）", "the file must be a mapping")
MISSING_FILE = Text("找不到文件", "the file does not exist")


def read_yaml(path, missing: Text = MISSING_FILE, duplicate: Text = DUPLICATE_KEY,
              not_mapping: Text = NOT_A_MAPPING) -> tuple[LineDict | None, list[Problem]]:
    """The one reader of the project's YAML files: the top-level mapping (None when there is none to read) and the
    problems of the file as a whole, each with its line: a missing file, a syntax error, a duplicated key (the
    data are still returned), an empty file or a top level that is not a mapping. The texts are the file's own
    wording; `duplicate` may use {key}."""
    path_text = str(path)
    try:
        data, duplicates = load_yaml(path)
    except FileNotFoundError:
        return None, [problem(path_text, None, missing)]
    except YamlSyntaxError as exc:
        reason = exc.reason
        return None, [problem(path_text, exc.line, Text(f"YAML 语法错误：{reason}", f"YAML syntax error: {reason}"))]
    problems = [problem(path_text, line, Text(duplicate.zh.format(key=key), duplicate.en.format(key=key)))
                for line, key in duplicates]
    if not isinstance(data, LineDict):
        return None, problems + [problem(path_text, 1, not_mapping)]
    return data, problems


def read_checked_mapping(path, fields: list[Field],
                         missing: Text = MISSING_FILE) -> tuple[LineDict | None, list[Problem]]:
    """A YAML file whose top level is a mapping with `fields`: the data, or None with every problem (syntax with its
    line, duplicated keys, wrong top-level fields)."""
    data, problems = read_yaml(path, missing)
    if data is None:
        return None, problems
    problems += check_fields(str(path), data, fields, Text("文件顶层", "top level"))
    return (None if problems else data), problems
