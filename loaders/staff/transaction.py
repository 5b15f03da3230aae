"""Several data files replaced as one: an update (or an undo) happens wholly or not at all, whatever stops it.

The steps, each durable before the next: (1) every new file is written aside (`.<name>.txn-<id>` in its own folder,
fsynced) and the current version of every file it replaces is copied to `data/history/snapshots/<id>/`; (2) the
intent is recorded in `data/history/pending.json` (atomically); (3) the files are switched by renames; (4) the history
entry is recorded (the history file is rewritten atomically, so it never holds half a line); (5) the intent is
removed. A process killed before (2) leaves only leftovers, which `recover` deletes; killed after (2), the update is
finished by `recover`, which runs under the update lock on the next apply, undo or start of the dashboard. An error
while writing (a full disk, a folder made read-only) rolls back what was switched and says that nothing changed.

Callers hold `updates.locked(root)`; `validate` reports a pending update as an error (`pending_problems`), never
repairs; replicas finish it (or refuse to show the files) on every new version of the files (shared_store.py)."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import signal
from pathlib import Path

from loaders.io import atomic
from loaders.io.language import t
from loaders.io.problems import Problem, problem, said

HISTORY_DIR = "data/history"
HISTORY_FILE = "data/history/history.jsonl"
PENDING_FILE = "data/history/pending.json"
SNAPSHOTS = "data/history/snapshots"
STAGED = ".txn-"
log = logging.getLogger(__name__)


class WriteFailed(Exception):
    """The files could not be written (disk full, no permission …). `unchanged` says whether every file is as before
    (rolled back) or an unfinished update waits for `recover`."""

    def __init__(self, error: OSError, unchanged: bool):
        super().__init__(str(error))
        self.error, self.unchanged = error, unchanged

    def message(self, lang: str = "zh") -> str:
        code = self.error.errno
        what = t(
            "write_no_space"
            if code in (errno.ENOSPC, errno.EDQUOT)
            else "write_no_permission"
            if code in (errno.EACCES, errno.EPERM, errno.EROFS)
            else "write_failed",
            lang,
            detail=self.error.strerror or type(self.error).__name__,
        )
        return what + t("write_unchanged" if self.unchanged else "write_unfinished", lang)


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _relative(path: Path, root: Path) -> str:
    return str(Path(path).resolve().relative_to(Path(root).resolve()))


def _staged(path: Path, number: int) -> Path:
    return path.with_name(f".{path.name}{STAGED}{number}")


def _fault(step: str) -> None:
    """Tests stop or fail the transaction at a named step: DASHBOARD_TEST_FAULT="step:kill|enospc|eacces"."""
    wanted = os.environ.get("DASHBOARD_TEST_FAULT", "")
    if wanted.partition(":")[0] != step:
        return
    kind = wanted.partition(":")[2]
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    code = {"enospc": errno.ENOSPC, "eacces": errno.EACCES}[kind]
    raise OSError(code, os.strerror(code))


def _write_fsynced(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


# --- the history --------------------------------------------------------------------------------------------------


def history(root: Path) -> list[dict]:
    path = Path(root) / HISTORY_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _record(root: Path, entry: dict) -> None:
    path = Path(root) / HISTORY_FILE
    old = path.read_bytes() if path.exists() else b""
    if old and not old.endswith(b"\n"):
        old += b"\n"
    atomic.write_atomically(path, old + (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))


# --- one transaction ----------------------------------------------------------------------------------------------


def commit(root: Path, entry: dict, writes: dict[Path, bytes | None], pause=None) -> dict:
    """Replace (bytes) or delete (None) every file of `writes` and record `entry` (its "files" are filled in here),
    all or nothing. `pause` runs once everything is staged (tests hold the lock there)."""
    root, number = Path(root), entry["id"]
    befores = {path: (path.read_bytes() if path.exists() else None) for path in writes}
    files = [
        {
            "path": _relative(path, root),
            "before": _sha(path),
            "after": None if data is None else hashlib.sha256(data).hexdigest(),
            "staged": None if data is None else _relative(_staged(path, number), root),
        }
        for path, data in writes.items()
    ]
    entry = entry | {"files": [{k: f[k] for k in ("path", "before", "after")} for f in files]}
    intent = {"id": number, "entry": entry, "files": files}
    try:
        for n, (path, data) in enumerate(writes.items(), start=1):
            if befores[path] is not None:
                atomic.write_atomically(root / SNAPSHOTS / str(number) / _relative(path, root), befores[path])
            if data is not None:
                _write_fsynced(_staged(path, number), data)
            _fault(f"stage-{n}")
        if pause:
            pause()
        _fault("staged")
        atomic.write_atomically(root / PENDING_FILE, json.dumps(intent, ensure_ascii=False, indent=1).encode("utf-8"))
        _fault("intent")
    except OSError as exc:
        # the files were never switched; an intent that could not be removed will be finished by `recover`
        raise WriteFailed(exc, unchanged=_discard(root, intent)) from exc
    try:
        _switch(root, files)
        _fault("switched")
        _record(root, entry)
        _fault("recorded")
        (root / PENDING_FILE).unlink()
    except OSError as exc:
        log.warning("update %s failed while switching files; rolling back", number, exc_info=exc)
        raise WriteFailed(exc, unchanged=_roll_back_now(root, intent, befores)) from exc
    return entry


def _switch(root: Path, files: list[dict]) -> None:
    for n, f in enumerate(files, start=1):
        path = root / f["path"]
        if f["staged"] is None:
            path.unlink(missing_ok=True)
        elif (root / f["staged"]).exists():
            os.replace(root / f["staged"], path)
        atomic._sync_folder(path.parent)
        _fault(f"switch-{n}")


def _roll_back_now(root: Path, intent: dict, befores: dict[Path, bytes | None]) -> bool:
    """Every file back as it was, the history without this update: True when that worked (else the intent stays,
    and `recover` finishes the update next time)."""
    try:
        for path, data in befores.items():
            if data is None:
                path.unlink(missing_ok=True)
            elif _sha(path) != hashlib.sha256(data).hexdigest():
                atomic.write_atomically(path, data)
        entries = history(root)
        if any(e["id"] == intent["id"] for e in entries):
            kept = b"".join(
                (json.dumps(e, ensure_ascii=False) + "\n").encode("utf-8") for e in entries if e["id"] != intent["id"]
            )
            atomic.write_atomically(root / HISTORY_FILE, kept)
        return _discard(root, intent)  # an intent left behind would finish the update later: not "unchanged"
    except OSError as exc:
        log.error(
            "update %s could not be rolled back; it will be finished on the next apply or start",
            intent["id"],
            exc_info=exc,
        )
        return False


def _discard(root: Path, intent: dict) -> bool:
    """Remove what an unfinished transaction left aside: staged files, its snapshots, its intent; True when no intent
    of it is left. A file that cannot be removed (the folder made read-only meanwhile) is only logged: it changes no
    data, `validate` lists it, and the next apply or undo removes it."""
    try:
        for f in intent["files"]:
            if f["staged"]:
                (root / f["staged"]).unlink(missing_ok=True)
        shutil.rmtree(root / SNAPSHOTS / str(intent["id"]), ignore_errors=True)
        if pending_id(root) == intent["id"]:
            (root / PENDING_FILE).unlink()
    except OSError as exc:
        log.warning("update %s: could not remove what it left aside", intent["id"], exc_info=exc)
    return pending_id(root) != intent["id"]


# --- after a crash ------------------------------------------------------------------------------------------------


def recover(root: Path) -> str | None:
    """Finish (or, if its staged files are gone, roll back) an update whose intent was recorded, and delete leftovers
    of one that never got that far. Returns what was done, for the log; None when there was nothing to do."""
    root = Path(root)
    done = None
    pending = root / PENDING_FILE
    if pending.exists():
        intent = json.loads(pending.read_text(encoding="utf-8"))
        done = _finish(root, intent) if _can_finish(root, intent) else _roll_back_from_snapshots(root, intent)
        log.warning("recovered unfinished update %s: %s", intent["id"], done)
    leftovers = _leftovers(root)
    for path in leftovers:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    if leftovers and done is None:
        done = f"removed {len(leftovers)} leftover(s) of an update that was never recorded"
        log.warning("%s", done)
    return done


def _can_finish(root: Path, intent: dict) -> bool:
    return all(
        _sha(root / f["path"]) == f["after"] or (f["staged"] and _sha(root / f["staged"]) == f["after"])
        for f in intent["files"]
    )


def _finish(root: Path, intent: dict) -> str:
    _switch(root, [f for f in intent["files"] if _sha(root / f["path"]) != f["after"]])
    if not any(e["id"] == intent["id"] for e in history(root)):
        _record(root, intent["entry"])
    (root / PENDING_FILE).unlink()
    return "finished"


def _roll_back_from_snapshots(root: Path, intent: dict) -> str:
    for f in intent["files"]:
        path = root / f["path"]
        if f["before"] is None:
            path.unlink(missing_ok=True)
        elif _sha(path) != f["before"]:
            atomic.write_atomically(path, (root / SNAPSHOTS / str(intent["id"]) / f["path"]).read_bytes())
    _discard(root, intent)
    return "rolled back"


def _leftovers(root: Path) -> list[Path]:
    """Staged and temporary files under data/, and snapshot folders of updates the history does not hold."""
    pending = root / PENDING_FILE
    keep = set()
    if pending.exists():
        intent = json.loads(pending.read_text(encoding="utf-8"))
        keep = {root / f["staged"] for f in intent["files"] if f["staged"]} | {root / SNAPSHOTS / str(intent["id"])}
    found = [p for p in (root / "data").rglob(".*") if p.is_file() and (STAGED in p.name or ".tmp-" in p.name)]
    recorded = {str(e["id"]) for e in history(root)}
    snapshots = root / SNAPSHOTS
    if snapshots.is_dir():
        found += [p for p in snapshots.iterdir() if p.is_dir() and p.name not in recorded]
    return [p for p in found if p not in keep]


def pending_id(root: Path) -> int | None:
    """The number of the update whose intent is recorded and not yet finished, if any."""
    try:
        return json.loads((Path(root) / PENDING_FILE).read_text(encoding="utf-8")).get("id")
    except FileNotFoundError:
        return None


def pending_problems(root: Path) -> list[Problem]:
    """What `validate` says about an unfinished update: an error, since the files may be half switched (the next
    apply, undo or start of the dashboard finishes it); leftovers of one never recorded only warn."""
    root = Path(root)
    found = []
    number = pending_id(root)
    if number is not None:
        found.append(problem(PENDING_FILE, None, said("update_interrupted", update=number)))
    leftovers = _leftovers(root)
    if leftovers:
        n, example = len(leftovers), _relative(leftovers[0], root)
        found.append(problem(HISTORY_DIR, None, said("update_leftovers", n=n, example=example), severity="warning"))
    return found
