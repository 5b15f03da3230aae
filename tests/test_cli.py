"""The command-line contracts other tools rely on: validate, build, facts."""

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from loaders.project import ROOT

CONTRACT_COLUMNS = [
    "indicator_id",
    "name",
    "unit",
    "region",
    "period",
    "measure",
    "scenario",
    "comparator",
    "value",
    "quote",
]


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def facts_csv():
    result = run("facts", "--format", "csv")
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_validate_passes_on_the_shipped_data():
    result = run("validate")
    assert result.returncode == 0
    summary = result.stdout.splitlines()[-1]
    assert re.match(
        r"通过：\d{3} 个指标，\d{3} 条事实（其中目标 \d+ 条，标准 \d+ 条）；评价清单 1 份（评价要点 36 个）", summary
    )
    warnings = result.stdout.splitlines()[:-1]  # the food-safety plan and its checklist disagree once: said, not hidden
    assert len(warnings) == 1 and all("警告" in w for w in warnings)


def test_validate_on_a_broken_copy_exits_1_with_one_path_line_message_per_problem(tmp_path):
    for name in ("indicators.yaml", "data"):
        (shutil.copytree if name == "data" else shutil.copy)(ROOT / name, tmp_path / name)
    text = (tmp_path / "indicators.yaml").read_text(encoding="utf-8")
    text = text.replace("    unit: 亿元\n", "    unti: 亿元\n", 1).replace('comparator: ">="', "comparator: '≥'", 1)
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    result = run("--root", str(tmp_path), "validate", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("indicators.yaml:") and "未知字段“unti”；是否想写“unit”？" in lines[0]
    assert any("comparator" in line and "“≥”无效" in line for line in lines)
    assert all(line.split(":")[1].isdigit() for line in lines if line.startswith("indicators.yaml"))


def test_validate_speaks_english_when_asked(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    text = (
        (ROOT / "indicators.yaml").read_text(encoding="utf-8").replace("category: r_poverty", "category: r_povety", 1)
    )
    (tmp_path / "indicators.yaml").write_text(text, encoding="utf-8")
    result = run("--root", str(tmp_path), "--lang", "en", "validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not a valid category" in result.stdout and 'did you mean "r_poverty"?' in result.stdout


def test_facts_csv_has_the_contract_columns_and_the_report_figures(facts_csv):
    assert list(facts_csv[0])[:10] == CONTRACT_COLUMNS

    def row(indicator_id, period, measure, scenario="actual"):
        [found] = [
            r
            for r in facts_csv
            if (r["indicator_id"], r["period"], r["measure"], r["scenario"])
            == (indicator_id, period, measure, scenario)
            and r["quote"]
        ]
        return found

    gdp = row("gdp", "2022", "level")
    assert (gdp["name"], gdp["value"], gdp["unit"], gdp["region"]) == ("地区生产总值", "1000.24", "亿元", "临沧市")
    assert (row("gdp", "2022", "yoy_pct")["value"], row("gdp", "2022", "rank")["value"]) == ("4.7", "6")
    assert row("urban_disposable_income", "2022", "level")["value"] == "35021"
    assert (
        row("gdp", "2023", "yoy_pct", "target")["comparator"],
        row("gdp", "2023", "yoy_pct", "target")["value"],
    ) == (">=", "7")
    cpi = row("cpi", "2023", "yoy_pct", "target")
    assert (cpi["comparator"], cpi["value"], cpi["tolerance"]) == ("~", "3", "0.5")
    energy = row("energy_intensity", "2023", "yoy_pct", "target")
    assert (energy["comparator"], energy["value"], energy["quote"]) == ("<=", "-2", "单位地区生产总值能耗降低2%")


def test_facts_json_gives_the_same_facts_as_csv(facts_csv):
    result = run("facts", "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == len(facts_csv)
    gdp_target = next(r for r in records if r["indicator_id"] == "gdp" and r["scenario"] == "target")
    assert gdp_target["value"] == 7 and gdp_target["comparator"] == ">=" and gdp_target["unit"] == "%"


def test_build_writes_the_database_atomically_and_twice_gives_the_same_facts(tmp_path):
    db = tmp_path / "out" / "dashboard.duckdb"
    snapshots = []
    for _ in range(2):
        result = run("build", "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert str(db) in result.stdout
        with duckdb.connect(str(db), read_only=True) as con:
            snapshots.append(con.execute("SELECT * FROM facts ORDER BY ALL").fetchall())
    assert snapshots[0] == snapshots[1] and len(snapshots[0]) > 200
    assert sorted(p.name for p in db.parent.iterdir()) == ["dashboard.duckdb"]  # no temporary file left behind


def test_build_refuses_to_write_when_the_files_have_errors(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "indicators.yaml").write_text("defaults: {}\n", encoding="utf-8")
    db = tmp_path / "dashboard.duckdb"
    result = run("--root", str(tmp_path), "build", "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1 and not db.exists()
    assert "indicators.yaml:1:" in result.stderr


def test_facts_lists_the_other_documents_figures_with_the_same_columns(facts_csv):
    cochlear = [r for r in facts_csv if r["indicator_id"] == "rehab_cochlear_unilateral_ceiling"]
    assert [(r["scenario"], r["comparator"], r["value"], r["unit"], r["quote"]) for r in cochlear] == [
        ("standard", "<=", "70000", "元", "人工耳蜗产品单侧植入最高补助70000元")
    ]
    sampling = sorted(
        (r["indicator_id"], r["value"], r["quote"])
        for r in facts_csv
        if r["indicator_id"] in ("fs_food_sampling_volume", "fs_market_food_sampling_volume")
    )
    assert sampling == [
        ("fs_food_sampling_volume", "6", "食用农产品和食品抽检量达到6批次/千人以上"),
        ("fs_market_food_sampling_volume", "4", "抽检量达到每千人4批次以上"),
    ]
