"""Source documents (data/sources/sources.yaml): their metadata, their text, and the check that a quote is in it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from loaders.io.language import localized, pick, t
from loaders.io.problems import Problem, Text, problem
from loaders.io.schema import Field, built, check_fields, read_yaml
from loaders.io.yamlio import LineDict

SOURCE_FIELDS = [
    Field("id", "str", True), Field("kind", "str", True, ("document", "statistics")),
    Field("title_zh", "str", True), Field("title_en", "str", True),
    Field("label_zh", "str"), Field("label_en", "str"),
    Field("issuer_zh", "str", True), Field("issuer_en", "str", True),
    # gazette is as printed (Chinese); the _en fields are what the English interface shows instead
    Field("date", "date"), Field("gazette", "str"), Field("gazette_en", "str"),
    Field("citation_zh", "str"), Field("citation_en", "str"),
    Field("file", "str"), Field("starts_with", "str"), Field("ends_with", "str"),
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

    def title(self, lang: str = "zh") -> str:
        return localized(self, "title", lang)

    def details(self, lang: str = "zh") -> list[str]:
        """Issuer, date, gazette and citation in `lang`, those the entry has: a detail not given in the language
        is left out rather than shown in the other one."""
        gazette = pick(self.gazette, self.gazette_en, lang)
        return [d for d in (localized(self, "issuer", lang), str(self.date or ""), gazette,
                            localized(self, "citation", lang)) if d]

    def label(self, lang: str = "zh") -> str:
        """Short name and date, for the source line under a chart."""
        name = localized(self, "label", lang) or self.title(lang)
        if self.date is None:
            return name
        return t("dated", lang, name=name, year=self.date.year, month=self.date.month, day=self.date.day,
                 iso=f"{self.date:%Y-%m-%d}")

    @cached_property
    def squashed_text(self) -> str:
        """The document's own part of its file, without whitespace ('' for a source with no text)."""
        if self.file is None:
            return ""
        text = squash(self.file.read_text(encoding="utf-8"))
        start = text.find(squash(self.starts_with)) if self.starts_with else 0
        end = text.find(squash(self.ends_with), max(start, 0)) if self.ends_with else -1
        start = max(start, 0)
        return text[start:end + len(squash(self.ends_with))] if end >= 0 else text[start:]

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
    not_listed = Text("文件应有 sources: 列表", "the file must have a sources: list")
    data, problems = read_yaml(path, Text("找不到来源清单文件", "the list of sources does not exist"),
                               not_mapping=not_listed)
    entries = data.get("sources") if data is not None else None
    if data is not None and not isinstance(entries, list):
        problems.append(problem(path_text, 1, not_listed))
    if not isinstance(entries, list):
        return Sources(), problems
    sources = Sources()
    for entry in (e for e in entries if isinstance(e, LineDict)):
        where = Text(f"来源 {entry.get('id', '?')}", f"source {entry.get('id', '?')}")
        found = check_fields(path_text, entry, SOURCE_FIELDS, where)
        found += _check_document(path, entry, where)
        if entry.get("id") in sources:
            found.append(problem(path_text, entry.line_of("id"), Text(f"来源代码“{entry['id']}”重复", f"source id \"{entry['id']}\" is defined twice")))
        problems += found
        if found and isinstance(entry.get("id"), str):
            sources.broken.add(entry["id"])
        if not found:
            file = Path(path).parent / entry["file"] if entry.get("file") else None
            sources[entry["id"]] = built(Source, entry, file=file)
    return sources, problems


def _check_document(path: Path, entry: LineDict, where: Text) -> list[Problem]:
    """A document needs its text file, and its start and end markers must be found in it."""
    if entry.get("kind") != "document":
        return []
    name = entry.get("file")
    if not isinstance(name, str):
        return [problem(str(path), entry.line, Text(f"{where.zh}：文件类来源，须写明 file", f"{where.en}: a document needs file"))]
    file = Path(path).parent / name
    if not file.is_file():
        return [problem(str(path), entry.line_of("file"), Text(f"{where.zh}：文件 {name} 不存在", f"{where.en}: file {name} does not exist"))]
    text = squash(file.read_text(encoding="utf-8"))
    problems = []
    for key in ("starts_with", "ends_with"):
        marker = squash(entry.get(key) or "")
        if marker and marker not in text:
            problems.append(problem(str(path), entry.line_of(key), Text(
                f"{where.zh}：{key} 在文件 {name} 中找不到：请从文件中逐字复制该文件{'开头' if key == 'starts_with' else '结尾'}的一句（可忽略换行）；"
                f"引用此来源的事实在它改正后才检查",
                f"{where.en}: {key} is not found in {name}: copy a sentence from the {'start' if key == 'starts_with' else 'end'} "
                f"of the document verbatim (line breaks may be ignored); the facts citing this source are checked once it is fixed")))
        elif marker and text.count(marker) > 1:  # e.g. a title that the table of contents repeats
            problems.append(problem(str(path), entry.line_of(key), Text(
                f"{where.zh}：{key} 在文件中出现不止一次（目录里可能也有）：请写长一些，使它唯一",
                f"{where.en}: {key} occurs more than once (the table of contents may repeat it): make it longer")))
    return problems
