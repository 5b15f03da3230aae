"""The status rules, on every comparator and direction."""

import pytest

from loaders.judging.status import Goal, evaluate, expected_by, required_remaining_growth

GDP = Goal("yoy_pct", ">=", 7)
CPI = Goal("yoy_pct", "~", 3, direction="lower_better", tolerance=0.5)
ENERGY = Goal("yoy_pct", "<=", -2, direction="lower_better")
INCOME = Goal("yoy_pct", "sync", None)
JOBS = Goal("level", "=", 2.95)  # 实现城镇新增就业2.95万人: a flow, pro-rated
URBANISATION = Goal("level", ">=", 40, level_kind="stock")


@pytest.mark.parametrize(
    "goal, actual, status",
    [
        (GDP, 7.2, "met"),
        (GDP, 7.0, "met"),
        (GDP, 6.3, "close"),
        (GDP, 5.9, "behind"),
        (CPI, 2.1, "met"),
        (CPI, 3.5, "met"),
        (CPI, 4.2, "close"),
        (CPI, 4.6, "behind"),
        (ENERGY, -2.5, "met"),
        (ENERGY, -1.2, "close"),
        (ENERGY, 0.5, "behind"),
    ],
)
def test_growth_targets(goal, actual, status):
    assert evaluate(goal, actual, "2023-06").status == status


def test_approximately_on_a_higher_is_better_indicator_is_met_within_tolerance_below():
    goal = Goal("yoy_pct", "~", 10, tolerance=0.5)
    assert [evaluate(goal, a, "2023-06").status for a in (9.6, 9.0, 8.4)] == ["met", "close", "behind"]


def test_at_most_on_a_level():
    goal = Goal("level", "<=", 100, level_kind="stock")
    assert [evaluate(goal, a, "2023").status for a in (95, 105, 120)] == ["met", "close", "behind"]


def test_a_target_tied_to_another_indicator_follows_that_indicators_growth():
    assert evaluate(INCOME, 6.5, "2023-06", related=6.0).status == "met"
    assert evaluate(INCOME, 5.5, "2023-06", related=6.0).status == "close"
    assert evaluate(INCOME, 4.0, "2023-06", related=6.0).status == "behind"
    assert evaluate(INCOME, 6.5, "2023-06", related=None).status == "pending"


def test_a_cumulative_flow_is_measured_against_its_pro_rated_target():
    assert expected_by(JOBS, "2023-06") == pytest.approx(1.475)
    progress = evaluate(JOBS, 1.5, "2023-06")
    assert (progress.status, progress.gap) == ("met", pytest.approx(0.025))
    assert evaluate(JOBS, 1.4, "2023-06").status == "close"  # within 10 % of 1.475
    assert evaluate(JOBS, 1.2, "2023-06").status == "behind"
    assert evaluate(JOBS, 2.95, "2023").status == "met"


def test_a_stock_is_measured_against_the_target_itself_all_year():
    assert expected_by(URBANISATION, "2023-03") == 40
    assert evaluate(URBANISATION, 39, "2023-03").status == "close"


def test_without_a_figure_of_the_targets_year_the_status_is_pending():
    assert evaluate(GDP, None, None).status == "pending"


def test_growth_needed_in_the_remaining_months():
    # Last year 1000; target +7% = 1070. Jan–Jun: 520 at +4% over last year's 500, so Jul–Dec must bring 550
    # against last year's 500: +10%.
    assert required_remaining_growth(1000, 7, 520, 4, "2023-06") == 10.0
    assert required_remaining_growth(1000, 7, None, 4, "2023-06") is None
    assert required_remaining_growth(1000, 7, 1070, 7, "2023-12") is None
