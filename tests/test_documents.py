"""The gazette's other documents: the food-safety checklist (as recorded, damage and all), the self-assessment
(checked, scored, imported through the update path, undone), and the child-rehabilitation standards and lookup."""

import datetime as dt

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import sign_in
from loaders.documents.assessment import phase_now, phase_state
from loaders.documents.self_assessment import SELF_ALIASES, Entry, by_department, score, self_entries, status_counts
from loaders.documents.standards import lookup
from loaders.io.tables import read_rows
from loaders.project import ROOT, load_project
from loaders.staff import updates


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def checklist(project):
    return project.assessments["food-safety-2023"]


@pytest.fixture(scope="module")
def rehab(project):
    return project.standards["child-rehab-2023"]


# --- the checklist as recorded ----------------------------------------------------------------------------------


def test_the_checklist_parts_carry_the_weights_the_text_prints(checklist):
    weights = {p.id: (p.name_zh, p.points) for p in checklist.parts.values() if not p.veto}
    assert weights == {
        "A": ("基础工作", 30),
        "B": ("能力投入保障", 15),
        "C": ("生产经营状况", 15),
        "D": ("食品安全状况", 20),
        "E": ("示范引领", 50),
    }
    assert (checklist.parts["E"].required_points, checklist.parts["E"].optional_points) == (30, 20)
    assert checklist.parts["V"].veto and sorted(v.no for v in checklist.vetoes.values()) == [96, 97, 98, 99, 100]


def test_missing_items_are_recorded_as_gaps_never_filled_in(checklist):
    numbers = sorted(i.no for p in checklist.points.values() for i in p.items)
    assert set(range(1, 96)) - set(numbers) == set(range(21, 29)) | set(range(56, 62))
    assert 7 not in [p.no for p in checklist.points.values()] and len(checklist.points) == 36
    part_a = [p.points for p in checklist.points.values() if p.part == "A"]
    assert sum(part_a) == 25  # the text's points of 基础工作 add up to 25 of its 30
    assert any("（21）" in g.zh and "（28）" in g.zh for g in checklist.gaps)


def test_the_heading_printed_inside_a_table_cell_is_flagged_on_its_point(checklist):
    p18 = checklist.points["P18"]
    assert p18.damaged
    assert any("三、生产经营状况" in n.zh for n in p18.damage + tuple(d for i in p18.items for d in i.damage))


def test_each_point_has_its_departments_and_weight(checklist):
    p01 = checklist.points["P01"]
    assert (p01.name_zh, p01.points, p01.quote) == ("党政同责", 3, "1. 党政同责（3分）")
    assert p01.leads == ("市政府食品安全办", "各县（区）人民政府")
    assert p01.items[0].method == "资料审查、党政领导干部访谈"
    assert [p.kind for p in checklist.points.values() if p.part == "E"][:3] == ["required"] * 3


# --- self-assessment: reading, scoring ----------------------------------------------------------------------------


def entries_from(text: str, checklist):
    header, rows, problems = read_rows("自评.csv", text.encode("utf-8"), SELF_ALIASES, ("point",))
    assert problems == []
    return self_entries("自评.csv", header, rows, checklist)


def test_a_self_assessment_refuses_bad_rows_with_their_line(checklist):
    entries, problems = entries_from(
        "评价要点编号,自评得分,进展状态,说明\n"
        "P01,3,已完成,\n"
        "P01,2,推进中,\n"  # duplicate
        "P99,1,推进中,\n"  # unknown point
        "P02,2.5,推进中,\n"  # more than the point's 2
        "V96,1,有风险,\n"  # a veto item has no score
        "P03,１,已触发,\n"  # only veto items can be triggered
        "P04,abc,推进中,\n"
        "7,1,推进中,\n"  # point 7 is missing from the text
        "30,2.5,in progress,\n",
        checklist,
    )
    assert [(e.point, e.score, e.status) for e in entries] == [("P01", 3, "done"), ("P30", 2.5, "in_progress")]
    assert [(p.line, p.zh) for p in problems] == [
        (3, "重复：评价要点 P01 已在第 2 行填写"),
        (4, "未知评价要点编号“P99”；是否想写“V99”？"),
        (5, "评价要点 P02 的自评得分 2.5 超出范围：应在 0 到 2 分之间"),
        (6, "否决项 V96 不计分：请清空自评得分，只填进展状态"),
        (7, "进展状态“已触发”无效，可选：未开始、推进中、已完成、有风险"),
        (8, "自评得分列：“abc”不是数字"),
        (9, "清单中没有编号为 7 的评价要点或否决项（可能是原文缺失的一项）：请对照清单填写 P01、V96 这样的编号"),
    ]


def test_optional_points_count_up_to_twenty_and_a_veto_is_reported(checklist):
    optional = [p for p in checklist.points.values() if p.kind == "optional"]
    entries = [Entry(p.id, p.points, "done", "", None) for p in optional]  # every optional point in full
    entries += [Entry("P27", 20, "done", "", None), Entry("V97", None, "triggered", "", None)]
    result = score(checklist, entries)
    e = next(p for p in result.parts if p.part == "E")
    assert e.optional_achieved == sum(p.points for p in optional) > 20
    assert (e.required_achieved, e.achieved) == (20, 40)
    assert result.achieved == 40 and result.weight == 130  # the parts as printed: 30+15+15+20+50
    assert result.triggered == ["V97"]


