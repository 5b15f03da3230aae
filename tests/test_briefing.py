"""The monthly briefing: its phrasing pinned phrase by phrase (charts/briefing/phrases.py), the facts it states at a
period (shipped data without monthly figures, the synthetic monthly fixtures, another project folder), the Word
document's styles and page, LibreOffice opening it with a Chinese font, the Markdown variant and the command line."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap

import pytest
from docx import Document

from charts import export, standard
from charts.__main__ import main as charts_cli
from charts.briefing import (
    BriefingError,
    briefing,
    chart_png,
    content,
    markdown_text,
    phrases,
    word_file,
)
from charts.briefing.phrases import Line, Place
from charts.briefing.word import document_bytes
from conftest import CATALOGUE, ROOT, write_project
from loaders import store
from loaders.progress import target_progress
from loaders.project import load_project

CITY = Place("临沧市", "云南省")


def growth_line(**changes) -> Line:
    facts = {
        "name": "固定资产投资",
        "measure": "yoy_pct",
        "comparator": ">=",
        "target": 14.0,
        "unit": "亿元",
        "period": "2023-09",
        "figure_period": "2023-09",
        "growth": 8.8,
    }
    return Line(**(facts | changes))


# --- phrases, one by one -------------------------------------------------------------------------------------------


def test_the_issues_example_sentence_is_written_from_its_facts():
    line = growth_line(rank=9, previous_rank=7, previous_rank_period="2023-08", previous_period_adjacent=True)
    assert (
        phrases.paragraph(line, CITY)
        == "1—9月，全市固定资产投资同比增长8.8%，低于全年目标5.2个百分点，全省排第9位，较上期后移2位。"
    )


def test_growth_is_a_rise_a_fall_or_level_with_last_year():
    assert phrases.change(8.8) == "同比增长8.8%"
    assert phrases.change(-2.1) == "同比下降2.1%"
    assert phrases.change(0) == "与上年同期持平"


def test_a_price_rises_as_bulletins_say_it():
    assert phrases.change(2.1, name="居民消费价格") == "同比上涨2.1%"
    assert phrases.change(-0.3, name="居民消费价格") == "同比下降0.3%"
    assert phrases.change(2.1, "en", name="Consumer price index") == "up 2.1% year on year"
    line = growth_line(name="居民消费价格", growth=2.1, target=3.0, comparator="~", direction="lower_better")
    assert "同比上涨2.1%" in phrases.paragraph(line, CITY)


def test_growth_is_above_below_or_level_with_the_target_in_percentage_points():
    assert phrases.against_growth_target(growth_line(growth=15.4, target=15.0)) == "高于全年目标0.4个百分点"
    assert phrases.against_growth_target(growth_line(growth=9.5, target=14.0)) == "低于全年目标4.5个百分点"
    assert phrases.against_growth_target(growth_line(growth=14.0)) == "与全年目标持平"


def test_a_level_target_is_measured_against_the_months_elapsed():
    jobs = {
        "name": "城镇新增就业",
        "measure": "level",
        "comparator": "=",
        "target": 2.95,
        "unit": "万人",
        "growth": None,
        "figure_period": "2023-09",
    }
    slow = Line(**jobs, level=2.1)  # 71.2% of the year at 75% of it
    fast = Line(**jobs, level=2.4)  # 81.4%
    assert phrases.against_schedule(slow) == "完成全年目标的71.2%，慢于序时进度3.8个百分点"
    assert phrases.against_schedule(fast) == "完成全年目标的81.4%，快于序时进度6.4个百分点"
    assert (
        phrases.paragraph(slow, CITY)
        == "1—9月，全市城镇新增就业2.1万人，完成全年目标的71.2%，慢于序时进度3.8个百分点。"
    )


def test_a_stock_target_is_reached_or_short_by_an_amount_with_its_unit():
    road = {
        "name": "高速公路通车里程",
        "measure": "level",
        "comparator": ">=",
        "target": 800.0,
        "unit": "公里",
        "level_kind": "stock",
        "figure_period": "2023-09",
        "growth": None,
    }
    assert phrases.against_schedule(Line(**road, level=820.0)) == "已达到全年目标"
    assert phrases.against_schedule(Line(**road, level=750.0)) == "距全年目标还差50公里"


def test_the_rank_moves_forward_back_or_stays_and_names_an_earlier_period():
    assert phrases.rank_words(5, 7, "2023-05", True, "全省") == "全省排第5位，较上期前移2位"
    assert phrases.rank_words(7, 5, "2023-03", False, "全省", current="2023-06") == "全省排第7位，较1—3月后移2位"
    assert phrases.rank_words(3, 3, "2023-03", True, "全省") == "全省排第3位，与上期持平"
    assert phrases.rank_words(7, 6, "2022", False, "全省", current="2023-03") == "全省排第7位，较2022年后移1位"
    assert phrases.rank_words(4, None, None, False, "全省") == "全省排第4位"


def test_a_target_of_about_n_percent_is_judged_by_its_band():
    cpi = {"name": "居民消费价格", "comparator": "~", "target": 3.0, "tolerance": 0.5, "direction": "lower_better"}
    assert phrases.against_growth_target(growth_line(**cpi, growth=0.9)) == "低于3%左右的目标2.1个百分点"
    assert phrases.against_growth_target(growth_line(**cpi, growth=3.4)) == "处于3%左右的目标区间内"
    assert phrases.against_growth_target(growth_line(**cpi, growth=4.2)) == "高于3%左右的目标1.2个百分点"


def test_a_target_in_step_with_growth_compares_with_the_related_indicator():
    income = {
        "name": "城镇常住居民人均可支配收入",
        "comparator": "sync",
        "target": None,
        "relative_name": "地区生产总值",
    }
    assert (
        phrases.against_growth_target(growth_line(**income, growth=5.9, related_growth=6.5))
        == "慢于地区生产总值增速0.6个百分点"
    )
    assert (
        phrases.against_growth_target(growth_line(**income, growth=7.4, related_growth=6.5))
        == "快于地区生产总值增速0.9个百分点"
    )
    assert (
        phrases.against_growth_target(growth_line(**income, growth=6.5, related_growth=6.5))
        == "与地区生产总值增速持平，实现同步"
    )
    assert (
        phrases.against_growth_target(growth_line(**income, growth=6.5))
        == "同期地区生产总值增速暂无数据，尚不能判断是否同步"
    )


def test_a_lower_is_better_fall_target_speaks_of_the_size_of_the_fall():
    energy = {"name": "单位地区生产总值能耗", "comparator": "<=", "target": -2.0, "direction": "lower_better"}
    assert phrases.against_growth_target(growth_line(**energy, growth=-2.5)) == "降幅超过目标0.5个百分点"
    assert phrases.against_growth_target(growth_line(**energy, growth=-1.0)) == "降幅低于目标1个百分点"
    assert phrases.against_growth_target(growth_line(**energy, growth=0.5)) == "未实现下降，距降低2%的目标差2.5个百分点"
    assert phrases.target_words(growth_line(**energy)) == "降低2%"


def test_quarterly_figures_say_which_quarter():
    assert [phrases.quarter_words(p) for p in ("2023-03", "2023-06", "2023-09", "2023-12", "2023")] == [
        "一季度",
        "上半年",
        "前三季度",
        "全年",
        "全年",
    ]
    gdp = growth_line(
        name="地区生产总值",
        frequency="quarterly",
        target=7.0,
        growth=6.1,
        level=231.5,
        figure_period="2023-03",
        period="2023-05",
    )
    assert phrases.paragraph(gdp, CITY) == "一季度，全市地区生产总值231.5亿元，同比增长6.1%，低于全年目标0.9个百分点。"


def test_an_annual_indicator_has_no_figure_in_a_month():
    energy = growth_line(
        name="单位地区生产总值能耗",
        frequency="annual",
        comparator="<=",
        target=-2.0,
        direction="lower_better",
        figure_period=None,
        growth=None,
        period="2023-06",
    )
    assert (
        phrases.paragraph(energy, CITY) == "1—6月，全市单位地区生产总值能耗按年度统计，本期无数据；全年目标为降低2%。"
    )


def test_a_month_without_a_figure_says_so_and_never_repeats_the_older_figure():
    line = growth_line(period="2023-05", figure_period=None, growth=None, last_period="2023-03")
    text = phrases.paragraph(line, CITY)
    assert text == "1—5月，全市固定资产投资本期无数据（最近一期为1—3月）；全年目标为增长14%以上。"
    assert "8.8" not in text


def test_levels_carry_their_unit_and_growth_compares_with_the_same_period_last_year():
    assert phrases.level_words(200.7, "亿元") == "200.7亿元"
    assert phrases.level_words(17900, "元") == "17,900元"
    assert phrases.versus_last_year(11.4, 9.0) == "增速比上年同期加快2.4个百分点"
    assert phrases.versus_last_year(6.5, 7.0) == "增速比上年同期回落0.5个百分点"
    assert phrases.versus_last_year(6.5, None) is None


def test_the_title_and_the_scope_words_come_from_the_place():
    assert phrases.title(CITY, 2023, "2023-09") == "临沧市2023年1—9月主要经济指标完成情况"
    assert phrases.title(CITY, 2023, None) == "临沧市2023年主要经济指标完成情况"
    assert phrases.title(Place("大理州", "云南省"), 2024, "2024-01") == "大理州2024年1月主要经济指标完成情况"
    assert (Place("西双版纳州", "云南省").scope, Place("西双版纳州", "云南省").rank_scope) == ("全州", "全省")
    assert Place("玉林市", "广西壮族自治区").rank_scope == "全区"
    assert phrases.rank_words(2, None, None, False, Place("玉林市", None).rank_scope) == "排第2位"


def test_the_summary_counts_met_close_and_behind_and_names_those_behind():
    text = phrases.summary(
        {"met": 5, "close": 1, "behind": 2, "pending": 1},
        ["固定资产投资", "一般公共预算支出"],
        ["地区生产总值"],
        "2023-06",
        2023,
    )
    assert text == (
        "2023年9项主要预期目标中，截至1—6月，已达到目标或序时进度的5项，接近目标的1项（地区生产总值），"
        "落后的2项（固定资产投资、一般公共预算支出）；1项本期无数据，未作判断。"
    )


def test_english_says_the_same_facts():
    line = growth_line(rank=9, previous_rank=7, previous_rank_period="2023-08", previous_period_adjacent=True)
    city = Place("临沧市", "云南省", "Lincang", "Yunnan")  # where the rank is counted, from the regions file
    assert phrases.paragraph(line, city, "en") == (
        "January–September: 固定资产投资 up 8.8% year on year, 5.2 pp below the "
        "year's target, ranked No. 9 in Yunnan, 2 places down on the "
        "previous period."
    )
    assert "ranked No. 9, 2 places down" in phrases.paragraph(line, CITY, "en")  # no English name: no place word


def test_the_sentence_around_a_quote_is_cut_at_its_clause():
    text = (
        "一、回顾。今年主要预期目标是：地区生产总值增长7%以上；固定资产投资增长14%以上；居民消费价格涨幅控制在3%左右。"
    )
    assert content.sentence_around(text, "固定资产投资增长14%以上") == "固定资产投资增长14%以上；"
    assert content.sentence_around(text, "地区生产总值增长7%以上") == "今年主要预期目标是：地区生产总值增长7%以上；"
    assert content.sentence_around(text, "不在文中") is None


# --- the facts at a period, from the store -------------------------------------------------------------------------


def basis(root, lang="zh"):
    project = load_project(root)
    assert project.ok, [p.format() for p in project.problems[:5]]
    return standard.basis(project, store.connect(project), lang)


def test_shipped_data_has_no_monthly_figures_and_the_briefing_says_so_and_lists_the_targets():
    made = briefing(basis(ROOT), with_chart=False)
    assert made.period is None and made.title == "临沧市2023年主要经济指标完成情况"
    assert made.summary.startswith("截至目前，尚无2023年月度数据。本通报列出2023年11项主要预期目标")
    assert len(made.paragraphs) == len(made.table) == len(made.quotes) == 11
    assert (
        made.paragraphs[0]
        == "全市地区生产总值：全年目标为增长7%以上；2022年实绩为1,000.24亿元，增长4.7%；本年尚无数据。"
    )
    assert {row.status for row in made.table} == {"… 待更新"}
    assert made.as_of == "数据截至2022年"  # the newest figures are last year's results


@pytest.mark.slow
def test_with_monthly_figures_each_main_target_is_stated_and_judged_as_the_pages_judge_it(real_with_months):
    ctx = basis(real_with_months)
    made = briefing(ctx, with_chart=False)
    assert made.period == "2023-06" and made.title == "临沧市2023年1—6月主要经济指标完成情况"
    text = "\n".join(made.paragraphs)
    assert (
        "上半年，全市地区生产总值480.3亿元，同比增长6.5%，低于全年目标0.5个百分点，全省排第5位，较上期前移2位。" in text
    )
    assert "1—6月，全市固定资产投资同比增长9.5%，低于全年目标4.5个百分点，全省排第7位，较1—3月后移2位。" in text
    assert "上半年，全市城镇常住居民人均可支配收入17,900元，同比增长5.9%，慢于地区生产总值增速0.6个百分点" in text
    assert "1—6月，全市居民消费价格同比上涨0.9%，低于3%左右的目标2.1个百分点。" in text
    assert "1—6月，全市单位地区生产总值能耗按年度统计，本期无数据；全年目标为降低2%。" in text
    progress = target_progress(ctx.con, 2023, "临沧市")
    pages = dict(zip(progress["indicator_id"], progress["status"]))
    assert all(pages[i] == s for i, s in made.statuses.items() if s != "pending")
    behind = [n for n, s in zip(progress["name"], progress["status"]) if s == "behind" and n in text]
    assert "落后的2项（固定资产投资、一般公共预算支出）" in made.summary and behind == [
        "固定资产投资",
        "一般公共预算支出",
    ]


def test_an_earlier_month_is_judged_on_what_was_known_then(real_with_months):
    made = briefing(basis(real_with_months), "2023-03", with_chart=False)
    text = "\n".join(made.paragraphs)
    assert "一季度，全市地区生产总值231.5亿元，同比增长6.1%，低于全年目标0.9个百分点，全省排第7位" in text
    assert "480.3" not in text and "上半年" not in text
    assert "1—3月，全市外贸进出口总额本期无数据；全年目标为增长20%以上。" in text


def test_a_month_without_monthly_files_shows_no_older_figure_as_new(real_with_months):
    made = briefing(basis(real_with_months), "2023-05", with_chart=False)
    text = "\n".join(made.paragraphs)
    assert "1—5月，全市固定资产投资本期无数据（最近一期为1—3月）；全年目标为增长14%以上。" in text
    assert "12%" not in text.replace("增长12%以上", "")  # March's 12.0% investment growth is not shown as May's
    assert "一季度，全市地区生产总值231.5亿元" in text  # a quarterly figure is named by its quarter
    row = next(r for r in made.table if r.name == "固定资产投资")
    assert (row.latest, row.period, row.status) == ("—", "—", "… 待更新")


def test_a_period_of_a_year_without_targets_or_of_the_wrong_form_is_refused(real_with_months):
    ctx = basis(real_with_months)
    with pytest.raises(BriefingError, match="2019年没有目标"):
        briefing(ctx, "2019-06", with_chart=False)
    with pytest.raises(BriefingError, match="YYYY-MM"):
        briefing(ctx, "2023-6", with_chart=False)


OTHER_REGIONS = """\
province: 云南省
regions:
  - {name: 西双版纳州, name_en: Xishuangbanna, aliases: [版纳]}
  - {name: 临沧市, name_en: Lincang, aliases: [临沧]}
