"""What a figure means beyond its number: its caveat (同口径, 获评 vs 建成, unit not printed) as a field shown beside
it everywhere, the catalogue's notes in both languages, targets that are the scope of a task (no status), two scopes
that are not a disagreement, the printed text in downloads, and rank labels that name where a rank is counted."""

import io
import re

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation

from charts import deck, standard
from charts import format as fmt
from charts.briefing.content import briefing
from charts.download import csv_bytes
from conftest import RESULTS
from loaders import store
from loaders.judging.comparators import COMPARATORS
from loaders.judging.status import Goal, evaluate
from loaders.judging.vocabulary import CAVEATS
from loaders.progress import target_progress
from loaders.project import ROOT, load_project
from loaders.readers.catalogue import json_schema
from province_folder import make_province_folder

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def shipped():
    project = load_project(ROOT)
    return project, store.connect(project)


def basis(shipped, lang="zh"):
    project, con = shipped
    return standard.basis(project, con, lang)


def errors(root):
    return [p.format() for p in load_project(root).problems if p.severity == "error"]


# --- the field: declared once, validated ----------------------------------------------------------------------------


def test_a_caveat_outside_the_vocabulary_is_refused_with_the_codes_listed(mini):
    path = mini / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "section: main, quote: 地区生产总值增长7%以上}",
            "section: main, caveat: same_basis, quote: 地区生产总值增长7%以上}",
        ),
        encoding="utf-8",
    )
    found = errors(mini)
    assert len(found) == 1 and found[0].startswith("indicators.yaml:")
    assert "caveat" in found[0] and "same_basis" in found[0] and "comparable_basis" in found[0]


def test_a_caveat_whose_printed_word_is_not_in_the_quote_is_refused(mini):
    path = mini / "indicators.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "section: main, quote: 地区生产总值增长7%以上}",
            "section: main, caveat: comparable_basis, quote: 地区生产总值增长7%以上}",
        ),
        encoding="utf-8",
    )
    found = errors(mini)
    assert len(found) == 1 and "同口径" in found[0] and "comparable_basis" in found[0]


def test_the_results_file_takes_a_caveat_column_with_the_same_codes_and_check(mini):
    results = RESULTS.replace("quote,note\n", "quote,note,caveat\n")
    results = "\n".join(line + ("," if line and not line.endswith("caveat") else "") for line in results.split("\n"))
    results = results.replace("绿美村庄获评数量居全省第一,,", "绿美村庄获评数量居全省第一,,counted_rated")
    (mini / "data/report_results.csv").write_text(results, encoding="utf-8")
    project = load_project(mini)
    assert project.ok, [p.format() for p in project.problems]
    rank = [f for f in project.facts if f.indicator_id == "green_villages"]
    assert [(f.measure, f.caveat) for f in rank] == [("rank", "counted_rated")]
    (mini / "data/report_results.csv").write_text(
        results.replace("增速排名全省第6位,,\n", "增速排名全省第6位,,comparable_basis\n", 1), encoding="utf-8"
    )
    assert errors(mini) == [
        "data/report_results.csv:2: 指标 gdp：caveat“comparable_basis”表示原文写有“同口径”，"
        "但引文中没有：请核对 caveat 或引文"
    ]


def test_the_json_schema_declares_the_caveat_and_the_english_note_of_a_target():
    target = json_schema()["properties"]["indicators"]["items"]["properties"]["targets"]["items"]["properties"]
    assert target["caveat"]["enum"] == list(CAVEATS)
    assert target["note_en"] == {"type": "string", "minLength": 1}


def test_a_caveat_is_written_beside_its_figure_in_both_languages():
    assert fmt.measured(52.25, "level", "亿元", "zh", caveat="comparable_basis") == "52.25 亿元（同口径）"
    assert fmt.growth(3.2, None, None, "en", "comparable_basis") == "3.2% (comparable basis)"
    assert fmt.target("level", "=", 10, "个", "zh", caveat="counted_built") == "10 个（按建成计）"
    assert fmt.measured(None, "level", "亿元", "zh", caveat="comparable_basis") == "—"  # no figure, no caveat


