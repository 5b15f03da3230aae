"""Coverage of the source documents: every number in a document's text is a fact (inside a catalogued quote) or is
listed, with its reason, in data/numbers_not_facts/<source id>.csv; `python -m loaders coverage` prints the rest.

A checklist's part and point weights and a plan's phases count as catalogued (they are quoted in their own files);
item numbers （21） and list markers "1." of a document are its structure, not figures."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.io.problems import Problem, problem, said
from loaders.project import Project, shown
from loaders.readers.sources import Source, squash

NOT_FACTS_DIR = "data/numbers_not_facts"
NUMBER = re.compile(r"[0-9][0-9.]*")
NUMBERING = re.compile(r"(?<=[（(])[0-9]+(?=[）)])|(?<![0-9.])[0-9]+(?=\.(?![0-9]))")
CONTEXT = 12  # characters shown either side of an uncovered number


@dataclass(frozen=True)
class Uncovered:
    source: str
    number: str
    line: int  # in the document's file
    context: str


def documents(project: Project) -> list[Source]:
    """The sources with a text to check: documents, in the order sources.yaml lists them."""
    return [s for s in project.sources.values() if s.file is not None and s.file.is_file()]


def not_facts_file(root: Path, source_id: str) -> Path:
    return Path(root) / NOT_FACTS_DIR / f"{source_id}.csv"


def excluded(root: Path, source_id: str) -> list[str]:
    """The snippets listed as not facts for one document (none when it has no such file)."""
    path = not_facts_file(root, source_id)
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [row["text"] for row in csv.DictReader(f) if row.get("text")]


def catalogued(project: Project, source_id: str) -> list[str]:
    """What may cover a number: quotes of facts citing the document, the weights and phases of checklists quoted
    from it (an item's text is not enough: a requirement inside an item must be a fact of its own)."""
    snippets = [f.quote for f in project.facts if f.quote and f.source == source_id]
    for assessment in project.assessments.values():
        if assessment.plan_source == source_id:
            snippets += [phase.quote for phase in assessment.phases]
        if assessment.source == source_id:
            snippets += [part.quote for part in assessment.parts.values()]
            snippets += [point.quote for point in assessment.points.values()]
            snippets += [
                found.group()
                for point in assessment.points.values()
                for item in point.items
                if item.points is not None and (found := re.search(r"[（(][0-9.]+分[）)]", item.content))
            ]
    return snippets


def _lines_of_squashed(source: Source) -> list[int]:
    """For each character of the document's squashed text, the line of its file it comes from."""
    lines = [
        n for n, line in enumerate(source.file.read_text(encoding="utf-8").splitlines(), start=1) for _ in squash(line)
    ]
    whole = "".join(squash(line) for line in source.file.read_text(encoding="utf-8").splitlines())
    offset = max(whole.find(source.squashed_text), 0)
    return lines[offset : offset + len(source.squashed_text)]


def uncovered(project: Project, source: Source, structure: bool = True) -> list[Uncovered]:
    """The numbers of one document that are neither inside a catalogued snippet nor listed as not facts.
    `structure` skips item numbers and list markers."""
    text = source.squashed_text
    covered = [False] * len(text)
    for snippet in {squash(s) for s in catalogued(project, source.id) + excluded(project.root, source.id)}:
        for match in re.finditer(re.escape(snippet), text):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    skipped = {m.start() for m in NUMBERING.finditer(text)} if structure else set()
    lines = _lines_of_squashed(source)
    return [
        Uncovered(
            source.id,
            m.group().rstrip("."),
            lines[m.start()] if m.start() < len(lines) else 0,
            text[max(m.start() - CONTEXT, 0) : m.end() + CONTEXT],
        )
        for m in NUMBER.finditer(text)
        if m.start() not in skipped and not all(covered[m.start() : m.end()])
    ]


def misquoted_exclusions(project: Project, source: Source) -> list[Problem]:
    """A snippet listed as not a fact must be in the document verbatim, or it covers nothing."""
    path = shown(not_facts_file(project.root, source.id))
    return [
        problem(str(path), n, said("not_fact_not_in_source", snippet=snippet, source=source.id))
        for n, snippet in enumerate(excluded(project.root, source.id), start=2)
        if squash(snippet) not in source.squashed_text
    ]


def coverage_problems(project: Project) -> list[Problem]:
    """One line per uncovered number of every document, at its file and line, saying how to resolve it."""
    problems = []
    for source in documents(project):
        problems += misquoted_exclusions(project, source)
        listing = shown(not_facts_file(project.root, source.id))
        for found in uncovered(project, source):
            problems.append(
                problem(
                    str(shown(source.file)),
                    found.line,
                    said("number_uncovered", number=found.number, context=found.context, listing=listing),
                )
            )
    return problems