def test_a_point_led_by_two_departments_counts_for_each(checklist):
    rows = {r["department"]: r for r in by_department(checklist, [Entry("P01", 3, "done", "", None)])}
    assert rows["市政府食品安全办"]["achieved"] == 3 and rows["各县（区）人民政府"]["achieved"] == 3
    assert status_counts(checklist, [Entry("P01", 3, "done", "", None)]) == {
        "not_started": 35,
        "in_progress": 0,
        "done": 1,
        "at_risk": 0,
    }


def test_the_plans_phases_against_a_date(checklist):
    assert phase_state("2023-02", "2023-12", dt.date(2023, 12, 31)) == "current"
    assert phase_state("2023-02", "2023-12", dt.date(2024, 1, 1)) == "done"
    state, phase = phase_now(checklist.phases, dt.date(2024, 3, 15))
    assert (state, phase.name_zh) == ("current", "自检自查阶段")
    assert phase_now(checklist.phases, dt.date(2026, 11, 29))[0] == "over"
    assert phase_now(checklist.phases, dt.date(2023, 1, 1))[0] == "before"


# --- the update path and the page ----------------------------------------------------------------------------------

SELF_CSV = "评价要点编号,评价要点,自评得分,进展状态,说明\nP01,党政同责,3,已完成,已纳入考核\nP24,群众满意度,8.5,有风险,第三方测评待开展\nV99,,,有风险,\n"


def test_a_self_assessment_imported_in_gbk_changes_the_score_page_at_once_and_undo_restores_it(staff_app):
    at, root = staff_app
    at.switch_page("pages/foodsafety.py").run()
    assert at.metric[0].value == "0 / 130 分"
    at.switch_page("pages/signin.py").run()
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    at.file_uploader(key="upload").upload("自评.csv", SELF_CSV.encode("gbk")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert "预览：新增 7，修改 0，不变 0" in at.markdown[0].value  # score, status, note of 3 rows; V99's empty score
    assert not (root / "data/assessments/food-safety-2023-self.csv").exists()  # a preview writes nothing
    at.button(key="apply").click().run()
    assert at.success[0].value.startswith("已完成：第 1 次更新已写入（") and "共 3 个评价要点" in at.success[0].value
    at.switch_page("pages/foodsafety.py").run()
    assert at.metric[0].value == "11.5 / 130 分" and at.metric[1].value == "2 / 36"
    assert at.warning[0].value == "否决项有风险：V99"
    at.switch_page("pages/maintenance.py").run()
    at.checkbox(key="undo_confirm").check().run()
    at.button(key="undo").click().run()
    assert at.success[-1].value.startswith("已撤销第 1 次更新（自评\\.csv，")
    at.switch_page("pages/foodsafety.py").run()
    assert at.metric[0].value == "0 / 130 分"
    assert not (root / "data/assessments/food-safety-2023-self.csv").exists()


@pytest.mark.slow
def test_a_self_assessment_preview_lists_each_changed_cell():
    update = updates.read_update("自评.csv", SELF_CSV.encode("utf-8"), ROOT)
    assert update.ok and update.kind == "self_assessment"
    assert [(c.key, c.column, c.old, c.new) for c in update.changes if c.column == "score"] == [
        ("P01", "score", "", "3"),
        ("P24", "score", "", "8.5"),
    ]


@pytest.mark.slow  # the whole app (AppTest)
def test_the_food_safety_page_shows_both_figures_where_plan_and_checklist_disagree():
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/foodsafety.py").run()
    assert not at.exception
    assert "方案与责任清单不一致：1项" in [w.value for w in at.warning]
    split = at.dataframe[0].value
    assert split["目标值"].tolist() == ["80%以上", "85%以上"]
    assert split["来源"].tolist()[:2] == [
        "临沧市创建国家食品安全示范城市工作实施方案",
        "临沧市创建国家食品安全示范城市责任清单",
    ]


# --- child rehabilitation ------------------------------------------------------------------------------------------


def test_a_child_of_ten_with_a_cochlear_implant_qualifies_only_if_deafened_after_learning_to_speak(rehab):
    answer = lookup(rehab, "cochlear_implant", 10)
    assert answer.eligible and answer.conditional and answer.rule.id == "cochlear_postlingual"
    assert [(s.id, s.value) for s in answer.standards] == [
        ("cochlear_unilateral", 70000),
        ("cochlear_bilateral", 100000),
        ("surgery", 20000),
        ("cochlear_hearing_aid", 10000),
    ]
    assert lookup(rehab, "cochlear_implant", 6).conditional is False
    assert not lookup(rehab, "cochlear_implant", 19 - 1 + 1).eligible  # 19: past 放宽至18岁


def test_age_rules_follow_the_text(rehab):
    assert lookup(rehab, "training", 8).eligible and not lookup(rehab, "training", 9).eligible  # 0—8岁
    assert lookup(rehab, "processor_replacement", 17).eligible  # 未满18周岁
    assert not lookup(rehab, "processor_replacement", 18).eligible
    assert (
        lookup(rehab, "prosthesis_orthosis", 16).conditional and not lookup(rehab, "prosthesis_orthosis", 17).eligible
    )


@pytest.mark.slow  # the whole app (AppTest)
def test_the_rehab_page_answers_the_lookup_named_in_the_link():
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"service": "cochlear_implant", "age": "10"})
    at.run()
    at.switch_page("pages/rehab.py").run()
    assert not at.exception
    assert at.warning[0].value.startswith(
        "10岁超出一般救助年龄（0—8岁），但在放宽范围内：仅限“语后聋儿童申请人工耳蜗植入”"
    )
    shown = "\n".join(m.value for m in at.markdown)
    assert (
        "人工耳蜗单侧植入产品补助上限：最高 70,000 元" in shown
        and "人工耳蜗双侧植入产品补助上限：最高 100,000 元" in shown
    )


