"""Static export: PNG and SVG drawn by kaleido in Debian's chromium, the meeting deck (python-pptx, opened by
LibreOffice), `python -m charts export`, and refusals when the browser or the CJK font is missing.

One browser for the whole module (the `browser` fixture holds charts.export.browser() open; everything inside it
reuses that Chromium). Needs /usr/bin/chromium, fonts-noto-cjk, libreoffice-impress and poppler-utils:
scripts/test.sh installs them."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from charts import deck, export, standard, theme
from charts.__main__ import main as charts_cli
from conftest import ROOT
from loaders import store
from loaders.progress import target_progress
from loaders.project import load_project

SHIPPED_CHARTS = (
    22  # main targets, growth rates in 3 parts, 11 main targets' progress, ranks, 2 comparisons, 3 food-safety, 1 rehab
)
SHIPPED_TARGETS = 90
TABLE_SLIDES = 1  # no 2023 figures: one collapsed line per work area


@pytest.fixture(scope="module")
def browser():
    with export.browser():
        yield


@pytest.fixture(scope="module")
def shipped():
    project = load_project(ROOT)
    return standard.basis(project, store.connect(project))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, browser):
    """`python -m charts export --out DIR` on the shipped data, in this process (so it reuses the browser)."""
    out = tmp_path_factory.mktemp("export")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = charts_cli(["export", "--out", str(out)])
    assert code == 0
    return out, printed.getvalue().splitlines()


@pytest.fixture(scope="module")
def meeting_deck(exported):
    out, _ = exported
    (path,) = out.glob("*.pptx")
    return path


def png_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def differs(a: bytes, b: bytes) -> bool:
    return ImageChops.difference(png_image(a), png_image(b)).getbbox() is not None


def text_figure(text: str, family: str | None = None) -> go.Figure:
    """A figure that is only text, in the project's template (or with the font family replaced)."""
    fig = go.Figure(
        layout=dict(
            template=theme.TEMPLATE_NAME,
            title=dict(text=text, font=dict(size=48)),
            xaxis=dict(visible=False),
            yaxis=dict(visible=False),
        )
    )
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font=dict(size=96))
    if family:
        fig.update_layout(font_family=family, title_font_family=family)
    return fig


# Images


def test_png_is_16_9_at_1920x1080_by_default_and_scales(browser, shipped):
    figure = standard.main_targets(shipped).figure
    assert export.png_size(export.figure_png(figure)) == (1920, 1080)
    assert export.png_size(export.figure_png(figure, scale=2)) == (3840, 2160)
    tall = standard.growth(shipped).figure  # all 25 growth rows: laid out on a larger page, same output size
    assert export.layout_size(tall) == (1920, 1080)
    assert export.png_size(export.figure_png(tall)) == (1920, 1080)


def test_the_cli_writes_every_standard_chart_as_png_and_svg_and_the_deck(exported):
    out, printed = exported
    written = [Path(line) for line in printed]
    assert all(path.is_file() and path.parent == out for path in written)
    assert sorted(written) == sorted(out.iterdir())
    pngs, svgs = sorted(out.glob("*.png")), sorted(out.glob("*.svg"))
    assert len(pngs) == len(svgs) == SHIPPED_CHARTS
    assert {p.stem for p in pngs} >= {
        "main-targets-2023",
        "growth-2022-2023-1",
        "gdp-2023",
        "cpi-2023",
        "ranks-2022",
        "gdp-2022-prefectures",
    }
    assert all(export.png_size(p.read_bytes()) == (1920, 1080) for p in pngs)
    assert [p.name for p in out.glob("*.pptx")] == ["meeting-deck-2023-as-of-2022.pptx"]


def test_svg_holds_the_chinese_title_and_frame_as_text(exported, shipped):
    out, _ = exported
    svg = (out / "main-targets-2023.svg").read_text(encoding="utf-8")
    width, height = export.layout_size(standard.main_targets(shipped).figure)  # a 16:9 page, 1280×720 or taller
    assert svg.startswith("<svg") and f'viewBox="0 0 {width} {height}"' in svg and width * 9 == height * 16
    for text in (
        "2023年主要目标（尚无2023年数据，灰点为2022年实绩）",
        "单位：%",
        "数据截至2022年",
        "来源：临沧市政府工作报告（2023年2月10日）",
    ):
        assert text in svg
    assert "Noto Sans CJK SC" in svg  # the template's font stack, named in the text styles


