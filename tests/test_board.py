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
PROGRESS = pd.DataFrame(
    {
        "indicator_id": ["fai", "cpi", "energy", "income"],
        "name": ["固定资产投资", "居民消费价格", "单位地区生产总值能耗", "城镇常住居民人均可支配收入"],
        "name_en": ["Fixed-asset investment", "Consumer prices", "Energy intensity", "Urban income"],
        "measure": ["yoy_pct"] * 4,
        "comparator": [">=", "~", "<=", "sync"],
        "target": [14.0, 3.0, -2.0, NAN],
        "relative_to": [None, None, None, "fai"],
        "relative_name": [None, None, None, "固定资产投资"],
        "relative_name_en": [None, None, None, "Fixed-asset investment"],
        "actual": [9.5, 3.4, NAN, 9.0],
        "actual_period": ["2023-06", "2023-06", None, "2023-06"],
        "expected": [14.0, 3.5, NAN, 9.5],
        "gap": [-4.5, -0.1, NAN, -0.5],
        "bound": [">=", "<=", None, ">="],
        "status": ["behind", "met", "pending", "close"],
        "status_order": [0, 2, 3, 1],
        "prev_yoy_pct": [16.8, 1.2, NAN, 3.9],
        "quote": [
            "固定资产投资增长14%以上",
            "居民消费价格涨幅控制在3%左右",
            "单位地区生产总值能耗降低2%",
            "城乡居民收入与经济增长同步",
        ],
    }
)


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


@pytest.mark.slow  # the whole app (AppTest)
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


@pytest.mark.slow  # the whole app (AppTest)
def test_cards_lead_with_their_status_open_their_chart_and_carry_no_sparkline(real_with_months):
    at = overview()
    link = at.get("page_link")[0].proto
    assert link.label == ":red[**✖ 落后**]　**固定资产投资**"
    assert link.page == "progress" and link.query_string == "indicator=fixed_asset_investment"
    assert len(at.get("plotly_chart")) == 1  # the main chart only: two-point sparklines said nothing
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("2023年主要目标：1–6月累计与目标")


@pytest.mark.slow  # the whole app (AppTest)
def test_the_cpi_card_states_the_edge_its_gap_is_measured_from(real_with_months):
    captions = [c.value for c in overview().caption]
    assert any("目标：3%左右（按容差上限 3.5% 判断）" in c for c in captions)


def test_a_phone_gets_the_legend_under_the_plot_fewer_ticks_and_room_for_a_negative_label():
    from charts.growth import growth_bars
    from charts.phone import phone_layout

    rows = pd.DataFrame(
        {
            "name": ["单位地区生产总值能耗", "产业投资"],
            "name_en": ["Energy", "Investment"],
            "prev_yoy_pct": [NAN, 157.7],
            "prev_rank": [NAN, NAN],
            "prev_quote": [None, "q"],
            "comparator": ["<=", None],
            "target": [-2.0, NAN],
            "target_quote": ["t", None],
            "latest_yoy_pct": [NAN, NAN],
        }
    )
    desktop = growth_bars(rows, 2023, "报告", "2023年6月")
    phone = phone_layout(desktop)
    assert phone.layout.legend.yref == "container" and phone.layout.legend.yanchor == "bottom"
    assert phone.layout.xaxis.nticks == 4 and phone.layout.font.size == 12
    span = desktop.layout.xaxis.range[1] - desktop.layout.xaxis.range[0]
    assert phone.layout.xaxis.range[0] <= -0.2 * span < desktop.layout.xaxis.range[0]  # ≤-2% clears the row names
    assert desktop.layout.legend.yref is None  # the desktop figure (cached, exported) is left as it was


# --- the deck -----------------------------------------------------------------------------------------------------


def months_basis(root, lang="zh"):
    from charts import standard
    from loaders import store
    from loaders.project import load_project

    project = load_project(root)
    return standard.basis(project, store.connect(project), lang)


def blank_png(size) -> bytes:
    import io as _io

    from PIL import Image

    buffer = _io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


def deck_of(ctx, charts=()):
    import io as _io

    from pptx import Presentation

    from charts import deck

    images = [blank_png(deck.PICTURE_PIXELS) for _ in charts]
    return Presentation(_io.BytesIO(deck.deck_bytes(ctx, list(charts), images)))


def slide_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_slide_two_says_the_counts_and_the_targets_behind_with_gap_and_rank(real_with_months):
    summary = slide_text(deck_of(months_basis(real_with_months)).slides[1])
    assert "要点：2023年主要目标" in summary
    assert "主要目标 11 项：落后 2 · 接近 3 · 达标 5 · 待更新 1" in summary
    assert "✖ 固定资产投资：1–6月增长 9.5%，目标增长14%以上，差 4.5 个百分点；全省第7位（1–6月）" in summary
    assert "◐ 接近目标：地区生产总值、社会消费品零售总额、城镇常住居民人均可支配收入" in summary