# --- charts (DataFrame in, figure out; no Streamlit) ------------------------------------------------------------


def test_the_score_chart_draws_the_points_missing_from_the_text_apart(checklist):
    import pandas as pd

    from charts.assessment import score_by_part

    result = score(checklist, [Entry("P01", 3, "done", "", None)])
    rows = pd.DataFrame(
        [{"name": p.part, "weight": p.weight, "listed": p.listed, "achieved": p.achieved} for p in result.parts]
    )
    figure = score_by_part(rows, "责任清单", "2024-01-31")
    achieved, open_points, missing = (list(trace.x) for trace in figure.data[:3])
    assert list(figure.data[0].y)[-1] == "A"  # first part on top
    assert (achieved[-1], open_points[-1], missing[-1]) == (3, 22, 5)  # 基础工作: 3 scored, 22 open, 5 not in the text
    assert figure.layout.title.text.startswith("自评得分（按部分）") and "来源：责任清单" in figure.layout.title.text


def test_the_phase_chart_marks_today_and_colours_phases_by_state(checklist):
    import pandas as pd

    from charts.assessment import phase_timeline

    phases = pd.DataFrame(
        [{"name": p.name_zh, "start": p.start, "end": p.end, "quote": p.quote} for p in checklist.phases]
    )
    figure = phase_timeline(phases, dt.date(2024, 3, 15), "实施方案")
    by_state = {trace.name: list(trace.y) for trace in figure.data}
    assert by_state == {
        "已结束": ["组织创建阶段", "启动部署阶段"],
        "进行中": ["自检自查阶段"],
        "未开始": ["总结提升阶段"],
    }
    assert figure.layout.shapes[0].x0 == "2024-03-15"


def test_the_monthly_template_lists_only_the_work_reports_indicators(project):
    from loaders.staff.template import self_template_rows, template_rows

    ids = [row[0] for row in template_rows(project, "2023-12")]
    assert "gdp" in ids and not [i for i in ids if i.startswith(("fs_", "rehab_"))]
    self_rows = self_template_rows(project, "food-safety-2023")
    assert len(self_rows) == 36 + 5 and self_rows[0][:4] == ["P01", "党政同责", "基础工作", "3"]
    assert self_rows[0][5:] == ["", "未开始", ""]  # nothing recorded yet


@pytest.mark.parametrize("page", ["pages/foodsafety.py", "pages/rehab.py"])
def test_a_project_without_these_documents_says_so_instead_of_failing(mini, page, monkeypatch):
    """The page leaves the menu (tests/test_any_place.py); run on its own, as an old link would, it says why."""
    monkeypatch.setenv("DASHBOARD_ROOT", str(mini))
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.info[0].value.startswith("本套数据没有这部分内容")


@pytest.mark.slow
def test_the_documents_charts_are_standard_charts_for_export_but_not_in_the_default_deck():
    from charts import standard
    from loaders import store

    project = load_project(ROOT)
    ctx = standard.basis(project, store.connect(project))
    entries = standard.menu(ctx)
    assert list(entries)[-4:] == list(standard.DOCUMENT_KEYS)
    assert not set(standard.DOCUMENT_KEYS) & set(standard.default_keys(entries))
    charts = standard.build(ctx, list(standard.DOCUMENT_KEYS))
    assert [c.stem for c in charts] == [
        "food-safety-2023-phases",
        "food-safety-2023-score-by-part",
        "food-safety-2023-score-by-department",
        "child-rehab-2023-ceilings",
    ]
    assert (
        charts[3].title == "残疾儿童康复救助补助上限" and "人工耳蜗双侧植入产品补助上限：100,000 元" in charts[3].notes
    )


def test_the_self_assessment_workbook_reads_back_through_the_upload(project):
    from loaders.staff.template import self_template_xlsx

    update = updates.read_update("自评模板.xlsx", self_template_xlsx(project, "food-safety-2023"), ROOT, project)
    assert update.ok and update.kind == "self_assessment"
    assert len(update.entries) == 41 and {e.status for e in update.entries} == {"not_started"}
