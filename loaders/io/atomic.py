"""Writing a file atomically: readers see the old file or the new one, never half of it, even if the process is killed.

The one way the project replaces a file (monthly figures, history snapshots, the database, exported charts): write
a temporary file in the same folder, flush and fsync it, rename it over the old one, then fsync the folder so the
rename itself survives a power cut."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path


def temporary_beside(path: Path) -> Path:
    """A hidden temporary name in the same folder (a rename across file systems would not be atomic)."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}")


@contextlib.contextmanager
def replacing(path: Path, leftovers: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yields a temporary path to write; when the block ends without an error it replaces `path`. The temporary
    file (and `leftovers`: suffixes of files a writer leaves beside it, such as DuckDB's ".wal") never stays."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)
    temporary.unlink(missing_ok=True)
    try:
        yield temporary
        os.replace(temporary, path)
        _sync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)
        for suffix in leftovers:
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes, before_rename: Callable[[], None] | None = None) -> Path:
    """Write `data` to `path` atomically; `before_rename` runs between the fsync and the rename (tests kill the
    process there)."""
    with replacing(path) as temporary:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before_rename is not None:
            before_rename()
    return Path(path)


def _sync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