def test_a_bare_figure_is_exported_with_the_projects_template(browser):
    svg = export.figure_svg(go.Figure(layout_title_text="临沧")).decode()
    assert "Noto Sans CJK SC" in svg and "临沧" in svg


def test_chinese_glyphs_render_in_the_configured_font(browser):
    family, problem = export.find_cjk_font()
    assert problem is None and family in export.wanted_families()
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert family in listed
    city, county = export.figure_png(text_figure("临沧市政府")), export.figure_png(text_figure("临沧县政府"))
    # Empty boxes (tofu) look alike for every character: two different words drawn alike would mean no glyphs.
    assert differs(city, county)
    absent = export.figure_png(text_figure("临沧市政府", family="No Such Font Family 2023"))
    assert differs(city, absent)  # the template's family is the one in use
    ink = png_image(city).convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None  # something dark was drawn


# Refusing, with what to install, rather than writing boxes


def test_no_chromium_is_refused_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(export, "DEBIAN_CHROMIUM", str(tmp_path / "no-chromium"))
    from choreographer.browsers.chromium import Chromium

    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kwargs: None))
    monkeypatch.setattr(export, "_current", None)  # as if no browser were open yet
    with pytest.raises(export.ExportUnavailable) as refused:
        export.figure_png(go.Figure())
    message = str(refused.value)
    assert "未找到 Chromium" in message and "no Chromium or Chrome browser found" in message
    assert "apt-get install chromium" in message and "BROWSER_PATH" in message


def test_no_cjk_font_is_refused_before_anything_is_drawn(monkeypatch, tmp_path):
    monkeypatch.setattr(theme, "FONT_FAMILY", "No Such CJK Font, sans-serif")
    monkeypatch.setattr(export, "_current", None)
    with pytest.raises(export.ExportUnavailable) as refused:
        export.figure_png(go.Figure())
    message = str(refused.value)
    assert "空白方框" in message and "empty boxes" in message
    assert "fonts-noto-cjk" in message and "fonts-wqy-microhei" in message


def run_cli(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "charts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        timeout=300,
    )


def test_the_cli_exits_1_writing_nothing_without_chromium(tmp_path):
    result = run_cli("export", "--out", str(tmp_path / "out"), BROWSER_PATH=str(tmp_path / "no-chromium"))
    assert result.returncode == 1 and result.stdout == ""
    assert "BROWSER_PATH" in result.stderr and "不是可执行的浏览器" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_browser_that_does_not_start_is_refused_not_waited_for(tmp_path):
    result = run_cli("export", "--out", str(tmp_path / "out"), "--format", "png", BROWSER_PATH=shutil.which("false"))
    assert result.returncode == 1 and result.stdout == ""
    assert "did not start" in result.stderr and "未能启动" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_cli_exits_1_writing_nothing_without_a_chinese_font(tmp_path):
    config = tmp_path / "fonts.conf"  # fontconfig with no font folders: fc-list finds no Chinese font
    config.write_text(
        '<?xml version="1.0"?><fontconfig><cachedir>' + str(tmp_path / "cache") + "</cachedir></fontconfig>",
        encoding="utf-8",
    )
    result = run_cli("export", "--out", str(tmp_path / "out"), "--format", "png", FONTCONFIG_FILE=str(config))
    assert result.returncode == 1 and result.stdout == ""
    assert "fonts-noto-cjk" in result.stderr and "Cannot export images" in result.stderr
    assert not (tmp_path / "out").exists()


# The deck


def test_the_deck_is_16_9_with_a_cover_a_slide_per_chart_and_the_target_table(meeting_deck):
    prs = Presentation(str(meeting_deck))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 2 + SHIPPED_CHARTS + TABLE_SLIDES  # cover, summary, charts, table
    cover = " ".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "临沧市2023年政府工作报告主要指标" in cover and "数据截至2022年" in cover and "制作日期：" in cover
    for slide in slides[2 : 2 + SHIPPED_CHARTS]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert len(pictures) == 1
        assert pictures[0].width == prs.slide_width - 2 * deck.MARGIN  # the content area's width
        assert any("数据截至" in text and "来源：" in text for text in texts)  # the footnote
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    titles = [slides[n].shapes[1].text_frame.text for n in (2, 3, 4)]
    assert titles == [
        "2023年主要目标（尚无2023年数据，灰点为2022年实绩）",
        "增长速度：2022年实绩与2023年目标（1/3）",
        "增长速度：2022年实绩与2023年目标（2/3）",
    ]


