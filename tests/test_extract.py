"""The report-text extractor: its grammar on small sentences, its not-facts, its quality on synthetic reports in
other styles (tests/fixtures/extract, invented texts), and the round trip from text to a folder that validates."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from loaders.cli import main
from loaders.extract import clean, decode, extract
from loaders.extract.score import expected_from_csv, score
from loaders.project import load_project
from loaders.readers.sources import squash

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "data" / "sources" / "lincang-gazette-2023-02.txt"
CASES = {"province": ("青禾省", 2025), "county": ("松溪县", 2024), "national": ("全国", 2024), "city": ("白鹭市", 2025)}


def facts(text: str, region: str = "甲市", year: int = 2024, **kw):
    return extract(text, region, year, **kw).facts


def one(text: str, **kw):
    found = facts(text, **kw)
    assert len(found) == 1, [(f.name, f.value) for f in found]
    return found[0]


def test_growth_and_level_of_one_indicator_with_rank_in_chinese_numerals():
    found = facts("一、2023年工作回顾\n全市地区生产总值达到520.3亿元，增长6.1%，增速排名全省第二。")
    assert [(f.name, f.measure, f.value, f.unit) for f in found] == [
        ("地区生产总值", "level", 520.3, "亿元"),
        ("地区生产总值", "yoy_pct", 6.1, "%"),
        ("地区生产总值", "rank", 2, "位"),
    ]
    assert {(f.scenario, f.period, f.comparator) for f in found} == {("actual", "2023", "")}


def test_targets_comparators_and_a_fall_is_negative():
    text = (
        "二、2024年工作任务\n主要预期目标是：地区生产总值增长6%以上；居民消费价格涨幅控制在3%左右；"
        "单位地区生产总值能耗降低2%；城镇登记失业率控制在4.5%以内；城乡居民收入与经济增长同步。"
    )
    got = {(f.name, f.measure, f.comparator, f.value) for f in facts(text)}
    assert got == {
        ("地区生产总值", "yoy_pct", ">=", 6),
        ("居民消费价格", "yoy_pct", "~", 3),  # the vocabulary's standard name (standard_indicators.yaml)
        ("单位地区生产总值能耗", "yoy_pct", "<=", -2),
        ("城镇登记失业率", "level", "<=", 4.5),
        ("城镇居民收入", "yoy_pct", "sync", None),
        ("农村居民收入", "yoy_pct", "sync", None),
    }
    assert {f.section for f in facts(text)} == {"main_targets"}


def test_in_order_share_change_in_points_and_a_bare_target():
    text = (
        "二、2024年工作任务\n养老保险、医疗保险参保人数分别达到50万人、80万人。民营经济占比达到55%。"
        "森林覆盖率提高1.2个百分点。实现城镇新增就业2万人。"
    )
    got = [(f.name, f.measure, f.value, f.unit, f.comparator) for f in facts(text)]
    assert got == [
        ("养老保险参保人数", "level", 50, "万人", "="),
        ("医疗保险参保人数", "level", 80, "万人", "="),
        ("民营经济占比", "share", 55, "%", "="),
        ("森林覆盖率", "change_pp", 1.2, "个百分点", "="),
        ("城镇新增就业", "level", 2, "万人", "="),
    ]
    assert {f.section for f in facts(text)} == {"task_targets"}


def test_an_estimate_is_still_a_result_and_a_named_region_wins():
    fact = one("二、2024年工作任务\n预计全年地区生产总值增长5%。")
    assert (fact.scenario, fact.period) == ("actual", "2023") and "预计" in fact.reason
    fact = one("一、2023年工作回顾\n乙州地区生产总值增长4%。", known_regions={"乙州": "乙州"})
    assert fact.region == "乙州" and fact.name == "地区生产总值"
    assert one("一、2023年工作回顾\n丙山市地区生产总值增长4%。").region == "丙山市"
    assert one("一、2023年工作回顾\n获评省级美丽村庄12个。").region == "甲市"  # 获评省 is not a place


def test_numbers_that_are_not_facts_are_listed_with_a_reason():
    text = (
        "甲市人民政府关于印发方案的通知（甲政发〔2023〕2号）\n2023年1月11日\n（一）加强领导。\n"
        "1.新建5G基站300个。举办第3届交易会。实施10亿元以上项目48个。联系电话0883-2127817。"
    )
    draft = extract(text, "甲市", 2024)
    assert [(f.name, f.value) for f in draft.facts] == [("新建5G基站", 300), ("实施10亿元以上项目", 48)]
    reasons = " ".join(n.reason for n in draft.not_facts)
    for word in ("文号", "年份", "日期", "编号", "名称或代码", "序数", "规模门槛", "电话"):
        assert word in reasons, word


def test_cleaning_joins_pdf_line_breaks_and_drops_page_numbers():
    raw = "一、2023年工作回顾\n全市完成固定资产投资210亿元，比上年增长\n\n— 3 —\n\n12.5%，保持较快增长。"
    assert clean(raw) == "一、2023年工作回顾\n全市完成固定资产投资210亿元，比上年增长12.5%，保持较快增长。"
    assert decode(raw.encode("gbk")) == raw
    fact = facts(raw)[1]
    assert (fact.measure, fact.value, fact.quote) == ("yoy_pct", 12.5, "全市完成固定资产投资210亿元，比上年增长12.5%")


@pytest.mark.parametrize("case", sorted(CASES))
def test_quality_on_synthetic_reports_in_other_styles(case):
    """Targets recall >= 90 % and precision >= 85 % with every field right, on texts written apart from the rules."""
    region, year = CASES[case]
    text = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    draft = extract(text, region, year)
    expected = expected_from_csv(FIXTURES / f"{case}.expected.csv")
    result = score(draft.facts, expected)
    n_expected, n_drafted, right = result.by_scenario["target"]
    assert right / n_expected >= 0.9 and right / n_drafted >= 0.85, (result.missed, result.wrong, result.extra)
    assert all(squash(f.quote) in squash(draft.text) for f in draft.facts)


def _run(*argv) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()


def test_cli_prints_only_facts_with_the_contract_columns(tmp_path):
    code, out = _run(
        "extract",
        FIXTURES / "county.txt",
        "--region",
        "松溪县",
        "--report-year",
        2024,
        "--not-facts",
        tmp_path / "nf.csv",
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 31
    assert list(rows[0])[:11] == [
        "name",
        "region",
        "period",
        "measure",
        "scenario",
        "comparator",
        "value",
        "unit",
        "quote",
        "confidence",
        "reason",
    ]
    assert "0871" not in out and "电话号码" in (tmp_path / "nf.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_round_trip_from_text_to_a_draft_folder_that_validates(tmp_path):
    (tmp_path / "report.txt").write_bytes((FIXTURES / "province.txt").read_text(encoding="utf-8").encode("gb18030"))
    code, out = _run(
        "extract", tmp_path / "report.txt", "--region", "青禾省", "--report-year", 2025, "--out", tmp_path / "draft"
    )
    assert code == 0, out
    project = load_project(tmp_path / "draft")
    assert project.ok, [p.format("en") for p in project.problems]
    facts_ = list(project.facts)
    # review is staff's: no figure carries a note for viewers; review.csv holds each drafted row's review state
    assert len(facts_) == 39 and not any(f.note for f in facts_)
    assert sum(f.scenario == "target" for f in facts_) == 21
    # kept for review, not written as facts: the rank (居全国第8位) until data/regions.yaml lists every region a rank
    # is taken among, and the one quote that runs across a page number (— 2 —)
    review = list(csv.DictReader(io.StringIO((tmp_path / "draft" / "review.csv").read_text(encoding="utf-8"))))
    assert {r["state"] for r in review} == {"待审核"}
    waiting = {r["value"]: r["not_written"] for r in review if r["not_written"]}
    assert list(waiting) == ["8", "0.4"]
    assert waiting["8"].startswith("名次超出地区表所列的 1–1：先在 data/regions.yaml 列出全部地区")
    code, _ = _run("--root", tmp_path / "draft", "validate")
    assert code == 0


def test_the_gazette_drafts_the_hand_made_catalogue_of_its_work_report(tmp_path):
    code, out = _run(
        "extract",
        GAZETTE,
        "--region",
        "临沧市",
        "--report-year",
        2023,
        "--source",
        "lincang-gwr-2023",
        "--score-against",
        ROOT,
    )
    assert code == 0
    # The overall line (the per-scenario lines below it also print "recall … precision …"). Three task targets are
    # `scope` in the catalogue (推进17个片区, 落实29条措施, 加快41件续建工程: a comparator added after these rules);
    # the drafter writes `=` for them, as the real reports' keys do for the same wording, so 195 of 198 are right.
    assert "expected 198, drafted 198, paired 198, every field right 195" in out
    assert "recall 98.5%  precision 98.5%  (every field right)" in out
    assert "actual   expected  108  drafted  108  right  108" in out
    code, _ = _run(
        "extract",
        GAZETTE,
        "--region",
        "临沧市",
        "--report-year",
        2023,
        "--source",
        "lincang-gwr-2023",
        "--out",
        tmp_path / "draft",
    )
    assert code == 0 and load_project(tmp_path / "draft").ok


def test_the_headings_say_which_year_a_report_is():
    from loaders.extract.grammar import report_year_hint

    assert report_year_hint("一、2023年工作回顾\n二、2024年工作安排") == 2024
    assert report_year_hint("政府工作报告\n一、过去一年工作回顾\n二、2025年重点工作") == 2025
    assert report_year_hint("没有年份的标题\n正文。") is None


def test_a_numbered_heading_that_runs_on_into_its_paragraph_is_read_by_its_first_sentence():
    """（三）着力…。followed by the review's results in the same paragraph: 任务 later in the text is no task heading."""
    text = "一、2023年工作回顾\n（三）着力深化改革。稳步推进改革任务落地，新增经营主体12万户，开行班列300列。"
    assert {(f.scenario, f.period) for f in facts(text)} == {("actual", "2023")}


