"""Staff updates: read a monthly or provincial file, check it, preview what changes, apply it atomically under a
lock with a history entry, and undo the last one. The data files stay the truth; nothing is half-written."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from loaders.documents.self_assessment import SELF_ALIASES, SELF_COLUMNS, Entry, self_entries, self_file
from loaders.io.numbers import number_text
from loaders.io.problems import Problem, Text, capped, errors, problem, said
from loaders.io.tables import UPLOAD_LIMITS, neutralise, read_csv_rows, read_rows, unneutralise
from loaders.project import MONTHLY_DIR, PROVINCIAL_DIR, Project, load_project
from loaders.readers.facts import (
    MONTHLY_ALIASES,
    PROVINCIAL_ALIASES,
    Fact,
    check_duplicates,
    monthly_facts,
    provincial_facts,
)
from loaders.staff import transaction
from loaders.staff.transaction import HISTORY_DIR, HISTORY_FILE, SNAPSHOTS, WriteFailed  # noqa: F401 - callers catch WriteFailed

LOCK_FILE = "data/.update.lock"
MAX_BYTES = 5 * 1024 * 1024
LOCK_WAIT_S = 15.0
PLAUSIBLE_GROWTH = 60.0  # |growth| above this is probably a typo (a warning, not an error)

MONTHLY_COLUMNS = ["indicator_id", "period", "value", "yoy_pct", "rank", "note", "updated_by", "updated_at"]
PROVINCIAL_COLUMNS = ["region", "indicator_id", "period", "value", "yoy_pct", "source", "updated_by", "updated_at"]
MEASURE_COLUMNS = {"level": "value", "yoy_pct": "yoy_pct", "rank": "rank"}
COLUMNS = {"monthly": MONTHLY_COLUMNS, "provincial": PROVINCIAL_COLUMNS, "self_assessment": SELF_COLUMNS}
SELF_FIELDS = ("score", "status", "note")


class Busy(Exception):
    """Another update is being applied; try again in a moment."""


@dataclass
class Change:
    file: str
    key: str  # indicator (and region) and period, as people read it
    column: str
    old: str
    new: str
    line: int | None
    indicator: str = ""  # the key's parts, for a preview in staff terms (loaders/staff/preview.py)
    period: str = ""
    region: str = ""  # a provincial figure's region

    @property
    def kind(self) -> str:
        return "new" if self.old == "" else ("unchanged" if _same_cell(self.old, self.new) else "changed")


def _same_cell(old: str, new: str) -> bool:
    """A figure written 22.0 in the file and 22 in the upload is the same figure: not a change to preview."""
    if old == new:
        return True
    try:
        return float(old) == float(new)
    except ValueError:
        return False


@dataclass
class Update:
    name: str
    sha256: str
    kind: str  # monthly | provincial | self_assessment
    facts: list[Fact] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)  # self_assessment: one per evaluation point
    assessment: str = ""  # self_assessment: the checklist's id
    notes: dict[tuple, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    def counts(self) -> dict[str, int]:
        kinds = [c.kind for c in self.changes]
        return {k: kinds.count(k) for k in ("new", "changed", "unchanged")}


# --- reading and checking --------------------------------------------------------------------------------------


def read_update(name: str, data: bytes, root: Path, project: Project | None = None) -> Update:
    """Everything wrong with a staff file (the first UPLOAD_LIMITS.shown_problems of them, then how many more), or
    the changes it would make; nothing is written."""
    update = _read_update(name, data, root, project)
    update.problems = capped(update.problems, UPLOAD_LIMITS.shown_problems)
    return update


def _read_update(name: str, data: bytes, root: Path, project: Project | None = None) -> Update:
    update = Update(name, hashlib.sha256(data).hexdigest(), "monthly")
    if len(data) > MAX_BYTES:
        update.problems.append(
            problem(name, None, said("upload_too_large", kb=len(data) // 1024, limit=MAX_BYTES // 1024 // 1024))
        )
        return update
    project = project or load_project(root)
    if not project.ok:
        update.problems.append(problem(name, None, said("upload_project_has_errors")))
        return update
    aliases = MONTHLY_ALIASES | PROVINCIAL_ALIASES | SELF_ALIASES
    header, rows, update.problems = read_rows(name, data, aliases, ("indicator_id", "point"), UPLOAD_LIMITS)
    if update.problems:
        return update
    if not rows:
        update.problems.append(problem(name, None, said("upload_no_rows")))
        return update
    if "point" in header and "indicator_id" not in header:
        return _read_self_update(update, header, rows, Path(root), project)
    if "region" in header:
        update.kind = "provincial"
        facts, found = provincial_facts(name, header, rows, project.catalogue, project.regions, project.sources)
    else:
        facts, found = monthly_facts(name, header, rows, project.catalogue, project.regions.count)
        found += _check_year(name, facts, project)
    found += check_duplicates(facts) + _plausibility(name, facts)
    update.facts, update.problems = facts, found
    notes = {row.line: row.get("note") for row in rows}
    update.notes = {_key(update.kind, f): notes.get(f.line, "") for f in facts}
    if update.ok:
        update.changes = _merge(update, Path(root), "preview", "")[1]
    return update


def _read_self_update(update: Update, header: list[str], rows, root: Path, project: Project) -> Update:
    """A self-assessment: the checklist is the project's only one (a second would need its own column)."""
    update.kind = "self_assessment"
    if len(project.assessments) != 1:
        update.problems.append(problem(update.name, None, said("upload_no_single_checklist")))
        return update
    assessment = next(iter(project.assessments.values()))
    update.assessment = assessment.id
    update.entries, update.problems = self_entries(update.name, header, rows, assessment)
    if update.ok:
        update.changes = _merge(update, root, "preview", "")[1]
    return update


