"""What applying a staff update would do, as data for a preview in staff terms: each change with its indicator
(names and unit from the catalogue), period and item; and every target of the report year whose status or judged
figure the update moves, judged before and after by the same rules as every page (loaders/judging), on a staged
copy of the project folder that holds the files as they would be written. Nothing here writes the real folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from loaders import store
from loaders.judging.target_progress import is_main
from loaders.progress import target_progress
from loaders.project import CATALOGUE_FILE, Project, load_project
from loaders.staff.transaction import HISTORY_DIR
from loaders.staff.updates import Update, report_year, staged

KIND_ORDER = {"changed": 0, "new": 1, "unchanged": 2}  # what staff must check first
COLUMN_ORDER = ("value", "yoy_pct", "rank", "score", "status", "source", "note")  # as the template's columns run
TARGET_KEY = ["indicator_id", "measure", "comparator", "section", "quote"]  # a target's quote is its identity
EFFECT_COLUMNS = ["status", "gap", "expected", "bound", "actual", "actual_period"]


def change_rows(update: Update, project: Project) -> pd.DataFrame:
    """One row per changed cell with what a person needs to read it: kind, indicator names in both languages, its
    unit, the region (provincial figures), the period, the column, old and new as written in the files."""
    indicators = project.catalogue.indicators
    points: dict[str, tuple[str, str]] = {}  # a checklist point's names (a veto item has its printed words only)
    if update.kind == "self_assessment":
        assessment = project.assessments[update.assessment]
        points = {p.id: (p.name_zh, p.name_en) for p in assessment.points.values()}
        points |= {v.id: (v.content, "") for v in assessment.vetoes.values()}
    rows = []
    for change in update.changes:
        indicator = indicators.get(change.indicator)
        rows.append(
            {
                "kind": change.kind,
                "indicator_id": change.indicator,
                "point": change.key if points else "",
                "point_name": points.get(change.key, ("", ""))[0],
                "point_name_en": points.get(change.key, ("", ""))[1],
                "name": indicator.name_zh if indicator else "",
                "name_en": indicator.name_en if indicator else "",
                "unit": indicator.unit if indicator else "",
                "region": change.region,
                "region_en": project.regions.names_en.get(change.region, change.region) if change.region else "",
                "period": change.period,
                "column": change.column,
                "old": change.old,
                "new": change.new,
                "file": change.file,
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "kind",
            "indicator_id",
            "point",
            "point_name",
            "point_name_en",
            "name",
            "name_en",
            "unit",
            "region",
            "region_en",
            "period",
            "column",
            "old",
            "new",
            "file",
        ],
    )
    # Changed cells first, then new, then unchanged; within that, rows in the file's order with the note last.
    frame["kind_order"] = frame["kind"].map(KIND_ORDER)
    frame["row_order"] = frame.groupby(["point", "indicator_id", "period", "region"], sort=False).ngroup()
    frame["column_order"] = frame["column"].map({c: n for n, c in enumerate(COLUMN_ORDER)}).fillna(len(COLUMN_ORDER))
    return (
        frame.sort_values(["kind_order", "row_order", "column_order"], kind="stable")
        .drop(columns=["kind_order", "row_order", "column_order"])
        .reset_index(drop=True)
    )


def _mirror(root: Path, into: Path) -> None:
    """`into` looks like `root` (the catalogue and data/, history left out) at the cost of links, not copies."""
    os.symlink(root / CATALOGUE_FILE, into / CATALOGUE_FILE)
    skip = (root / HISTORY_DIR).resolve()
    for folder, dirs, files in os.walk(root / "data"):
        here = Path(folder)
        dirs[:] = [d for d in dirs if (here / d).resolve() != skip]
        target = into / here.relative_to(root)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.symlink(here / name, target / name)


def judged(project: Project, year: int) -> pd.DataFrame:
    """Every target of `year`, judged (loaders/judging/target_progress.py), with whether it is a main target."""
    con = store.connect(project)
    try:
        progress = target_progress(con, year, project.catalogue.region)
    finally:
        con.close()
    return progress.assign(main=is_main(progress, project.catalogue))


def judged_after(update: Update, root: Path, year: int) -> pd.DataFrame:
    """The targets of `year` judged on the files as the update would leave them."""
    root = Path(root).resolve()
    files, _ = staged(update, root)
    with tempfile.TemporaryDirectory(prefix="preview-") as folder:
        copy = Path(folder)
        _mirror(root, copy)
        for path, data in files.items():
            written = copy / Path(path).resolve().relative_to(root)
            written.parent.mkdir(parents=True, exist_ok=True)
            written.unlink(missing_ok=True)  # a link to the real file: replace the link, never write through it
            written.write_bytes(data)
        return judged(load_project(copy), year)


def status_effects(update: Update, root: Path, project: Project) -> pd.DataFrame:
    """The targets whose status, or judged figure, the update changes: each target's row as judged after applying
    (target_progress's columns) plus `before_status`, `before_gap` and `main`; main targets first, then by status.
    Empty for an update with errors, or one that touches no target (a self-assessment)."""
    year = report_year(project)
    if not update.ok or update.kind == "self_assessment" or year is None:
        return pd.DataFrame(columns=[*TARGET_KEY, *EFFECT_COLUMNS, "before_status", "before_gap", "main"])
    before = judged(project, int(year))
    after = judged_after(update, root, int(year))
    merged = after.merge(
        before[TARGET_KEY + EFFECT_COLUMNS].rename(columns={c: f"before_{c}" for c in EFFECT_COLUMNS}),
        on=TARGET_KEY,
        how="left",
    )
    moved = (
        (merged["status"] != merged["before_status"])
        | ~_same(merged["actual"], merged["before_actual"])
        | (merged["actual_period"].fillna("") != merged["before_actual_period"].fillna(""))
    )
    effects = merged[moved].copy()
    effects["main_order"] = (~effects["main"]).astype(int)
    return effects.sort_values(["main_order", "status_order"], kind="stable").reset_index(drop=True)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a.isna() & b.isna()) | (a - b).abs().lt(1e-9)
