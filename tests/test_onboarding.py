"""One route from a report file to a reviewed folder: `new DIR … --report FILE` drafts into the folder it makes (a
Word file built here), the regions file comes from China's administrative divisions, the draft validates as it is,
ranks of another scope keep it, the dashboard opens on the report's year, viewers see no review notes, and a next
year's report joins the existing indicators. The report texts are invented for these tests."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import docx
import pytest
import streamlit as st
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from loaders import divisions, store
from loaders.cli import main
from loaders.extract import extract
from loaders.extract.draft import Meta
from loaders.extract.review import added_year_files, problems_after
from loaders.progress import record
from loaders.project import ROOT, load_project
from loaders.readers.regions import load_regions

REPORT = """政府工作报告
一、2023年工作回顾
全州地区生产总值达到1680.5亿元，增长4.8%，增速排名全省第3位。区域创新能力居西部第1位。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；社会消费品零售总额增长7%；城镇新增就业3.2万人。
到2027年，地区生产总值突破2000亿元。
"""
# A next year's report of the shipped place, to add to the shipped 2023 catalogue.
NEXT_YEAR = """政府工作报告
一、2023年工作回顾
全市地区生产总值达到1085.6亿元，增长5.1%，增速排名全省第4位。固定资产投资增长8.3%。
二、2024年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；固定资产投资增长8%；新建茶叶初制所12个。
"""


def run(*argv) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue() + err.getvalue()


def word_file(path: Path, text: str) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)
    return path


@pytest.fixture
def drafted(tmp_path) -> Path:
    folder = tmp_path / "dali-2024"
    report = word_file(tmp_path / "报告.docx", REPORT)
    code, out = run(
        "new", folder, "--region", "大理州", "--province", "云南省", "--report-year", 2024, "--report", report
    )
    assert code == 0, out
    return folder


def test_the_division_table_gives_the_shipped_sixteen_prefectures_of_yunnan():
    shipped, _ = load_regions(ROOT / "data/regions.yaml")
    made = divisions.ranked_among("临沧市", "云南省")
    assert [r.name for r in made.regions] == list(shipped.names)
    for region in made.regions:  # every alias made is one the shipped file has (it also has 版纳, by custom)
        assert {a for a, name in shipped.aliases.items() if name == region.name} >= set(region.aliases)
    dali = next(r for r in made.regions if r.name == "大理州")
    assert dali.aliases == ["大理白族自治州", "大理"]
    assert made.within_zh == "云南省" and made.division_zh == "州（市）"


def test_a_province_is_ranked_among_the_31_and_a_county_among_its_citys_counties():
    provinces = divisions.ranked_among("湖北省", "全国")
    assert len(provinces.regions) == 31 and provinces.within_zh == "全国"
    assert next(r for r in provinces.regions if r.name == "内蒙古自治区").aliases == ["内蒙古"]
    counties = divisions.ranked_among("双江县", "临沧市")
    assert counties.within_zh == "临沧市" and len(counties.regions) == 8
    assert counties.regions[5].name == "双江县" and "双江拉祜族佤族布朗族傣族自治县" in counties.regions[5].aliases
    assert divisions.ranked_among("青禾省", "全国") is None  # not a division: `new` lists the place alone


def test_a_word_report_becomes_a_folder_that_validates_as_it_is(drafted):
    code, out = run("--root", drafted, "validate")
    assert code == 0, out
    assert "待审核：review.csv 中还有" in out and "行草稿未审核" in out  # the review state, counted for staff
    project = load_project(drafted)
    assert project.regions.count == 16 and project.regions.canonical("大理白族自治州") == "大理州"
    assert sorted(p.name for p in (drafted / "data/sources").iterdir()) == ["gwr-2024.txt", "sources.yaml"]
    gdp = project.catalogue.indicators["gdp"]  # the standard vocabulary's id and English name
    assert gdp.name_en == "Gross regional product"
    ranks = {(f.indicator_id, f.value) for f in project.facts if f.measure == "rank"}
    assert ("gdp", 3) in ranks  # 全省第3位: among the regions file's 16
    western = next(i for i in project.catalogue.indicators.values() if i.rank_scope)
    assert western.rank_scope == "西部" and "西部" in western.name_zh and (western.id, 1) in ranks
    con = store.connect(project)
    assert list(store.rank_table(con, "大理州")["indicator_id"]) == ["gdp"]  # 西部第1位 stays off the rank chart
    # the report's year, not its largest (到2027年): the dashboard opens on 2024
    assert any(f.period == "2027" and f.scenario == "target" for f in project.facts)
    assert store.report_years(con) == [2024]


def test_extract_out_drafts_into_a_folder_new_made_and_refuses_a_filled_one(tmp_path):
    folder = tmp_path / "dali"
    assert run("new", folder, "--region", "大理州", "--province", "云南省", "--report-year", 2024)[0] == 0
    report = word_file(tmp_path / "report.docx", REPORT)
    code, out = run("extract", report, "--region", "大理州", "--report-year", 2024, "--out", folder)
    assert code == 0, out
    assert run("--root", folder, "validate")[0] == 0
    assert load_project(folder).regions.count == 16
    assert "全州地区生产总值达到1680.5亿元" in (folder / "data/sources/gwr-2024.txt").read_text(encoding="utf-8")
    code, out = run("extract", report, "--region", "大理州", "--report-year", 2024, "--out", folder)
    assert code == 1 and "不是 new 刚建好的空文件夹" in out


def page_text(at) -> str:
    """Every element's content on the page, sidebar included, as readable text."""
    texts = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.append(text_format.MessageToString(proto, as_utf8=True))
            if getattr(proto, "spec", ""):  # a chart: its JSON, hovers included, with Chinese unescaped
                texts.append(json.dumps(json.loads(proto.spec), ensure_ascii=False))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(texts)


