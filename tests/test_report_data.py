"""The shipped data: every figure of the work report, true to its sentence, and none missed."""

from collections import Counter

import pytest

from loaders import coverage
from loaders.project import ROOT, load_project
from loaders.readers.sources import squash


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def fact(project, indicator_id, period, measure, scenario="actual"):
    found = [
        f
        for f in project.facts
        if (f.indicator_id, f.period, f.measure, f.scenario) == (indicator_id, period, measure, scenario) and f.quote
    ]
    assert len(found) == 1, f"expected one {indicator_id} {period} {measure} {scenario}, found {len(found)}"
    return found[0]


def test_the_shipped_files_have_no_error_and_warn_only_of_the_two_documents_that_disagree(project):
    """The food-safety plan and its checklist disagree on one figure (知晓率 80% vs 85%); both are kept, and validate
    says so. Their food sampling (6 vs 4 批次/千人) is two scopes, two indicators: no warning."""
    assert [p.format() for p in project.problems if p.severity == "error"] == []
    warned = sorted(p.zh.split(" ")[0] for p in project.problems if p.severity == "warning")
    assert warned == ["fs_creation_awareness_rate"]


def test_every_quote_occurs_in_the_report_once_whitespace_is_removed(project):
    report = squash((ROOT / "data/sources/lincang-gazette-2023-02.txt").read_text(encoding="utf-8"))
    quoted = [f for f in project.facts if f.quote]
    assert len(quoted) > 190
    missing = [f.quote for f in quoted if squash(f.quote) not in report]
    assert missing == []


def test_the_2022_results_and_2023_targets_are_all_there(project):
    by_scenario = Counter(f.scenario for f in project.facts if f.quote)
    assert by_scenario["actual"] >= 100
    assert by_scenario["target"] >= 85
    result_sections = {f.section for f in project.facts if f.quote and f.scenario == "actual"}
    nine_areas = {
        "r_poverty",
        "r_industry",
        "r_infrastructure",
        "r_opening",
        "r_innovation",
        "r_ecology",
        "r_business",
        "r_livelihood",
        "r_governance",
    }
    # 边疆治理 has no Arabic figure in the text; the other eight areas each have results.
    assert nine_areas - result_sections == {"r_governance"}


def test_spot_checks_of_the_economy_in_2022(project):
    assert fact(project, "gdp", "2022", "level").value == 1000.24
    assert fact(project, "gdp", "2022", "yoy_pct").value == 4.7
    assert fact(project, "gdp", "2022", "rank").value == 6
    assert fact(project, "urban_disposable_income", "2022", "level").value == 35021
    assert fact(project, "urban_disposable_income", "2022", "yoy_pct").value == 3.9
    assert fact(project, "urban_disposable_income", "2022", "rank").value == 3
    assert fact(project, "rural_disposable_income", "2022", "yoy_pct").value == 7
    assert fact(project, "rural_disposable_income", "2022", "rank").value == 4
    assert fact(project, "fixed_asset_investment", "2022", "rank").value == 3


def test_the_ten_main_targets_keep_their_wording(project):
    main = {f.indicator_id: f for f in project.facts if f.scenario == "target" and f.section == "t_main"}
    assert (main["gdp"].comparator, main["gdp"].value) == (">=", 7)
    assert (main["cpi"].comparator, main["cpi"].value, main["cpi"].tolerance) == ("~", 3, 0.5)
    assert (main["energy_intensity"].comparator, main["energy_intensity"].value) == ("<=", -2)
    assert project.catalogue.indicators["energy_intensity"].direction == "lower_better"
    for income in ("urban_disposable_income", "rural_disposable_income"):
        assert (main[income].comparator, main[income].relative_to, main[income].value) == ("sync", "gdp", None)
    assert len(main) == 11  # ten targets; the income one binds both urban and rural income


def test_lower_bounds_and_ranks_in_words_are_modelled(project):
    roads = fact(project, "rural_roads_km", "2022", "level")
    assert (roads.value, roads.comparator, roads.quote) == (1600, ">=", "实施农村公路建设1600多公里")
    assert fact(project, "gov_service_satisfaction", "2022", "level").comparator == ">="
    green = fact(project, "green_beautiful_villages", "2022", "rank")
    assert (green.value, green.quote) == (1, "绿美村庄获评数量居全省第一")
    assert project.catalogue.indicators["green_beautiful_villages"].rank_basis == "level"


def test_every_target_has_a_comparator_and_a_year(project):
    """The work report's targets are for 2023; the food-safety plan's for the year of its acceptance, 2024."""
    targets = [f for f in project.facts if f.scenario == "target"]
    assert all(f.comparator in (">=", "<=", "~", "=", "sync", "scope") for f in targets)
    years = {(f.source, f.period) for f in targets}
    assert years == {
        ("lincang-gwr-2023", "2023"),
        ("lincang-food-safety-plan-2023", "2024"),
        ("lincang-food-safety-checklist-2023", "2024"),
    }


DOCUMENTS = [
    "lincang-gwr-2023",
    "lincang-child-rehab-2023",
    "lincang-food-safety-plan-2023",
    "lincang-food-safety-checklist-2023",
]


# Item numbers （21） and list markers "1." number the text's own structure; the work report has none to skip.
@pytest.mark.parametrize("source_id", DOCUMENTS)
def test_every_number_in_each_document_is_catalogued_or_deliberately_left_out(project, source_id):
    """Coverage (loaders/coverage.py, `python -m loaders coverage`): each run of digits in the document lies inside
    some fact's quote or a listed exclusion. The report has no item numbering, so there every digit counts."""
    source = project.sources[source_id]
    assert coverage.misquoted_exclusions(project, source) == [], "every excluded snippet is verbatim"
    assert coverage.excluded(ROOT, source_id), "the document has its list of numbers that are not facts"
    assert coverage.uncovered(project, source, structure=source_id != "lincang-gwr-2023") == []


def test_prefecture_figures_cover_all_sixteen_and_agree_with_the_report(project):
    grp = {f.region: f.value for f in project.facts if f.source == "yunnan-yearbook-2023" and f.indicator_id == "gdp"}
    per_capita = [f for f in project.facts if f.indicator_id == "gdp_per_capita"]
    assert len(grp) == 16 and len(per_capita) == 16
    assert grp["临沧市"] == fact(project, "gdp", "2022", "level").value
    assert sorted(grp.values(), reverse=True).index(grp["临沧市"]) + 1 == 11  # 11th by level, 6th by growth
