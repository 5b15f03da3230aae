"""The staff import preview in staff terms (names, units, months, old → new, the effect on statuses), the clear
"done" after applying, a file that cannot be applied twice, the history in the interface's language, and the
monthly template's checks (validation, locked columns, last figures) with its round trip through the importer."""

import io
import re

import openpyxl
import pytest

from charts import preview as words
from conftest import MONTHLY_FIXTURES, sign_in
from loaders.progress import target_progress
from loaders.project import load_project
from loaders.staff import preview, updates
from loaders.staff.template import HEADER, template_csv, template_xlsx
from loaders.store import connect
from test_imports import CORPUS, cli

JUNE = (MONTHLY_FIXTURES / "2023-06.csv").read_bytes()
CJK = re.compile(r"[\u4e00-\u9fff]")


def upload(root, data=JUNE, name="2023-06.csv"):
    update = updates.read_update(name, data, root)
    assert update.ok, [p.format() for p in update.problems]
    return update


def test_the_preview_names_indicators_months_items_and_figures_with_units(project_copy):
    update = upload(project_copy)
    table = words.change_table(preview.change_rows(update, load_project(project_copy)), update.kind, "zh")
    assert list(table.columns) == ["指标", "项目", "原值 → 新值", "变化", "月份"]  # what and old → new first (phones)
    gdp = table[table["指标"] == "地区生产总值"]
    assert gdp.values.tolist() == [
        ["地区生产总值", "累计值", "— → 480.3 亿元", "新增", "2023年6月"],
        ["地区生产总值", "累计增长", "— → 6.5%", "新增", "2023年6月"],
        ["地区生产总值", "全省排名", "— → 第5位", "新增", "2023年6月"],
        ["地区生产总值", "备注", "— → synthetic", "新增", "2023年6月"],
    ]
    shown = table.to_csv()
    assert "gdp" not in shown and "data/monthly" not in shown and "2023-06" not in shown  # no codes, no paths


def test_the_english_preview_has_no_chinese(project_copy):
    update = upload(project_copy, (CORPUS / "ok-utf8.csv").read_bytes(), "ok-utf8.csv")
    table = words.change_table(preview.change_rows(update, load_project(project_copy)), update.kind, "en")
    assert list(table.columns) == ["Indicator", "Item", "Old → new", "Change", "Month"]
    assert table.iloc[0].tolist() == [
        "Gross regional product",
        "Year-to-date value",
        "— → 480.3 (100 mn yuan)",
        "new",
        "Jun 2023",
    ]
    cells = table[table["Item"] != "Note"].to_csv()  # a note's text is the staff's own (上半年)
    assert not CJK.search(cells), cells


def test_a_changed_figure_reads_old_then_new_and_comes_first(real_with_months):
    data = JUNE.replace(
        b"gdp,\xe5\x9c\xb0\xe5\x8c\xba\xe7\x94\x9f\xe4\xba\xa7\xe6\x80\xbb\xe5\x80\xbc,2023-06,480.3,6.5,5",
        b"gdp,\xe5\x9c\xb0\xe5\x8c\xba\xe7\x94\x9f\xe4\xba\xa7\xe6\x80\xbb\xe5\x80\xbc,2023-06,480.3,7.2,5",
    )
    update = upload(real_with_months, data)
    table = words.change_table(preview.change_rows(update, load_project(real_with_months)), update.kind, "zh")
    assert table.iloc[0].tolist() == ["地区生产总值", "累计增长", "6.5% → 7.2%", "修改", "2023年6月"]
    assert set(table["变化"].iloc[1:]) == {"不变"}


@pytest.mark.slow
def test_the_effect_on_statuses_is_judged_by_the_same_rules_before_and_after(project_copy):
    update = upload(project_copy)
    effects = preview.status_effects(update, project_copy, load_project(project_copy))
    lines = words.effect_lines(effects, "zh")
    assert "应用后：固定资产投资 由 待更新 变为 落后（差 4.5 个百分点）" in lines
    assert "应用后：地区生产总值 由 待更新 变为 已达标（超出 0.5 个百分点）" not in lines  # 6.5 < 7: not met
    assert "应用后：地区生产总值 由 待更新 变为 接近目标（差 0.5 个百分点）" in lines
    assert lines[0].startswith("应用后：") and not (project_copy / "data/monthly/2023-06.csv").exists()
    # What the preview announced is what the pages show once the file is applied.
    updates.apply(update, project_copy, "张三")
    project = load_project(project_copy)
    judged = target_progress(connect(project), 2023, project.catalogue.region).set_index(
        ["indicator_id", "measure", "quote"]
    )
    for row in effects.itertuples():
        assert judged.loc[(row.indicator_id, row.measure, row.quote), "status"] == row.status


