"""Another place, another year: a folder of data files alone sets the rank range, the wording and the main targets."""

from __future__ import annotations

from pathlib import Path

from conftest import RESULTS
from loaders.project import load_project

NATION = "province: 全国\nprovince_en: China\ndivision_zh: 省（区、市）\ndivision_en: provinces\nregions:\n" + "".join(
    f"  - {{name: 省{n}, name_en: Province {n}}}\n" for n in range(1, 32)
).replace("省1,", "临沧市,", 1)


def messages(root) -> list[str]:
    return [p.format() for p in load_project(root).problems]


def test_a_rank_of_twenty_is_accepted_among_thirty_one_regions(mini):
    (mini / "data/regions.yaml").write_text(NATION, encoding="utf-8")
    (mini / "data/report_results.csv").write_text(
        RESULTS.replace("gdp,2022,rank,6", "gdp,2022,rank,6"), encoding="utf-8"
    )
    (mini / "data/monthly/2023-03.csv").write_text(
        "indicator_id,period,value,yoy_pct,rank,note\ngdp,2023-03,,,20,\n", encoding="utf-8"
    )
    project = load_project(mini)
    assert project.ok, [p.format() for p in project.problems]
    assert project.regions.count == 31 and project.regions.within() == "全国"


def test_a_rank_beyond_the_regions_listed_names_the_regions_file(mini):
    (mini / "data/monthly/2023-03.csv").write_text(
        "indicator_id,period,value,yoy_pct,rank,note\ngdp,2023-03,,,20,\n", encoding="utf-8"
    )
    assert messages(mini) == [
        "data/monthly/2023-03.csv:2: 排名“20”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；"
        "排名更多地区时请在该文件中列出它们）"
    ]


def test_a_missing_regions_file_says_what_to_create(mini):
    (mini / "data/regions.yaml").unlink()
    found = messages(mini)
    assert found[0].startswith("data/regions.yaml: 找不到地区对照表：请建立此文件")
    assert "Errno" not in "".join(found)


def test_the_main_targets_are_the_flagged_categorys_not_a_fixed_id(mini):
    catalogue = (mini / "indicators.yaml").read_text(encoding="utf-8")
    (mini / "indicators.yaml").write_text(
        catalogue.replace("id: main,", "id: headline,")
        .replace("section: main", "section: headline")
        .replace("category: main", "category: headline"),
        encoding="utf-8",
    )
    project = load_project(mini)
    assert project.ok and project.catalogue.main_sections == ("headline",)


def test_a_report_without_a_main_category_is_told_how_to_flag_one(mini):
    catalogue = (mini / "indicators.yaml").read_text(encoding="utf-8")
    (mini / "indicators.yaml").write_text(catalogue.replace(", main: true}", "}"), encoding="utf-8")
    assert messages(mini) == [
        "indicators.yaml:10: 没有标明主要预期目标的分类：请在放主要预期目标的分类上写 main: true"
        "（如 {id: …, part: tasks, main: true, name_zh: 主要预期目标, …}）"
    ]


# --- every page on a folder with data files only: no ranks, no monthly or provincial files, no documents ---------

import pytest  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from loaders.project import ROOT  # noqa: E402
from pages.registry import VIEWER_PAGES  # noqa: E402