def _capped_extract(path: Path, memory_mb: int = 768, seconds: int = 300):
    """`python -m loaders extract FILE` in a child process that cannot take more than memory_mb of address space
    (RLIMIT_AS) nor run past `seconds`: a quadratic draft fails here instead of taking the machine down."""
    import resource
    import subprocess
    import sys

    def cap():
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = [sys.executable, "-m", "loaders", "extract", str(path), "--region", "甲市", "--report-year", "2024"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=seconds, preexec_fn=cap)


def test_drafting_a_long_run_of_clauses_without_a_full_stop_stays_within_a_memory_cap(tmp_path):
    """176 KB of 增长1%， (the issue's input: 45 s and 1.4 GB before): every figure drafted, every quote short."""
    path = tmp_path / "commas.txt"
    path.write_text("增长1%，" * 16384, encoding="utf-8")
    done = _capped_extract(path)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 16384 and max(len(r["quote"]) for r in rows) <= 300


def test_long_numerals_are_not_facts_and_do_not_crash(tmp_path):
    path = tmp_path / "numerals.txt"
    # 150,000 digits: under the command's size limit for a report; the 1,000,000 are drafted in-process below
    path.write_text("全省第" + "一" * 400 + "位。粮食产量" + "1" * 150_000 + "吨。森林覆盖率达65%。", encoding="utf-8")
    done = _capped_extract(path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["name"], r["value"]) for r in rows] == [("森林覆盖率", "65")]
    draft = extract("粮食产量" + "1" * 1_000_000 + "吨。", "甲市", 2024)
    assert not draft.facts and "位数过多" in draft.not_facts[0].reason