def report_year(project: Project) -> str | None:
    """The year monthly figures belong to: the newest year with targets of the work report (not the food-safety
    plan's)."""
    source = project.catalogue.default_source
    given = [s.report_year for s in project.sources.values() if s.report_year]
    if given:  # the year given to `new`/`extract`: a target for a later year (到2027年) is not the report's year
        return str(max(given))
    years = {f.period[:4] for f in project.facts if f.scenario == "target" and f.source == source}
    return max(years) if years else None


def _check_year(name: str, facts: list[Fact], project: Project) -> list[Problem]:
    """Monthly figures belong to the report's year: the newest year that has targets."""
    year = report_year(project)
    return [
        problem(name, f.line, said("upload_period_outside_year", period=f.period, year=year))
        for f in _first_per_line(facts)
        if year and f.period[:4] != year
    ]


def _plausibility(name: str, facts: list[Fact]) -> list[Problem]:
    return [
        problem(
            name,
            f.line,
            said("growth_implausible", id=f.indicator_id, value=number_text(f.value), limit=PLAUSIBLE_GROWTH),
            severity="warning",
        )
        for f in facts
        if f.measure == "yoy_pct" and abs(f.value) > PLAUSIBLE_GROWTH
    ]


def _first_per_line(facts: list[Fact]) -> list[Fact]:
    seen, first = set(), []
    for f in facts:
        if f.line not in seen:
            seen.add(f.line)
            first.append(f)
    return first


# --- merging into the data files -------------------------------------------------------------------------------


def _key(kind: str, fact_or_row) -> tuple:
    get = (lambda k: getattr(fact_or_row, k)) if isinstance(fact_or_row, Fact) else fact_or_row.get
    return (
        (get("region"), get("indicator_id"), get("period"))
        if kind == "provincial"
        else (get("indicator_id"), get("period"))
    )


def _read_data_file(path: Path, key: str = "indicator_id") -> list[dict]:
    if not path.exists():
        return []
    header, rows, problems = read_csv_rows(path, required=(key,))
    if problems:
        raise ValueError("; ".join(p.format() for p in problems))
    return [{c: unneutralise(row.get(c)) for c in header} for row in rows]  # cells as staff typed them


def _home_files(kind: str, root: Path) -> dict[tuple, Path]:
    """Where each key already lives, so an update changes that file instead of adding a second copy."""
    folder = root / (PROVINCIAL_DIR if kind == "provincial" else MONTHLY_DIR)
    homes = {}
    for path in sorted(folder.glob("*.csv")):
        for row in _read_data_file(path):
            homes.setdefault(_key(kind, row), path)
    return homes


