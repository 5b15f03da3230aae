"""Numbers as staff type them in Excel are read correctly, or refused with the text they typed."""

import pytest

from loaders.io.numbers import NotANumber, number_text, parse_number
from loaders.io.units import convert


@pytest.mark.parametrize(
    "typed, value",
    [
        ("12.5", 12.5),
        ("１２．５", 12.5),
        ("4.7%", 4.7),
        ("4.7％", 4.7),
        ("1,000.24", 1000.24),
        ("1，000.24", 1000.24),
        (" 35021 ", 35021),
        ("－3.1", -3.1),
        ("\u22123.1", -3.1),
        ("-3.1", -3.1),
        ("+16.8", 16.8),
        (".5", 0.5),
        (6, 6.0),
        (2.5, 2.5),
    ],
)
def test_every_way_of_writing_a_number_is_read(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["", " ", "-", "—", "／", "无", None, float("nan")])
def test_a_dash_or_a_blank_means_no_figure(typed):
    assert parse_number(typed) is None


@pytest.mark.parametrize("typed", ["12.5.1", "1,00", "abc", "4.7%%", "约5", "1 000,5"])
def test_anything_else_is_refused_with_what_was_typed(typed):
    with pytest.raises(NotANumber) as error:
        parse_number(typed)
    assert error.value.reason.zh == f"“{typed.strip()}”不是数字"


def test_numbers_print_as_the_report_prints_them():
    assert [number_text(v) for v in (1000.24, 7.0, 0.8, -2.0, 35021.0)] == ["1000.24", "7", "0.8", "-2", "35021"]


def test_units_convert_across_magnitudes_but_not_across_kinds():
    assert convert(7000, "户", "万户") == 0.7
    assert convert(1.7, "万户", "户") == 17000
    assert convert(1000.24, "亿元", "万元") == 10002400
    assert convert(140, "万千瓦", "千瓦") == 1400000
    assert convert(41, "件", "个") is None


MILLION_DIGITS = "1" * 1_000_000


@pytest.mark.parametrize(
    "typed", [MILLION_DIGITS, "9" * 41, "0." + "0" * 60 + "1", "１" * 50, float("inf"), -float("inf")]
)
def test_a_number_no_float_can_hold_or_absurdly_long_is_refused_not_read_as_inf(typed):
    with pytest.raises(NotANumber) as error:
        parse_number(typed)
    assert len(error.value.reason.zh) < 120  # the message quotes the start, never the million digits


def test_the_refusal_of_a_million_digits_says_why():
    with pytest.raises(NotANumber) as error:
        parse_number(MILLION_DIGITS)
    assert error.value.reason.zh == (
        "“11111111111111111111…”（1000000 个字符）不是可用的数字：数字最多 40 个字符，且须在计算机能表示的范围内"
    )
