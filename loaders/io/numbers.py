"""Numbers as office staff type them: full-width digits, '4.7%', '1,000.24', Chinese minus signs, '-' for none."""

from __future__ import annotations

import math
import re
import unicodedata

from loaders.io.problems import said

# After NFKC (which turns １２．５ into 12.5 and － into -), these still need mapping.
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_NO_FIGURE = {"", "-", "--", "—", "——", "/", "／", "无", "n/a", "na", "nan"}
PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"  # also Arrow's (RE2) pattern in loaders/readers/columnwise.py
_PLAIN = re.compile(PLAIN_NUMBER)
ASCII_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


# No figure of a report or a statistics table needs more characters than this (1,234,567,890,123.456789 has 25);
# a cell of a million digits is a mistake or an attack, and float() would read it as inf.
MAX_NUMBER_CHARS = 40
SHOWN_CHARS = 20  # of a refused text, in the message


class NotANumber(ValueError):
    """A cell that is no figure; `out_of_range`: one written as a number that no float holds (also said of any text
    longer than a number can be)."""

    def __init__(self, text: str, out_of_range: bool = False):
        super().__init__(text[:SHOWN_CHARS])
        shown = text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}…"
        if out_of_range or len(text) > MAX_NUMBER_CHARS:
            self.reason = said("number_out_of_range", text=shown, length=len(text), limit=MAX_NUMBER_CHARS)
        else:
            self.reason = said("not_a_number", text=shown)


def parse_number(raw) -> float | None:
    """The number in a cell, or None when the cell says there is no figure; raises NotANumber otherwise."""
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if raw != raw:
            return None  # NaN from a spreadsheet is an empty cell
        return _finite(float(raw), str(raw))
    if len(str(raw).strip()) > MAX_NUMBER_CHARS:
        raise NotANumber(str(raw).strip())
    if isinstance(raw, str) and ASCII_DECIMAL.fullmatch(raw):
        return _finite(float(raw), raw)  # the common case, a plain ASCII decimal: nothing below would change it
    text = unicodedata.normalize("NFKC", str(raw)).translate(_MINUS_SIGNS)
    text = re.sub(r"\s+", "", text)
    if text.lower() in _NO_FIGURE:
        return None
    if text.endswith("%"):
        text = text[:-1]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise NotANumber(str(raw).strip())
    return _finite(float(text), str(raw).strip())


def _finite(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise NotANumber(text, out_of_range=True)
    return value


def number_text(value: float) -> str:
    """The shortest plain decimal for a value, as a report prints it: 1000.24, 7, 0.8."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