def bare_folder(root):
    """The mini project without a single rank (no ranks in the results, no rank measure declared)."""
    results = "".join(line for line in RESULTS.splitlines(keepends=True) if ",rank," not in line)
    (root / "data/report_results.csv").write_text(results, encoding="utf-8")
    catalogue = (root / "indicators.yaml").read_text(encoding="utf-8")
    (root / "indicators.yaml").write_text(
        catalogue.replace("[level, yoy_pct, rank]", "[level, yoy_pct]").replace(
            "measures: [rank]", "measures: [level]"
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture
def bare_app(mini, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(bare_folder(mini)))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_pages_of_absent_documents_leave_the_menu_and_the_rest_render(bare_app):
    registered = {p.file for p in VIEWER_PAGES if p.needs is None}
    for file in sorted(registered):
        bare_app.switch_page(file).run()
        assert not bare_app.exception, (file, [e.message for e in bare_app.exception])
        assert bare_app.title[0].value, file
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        bare_app.switch_page("pages/foodsafety.py")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        bare_app.switch_page("pages/rehab.py")


def test_the_rankings_page_without_ranks_says_so_and_words_the_regions_from_the_region_list(bare_app):
    bare_app.switch_page("pages/rankings.py").run()
    assert bare_app.title[0].value == "排名（云南省16个地区，第1为最好）"
    assert bare_app.info[0].value.startswith("本套数据还没有排名")
    assert "16个州" not in bare_app.title[0].value


def test_the_browser_tab_is_named_after_the_folders_place():
    from charts.i18n import t

    assert t("app_title", place="某省") == "某省政府工作报告指标看板"
    assert "临沧" not in (ROOT / "dashboard.py").read_text(encoding="utf-8")


@pytest.mark.slow  # bash scripts/run.sh, a fresh interpreter
def test_run_sh_checks_the_folder_dashboard_root_names(mini, tmp_path):
    """scripts/run.sh with its setup replaced by a stub (no .venv, no install): the validation it runs is of the
    folder DASHBOARD_ROOT names, and a broken folder stops it before Streamlit starts."""
    import os
    import subprocess
    import sys

    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / "scripts/run.sh").write_text((ROOT / "scripts/run.sh").read_text(encoding="utf-8"), encoding="utf-8")
    (checkout / "scripts/setup.sh").write_text(
        f'python() {{ PYTHONPATH="{ROOT}" "{sys.executable}" "$@"; }}\nstreamlit() {{ echo "streamlit started"; }}\n',
        encoding="utf-8",
    )
    (mini / "data/report_results.csv").write_text(
        RESULTS.replace("gdp,2022,rank,6", "gdp,2022,rank,40"), encoding="utf-8"
    )
    env = os.environ | {"DASHBOARD_ROOT": str(mini)}
    run = subprocess.run(["bash", str(checkout / "scripts/run.sh")], capture_output=True, text=True, env=env, cwd=mini)
    assert run.returncode == 1
    assert "排名“40”应为 1–16 的整数" in run.stdout and "streamlit started" not in run.stdout


@pytest.mark.slow  # bash scripts/run.sh, a fresh interpreter
def test_run_sh_builds_the_store_before_the_app_starts(mini, tmp_path):
    """The same stubbed run.sh on a valid folder: the store of this version is built (by a process that exits, so
    the app only opens it) before Streamlit starts."""
    import os
    import subprocess
    import sys

    from loaders.project import fingerprint
    from loaders.shared_store import store_path

    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / "scripts/run.sh").write_text((ROOT / "scripts/run.sh").read_text(encoding="utf-8"), encoding="utf-8")
    (checkout / "scripts/setup.sh").write_text(
        f'python() {{ PYTHONPATH="{ROOT}" "{sys.executable}" "$@"; }}\n', encoding="utf-8"
    )
    (checkout / "bin").mkdir()
    (checkout / "bin/streamlit").write_text(  # run.sh ends with `exec streamlit`: a program, not a shell function
        f'#!/bin/sh\ntest -f "{store_path(mini, fingerprint(mini))}" && echo "streamlit started on a built store"\n',
        encoding="utf-8",
    )
    (checkout / "bin/streamlit").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_STORE"} | {
        "DASHBOARD_ROOT": str(mini),
        "PATH": f"{checkout / 'bin'}{os.pathsep}{os.environ['PATH']}",
    }
    run = subprocess.run(["bash", str(checkout / "scripts/run.sh")], capture_output=True, text=True, env=env, cwd=mini)
    assert run.returncode == 0, run.stderr
    assert "streamlit started on a built store" in run.stdout


# --- messages met while setting up a new folder: one message each, with file, line and fix ----------------------


def test_a_wrong_end_marker_is_one_message_not_one_per_quote(mini):
    sources = (mini / "data/sources/sources.yaml").read_text(encoding="utf-8")
    (mini / "data/sources/sources.yaml").write_text(
        sources.replace("ends_with: 报告结束", "ends_with: 报告完毕"), encoding="utf-8"
    )
    assert messages(mini) == [
        "data/sources/sources.yaml:11: 来源 report：ends_with 在文件 report.txt 中找不到：请从文件中逐字复制"
        "该文件结尾的一句（可忽略换行）；引用此来源的事实在它改正后才检查"
    ]


