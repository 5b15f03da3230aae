"""Chart functions are pure: a small DataFrame in, a plotly Figure out, with title, unit, period and source on it."""

from pathlib import Path

import pandas as pd
import pytest

from charts import format as fmt
from charts.targets import growth_rows

TARGETS = pd.DataFrame(
    {
        "indicator_id": ["gdp", "urban_income", "energy_intensity"],
        "name": ["地区生产总值", "城镇常住居民人均可支配收入", "单位地区生产总值能耗"],
        "name_en": ["Gross regional product", "Urban income", "Energy intensity"],
        "measure": ["yoy_pct"] * 3,
        "comparator": [">=", "sync", "<="],
        "target": [7.0, None, -2.0],
        "relative_to": [None, "gdp", None],
        "relative_name": [None, "地区生产总值", None],
        "relative_name_en": [None, "Gross regional product", None],
        "prev_yoy_pct": [4.7, 3.9, None],
        "quote": ["地区生产总值增长7%以上", "城乡常住居民人均可支配收入与经济增长同步", "单位地区生产总值能耗降低2%"],
        "prev_quote": ["地区生产总值…增长4.7%", "城镇常住居民人均可支配收入35021元，增长3.9%", None],
    }
)


def test_a_target_tied_to_another_indicator_takes_that_indicators_target():
    assert growth_rows(TARGETS)["target"].tolist() == [7.0, 7.0, -2.0]


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


def test_units_are_said_in_english_when_the_page_is_english():
    assert fmt.with_unit(1000.24, "亿元", "en") == "1,000.24 (100 mn yuan)"
    assert fmt.with_unit(35021, "元", "en") == "35,021 yuan"
    assert fmt.with_unit(1460, "个", "en") == "1,460"
    assert fmt.target("level", ">=", 1500, "公里", "en") == "≥ 1,500 km"
    assert fmt.unit_text("某个新单位", "en") == "某个新单位"  # unknown units are shown as printed, never dropped


# --- one indicator through the year -------------------------------------------------------------------------
from charts.download import csv_bytes, safe_cells, xlsx_bytes  # noqa: E402
from charts.growth import growth_bars  # noqa: E402
from charts.progress import growth_progress, level_progress  # noqa: E402
from charts.ranking import provincial_bars, rank_dots, rank_history  # noqa: E402

SERIES = pd.DataFrame(
    {
        "period": ["2022", "2023-03", "2023-06", "2022", "2023-03", "2023-06"],
        "measure": ["yoy_pct"] * 3 + ["level"] * 3,
        "value": [4.7, 6.1, 6.5, 1000.24, 231.5, 480.3],
        "quote": ["…增长4.7%…", None, None, None, None, None],
    }
)
GDP_TARGET = {
    "name": "地区生产总值",
    "name_en": "GRP",
    "comparator": ">=",
    "target": 7.0,
    "tolerance": None,
    "relative_name": None,
    "relative_name_en": None,
    "level_unit": "亿元",
    "level_kind": "flow",
    "target_in_level_unit": None,
}


def test_the_growth_line_runs_through_the_months_with_the_target_as_a_line():
    fig = growth_progress(SERIES, GDP_TARGET, 2023, "报告", "2023年6月")
    [line] = [d for d in fig.data if d.mode == "lines+markers+text"]
    assert list(line.x) == [3, 6] and list(line.y) == [6.1, 6.5]
    assert [s.y0 for s in fig.layout.shapes] == [4.7, 7.0]  # last year's growth (dotted) and the target (dashed)
    assert "期间：2023" in fig.layout.title.text and "数据截至2023年6月" in fig.layout.title.text


def test_approximately_is_drawn_as_a_band_and_no_data_draws_no_line():
    cpi = GDP_TARGET | {"name": "居民消费价格", "comparator": "~", "target": 3.0, "tolerance": 0.5}
    fig = growth_progress(SERIES.iloc[0:0], cpi, 2023, "报告", "2022年")
    assert [(s.type, s.y0, s.y1) for s in fig.layout.shapes] == [("rect", 2.5, 3.5)]
    assert all(d.mode != "lines+markers+text" for d in fig.data)
    # an empty trace keeps the axes, and so the band, on the page; the range shows the band and zero
    assert [list(d.y) for d in fig.data] == [[None, None]]
    low, high = fig.layout.yaxis.range
    assert low < 0 and high > 3.5