# --- the shipped catalogue ------------------------------------------------------------------------------------------


def test_the_shipped_caveats_are_fields_on_their_figures_and_no_longer_notes(shipped):
    project, _ = shipped
    caveats = {(f.indicator_id, f.period, f.measure, f.scenario): f.caveat for f in project.facts if f.caveat}
    assert caveats == {
        ("budget_revenue", "2022", "level", "actual"): "comparable_basis",
        ("budget_revenue", "2022", "yoy_pct", "actual"): "comparable_basis",
        ("green_beautiful_townships", "2022", "level", "actual"): "counted_rated",
        ("green_beautiful_villages", "2022", "level", "actual"): "counted_rated",
        ("green_beautiful_villages", "2022", "rank", "actual"): "counted_rated",
        ("green_beautiful_townships", "2023", "level", "target"): "counted_built",
        ("green_beautiful_villages", "2023", "level", "target"): "counted_built",
        ("new_4a_scenic_spots_applied", "2023", "level", "target"): "counted_applied",
    }
    notes = [f.note or "" for f in project.facts] + [f.note_en or "" for f in project.facts]
    notes += [i.note or "" for i in project.catalogue.indicators.values()]
    notes += [i.note_en or "" for i in project.catalogue.indicators.values()]
    caveat_words = r"同口径|comparable basis|unit not printed|获评 \(rated\)|创建申报 \("
    assert not [n for n in notes if re.search(caveat_words, n)]


def test_every_catalogue_note_is_written_in_both_languages(shipped):
    project, _ = shipped
    noted = [(i.id, i.note, i.note_en) for i in project.catalogue.indicators.values() if i.note or i.note_en]
    noted += [
        (f.indicator_id, f.note, f.note_en)
        for f in project.facts
        if (f.note or f.note_en) and f.scenario in ("actual", "target") and f.quote
    ]
    assert len(noted) > 80
    assert [n for n in noted if not (n[1] and n[2] and CJK.search(n[1]))] == []
    assert [n for n in noted if not re.search(r"[a-z]{3}", n[2])] == []  # the English is in English


# --- targets that are the scope of a task: no status ----------------------------------------------------------------


def test_a_scope_target_gets_no_status_whatever_the_figure():
    assert COMPARATORS["scope"].judged is False and all(c.judged for s, c in COMPARATORS.items() if s != "scope")
    assert evaluate(Goal("level", "scope", 17), 3, "2023-06").status == "unjudged"
    assert evaluate(Goal("level", "scope", 17), 30, "2023-12").status == "unjudged"
    assert evaluate(Goal("level", "scope", 17), None, None).status == "unjudged"


def test_the_three_task_scopes_are_not_judged_and_their_status_comes_from_the_comparator(shipped):
    project, con = shipped
    progress = target_progress(con, 2023, project.catalogue.region)
    unjudged = progress[progress["status"] == "unjudged"]
    assert sorted(unjudged["indicator_id"]) == [
        "innovation_policy_measures",
        "key_water_projects_continuing",
        "urbanisation_zones",
    ]
    assert set(unjudged["comparator"]) == {"scope"}  # the comparator table decides, not a list of ids
    table = standard.targets_table(basis(shipped), progress)
    assert set(table.loc[progress["status"].reindex(table.index) == "unjudged", "状态"]) == {"— 不评判"}


def test_an_unknown_comparator_message_says_what_scope_means(mini):
    path = mini / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('comparator: ">=", value: 7', 'comparator: "推进", value: 7'), encoding="utf-8")
    assert "scope（任务范围，不判断完成状态" in " ".join(errors(mini))


def test_the_decks_table_collapses_the_scope_targets_by_work_area(shipped):
    ctx = basis(shipped)
    rows = deck.table_rows(ctx, target_progress(ctx.con, ctx.year, ctx.region))
    assert all(isinstance(r, str) for r in rows)  # no figures of 2023 yet: every line is a work area's
    scopes = [r for r in rows if "不评判" in r]
    assert len(scopes) == 3 and any("推进开发的城镇化片区" in r for r in scopes)