def test_a_level_not_in_its_quote_points_at_the_unit_column(mini):
    (mini / "data/report_results.csv").write_text(
        RESULTS.replace("rural_roads,2022,level,1600,", "rural_roads,2022,level,16000000,"), encoding="utf-8"
    )
    assert messages(mini) == [
        "data/report_results.csv:8: 指标 rural_roads 的数值 16000000 不在其引文中：请核对数值或引文；"
        "若原文用了另一量级（如“突破5万亿元”而指标单位是亿元），数值照原文写（5），并在 unit 列写原文的单位（万亿元）"
    ]


def test_an_unknown_comparator_lists_the_words_of_each_symbol_and_maps_a_word_written_instead(mini):
    (mini / "data/report_results.csv").write_text(
        RESULTS.replace("rural_roads,2022,level,1600,>=", "rural_roads,2022,level,1600,左右"), encoding="utf-8"
    )
    assert messages(mini) == [
        "data/report_results.csv:8: 指标 rural_roads：字段“comparator”的取值“左右”无效，可选：>=（以上、不低于、突破、超过）、"
        "<=（以内、不超过、控制在）、~（左右）、=（无限定词，如“实现/完成 N”）、sync（同步）、scope（任务范围，不判断完成状态，如“推进17个片区”“落实29条措施”）；是否想写“~”？"
    ]


def test_an_unknown_section_lists_the_categories_and_suggests_the_nearest(mini):
    (mini / "data/report_results.csv").write_text(
        RESULTS.replace("rural_roads,2022,level,1600,>=,review", "rural_roads,2022,level,1600,>=,reveiw"),
        encoding="utf-8",
    )
    assert messages(mini) == [
        "data/report_results.csv:8: 指标 rural_roads：字段“section”的取值“reveiw”无效，可选：review、headline"
        "；是否想写“review”？".replace("headline", "main")
    ]


# --- onboarding commands: new and coverage ------------------------------------------------------------------------


def run_cli(*args, cwd=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, cwd=cwd or ROOT)


@pytest.mark.slow  # fresh interpreters
def test_new_writes_a_minimal_folder_that_validate_accepts_and_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "province"
    made = run_cli("new", str(folder), "--region", "某省", "--province", "全国", "--report-year", "2024")
    assert made.returncode == 0, made.stderr
    assert (folder / "README.md").read_text(encoding="utf-8").startswith("# 某省政府工作报告指标看板")
    assert "main: true" in (folder / "indicators.yaml").read_text(encoding="utf-8")
    checked = run_cli("--root", str(folder), "validate")
    assert checked.returncode == 0 and checked.stdout.startswith("通过：0 个指标"), checked.stdout
    again = run_cli("new", str(folder), "--region", "某省", "--province", "全国", "--report-year", "2024")
    assert again.returncode == 1 and "已存在，未写入任何文件" in again.stderr


@pytest.mark.slow  # fresh interpreters
def test_coverage_lists_a_number_that_is_neither_a_fact_nor_listed_with_its_line(mini):
    import os
    import subprocess
    import sys

    report = mini / "data/sources/report.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace("报告结束", "新建学校12所。\n报告结束"), encoding="utf-8"
    )
    env = os.environ | {"PYTHONPATH": str(ROOT)}

    def coverage():
        return subprocess.run(
            [sys.executable, "-m", "loaders", "--root", ".", "coverage"],
            capture_output=True,
            text=True,
            cwd=mini,
            env=env,
        )

    listed = coverage()
    assert listed.returncode == 1
    assert listed.stdout.splitlines() == [
        "data/sources/report.txt:9: 数字“12”（…值能耗降低2%。新建学校12所。报告结束…）既不在任何事实的引文中，也未列入 "
        "data/numbers_not_facts/report.csv：请把它编目为事实，或在该文件中加一行 text,reason 说明为何不是事实"
    ]
    (mini / "data/numbers_not_facts").mkdir()
    (mini / "data/numbers_not_facts/report.csv").write_text(
        "text,reason\n新建学校12所,not catalogued in this test\n", encoding="utf-8"
    )
    assert coverage().returncode == 0


