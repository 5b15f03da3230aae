"""Every page runs in Streamlit's AppTest without raising and shows what a leader would look for."""
import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders.project import ROOT

ENTRY = str(ROOT / "dashboard.py")


@pytest.fixture(autouse=True)
def fresh_caches():
    # Caches live for the whole pytest process; each test starts from the files.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def run_app(lang=None):
    at = AppTest.from_file(ENTRY, default_timeout=30)
    at.run()
    if lang:
        at.sidebar.radio(key="lang").set_value(lang).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_overview_lists_every_main_target_beside_last_years_result():
    at = run_app()
    assert at.title[0].value == "2023年主要预期目标与2022年实绩"
    table = at.dataframe[0].value
    assert len(table) == 11
    gdp = table[table["指标"] == "地区生产总值"].iloc[0]
    assert (gdp["2023年目标"], gdp["2022年实绩"], gdp["2022年增长"], gdp["2022年增速全省排名"]) == \
        ("增长7%以上", "1,000.24 亿元", "4.7%", "第6位")
    cpi = table[table["指标"] == "居民消费价格"].iloc[0]
    assert (cpi["2023年目标"], cpi["2022年实绩"]) == ("3%左右", "—")
    assert "尚无2023年的月度数据" in at.info[0].value


def test_the_overview_chart_carries_its_source_and_hover_sentences():
    at = run_app()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("主要指标：2022年增长与2023年目标")
    assert "来源：临沧市政府工作报告（2023年2月10日）" in spec["layout"]["title"]["text"]
    assert ["增长7%以上", "地区生产总值增长7%以上"] in spec["data"][1]["customdata"]


def test_switching_to_english_changes_the_labels_and_names():
    at = run_app("English")
    assert at.title[0].value == "Main targets for 2023 and results of 2022"
    table = at.dataframe[0].value
    assert "Gross regional product" in set(table["Indicator"])
    assert "growth ≥ 7%" in set(table["2023 target"])


def test_a_broken_catalogue_is_shown_as_an_error_with_its_lines_not_a_crash(tmp_path, monkeypatch):
    import shutil
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = (ROOT / "indicators.yaml").read_text(encoding="utf-8").replace("    unit: 亿元\n", "    unti: 亿元\n", 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_ROOT", str(tmp_path))
    at = run_app()
    assert "数据文件有错误" in at.error[0].value
    assert "未知字段“unti”" in at.code[0].value
