"""Read YAML safely while remembering the line of every mapping and key, for messages that point at a line."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import yaml


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class YamlSyntaxError(ValueError):
    """A file that cannot be read as data, with the line where reading stopped. `key` names the project's own
    message for it (loaders/io/problems.yaml); without one, `reason` is PyYAML's words."""

    def __init__(self, line: int | None, reason: str, key: str | None = None):
        super().__init__(reason)
        self.line = line
        self.reason = reason
        self.key = key


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (no arbitrary objects) whose mappings are LineDicts; duplicate keys are recorded. libyaml's parser
    when PyYAML was built with it (about ten times faster on a provincial catalogue), the pure-Python one otherwise."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool, type(None), dt.date)):  # `? [a, b]: x`, `{a: 1}: x`
            raise _Refused(key_node.start_mark, "yaml_key_not_text")
        if key in mapping:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode):
    """A date as YAML spells it; one that is no day of the calendar (2023-13-45) is a problem on its line, not a
    ValueError from the middle of PyYAML."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _Refused(node.start_mark, "yaml_bad_date") from exc


def _construct_number(loader: _LineLoader, node: yaml.ScalarNode):
    """An integer or a float as YAML spells it; one of thousands of digits (Python refuses to read more than 4,300)
    or beyond what a float holds (1.0e+400) is a problem on its line. Every figure is used as a float."""
    constructor = {
        "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
        "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    }[node.tag]
    try:
        value = constructor(loader, node)
        if not math.isfinite(value) and value == value and node.value.lstrip("+-").lower() not in (".inf",):
            raise OverflowError(node.value)
        float(value)  # an int too large for a float raises here
    except (ValueError, OverflowError) as exc:
        raise _Refused(node.start_mark, "yaml_bad_number") from exc
    return value


class _Refused(Exception):
    def __init__(self, mark, key: str):
        super().__init__(key)
        self.line, self.key = mark.line + 1, key


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)


def _first_alias(text: str) -> int | None:
    """The line of the first alias (*name) or merge key of the file, if any. An alias makes one entry stand for
    another: nine nested ones make a file of a few lines a billion values (an "alias bomb"), and the project's files
    never need one. Only a file with a '*' is parsed for them (that pass costs about as much as the reading)."""
    if "*" not in text:
        return None
    loader = _LineLoader(text)
    try:
        while (event := loader.get_event()) is not None and not isinstance(event, yaml.StreamEndEvent):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return None  # the syntax error is reported by the reading itself, with its own line
    finally:
        loader.dispose()
    return None


def load_yaml(path: Path) -> tuple[object, list[tuple[int, str]]]:
    """Parse a YAML file; returns the data and the (line, key) of every duplicated key.

    Raises YamlSyntaxError with the line of the syntax error."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlSyntaxError(None, "not UTF-8", "yaml_not_utf8") from exc
    alias = _first_alias(text)
    if alias is not None:
        raise YamlSyntaxError(alias, "aliases are not allowed", "yaml_alias")
    loader = _LineLoader(text)
    try:
        data = loader.get_single_data()
    except _Refused as exc:
        raise YamlSyntaxError(exc.line, exc.key, exc.key) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow: its position, not a mark
            raise YamlSyntaxError(text.count("\n", 0, exc.position) + 1, exc.reason, "yaml_control_character") from exc
        raise YamlSyntaxError(line, str(getattr(exc, "problem", None) or exc)) from exc
    finally:
        loader.dispose()
    return data, loader.duplicate_keys