# --- successive years of one place: a synthetic second report (tests/fixtures/second-report, tests only) ----------

SECOND = Path(__file__).parent / "fixtures" / "second-report"
SECOND_SOURCE = """\
  - id: report2024
    kind: document
    title_zh: 测试报告（合成，第二年）
    title_en: Test report (synthetic, second year)
    issuer_zh: 测试市人民政府
    issuer_en: Test city government
    date: 2024-02-01
    file: report-2024.txt
    starts_with: 第二份报告正文
    ends_with: 第二份报告结束
"""
SECOND_TARGET = """      - {year: 2024, measure: yoy_pct, comparator: ">=", value: 6, section: main, source: report2024, quote: 地区生产总值增长6%以上}
"""
SECOND_RESULTS = (
    "gdp,2023,yoy_pct,5.1,,review,2023年，地区生产总值增长5.1%，增速排名全省第4位,,report2024,\n"
    "gdp,2023,rank,4,,review,2023年，地区生产总值增长5.1%，增速排名全省第4位,,report2024,\n"
    "urban_income,2023,yoy_pct,4.5,~,review,城镇常住居民人均可支配收入增长4.5%左右,,report2024,\n"
    "rural_roads,2023,level,2,>=,review,农村公路建设里程突破2万公里,,report2024,万公里\n"
)
SECOND_MORE_TARGETS = {
    "urban_income": '      - {year: 2024, measure: yoy_pct, comparator: ">=", value: 5, section: main, source: report2024, '
    "quote: 城镇常住居民人均可支配收入增长5%以上}\n",
    "rural_roads": '    targets:\n      - {year: 2024, measure: level, comparator: "=", value: 2.2, unit: 万公里, section: main, '
    "source: report2024, quote: 农村公路建设里程达2.2万公里}\n",
}


def with_second_report(root: Path) -> Path:
    """The mini project plus a synthetic 2024 report: 2023's results and a 2024 target for GRP."""
    import shutil

    shutil.copy(SECOND / "report-2024.txt", root / "data/sources/report-2024.txt")
    sources = root / "data/sources/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + SECOND_SOURCE, encoding="utf-8")
    catalogue = root / "indicators.yaml"
    text = catalogue.read_text(encoding="utf-8")
    gdp_target = '      - {year: 2023, measure: yoy_pct, comparator: ">=", value: 7, section: main, quote: 地区生产总值增长7%以上}\n'
    text = text.replace(gdp_target, gdp_target + SECOND_TARGET)
    income_target = "quote: 城乡常住居民人均可支配收入与经济增长同步}\n"
    text = text.replace(income_target, income_target + SECOND_MORE_TARGETS["urban_income"])
    text = text.replace(
        "    unit: 公里\n    category: review\n",
        "    unit: 公里\n    category: review\n" + SECOND_MORE_TARGETS["rural_roads"],
    )
    catalogue.write_text(text, encoding="utf-8")
    results = RESULTS.replace("quote,note\n", "quote,note,source,unit\n")
    results = "\n".join(line + ",," if line and not line.endswith("unit") else line for line in results.split("\n"))
    (root / "data/report_results.csv").write_text(results + SECOND_RESULTS, encoding="utf-8")
    return root


def test_a_folder_with_two_reports_has_both_years_and_2023s_final_result_from_the_next_report(mini):
    from loaders import store
    from loaders.progress import record

    project = load_project(with_second_report(mini))
    assert project.ok, [p.format() for p in project.problems]
    con = store.connect(project)
    assert store.report_years(con) == [2023, 2024]
    assert store.report_source(con, 2024) == "report2024"
    rows = record(con, "临沧市", "gdp", [2023, 2024])
    assert rows[["year", "target", "actual_period", "final", "status"]].values.tolist() == [
        [2023, 7.0, "2023", True, "behind"],
        [2024, 6.0, None, False, "pending"],
    ]
    assert rows["actual"].iloc[0] == 5.1 and rows["actual"].isna().iloc[1]