@pytest.mark.slow
def test_the_english_effect_line_and_an_update_that_moves_nothing(real_with_months):
    update = upload(real_with_months, (CORPUS / "ok-utf8.csv").read_bytes(), "ok-utf8.csv")  # June's figures again
    effects = preview.status_effects(update, real_with_months, load_project(real_with_months))
    assert words.effect_lines(effects, "zh") == ["应用后：各目标的状态与差距都不变。"]
    assert words.effect_lines(effects, "en") == ["After applying: no target changes status or gap."]
    fresh = upload(real_with_months, JUNE.replace(b"9.5,7", b"13.5,7"))
    lines = words.effect_lines(preview.status_effects(fresh, real_with_months, load_project(real_with_months)), "en")
    assert lines == ["After applying: Fixed-asset investment goes from Behind to Close (0.5 pp short)"]


@pytest.mark.slow
def test_a_target_that_keeps_its_status_says_how_its_gap_moved(real_with_months):
    fresh = upload(real_with_months, JUNE.replace(b"9.5,7", b"10.5,7"))
    lines = words.effect_lines(preview.status_effects(fresh, real_with_months, load_project(real_with_months)), "zh")
    assert lines == ["应用后：固定资产投资 仍为 落后（差 3.5 个百分点；此前差 4.5 个百分点）"]


def test_the_done_message_says_what_when_who_and_how_to_undo():
    entry = {
        "id": 3,
        "action": "apply",
        "user": "张三",
        "at": "2023-07-10T01:05:09+00:00",
        "kind": "monthly",
        "files": [{"path": "data/monthly/2023-06.csv"}],
        "changes": [{"column": c, "key": "k"} for c in ("value", "yoy_pct", "rank", "note")],
    }
    assert words.done_message(entry, "zh") == (
        "已完成：第 3 次更新已写入（2023-07-10 09:05（北京时间），操作人 张三）。写入 data/monthly/2023-06.csv，"
        "共 3 个数字、1 条备注。各页面已显示新数据，上传框已清空。"
    )
    assert words.done_message(entry, "en").startswith(
        "Done: update 3 was written (2023-07-10 09:05 (Beijing time), by 张三)"
    )
    assert words.undo_how("zh") == (
        "如需撤销：在下方“3. 更新记录”中勾选“我确认撤销最近一次更新”，再点“撤销最近一次更新”；"
        "或在命令行运行 `python -m loaders undo`。"
    )


def test_after_applying_the_page_says_done_clears_the_upload_and_refuses_the_same_file_twice(staff_app):
    at, root = staff_app
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    at.file_uploader(key="upload").upload("2023-06.csv", JUNE).run()
    table = at.dataframe[0].value  # the preview (no history yet)
    assert "固定资产投资" in table["指标"].tolist() and "2023年6月" in table["月份"].tolist()
    effects = [m.value for m in at.markdown if "应用后：" in m.value][0]
    assert "应用后：固定资产投资 由 待更新 变为 落后（差 4.5 个百分点）" in effects
    at.button(key="apply").click().run()
    assert not at.exception, [e.message for e in at.exception]
    done = at.success[0].value
    assert done.startswith("已完成：第 1 次更新已写入（") and "（北京时间），操作人 张三）" in done
    assert "写入 data/monthly/2023-06.csv，共 23 个数字、10 条备注" in done and "python -m loaders undo" in done
    assert at.file_uploader(key="upload_1").value is None  # the upload is cleared: a new, empty box
    assert ["指标" not in d.value.columns for d in at.dataframe] == [True]  # only the history is left
    at.file_uploader(key="upload_1").upload("copy.csv", JUNE).run()  # the same content under another name
    assert at.button(key="apply").disabled
    assert [c.value for c in at.caption if "不能重复应用" in c.value][0].startswith("这个文件已于 ")
    assert [e["id"] for e in updates.history(root)] == [1]


def test_a_file_that_changes_nothing_cannot_be_applied(staff_app):
    at, root = staff_app
    sign_in(at)
    cli(root, "import", "ok-utf8.csv", "--apply", "--user", "李四")
    at.switch_page("pages/maintenance.py").run()
    same = (CORPUS / "ok-utf8.csv").read_bytes() + b"\n"  # the figures already there, in a file never applied
    at.file_uploader(key="upload").upload("other.csv", same).run()
    assert at.button(key="apply").disabled
    assert "文件中的内容与现有数据相同，没有需要应用的修改。" in [c.value for c in at.caption]