def test_a_glossary_and_notes_are_not_facts_and_an_annexs_items_are_targets(tmp_path):
    text = (
        "一、2024年工作回顾\n全市粮食产量达到120万吨。\n二、2025年重点工作\n新建口袋公园30个。\n"
        "注：本报告中增速按可比价格计算，共涉及12项指标。\n"
        "附件1\n2025年十件民生实事\n一、新增托位2000个。到2027年建成社区食堂50家。\n"
        "附件2名词解释\n3．10种重点产品：指到2027年产值超过100亿元的10种产品。\n4.“两新”：设备更新。"
    )
    draft = extract(text, "甲市", 2025)
    got = [(f.name, f.value, f.scenario, f.period, f.part) for f in draft.facts]
    assert got == [
        ("粮食产量", 120, "actual", "2024", "body"),
        ("新建口袋公园", 30, "target", "2025", "body"),
        ("新增托位", 2000, "target", "2025", "annex"),
        ("建成社区食堂", 50, "target", "2027", "annex"),
    ]
    glossary = [n for n in draft.not_facts if "名词解释" in n.reason]
    assert len(glossary) == 3 and any("10种" in n.text for n in glossary)  # 3．10种 is item 3, not 3.1
    assert any("注释" in n.reason and "12项" in n.text for n in draft.not_facts)
    # the command and the draft folder's review.csv say which rows come from the annex
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    place = ["--region", "甲市", "--report-year", "2025"]
    with redirect_stdout(io.StringIO()):
        assert main(["extract", str(source), *place, "--out", str(tmp_path / "d")]) == 0
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["extract", str(source), *place]) == 0
    printed = [(r["name"], r["part"]) for r in csv.DictReader(io.StringIO(out.getvalue()))]
    assert ("新增托位", "annex") in printed and ("粮食产量", "body") in printed
    review = list(csv.DictReader(io.StringIO((tmp_path / "d/review.csv").read_text(encoding="utf-8"))))
    assert {r["name"]: r["part"] for r in review}["建成社区食堂"] == "annex"


