"""Draft a catalogue from a report's text: figures read by rules into facts (name, period, measure, scenario,
comparator, value, unit, quote, confidence, reason), the numbers that are not facts listed apart with their reason.

    text.py     decoding, PDF line breaks, page furniture
    figures.py  numbers with their units, and what is not a figure
    grammar.py  results vs targets, measures, comparators, names, regions
    rules.py    the words the grammar reads
    score.py    recall and precision against a hand-made catalogue
    draft.py    the draft project folder
"""

from __future__ import annotations

from .grammar import Draft, DraftFact, NotFact, read_report
from .text import clean, cut, decode


def extract(
    raw: str | bytes,
    region: str,
    report_year: int,
    known_regions: dict[str, str] | None = None,
    starts_with: str | None = None,
    ends_with: str | None = None,
) -> Draft:
    """The draft of a report given as bytes (UTF-8/GBK/GB18030) or text, optionally cut to the part between markers."""
    text = decode(raw) if isinstance(raw, bytes) else raw
    return read_report(cut(clean(text), starts_with, ends_with), region, report_year, known_regions)


__all__ = ["Draft", "DraftFact", "NotFact", "clean", "cut", "decode", "extract", "read_report"]