def test_a_tied_target_draws_the_related_indicators_growth():
    income = GDP_TARGET | {
        "name": "城镇居民收入",
        "comparator": "sync",
        "target": None,
        "relative_name": "地区生产总值",
    }
    fig = growth_progress(SERIES, income, 2023, "报告", "2023年6月", related=SERIES)
    assert [d.name for d in fig.data][0] == "与地区生产总值增长同步"


def test_a_level_flow_is_drawn_against_its_pro_rated_target():
    jobs = GDP_TARGET | {"name": "城镇新增就业", "level_unit": "万人", "target_in_level_unit": 2.4}
    fig = level_progress(SERIES, jobs, 2023, "报告", "2023年6月")
    assert list(fig.data[0].y)[:3] == pytest.approx([0.2, 0.4, 0.6])  # 2.4 × m / 12
    stock = level_progress(SERIES, jobs | {"level_kind": "stock"}, 2023, "报告", "2023年6月")
    assert set(stock.data[0].y) == {2.4}


def test_growth_bars_put_the_rank_and_its_period_under_the_name_and_add_the_latest_figure_when_there_is_one():
    rows = pd.DataFrame(
        {
            "name": ["地区生产总值", "招商引资市外到位资金"],
            "name_en": ["GRP", "Investment attracted"],
            "prev_yoy_pct": [4.7, 19.7],
            "prev_rank": [6.0, None],
            "prev_quote": ["q1", "q2"],
            "comparator": [">=", None],
            "target": [7.0, None],
            "target_quote": ["t1", None],
            "latest_yoy_pct": [None, None],
        }
    )
    fig = growth_bars(rows, 2023, "报告", "2022年")
    # a long name is broken into short lines, so that a phone keeps room for the bars
    assert list(fig.data[0].y) == ["招商引资市<br>外到位资金", "地区生产总值<br>2022年第6位"]
    assert len(fig.data) == 2
    rows["latest_yoy_pct"] = [6.5, None]
    assert [d.name for d in growth_bars(rows, 2023, "报告", "2023年6月").data][-1] == "2023年最新累计"


def test_growth_bars_show_this_years_newest_rank_with_its_months_not_last_years():
    rows = pd.DataFrame(
        {
            "name": ["固定资产投资"],
            "name_en": ["Fixed-asset investment"],
            "prev_yoy_pct": [16.8],
            "prev_rank": [3.0],
            "prev_quote": ["q"],
            "comparator": [">="],
            "target": [14.0],
            "target_quote": ["t"],
            "latest_yoy_pct": [9.5],
            "latest_rank": [7.0],
            "latest_rank_period": ["2023-06"],
        }
    )
    assert list(growth_bars(rows, 2023, "报告", "2023年6月").data[0].y) == ["固定资产投资<br>1–6月第7位"]
    assert list(growth_bars(rows, 2023, "report", "Jun 2023", "en").data[0].y) == [
        "Fixed-asset investment<br>No. 7, Jan–Jun"
    ]


RANKS = pd.DataFrame(
    {
        "indicator_id": ["gdp", "retail"],
        "name": ["地区生产总值", "社会消费品零售总额"],
        "name_en": ["GRP", "Retail"],
        "period": ["2023-06", "2023-06"],
        "rank": [5.0, 6.0],
        "previous_rank": [7.0, None],
        "quote": [None, None],
    }
)


def test_rank_dots_show_each_rank_and_an_arrow_for_a_change():
    fig = rank_dots(RANKS, "临沧市", "报告", "2023年6月", ranked_among=16)
    assert list(fig.data[0].text) == ["第6位", "第5位"]
    assert [(a.x, a.ax) for a in fig.layout.annotations] == [(5.0, 7.0)]
    assert tuple(fig.layout.xaxis.range) == (0.5, 16.5)
    assert list(fig.layout.xaxis.tickvals) == [1, 4, 8, 12, 16]