def test_speaker_notes_state_the_figures_in_words(meeting_deck):
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(meeting_deck)).slides]
    assert "地区生产总值：目标增长7%以上，尚无2023年数据（2022年增长 4.7%）。" in notes[2]
    assert "地区生产总值：2022年增长4.7%，2023年目标增长7%以上，2022年增速全省第6位。" in notes[3]
    assert "单位地区生产总值能耗：目标降低2%，尚无2023年数据。" in notes[2]
    assert "地区生产总值：2023年目标增长7%以上。尚无2023年数据；2022年实绩：增长4.7%。" in "\n".join(notes)
    assert "临沧市2022年地区生产总值为1,000.24 亿元，居全省第11位（共16个）" in "\n".join(notes)


def test_the_summary_table_holds_every_target_of_the_year(meeting_deck, shipped):
    tables = [
        shape.table for slide in Presentation(str(meeting_deck)).slides for shape in slide.shapes if shape.has_table
    ]
    assert len(tables) == TABLE_SLIDES
    assert [cell.text for cell in tables[0].rows[0].cells] == ["状态", "指标", "2023年目标", "最新实绩", "期间", "差距"]
    lines = [row.cells[0].text for table in tables for row in list(table.rows)[1:]]
    progress = target_progress(shipped.con, shipped.year, shipped.region)
    # no 2023 figures in the shipped data: every target awaits data, one line per work area with its count, except
    # the scopes of tasks (推进17个片区), which are not judged: a line of their own in their work areas
    waiting = progress[progress["status"] == "pending"]
    pending = [line for line in lines if "… 待更新" in line]
    scopes = [line for line in lines if "— 不评判（任务范围）" in line]
    assert len(pending) == waiting["section"].nunique() and len(pending) + len(scopes) == len(lines)
    counted = [int(re.split(r"待更新 |任务范围）", line)[1].split(" 项")[0]) for line in lines]
    assert sum(counted) == SHIPPED_TARGETS


