"""An update that replaces several files is one transaction: killed at any step, or failing on a full disk or a
folder without write permission, it leaves the data as they were or (once its intent is recorded) is finished on
the next apply or start; undo still works, no leftovers stay, and `validate` reports without repairing."""

import os
import subprocess
from pathlib import Path

import pytest

import forked_cli
from loaders.project import load_project
from loaders.staff import transaction, updates
from test_imports import CORPUS, ROOT, cli, data_fingerprint

# One figure changed in a provincial file that exists, one added in a file that does not: two files, one update.
TWO_FILES = "地区,指标代码,期间,数值\n版纳,gdp,2022,721.4\n版纳,gdp,2023-06,350.2\n".encode()
STEPS_BEFORE_INTENT = ["stage-1", "stage-2", "staged"]
STEPS_AFTER_INTENT = ["intent", "switch-1", "switch-2", "switched", "recorded"]


@pytest.fixture
def with_one_update(project_copy, tmp_path):
    first = updates.read_update("ok-utf8.csv", (CORPUS / "ok-utf8.csv").read_bytes(), project_copy)
    updates.apply(first, project_copy, "甲")
    (tmp_path / "two-files.csv").write_bytes(TWO_FILES)
    return project_copy, tmp_path / "two-files.csv"


def without_history(fingerprint: dict) -> dict:
    return {k: v for k, v in fingerprint.items() if not k.startswith("data/history")}


def apply_with_fault(root, upload, fault: str):
    """`python -m loaders import --apply` in a process of its own (forked after the imports: tests/forked_cli.py)."""
    return forked_cli.run(
        ["--root", str(root), "import", str(upload), "--apply", "--user", "乙"],
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_TEST_FAULT": fault},
    )


def assert_finished_and_undoable(root, before):
    entries = updates.history(root)
    assert [(e["id"], e["user"], e["action"]) for e in entries] == [(1, "甲", "apply"), (2, "乙", "apply")]
    for f in entries[-1]["files"]:
        assert transaction._sha(root / f["path"]) == f["after"]
    figures = {
        (f.region, f.period): f.value
        for f in load_project(root).facts
        if f.indicator_id == "gdp" and f.measure == "level"
    }
    assert figures[("西双版纳州", "2022")] == 721.4 and figures[("西双版纳州", "2023-06")] == 350.2
    assert not (root / transaction.PENDING_FILE).exists() and not transaction._leftovers(root)
    updates.undo(root, "乙")
    assert without_history(data_fingerprint(root)) == without_history(before)


@pytest.mark.parametrize("step", STEPS_BEFORE_INTENT + STEPS_AFTER_INTENT)
def test_a_kill_at_any_step_is_rolled_back_or_finished_on_the_next_start(with_one_update, step):
    root, upload = with_one_update
    before = data_fingerprint(root)
    assert apply_with_fault(root, upload, f"{step}:kill").returncode == -9
    assert transaction.pending_problems(root)  # validate has something to say: a pending update or leftovers
    done = updates.recover(root)  # as the next apply, undo or start of the dashboard does
    if step in STEPS_BEFORE_INTENT:
        assert done.startswith("removed")
        assert data_fingerprint(root) == before  # byte for byte, history and snapshots included
    else:
        assert done == "finished"
        assert_finished_and_undoable(root, before)


def test_validate_reports_an_interrupted_update_and_changes_nothing(with_one_update):
    root, upload = with_one_update
    apply_with_fault(root, upload, "switch-1:kill")
    interrupted = data_fingerprint(root)
    result = cli(root, "validate")
    assert result.returncode == 1, result.stdout + result.stderr  # half-switched files are not valid data
    assert (
        "data/history/pending.json: 第 2 次更新没有完成（写入时被中断），数据文件可能只更新了一部分："
        "下次应用更新、撤销或启动看板时会自动完成"
    ) in result.stdout
    assert data_fingerprint(root) == interrupted