@pytest.fixture
def two_reports_app(mini, monkeypatch):
    monkeypatch.setenv("DASHBOARD_ROOT", str(with_second_report(mini)))
    st.cache_data.clear()
    st.cache_resource.clear()
    return mini


def test_the_dashboard_opens_on_the_newest_report_and_year_in_the_url_shows_an_earlier_one(two_reports_app):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception and at.title[0].value == "2024年主要预期目标"
    assert at.sidebar.selectbox(key="report_year").options == ["2024年报告", "2023年报告"]
    earlier = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    earlier.query_params["year"] = "2023"
    earlier.run()
    assert not earlier.exception and earlier.title[0].value == "2023年主要预期目标"


def test_the_progress_page_shows_the_record_across_years_with_the_final_result_marked(two_reports_app):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["indicator"] = "gdp"
    at.run()
    at.switch_page("pages/progress.py").run()
    assert not at.exception, [e.message for e in at.exception]
    table = next(d.value for d in at.dataframe if "年份" in d.value.columns)
    assert table["年份"].tolist() == ["2023", "2024"]
    assert table["实绩"].tolist() == ["5.1%", "尚无"]
    assert table["实绩依据"].tolist()[0] == "全年实绩（定数）"


def test_qualifiers_of_results_show_as_printed_and_levels_in_the_indicators_unit(two_reports_app):
    """出口增长11%以上-style results keep 以上/左右/突破 on the cards, the chart's labels and hover, the tables and
    the deck's notes; 突破2万公里 shows in the indicator's unit (公里)."""
    from charts import standard

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    cards = {m.label + " " + m.value for m in at.metric}
    assert "2023年实绩（参考） 4.5%左右" in cards
    assert "2023年实绩（参考） 突破20,000 公里" in cards
    project = load_project(two_reports_app)
    from loaders import store
    from loaders.progress import target_progress

    ctx = standard.basis(project, store.connect(project))
    chart = standard.main_targets(ctx, target_progress(ctx.con, ctx.year, ctx.region))
    last_year = list(chart.figure.data[0].customdata)  # the faint dots of last year's results: their hover
    assert "4.5%左右" in last_year and "5.1%" in last_year
    assert "2023年增长 4.5%左右" in chart.notes


def test_figures_swapped_within_a_respectively_clause_are_refused(real_with_months, monkeypatch):
    """基本养老保险、基本医疗保险参保人数分别达163.36万人、228.61万人: the first figure is the pension's."""
    monkeypatch.chdir(real_with_months)
    results = real_with_months / "data/report_results.csv"
    text = results.read_text(encoding="utf-8")
    swapped = (
        text.replace("pension_insured,2022,level,163.36", "pension_insured,2022,level,TEMP")
        .replace("medical_insured,2022,level,228.61", "medical_insured,2022,level,163.36")
        .replace("pension_insured,2022,level,TEMP", "pension_insured,2022,level,228.61")
    )
    assert swapped != text
    results.write_text(swapped, encoding="utf-8")
    found = [p.format() for p in load_project(real_with_months).problems if "分别" in p.zh]
    assert len(found) == 2
    assert found[0].startswith(
        "data/report_results.csv:104: 指标 pension_insured 的数值 228.61 在“分别”句中是第 2 个数，"
        "而该指标是“分别”前第 1 个被提到的：按顺序应为 163.36"
    )


def test_a_repeated_row_of_a_respectively_clause_is_reported_not_a_crash(real_with_months, monkeypatch):
    """The same 分别 row twice (a staff member pasted it again): one duplicate message, no TypeError."""
    monkeypatch.chdir(real_with_months)
    results = real_with_months / "data/report_results.csv"
    rows = results.read_text(encoding="utf-8").splitlines(keepends=True)
    pension = next(r for r in rows if r.startswith("pension_insured,2022,level,"))
    results.write_text("".join(rows) + pension, encoding="utf-8")
    found = [p.format() for p in load_project(real_with_months).problems if p.severity == "error"]
    assert len(found) == 1 and "重复：pension_insured 2022 level" in found[0]