def test_units_reports_print_a_bare_magnitude_durations_and_environmental_measures():
    text = (
        "一、2024年工作回顾\n旅居人数达到389.75万。细颗粒物平均浓度28.6微克/立方米。举办展会3期、培训5轮。"
        "服务群众12万户次。审批时限压减到2个月。粮食总产460亿斤。"
    )
    got = [(f.name, f.value, f.unit) for f in facts(text)]
    assert got == [
        ("旅居人数", 389.75, "万"),
        ("细颗粒物（PM2.5）平均浓度", 28.6, "微克/立方米"),  # the standard name
        ("举办展会", 3, "期"),
        ("培训", 5, "轮"),
        ("服务群众", 12, "万户次"),
        ("审批时限", 2, "个月"),
        ("粮食产量", 460, "亿斤"),
    ]


def test_a_fraction_is_a_share_and_names_sizes_and_gaps_are_not_figures():
    text = (
        "一、2024年工作回顾\n城镇新增就业30万人、占全国1/10以上。开工建设10万吨级码头。推进“15分钟生活圈”建设。"
        "为65岁及以上老年人体检。增速高于全国0.7个百分点。技改投资连续24个月保持增长。"
        "8个重点产业增加值增长9%。水质优良比例不低于97.5%。"
    )
    draft = extract(text, "甲市", 2025)
    got = [(f.name, f.measure, f.comparator, f.value, f.unit) for f in draft.facts]
    assert got == [
        ("城镇新增就业", "level", "", 30, "万人"),
        ("城镇新增就业占全国比重", "share", ">=", 10, "%"),
        ("重点产业增加值", "yoy_pct", "", 9, "%"),
        ("水质优良比例", "level", ">=", 97.5, "%"),  # 不低于 is a floor, not a gap to 低于 something
    ]
    reasons = " ".join(n.reason for n in draft.not_facts)
    for word in ("规模等级", "引号中的名称", "年龄段", "差距", "连续", "统计范围"):
        assert word in reasons, word


