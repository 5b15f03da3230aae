"""Every YAML file goes through one checked reader: a misspelt key, an empty file or a broken entry is a problem
with its file and line, never a crash."""

from pathlib import Path

import pytest

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


@pytest.mark.parametrize("name", ["/etc/passwd", "../../indicators.yaml", "sub/report.txt"])
def test_a_source_file_outside_the_sources_folder_is_refused_and_never_read(mini, name):
    sources = mini / "data/sources/sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("file: report.txt", f"file: {name}"), "utf-8")
    found = [p.format() for p in load_project(mini).problems]
    assert (
        f"data/sources/sources.yaml:9: 来源 report：文件 {name} 须是 data/sources/ 中的一个文件名（不含目录）"
        in "\n".join(found)
    ), found


def test_a_source_text_not_in_utf8_is_a_message_not_a_traceback(mini):
    (mini / "data/sources/report.txt").write_bytes("报告正文。增长5%。报告结束。".encode("gb18030"))
    found = [p.format() for p in load_project(mini).problems]
    assert any("文件 report.txt 不是 UTF-8 编码" in p for p in found), found


# --- hostile and mistyped YAML (issue #26) -------------------------------------------------------------------------

ALIAS_BOMB = "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}' if n else '哈'] * 9)}]\n" for n in range(10)
)  # nine nested aliases, defined before the use: 9^10 values (about 3.5 billion) from ten short lines


def test_an_alias_bomb_in_the_region_list_is_refused_in_seconds_within_a_memory_cap(project_copy):
    import forked_cli
    from test_hostile import MEMORY_CAP, TIME_CAP_S

    regions = project_copy / REGIONS
    regions.write_text(
        ALIAS_BOMB + regions.read_text(encoding="utf-8").replace("province_en: Yunnan", "province_en: *l9")
    )
    result = forked_cli.run(
        ["--root", str(project_copy), "validate"], timeout=TIME_CAP_S, memory_cap=MEMORY_CAP, cwd=project_copy
    )
    assert result.returncode == 1
    assert (
        "data/regions.yaml:2: YAML 语法错误：不允许使用别名（*名称）或合并键（<<: *名称）：请把所指的内容直接写出"
        in result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr


def project_messages(root: Path, name: str, old: str, new: str, lang: str = "zh") -> list[str]:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.format(lang) for p in load_project(root).problems if p.path == name]


TYPOS = [
    (
        "indicators.yaml",
        "  tolerance: 0.5",
        "  tolerance: 0,5",
        "indicators.yaml:9: defaults：字段“tolerance”应为数字，现为 '0,5'",
    ),
    (
        "indicators.yaml",
        "  tolerance: 0.5",
        "  tolerance: 1.0e+400",
        "indicators.yaml:9: YAML 语法错误：数字过大或位数过多，无法作为数字使用",
    ),
    (
        "indicators.yaml",
        "  tolerance: 0.5",
        "  tolerance: .inf",
        "indicators.yaml:9: defaults：字段“tolerance”应为数字，现为 inf",
    ),
    (
        "data/sources/sources.yaml",
        "date: 2023-02-10",
        "date: " + "9" * 5_000,  # Python reads at most 4,300 digits as an int
        "data/sources/sources.yaml:8: YAML 语法错误：数字过大或位数过多，无法作为数字使用",
    ),
    (
        REGIONS,
        "aliases: [临沧]",
        "aliases: [[临沧]]",
        "data/regions.yaml:3: 第 1 个地区：字段“aliases”的第 1 项应为文字，现为 ['临沧']",
    ),
    (
        "data/sources/sources.yaml",
        "date: 2023-02-10",
        "date: 2023-13-45",
        "data/sources/sources.yaml:8: YAML 语法错误：日期不存在（应为 YYYY-MM-DD，月 1—12，日在该月之内）",
    ),
    (
        "data/sources/sources.yaml",
        "starts_with: 报告正文",
        "starts_with: .nan",
        "data/sources/sources.yaml:10: 来源 report：字段“starts_with”应为文字，现为 nan",
    ),
]


@pytest.mark.parametrize("name, old, new, message", TYPOS)
def test_a_typo_of_a_value_is_a_message_with_its_line_not_a_traceback(mini, name, old, new, message):
    assert message in project_messages(mini, name, old, new)


NAMES = [
    ("indicators.yaml", "name_zh: 地区生产总值", 'name_zh: "地区\\x01生产总值"', "U+0001"),
    ("indicators.yaml", "name_en: Gross regional product", 'name_en: "Gross\\vregional product"', "U+000B"),
    ("indicators.yaml", "name_zh: 地区生产总值", 'name_zh: "地区\\u202e值总产生"', "U+202E"),
    (REGIONS, "name_en: Lincang", 'name_en: "Lin\\u2066cang"', "U+2066"),
    ("data/sources/sources.yaml", "title_zh: 测试报告", 'title_zh: "测试\\n报告"', "U+000A"),
    ("data/sources/sources.yaml", "title_zh: 测试报告", 'title_zh: "测试\\x1b[31m报告"', "U+001B"),
]