def test_rank_axes_run_to_the_number_of_regions_ranked():
    fig = rank_dots(RANKS.assign(rank=[25.0, 6.0]), "某省", "报告", "2023年6月", ranked_among=31)
    assert tuple(fig.layout.xaxis.range) == (0.5, 31.5)
    assert list(fig.layout.xaxis.tickvals) == [1, 8, 16, 24, 31]
    history = pd.DataFrame({"period": ["2022", "2023"], "rank": [3.0, 2.0], "quote": ["q", None]})
    assert tuple(rank_history(history, "某指标", "报告", "2023年", ranked_among=5).layout.yaxis.range) == (5.5, 0.5)


def test_rank_history_puts_first_place_on_top():
    history = pd.DataFrame({"period": ["2022", "2023-03"], "rank": [6.0, 7.0], "quote": ["q", None]})
    assert tuple(rank_history(history, "地区生产总值", "报告", "2023年3月", ranked_among=16).layout.yaxis.range) == (
        16.5,
        0.5,
    )


def test_provincial_bars_highlight_the_city():
    figures = pd.DataFrame(
        {
            "region": ["昆明市", "临沧市"],
            "region_en": ["Kunming", "Lincang"],
            "value": [7541.37, 1000.24],
            "rank": [1, 2],
        }
    )
    fig = provincial_bars(figures, "临沧市", "地区生产总值", "亿元", "2022", "年鉴", "2022年")
    assert list(fig.data[0].y) == ["第2位 临沧市", "第1位 昆明市"]
    assert list(fig.data[0].marker.color) == ["#b8322a", "#9aa0a6"]


def test_downloads_neutralise_cells_that_excel_would_run():
    frame = pd.DataFrame(
        {"指标": ['=HYPERLINK("x")', "+1+1", "-2", "@SUM(A1)", "地区生产总值"], "数值": [1.0, 2.0, -3.0, 4.0, 5.0]}
    )
    safe = safe_cells(frame)
    assert safe["指标"].tolist() == ['\'=HYPERLINK("x")', "'+1+1", "-2", "'@SUM(A1)", "地区生产总值"]  # -2 is a number
    assert safe["数值"].tolist() == [1.0, 2.0, -3.0, 4.0, 5.0]  # numbers stay numbers
    assert csv_bytes(frame).startswith("\ufeff指标,数值".encode("utf-8"))
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    assert sheet["A2"].value == '\'=HYPERLINK("x")' and sheet["A2"].data_type == "s"


def test_a_negative_bar_leaves_room_for_its_label_before_the_row_names():
    from charts.format import bar_range

    low, high = bar_range([4.7, -2.0], [7.0, None])
    assert low < -2.0 - 1.0 and high > 7.0 + 1.0  # an eighth of the 9-point span beyond each end
    assert bar_range([3.0, 5.0]) == [0.0, 5.625]  # no negative bar: the axis starts at zero


def test_a_line_across_the_plot_is_what_plotlys_add_hline_and_add_hrect_add():
    import plotly.graph_objects as go

    from charts.progress import _across

    theirs, ours = go.Figure(), go.Figure()
    theirs.add_hline(
        y=4.7,
        line=dict(color="#9aa0a6", dash="dot"),
        annotation_text="2022年实绩 4.7%",
        annotation_position="bottom left",
    )
    theirs.add_hline(
        y=7.0, line=dict(color="#b8322a", dash="dash"), annotation_text="目标", annotation_position="top left"
    )
    theirs.add_hrect(
        y0=5.0,
        y1=7.0,
        fillcolor="#b8322a",
        opacity=0.12,
        line_width=0,
        annotation_text="左右",
        annotation_position="top left",
    )
    _across(
        ours, dict(type="line", y0=4.7, y1=4.7, line=dict(color="#9aa0a6", dash="dot")), 4.7, "top", "2022年实绩 4.7%"
    )
    _across(ours, dict(type="line", y0=7.0, y1=7.0, line=dict(color="#b8322a", dash="dash")), 7.0, "bottom", "目标")
    _across(
        ours,
        dict(type="rect", y0=5.0, y1=7.0, fillcolor="#b8322a", opacity=0.12, line=dict(width=0)),
        7.0,
        "top",
        "左右",
    )
    assert ours.to_dict() == theirs.to_dict()