def test_lists_spell_out_their_shared_words_and_keep_each_sign():
    text = (
        "一、2024年工作回顾\n第一、第三产业增加值分别增长2.5%、3.9%。生产安全事故起数、死亡人数分别下降9.1%、11.5%。"
        "甲园区、乙园区分别新认定企业6家和3家，累计分别达到60家和31家。"
        "森林覆盖率、湿地保护率和草原综合植被盖度均提高3个百分点。食品、药品抽检合格率均超99%。"
    )
    got = [(f.name, f.value) for f in facts(text)]
    assert got == [
        ("第一产业增加值", 2.5),
        ("第三产业增加值", 3.9),
        ("生产安全事故起数", -9.1),
        ("生产安全事故死亡人数", -11.5),
        ("甲园区", 6),
        ("乙园区", 3),
        ("甲园区累计", 60),
        ("乙园区累计", 31),
        ("森林覆盖率", 3),
        ("湿地保护率", 3),
        ("草原综合植被盖度", 3),
        ("食品抽检合格率", 99),
        ("药品抽检合格率", 99),
    ]


def test_approximate_figures_cuts_capacities_per_day_and_the_start_of_a_raise():
    text = (
        "一、2024年工作回顾\n规模以上工业企业约7.4万家，新增托位近1.9万个。省直部门公用经费压减5%。"
        "新增污水处理能力30万吨/日。经济总量迈上5万亿元。\n二、2025年重点工作\n"
        "将孤儿基本生活保障标准从每人每月2295元提高到2415元。优化已建成的1.6万个驿站。"
    )
    got = [(f.name, f.scenario, f.period, f.measure, f.comparator, f.value, f.unit) for f in facts(text, year=2025)]
    assert got == [
        ("规模以上工业企业", "actual", "2024", "level", "~", 7.4, "万家"),
        ("新增托位", "actual", "2024", "level", "~", 1.9, "万个"),
        ("省直部门公用经费", "actual", "2024", "yoy_pct", "", -5, "%"),
        ("新增污水处理能力", "actual", "2024", "level", "", 30, "万吨/日"),
        ("地区生产总值", "actual", "2024", "level", ">=", 5, "万亿元"),
        ("孤儿基本生活保障标准", "actual", "2024", "level", "", 2295, "元"),
        ("孤儿基本生活保障标准", "target", "2025", "level", "=", 2415, "元"),
        ("驿站", "actual", "2024", "level", "", 1.6, "万个"),
    ]


def test_names_are_noun_phrases_and_standard_indicators_take_the_vocabularys_name():
    text = (
        "一、2024年工作回顾\n全省生产总值增长5.2%。举办92场招商活动，开发储备5000个公益性岗位。"
        "新增公园141座、累计达到973座。工业机器人产量增长31.2%、占全国44%。"
    )
    found = facts(text)
    assert [f.name for f in found] == [
        "地区生产总值",
        "举办招商活动",
        "开发储备公益性岗位",
        "新增公园",
        "公园累计",
        "工业机器人产量",
        "工业机器人产量占全国比重",
    ]
    assert "标准名称（原文：生产总值）" in found[0].reason


def test_confidence_is_lower_for_fragments_lists_rare_units_asides_and_annexes():
    text = (
        "一、2024年工作回顾\n地区生产总值增长5%。选派12名专家。甲、乙园区分别新增企业6家和3家。"
        "接待游客389万。出台服务业高质量发展30条措施。改造管网（含雨污分流12公里）。\n"
        "附件1\n新增托位2000个。"
    )
    confidence = {f.name: f.confidence for f in facts(text, year=2025)}
    plain = confidence["地区生产总值"]
    assert plain >= 0.95
    assert all(c < plain - 0.05 for name, c in confidence.items() if name != "地区生产总值"), confidence
    assert confidence["选派专家"] < 0.9 or confidence.get("选派", 1) < 0.6


