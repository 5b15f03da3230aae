"""The 报告草稿审核 page: staff upload a report's text, review the draft by section with each clause shown in its
paragraph, and write it through the update path (undoable from 数据维护). Synthetic text (tests/fixtures/extract)."""

from pathlib import Path

from conftest import sign_in
from loaders.project import load_project
from loaders.staff import updates

COUNTY = Path(__file__).parent / "fixtures" / "extract" / "county.txt"


def open_review(at):
    sign_in(at)
    at.switch_page("pages/draft_review.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "报告草稿审核"


def upload_county(at):
    at.text_input(key="draft_region").input("松溪县")
    at.number_input(key="draft_year").set_value(2024)
    at.file_uploader(key="report_text").upload("county.txt", COUNTY.read_text(encoding="utf-8").encode("gbk")).run()
    assert not at.exception, [e.message for e in at.exception]


def test_the_draft_is_shown_by_section_with_its_clause_and_nothing_is_written(staff_app):
    at, root = staff_app
    open_review(at)
    upload_county(at)
    assert "起草 31 条：实绩 17，主要预期目标 6，任务目标 8" in at.markdown[0].value
    assert [h.value for h in at.subheader][:3] == ["上年实绩（17）", "主要预期目标（6）", "任务目标（8）"]
    assert any("按置信度从低到高排列" in c.value for c in at.caption)
    at.selectbox(key="draft_row").set_value(2).run()
    shown = next(m.value for m in at.markdown if "<mark>" in m.value)
    assert "<mark>全县完成地区生产总值186.3亿元，同比增长7.2%，增速排全市第<b>二</b></mark>" in shown
    assert not at.warning
    at.number_input(key="draft_year").set_value(2025).run()  # a wrong year is pointed out, not silently used
    assert "正文标题表明这是 2024 年的报告" in at.warning[0].value
    assert not updates.history(root) and not (root / "drafts").exists()  # a draft writes nothing


def test_adding_the_report_as_a_new_year_validates_and_undoes(staff_app):
    at, root = staff_app
    before = (root / "indicators.yaml").read_bytes()
    open_review(at)
    upload_county(at)
    at.radio(key="draft_mode").set_value("year").run()
    at.button(key="draft_write").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success, [e.value for e in at.error] + [w.value for w in at.warning]
    assert at.success[0].value.startswith("已写入 6 个文件，记为第 1 次更新")  # review.csv is the sixth
    project = load_project(root)
    assert project.ok, [p.format("en") for p in project.problems if p.severity == "error"][:5]
    added = [f for f in project.facts if f.source == "work-report-2024"]
    assert len(added) == 31 and not any(f.note for f in added)
    assert any(f.scenario == "target" and f.period == "2024" and f.value == 7.5 for f in added)
    at.switch_page("pages/maintenance.py").run()
    assert "待审核：review.csv 中还有 31 行报告草稿未审核" in at.warning[0].value  # staff see what is left to review
    at.checkbox(key="undo_confirm").check().run()
    at.button(key="undo").click().run()
    assert (root / "indicators.yaml").read_bytes() == before
    assert not (root / "data/sources/county.txt").exists() and not (root / "review.csv").exists()


def test_a_new_draft_folder_is_written_under_drafts(staff_app):
    at, root = staff_app
    open_review(at)
    upload_county(at)
    at.text_input(key="draft_folder").input("../songxi 2024").run()
    at.button(key="draft_write").click().run()
    assert at.success, [e.value for e in at.error]
    folder = root / "drafts" / "songxi_2024"
    assert load_project(folder).ok and (folder / "review.csv").exists()
    assert updates.history(root)[-1]["kind"] == "report_draft"


def test_each_part_lists_the_least_sure_rows_first_marked_beyond_colour():
    from loaders.extract import extract
    from loaders.extract.review import by_section, confidence_marked, draft_frame, least_sure_first

    draft = extract(COUNTY.read_text(encoding="utf-8"), "松溪县", 2024)
    results = least_sure_first(by_section(draft_frame(draft))["results"])
    assert list(results["confidence"]) == sorted(results["confidence"])
    assert results["confidence"].iloc[0] < results["confidence"].iloc[-1]
    # every row still points at its own fact, so an edit lands on the right one
    assert all(draft.facts[r.row].confidence == r.confidence for r in results.itertuples())
    shown = confidence_marked(results.assign(confidence=[0.5] + [0.95] * (len(results) - 1))).to_html()
    assert "⚠ 0.50" in shown and "#f8d7da" in shown and "⚠ 0.95" not in shown
