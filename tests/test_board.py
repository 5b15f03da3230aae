"""The leader's board: the status strip, this year's main chart (page, export and deck), gaps that say what they
are measured from, and compact cards that open their chart."""
import json

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from charts.board import status_counts, strip_option, strip_text, with_status
from charts.thisyear import gap_words, main_targets_now, now_notes
from loaders.project import ROOT

NAN = float("nan")
# Four main growth targets as loaders.progress.target_progress judges them: behind, 左右 met at its edge, pending, 同步.
PROGRESS = pd.DataFrame({
    "indicator_id": ["fai", "cpi", "energy", "income"],
    "name": ["固定资产投资", "居民消费价格", "单位地区生产总值能耗", "城镇常住居民人均可支配收入"],
    "name_en": ["Fixed-asset investment", "Consumer prices", "Energy intensity", "Urban income"],
    "measure": ["yoy_pct"] * 4, "comparator": [">=", "~", "<=", "sync"], "target": [14.0, 3.0, -2.0, NAN],
    "relative_to": [None, None, None, "fai"], "relative_name": [None, None, None, "固定资产投资"],
    "relative_name_en": [None, None, None, "Fixed-asset investment"],
    "actual": [9.5, 3.4, NAN, 9.0], "actual_period": ["2023-06", "2023-06", None, "2023-06"],
    "expected": [14.0, 3.5, NAN, 9.5], "gap": [-4.5, -0.1, NAN, -0.5], "bound": [">=", "<=", None, ">="],
    "status": ["behind", "met", "pending", "close"], "status_order": [0, 2, 3, 1],
    "prev_yoy_pct": [16.8, 1.2, NAN, 3.9],
    "quote": ["固定资产投资增长14%以上", "居民消费价格涨幅控制在3%左右", "单位地区生产总值能耗降低2%", "城乡居民收入与经济增长同步"],
})


def figure(lang="zh"):
    return main_targets_now(PROGRESS, 2023, "政府工作报告", "2023年6月", lang)


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_the_strip_counts_every_status_behind_first_zero_included():
    counts = status_counts(PROGRESS.iloc[:3])
    assert counts == {"behind": 1, "close": 0, "met": 1, "pending": 1}
    assert strip_option("behind", 3) == "✖ 落后 3" and strip_option("met", 5, "en") == "✔ Met 5"
    assert strip_text(status_counts(PROGRESS)) == "落后 1 · 接近 1 · 达标 1 · 待更新 1"
    assert with_status(PROGRESS, "close")["indicator_id"].tolist() == ["income"]
    assert len(with_status(PROGRESS, None)) == 4


def test_the_main_chart_shows_this_years_latest_figure_coloured_by_status_behind_first():
    fig = figure()
    assert fig.layout.title.text.startswith("2023年主要目标：1–6月累计与目标")
    behind = trace(fig, "✖ 落后")
    assert list(behind.x) == [9.5] and behind.marker.color == "#c62828" and list(behind.text) == ["✖ 9.5%"]
    assert trace(fig, "✔ 已达标").marker.color == "#2e7d32"
    # behind on top: plotly draws categories bottom-up
    assert list(fig.layout.yaxis.categoryarray)[-1] == "固定资产投资"
    pending = trace(fig, "… 待更新")
    assert pending.mode == "text" and list(pending.x) == [-2.0]  # no dot: the word sits at the target


def test_last_year_is_a_faint_reference_and_the_target_hover_carries_its_sentence():
    fig = figure()
    prev = trace(fig, "2022年实绩（参考）")
    assert prev.opacity < 1 and prev.marker.symbol == "circle-open" and list(prev.x)[0] == 16.8
    target = trace(fig, "2023年目标")
    assert ("增长14%以上", "固定资产投资增长14%以上") in [tuple(c) for c in target.customdata]


def test_a_figure_judged_against_something_else_than_the_target_is_drawn_and_named():
    judged = trace(figure(), "判断所用数值")
    assert list(judged.y) == ["城镇常住居民人<br>均可支配收入", "居民消费价格"] and list(judged.x) == [9.5, 3.5]
    assert "按同期固定资产投资增长 9.5% 判断" in judged.customdata[0]
    assert "按容差上限 3.5% 判断" in judged.customdata[1]


