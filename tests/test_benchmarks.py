"""The benchmark generator writes a project the loaders accept (tiny size: fast, no timing)."""

import pytest

from benchmarks.generate import generate
from loaders.cli import main as loaders_main
from loaders.project import ROOT, load_project


def test_generated_project_passes_validation(tmp_path, capsys):
    root = generate(tmp_path / "scale", regions=2, indicators=3, years=1)
    project = load_project(root)
    assert project.ok, [p.format("en") for p in project.problems]
    # 2 regions × 3 indicators × 12 months (provincial levels) + the home region's level, growth and rank + 3 targets
    assert len(project.facts) == 2 * 3 * 12 + 3 * 3 * 12 + 3
    assert loaders_main(["--root", str(root), "validate"]) == 0
    assert sorted(p.name for p in (root / "data" / "monthly").glob("*.csv"))[0] == "2023-01.csv"


def test_generator_never_writes_into_the_repositorys_data():
    with pytest.raises(ValueError):
        generate(ROOT / "data" / "scale", regions=2, indicators=3, years=1)
    assert not (ROOT / "data" / "scale").exists()


@pytest.mark.slow  # AppTest
def test_the_same_shape_floor_draws_what_it_was_asked_for(tmp_path):
    """The page benchmark's floor: a bare page with as many charts, tables, metrics and texts as the page measured."""
    from streamlit.testing.v1 import AppTest

    from benchmarks.__main__ import same_shape_page, shape_of

    shape = {"plotly_chart": 2, "dataframe": 1, "metric": 3, "caption": 2, "download_button": 2}
    page = tmp_path / "bare.py"
    page.write_text(same_shape_page(shape))
    at = AppTest.from_file(str(page), default_timeout=120)
    at.run()
    assert not at.exception
    assert shape_of(at) == shape


def test_a_usable_name_is_a_noun_phrase_holding_the_keys_name():
    from loaders.extract.score import usable_name

    assert usable_name("地区生产总值", "地区生产总值")
    assert usable_name("生产总值", "地区生产总值")  # one standard indicator
    assert usable_name("全省规模以上工业增加值", "规模以上工业增加值")  # holds the key's name
    assert usable_name("专精特新企业", "新增专精特新企业")  # the key's name without its action (the quote shows it)
    assert not usable_name("选派", "选派专家") and not usable_name("超", "超长期国债")  # a verb, a function word
    assert not usable_name("累计", "公园累计") and not usable_name("（待命名）", "公园")
    assert not usable_name("创新药", "获批上市创新药")  # part of the name only


def test_the_real_report_benchmark_scores_a_draft_against_a_key(tmp_path):
    """A key and a text written for this test: recall, precision, usable names and the main targets, as printed."""
    from benchmarks.extract import real_report_row
    from loaders.extract import extract

    text = "一、2024年工作回顾\n地区生产总值增长5%。选派12名专家。\n二、2025年主要预期目标\n主要预期目标是：地区生产总值增长5%左右。"
    key = tmp_path / "key.csv"
    key.write_text(
        "name,region,period,measure,scenario,comparator,value,unit,quote,part\n"
        "地区生产总值,甲省,2024,yoy_pct,actual,,5,%,地区生产总值增长5%,body\n"
        "选派专家,甲省,2024,level,actual,,12,名,选派12名专家,body\n"
        "地区生产总值,甲省,2025,yoy_pct,target,~,5,%,地区生产总值增长5%左右,body\n",
        encoding="utf-8",
    )
    draft = extract(text, "甲省", 2025)
    row, figures = real_report_row("test", draft, draft.text, key, 0.01)
    assert figures["expected"] == 3 and figures["right"] == 3 and figures["main"] == figures["main_right"] == 1
    assert figures["usable"] == 3 and "| test | 3 | 3 | 3 | 100.0% | 100.0% | 100.0% | 1/1 |" in row
    assert figures["edits"] == 0 and "| 0 | 0.01 |" in row  # nothing to edit
