"""Every page runs in Streamlit's AppTest without raising, on the shipped data and with monthly figures, and
responds to the control a user would touch."""

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders.project import ROOT
from pages.registry import VIEWER_PAGES

ENTRY = str(ROOT / "dashboard.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    # Caches live for the whole pytest process; each test starts from the files.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def open_page(file=None, lang=None, query=None) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if lang:
        at.sidebar.radio(key="lang").set_value(lang).run()
    if file:
        at.switch_page(file).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def chart(at, n=0) -> dict:
    return json.loads(at.get("plotly_chart")[n].proto.spec)


def markdown_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize("page", VIEWER_PAGES, ids=[p.url_path for p in VIEWER_PAGES])
def test_every_page_runs_on_the_shipped_data(page):
    at = open_page(page.file)
    assert at.title[0].value
    assert bool(at.get("plotly_chart")) == page.has_chart


@pytest.mark.parametrize("page", VIEWER_PAGES, ids=[p.url_path for p in VIEWER_PAGES])
def test_every_page_runs_with_monthly_figures_in_both_languages(page, real_with_months):
    for lang in (None, "English"):
        open_page(page.file, lang)


def test_overview_without_monthly_data_shows_last_years_results_and_no_status():
    at = open_page()
    assert at.title[0].value == "2023年主要预期目标"
    assert "尚无2023年的月度数据" in at.info[0].value
    assert [m.label for m in at.metric] == ["2022年实绩（参考）"] * 11
    gdp = next(m for m in at.metric if m.value == "4.7%")
    assert gdp.proto.delta == ""  # no gap and no status before a 2023 figure exists
    links = [link.proto.label for link in at.get("page_link")]
    assert all("待更新" in link for link in links) and len(links) == 11


def test_overview_with_monthly_data_puts_behind_target_cards_first(real_with_months):
    at = open_page()
    cards = [link.proto.label for link in at.get("page_link")]
    assert cards[0].endswith("**固定资产投资**") and "落后" in cards[0]
    assert "待更新" in cards[-1] and "单位地区生产总值能耗" in cards[-1]
    assert at.metric[0].value == "9.5%" and at.metric[0].label == "2023年1–6月累计"
    assert not at.info  # there are monthly figures: no 'no data' notice


def test_overview_chart_carries_its_source_and_hover_sentences():
    spec = chart(open_page())
    assert spec["layout"]["title"]["text"].startswith("2023年主要目标（尚无2023年数据，灰点为2022年实绩）")
    assert "来源：临沧市政府工作报告（2023年2月10日）" in spec["layout"]["title"]["text"]
    assert ["增长7%以上", "地区生产总值增长7%以上"] in spec["data"][1]["customdata"]


def test_switching_to_english_changes_labels_and_names():
    at = open_page(lang="English")
    assert at.title[0].value == "Main targets for 2023"
    assert any("Gross regional product" in link.proto.label for link in at.get("page_link"))


def test_growth_page_filters_by_category():
    at = open_page("pages/growth.py")
    everything = len(chart(at)["data"][0]["y"])
    at.multiselect(key="category").select("主要经济指标").run()
    economy = chart(at)["data"][0]["y"]
    assert len(economy) < everything and "地区生产总值<br>2022年第6位" in economy and "居民消费价格" not in economy


def test_progress_page_follows_the_chosen_indicator(real_with_months):
    at = open_page("pages/progress.py")
    assert chart(at)["layout"]["title"]["text"].startswith("地区生产总值：2023年累计增长与目标")
    at.selectbox(key="indicator_choice").select("cpi").run()
    spec = chart(at)
    assert spec["layout"]["title"]["text"].startswith("居民消费价格：2023年累计增长与目标")
    assert [s["y0"] for s in spec["layout"]["shapes"] if s["type"] == "rect"] == [2.5]  # 3%左右 as a band
    assert at.metric[0].value == "✔ 已达标"


def test_progress_page_opens_on_the_indicator_named_in_the_link_and_writes_its_choice_back():
    at = open_page("pages/progress.py", query={"indicator": "retail_sales"})
    assert at.selectbox(key="indicator_choice").value == "retail_sales"
    at.selectbox(key="indicator_choice").select("cpi").run()
    assert at.query_params["indicator"] == "cpi"


def test_rankings_page_compares_all_sixteen_prefectures():
    at = open_page("pages/rankings.py")
    assert "临沧市2022地区生产总值居全省第11位（共16个）；增速居全省第6位" in markdown_text(at)
    at.selectbox(key="compare_choice").select("gdp_per_capita|level").run()
    assert at.selectbox(key="compare_period").value == "2022"
    assert "临沧市2022人均地区生产总值居全省第13位（共16个）" in markdown_text(at)
    assert at.query_params["compare"] == "gdp_per_capita|2022|level"
    bars = chart(at, 2)["data"][0]
    assert len(bars["y"]) == 16 and bars["marker"]["color"].count("#b8322a") == 1  # the city, in red


def test_rankings_page_picks_the_indicator_then_its_period_and_follows_the_link(mini, monkeypatch):
    """Provincial comparisons for several periods: the indicator first, then a period (newest first); a link with
    ?compare= opens exactly that comparison."""
    for period, values in (("2021", (900, 800)), ("2022", (1000.24, 1100))):
        (mini / f"data/provincial/{period}.csv").write_text(
            "region,indicator_id,period,value,source\n"
            f"临沧市,gdp,{period},{values[0]},yearbook\n西双版纳州,gdp,{period},{values[1]},yearbook\n",
            encoding="utf-8",
        )
    monkeypatch.setenv("DASHBOARD_ROOT", str(mini))
    at = open_page("pages/rankings.py")
    assert at.selectbox(key="compare_period").options == ["2022", "2021"]
    assert at.query_params["compare"] == "gdp|2022|level"
    at.selectbox(key="compare_period").select("2021").run()
    assert at.query_params["compare"] == "gdp|2021|level"
    assert "临沧市2021地区生产总值居全省第1位（共2个）" in markdown_text(at)
    linked = open_page("pages/rankings.py", query={"compare": "gdp|2021|level"})
    assert linked.selectbox(key="compare_period").value == "2021"


def test_task_page_groups_targets_by_work_area():
    at = open_page("pages/tasks.py")
    labels = [e.label for e in at.expander]
    assert labels[0] == "守边固边兴边（1）" and any(label.startswith("现代化产业体系") for label in labels)
    at = open_page("pages/tasks.py", "English")
    assert any(e.label.startswith("Modern industrial system") for e in at.expander)


def test_sources_page_searches_names_and_sentences():
    at = open_page("pages/sources.py")
    at.text_input(key="q").input("5G").run()
    table = at.dataframe[0].value
    assert len(table) == 3 and all("5G" in q for q in table["原文"])


def test_a_broken_catalogue_is_shown_as_an_error_with_its_lines_not_a_crash(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = (ROOT / "indicators.yaml").read_text(encoding="utf-8").replace("    unit: 亿元\n", "    unti: 亿元\n", 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_ROOT", str(tmp_path))
    at = open_page()
    assert "数据文件有错误" in at.error[0].value
    assert "未知字段“unti”" in at.code[0].value
