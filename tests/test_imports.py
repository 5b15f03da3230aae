"""Staff updates: every awkward file is read correctly or refused by line with nothing written; applies are atomic,
serialised and recorded; undo restores exactly."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import forked_cli
from loaders.project import ROOT, load_project
from loaders.staff import updates
from loaders.store import connect, series

CORPUS = Path(__file__).parent / "fixtures" / "imports"


def data_fingerprint(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file() and p.name != ".update.lock"
    }


def cli(root: Path, *args, env=None):
    """`python -m loaders --root ROOT ARGS` in a process of its own (forked after the imports: tests/forked_cli.py)."""
    return forked_cli.run(
        ["--root", str(root), *args], cwd=CORPUS, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    )


REFUSED = {
    "bad-unknown-id.csv": ["bad-unknown-id.csv:2: 未知指标代码“gpd”；是否想写“gdp”？"],
    "bad-period.csv": ["bad-period.csv:2: 期间“2023/06”格式不对：年份写 2023，月份写 2023-06"],
    "bad-outside-year.csv": ["bad-outside-year.csv:2: 期间 2024-03 不在报告年份 2023 年内"],
    "bad-duplicate.csv": ["bad-duplicate.csv:3: 重复：gdp 2023-06 level（临沧市）已在 bad-duplicate.csv:2 出现"],
    "bad-rank.csv": [
        "bad-rank.csv:2: 排名“17”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；排名更多地区时请在该文件中列出它们）",
        "bad-rank.csv:3: 排名“2.5”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；排名更多地区时请在该文件中列出它们）",
    ],
    "bad-not-a-number.csv": [
        "bad-not-a-number.csv:2: 累计值列：“约480”不是数字",
        "bad-not-a-number.csv:2: 累计增长(%)列：“6.5.1”不是数字",
    ],
    "bad-no-figure.csv": [
        "bad-no-figure.csv:2: 这一行没有任何数字：累计值、累计增长、全省排名至少填一项；本月没有数的指标请删除这一行"
    ],
    "bad-quarterly-month.csv": ["bad-quarterly-month.csv:2: 指标 gdp 按季度公布，只有 3月、6月、9月、12月 有数"],
    "bad-missing-column.csv": ["bad-missing-column.csv:1: 表头缺少列：period（期间）"],
    "bad-region.csv": ["bad-region.csv:2: 未知地区“临仓市”；是否指“临沧市”？"],
    "empty.csv": ["empty.csv: 文件是空的或找不到表头：至少需要表头一行（如 指标代码、期间）"],
    "header-only.csv": ["header-only.csv: 文件只有表头，没有数据行"],
    "utf16.csv": ["utf16.csv: 无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿"],
    "truncated.xlsx": ["truncated.xlsx: Excel 文件已损坏或不完整，请在 Excel 中重新保存后再上传（BadZipFile）"],
    "bad-xml.xlsx": ["bad-xml.xlsx: Excel 文件已损坏或不完整，请在 Excel 中重新保存后再上传（ParseError）"],
    "bad-formula-without-value.xlsx": [
        "bad-formula-without-value.xlsx: 单元格 C2 是公式但没有保存计算结果：请在 Excel 或 WPS 中打开、"
        "保存后再上传，或把公式改成数值"
    ],
    "bad-old-excel.xls": [
        "bad-old-excel.xls: 不能读取 .xls 格式（或设有打开密码的工作簿）：请在 Excel 或 WPS 中“文件 → 另存为”"
        "Excel 工作簿（.xlsx）或 CSV（逗号分隔），不设密码，再上传"
    ],
    "bad-calc.ods": [
        "bad-calc.ods: 不能读取 .ods 格式（或设有打开密码的工作簿）：请在 Excel 或 WPS 中“文件 → 另存为”"
        "Excel 工作簿（.xlsx）或 CSV（逗号分隔），不设密码，再上传"
    ],
    "bad-long-note.xlsx": ["bad-long-note.xlsx:2: 单元格 D2 有 32767 个字符，超过上限 2000 个：请缩短"],
    "bad-many-errors.csv": [f"bad-many-errors.csv:{n + 2}: 未知指标代码“x{n}”；请对照指标目录" for n in range(50)]
    + ["bad-many-errors.csv: …及其他 150 处"],
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_file_is_refused_by_line_and_nothing_is_written(project_copy, name):
    before = data_fingerprint(project_copy)
    result = cli(project_copy, "import", name, "--apply", "--user", "测试")
    assert result.returncode == 1
    assert result.stderr.splitlines() == REFUSED[name] + ["未写入任何数据"]
    assert data_fingerprint(project_copy) == before


@pytest.mark.parametrize("name", ["ok-utf8.csv", "ok-utf8-bom.csv", "ok-gbk.csv", "ok-gb18030.csv", "ok-excel.xlsx"])
def test_every_encoding_and_excel_reads_the_same_figures(project_copy, name):
    update = updates.read_update(name, (CORPUS / name).read_bytes(), project_copy)
    assert update.ok, [p.format() for p in update.problems]
    figures = {(f.indicator_id, f.measure): f.value for f in update.facts}
    assert figures == {
        ("gdp", "level"): 480.3,
        ("gdp", "yoy_pct"): 6.5,
        ("gdp", "rank"): 5,
        ("retail_sales", "level"): 200.7,
        ("retail_sales", "yoy_pct"): 11.4,
        ("retail_sales", "rank"): 6,
    }


def test_every_number_style_is_read(project_copy):
    update = updates.read_update("s.csv", (CORPUS / "ok-number-styles.csv").read_bytes(), project_copy)
    figures = {(f.indicator_id, f.measure): f.value for f in update.facts}
    assert figures == {
        ("gdp", "level"): 1234.5,
        ("gdp", "yoy_pct"): 6.5,
        ("gdp", "rank"): 5,
        ("retail_sales", "level"): 1234.5,
        ("retail_sales", "yoy_pct"): 11.4,
        ("fixed_asset_investment", "yoy_pct"): -3.1,
        ("fixed_asset_investment", "rank"): 7,
        ("industrial_value_added", "yoy_pct"): -2.5,
    }


def test_an_implausible_growth_is_a_warning_not_a_refusal(project_copy):
    result = cli(project_copy, "import", "warn-growth.csv")
    assert result.returncode == 0
    assert "warn-growth.csv:2: 警告：industrial_value_added 增长 85% 超出常见范围（±60%），请核对" in result.stdout


@pytest.mark.slow
def test_apply_previews_then_writes_then_undo_restores_exactly(project_copy):
    before = data_fingerprint(project_copy)
    preview = cli(project_copy, "import", "ok-excel.xlsx")
    assert "新增 7，修改 0，不变 0" in preview.stdout and "预览：加 --apply 才会写入" in preview.stdout
    assert data_fingerprint(project_copy) == before
    assert cli(project_copy, "import", "ok-excel.xlsx", "--apply", "--user", "张三").returncode == 0
    con = connect(load_project(project_copy))
    june = series(con, "gdp", "临沧市", 2023).query("period == '2023-06'").set_index("measure")["value"]
    assert june.to_dict() == {"level": 480.3, "rank": 5.0, "yoy_pct": 6.5}
    again = cli(project_copy, "import", "ok-utf8.csv", "--apply", "--user", "李四")
    assert "修改 1，不变 6" in again.stdout  # the same figures again change nothing; the note does
    assert "changed   data/monthly/2023-06.csv  gdp 2023-06  note: Excel 保存 → 上半年" in again.stdout
    history = cli(project_copy, "history").stdout.splitlines()
    assert len(history) == 2 and "张三" in history[0] and "ok-excel.xlsx" in history[0]
    assert cli(project_copy, "undo", "--user", "李四").returncode == 0
    assert cli(project_copy, "undo", "--user", "李四").returncode == 0
    after = data_fingerprint(project_copy)
    assert {k: v for k, v in after.items() if not k.startswith("data/history")} == before
    assert cli(project_copy, "undo").stderr.strip() == "没有可以撤销的更新"


def test_undo_refuses_when_the_file_was_changed_after_the_update(project_copy):
    cli(project_copy, "import", "ok-utf8.csv", "--apply")
    june = project_copy / "data/monthly/2023-06.csv"
    june.write_text(june.read_text(encoding="utf-8") + "cpi,2023-06,,0.9,,,手工,\n", encoding="utf-8")
    result = cli(project_copy, "undo")
    assert result.returncode == 1
    assert result.stderr.strip() == "data/monthly/2023-06.csv 在第 1 次更新之后又被改过，不能自动撤销"


def test_provincial_figures_merge_into_the_file_that_already_holds_them(project_copy):
    update = updates.read_update("p.csv", "地区,指标代码,期间,数值\n版纳,gdp,2022,721.4\n".encode(), project_copy)
    assert [(c.file, c.key, c.old, c.new) for c in update.changes] == [
        ("data/provincial/2022-grp-by-prefecture.csv", "西双版纳州 gdp 2022", "721.39", "721.4")
    ]
    new = updates.read_update("p.csv", (CORPUS / "ok-provincial.csv").read_bytes(), project_copy)
    assert {c.file for c in new.changes} == {"data/provincial/gdp-2023-06.csv", "data/provincial/gdp-2023-03.csv"}


@pytest.mark.slow  # two processes at once
def test_two_staff_applying_at_once_are_both_recorded_in_order_and_never_mixed(project_copy):
    first = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "loaders",
            "--root",
            str(project_copy),
            "import",
            "ok-utf8.csv",
            "--apply",
            "--user",
            "甲",
        ],
        cwd=CORPUS,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_TEST_PAUSE_BEFORE_RENAME": "1.5"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    staged = project_copy / "data/monthly"
    deadline = time.monotonic() + 60
    while not list(staged.glob(".*.txn-*")):  # the first holds the lock, paused before its rename
        assert time.monotonic() < deadline and first.poll() is None, "the first apply never wrote its file aside"
        time.sleep(0.02)
    second = cli(project_copy, "import", "ok-number-styles.csv", "--apply", "--user", "乙")
    assert first.wait(timeout=60) == 0 and second.returncode == 0, second.stderr
    entries = updates.history(project_copy)
    assert [(e["id"], e["user"]) for e in entries] == [(1, "甲"), (2, "乙")]
    figures = {(f.indicator_id, f.measure): f.value for f in load_project(project_copy).facts if f.period == "2023-06"}
    assert figures[("retail_sales", "yoy_pct")] == 11.4 and figures[("retail_sales", "level")] == 1234.5  # 乙 over 甲
    assert figures[("fixed_asset_investment", "yoy_pct")] == -3.1 and figures[("gdp", "level")] == 1234.5
    assert load_project(project_copy).ok


def test_a_second_apply_that_cannot_get_the_lock_is_told_to_retry(project_copy):
    with updates.locked(project_copy):
        update = updates.read_update("u.csv", (CORPUS / "ok-utf8.csv").read_bytes(), project_copy)
        original = updates.LOCK_WAIT_S
        updates.LOCK_WAIT_S = 0.2
        try:
            with pytest.raises(updates.Busy):
                with updates.locked(project_copy, wait=0.2):
                    pass
        finally:
            updates.LOCK_WAIT_S = original
    assert update.ok and not updates.history(project_copy)


@pytest.mark.slow  # a kill
def test_a_process_killed_in_the_middle_of_an_apply_leaves_the_previous_data_intact(project_copy):
    cli(project_copy, "import", "ok-utf8.csv", "--apply", "--user", "甲")
    before = data_fingerprint(project_copy)
    process = subprocess.Popen(
        [sys.executable, "-m", "loaders", "--root", str(project_copy), "import", "ok-number-styles.csv", "--apply"],
        cwd=CORPUS,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DASHBOARD_TEST_PAUSE_BEFORE_RENAME": "30"},
    )
    monthly = project_copy / "data/monthly"
    deadline = time.monotonic() + 30
    while not list(monthly.glob(".*.txn-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(monthly.glob(".*.txn-*")), "the apply never wrote its new file aside"
    process.send_signal(signal.SIGKILL)
    process.wait()

    # The data files are exactly as before; what the unfinished update wrote aside is not data.
    def data_files(fingerprint):
        return {k: v for k, v in fingerprint.items() if ".txn-" not in k and not k.startswith("data/history/snapshots")}

    assert data_files(data_fingerprint(project_copy)) == data_files(before)
    assert load_project(project_copy).ok
    assert [e["user"] for e in updates.history(project_copy)] == ["甲"]
    updates.recover(project_copy)  # as the next apply or start does: the leftovers go
    assert data_fingerprint(project_copy) == before


def test_a_workbook_is_read_from_the_sheet_named_for_the_month(project_copy):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["请填第二张表"])
    sheet = book.create_sheet("2023-06")
    sheet.append(["指标代码", "期间", "累计增长(%)"])
    sheet.append(["gdp", "2023-06", "6.5%"])
    buffer = io.BytesIO()
    book.save(buffer)
    update = updates.read_update("two-sheets.xlsx", buffer.getvalue(), project_copy)
    assert update.ok and [(f.indicator_id, f.value) for f in update.facts] == [("gdp", 6.5)]


def test_a_percent_typed_into_excel_is_read_as_the_cell_shows_it(project_copy):
    """Typing 6.5% into an Excel cell stores 0.065 with a percent format: the figure staff meant is 6.5."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["指标代码", "期间", "累计增长(%)", "累计值"])
    book.active.append(["gdp", "2023-06", 0.065, 0.5])
    book.active["C2"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    update = updates.read_update("percent.xlsx", buffer.getvalue(), project_copy)
    assert update.ok
    assert sorted((f.measure, f.value) for f in update.facts) == [("level", 0.5), ("yoy_pct", 6.5)]


def test_a_change_of_note_alone_is_previewed_recorded_and_undone(project_copy):
    cli(project_copy, "import", "ok-utf8.csv", "--apply", "--user", "甲")
    before = data_fingerprint(project_copy)
    renoted = (CORPUS / "ok-utf8.csv").read_text(encoding="utf-8").replace("上半年", "上半年，已核对")
    update = updates.read_update("renoted.csv", renoted.encode(), project_copy)
    assert update.counts() == {"new": 0, "changed": 1, "unchanged": 6}
    assert [(c.key, c.column, c.old, c.new) for c in update.changes if c.kind == "changed"] == [
        ("gdp 2023-06", "note", "上半年", "上半年，已核对")
    ]
    entry = updates.apply(update, project_copy, "乙")
    assert [(c["column"], c["old"], c["new"]) for c in entry["changes"]] == [("note", "上半年", "上半年，已核对")]
    updates.undo(project_copy, "乙")
    after = data_fingerprint(project_copy)
    assert {k: v for k, v in after.items() if not k.startswith("data/history")} == {
        k: v for k, v in before.items() if not k.startswith("data/history")
    }
