"""An update that replaces several files is one transaction: killed at any step, or failing on a full disk or a
folder without write permission, it leaves the data as they were or (once its intent is recorded) is finished on
the next apply or start; undo still works, no leftovers stay, and `validate` reports without repairing."""

import os

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
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "data/history/pending.json: 警告：第 2 次更新没有完成（写入时被中断）：下次应用更新、撤销或启动看板时会自动完成"
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
