"""Source documents (data/sources/sources.yaml): their metadata, their text, and the check that a quote is in it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from loaders.io.language import localized, pick, t
from loaders.io.problems import Problem, Text, problem, said
from loaders.io.schema import Field, built, check_fields, read_yaml
from loaders.io.yamlio import LineDict

SOURCE_FIELDS = [
    Field("id", "str", True),
    Field("kind", "str", True, ("document", "statistics")),
    Field("title_zh", "str", True),
    Field("title_en", "str", True),
    Field("label_zh", "str"),
    Field("label_en", "str"),
    Field("issuer_zh", "str", True),
    Field("issuer_en", "str", True),
    # gazette is as printed (Chinese); the _en fields are what the English interface shows instead
    Field("date", "date"),
    Field("gazette", "str"),
    Field("gazette_en", "str"),
    Field("citation_zh", "str"),
    Field("citation_en", "str"),
    Field("file", "str"),
    Field("starts_with", "str"),
    Field("ends_with", "str"),
    # the year of a work report (its targets' year), as given to `new`/`extract`: the year the dashboard opens on
    Field("report_year", "int"),
]

_WHITESPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace: the text came from a PDF, so sentences break across lines and pages."""
    return _WHITESPACE.sub("", text)


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title_zh: str
    title_en: str
    label_zh: str | None  # a short name for chart footers
    label_en: str | None
    issuer_zh: str
    issuer_en: str
    date: dt.date | None
    gazette: str | None
    gazette_en: str | None
    citation_zh: str | None  # where the figures were taken from, when not from the document itself
    citation_en: str | None
    file: Path | None
    starts_with: str | None
    ends_with: str | None
    report_year: int | None = None

    def title(self, lang: str = "zh") -> str:
        return localized(self, "title", lang)

    def details(self, lang: str = "zh") -> list[str]:
        """Issuer, date, gazette and citation in `lang`, those the entry has: a detail not given in the language
        is left out rather than shown in the other one."""
        gazette = pick(self.gazette, self.gazette_en, lang)
        return [
            d
            for d in (localized(self, "issuer", lang), str(self.date or ""), gazette, localized(self, "citation", lang))
            if d
        ]

    def label(self, lang: str = "zh") -> str:
        """Short name and date, for the source line under a chart."""
        name = localized(self, "label", lang) or self.title(lang)
        if self.date is None:
            return name
        return t(
            "dated",
            lang,
            name=name,
            year=self.date.year,
            month=self.date.month,
            day=self.date.day,
            iso=f"{self.date:%Y-%m-%d}",
        )

    @cached_property
    def squashed_text(self) -> str:
        """The document's own part of its file, without whitespace ('' for a source with no text)."""
        if self.file is None:
            return ""
        text = squash(self.file.read_text(encoding="utf-8"))
        start = text.find(squash(self.starts_with)) if self.starts_with else 0
        end = text.find(squash(self.ends_with), max(start, 0)) if self.ends_with else -1
        start = max(start, 0)
        return text[start : end + len(squash(self.ends_with))] if end >= 0 else text[start:]

    def contains(self, quote: str) -> bool:
        return bool(self.squashed_text) and squash(quote) in self.squashed_text


class Sources(dict):
    """The usable sources by id; `broken` holds the ids listed whose entry has a problem already reported, so that
    the facts citing them are not reported again, one line each, as citing an unknown source."""

    broken: set[str]

    def __init__(self, *args):
        super().__init__(*args)
        self.broken = set()


def load_sources(path: Path) -> tuple[dict[str, Source], list[Problem]]:
    path_text = str(path)
    data, problems = read_yaml(path, "sources_missing", not_mapping="sources_not_listed")
    entries = data.get("sources") if data is not None else None
    if data is not None and not isinstance(entries, list):
        problems.append(problem(path_text, 1, said("sources_not_listed")))
    if not isinstance(entries, list):
        return Sources(), problems
    sources = Sources()
    for entry in (e for e in entries if isinstance(e, LineDict)):
        where = said("where_source", id=entry.get("id", "?"))
        found = check_fields(path_text, entry, SOURCE_FIELDS, where)
        found += _check_document(path, entry, where)
        if isinstance(entry.get("id"), str) and entry["id"] in sources:
            found.append(problem(path_text, entry.line_of("id"), said("source_defined_twice", id=entry["id"])))
        problems += found
        if found and isinstance(entry.get("id"), str):
            sources.broken.add(entry["id"])
        if not found:
            file = Path(path).parent / entry["file"] if entry.get("file") else None
            sources[entry["id"]] = built(Source, entry, file=file)
    return sources, problems


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system (ENAMETOOLONG) names no file either
        return False


def _check_document(path: Path, entry: LineDict, where: Text) -> list[Problem]:
    """A document needs its text file, and its start and end markers must be found in it."""
    if entry.get("kind") != "document":
        return []
    name = entry.get("file")
    if not isinstance(name, str):
        return [problem(str(path), entry.line, said("source_needs_file", where=where))]
    if name != Path(name).name or name in (".", "..") or "\\" in name:  # data/sources/ only: never /etc/… or ../…
        return [problem(str(path), entry.line_of("file"), said("source_file_elsewhere", where=where, name=name))]
    file = Path(path).parent / name
    if not _is_file(file):
        return [problem(str(path), entry.line_of("file"), said("source_file_missing", where=where, name=name))]
    try:
        text = squash(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [problem(str(path), entry.line_of("file"), said("source_file_not_utf8", where=where, name=name))]
    problems = []
    for key in ("starts_with", "ends_with"):
        marker = squash(entry[key]) if isinstance(entry.get(key), str) else ""
        if marker and marker not in text:
            end = said("document_start" if key == "starts_with" else "document_end")
            problems.append(
                problem(
                    str(path),
                    entry.line_of(key),
                    said("source_marker_not_found", where=where, key=key, name=name, end=end),
                )
            )
        elif marker and text.count(marker) > 1:  # e.g. a title that the table of contents repeats
            problems.append(
                problem(str(path), entry.line_of(key), said("source_marker_repeated", where=where, key=key))
            )
    return problems