def test_viewers_see_no_review_notes_and_english_says_once_what_is_untranslated(drafted, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(drafted))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "2024年主要预期目标"  # the report's year, not 2027
    shown = page_text(at)
    assert "地区生产总值" in shown and "待审核" not in shown and "confidence" not in shown
    at.sidebar.radio(key="lang").set_value("English").run()
    shown = page_text(at)
    assert shown.count("without an English name") == 1 and "to translate" not in shown
    assert "Gross regional product" in shown


def test_a_next_years_report_joins_the_shipped_indicators(project_copy):
    project = load_project(project_copy)
    draft = extract(NEXT_YEAR, "临沧市", 2024, project.regions.aliases)
    meta = Meta("临沧市", 2024, "next.txt", source_id="gwr-2024")
    files = added_year_files(project_copy, draft, meta, NEXT_YEAR)
    assert not problems_after(project_copy, files)
    for relative, data in files.items():
        (project_copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (project_copy / relative).write_bytes(data)
    after = load_project(project_copy)
    assert after.ok, [p.format("en") for p in after.problems][:5]
    added = set(after.catalogue.indicators) - set(project.catalogue.indicators)
    assert [after.catalogue.indicators[i].name_zh for i in added] == ["新建茶叶初制所"]  # only the new one
    con = store.connect(after)
    assert store.report_years(con) == [2023, 2024]
    gdp = record(con, "临沧市", "gdp", [2023, 2024])
    assert list(gdp["year"]) == [2023, 2024] and list(gdp["target"]) == [7, 6]
    # 2023's target is met or missed by the next report's result for 2023 (5.1%), a final figure
    assert gdp["actual"].iloc[0] == 5.1 and bool(gdp["final"].iloc[0])
    assert "y2024_main_targets" in after.catalogue.main_sections


def test_rows_marked_reviewed_leave_the_count(drafted):
    review = (drafted / "review.csv").read_text(encoding="utf-8")
    assert run("--root", drafted, "validate")[1].count("行草稿未审核") == 1
    (drafted / "review.csv").write_text(review.replace(",待审核\n", ",已审核\n"), encoding="utf-8")
    code, out = run("--root", drafted, "validate")
    assert code == 0 and "未审核" not in out