def test_the_dashboard_finishes_an_interrupted_update_when_it_starts(with_one_update, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    root, upload = with_one_update
    before = data_fingerprint(root)
    apply_with_fault(root, upload, "switch-1:kill")
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert_finished_and_undoable(root, before)


@pytest.mark.parametrize(
    "fault",
    [
        "stage-1:enospc",
        "stage-2:eacces",
        "staged:enospc",
        "intent:eacces",
        "switch-1:enospc",
        "switch-2:eacces",
        "switched:enospc",
        "recorded:enospc",
    ],
)
def test_a_full_disk_or_a_read_only_folder_changes_nothing_and_says_so(with_one_update, monkeypatch, fault):
    root, upload = with_one_update
    before = data_fingerprint(root)
    monkeypatch.setenv("DASHBOARD_TEST_FAULT", fault)
    update = updates.read_update("two-files.csv", TWO_FILES, root)
    with pytest.raises(updates.WriteFailed) as failed:
        updates.apply(update, root, "乙")
    expected = (
        "磁盘空间不足，无法写入（No space left on device）。"
        if fault.endswith("enospc")
        else "没有写入数据文件夹的权限（Permission denied），请联系管理员。"
    ) + "更新没有应用，数据保持原样。"
    assert failed.value.message("zh") == expected
    assert data_fingerprint(root) == before  # byte for byte: no temporary file, snapshot or history line left


def test_the_command_line_says_what_happened_without_a_traceback(with_one_update):
    root, upload = with_one_update
    before = data_fingerprint(root)
    result = apply_with_fault(root, upload, "switch-2:enospc")
    assert result.returncode == 1
    assert result.stderr.strip() == "磁盘空间不足，无法写入（No space left on device）。更新没有应用，数据保持原样。"
    assert data_fingerprint(root) == before


def test_undo_is_a_transaction_too(with_one_update, monkeypatch):
    root, _ = with_one_update
    before = data_fingerprint(root)
    monkeypatch.setenv("DASHBOARD_TEST_FAULT", "switch-1:eacces")
    with pytest.raises(updates.WriteFailed):
        updates.undo(root, "乙")
    assert data_fingerprint(root) == before
    monkeypatch.delenv("DASHBOARD_TEST_FAULT")
    updates.undo(root, "乙")
    assert [e["action"] for e in updates.history(root)] == ["apply", "undo"]


def gdp_levels(con) -> dict:
    rows = con.execute(
        "SELECT region, period, value FROM facts WHERE indicator_id = 'gdp' AND measure = 'level'"
    ).fetchall()
    return {(region, period): value for region, period, value in rows}


def test_a_running_replica_finishes_a_half_applied_update_on_the_next_change_it_sees(with_one_update):
    from loaders import shared_store

    root, upload = with_one_update
    before = data_fingerprint(root)
    _, _, con = shared_store.open_store(root)  # a replica serving the files
    assert ("西双版纳州", "2023-06") not in gdp_levels(con)
    apply_with_fault(root, upload, "switch-1:kill")  # one file of two switched, then the process died
    _, project, con = shared_store.open_store(root)  # the files changed: the replica reads them again
    assert project.ok and not (root / transaction.PENDING_FILE).exists()
    assert gdp_levels(con)[("西双版纳州", "2023-06")] == 350.2 and gdp_levels(con)[("西双版纳州", "2022")] == 721.4
    assert_finished_and_undoable(root, before)


def test_a_replica_that_cannot_finish_a_half_applied_update_does_not_show_it(with_one_update, monkeypatch):
    from loaders import shared_store

    root, upload = with_one_update
    apply_with_fault(root, upload, "switch-1:kill")
    monkeypatch.setattr(shared_store, "PENDING_WAIT_S", 0.2)
    with updates.locked(root):  # another process holds the lock (an apply, or a folder this replica cannot write)
        _, project, con = shared_store.open_store(root)
    assert con is None and not project.ok
    assert [p.format() for p in project.problems] == [
        "data/history/pending.json: 第 2 次更新没有完成，数据文件可能只更新了一部分，暂不显示：请稍后刷新；"
        "若一直如此，请数据维护人员应用或撤销一次更新（会先完成它）"
    ]
    _, project, con = shared_store.open_store(root)  # the lock is free again: finished, shown
    assert project.ok and gdp_levels(con)[("西双版纳州", "2023-06")] == 350.2


def test_undo_after_an_interrupted_update_finishes_it_and_undoes_nothing_until_asked_again(with_one_update):
    root, upload = with_one_update
    apply_with_fault(root, upload, "switched:kill")
    result = cli(root, "undo", "--user", "丙")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "第 2 次更新此前被中断，刚刚已自动完成，没有撤销任何更新：请先在更新记录中确认，再决定是否撤销"
    )
    assert [(e["id"], e["action"]) for e in updates.history(root)] == [(1, "apply"), (2, "apply")]
    result = cli(root, "undo", "--user", "丙")
    assert result.returncode == 0
    assert result.stdout.startswith(f"已撤销第 2 次更新（{upload}，乙，")  # the file as it was given to import
    assert result.stdout.strip().endswith("（北京时间））")