def test_the_deck_opens_in_libreoffice_with_chinese_text(meeting_deck, tmp_path):
    if not shutil.which("libreoffice") or not shutil.which("pdffonts"):
        pytest.fail(
            "needs libreoffice-impress and poppler-utils: bash scripts/test.sh installs them, or "
            "sudo apt-get install libreoffice-impress poppler-utils"
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
            str(meeting_deck),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / f"{meeting_deck.stem}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {2 + SHIPPED_CHARTS + TABLE_SLIDES}" in info
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts  # the slide text was set in an installed Chinese font, not boxes
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "会议材料" in text


# The page's choice of charts, an English deck, and the benchmark command


def test_the_default_deck_holds_the_overviews_charts_and_speaks_english(browser, shipped):
    project = shipped.project
    english = standard.basis(project, shipped.con, "en")
    entries = standard.menu(english)
    keys = standard.default_keys(entries)
    assert keys[:2] == ["main", "growth"] and keys[-1] == "ranks" and len(keys) == 14
    assert not any(key.startswith("provincial:") for key in keys)
    prs = Presentation(io.BytesIO(deck.meeting_deck(english, ["main", "ranks"])))
    slides = list(prs.slides)
    assert len(slides) == 2 + 2 + TABLE_SLIDES
    assert slides[2].shapes[1].text_frame.text == "Main targets 2023 (no 2023 figures yet; grey dots: 2022 results)"
    assert (
        "Gross regional product: target growth ≥ 7%; no 2023 figures yet (2022: 4.7%)."
        in slides[2].notes_slide.notes_text_frame.text
    )
    assert [c.text for c in slides[4].shapes[2].table.rows[0].cells][:3] == ["Status", "Indicator", "2023 target"]


def test_the_benchmark_prints_each_charts_time_beside_an_empty_figures(browser, capsys):
    assert charts_cli(["bench", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "empty figure, same browser" in out and "main-targets-2023" in out and "whole deck" in out


# The page: buttons that draw only when clicked, and an honest message when export cannot work here


@pytest.fixture
def fresh_caches():
    """The store and the export check are cached for the process: start and leave each page test clean."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_overview():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_overview_offers_png_svg_and_the_deck_with_the_default_charts(fresh_caches):
    at = open_overview()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载数据 CSV", "下载数据 Excel", "下载 PNG", "下载 SVG", "下载会议材料 PPTX", "下载月度通报"]
    assert at.segmented_control(key="growth_vs_target_scale").options == ["1920×1080", "2880×1620", "3840×2160"]
    chosen = at.multiselect(key="deck_charts").value
    assert len(chosen) == 14 and chosen[0] == "main" and chosen[-1] == "ranks"


def test_without_a_browser_the_page_says_what_to_install_instead_of_offering_images(
    fresh_caches, monkeypatch, tmp_path
):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    at = open_overview()
    labels = [b.proto.label for b in at.get("download_button")]
    # the monthly briefing is still offered: it is written without its chart, with a note saying why
    assert labels == ["下载数据 CSV", "下载数据 Excel", "下载月度通报"]
    assert len(at.warning) == 2 and all("BROWSER_PATH" in w.value for w in at.warning)


def test_pngs_draws_every_figure_in_order_as_figure_png_does(browser, shipped):
    charts = standard.build(shipped, ["main", "ranks", "main"])
    drawn = list(export.pngs(chart.figure for chart in charts))
    assert len(drawn) == 3
    assert not differs(drawn[0], export.figure_png(charts[0].figure))
    assert not differs(drawn[1], export.figure_png(charts[1].figure))
    assert differs(drawn[0], drawn[1]) and not differs(drawn[0], drawn[2])
    assert list(export.pngs([])) == []


def test_pngs_stops_drawing_when_the_caller_stops(browser):
    def figures():
        yield go.Figure()
        raise RuntimeError("building the next chart failed")

    with pytest.raises(RuntimeError, match="building the next chart failed"):
        list(export.pngs(figures()))
    assert export.png_size(export.figure_png(go.Figure())) == (1920, 1080)  # the browser still draws


def test_the_meeting_deck_drawn_while_built_is_the_deck_of_the_charts_and_their_images(browser, shipped):
    """deck.meeting_deck (charts built one at a time while the previous one is drawn) makes the deck that
    deck_bytes makes from the same charts and images, slide for slide."""
    keys = ["main", "ranks"]
    day = dt.date(2024, 1, 2)
    piped = Presentation(io.BytesIO(deck.meeting_deck(shipped, keys, today=day)))
    charts = standard.build(shipped, keys)
    whole = Presentation(io.BytesIO(deck.deck_bytes(shipped, charts, list(deck.slide_pngs(charts)), today=day)))
    assert len(piped.slides) == len(whole.slides)
    for a, b in zip(piped.slides, whole.slides):
        assert [s.shape_type for s in a.shapes] == [s.shape_type for s in b.shapes]
        assert [s.text_frame.text for s in a.shapes if s.has_text_frame] == [
            s.text_frame.text for s in b.shapes if s.has_text_frame
        ]
        assert a.notes_slide.notes_text_frame.text == b.notes_slide.notes_text_frame.text
        for x, y in zip(a.shapes, b.shapes):
            if x.shape_type == MSO_SHAPE_TYPE.PICTURE:
                assert not differs(x.image.blob, y.image.blob)


def test_progress_charts_built_together_are_those_built_one_by_one(shipped):
    """standard.build asks for every progress chart's series in one query; each chart is the one progress_chart
    draws from its own queries, and its rows are the same (as CSV: a column empty for one indicator may come out
    typed as the other indicators' column, its blanks NaN rather than None)."""
    progress = target_progress(shipped.con, shipped.year, shipped.region)
    keys = [key for key in standard.menu(shipped, progress) if key.startswith(standard.PROGRESS)]
    assert len(keys) > 1
    together = standard.build(shipped, keys, progress)
    targets = {}
    for row in progress.to_dict("records"):
        targets.setdefault(row["indicator_id"], row)
    alone = [standard.progress_chart(shipped, targets[key.removeprefix(standard.PROGRESS)]) for key in keys]
    assert [c.figure.to_json() for c in together] == [c.figure.to_json() for c in alone]
    assert [c.notes for c in together] == [c.notes for c in alone]
    assert [c.data.to_csv() for c in together] == [c.data.to_csv() for c in alone]


def test_an_exported_png_leaves_a_margin_above_its_title(browser, shipped):
    image = png_image(export.figure_png(standard.main_targets(shipped).figure)).convert("L")
    width, _ = image.size
    first_ink = next(
        row for row in range(image.size[1]) if any(image.getpixel((x, row)) < 200 for x in range(0, width, 2))
    )
    assert first_ink >= 16  # pixels of 1080: the title never starts at the image's top row