def test_lists_across_clauses_urban_and_rural_shares_and_trading_partners():
    text = (
        "一、2024年工作回顾\n城乡居民人均可支配收入分别增长4.3%、6.1%。接待游客超2.1亿人次，旅游收入超900亿元，"
        "分别增长15.8%和11.5%。甲企业、乙企业出口分别占全省的50.6%、41.9%。对东盟、中东出口分别增长9.9%、10.5%。"
        "新认定工厂113家、累计210家，均居全国第一。生猪出栏650万头，保持全国第1位。"
    )
    got = [(f.name, f.region, f.measure, f.value) for f in facts(text, region="甲省")]
    assert got == [
        ("城镇常住居民人均可支配收入", "甲省", "yoy_pct", 4.3),
        ("农村常住居民人均可支配收入", "甲省", "yoy_pct", 6.1),
        ("接待游客", "甲省", "level", 2.1),
        ("旅游总收入", "甲省", "level", 900),
        ("接待游客", "甲省", "yoy_pct", 15.8),
        ("旅游总收入", "甲省", "yoy_pct", 11.5),
        ("甲企业出口占全省比重", "甲省", "share", 50.6),
        ("乙企业出口占全省比重", "甲省", "share", 41.9),
        ("对东盟出口", "甲省", "yoy_pct", 9.9),
        ("中东出口", "甲省", "yoy_pct", 10.5),
        ("新认定工厂", "甲省", "level", 113),
        ("工厂累计", "甲省", "level", 210),
        ("新认定工厂", "甲省", "rank", 1),
        ("工厂累计", "甲省", "rank", 1),
        ("生猪出栏", "甲省", "level", 650),
        ("生猪出栏", "甲省", "rank", 1),
    ]


def test_ranges_tenths_prices_per_unit_and_ten_thousands_of_people():
    text = (
        "二、2025年重点工作\n供气价格下降3-5分/立方米。智能手机产量占全国超4成。"
        "保持2300万省外劳动力稳定就业。工商业电价下降1分/千瓦时。"
    )
    got = [(f.name, f.comparator, f.value, f.unit) for f in facts(text, year=2025)]
    assert got == [
        ("供气价格", ">=", 3, "分/立方米"),
        ("供气价格", "<=", 5, "分/立方米"),
        ("智能手机产量占全国", ">=", 4, "成"),
        ("省外劳动力稳定就业", "=", 2300, "万人"),
        ("工商业电价", "=", 1, "分/千瓦时"),
    ]


def test_a_list_shares_its_qualifier_rises_and_multiples_are_growth_and_only_growth_is_in_step():
    text = (
        "一、2024年工作回顾\n服务贸易、数字贸易规模分别突破1.3万亿元、7000亿元。粮食单产提高14.5%。"
        "新能源汽车产量增长近3倍。\n二、2025年重点工作\n促进目标同向、行动同步。"
    )
    got = [(f.name, f.measure, f.comparator, f.value, f.unit) for f in facts(text, year=2025)]
    assert got == [
        ("服务贸易规模", "level", ">=", 1.3, "万亿元"),
        ("数字贸易规模", "level", ">=", 7000, "亿元"),
        ("粮食单产", "yoy_pct", "", 14.5, "%"),
        ("新能源汽车产量", "yoy_pct", "~", 3, "倍"),
    ]


