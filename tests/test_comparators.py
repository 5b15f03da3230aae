"""The comparator table (loaders/judging/comparators.py) is the one place a comparator's words and rules live."""

import re
from pathlib import Path

import pytest

from charts import format as fmt
from loaders.judging.comparators import COMPARATORS, DECLINE_WORDS, SYMBOLS, comparator_for_word
from loaders.judging.status import Goal, evaluate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "word, symbol",
    [
        ("以上", ">="),
        ("不低于", ">="),
        ("突破", ">="),
        ("超过", ">="),
        ("以内", "<="),
        ("不超过", "<="),
        ("控制在", "<="),
        ("左右", "~"),
        ("同步", "sync"),
        ("降低", "<="),
        ("下降", "<="),
    ],
)
def test_every_printed_word_names_its_comparator(word, symbol):
    assert comparator_for_word(word).symbol == symbol


def test_an_unknown_word_names_no_comparator():
    assert comparator_for_word("大约") is None


def test_no_word_means_two_comparators():
    words = [w for c in COMPARATORS.values() for w in c.words_zh] + list(DECLINE_WORDS)
    assert len(words) == len(set(words))


def test_the_data_files_accept_exactly_the_table():
    assert SYMBOLS == (">=", "<=", "~", "=", "sync", "scope")
    from loaders.readers.catalogue import TARGET_FIELDS

    assert next(f for f in TARGET_FIELDS if f.name == "comparator").choices == SYMBOLS


@pytest.mark.parametrize(
    "symbol, value, zh, en",
    [
        (">=", 7, "增长7%以上", "growth ≥ 7%"),
        ("<=", 3, "增长不超过3%", "growth ≤ 3%"),
        ("<=", -2, "降低2%", "fall of 2% or more"),
        ("~", 3, "3%左右", "about 3%"),
        ("=", 5, "增长5%", "growth 5%"),
    ],
)
def test_growth_targets_read_as_the_report_prints_them(symbol, value, zh, en):
    assert fmt.target("yoy_pct", symbol, value, "%", "zh") == zh
    assert fmt.target("yoy_pct", symbol, value, "%", "en") == en


def test_level_and_sync_targets_and_short_labels():
    assert fmt.target("level", ">=", 270, "亿元", "zh") == "270 亿元以上"
    assert fmt.target("level", "<=", 60, "万吨", "en") == "≤ 60 (10k t)"
    assert fmt.target("yoy_pct", "sync", None, "%", "zh", "地区生产总值") == "与地区生产总值增长同步"
    assert fmt.target("yoy_pct", "sync", None, "%", "en", "GDP") == "in step with GDP growth"
    assert [fmt.target_short(c, 3, "%", "zh") for c in SYMBOLS] == ["≥3%", "≤3%", "≈3%", "3%", "同步", "3%"]
    assert fmt.target_short("sync", None, "%", "en") == "in step"


@pytest.mark.parametrize(
    "symbol, direction, bound",
    [
        (">=", "lower_better", ">="),
        ("<=", "higher_better", "<="),
        ("~", "higher_better", ">="),
        ("~", "lower_better", "<="),
        ("=", "higher_better", ">="),
        ("=", "lower_better", "<="),
        ("sync", "higher_better", ">="),
        ("sync", "lower_better", "<="),
    ],
)
def test_the_good_side_comes_from_the_table(symbol, direction, bound):
    goal = Goal("yoy_pct", symbol, None if symbol == "sync" else 5.0, direction, 0.5)
    assert evaluate(goal, 5.0, "2023-06", related=5.0).bound == bound == COMPARATORS[symbol].bound(direction)


def test_no_module_tests_a_comparator_symbol_by_hand():
    """Rules about a comparator are asked of the table, not spelt `comparator == "sync"` in a module."""
    spelt = re.compile(r"""comparator\s*(==|!=)\s*["'](sync|~|=|<=|>=)["']|\.eq\(["']sync["']\)""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("loaders", "charts", "pages")
        for path in (ROOT / folder).rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelt.search(line)
    ]
    assert found == []
