"""Monthly and provincial files: read in any encoding staff save, with region names normalised, or refused by line."""

from loaders.project import load_project


def write(root, name, text, encoding="utf-8"):
    path = root / name
    path.write_bytes(text.encode(encoding))
    return path


def messages(root):
    return [p.format() for p in load_project(root).problems]


def test_a_gbk_monthly_file_with_chinese_headers_becomes_facts(mini):
    write(
        mini,
        "data/monthly/2023-03.csv",
        "指标代码,指标名称,期间,累计值,累计增长(%),全省排名,备注\n"
        'gdp,地区生产总值,2023-03,"1,234.5",５．２%,5,一季度\n',
        encoding="gbk",
    )
    project = load_project(mini)
    assert project.ok
    monthly = {f.measure: f.value for f in project.facts if f.period == "2023-03"}
    assert monthly == {"level": 1234.5, "yoy_pct": 5.2, "rank": 5}


def test_bad_monthly_rows_are_refused_each_with_its_line(mini):
    write(
        mini,
        "data/monthly/2023-03.csv",
        "indicator_id,period,value,yoy_pct,rank,note\n"
        "gpd,2023-03,1,2,3,\n"
        "gdp,2023-3,1,2,3,\n"
        "gdp,2023-03,,,17,\n"
        "gdp,2023-03,,,,\n"
        "gdp,2023-03,abc,,,\n"
        "gdp,2023-02,,5.0,,\n",
    )
    assert messages(mini) == [
        "data/monthly/2023-03.csv:2: 未知指标代码“gpd”；是否想写“gdp”？",
        "data/monthly/2023-03.csv:3: 期间“2023-3”格式不对：年份写 2023，月份写 2023-06",
        "data/monthly/2023-03.csv:4: 排名“17”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；排名更多地区时请在该文件中列出它们）",
        "data/monthly/2023-03.csv:5: 这一行没有任何数字：累计值、累计增长、全省排名至少填一项；本月没有数的指标请删除这一行",
        "data/monthly/2023-03.csv:6: 累计值列：“abc”不是数字",
        "data/monthly/2023-03.csv:7: 指标 gdp 按季度公布，只有 3月、6月、9月、12月 有数",
    ]


def test_the_same_figure_twice_is_a_duplicate_naming_both_lines(mini):
    write(mini, "data/monthly/2023-03.csv", "indicator_id,period,yoy_pct\ngdp,2023-03,5.2\ngdp,2023-03,5.3\n")
    assert messages(mini) == [
        "data/monthly/2023-03.csv:3: 重复：gdp 2023-03 yoy_pct（临沧市）已在 data/monthly/2023-03.csv:2 出现"
    ]


def test_region_aliases_map_to_one_prefecture_and_unknown_names_are_errors(mini):
    write(
        mini,
        "data/provincial/2022-gdp.csv",
        "地区,指标代码,期间,数值,增长(%),来源\n"
        "版纳,gdp,2022,721.39,,yearbook\n"
        "西双版纳傣族自治州,gdp,2021,650,,yearbook\n"
        "临沧,gdp,2022,1000.24,,yearbook\n"
        "临仓市,gdp,2022,1,,yearbook\n",
    )
    project = load_project(mini)
    assert [p.format() for p in project.problems] == [
        "data/provincial/2022-gdp.csv:5: 未知地区“临仓市”；是否指“临沧市”？"
    ]
    assert {f.region for f in project.facts if f.file.endswith("2022-gdp.csv")} == {"西双版纳州", "临沧市"}


def test_two_sources_that_disagree_are_shown_as_a_warning(mini):
    write(
        mini, "data/provincial/2022-gdp.csv", "region,indicator_id,period,value,source\n临沧市,gdp,2022,1001,yearbook\n"
    )
    project = load_project(mini)
    assert project.ok  # a warning does not stop the dashboard
    assert [p.format() for p in project.problems] == [
        "data/provincial/2022-gdp.csv:2: 警告：gdp 2022（临沧市）：来源 yearbook 为 1001，与 data/report_results.csv:2（report）的 1000.24 不一致"
    ]


def test_a_file_in_an_unknown_encoding_is_refused_not_guessed(mini):
    write(mini, "data/monthly/2023-03.csv", "indicator_id,period,yoy_pct\ngdp,2023-03,5.2\n", encoding="utf-16")
    assert messages(mini) == [
        "data/monthly/2023-03.csv: 无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿"
    ]


def test_a_number_of_a_million_digits_is_refused_with_its_line_in_every_data_file(mini):
    """float() reads a million digits as inf; a figure that no float can hold is no fact."""
    digits = "9" * 1_000_000
    write(mini, "data/monthly/2023-03.csv", f"indicator_id,period,value,yoy_pct,rank,note\ngdp,2023-03,{digits},,,\n")
    write(
        mini,
        "data/provincial/2022.csv",
        f"region,indicator_id,period,value,source\n临沧市,gdp,2022,1000.24,yearbook\n版纳,gdp,2022,{digits},yearbook\n",
    )
    results = mini / "data/report_results.csv"
    results.write_text(
        results.read_text(encoding="utf-8").replace("gdp,2022,level,1000.24,", f"gdp,2022,level,{digits},"),
        encoding="utf-8",
    )
    refused = "“99999999999999999999…”（1000000 个字符）不是可用的数字：数字最多 40 个字符，且须在计算机能表示的范围内"
    found = messages(mini)
    assert f"data/monthly/2023-03.csv:2: 累计值列：{refused}" in found
    assert f"data/provincial/2022.csv:3: 数值列：{refused}" in found
    assert any(m.startswith("data/report_results.csv:2: ") and refused in m for m in found), found
    assert all(len(m) < 300 for m in found)


def test_a_note_or_quote_with_a_control_character_is_refused_with_its_line(mini):
    """A control character (\\x0b from a pasted cell) stops the briefing and the deck; a bidi override shows text
    backwards. Line breaks and tabs stay allowed in notes."""
    write(mini, "data/monthly/2023-03.csv", "indicator_id,period,value,yoy_pct,rank,note\ngdp,2023-03,1,,,一季\x0b度\n")
    results = mini / "data/report_results.csv"
    text = results.read_text(encoding="utf-8").replace(
        "urban_income,2022,level,35021,,review,城镇常住居民人均可支配收入35021元，增长3.9%,",
        'urban_income,2022,level,35021,,review,城镇常住居民人均可支配收入35021元，增长3.9%,"甲\n乙\t\u202e丙"',
    )
    results.write_text(text, encoding="utf-8")
    found = messages(mini)
    unshowable = "是控制字符或文字方向控制符（{}），页面和导出无法显示：请删除"
    assert f"data/monthly/2023-03.csv:2: “note”的第 3 个字符{unshowable.format('U+000B')}" in found
    assert f"data/report_results.csv:6: “note”的第 5 个字符{unshowable.format('U+202E')}" in found
    assert len(found) == 2, found