def test_the_table_lists_behind_close_met_then_one_line_per_work_area_awaiting_figures(real_with_months):
    tables = [s.table for slide in deck_of(months_basis(real_with_months)).slides for s in slide.shapes if s.has_table]
    rows = [[c.text for c in row.cells] for table in tables for row in list(table.rows)[1:]]
    assert [c.text for c in tables[0].rows[0].cells][:2] == ["状态", "指标"]
    statuses = [r[0] for r in rows if r[0].startswith(("✖", "◐", "✔"))]
    assert statuses == sorted(statuses, key=lambda s: "✖◐✔".index(s[0])) and statuses[0] == "✖ 落后"
    collapsed = [r[0] for r in rows if "待更新" in r[0]]
    assert collapsed and all("… 待更新" in line and "项：" in line for line in collapsed)
    assert collapsed[0].startswith("主要预期目标")  # the report's order of work areas
    scopes = [r[0] for r in rows if "不评判" in r[0]]  # the scopes of tasks, not judged: lines of their own
    assert len(scopes) == 3 and all("任务范围" in line for line in scopes)
    assert len(rows) == len(statuses) + len(collapsed) + len(scopes) < 40  # not pages of dashes


@pytest.mark.slow
def test_a_chart_slide_says_its_title_once_and_its_picture_fills_the_content_area_at_14pt(real_with_months):
    from charts import deck, standard

    ctx = months_basis(real_with_months)
    chart = standard.main_targets(ctx)
    assert deck.deck_figure(chart.figure).layout.title.text == ""  # the picture carries no second title
    slide = deck_of(ctx, [chart]).slides[2]
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert texts.count("2023年主要目标：1–6月累计与目标") == 1
    assert any(t.startswith("单位：%　期间：2023年1–6月") and "来源：" in t for t in texts)
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    assert picture.left == deck.MARGIN and picture.width == deck.SLIDE_WIDTH - 2 * deck.MARGIN
    assert picture.top + picture.height <= deck.SLIDE_HEIGHT - deck.Inches(0.5)
    assert deck.landed_points(14, picture.width) >= 14  # the template's smallest chart text, as projected
    assert picture.width * deck.DECK_PAGE[1] == pytest.approx(picture.height * deck.DECK_PAGE[0], rel=0.01)


def test_the_deck_and_downloads_are_named_in_chinese_and_the_cli_keeps_ascii(real_with_months):
    import plotly.graph_objects as go

    from charts import deck, export

    ctx = months_basis(real_with_months)
    assert deck.file_name(ctx) == "临沧市2023年主要指标会议材料-数据截至2023年6月.pptx"
    assert deck.file_name(ctx, ascii_only=True) == "meeting-deck-2023-as-of-2023-06.pptx"
    figure = go.Figure(layout_title_text="地区生产总值：目标与实绩<br><sup>单位：%　期间：2023年1–6月<br>来源：x</sup>")
    assert export.readable_stem(figure, "gdp-2023") == "地区生产总值-目标与实绩-2023年1-6月"
    assert export.readable_stem(figure, "gdp-2023", "en") == "gdp-2023"


@pytest.mark.slow  # the whole app (AppTest)
def test_choices_shown_by_name_are_new_widgets_in_english_so_the_browser_shows_english_names(real_with_months):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/rankings.py").run()
    at.sidebar.radio(key="lang").set_value("English").run()
    assert not at.exception
    chosen = at.selectbox(key="compare_choice_en")
    assert chosen.options[0] == "Gross regional product" and at.selectbox(key="indicator_choice_en").value == "gdp"


def test_times_are_shown_in_beijing_time_whatever_the_servers_zone():
    from loaders.io.clock import beijing

    assert beijing("2023-07-10T01:05:09+00:00") == "2023-07-10 09:05（北京时间）"
    assert beijing("2023-07-10T09:05:09+08:00", "en") == "2023-07-10 09:05 (Beijing time)"
    assert beijing("2023-07-09T20:00:00-05:00") == "2023-07-10 09:00（北京时间）"


def test_the_history_reads_in_chinese_and_beijing_time(staff_app):
    from conftest import sign_in

    at, root = staff_app
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    corpus = ROOT / "tests/fixtures/imports"
    at.file_uploader(key="upload").upload("ok-excel.xlsx", (corpus / "ok-excel.xlsx").read_bytes()).run()
    at.button(key="apply").click().run()
    at.checkbox(key="undo_confirm").check().run()
    at.button(key="undo").click().run()
    history = at.dataframe[-1].value  # the history table comes last
    assert history["操作"].tolist() == ["撤销第 1 次更新", "ok-excel.xlsx"]
    assert all(when.endswith("（北京时间）") for when in history["时间"])
