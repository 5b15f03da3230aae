"""The language layer: every word of the interface and the command line, in Chinese and English, Chinese first.

- `t(key, lang, **values)`: a message of loaders/io/messages.yaml (the interface and the command line) or of
  loaders/io/problems.yaml (what is wrong in a data file, and how to fix it) with its {placeholders} filled;
- `localized(row, field, lang)`: a field of a record (mapping, object, DataFrame row or frame) in the language:
  `name_en` for English, `name_zh` or `name` for Chinese;
- `pick(zh, en, lang)`: the one choice between two texts;
- `localized_column(columns, field, lang)`: which of those names a frame or record has;
- `unit_text(unit, lang)`: a unit as an English reader says it (亿元 -> 100 mn yuan).
Problems found in data files carry both languages (loaders/io/problems.said builds them from problems.yaml)."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

from loaders.io.yamlio import load_yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yaml")
PROBLEMS_FILE = Path(__file__).with_name("problems.yaml")
MESSAGE_FILES = (MESSAGES_FILE, PROBLEMS_FILE)
LANGUAGES = ("zh", "en")


@cache
def _read(path: Path) -> dict:
    data, duplicates = load_yaml(path)
    if duplicates:
        line, key = duplicates[0]
        raise ValueError(f'{path}:{line}: message "{key}" is defined twice')
    return data


def catalogue() -> dict:
    """The messages file as read: {"messages": {key: {zh, en}}, "units_en": {unit: English}}."""
    return _read(MESSAGES_FILE)


@cache
def messages() -> dict[str, dict[str, str]]:
    """Every message of both files by key; a key may be defined in one file only."""
    found: dict[str, dict[str, str]] = {}
    for path in MESSAGE_FILES:
        for key, message in _read(path)["messages"].items():
            if key in found:
                raise ValueError(f'{path}: message "{key}" is also defined in another message file')
            found[key] = message
    return found


def t(key: str, /, lang: str = "zh", **values) -> str:
    """The message `key` in `lang` (anything but "en" is Chinese), its {placeholders} filled from `values`."""
    message = messages()[key]
    return pick(message["zh"], message["en"], lang).format(**values)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def unit_text(unit: str, lang: str = "zh") -> str:
    return pick(unit, catalogue()["units_en"].get(unit, unit), lang)


def _names(field: str, lang: str) -> tuple[str, ...]:
    return (f"{field}_en", f"{field}_zh", field) if lang == "en" else (f"{field}_zh", field)


def _has(record, name: str) -> bool:
    if hasattr(record, "columns"):
        return name in record.columns
    if isinstance(record, dict) or hasattr(record, "index") and hasattr(record, "keys"):
        return name in record
    return hasattr(record, name)


def localized_column(record, field: str, lang: str) -> str:
    """The name under which `record` (a frame, a row, a mapping or an object) holds `field` in `lang`."""
    for name in _names(field, lang):
        if _has(record, name):
            return name
    raise KeyError(field)


def _get(record, name: str):
    if hasattr(record, "columns") or isinstance(record, dict) or hasattr(record, "keys"):
        return record[name]
    return getattr(record, name)


def column_for(field: str, lang: str) -> str:
    """The store's column of `field` in `lang`: `name` holds the Chinese, `name_en` the English."""
    return pick(field, f"{field}_en", lang)


def localized(record, field: str, lang: str):
    """`field` of `record` in `lang`: `field_en` for "en", else `field_zh` or `field`. For a DataFrame, the column."""
    return _get(record, localized_column(record, field, lang))


def pick(zh, en, lang: str):
    """The one choice between two languages: English for "en", Chinese for anything else."""
    return en if lang == "en" else zh