"""


@pytest.fixture
def other_place(tmp_path, monkeypatch):
    """Another project folder: another place, its own main targets and one monthly file."""
    monkeypatch.chdir(tmp_path)
    catalogue = (
        CATALOGUE.replace("region: 临沧市", "region: 西双版纳州")
        .replace("section: main", "section: t_main")
        .replace("id: main,", "id: t_main,")
        .replace("category: main", "category: t_main")
    )
    root = write_project(
        tmp_path, catalogue, results="indicator_id,period,measure,value,comparator,section,quote,note\n"
    )
    (root / "data/regions.yaml").write_text(OTHER_REGIONS, encoding="utf-8")
    (root / "data/monthly/2023-09.csv").write_text(
        textwrap.dedent("""\
        indicator_id,period,value,yoy_pct,rank,note
        gdp,2023-09,500.5,7.8,1,synthetic
        """),
        encoding="utf-8",
    )
    return root


def test_another_project_folder_gets_its_own_place_and_figures(other_place):
    made = briefing(basis(other_place), with_chart=False)
    assert made.title == "西双版纳州2023年1—9月主要经济指标完成情况"
    assert (
        made.paragraphs[0]
        == "前三季度，全州地区生产总值500.5亿元，同比增长7.8%，高于全年目标0.8个百分点，全省排第1位。"
    )
    assert "临沧" not in "\n".join(made.paragraphs + [made.summary, made.title])


# --- the Word document, the Markdown and the command line ----------------------------------------------------------


@pytest.fixture(scope="module")
def monthly_docx(tmp_path_factory):
    """The command's files on the monthly fixtures, chart included (Chromium and a CJK font are installed)."""
    root = tmp_path_factory.mktemp("briefing") / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    for path in (ROOT / "tests/fixtures/monthly").glob("*.csv"):
        shutil.copy(path, root / "data/monthly" / path.name)
    out = root.parent / "out"
    assert charts_cli(["--root", str(root), "briefing", "--out", str(out)]) == 0
    return out