@pytest.mark.slow
def test_the_history_command_speaks_the_interfaces_language(project_copy):
    cli(project_copy, "import", "ok-utf8.csv", "--apply", "--user", "张三")
    cli(project_copy, "undo", "--user", "李四")
    zh = cli(project_copy, "history").stdout.splitlines()
    assert (
        zh[1].startswith("#2  ")
        and "（北京时间）  李四  撤销  撤销第 1 次更新  data/monthly/2023-06.csv  （0 处改动）" in zh[1]
    )
    assert "  张三  应用  ok-utf8.csv  data/monthly/2023-06.csv  （7 处改动）" in zh[0]
    assert not re.search(r"[A-Za-z]+ #|undo|apply|changes", "\n".join(zh))
    en = cli(project_copy, "--lang", "en", "history").stdout.splitlines()
    assert "(Beijing time)  李四  undo  undo of #1  data/monthly/2023-06.csv  (0 changes)" in en[1]


def test_the_template_checks_ranks_and_figures_and_locks_what_staff_must_not_change(project_copy):
    project = load_project(project_copy)
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(project, "2023-06")))
    sheet = book["2023-06"]
    assert [c.value for c in sheet[2]] == HEADER
    rules = {str(v.sqref).split(":")[0][0]: v for v in sheet.data_validations.dataValidation}
    letter = {name: openpyxl.utils.get_column_letter(n) for n, name in enumerate(HEADER, start=1)}
    rank = rules[letter["全省排名"]]
    assert (rank.type, rank.operator, rank.formula1, rank.formula2) == (
        "whole",
        "between",
        "1",
        str(project.regions.count),
    )
    assert rank.showErrorMessage and "1 到 16 的整数" in rank.error
    for name in ("累计值", "累计增长(%)"):
        assert rules[letter[name]].type == "decimal" and rules[letter[name]].allow_blank
    assert sheet.protection.sheet
    row = 3
    locked = {name: sheet[f"{letter[name]}{row}"].protection.locked for name in HEADER}
    assert [n for n, is_locked in locked.items() if not is_locked] == ["累计值", "累计增长(%)", "全省排名", "备注"]
    assert (
        sheet[f"{letter['指标名称']}{row}"].value == "地区生产总值" and sheet[f"{letter['单位']}{row}"].value == "亿元"
    )


def test_the_template_shows_last_months_figures_and_comes_back_through_the_importer(real_with_months):
    project = load_project(real_with_months)
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(project, "2023-09")))
    sheet = book["2023-09"]
    gdp = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == "gdp")
    assert gdp[8:] == ("2023-06", "480.3", "6.5", "5")  # the latest earlier figures, beside the row, read-only
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == "gdp":
            row[4].value, row[5].value, row[6].value = 700.1, 6.8, 4  # what staff type; nothing else is touched
        elif row[0].value == "cpi":
            row[5].value = 1.1
        else:
            row[0].value = None  # rows without a figure this month are deleted (here: emptied)
            for cell in row[1:]:
                cell.value = None
    filled = io.BytesIO()
    book.save(filled)
    update = updates.read_update("月度数据模板-2023-09.xlsx", filled.getvalue(), real_with_months)
    assert update.ok, [p.format() for p in update.problems]
    assert {(f.indicator_id, f.measure): f.value for f in update.facts} == {
        ("gdp", "level"): 700.1,
        ("gdp", "yoy_pct"): 6.8,
        ("gdp", "rank"): 4,
        ("cpi", "yoy_pct"): 1.1,
    }
    lines = template_csv(project, "2023-09").decode("utf-8-sig").splitlines()
    lines = [lines[0]] + [line.replace(",2023-09,,,,,", ",2023-09,1,2,3,,") for line in lines[1:2]]
    update = updates.read_update("t.csv", "\n".join(lines).encode("utf-8-sig"), real_with_months)
    assert update.ok, [p.format() for p in update.problems]  # the helper columns (上期…) are ignored


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sources_page_lists_each_source_in_the_interfaces_language_only(lang, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from loaders.project import ROOT

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if lang == "en":
        at.radio(key="lang").set_value("English").run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    listed = "\n".join(m.value for m in at.markdown if "**" in m.value)
    assert "统计年鉴" in listed if lang == "zh" else "Statistical Yearbook" in listed
    if lang == "zh":
        assert "Wikipedia" not in listed and "中文维基百科" in listed
    else:
        assert not CJK.search(listed), listed