# --- two scopes, not a disagreement ---------------------------------------------------------------------------------


def test_the_plans_and_the_checklists_food_sampling_are_two_scopes_not_a_disagreement(shipped):
    project, con = shipped
    warned = sorted(p.zh.split(" ")[0] for p in project.problems if p.severity == "warning")
    assert warned == ["fs_creation_awareness_rate"]
    targets = store.part_facts(con, "food_safety", "target")
    sampling = targets[targets["indicator_id"].isin(["fs_food_sampling_volume", "fs_market_food_sampling_volume"])]
    assert sampling[["name", "value", "source"]].values.tolist() == [
        ["食用农产品和食品抽检量", 6.0, "lincang-food-safety-plan-2023"],
        ["市场监管部门食品抽检量", 4.0, "lincang-food-safety-checklist-2023"],
    ]
    assert set(store.target_disagreements(con, "food_safety")["indicator_id"]) == {"fs_creation_awareness_rate"}


# --- beside the figure, everywhere ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_charts_frames_hovers_and_notes_carry_the_caveats(shipped):
    ctx = basis(shipped)
    growth = standard.growth_parts(ctx)
    first = next(c for c in growth if "一般公共预算收入" in str(c.figure.data[0].y))
    assert first.caveats == "注：一般公共预算收入2022年实绩：同口径"
    assert first.caveats in first.figure.layout.title.text  # drawn in the image: PNG, SVG and the slide's picture
    assert "3.2%（同口径）" in list(first.figure.data[0].text)
    assert "增长3.2%（同口径）" in first.notes
    main = standard.main_targets(ctx)
    assert main.caveats == "注：一般公共预算收入2022年实绩：同口径"
    assert "3.2%（同口径）" in list(main.figure.data[0].customdata)
    progress = target_progress(ctx.con, ctx.year, ctx.region)
    villages = progress[progress["indicator_id"] == "green_beautiful_villages"].iloc[0].to_dict()
    chart = standard.progress_chart(ctx, villages)
    assert "22 个（按建成计）" in chart.notes and "30 个（按获评计）" in chart.notes
    assert chart.caveats == "注：省级绿美村庄2022年实绩：按获评计；省级绿美村庄2023年目标：按建成计"
    ranks = standard.ranks(ctx)
    assert "省级绿美村庄2022年：按获评计" in ranks.caveats
    english = standard.main_targets(basis(shipped, "en"))
    assert "General public budget revenue, 2022 result: comparable basis" in english.caveats


@pytest.mark.slow
def test_a_slides_footnote_and_speaker_notes_carry_the_chart_caveats(shipped):
    ctx = basis(shipped)
    chart = next(c for c in standard.growth_parts(ctx) if c.caveats)
    png = io.BytesIO()
    Image.new("RGB", (160, 90), "white").save(png, format="PNG")
    prs = Presentation()
    prs.slide_width, prs.slide_height = deck.SLIDE_WIDTH, deck.SLIDE_HEIGHT
    deck.chart_slide(prs, chart, png.getvalue(), ctx)
    slide = prs.slides[-1]
    texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert chart.caveats in texts and chart.caveats in slide.notes_slide.notes_text_frame.text


def test_the_briefing_says_last_years_result_with_its_caveat(shipped):
    text = "\n".join(briefing(basis(shipped), with_chart=False).paragraphs)
    assert (
        "全市一般公共预算收入：全年目标为增长20%以上；2022年实绩为52.25亿元，增长3.2%（同口径）；本年尚无数据。" in text
    )


