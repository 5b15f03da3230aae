"""Each private API or inner markup the project relies on (workarounds.py) still exists in the installed libraries:
these fail when an upgrade removes or renames one, before a page or an export breaks."""

import inspect
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import workarounds

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow  # a fresh interpreter
def test_nothing_below_pages_imports_streamlit_through_the_workarounds():
    code = (
        "import sys, workarounds, charts.deck, charts.export, charts.briefing.word; "
        "assert 'streamlit' not in sys.modules, 'streamlit imported'"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_streamlit_markup_named_in_the_css_and_the_browser_checks_is_in_its_front_end():
    import streamlit

    bundle = Path(streamlit.__file__).parent / "static"
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in bundle.rglob("*.js"))
    quoted = set(re.findall(r"[`\"'](st[A-Z]\w*)[`\"']", text))  # the bundle quotes its names with any of the three
    assert [name for name in workarounds.STREAMLIT_TEST_IDS if name not in quoted] == []
    assert "st-key-" in text and "data-test-script-state" in text and "notRunning" in text
    css = (ROOT / "pages" / "look.py").read_text(encoding="utf-8")
    assert set(re.findall(r'data-testid="(\w+)"', css)) <= set(workarounds.STREAMLIT_TEST_IDS)


def test_the_legacy_pages_mode_is_a_class_attribute_that_can_be_switched_off():
    from streamlit.runtime.pages_manager import PagesManager

    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert workarounds.leave_legacy_pages_mode() is True
        assert PagesManager.uses_pages_directory is False
        assert workarounds.leave_legacy_pages_mode() is False
    finally:
        PagesManager.uses_pages_directory = before


def test_apptest_gives_its_registered_pages_and_its_element_tree(tmp_path):
    from streamlit.testing.v1 import AppTest

    (tmp_path / "one.py").write_text("import streamlit as st\nst.metric('a', 1)\n", encoding="utf-8")
    app = tmp_path / "app.py"
    app.write_text("import streamlit as st\nst.navigation([st.Page('one.py')]).run()\n", encoding="utf-8")
    at = AppTest.from_file(str(app), default_timeout=30).run()
    assert not at.exception
    paths = {Path(str(info["script_path"])).name for info in workarounds.apptest_registered_pages(at).values()}
    assert paths == {"one.py"}
    tree = workarounds.apptest_tree(at)
    kinds = []

    def walk(node):
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            kinds.append(child.type)
            walk(child)

    walk(tree)
    assert "metric" in kinds


@pytest.mark.slow  # Chromium
def test_kaleido_finds_the_system_browser_and_can_open_a_tab():
    import kaleido

    found = workarounds.find_chrome()
    assert found is None or os.access(found, os.X_OK)
    opener = kaleido.Kaleido._create_kaleido_tab
    assert inspect.iscoroutinefunction(opener) and list(inspect.signature(opener).parameters) == ["self"]


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(out, format="PNG")
    return out.getvalue()


def test_python_pptx_elements_the_deck_writes_into():
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    run = slide.shapes.add_textbox(0, 0, Emu(100), Emu(100)).text_frame.paragraphs[0].add_run()
    assert workarounds.pptx_run_properties(run.font).tag.endswith("}rPr")
    cell = slide.shapes.add_table(1, 1, 0, 0, Emu(100), Emu(100)).table.cell(0, 0)
    assert workarounds.pptx_cell_element(cell).tag.endswith("}tc")
    assert workarounds.pptx_shape_tree(slide.shapes).tag.endswith("}spTree")
    part, rel_id = slide.part.get_or_add_image_part(io.BytesIO(_png()))
    workarounds.pptx_add_picture_part(slide.shapes, part, rel_id, 0, 0, Emu(40), Emu(30))
    pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1 and pictures[0].image.blob == _png()


def test_python_docx_elements_the_briefing_writes_into():
    from docx import Document

    doc = Document()
    run = doc.add_paragraph().add_run("x")
    assert workarounds.docx_run_properties(run.font).tag.endswith("}rPr")
    assert workarounds.docx_run_element(run).tag.endswith("}r")
    assert workarounds.docx_row_element(doc.add_table(rows=1, cols=1).rows[0]).tag.endswith("}tr")
    font_table = next(p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml"))
    xml = font_table.blob.replace(b"</w:fonts>", b'<w:font w:name="X"/></w:fonts>')
    workarounds.docx_replace_part_xml(font_table, xml)
    saved = io.BytesIO()
    doc.save(saved)
    reopened = Document(io.BytesIO(saved.getvalue())).part.package.iter_parts()
    assert b'w:name="X"' in next(p for p in reopened if str(p.partname).endswith("fontTable.xml")).blob


def test_argparse_lists_the_subcommands_with_their_help_and_options():
    import argparse

    parser = argparse.ArgumentParser(prog="tool")
    commands = parser.add_subparsers(dest="command")
    export = commands.add_parser("export", help="write the charts")
    export.add_argument("--out")
    found = workarounds.argparse_subcommands(parser)
    assert [(name, text) for name, text, _ in found] == [("export", "write the charts")]
    assert workarounds.argparse_option_strings(found[0][2]) == {"-h", "--help", "--out"}