@pytest.mark.parametrize("text", ["地区生产总值", "", "≥7%", "a\nb", "bell\x07 tab\t", "<&>\"'"])
def test_table_cells_copied_from_the_first_of_their_look_are_the_cells_python_pptx_makes(text):
    from lxml import etree
    from pptx import Presentation
    from pptx.util import Inches

    from charts import deck

    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    table = slide.shapes.add_table(3, 2, 0, 0, Inches(4), Inches(1)).table
    styled = deck._Cells()
    for row, (bold, colour, fill) in enumerate(
        [(True, "#222222", "#f0f0f0"), (False, "#b8322a", "#ffffff"), (False, "#b8322a", "#ffffff")]
    ):
        styled(table.cell(row, 0), "第一格", bold, colour, fill)  # the first of its look: python-pptx's setters
        styled(table.cell(row, 1), text, bold, colour, fill)  # a copy of it with this text
    reference = slide.shapes.add_table(3, 2, 0, 0, Inches(4), Inches(1)).table
    for row, (bold, colour, fill) in enumerate(
        [(True, "#222222", "#f0f0f0"), (False, "#b8322a", "#ffffff"), (False, "#b8322a", "#ffffff")]
    ):
        deck._cell(reference.cell(row, 0), "第一格", bold, colour, fill)
        deck._cell(reference.cell(row, 1), text, bold, colour, fill)
    assert etree.tostring(table._tbl) == etree.tostring(reference._tbl)
    assert table.cell(1, 1).text_frame.text == reference.cell(1, 1).text_frame.text


def test_deck_pictures_are_the_parts_and_xml_python_pptx_add_picture_makes():
    import io

    from lxml import etree
    from PIL import Image
    from pptx import Presentation

    from charts import deck

    def png(colour):
        out = io.BytesIO()
        Image.new("RGB", (16, 9), colour).save(out, "PNG")
        return out.getvalue()

    images = [png((1, 2, 3)), png((4, 5, 6)), png((1, 2, 3))]  # the third repeats the first: one part for both
    ours, theirs = Presentation(), Presentation()
    for image in images:
        deck._add_picture(ours.slides.add_slide(ours.slide_layouts[6]), image, 10, 20, 160, 90)
        theirs.slides.add_slide(theirs.slide_layouts[6]).shapes.add_picture(io.BytesIO(image), 10, 20, 160, 90)
    for a, b in zip(ours.slides, theirs.slides):
        assert etree.tostring(a._element) == etree.tostring(b._element)
        assert [(r.rId, r.target_part.partname) for r in a.part.rels.values()] == [
            (r.rId, r.target_part.partname) for r in b.part.rels.values()
        ]
    media = lambda prs: sorted(p.partname for p in prs.part.package.iter_parts() if "/media/" in p.partname)  # noqa: E731
    assert media(ours) == media(theirs) == ["/ppt/media/image1.png", "/ppt/media/image2.png"]


def test_axis_ticks_are_plain_numbers_with_separators_never_si_suffixes():
    """plotly writes 20k / 100k by default, which reads as English in the Chinese interface: the shared template
    asks for 20,000 / 100,000 (the browser check of the rankings page sees exactly those)."""
    import plotly.io as pio

    from charts.theme import TEMPLATE_NAME

    layout = pio.templates[TEMPLATE_NAME].layout
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.exponentformat == "none" and axis.separatethousands is True


def test_the_brand_red_has_one_home():
    """charts/theme.RED is the red of charts, cards and Streamlit's own widgets (config.toml cannot import it)."""
    import tomllib

    from charts.theme import RED
    from pages.look import CSS

    config = tomllib.loads((Path(__file__).parent.parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["theme"]["primaryColor"] == RED
    assert f"border-color: {RED}" in CSS