def test_top_n_ranks_world_ranks_and_the_item_before_in_the_quote():
    text = (
        "一、2024年工作回顾\n科技集群跻身全球前三位。港口吞吐量连续15年排名世界第一。"
        "新获批先进制造业集群4个，累计14个。"
    )
    got = [(f.name, f.measure, f.comparator, f.value, f.quote) for f in facts(text, year=2025)]
    assert got == [
        ("科技集群", "rank", "<=", 3, "科技集群跻身全球前三位"),
        ("港口吞吐量", "rank", "", 1, "港口吞吐量连续15年排名世界第一"),
        ("新获批先进制造业集群", "level", "", 4, "新获批先进制造业集群4个"),
        ("先进制造业集群累计", "level", "", 14, "新获批先进制造业集群4个，累计14个"),
    ]


def test_a_list_raised_from_its_starts_to_its_ends():
    text = "二、2025年重点工作\n甲补贴、乙补贴标准分别从每人每月202元、270元提高到209元、280元。"
    got = [(f.name, f.value, f.scenario, f.period) for f in facts(text, year=2025)]
    assert got == [
        ("甲补贴标准", 202, "actual", "2024"),
        ("乙补贴标准", 270, "actual", "2024"),
        ("甲补贴标准", 209, "target", "2025"),
        ("乙补贴标准", 280, "target", "2025"),
    ]
    assert one("一、2024年工作回顾\n从事旅游业3万人。", year=2025).period == "2024"


def test_a_list_of_examples_a_qualifier_and_a_run_of_years_are_not_names():
    text = (
        "一、2024年工作回顾\n重点打造智能电网、工程机械等10条重点产业链。近3.3万名工作人员在新区办公。"
        "港口吞吐量达到5150万标准箱、连续15年排名世界第一。"
    )
    assert [f.name for f in facts(text, year=2025)] == ["重点产业链", "工作人员在新区办公", "港口吞吐量", "港口吞吐量"]


def test_a_count_scoping_another_count_and_a_standing_among_the_tasks():
    text = (
        "一、2024年工作回顾\n15个平台新承接项目约700个。\n二、2025年重点工作\n"
        "新出生人口数量居全国第一，要完善生育支持政策。力争研发投入强度保持全国第三。"
    )
    draft = extract(text, "甲省", 2025)
    got = [(f.name, f.value, f.scenario, f.period) for f in draft.facts]
    assert got == [
        ("平台新承接项目", 700, "actual", "2024"),
        ("新出生人口数量", 1, "actual", "2024"),
        ("研发经费投入强度", 3, "target", "2025"),  # the standard name
    ]
    assert any("另一计数的范围" in n.reason for n in draft.not_facts)


def test_an_age_range_and_a_grouping_count_are_not_figures():
    draft = extract("二、2025年重点工作\n为全省0-6岁儿童免费筛查。我们将安排12类45件民生实事。", "甲省", 2025)
    assert [(f.name, f.value, f.unit) for f in draft.facts] == [("安排民生实事", 45, "件")]
    reasons = " ".join(n.reason for n in draft.not_facts)
    assert "年龄段" in reasons and "另一计数的范围" in reasons


def test_a_conversion_takes_the_name_before_and_descriptive_figures_score_lower():
    text = (
        "一、2024年工作回顾\n实际使用外资175亿美元、约合1243亿元人民币。港口成为首个吞吐量超过5000万标准箱的大港。"
        "每10万人拥有执业医师32名。"
    )
    found = facts(text, year=2025)
    assert [(f.name, f.comparator, f.value) for f in found[:2]] == [
        ("实际利用外资", "", 175),
        ("实际利用外资", "~", 1243),
    ]
    assert found[2].value == 5000 and found[2].confidence < found[0].confidence - 0.1
    assert [f.value for f in found[3:]] == [32]  # 每10万人 is the rate's base, not a figure


