"""The quote check: a figure's sentence must be in its source (ignoring PDF line breaks) and the figure in the sentence."""

from loaders.project import load_project
from loaders.readers.facts import value_in_quote


def problems_after_editing(root, old, new):
    path = root / "data/report_results.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return [p.format() for p in load_project(root).problems]


def test_a_quote_broken_across_lines_in_the_source_still_matches(mini):
    # The source has "1600多公" at the end of a line and "里" on the next.
    assert load_project(mini).ok


def test_a_quote_that_is_not_in_the_document_is_refused_with_its_line(mini):
    found = problems_after_editing(mini, "实施农村公路建设1600多公里", "实施农村公路建设1700多公里")
    assert (
        "data/report_results.csv:8: 指标 rural_roads 的引文在来源“report”中找不到：请逐字复制原文（可忽略换行）：实施农村公路建设1700多公里"
        in found
    )


def test_a_quote_from_outside_the_document_part_of_the_file_is_refused(mini):
    # "数字 999" is in the file, but in the appendix after the report's last sentence.
    found = problems_after_editing(
        mini,
        "green_villages,2022,rank,1,,review,绿美村庄获评数量居全省第一",
        "green_villages,2022,rank,1,,review,数字 999",
    )
    assert any("data/report_results.csv:7: 指标 green_villages 的引文在来源“report”中找不到" in p for p in found)


def test_a_value_missing_from_its_own_quote_is_refused(mini):
    found = problems_after_editing(mini, "urban_income,2022,yoy_pct,3.9", "urban_income,2022,yoy_pct,3.8")
    assert found == ["data/report_results.csv:6: 指标 urban_income 的数值 3.8 不在其引文中：请核对数值或引文"]


def test_values_are_matched_as_whole_numbers_not_as_fragments():
    assert value_in_quote(7, "地区生产总值增长7%以上", "yoy_pct")
    assert not value_in_quote(7, "增长17.8%", "yoy_pct")
    assert not value_in_quote(7, "增长7.5%", "yoy_pct")
    assert value_in_quote(-2, "单位地区生产总值能耗降低2%", "yoy_pct")
    assert value_in_quote(1, "绿美村庄获评数量居全省第一", "rank")
    assert not value_in_quote(1, "绿美村庄获评数量居全省第一", "level")
    assert value_in_quote(1000.24, "达1000.24亿元", "level")


def test_a_small_count_may_be_written_in_words_but_not_as_a_rank_or_inside_a_longer_numeral():
    assert value_in_quote(5, "已植入人工耳蜗的残疾儿童在植入五年后（且未满18周岁）", "level")
    assert not value_in_quote(5, "十五年", "level")
    assert not value_in_quote(1, "居全省第一", "level")
