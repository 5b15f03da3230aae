"""The standard indicators of work reports (standard_indicators.yaml): the one vocabulary that names a drafted figure,
gives a draft indicator its id and English name, and maps a next year's report onto an existing catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..io.yamlio import load_yaml

FILE = Path(__file__).with_name("standard_indicators.yaml")
# Words that place or time a figure rather than name it: 全省生产总值 is 生产总值, 全年粮食产量 is 粮食产量.
_LEADING = re.compile(r"^(?:全国|全省|全市|全州|全区|全县|全盟|我省|我市|我区|我州|本省|本市|全年|年度|当年|其中)+")
_BRACKETS = str.maketrans({"(": "（", ")": "）"})


@dataclass(frozen=True)
class StandardIndicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    aliases: tuple[str, ...] = ()


def key_of(name: str) -> str:
    """A name as the vocabulary compares it: brackets full-width, no spaces, no leading place or time word."""
    text = re.sub(r"\s+", "", name).translate(_BRACKETS)
    return _LEADING.sub("", text) or text


@cache
def standard_indicators() -> tuple[StandardIndicator, ...]:
    entries, _ = load_yaml(FILE)  # a project file, checked by tests/test_standard_names.py
    return tuple(
        StandardIndicator(e["id"], e["name_zh"], e["name_en"], str(e["unit"]), tuple(e.get("aliases", ())))
        for e in entries
    )


@cache
def _by_name() -> dict[str, StandardIndicator]:
    table = {}
    for entry in standard_indicators():
        for name in (entry.name_zh, *entry.aliases):
            table.setdefault(key_of(name), entry)
    return table


def standard_indicator(name: str) -> StandardIndicator | None:
    """The standard indicator this name is (地区生产总值, 全省生产总值 and GDP are one), or None."""
    return _by_name().get(key_of(name))