def test_an_index_or_ratio_without_a_unit_is_a_figure_with_low_confidence():
    text = "一、2024年工作回顾\n道路交通指数从6.32下降至6.08。城乡居民收入倍差缩小至1.83。编号为3的文件。"
    found = facts(text, year=2025)
    assert [(f.name, f.value, f.unit, f.period) for f in found] == [
        ("道路交通指数", 6.32, "", "2023"),
        ("道路交通指数", 6.08, "", "2024"),
        ("城乡居民收入倍差", 1.83, "", "2024"),
    ]
    assert all(f.confidence <= 0.85 for f in found)  # no unit printed: worth a look


def test_full_width_percent_and_digits_are_read_and_quoted_as_printed(tmp_path):
    """Many reports print 5.8％ or ７．７％ (full width): the figures are read, each quote is the report's own words,
    and the draft folder validates (the quote is found in the source, the value in the quote)."""
    text = "政府工作报告\n一、2024年工作回顾\n全省地区生产总值增长5.8％，规模以上工业增加值增长７．７％，城镇调查失业率５％。\n"
    draft = extract(text, "湖北省", 2025)
    read = {(f.name, f.measure, f.value, f.quote) for f in draft.facts}
    assert read == {
        ("地区生产总值", "yoy_pct", 5.8, "全省地区生产总值增长5.8％"),
        ("规模以上工业增加值", "yoy_pct", 7.7, "规模以上工业增加值增长７．７％"),
        ("城镇调查失业率", "level", 5.0, "城镇调查失业率５％"),
    }
    assert all(f.quote in text for f in draft.facts)


def test_a_name_loses_its_opening_verb_and_a_longer_action_keeps_its_object_after_the_figure():
    text = (
        "一、2024年工作回顾\n全面推动第三批86个示范村建设。推动物业管理覆盖120个老旧院落。"
        "新开工建设6座小型水库。在人口较多的街道新建35个社区食堂。"
    )
    assert [f.name for f in facts(text)] == [
        "第三批示范村建设",
        "物业管理覆盖老旧院落",
        "新开工建设小型水库",
        "在人口较多的街道新建社区食堂",
    ]


def test_a_one_character_name_takes_the_noun_the_figure_counts():
    text = "一、2024年工作回顾\n为超5万名独居老人免费提供上门巡访。为1200户困难家庭提供住房保障。"
    assert [f.name for f in facts(text)] == ["独居老人", "困难家庭"]


def test_a_list_of_two_character_items_and_a_throughput_share_the_last_items_noun():
    text = (
        "一、2024年工作回顾\n盗窃、诈骗案件立案数分别下降12%、8%。"
        "港口散货和集装箱吞吐量分别增长3%、6%。粮食、新能源汽车零售额分别增长2%、9%。"
    )
    assert [f.name for f in facts(text)] == [
        "盗窃案件立案数",
        "诈骗案件立案数",
        "港口散货吞吐量",
        "集装箱吞吐量",
        "粮食零售额",
        "新能源汽车零售额",
    ]


def test_a_total_after_a_count_is_the_counted_items_total_and_a_done_clause_ends_the_name():
    text = (
        "一、2024年工作回顾\n签约文旅项目320个、总投资1800亿元。"
        "86个水网项目有序推进、总投资920亿元。炼化基地全面达产、完成年产值650亿元。"
        "确定市级重点项目600个、年度计划投资800亿元。"
    )
    assert [f.name for f in facts(text)] == [
        "签约文旅项目",
        "签约文旅项目总投资",
        "水网项目",
        "水网项目总投资",
        "年产值",
        "确定市级重点项目",
        "确定市级重点项目年度计划投资",
    ]


def test_an_increment_or_a_count_of_the_same_kind_is_of_the_item_before():
    text = "一、2024年工作回顾\n地区生产总值达8.2万亿元、增量居全国第二。网络赌博案件受理数下降9%、涉案数下降21%。"
    assert [f.name for f in facts(text)] == [
        "地区生产总值",
        "地区生产总值增量",
        "网络赌博案件受理数",
        "网络赌博案件涉案数",
    ]