def test_downloads_carry_each_figure_as_printed_with_its_caveat_and_note(shipped):
    ctx = basis(shipped)
    facts = standard.with_printed(store.catalogue_facts(ctx.con), "zh")
    text = csv_bytes(facts).decode("utf-8-sig")
    assert "52.25 亿元（同口径）" in text and "printed" in text.splitlines()[0]
    printed = dict(zip(facts["indicator_id"] + " " + facts["scenario"], facts["printed"]))
    assert printed["gov_service_satisfaction actual"] == "95%以上"
    assert printed["rural_roads_km actual"] == "1,600 公里以上"
    sampling = standard.with_printed(store.part_facts(ctx.con, "food_safety", "target"), "en")
    row = sampling[sampling["indicator_id"] == "fs_food_sampling_volume"].iloc[0]
    assert row["printed"] == "6 batches per 1,000 people+"
    assert "the plan gives no year" in row["remark"] and "the plan's scope" in row["remark"]
    main = standard.main_targets(ctx)
    assert {"actual_printed", "target_printed", "prev_printed"} <= set(main.data.columns)
    assert "增长20%以上" in main.data["target_printed"].tolist()
    growth = pd.concat([c.data for c in standard.growth_parts(ctx)])
    assert "增长3.2%（同口径）" in growth["prev_printed"].tolist()
    assert "增长12%以上" in growth["target_printed"].tolist()


@pytest.fixture
def app():
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.slow  # the whole app (AppTest)
def test_the_pages_show_the_caveat_beside_the_figure_and_the_notes_in_the_readers_language(app):
    cards = {m.label + " " + m.value for m in app.metric}
    assert "2022年实绩（参考） 3.2%（同口径）" in cards
    assert any(c.value.startswith("说明：报告未写水平值") for c in app.caption)  # CPI's note, in Chinese
    app.switch_page("pages/tasks.py").run()
    assert not app.exception
    rows = pd.concat([d.value for d in app.dataframe])
    villages = rows[rows["指标"] == "省级绿美村庄"].iloc[0]
    assert (villages["2023年目标"], villages["2022年实绩"]) == ("22 个（按建成计）", "30 个（按获评计）")
    assert rows.loc[rows["指标"] == "推进开发的城镇化片区", "状态"].tolist() == ["— 不评判"]
    assert "连续届数" not in set(rows["说明"]) and "村均" in set(rows["说明"])
    app.sidebar.radio(key="lang").set_value("English").run()
    app.switch_page("pages/tasks.py").run()
    english = pd.concat([d.value for d in app.dataframe])
    notes = set(english["Note"]) - {""}
    assert "average per village" in notes and not [n for n in notes if n.startswith(("村均", "累计"))]


# --- where a rank is counted ---------------------------------------------------------------------------------------


def test_rank_labels_say_where_the_rank_is_counted_from_the_region_list(mini):
    regions = mini / "data/regions.yaml"
    regions.write_text(
        regions.read_text(encoding="utf-8").replace("province: 云南省", "province: 某市"), encoding="utf-8"
    )
    project = load_project(mini)
    ctx = standard.basis(project, store.connect(project))
    assert project.regions.scope() == "全市"
    notes = standard.ranks(ctx).notes + standard.growth(ctx).notes
    assert "全市第6位" in notes and "全省" not in notes
    from charts.i18n import t

    assert t("provincial_title", "zh", **standard.ranking_words(ctx)) == "全市各地区比较"
    english = standard.basis(project, ctx.con, "en")
    assert t("no_provincial", "en", **standard.ranking_words(english)) == "No figures for all regions loaded yet."


@pytest.mark.slow
def test_a_province_folder_reads_全国_and_ranks_among_thirty_one(tmp_path):
    project = load_project(make_province_folder(tmp_path / "province"))
    assert project.ok, [p.format() for p in project.problems]
    ctx = standard.basis(project, store.connect(project))
    assert project.regions.count == 31 and project.regions.scope() == "全国"
    note = standard.provincial_rank_note(ctx, "gdp", "2023", "yoy_pct")
    assert note == "示例省2023地区生产总值居全国第20位（共31个）"
    assert "2023年增速全国第20位" in standard.growth(ctx).notes
    english = briefing(standard.basis(project, ctx.con, "en"), with_chart=False)
    assert "ranked No. 22 in the country" in " ".join(english.paragraphs)
