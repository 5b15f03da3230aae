"""The 分别 check on sentences of the shapes real reports print (written for these tests, figures invented): a correct
clause is accepted, a swapped one refused with advice that, followed, makes the data right, and a clause whose
order cannot be told for certain is reported as not judged, never as wrong."""

from __future__ import annotations

import csv
import io

import pytest

from loaders.project import load_project
from loaders.scaffold import new_project, source_id

REGION, YEAR = "样例市", 2025

# (the clause, the two indicators' catalogue names in the clause's order, the figures in order, measure)
SHAPES = [
    ("第二、第三产业增加值分别增长4.1%、5.6%", ("第二产业增加值", "第三产业增加值"), (4.1, 5.6), "yoy_pct"),
    ("第一、第三产业增加值分别增长2.5%、3.9%", ("第一产业增加值", "第三产业增加值"), (2.5, 3.9), "yoy_pct"),
    ("专利申请量、授权量分别增长8%、10%", ("专利申请量", "专利授权量"), (8, 10), "yoy_pct"),
    ("交通事故起数、死亡人数分别下降5.2%、7.1%", ("交通事故起数", "交通事故死亡人数"), (-5.2, -7.1), "yoy_pct"),
    (
        "装备制造业、高技术制造业增加值分别增长9.6%、8.7%",
        ("装备制造业增加值", "高技术制造业增加值"),
        (9.6, 8.7),
        "yoy_pct",
    ),
    ("技术合同登记数、成交额分别增长12%、20.5%", ("技术合同登记数", "技术合同成交额"), (12, 20.5), "yoy_pct"),
    (
        "城镇居民、农村居民人均可支配收入分别增长5.2%左右、7.6%左右",
        ("城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"),
        (5.2, 7.6),
        "yoy_pct",
    ),
    (
        "基本养老保险、基本医疗保险参保人数分别达163.36万人、228.61万人",
        ("基本养老保险参保人数", "基本医疗保险参保人数"),
        (163.36, 228.61),
        "level",
    ),
]


def folder(tmp_path, sentence: str, indicators: list[tuple[str, str, str]], rows: list[tuple]) -> object:
    """A project folder whose report holds the sentence, cataloguing these indicators (id, name, unit) and these
    results (id, measure, value, quote)."""
    new_project(tmp_path, REGION, "样例省", YEAR)
    source = source_id(REGION, YEAR)
    (tmp_path / "data/sources" / f"{source}.txt").write_text(f"报告正文。{sentence}。报告结束。\n", encoding="utf-8")
    entries = "".join(
        f"  - {{id: {i}, name_zh: {name}, name_en: Indicator {i}, unit: '{unit}', category: review,"
        f" measures: [level, yoy_pct]}}\n"
        for i, name, unit in indicators
    )
    catalogue = tmp_path / "indicators.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("indicators: []", "indicators:\n" + entries), encoding="utf-8"
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator_id", "period", "measure", "value", "unit", "comparator", "section", "quote", "note"])
    for i, measure, value, quote in rows:
        writer.writerow([i, YEAR - 1, measure, value, "", "", "review", quote, ""])
    (tmp_path / "data/report_results.csv").write_text(out.getvalue(), encoding="utf-8")
    return tmp_path


def problems_of(root, severity: str) -> list[str]:
    return [p.format() for p in load_project(root).problems if p.severity == severity]


def shape_folder(tmp_path, shape, values) -> object:
    sentence, names, _, measure = shape
    unit = "万人" if measure == "level" else "%"
    indicators = [(f"x{n}", name, unit) for n, name in enumerate(names)]
    rows = [(f"x{n}", measure, value, sentence) for n, value in enumerate(values)]
    return folder(tmp_path, sentence, indicators, rows)


@pytest.mark.parametrize("shape", SHAPES, ids=[s[0][:12] for s in SHAPES])
def test_a_correct_respectively_clause_is_accepted(tmp_path, shape):
    root = shape_folder(tmp_path, shape, shape[2])
    assert problems_of(root, "error") == []
    assert not [w for w in problems_of(root, "warning") if "分别" in w]


@pytest.mark.parametrize("shape", SHAPES, ids=[s[0][:12] for s in SHAPES])
def test_a_swapped_clause_is_refused_and_its_advice_makes_the_data_right(tmp_path, shape):
    right = shape[2]
    root = shape_folder(tmp_path, shape, right[::-1])
    found = problems_of(root, "error")
    assert len(found) == 2 and all("分别" in p for p in found), found
    # the advice: "按顺序应为 X" for each row; following it gives the right figure for each indicator
    advised = [float(p.split("按顺序应为 ")[1].split("，")[0]) for p in found]
    assert advised == [abs(v) for v in right]
    fixed = shape_folder(tmp_path / "fixed", shape, right)
    assert problems_of(fixed, "error") == []


def test_a_clause_whose_order_cannot_be_told_is_not_judged_never_refused(tmp_path):
    """One indicator of a two-name list, catalogued under a name that is not the listed one: its place is not certain,
    so neither figure is advised; a warning says the clause was not judged."""
    sentence = "城镇、农村居民人均可支配收入分别增长4.6%、6.9%"
    for value in (6.9, 4.6):
        root = folder(
            tmp_path / str(value),
            sentence,
            [("rural_income", "农村常住居民人均可支配收入", "元")],
            [("rural_income", "yoy_pct", value, sentence)],
        )
        assert problems_of(root, "error") == []
        (warning,) = [w for w in problems_of(root, "warning") if "分别" in w]
        assert "“分别”句未判断" in warning and "rural_income" in warning


@pytest.mark.parametrize(
    "printed, value",
    [
        ("5.0%", 5),
        ("5.0%", 5.0),
        ("12.50亿元", 12.5),
        ("1,000.24亿元", 1000.24),
        ("５．０％", 5),
        ("3,200万元", 3200),
        ("增长8%,10%", 10),
    ],
)
def test_a_figure_printed_with_trailing_zeros_or_separators_can_be_entered(tmp_path, printed, value):
    sentence = f"该项指标为{printed}"
    root = folder(tmp_path, sentence, [("x0", "该项指标", "%")], [("x0", "level", value, sentence)])
    assert problems_of(root, "error") == []


@pytest.mark.parametrize(
    "printed, value",
    [
        ("5.05%", 5),
        ("15.0%", 5),
        ("5.01%", 5.0),
        ("5,000万元", 5),
        ("2,500万元", 500),
        ("十五个", 5),
        ("二十个", 2),
        ("超1/10", 1),
        ("占全国1/3", 33.3),
    ],
)
def test_a_different_number_is_still_not_the_figure(tmp_path, printed, value):
    sentence = f"该项指标为{printed}"
    root = folder(tmp_path, sentence, [("x0", "该项指标", "%")], [("x0", "level", value, sentence)])
    assert any("不在其引文中" in p for p in problems_of(root, "error"))