def test_the_command_writes_word_markdown_and_the_chart(monthly_docx, capsys):
    assert sorted(p.name for p in monthly_docx.iterdir()) == [
        "briefing-2023-06-chart.png",
        "briefing-2023-06.docx",
        "briefing-2023-06.md",
    ]
    md = (monthly_docx / "briefing-2023-06.md").read_text(encoding="utf-8")
    assert md.startswith("# 临沧市2023年1—6月主要经济指标完成情况\n")
    # The overview's chart of this year: each main target's latest figure against its target.
    assert re.search(r"!\[2023年主要目标：1[–—]6月累计与目标\]\(briefing-2023-06-chart\.png\)", md)
    assert "| 固定资产投资 | 增长14%以上 | 9.5% | 1—6月 | -4.5个百分点 | ✖ 落后 | 第7位 |" in md


def test_the_word_document_uses_styles_an_a4_government_page_and_page_numbers(monthly_docx):
    doc = Document(monthly_docx / "briefing-2023-06.docx")
    used = [p.style.name for p in doc.paragraphs]
    assert used[0] == "Title" and doc.paragraphs[0].text == "临沧市2023年1—6月\n主要经济指标完成情况"
    assert {"Subtitle", "Heading 1", "Normal", "Caption"} <= set(used)
    assert all(not run.font.name and run.font.size is None for p in doc.paragraphs for run in p.runs)  # all in styles
    normal = doc.styles["Normal"]
    assert (
        normal.element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "仿宋_GB2312"
    )
    assert normal.font.size.pt == 16
    table = doc.tables[0]
    assert table.style.name == "Table Grid" and len(table.rows) == 12
    assert {c.paragraphs[0].style.name for row in table.rows for c in row.cells} == {"表格文字"}
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [37, 35, 28, 26]
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    assert len(doc.inline_shapes) == 1  # the overview's chart