def test_the_english_chart_has_no_chinese_words():
    fig = main_targets_now(PROGRESS, 2023, "Work report", "2023-06", "en")
    words = [t.name for t in fig.data] + [fig.layout.title.text, fig.layout.xaxis.title.text]
    assert not any("\u4e00" <= ch <= "\u9fff" for word in words for ch in word)


def test_a_zuoyou_gap_names_the_edge_it_is_measured_from():
    cpi = next(PROGRESS.iloc[[1]].itertuples())
    assert gap_words(cpi) == "低于上限 0.1 个百分点（按容差上限 3.5% 判断）"
    fai = next(PROGRESS.iloc[[0]].itertuples())
    assert gap_words(fai) == "差 4.5 个百分点" and gap_words(fai, "en") == "4.5 pp short"


def test_the_notes_say_each_position_in_words():
    notes = now_notes(PROGRESS, 2023)
    assert notes[0] == "固定资产投资：2023年1–6月累计增长 9.5%，目标增长14%以上，差 4.5 个百分点，落后。"
    assert notes[-1] == "单位地区生产总值能耗：目标降低2%，尚无2023年数据。"


# --- the overview page --------------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()


def overview(lang=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if lang:
        at.sidebar.radio(key="lang").set_value(lang).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def card_links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def test_the_strip_counts_the_main_targets_and_a_tap_keeps_only_those_cards(real_with_months):
    at = overview()
    strip = at.get("button_group")[0]
    # Streamlit shows a leading emoji (✖ ✔) as the option's icon
    shown = [f"{o.content_icon} {o.content}".strip() for o in strip.proto.options]
    assert shown == ["✖ 落后 2", "◐ 接近 3", "✔ 达标 5", "… 待更新 1"]
    assert len(card_links(at)) == 11
    at.pills(key="status_filter").set_value("behind").run()
    links = card_links(at)
    assert len(links) == 2 and all(link.startswith(":red[**✖ 落后**]") for link in links)
    assert "固定资产投资" in links[0] and "一般公共预算支出" in links[1]


def test_cards_lead_with_their_status_open_their_chart_and_carry_no_sparkline(real_with_months):
    at = overview()
    link = at.get("page_link")[0].proto
    assert link.label == ":red[**✖ 落后**]　**固定资产投资**" and link.page == "progress" and link.query_string == "indicator=fixed_asset_investment"
    assert len(at.get("plotly_chart")) == 1  # the main chart only: two-point sparklines said nothing
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("2023年主要目标：1–6月累计与目标")


def test_the_cpi_card_states_the_edge_its_gap_is_measured_from(real_with_months):
    captions = [c.value for c in overview().caption]
    assert any("目标：3%左右（按容差上限 3.5% 判断）" in c for c in captions)


def test_a_phone_gets_the_legend_under_the_plot_fewer_ticks_and_room_for_a_negative_label():
    from charts.growth import growth_bars
    from charts.phone import phone_layout
    rows = pd.DataFrame({"name": ["单位地区生产总值能耗", "产业投资"], "name_en": ["Energy", "Investment"],
                         "prev_yoy_pct": [NAN, 157.7], "prev_rank": [NAN, NAN], "prev_quote": [None, "q"],
                         "comparator": ["<=", None], "target": [-2.0, NAN], "target_quote": ["t", None],
                         "latest_yoy_pct": [NAN, NAN]})
    desktop = growth_bars(rows, 2023, "报告", "2023年6月")
    phone = phone_layout(desktop)
    assert phone.layout.legend.yref == "container" and phone.layout.legend.yanchor == "bottom"
    assert phone.layout.xaxis.nticks == 4 and phone.layout.font.size == 12
    span = desktop.layout.xaxis.range[1] - desktop.layout.xaxis.range[0]
    assert phone.layout.xaxis.range[0] <= -0.2 * span < desktop.layout.xaxis.range[0]  # ≤-2% clears the row names
    assert desktop.layout.legend.yref is None  # the desktop figure (cached, exported) is left as it was
