"""Chart functions are pure: a small DataFrame in, a plotly Figure out, with title, unit, period and source on it."""
import pandas as pd

from charts import format as fmt
from charts.targets import growth_rows, growth_vs_target

TARGETS = pd.DataFrame({
    "indicator_id": ["gdp", "urban_income", "energy_intensity"],
    "name": ["地区生产总值", "城镇常住居民人均可支配收入", "单位地区生产总值能耗"],
    "name_en": ["Gross regional product", "Urban income", "Energy intensity"],
    "measure": ["yoy_pct"] * 3, "comparator": [">=", "sync", "<="], "target": [7.0, None, -2.0],
    "relative_to": [None, "gdp", None], "relative_name": [None, "地区生产总值", None],
    "relative_name_en": [None, "Gross regional product", None],
    "prev_yoy_pct": [4.7, 3.9, None], "quote": ["地区生产总值增长7%以上", "城乡常住居民人均可支配收入与经济增长同步", "单位地区生产总值能耗降低2%"],
    "prev_quote": ["地区生产总值…增长4.7%", "城镇常住居民人均可支配收入35021元，增长3.9%", None],
})


def figure(lang="zh"):
    return growth_vs_target(TARGETS, 2023, "政府工作报告（2023-02-10）", "2022年", lang)


def test_a_target_tied_to_another_indicator_takes_that_indicators_target():
    assert growth_rows(TARGETS)["target"].tolist() == [7.0, 7.0, -2.0]


def test_growth_chart_has_last_year_and_this_years_target_as_two_series():
    fig = figure()
    assert [trace.name for trace in fig.data] == ["2022年实绩", "2023年目标"]
    # Rows run bottom-up in plotly, so the first indicator of the report is drawn on top.
    assert list(fig.data[1].y) == ["单位地区生产总值能耗", "城镇常住居民人均可支配收入", "地区生产总值"]
    assert list(fig.data[1].text) == ["≤-2%", "同步", "≥7%"]


def test_growth_chart_states_title_unit_period_source_and_date():
    fig = figure()
    title = fig.layout.title.text
    assert title.startswith("主要指标：2022年增长与2023年目标")
    assert "单位：%" in title and "期间：2022–2023" in title and "数据截至2022年" in title
    assert title.endswith("来源：政府工作报告（2023-02-10）</sup>")
    assert fig.layout.xaxis.title.text == "增长（%）"


def test_hovering_a_bar_shows_the_sentence_it_comes_from():
    fig = figure()
    assert ("增长7%以上", "地区生产总值增长7%以上") in [tuple(c) for c in fig.data[1].customdata]
    assert ("与地区生产总值增长同步", "城乡常住居民人均可支配收入与经济增长同步") in [tuple(c) for c in fig.data[1].customdata]
    assert "%{customdata[1]}" in fig.data[1].hovertemplate
    assert list(fig.data[0].customdata)[0] == "报告未给出"  # energy intensity has no 2022 growth in the report


def test_the_english_chart_uses_english_names_and_words():
    fig = figure("en")
    assert fig.data[1].name == "2023 target" and "Gross regional product" in list(fig.data[1].y)
    assert "Unit: %" in fig.layout.title.text


def test_targets_read_in_the_reports_own_wording():
    assert fmt.target("yoy_pct", ">=", 7, "%") == "增长7%以上"
    assert fmt.target("yoy_pct", "~", 3, "%") == "3%左右"
    assert fmt.target("yoy_pct", "<=", -2, "%") == "降低2%"
    assert fmt.target("level", ">=", 270, "亿元") == "270 亿元以上"
    assert fmt.target("level", "=", 1000, "个") == "1,000 个"
    assert fmt.target("yoy_pct", "sync", None, "%", relative_name="地区生产总值") == "与地区生产总值增长同步"
    assert fmt.target("yoy_pct", ">=", 7, "%", "en") == "growth ≥ 7%"


def test_numbers_are_written_the_chinese_way():
    assert fmt.with_unit(1000.24, "亿元") == "1,000.24 亿元"
    assert fmt.with_unit(4.7, "%") == "4.7%"
    assert fmt.rank(6) == "第6位" and fmt.rank(6, "en") == "No. 6"
    assert fmt.measured(1600, "level", "公里", comparator=">=") == "1,600 公里以上"
    assert fmt.number(None) == "—"
