"""One DuckDB file per version of the data files, built once and opened read-only by every app process.

A process holding a DuckDB file read-write locks out every other process, even readers (STACK-NOTES.md), while
several read-only opens of one file are fine. So each version of the files (project.fingerprint) is built once, by
whichever process needs it first, under a lock while the others wait, written aside and renamed into place
(store.write_database), and every process then opens it read-only: N replicas share one copy of the facts on disk
and in the page cache instead of holding N copies in memory. A process notices a new version on its next page load,
because the fingerprint changes with any edit of the files. Older versions are removed once newer ones exist; a
process that still has one open keeps reading it (an unlinked file lives until it is closed).

The folder is `build/store` in the project folder (so that every process and machine on one data folder shares it),
or `DASHBOARD_STORE_DIR` (e.g. a machine's local disk: each machine then builds its own copy).
`DASHBOARD_STORE=memory` makes each process build its own in-memory store instead, writing nothing: for a data
folder nobody may write to, and to compare the two in the benchmarks."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import logging
import os
from pathlib import Path

import duckdb

from loaders import store
from loaders.io.language import t
from loaders.io.problems import Problem, problem, said
from loaders.project import Project, fingerprint, load_project

STORE_DIR = "build/store"
STORE_VARIABLE = "DASHBOARD_STORE_DIR"
MODE_VARIABLE = "DASHBOARD_STORE"  # "memory": one in-memory store per process
log = logging.getLogger(__name__)
LOCK_NAME = ".build.lock"
KEEP = 3  # versions kept: a process that read the fingerprint just before an apply can still open its own
ATTEMPTS = 5  # reads of the files that changed while being read, before giving up
PENDING_WAIT_S = 5.0  # for an apply that is switching files right now


class KeptChanging(RuntimeError):
    """The data files changed every time they were read: no version could be built."""

    def __init__(self, root: Path):
        super().__init__(self.message("en", root))

    @staticmethod
    def message(lang: str, root: Path) -> str:
        return t("store_kept_changing", lang, root=str(root), n=ATTEMPTS)


def store_dir(root: Path) -> Path:
    configured = os.environ.get(STORE_VARIABLE)
    return Path(configured) if configured else Path(root) / STORE_DIR


def store_path(root: Path, key: str) -> Path:
    """The file of this version of the data files, as built by this version of the code: after an upgrade that
    changes the tables (a new column), a file built by the old code is not opened, the new code builds its own."""
    return store_dir(root) / f"{key}-{code_version()}.duckdb"


@functools.cache
def code_version() -> str:
    """A digest of the loaders' source, which decides what the store holds and how."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")) + sorted(package.rglob("*.yaml")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection | None:
    """The built file, read-only; None when it does not exist (not built yet, or removed as an old version)."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except (duckdb.IOException, duckdb.CatalogException):
        return None


@contextlib.contextmanager
def _build_lock(folder: Path):
    """One builder at a time per store folder (flock; on NFS, Linux maps it to a POSIX lock on the server)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_NAME, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prune(folder: Path, newest: Path) -> None:
    """Remove all but the KEEP newest versions, and temporary files left by a builder that was killed (only the
    lock holder builds, so under the lock any temporary file is stale)."""
    versions = sorted(folder.glob("*.duckdb"), key=lambda p: (p == newest, p.stat().st_mtime_ns), reverse=True)
    for path in versions[KEEP:]:
        path.unlink(missing_ok=True)
    for path in folder.glob(".*.duckdb.tmp-*"):
        path.unlink(missing_ok=True)


def _finish_interrupted(root: Path) -> Problem | None:
    """Checked on every new version of the files, before they are read: an update whose intent is recorded
    (data/history/pending.json) may have switched only some of its files. It is finished here, as the next apply
    would; when that cannot be done (an apply is running and holds the lock longer than PENDING_WAIT_S, or the folder
    is read-only), the files are not shown: the problem says why."""
    from loaders.staff import transaction, updates

    if not (root / transaction.PENDING_FILE).exists():
        return None
    try:
        with updates.locked(root, wait=PENDING_WAIT_S):
            transaction.recover(root)
    except updates.Busy:
        pass  # checked below: an apply that finished in the meantime left no intent
    except (OSError, updates.WriteFailed):
        log.exception("could not finish the interrupted update in %s", root)
    number = transaction.pending_id(root)
    if number is None:
        return None
    return problem(transaction.PENDING_FILE, None, said("update_unfinished_not_shown", update=number))


def open_store(root: Path) -> tuple[str, Project, duckdb.DuckDBPyConnection | None]:
    """The current version's fingerprint, its project (without the data files' figures, which are in the store)
    and a read-only connection to its store, built first if no process has built it yet. The connection is None
    when the files have errors: the project's problems say which."""
    root = Path(root)
    unfinished = _finish_interrupted(root)
    if unfinished is not None:
        project = load_project(root, facts=False)
        project.problems.append(unfinished)
        return fingerprint(root), project, None
    if os.environ.get(MODE_VARIABLE) == "memory":
        key, project = fingerprint(root), load_project(root)
        return key, project, (store.connect(project, release_facts=True) if project.ok else None)
    for _ in range(ATTEMPTS):
        key = fingerprint(root)
        path = store_path(root, key)
        con = _open_read_only(path) if path.exists() else None
        if con is None:
            with _build_lock(path.parent):
                if not path.exists():
                    project = load_project(root)
                    if fingerprint(root) != key:
                        continue  # a file changed while it was read: read the new version
                    if not project.ok:
                        return key, project, None
                    store.write_database(project, path, release_facts=True)
                    _prune(path.parent, path)
                con = _open_read_only(path)
            if con is None:
                continue  # removed as an old version between the check and the open: a newer one exists
        return key, load_project(root, facts=False), con
    raise KeptChanging(root)


def prepare(root: Path) -> None:
    """Build the current version now if this folder is being served (its store folder exists), so that the first
    page after an update does not wait for the build. Called after an update is applied or undone: the update is
    done by then, so a failure here is logged, not reported as the update's (the next page load builds and says)."""
    if not store_dir(root).is_dir() or os.environ.get(MODE_VARIABLE) == "memory":
        return
    try:
        _, _, con = open_store(root)
    except (OSError, duckdb.Error, KeptChanging):
        log.exception("could not build the store of %s after an update", root)
        return
    if con is not None:
        con.close()