def _merge(update: Update, root: Path, user: str, when: str) -> tuple[dict[Path, list[dict]], list[Change]]:
    """The new content of every file the update touches, and the cell-level changes."""
    if update.kind == "self_assessment":
        return _merge_self(update, root, user, when)
    columns = PROVINCIAL_COLUMNS if update.kind == "provincial" else MONTHLY_COLUMNS
    homes = _home_files(update.kind, root)
    contents: dict[Path, list[dict]] = {}
    changes: list[Change] = []
    noted: set[tuple] = set()
    for fact in update.facts:
        key = _key(update.kind, fact)
        path = homes.get(key) or _new_home(update.kind, fact, root)
        rows = contents.setdefault(path, _read_data_file(path))
        row = next((r for r in rows if _key(update.kind, r) == key), None)
        if row is None:
            row = {c: "" for c in columns} | {"indicator_id": fact.indicator_id, "period": fact.period}
            if update.kind == "provincial":
                row["region"] = fact.region
            rows.append(row)
        column, new = MEASURE_COLUMNS[fact.measure], number_text(fact.value)
        label = " ".join(str(k) for k in key)
        parts = (fact.indicator_id, fact.period, fact.region if update.kind == "provincial" else "")
        changes.append(Change(_relative(path, root), label, column, row.get(column) or "", new, fact.line, *parts))
        row[column] = new
        note = update.notes.get(key)
        if (
            update.kind == "monthly" and note and key not in noted
        ):  # a note is a change like a figure: previewed, recorded
            noted.add(key)
            changes.append(Change(_relative(path, root), label, "note", row.get("note") or "", note, fact.line, *parts))
            row["note"] = note
        if update.kind == "provincial" and fact.source:
            row["source"] = fact.source
        row["updated_by"], row["updated_at"] = user, when
    return contents, changes


def _merge_self(update: Update, root: Path, user: str, when: str) -> tuple[dict[Path, list[dict]], list[Change]]:
    """One row per evaluation point in the checklist's self-assessment file; a point not in the upload keeps its row."""
    path = root / self_file(update.assessment)
    rows = _read_data_file(path, "point")
    changes = []
    for entry in update.entries:
        row = next((r for r in rows if r.get("point") == entry.point), None)
        if row is None:
            row = {c: "" for c in SELF_COLUMNS} | {"point": entry.point}
            rows.append(row)
        new = {
            "score": "" if entry.score is None else number_text(entry.score),
            "status": entry.status,
            "note": entry.note,
        }
        for column in SELF_FIELDS:
            changes.append(
                Change(_relative(path, root), entry.point, column, row.get(column) or "", new[column], entry.line)
            )
            row[column] = new[column]
        row["updated_by"], row["updated_at"] = user, when
    return {path: rows}, [c for c in changes if not c.old == c.new == ""]  # an empty cell left empty is no change


def _new_home(kind: str, fact: Fact, root: Path) -> Path:
    if kind == "provincial":
        return root / PROVINCIAL_DIR / f"{fact.indicator_id}-{fact.period}.csv"
    return root / MONTHLY_DIR / f"{fact.period}.csv"


def _relative(path: Path, root: Path) -> str:
    return str(Path(path).resolve().relative_to(Path(root).resolve()))


# --- writing: atomic, locked, recorded -------------------------------------------------------------------------


def _csv_text(rows: list[dict], columns: list[str]) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        fieldnames=columns + [c for c in rows[0] if c not in columns] if rows else columns,
        lineterminator="\n",
        extrasaction="ignore",
    )
    writer.writeheader()
    # a note typed as =… is written '=… (as the templates do), so that opening the data file in Excel runs nothing
    writer.writerows({c: neutralise(v) for c, v in row.items()} for row in rows)
    return out.getvalue()


def _pause_for_tests() -> None:
    # Lets a test hold the lock (or kill the process) once everything is written aside, before any file is switched.
    pause = os.environ.get("DASHBOARD_TEST_PAUSE_BEFORE_RENAME")
    if pause:
        time.sleep(float(pause))


@contextlib.contextmanager
def locked(root: Path, wait: float = LOCK_WAIT_S):
    """One update at a time: a second one waits up to `wait` seconds, then is told to retry."""
    path = Path(root) / LOCK_FILE
    try:  # a fresh copy has no lock file (it is git-ignored): on a read-only folder it cannot be made
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")
    except OSError as exc:
        raise WriteFailed(exc, unchanged=True) from exc
    with handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy() from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def history(root: Path) -> list[dict]:
    return transaction.history(root)


