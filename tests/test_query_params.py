"""Anyone can type anything into a link: every parameter every page reads, given a hostile value, is ignored with a
short notice, and no page shows a traceback (issue #26, point 6)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders.project import ROOT
from pages.registry import VIEWER_PAGES

ENTRY = str(ROOT / "dashboard.py")
# The parameters each page reads from its address (grep query_params and choice_in_url in pages/).
READS = {
    "pages/overview.py": ["year"],
    "pages/growth.py": ["year"],
    "pages/progress.py": ["year", "indicator"],
    "pages/rankings.py": ["year", "indicator", "compare"],
    "pages/tasks.py": ["year"],
    "pages/foodsafety.py": ["year", "point"],
    "pages/rehab.py": ["year", "service", "age"],
    "pages/sources.py": ["year", "q"],
}
HOSTILE = {
    "empty": "",
    "huge": "9" * 20_000,
    "not a number": "abc",
    "negative": "-1",
    "out of range": "99",
    "exponent": "1e5",
    "unicode": "٣\u202e😀临沧|2022|level",
    "markup": "![x](http://127.0.0.1:9/x.png)|<img src=x>",
    "repeated": ["6", "abc"],
}
TRACEBACK_SIGNS = ("Traceback", 'File "', "/work/", "site-packages", "Error:")
NOTICE = "链接中的参数"


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


def shown_texts(node) -> list[str]:
    """Every element's protobuf as text, the whole tree down: whatever the browser would be sent to show."""
    texts = [str(node.proto)] if getattr(node, "proto", None) is not None else []
    for child in getattr(node, "children", {}).values():
        texts += shown_texts(child)
    return texts


def opened(file: str, query: dict) -> AppTest:
    at = AppTest.from_file(ENTRY, default_timeout=90)
    at.query_params.update(query)
    at.run()
    at.switch_page(file).run()
    return at


def test_the_fuzz_covers_every_viewer_page():
    assert set(READS) == {p.file for p in VIEWER_PAGES}


@pytest.mark.parametrize("file", list(READS), ids=[f.split("/")[1][:-3] for f in READS])
def test_no_hostile_value_of_any_parameter_shows_a_traceback(file):
    for kind, value in HOSTILE.items():
        at = opened(file, dict.fromkeys(READS[file], value))
        assert not at.exception, (kind, [e.message for e in at.exception])
        texts = shown_texts(at._tree)
        leaks = [sign for sign in TRACEBACK_SIGNS if any(sign in text for text in texts)]
        assert not leaks, (kind, leaks)
        assert at.title, kind  # the page itself is shown, with its defaults


def test_an_age_that_is_not_a_childs_age_is_ignored_with_a_notice():
    for value in ("abc", "99", "-1", "1e5", "", "6" * 5000, "٣"):
        at = opened("pages/rehab.py", {"age": value})
        assert not at.exception
        assert at.number_input(key="age").value == 6, value  # the lookup's usual age
        assert [m.value for m in at.toast if NOTICE in m.value and "age" in m.value], value
        assert at.query_params["age"] == "6"  # the link now says what the page shows
    at = opened("pages/rehab.py", {"age": "12"})
    assert at.number_input(key="age").value == 12 and not [m for m in at.toast if NOTICE in m.value]


def test_a_comparison_that_does_not_exist_is_ignored_with_a_notice():
    at = opened("pages/rankings.py", {"compare": "gdp|1900|level"})
    assert not at.exception
    assert [m.value for m in at.toast if "compare" in m.value]
    assert at.query_params["compare"] != "gdp|1900|level"
    good = opened("pages/rankings.py", {"compare": at.query_params["compare"]})
    assert not [m for m in good.toast if NOTICE in m.value]


def test_an_unknown_year_indicator_or_point_is_ignored_with_a_notice():
    for file, key, value in (
        ("pages/progress.py", "indicator", "no_such_indicator"),
        ("pages/foodsafety.py", "point", "P999"),
        ("pages/tasks.py", "year", "1900"),
    ):
        at = opened(file, {key: value})
        assert not at.exception
        assert [m.value for m in at.toast if NOTICE in m.value and key in m.value], (file, key)


@pytest.mark.page_failure_expected
def test_a_page_that_fails_shows_one_short_chinese_sentence_and_no_traceback(monkeypatch, caplog):
    import charts.standard

    def broken(*args, **kwargs):
        raise RuntimeError("boom at /work/secret/path.py")

    monkeypatch.setattr(charts.standard, "growth_table", broken)
    at = opened("pages/growth.py", {})
    assert not at.exception
    assert [e.value for e in at.error] == ["页面出错，已记录。请刷新页面；仍然出错请告知维护人员。"]
    assert not any("boom" in text or "/work/" in text for text in shown_texts(at._tree))
    logged = [r for r in caplog.records if r.name == "dashboard.page_failed"]
    assert logged and "boom at /work/secret/path.py" in caplog.text  # the server's log keeps the whole story
