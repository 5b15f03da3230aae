"""indicators.yaml is checked against its schema: every mistake is reported at once, naming entry, field and fix."""

from pathlib import Path

from loaders.readers.catalogue import load_catalogue

FIXTURE = Path(__file__).parent / "fixtures" / "broken-indicators.yaml"


def messages(path):
    _, problems = load_catalogue(path)
    return [p.format() for p in problems]


def test_a_broken_catalogue_reports_every_mistake_with_its_line(monkeypatch):
    monkeypatch.chdir(FIXTURE.parent)
    assert messages(Path(FIXTURE.name)) == [
        "broken-indicators.yaml:18: 指标 gdp：未知字段“unti”；是否想写“unit”？",
        "broken-indicators.yaml:15: 指标 gdp：缺少必填字段“unit”：请补上 unit: …",
        "broken-indicators.yaml:21: 指标代码“gdp”重复：每个指标只能定义一次，请改名或合并",
        "broken-indicators.yaml:30: 指标 retail：字段“category”的取值“reveiw”无效，可选：review、main；是否想写“review”？",
        "broken-indicators.yaml:36: 指标 jobs：字段“frequency”应为文字，现为 12",
        "broken-indicators.yaml:38: 指标 jobs 的第 1 个目标：缺少必填字段“comparator”：请补上 comparator: …（可选：>=、<=、~、=、sync、scope）",
        "broken-indicators.yaml:39: 指标 jobs 的第 2 个目标：字段“year”应为整数，现为 '2023'",
        "broken-indicators.yaml:39: 指标 jobs 未声明量度“yoy_pct”：请在该指标的 measures 中加入 yoy_pct",
    ]


def test_messages_are_also_given_in_english(monkeypatch):
    monkeypatch.chdir(FIXTURE.parent)
    _, problems = load_catalogue(Path(FIXTURE.name))
    assert (
        problems[0].format("en")
        == 'broken-indicators.yaml:18: indicator gdp: unknown field "unti"; did you mean "unit"?'
    )


def test_a_yaml_syntax_error_names_its_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("indicators.yaml").write_text("defaults:\n  region: [临沧市\ncategories: []\n", encoding="utf-8")
    found = messages(Path("indicators.yaml"))
    assert len(found) == 1 and found[0].startswith("indicators.yaml:3: YAML 语法错误")


def test_a_duplicated_key_is_an_error_not_a_silent_overwrite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = FIXTURE.read_text(encoding="utf-8").replace("  source: report\n", "  source: report\n  source: other\n")
    Path("indicators.yaml").write_text(text, encoding="utf-8")
    assert (
        messages(Path("indicators.yaml"))[0]
        == "indicators.yaml:10: 键“source”重复出现，后一个会覆盖前一个：请删除其中一个"
    )


def test_a_sync_target_must_name_a_known_indicator(mini):
    text = (mini / "indicators.yaml").read_text(encoding="utf-8").replace("relative_to: gdp", "relative_to: gpd")
    (mini / "indicators.yaml").write_text(text, encoding="utf-8")
    found = messages(Path("indicators.yaml"))
    assert len(found) == 1
    assert found[0].startswith(
        "indicators.yaml:30: 指标 urban_income 的第 1 个目标：字段“relative_to”的取值“gpd”无效，可选：gdp、"
    )
    assert found[0].endswith("；是否想写“gdp”？")


def test_the_real_catalogue_has_no_problems():
    catalogue, problems = load_catalogue(Path(__file__).resolve().parent.parent / "indicators.yaml")
    assert [p.format() for p in problems] == []
    assert len(catalogue.indicators) > 100
