"""The whole project's data read from its text files: catalogue, sources, regions and every fact, with all problems."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.io.problems import Problem, errors
from loaders.readers.catalogue import Catalogue, load_catalogue
from loaders.readers.regions import REGIONS_FILE, Regions, load_regions
from loaders.readers.sources import Source, load_sources

if TYPE_CHECKING:  # the readers of figures import numpy and pyarrow: load_project imports them when it reads
    from loaders.documents.assessment import Assessment
    from loaders.documents.self_assessment import Entry
    from loaders.documents.standards import StandardsBook
    from loaders.readers.columnwise import Facts
    from loaders.readers.facts import Fact

ROOT = Path(__file__).resolve().parent.parent
ROOT_VARIABLE = "DASHBOARD_ROOT"  # points the app at another folder of files (a test copy, synthetic benchmark data)

CATALOGUE_FILE = "indicators.yaml"
SOURCES_FILE = "data/sources/sources.yaml"
RESULTS_FILE = "data/report_results.csv"
MONTHLY_DIR = "data/monthly"
PROVINCIAL_DIR = "data/provincial"
STANDARDS_DIR = "data/standards"  # reference standards quoted from a document (child rehabilitation)
ASSESSMENTS_DIR = "data/assessments"  # checklists (<id>.yaml) and staff self-assessments (<id>-self.csv)


@dataclass
class Project:
    root: Path
    catalogue: Catalogue | None
    sources: dict[str, Source]
    regions: Regions
    facts: Facts | list[Fact] = field(default_factory=list)  # load_project makes a Facts: iterate it, or table() it
    problems: list[Problem] = field(default_factory=list)
    standards: dict[str, StandardsBook] = field(default_factory=dict)
    assessments: dict[str, Assessment] = field(default_factory=dict)
    self_assessments: dict[str, list[Entry]] = field(default_factory=dict)  # by assessment id

    @property
    def ok(self) -> bool:
        return self.catalogue is not None and not errors(self.problems)


def data_root() -> Path:
    """The folder whose files the app shows: this checkout unless DASHBOARD_ROOT says otherwise."""
    return Path(os.environ.get(ROOT_VARIABLE) or ROOT)


def shown(path: Path) -> Path:
    """A path as messages print it: relative to the working folder when it lies inside it."""
    relative = os.path.relpath(path)
    return Path(relative) if not relative.startswith("..") else Path(path)


def input_files(root: Path) -> list[Path]:
    """Every file the facts are built from, in a stable order."""
    root = Path(root)
    fixed = [root / CATALOGUE_FILE, root / SOURCES_FILE, root / REGIONS_FILE, root / RESULTS_FILE]
    data = sorted((root / MONTHLY_DIR).glob("*.csv")) + sorted((root / PROVINCIAL_DIR).glob("*.csv"))
    data += sorted((root / STANDARDS_DIR).glob("*.yaml")) + sorted((root / ASSESSMENTS_DIR).glob("*.yaml"))
    data += sorted((root / ASSESSMENTS_DIR).glob("*-self.csv"))
    return [p for p in fixed if p.exists()] + data


def fingerprint(root: Path = ROOT) -> str:
    """Changes whenever any input file is added, removed or edited: the key for caches of the built store."""
    digest = hashlib.sha256()
    for path in input_files(root):
        stat = path.stat()
        # relative: machines that mount one shared data folder at different paths agree on its version
        digest.update(f"{path.relative_to(root)}|{stat.st_mtime_ns}|{stat.st_size}\n".encode())
    return digest.hexdigest()


def load_project(root: Path = ROOT, facts: bool = True) -> Project:
    """Everything in the project folder, with every problem. Without `facts`, only what the pages read besides the
    store (catalogue, sources, regions, standards, checklists and self-assessments): the data files' figures are not
    read, so a process that opens an already built store (loaders/shared_store.py) never holds them."""
    from loaders.readers.columnwise import Facts, read_monthly_files, read_provincial_columns
    from loaders.readers.facts import (
        check_duplicates,
        check_quotes,
        check_respectively,
        check_sources_agree,
        check_units,
        read_results,
        target_facts,
    )

    root = Path(root)
    catalogue, problems = load_catalogue(shown(root / CATALOGUE_FILE))
    sources, found = load_sources(shown(root / SOURCES_FILE))
    problems += found
    regions, found = load_regions(shown(root / REGIONS_FILE))
    problems += found
    project = Project(root, catalogue, sources, regions, problems=problems)
    if catalogue is None:
        return project
    if not facts:
        _read_documents(root, project)
        return project
    facts = Facts(target_facts(catalogue))
    reads = (
        [read_results(shown(root / RESULTS_FILE), catalogue, regions.count)] if (root / RESULTS_FILE).exists() else []
    )
    # Through Arrow when plainly tabular, else row by row; one set of checks either way (loaders/readers/figures.py),
    # the monthly files' cells checked together. A rank runs from 1 to the number of regions listed (regions.yaml).
    monthly = [shown(p) for p in sorted((root / MONTHLY_DIR).glob("*.csv")) if p.exists()]
    tables, found = read_monthly_files(monthly, catalogue, regions.count)
    reads += [(table, []) for table in tables] + [([], found)]
    reads += [
        read_provincial_columns(shown(p), catalogue, regions, sources)
        for p in sorted((root / PROVINCIAL_DIR).glob("*.csv"))
        if p.exists()
    ]
    for more, found in reads:
        facts += more
        problems += found
    facts += _read_documents(root, project)  # adds its problems to project.problems, the same list as `problems`
    # Quotes and printed units are only on facts held as objects; the two checks across files walk every fact only
    # when a repeated key or a differing value makes a message possible.
    problems += check_quotes(facts.objects(), sources)
    problems += check_respectively(facts.objects(), catalogue)
    problems += check_duplicates(facts) if facts.may_repeat() else []
    problems += check_units(facts.objects(), catalogue)
    problems += check_sources_agree(facts) if facts.may_disagree() else []
    project.facts = facts
    return project


def _read_documents(root: Path, project: Project) -> list[Fact]:
    """Standards (whose figures are facts) and checklists with their self-assessments; problems go on the project."""
    from loaders.documents.assessment import check_assessment_quotes, load_assessment
    from loaders.documents.self_assessment import read_self_file, self_file
    from loaders.documents.standards import load_standards, standard_facts

    facts = []
    for path in sorted((root / STANDARDS_DIR).glob("*.yaml")):
        book, found = load_standards(shown(path), project.catalogue)
        project.problems += found
        if book is not None:
            project.standards[book.id] = book
            facts += standard_facts(book, project.catalogue)
    for path in sorted((root / ASSESSMENTS_DIR).glob("*.yaml")):
        assessment, found = load_assessment(shown(path))
        project.problems += found
        if assessment is None:
            continue
        project.assessments[assessment.id] = assessment
        project.problems += check_assessment_quotes(assessment, project.sources)
        own = root / self_file(assessment.id)
        entries, found = read_self_file(shown(own), assessment) if own.exists() else ([], [])
        project.problems += found
        project.self_assessments[assessment.id] = entries
    return facts