@pytest.mark.parametrize("name, old, new, code", NAMES)
def test_a_name_with_a_control_or_direction_character_is_refused(mini, name, old, new, code):
    found = [m for m in project_messages(mini, name, old, new) if code in m]
    assert len(found) == 1 and "是控制字符或文字方向控制符" in found[0] and "请删除" in found[0]


def test_a_name_too_long_for_a_slide_is_refused_and_a_long_note_is_bounded(mini):
    """(An indicator with a problem is left out, so a target relative to it is reported too: not checked here.)"""
    long_name = "长" * 100_000
    found = project_messages(mini, "indicators.yaml", "name_zh: 地区生产总值", f"name_zh: {long_name}")
    assert found[0] == "indicators.yaml:15: 指标 gdp：“name_zh”有 100000 个字符，超过上限 300 个：请缩短"
    note = "注" * 6_000
    found = project_messages(mini, "indicators.yaml", "    unit: 亿元\n", f"    unit: 亿元\n    note: {note}\n", "en")
    assert [m for m in found if '"note"' in m] == [
        'indicators.yaml:18: indicator gdp: "note" has 6000 characters, more than the limit of 5000: shorten it'
    ]


def test_a_note_may_run_over_lines_but_holds_no_control_character(mini):
    lines = '    unit: 亿元\n    note: "甲\\n乙\\t丙"\n'
    assert project_messages(mini, "indicators.yaml", "    unit: 亿元\n", lines) == []
    found = project_messages(mini, "indicators.yaml", lines, '    unit: 亿元\n    note: "甲\\x7f"\n')
    assert found[0] == (
        "indicators.yaml:18: 指标 gdp：“note”的第 2 个字符是控制字符或文字方向控制符（U+007F），页面和导出无法显示：请删除"
    )


# Every YAML file the project reads as data (the message files are the code's own, checked by test_language.py).
FUZZED = [
    "indicators.yaml",
    REGIONS,
    "data/sources/sources.yaml",
    "data/standards/child-rehab-2023.yaml",
    "data/assessments/food-safety-2023.yaml",
]
HOSTILE_VALUES = [
    "0,5",
    "[[昆明]]",
    "{a: 1}",
    "null",
    "~",
    "-1",
    "1e400",
    ".nan",
    "-.inf",
    "true",
    "2023-13-45",
    "2023-02-10",
    '""',
    "[]",
    "{}",
    "0",
    "99999999999999999999999",
    "'\x01x'",
    '"\\x0b"',
    '"\\u202e"',
    "长" * 400,
    "*nope",
    "&a x",
    "!!binary aGk=",
    "!!python/object:os.system x",
    "[1, 2]",
    "3.5",
    "甲",
    "'a: b'",
    "2023",
    "0x10",
    "? [a]\n  : b",
    "[{a: [b]}]",
    "9" * 5_000,
    "1.0e+400",
]
MUTATIONS_PER_FILE = 8  # a whole project read each (0.1 s idle, 0.5 s on a loaded machine): about 10 s in all


def data_nodes(text: str) -> list:
    """Every value of a YAML file (scalars, lists and mappings below the top level), as nodes with their spans."""
    import yaml

    found = []

    def walk(node):
        found.append(node)
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                walk(child)
        elif isinstance(node, yaml.MappingNode):
            for _, child in node.value:
                walk(child)

    walk(yaml.compose(text))
    return found[1:]


@pytest.mark.parametrize("name", FUZZED)
def test_no_single_value_change_of_a_yaml_file_gives_a_traceback(project_copy, name):
    """Single values of the shipped file replaced by typos and hostile values (a fixed sample): reading the project
    never raises, and every problem in the changed file names its line."""
    import random

    path = project_copy / name
    original = path.read_text(encoding="utf-8")
    rng = random.Random(f"issue-26 {name}")
    for node in rng.sample(data_nodes(original), MUTATIONS_PER_FILE):
        value = rng.choice(HOSTILE_VALUES)
        path.write_text(original[: node.start_mark.index] + value + original[node.end_mark.index :], encoding="utf-8")
        where = f"{name}:{node.start_mark.line + 1} ← {value[:20]!r}"
        problems = load_project(project_copy).problems  # never raises
        assert all(p.line for p in problems if p.path.endswith(name)), where
        assert all(p.format() and p.format("en") for p in problems), where


def test_a_source_file_name_too_long_for_the_file_system_is_a_missing_file(mini):
    found = project_messages(mini, "data/sources/sources.yaml", "file: report.txt", "file: " + "x" * 290)
    assert (
        len(found) == 1
        and found[0].startswith("data/sources/sources.yaml:9: 来源 report：文件 xxx")
        and found[0].endswith("不存在")
    )