def test_libreoffice_opens_the_word_document_with_a_chinese_font(monthly_docx, tmp_path):
    if not shutil.which("libreoffice") or not shutil.which("pdffonts"):
        pytest.fail(
            "needs libreoffice-writer and poppler-utils: bash scripts/test.sh installs them, or "
            "sudo apt-get install libreoffice-writer poppler-utils"
        )
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(monthly_docx / "briefing-2023-06.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "briefing-2023-06.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info and "841.89" in info  # A4 in points
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert any("CJK" in line and re.search(r"\byes\s+yes\b", line) for line in fonts.splitlines()), fonts  # embedded
    text = re.sub(
        r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert "临沧市2023年1—6月主要经济指标完成情况" in text
    assert "全市固定资产投资同比增长9.5%，低于全年目标4.5个百分点" in text
    assert "—1—" in text  # the page number in the footer


def test_without_chromium_the_document_is_still_written_with_a_note(real_with_months, monkeypatch):
    missing = export.Environment(None, None, ("无法导出图片：未找到 Chromium/Chrome 浏览器。",))
    monkeypatch.setattr(export, "environment", lambda: missing)
    ctx = basis(real_with_months)
    doc = Document(io.BytesIO(word_file(ctx)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "（本机无法绘制图表，文中未插入：无法导出图片：未找到 Chromium/Chrome 浏览器。）" in text
    assert len(doc.inline_shapes) == 0 and "全市固定资产投资同比增长9.5%" in text
    made = briefing(ctx)
    assert chart_png(made) == (None, missing.message())
    assert "本机无法绘制图表" in markdown_text(made, None, missing.message())


def test_the_command_refuses_a_bad_period_and_writes_nothing(real_with_months, tmp_path, capsys):
    out = tmp_path / "out"
    assert charts_cli(["--root", str(real_with_months), "briefing", "--out", str(out), "--period", "2031-01"]) == 1
    assert "2031年没有目标" in capsys.readouterr().err and not out.exists()


@pytest.mark.slow  # the command, chart included
def test_shipped_data_gives_a_markdown_briefing_of_targets_only(tmp_path):
    assert charts_cli(["briefing", "--out", str(tmp_path), "--format", "md"]) == 0
    md = (tmp_path / "briefing-2023.md").read_text(encoding="utf-8")
    assert "# 临沧市2023年主要经济指标完成情况" in md and "尚无2023年月度数据" in md
    assert (
        "## 附：目标依据（政府工作报告原文）" in md
        and "“今年经济社会发展的主要预期目标建议为：地区生产总值增长7%以上”" in md
    )
    # one line per sentence of the report: the two incomes' 同步 target is one sentence
    assert (
        "7. 城镇常住居民人均可支配收入、农村常住居民人均可支配收入（与地区生产总值增长同步）："
        "“城乡常住居民人均可支配收入与经济增长同步”"
    ) in md
    assert "10. 单位地区生产总值能耗（降低2%）：“单位地区生产总值能耗降低2%。”" in md


def test_the_english_briefing_speaks_english(real_with_months):
    made = briefing(basis(real_with_months, "en"), with_chart=False)
    assert made.title == "Lincang: main economic indicators, January–June 2023"
    doc = Document(io.BytesIO(document_bytes(made)))
    assert doc.paragraphs[0].text.startswith("Lincang:")
    assert not re.search(
        r"[\u4e00-\u9fff]", "".join(t for row in made.table for t in (row.latest, row.period, row.gap, row.status))
    )


# --- the overview's button -----------------------------------------------------------------------------------------


@pytest.mark.slow  # the whole app (AppTest)
def test_the_overview_offers_the_briefing_in_either_language(real_with_months):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    button = next(b for b in at.get("download_button") if b.proto.label == "下载月度通报")
    assert "briefing_docx" in button.proto.id
    assert "生成《主要经济指标完成情况》通报" in "\n".join(c.value for c in at.caption)
    at.sidebar.radio(key="lang").set_value("English").run()
    assert "Download the monthly briefing" in [b.proto.label for b in at.get("download_button")]
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.slow
def test_the_buttons_file_is_the_commands_document(real_with_months, monkeypatch):
    """pages.common.briefing_download hands over briefing.word_file(ctx) and briefing.file_name(ctx): the same as
    the command writes for the same folder."""
    from charts import briefing as briefings

    ctx = basis(real_with_months)
    assert briefings.file_name(ctx) == "briefing-2023-06.docx"
    monkeypatch.setattr(export, "environment", lambda: export.Environment(None, None, ("no browser",)))
    from_button = Document(io.BytesIO(briefings.word_file(ctx)))
    made = briefing(ctx)
    from_command = Document(io.BytesIO(document_bytes(made, None, "no browser")))
    assert [p.text for p in from_button.paragraphs] == [p.text for p in from_command.paragraphs]