def recover(root: Path) -> str | None:
    """Finish or roll back an update a crash interrupted (see loaders/transaction.py); under the lock."""
    with locked(root):
        return transaction.recover(root)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def staged(update: Update, root: Path, user: str = "preview", when: str = "") -> tuple[dict[Path, bytes], list[Change]]:
    """The bytes every file the update touches would hold once applied, and the cell-level changes."""
    contents, changes = _merge(update, Path(root), user, when)
    columns = COLUMNS[update.kind]
    return {path: _csv_text(rows, columns).encode("utf-8") for path, rows in contents.items()}, changes


def applied_entry(entries: list[dict], sha256: str) -> dict | None:
    """The update (applied and not undone) that wrote a file with this content, if any: the same file twice is
    one update, not two."""
    undone = {e["undoes"] for e in entries if e["action"] == "undo"}
    return next(
        (
            e
            for e in reversed(entries)
            if e["action"] == "apply" and e.get("sha256") == sha256 and e["id"] not in undone
        ),
        None,
    )


def apply(update: Update, root: Path, user: str) -> dict:
    """Write the update under the lock (merged against the files as they are then) and record it."""
    if not update.ok:
        raise ValueError("refusing to apply an update with errors")
    root = Path(root)
    with locked(root):
        transaction.recover(root)
        entries = history(root)
        number = max((e["id"] for e in entries), default=0) + 1
        when = _now()
        writes, changes = staged(update, root, user, when)
        entry = {
            "id": number,
            "action": "apply",
            "user": user,
            "at": when,
            "file": update.name,
            "sha256": update.sha256,
            "kind": update.kind,
            "files": [],
            "changes": [asdict(c) | {"kind": c.kind} for c in changes if c.kind != "unchanged"],
        }
        return transaction.commit(root, entry, writes, _pause_for_tests)


def undoable(entries: list[dict]) -> dict | None:
    """The last applied update that has not been undone."""
    undone = {e["undoes"] for e in entries if e["action"] == "undo"}
    return next((e for e in reversed(entries) if e["action"] == "apply" and e["id"] not in undone), None)


class CannotUndo(Exception):
    def __init__(self, reason: Text):
        super().__init__(reason.en)
        self.reason = reason


def undo(root: Path, user: str) -> dict:
    """Restore every file of the last applied update to what it was, if nobody changed it since."""
    root = Path(root)
    with locked(root):
        interrupted = transaction.pending_id(root)
        if transaction.recover(root) == "finished":
            # staff last saw the files without this update: undoing it now would undo what they never saw applied
            raise CannotUndo(said("undo_after_recovery", update=interrupted))
        entries = history(root)
        target = undoable(entries)
        if target is None:
            raise CannotUndo(said("undo_nothing"))
        for f in target["files"]:
            if _sha(root / f["path"]) != f["after"]:
                raise CannotUndo(said("undo_file_changed", path=f["path"], update=target["id"]))
        writes = {
            root / f["path"]: None
            if f["before"] is None
            else (root / SNAPSHOTS / str(target["id"]) / f["path"]).read_bytes()
            for f in target["files"]
        }
        entry = {
            "id": max(e["id"] for e in entries) + 1,
            "action": "undo",
            "undoes": target["id"],
            "user": user,
            "at": _now(),
            "files": [],
        }
        return transaction.commit(root, entry, writes)


def undone_message(root: Path, entry: dict, lang: str, key: str = "undone") -> str:
    """What an undo did, naming the update it undid as the history shows it: its number, file, who and when."""
    from loaders.io.clock import beijing
    from loaders.io.language import t

    target = next((e for e in history(root) if e["id"] == entry["undoes"]), {})
    what = target.get("file") or target.get("kind") or ""
    when = beijing(target["at"], lang) if target.get("at") else ""
    return t(key, lang, n=entry["undoes"], what=what, user=target.get("user", ""), when=when)


def apply_files(root: Path, user: str, name: str, contents: dict[str, bytes], kind: str) -> dict:
    """Write whole files (a reviewed report draft: catalogue, results, source text …) the way `apply` writes an
    update: one transaction under the lock, the previous versions kept as snapshots, one history entry, undoable."""
    root = Path(root)
    with locked(root):
        transaction.recover(root)
        entries = history(root)
        number = max((e["id"] for e in entries), default=0) + 1
        entry = {
            "id": number,
            "action": "apply",
            "user": user,
            "at": _now(),
            "file": name,
            "sha256": hashlib.sha256(b"".join(contents.values())).hexdigest(),
            "kind": kind,
            "files": [],
            "changes": [],
        }
        return transaction.commit(root, entry, {root / relative: data for relative, data in contents.items()})
