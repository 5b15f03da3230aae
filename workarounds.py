"""Every use of a library's private API or inner markup, one small function each, saying which version needs it and
why; tests/test_workarounds.py fails when a library changes under one of them. Check them on every upgrade.

This module sits at the top level because charts/ (python-pptx, python-docx, kaleido), pages/ and benchmarks/
(Streamlit) all use it. It imports no library at module level, and Streamlit only inside the functions that
only pages and benchmarks call, so that nothing below pages/ imports Streamlit through it."""

from __future__ import annotations

# --- Streamlit 1.67 ----------------------------------------------------------------------------------------------

# Streamlit's own element names (data-testid) and its key classes (st-key-<key>) in the CSS of pages/look.py and in
# the browser checks of benchmarks/: inner markup, not an API. Each must occur in Streamlit's front-end bundle.
STREAMLIT_TEST_IDS = (
    "stElementContainer",
    "stPageLink",
    "stMetricValue",
    "stMainBlockContainer",
    "stPlotlyChart",
    "stApp",
    "stFileUploaderDropzone",
    "stFileUploaderDropzoneInstructions",
)
CHART_DRAWN = '[data-testid="stPlotlyChart"] .main-svg'  # plotly's own SVG inside Streamlit's chart element
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def leave_legacy_pages_mode() -> bool:
    """Switch off Streamlit's old multipage mode (a folder named pages/ beside the entry script) for this server;
    True when it was on. Streamlit 1.67 starts each server in it and ends it only once st.navigation runs, so a
    session whose first URL names a page runs that file alone. No public switch exists."""
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return False
    PagesManager.uses_pages_directory = False
    return True


def apptest_registered_pages(at) -> dict:
    """The pages an AppTest's app registered with st.navigation on its last run: AppTest (1.67) keeps them in
    `_registered_pages` and has no public accessor."""
    return at._registered_pages


def apptest_tree(at):
    """The root of an AppTest's element tree (1.67: `_tree`), to count every element a page drew; the public
    accessors give one kind of element at a time."""
    return at._tree


# --- kaleido 1.5 (choreographer 1.4) -----------------------------------------------------------------------------


def find_chrome() -> str | None:
    """A Chrome or Chromium on PATH or in its usual place, found by kaleido's browser driver without downloading
    one (skip_local: never the copy `plotly_get_chrome` would fetch). kaleido 1.5 has no public finder."""
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=True)


async def kaleido_open_tab(kaleido) -> None:
    """Open one more tab in a running kaleido.Kaleido: kaleido 1.5 opens its n tabs at start only (in
    populate_targets, with this private coroutine), and a browser started with one tab is ready sooner."""
    await kaleido._create_kaleido_tab()


# --- python-pptx 1.0 ---------------------------------------------------------------------------------------------


def pptx_run_properties(font):
    """The <a:rPr> element of a pptx Font, to name the East Asian font (<a:ea>), which python-pptx 1.0 cannot set."""
    return font._rPr


def pptx_add_picture_part(shapes, image_part, rel_id: str, left, top, width, height) -> None:
    """Place an image part already related to the slide: the second half of shapes.add_picture, whose first half
    walks every part of the package per picture (python-pptx 1.0), quadratic in a deck's slides."""
    shapes._add_pic_from_image_part(image_part, rel_id, left, top, width, height)
    shapes._recalculate_extents()


def pptx_cell_element(cell):
    """A table cell's <a:tc>, copied to style a cell as a styled one (python-pptx 1.0's setters: 0.5 ms a cell)."""
    return cell._tc


def pptx_shape_tree(shapes):
    """The <p:spTree> of a slide's (or its notes') shapes, to tag every run with its language in one walk."""
    return shapes._spTree


# --- python-docx 1.2 ---------------------------------------------------------------------------------------------


def docx_run_properties(font):
    """The <w:rPr> of a docx Font (a style's or a run's), to name the East Asian font and drop the theme fonts:
    python-docx 1.2 sets only the Latin name."""
    return font._element.get_or_add_rPr()


def docx_run_element(run):
    """A run's <w:r>, to append a field (PAGE): python-docx 1.2 has no fields."""
    return run._r


def docx_row_element(row):
    """A table row's <w:tr>, to mark it as the header that repeats on each page: python-docx 1.2 cannot."""
    return row._tr


def docx_replace_part_xml(part, xml: bytes) -> None:
    """Replace the XML of a part python-docx 1.2 keeps as bytes only (the font table, to declare fallback fonts)."""
    part._blob = xml


# --- argparse (Python 3.11 standard library) ---------------------------------------------------------------------


def argparse_subcommands(parser) -> list[tuple[str, str, object]]:
    """(name, help, parser) of each subcommand, in the order they were added: argparse lists them only in its help
    text. The generated docs/cli.md and the stale-reference test of tests/test_docs.py walk them."""
    import argparse

    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found += [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return found


def argparse_option_strings(parser) -> set[str]:
    """Every option string a parser takes (--out, -h): argparse keeps them only on its private actions."""
    return {option for action in parser._actions for option in action.option_strings}
