"""A report's text as the grammar reads it: decoded, page furniture removed, PDF line breaks inside sentences joined.

Pure functions on strings. The cleaned text keeps every character of the report's sentences in order, so a quote taken
from it is found in the source file when whitespace is ignored (the way `validate` compares quotes)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312
SENTENCE_END = "。！？；：!?;:…”’）)】」"
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[-—–－])?\s*$|^\s*\d{1,4}\s*/\s*\d{1,4}\s*$"
)
_TITLE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部章节分])"
)
_NEW_PARAGRAPH = re.compile(r"^\s*(?:——|[（(]\d{1,2}[)）]|\d{1,2}(?:[)）、]|[.．](?!\d)))")
_MARKUP = re.compile(r"\*\*|__")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])")


CONTROL_SHARE = 0.01  # of the characters: a text file has almost none (a stray form feed or vertical tab)
KEPT_CONTROLS = "\t\n\r\f\v"


class UnreadableText(ValueError):
    """A report file that is not a report's text (or, given to a `warn` callback, text that may be misread), with
    the reason: a message of loaders/io/messages.yaml. `str()` gives both languages; `format(lang)` one."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(f"{self.format('zh')} · {self.format('en')}")

    def format(self, lang: str | None = "zh") -> str:
        from loaders.io.language import t

        return t(self.key, lang or "zh", **self.values)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030/GBK, or UTF-16 with its BOM (Notepad's "Unicode"); raises
    UnreadableText for anything else, and for binary data (NUL bytes, control characters) that GB18030 would
    otherwise "decode" into nonsense."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableText("document_encoding") from exc
        return _not_binary(text)
    if b"\x00" in data:
        raise UnreadableText("document_binary")
    for encoding in ENCODINGS:
        try:
            return _not_binary(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise UnreadableText("document_encoding")


def _not_binary(text: str) -> str:
    controls = sum(unicodedata.category(c) == "Cc" and c not in KEPT_CONTROLS for c in text)
    if "\x00" in text or controls > CONTROL_SHARE * len(text):
        raise UnreadableText("document_binary")
    return text


@cache
def common_characters() -> frozenset[str]:
    """The 3,755 level-1 hanzi of GB2312 (the common characters of modern Chinese, rows 16–55), from Python's codec."""
    found = set()
    for first in range(0xB0, 0xD8):
        for second in range(0xA1, 0xFF):
            try:
                found.add(bytes((first, second)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the end of row 55 is empty
    return frozenset(found)


def rare_share(text: str) -> float | None:
    """The share of the non-space characters that are neither ASCII, nor punctuation and full-width forms, nor common
    hanzi (None for a text under 20 such characters). A Chinese report: under 1 %; Big5 or Shift-JIS bytes decoded as
    GB18030: 90 % and more (rare hanzi and kana)."""
    common = common_characters()
    chars = [c for c in text if not c.isspace()]
    if len(chars) < 20:
        return None
    rare = sum(
        not (
            c < "\x80"
            or c in common
            or "\u3000" <= c <= "\u303f"
            or "\uff00" <= c <= "\uffef"
            or "\u2000" <= c <= "\u206f"
        )
        for c in chars
    )
    return rare / len(chars)


def normalise(text: str) -> str:
    """Whitespace as a quote holds it: none between Chinese characters, single spaces elsewhere."""
    text = re.sub(r"\s+", " ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def is_title(line: str) -> bool:
    """A numbered heading: 一、… （一）… 第一部分…"""
    return bool(_TITLE.match(line))


def starts_paragraph(line: str) -> bool:
    """A line that never continues the one before: a heading, a dash-led item (——…), a numbered item."""
    return is_title(line) or bool(_NEW_PARAGRAPH.match(line))


def _furniture(lines: list[str]) -> set[str]:
    """Running page headers: short lines repeated on many pages (a real sentence is never printed three times)."""
    counts = Counter(s for s in (line.strip() for line in lines) if s and len(s) <= 24)
    return {s for s, n in counts.items() if n >= 3 and not s.endswith(tuple(SENTENCE_END))}


def clean(text: str) -> str:
    """Paragraphs one per line: page numbers and running headers dropped, a line that stops mid-sentence joined to
    the next non-empty line (a heading never joins, nor is joined onto)."""
    text = _MARKUP.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    furniture = _furniture(lines)
    kept = [line for line in lines if not _PAGE_NUMBER.match(line) and line.strip() not in furniture]
    paragraphs: list[str] = []
    open_paragraph = False
    for raw in kept:
        line = normalise(raw)
        if not line:
            continue
        if open_paragraph and paragraphs and not starts_paragraph(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        last = paragraphs[-1]
        # A paragraph stays open when it stops without closing punctuation, is long enough to be prose (a short
        # unpunctuated line is a title) and is not a heading.
        open_paragraph = not last.endswith(tuple(SENTENCE_END)) and len(last) >= 20 and not is_title(last)
    return "\n".join(paragraphs)


def cut(text: str, starts_with: str | None, ends_with: str | None) -> str:
    """The part of a cleaned text between two markers (both kept), compared without whitespace as sources.yaml does."""
    if not starts_with and not ends_with:
        return text
    squashed, positions = _squashed_with_positions(text)
    start = squashed.find(re.sub(r"\s+", "", starts_with)) if starts_with else 0
    if start < 0:
        raise ValueError(f"starts_with not found: {starts_with}")
    end = len(squashed)
    if ends_with:
        marker = re.sub(r"\s+", "", ends_with)
        found = squashed.find(marker, start)
        if found < 0:
            raise ValueError(f"ends_with not found: {ends_with}")
        end = found + len(marker)
    return text[positions[start] : positions[end - 1] + 1]


def _squashed_with_positions(text: str) -> tuple[str, list[int]]:
    positions = [i for i, ch in enumerate(text) if not ch.isspace()]
    return "".join(text[i] for i in positions), positions
