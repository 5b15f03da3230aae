"""Every YAML file goes through one checked reader: a misspelt key, an empty file or a broken entry is a problem
with its file and line, never a crash."""

from pathlib import Path

from loaders.project import load_project
from loaders.readers.regions import load_regions

REGIONS = "data/regions.yaml"


def region_messages(text: str, lang: str = "zh") -> list[str]:
    Path(REGIONS).parent.mkdir(parents=True, exist_ok=True)
    Path(REGIONS).write_text(text, encoding="utf-8")
    _, problems = load_regions(Path(REGIONS))
    return [p.format(lang) for p in problems]


def test_a_misspelt_region_key_names_its_line_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "province: 某省\nregions:\n  - {name: 甲市, aliases: [甲]}\n  - {nmae: 乙市}\n"
    assert region_messages(text) == [
        "data/regions.yaml:4: 第 2 个地区：未知字段“nmae”；是否想写“name”？",
        "data/regions.yaml:4: 第 2 个地区：缺少必填字段“name”：请补上 name: …",
    ]
    assert region_messages(text, "en")[0] == (
        'data/regions.yaml:4: region #2: unknown field "nmae"; did you mean "name"?'
    )


def test_an_empty_region_file_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert region_messages("") == ["data/regions.yaml:1: 地区对照表应为映射，含 regions: 列表"]
    assert region_messages("# nothing yet\n", "en") == [
        "data/regions.yaml:1: the region list must be a mapping with a regions: list"
    ]


def test_a_region_list_without_regions_and_a_stray_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert region_messages("province: 某省\n") == [
        "data/regions.yaml:1: 文件顶层：缺少必填字段“regions”：请补上 regions: …"
    ]
    assert region_messages("regions:\n  - 甲市\n  - {name: 乙市}\n") == [
        "data/regions.yaml:1: 第 1 个地区应为映射（name: …）"
    ]


def test_region_syntax_errors_duplicates_and_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert region_messages("regions:\n  - {name: [甲市}\n")[0].startswith("data/regions.yaml:2: YAML 语法错误")
    assert region_messages("regions: []\nregions: []\n") == ["data/regions.yaml:2: 键“regions”重复出现：请删除其中一个"]
    Path(REGIONS).unlink()
    assert [p.format() for p in load_regions(Path(REGIONS))[1]] == [
        "data/regions.yaml: 找不到地区对照表：请建立此文件，至少列出本地区（regions: - {name: …, name_en: …}）；"
        "排名时列出参与排名的全部地区"
    ]


def test_a_broken_region_file_stops_validation_with_its_line(mini):
    (mini / REGIONS).write_text("regions:\n  - {name: 临沧市, alias: [临沧]}\n", encoding="utf-8")
    found = [p.format() for p in load_project(mini).problems]
    assert "data/regions.yaml:2: 第 1 个地区：未知字段“alias”；是否想写“aliases”？" in found


def test_an_empty_sources_file_is_a_problem(mini):
    (mini / "data/sources/sources.yaml").write_text("", encoding="utf-8")
    found = [p.format() for p in load_project(mini).problems]
    assert "data/sources/sources.yaml:1: 文件应有 sources: 列表" in found
