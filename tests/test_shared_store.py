"""The shared store (loaders/shared_store.py): one DuckDB file per version of the files, built once, opened read-only
by any number of processes, replaced atomically when the files change."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders import shared_store, store
from tests.conftest import ROOT

MONTH = "indicator_id,period,value,yoy_pct,rank\ngdp,2023-03,231.5,6.1,7\n"


def gdp_growth(con, period: str) -> list[float]:
    frame = store.series(con, "gdp", "临沧市", 2023)
    return frame[(frame["period"] == period) & (frame["measure"] == "yoy_pct")]["value"].tolist()


def test_one_file_per_version_built_once_and_opened_read_only(mini):
    key, project, con = shared_store.open_store(mini)
    path = shared_store.store_path(mini, key)
    assert path.is_file() and path.parent == mini / "build" / "store"
    assert len(project.facts) == 0 and "gdp" in project.catalogue.indicators  # the figures are in the store only
    built_at = path.stat().st_mtime_ns
    again_key, _, again = shared_store.open_store(mini)  # a second process on the same version opens, not builds
    assert again_key == key and path.stat().st_mtime_ns == built_at
    assert not list(path.parent.glob(".*tmp*"))  # written aside and renamed: nothing half-written is left
    # another process may open the same file while this one holds it (a read-write open would lock it out)
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True);"
            "print(c.execute('select count(*) from facts').fetchall()[0][0])",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert other.returncode == 0, other.stderr
    assert int(other.stdout) == con.execute("select count(*) from facts").fetchall()[0][0] > 0
    con.close()
    again.close()


def test_an_edit_makes_a_new_version_and_an_open_old_one_keeps_working(mini):
    key, _, old = shared_store.open_store(mini)
    assert gdp_growth(old, "2023-03") == []
    time.sleep(0.01)
    (mini / "data/monthly/2023-03.csv").write_text(MONTH, encoding="utf-8")
    new_key, _, new = shared_store.open_store(mini)
    assert new_key != key
    assert gdp_growth(new, "2023-03") == [6.1]
    assert gdp_growth(old, "2023-03") == []  # a process still on the old version reads it until its next page load
    old.close()
    new.close()


def test_only_the_newest_versions_are_kept(mini):
    for month in (3, 6, 9, 12):  # gdp is quarterly
        (mini / f"data/monthly/2023-{month:02d}.csv").write_text(
            MONTH.replace("2023-03", f"2023-{month:02d}"), encoding="utf-8"
        )
        key, _, con = shared_store.open_store(mini)
        con.close()
    kept = sorted((mini / "build/store").glob("*.duckdb"))
    assert len(kept) == shared_store.KEEP and shared_store.store_path(mini, key) in kept


def test_files_with_errors_give_their_problems_and_write_no_store(mini):
    (mini / "data/monthly/2023-03.csv").write_text("indicator_id,period,value\ngdp,2023-03,abc\n", encoding="utf-8")
    _, project, con = shared_store.open_store(mini)
    assert con is None and any("2023-03.csv" in p.format("en") for p in project.problems)
    assert not list((mini / "build/store").glob("*.duckdb"))


def test_in_memory_mode_writes_nothing_and_prepare_builds_only_a_served_folder(mini, monkeypatch):
    monkeypatch.setenv(shared_store.MODE_VARIABLE, "memory")
    _, _, con = shared_store.open_store(mini)
    assert con.execute("select count(*) from facts").fetchall()[0][0] > 0
    assert not (mini / "build").exists()
    monkeypatch.delenv(shared_store.MODE_VARIABLE)
    shared_store.prepare(mini)
    assert not (mini / "build").exists()  # nobody serves this folder: no store is built for nothing
    (mini / "build/store").mkdir(parents=True)
    shared_store.prepare(mini)
    assert len(list((mini / "build/store").glob("*.duckdb"))) == 1


@pytest.mark.slow  # two processes at once
def test_two_processes_opening_a_new_version_at_once_build_it_once(mini):
    script = (
        "import sys; from loaders import shared_store; k, _, c = shared_store.open_store(sys.argv[1]); "
        "print(k, c.execute('select count(*) from facts').fetchall()[0][0])"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(mini)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        for _ in range(2)
    ]
    outs = [r.communicate(timeout=120) for r in runs]
    assert all(r.returncode == 0 for r in runs), outs
    assert outs[0][0] == outs[1][0]  # the same version and the same facts
    assert len(list(Path(mini / "build/store").glob("*.duckdb"))) == 1


def test_a_file_built_by_other_code_is_not_opened(mini, monkeypatch):
    """After an upgrade that changes the tables, the old code's file of the same data files is left alone: the new
    code builds and opens its own (opening the old one would miss the new columns)."""
    monkeypatch.setattr(shared_store, "code_version", lambda: "before-upgrade")
    key, _, con = shared_store.open_store(mini)
    con.execute("SELECT 1").fetchall()
    con.close()
    old = shared_store.store_path(mini, key)
    monkeypatch.setattr(shared_store, "code_version", lambda: "after-upgrade")
    again_key, _, con = shared_store.open_store(mini)
    con.close()
    new = shared_store.store_path(mini, again_key)
    assert again_key == key and new != old
    assert new.is_file() and old.is_file()