# --- a read-only data folder, a full disk (issue #26) ---------------------------------------------------------------


def make_read_only(folder: Path, read_only: bool = True) -> None:
    """The folder and everything below it read-only, as a replica's mount is: by permissions, and for root (whom
    permissions do not stop) by the immutable attribute."""
    if os.geteuid() == 0 and not read_only:
        subprocess.run(["chattr", "-R", "-i", str(folder)], check=True)
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222 if read_only else mode | 0o200)
    if os.geteuid() == 0 and read_only:
        made = subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True, text=True)
        if made.returncode != 0:  # a file system without the attribute (some overlays): root cannot be stopped
            subprocess.run(["chattr", "-R", "-i", str(folder)], capture_output=True)
            pytest.skip(f"cannot make a folder read-only for root here: {made.stderr.strip()}")


@pytest.fixture
def read_only(with_one_update):
    root, upload = with_one_update
    (root / updates.LOCK_FILE).unlink(missing_ok=True)  # git-ignored: a fresh copy has none
    made = []

    def freeze(folder: Path) -> None:
        made.append(folder)  # first: a freeze that fails half-way is undone too
        make_read_only(folder)
        with pytest.raises(OSError):  # the test means what it says: nothing can be written there
            (folder / ".probe").write_text("x")

    yield root, upload, freeze
    for folder in made:
        make_read_only(folder, read_only=False)


NO_PERMISSION = "没有写入数据文件夹的权限（{}），请联系管理员。更新没有应用，数据保持原样。"


@pytest.mark.parametrize("command", [["import", "UPLOAD", "--apply"], ["undo"]])
def test_apply_and_undo_on_a_read_only_data_folder_say_so_without_a_traceback(read_only, command):
    root, upload, freeze = read_only
    before = data_fingerprint(root)
    freeze(root / "data")
    result = cli(root, *[str(upload) if a == "UPLOAD" else a for a in command])
    assert result.returncode == 1
    reason = "Operation not permitted" if os.geteuid() == 0 else "Permission denied"
    assert result.stderr.strip() == NO_PERMISSION.format(reason)
    assert data_fingerprint(root) == before


def test_a_folder_made_read_only_while_an_update_is_staged_loses_nothing(read_only, monkeypatch):
    root, upload, freeze = read_only
    before = data_fingerprint(root)
    monkeypatch.setattr(updates, "_pause_for_tests", lambda: freeze(root / "data"))
    update = updates.read_update("two-files.csv", TWO_FILES, root)
    with pytest.raises(updates.WriteFailed) as failed:  # the clean-up cannot remove what it staged: no traceback
        updates.apply(update, root, "乙")
    assert failed.value.message("zh").endswith("更新没有应用，数据保持原样。")
    staged = {k for k in data_fingerprint(root) if ".txn-" in k or k.startswith("data/history/snapshots/2/")}
    assert {k: v for k, v in data_fingerprint(root).items() if k not in staged} == before  # only the staged are new
    make_read_only(root / "data", read_only=False)
    assert updates.recover(root).startswith("removed")  # the next update's start removes the staged files
    assert data_fingerprint(root) == before


def test_a_read_only_replica_does_not_show_a_half_applied_update(read_only):
    from loaders import shared_store

    root, upload, freeze = read_only
    apply_with_fault(root, upload, "switch-1:kill")
    freeze(root / "data")  # a replica's read-only mount: it cannot finish the update
    _, project, con = shared_store.open_store(root)
    assert con is None and [p.format() for p in project.problems] == [
        "data/history/pending.json: 第 2 次更新没有完成，数据文件可能只更新了一部分，暂不显示：请稍后刷新；"
        "若一直如此，请数据维护人员应用或撤销一次更新（会先完成它）"
    ]
