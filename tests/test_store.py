"""The DuckDB store: named, parameterised queries over facts built in memory from the files."""

import pytest

from loaders import store
from loaders.project import ROOT, load_project


@pytest.fixture
def con(mini):
    return store.connect(load_project(mini))


def test_targets_come_with_last_years_results_of_the_same_indicator(con):
    rows = store.target_inputs(con, 2023, "临沧市").set_index("indicator_id")
    gdp = rows.loc["gdp"]
    assert (gdp["target"], gdp["comparator"], gdp["prev_level"], gdp["prev_yoy_pct"], gdp["prev_rank"]) == (
        7,
        ">=",
        1000.24,
        4.7,
        6,
    )
    assert gdp["prev_quote"].startswith("地区生产总值达1000.24亿元")
    income = rows.loc["urban_income"]
    assert (income["comparator"], income["relative_name"]) == ("sync", "地区生产总值")
    assert rows.loc["cpi"]["prev_yoy_pct"] != rows.loc["cpi"]["prev_yoy_pct"]  # no 2022 figure: NaN, never invented


def test_user_text_in_a_query_is_a_parameter_not_sql(con):
    assert store.target_inputs(con, 2023, "临沧市' OR '1'='1").empty
    assert len(store.target_inputs(con, 2023, "临沧市")) == 4


def test_figures_printed_in_another_magnitude_are_also_given_in_the_indicators_unit():
    facts = store.all_facts(store.connect(load_project(ROOT)))
    con = store.connect(load_project(ROOT))
    retrofit = con.execute(
        "SELECT scenario, value, unit, indicator_value FROM facts_named WHERE indicator_id = ? ORDER BY scenario",
        ["rural_housing_seismic_retrofit"],
    ).fetchall()
    assert retrofit == [("actual", 2.07, "万户", 2.07), ("target", 7000.0, "户", 0.7)]
    assert len(facts) == len(load_project(ROOT).facts)


def test_target_years_lists_the_years_that_have_targets(con):
    assert store.target_years(con) == [2023]


def test_the_latest_figure_of_the_year_is_judged_and_ranks_show_their_change(mini):
    (mini / "data/monthly/2023-03.csv").write_text(
        "indicator_id,period,value,yoy_pct,rank\ngdp,2023-03,230,6.1,7\n", encoding="utf-8"
    )
    (mini / "data/monthly/2023-06.csv").write_text(
        "indicator_id,period,value,yoy_pct,rank\ngdp,2023-06,480,6.5,5\n", encoding="utf-8"
    )
    con = store.connect(load_project(mini))
    gdp = store.target_inputs(con, 2023, "临沧市").set_index("indicator_id").loc["gdp"]
    assert (gdp["actual_period"], gdp["actual"], gdp["latest_level"], gdp["latest_rank"]) == ("2023-06", 6.5, 480, 5)
    ranks = store.rank_table(con, "临沧市").set_index("indicator_id").loc["gdp"]
    assert (ranks["rank"], ranks["previous_rank"], ranks["previous_period"]) == (5, 7, "2023-03")
    assert store.latest_period(con, "临沧市") == "2023-06"
    income = store.target_inputs(con, 2023, "临沧市").set_index("indicator_id").loc["urban_income"]
    assert income["related_actual"] != income["related_actual"]  # no income figure yet: nothing to relate


def test_provincial_ranking_ranks_every_region_once(mini):
    (mini / "data/provincial/2022.csv").write_text(
        "region,indicator_id,period,value,source\n版纳,gdp,2022,721.39,yearbook\n临沧市,gdp,2022,1000.24,yearbook\n",
        encoding="utf-8",
    )
    con = store.connect(load_project(mini))
    ranking = store.provincial_ranking(con, "gdp", "2022", "level")
    assert ranking[["region", "rank", "source"]].values.tolist() == [
        ["临沧市", 1, "yearbook"],
        ["西双版纳州", 2, "yearbook"],
    ]


def test_the_app_hands_its_facts_to_the_store_and_gets_the_same_store(mini):
    """store.connect(release_facts=True), as the app builds it: the same facts table, row for row and type for
    type, with the project's own facts given up (the app's pages ask the store, never project.facts)."""
    (mini / "data/monthly/2023-03.csv").write_text(
        "indicator_id,period,value,yoy_pct,rank\ngdp,2023-03,230,6.1,7\n", encoding="utf-8"
    )
    (mini / "data/provincial/2022.csv").write_text(
        "region,indicator_id,period,value,source\n版纳,gdp,2022,721.39,yearbook\n临沧市,gdp,2022,1000.24,yearbook\n",
        encoding="utf-8",
    )
    for root in (mini, ROOT):
        kept, released = load_project(root), load_project(root)
        expected = store.connect(kept)
        con = store.connect(released, release_facts=True)
        assert len(kept.facts) > 0 and len(released.facts) == 0
        for sql in ("DESCRIBE facts", "SELECT * FROM facts"):
            assert con.execute(sql).df().equals(expected.execute(sql).df())
