"""The monthly and provincial files are read through Arrow when plainly tabular and row by row otherwise, then checked
by one set of rules (loaders/readers/figures.py): both ways in give the same facts in the same order and the same problems
with the same file:line."""

import dataclasses
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from benchmarks.generate import generate
from loaders import store
from loaders.io.tables import read_csv_rows
from loaders.project import MONTHLY_DIR, PROVINCIAL_DIR, RESULTS_FILE, ROOT, load_project
from loaders.readers.columnwise import Facts, plain_table, read_monthly_columns, read_provincial_columns
from loaders.readers.facts import (
    MONTHLY_ALIASES,
    PROVINCIAL_ALIASES,
    check_duplicates,
    check_quotes,
    check_sources_agree,
    check_units,
    read_monthly,
    read_provincial,
    read_results,
    target_facts,
)

FIXTURES = Path(__file__).parent / "fixtures"
CSV_FIXTURES = sorted((FIXTURES / "monthly").glob("*.csv")) + sorted((FIXTURES / "imports").glob("*.csv"))


def as_facts(read) -> list:
    facts = Facts()
    facts += read
    return list(facts)


def row_by_row(root: Path, project) -> tuple[list, list]:
    """load_project's facts and file problems as they were before the column-wise reader."""
    facts, problems = target_facts(project.catalogue), []
    reads = [read_results(RESULTS_FILE, project.catalogue)] if (root / RESULTS_FILE).exists() else []
    reads += [read_monthly(p.relative_to(root), project.catalogue) for p in sorted((root / MONTHLY_DIR).glob("*.csv"))]
    reads += [
        read_provincial(p.relative_to(root), project.catalogue, project.regions, project.sources)
        for p in sorted((root / PROVINCIAL_DIR).glob("*.csv"))
    ]
    for more, found in reads:
        facts += more
        problems += found
    problems += check_quotes(facts, project.sources) + check_duplicates(facts)
    problems += check_units(facts, project.catalogue) + check_sources_agree(facts)
    return facts, problems


@pytest.fixture(scope="module")
def real():
    return load_project(ROOT)


@pytest.mark.parametrize("path", CSV_FIXTURES, ids=[p.name for p in CSV_FIXTURES])
def test_each_fixture_gives_the_same_facts_and_problems_both_ways(path, real):
    header = read_csv_rows(path, MONTHLY_ALIASES | PROVINCIAL_ALIASES, ("indicator_id",))[0]
    if "region" in header:
        rows = read_provincial(path, real.catalogue, real.regions, real.sources)
        columns = read_provincial_columns(path, real.catalogue, real.regions, real.sources)
    else:
        rows = read_monthly(path, real.catalogue, real.regions.count)
        columns = read_monthly_columns(path, real.catalogue, real.regions.count)
    assert as_facts(columns[0]) == rows[0]
    assert columns[1] == rows[1]


def test_clean_monthly_fixtures_are_read_column_wise(real):
    """Otherwise the comparison above would only test the fallback."""
    for path in sorted((FIXTURES / "monthly").glob("*.csv")):
        assert plain_table(path, MONTHLY_ALIASES, "indicator_id") is not None
        assert isinstance(read_monthly_columns(path, real.catalogue, real.regions.count)[0], pa.Table), path.name


@pytest.fixture
def generated(tmp_path, monkeypatch):
    root = generate(tmp_path / "scale", regions=3, indicators=4, years=2)
    monkeypatch.chdir(root)
    return root


def test_a_generated_project_gives_the_same_facts_and_store_both_ways(generated):
    project = load_project(generated)
    facts, problems = row_by_row(generated, project)
    assert project.ok and not problems
    assert list(project.facts) == facts
    assert all(isinstance(chunk, pa.Table) for chunk in project.facts._chunks[1:])  # read column-wise
    by_rows = dataclasses.replace(project, facts=facts)
    order = "SELECT * FROM facts ORDER BY file, line, measure, region"
    assert store.connect(project).execute(order).df().equals(store.connect(by_rows).execute(order).df())


def test_problems_keep_their_lines_in_a_generated_project(generated):
    """Broken files fall back to the row reader; repeats and disagreements across files are still found."""
    monthly = generated / MONTHLY_DIR / "2023-03.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("ind_002", "ind_02")  # an unknown id on line 3
    monthly.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(generated / MONTHLY_DIR / "2023-04.csv", generated / MONTHLY_DIR / "2023-04-copy.csv")  # repeats
    provincial = generated / PROVINCIAL_DIR / "2023.csv"
    text = provincial.read_text(encoding="utf-8").splitlines()
    text[1] = ",".join(text[1].split(",")[:3] + ["1.5"] + text[1].split(",")[4:])  # disagrees with the monthly file
    provincial.write_text("\n".join(text) + "\n", encoding="utf-8")
    project = load_project(generated)
    facts, problems = row_by_row(generated, project)
    assert [p.format() for p in project.problems] == [p.format() for p in problems]
    messages = "\n".join(p.format("en") for p in project.problems)
    assert "data/monthly/2023-03.csv:3: unknown indicator id" in messages
    assert "data/monthly/2023-04.csv:2: duplicate" in messages  # the copy sorts first
    assert "data/provincial/2023.csv:2: warning:" in messages and "disagrees" in messages
    assert list(project.facts) == facts


def test_files_that_are_not_plain_are_read_row_by_row_and_checked_alike(tmp_path, real):
    """Quotes, blank rows and empty rows are read row by row, then checked by the same rules; number styles and
    spaces around cells are read through Arrow, stripped as Python strips them."""
    header = "indicator_id,period,value,yoy_pct,rank,note\n"
    path = tmp_path / "2023-03.csv"
    for text in [
        'gdp,2023-03,"1,000.5",,,\n',
        "gdp,2023-03,12.5%,,,\n",
        "\ngdp,2023-03,1,,,\n",
        "gdp,2023-03,1,,,\n,,,,,\n",
        "gdp,2023-02,1,,,\n",
        "gdp,2023-03,1,,17,\n",
    ]:
        path.write_text(header + text, encoding="utf-8")
        count = real.regions.count
        columns, rows = read_monthly_columns(path, real.catalogue, count), read_monthly(path, real.catalogue, count)
        assert as_facts(columns[0]) == rows[0] and columns[1] == rows[1], text
    for text in ['gdp,2023-03,"1,000.5",,,\n', "\ngdp,2023-03,1,,,\n", "gdp,2023-03,1,,,\n,,,,,\n"]:
        path.write_text(header + text, encoding="utf-8")
        assert plain_table(path, MONTHLY_ALIASES, "indicator_id") is None, text
    path.write_text(header + "gdp ,2023-03,\u3000 1 ,\t2.5,,备注 \n", encoding="utf-8")
    columns, rows = (
        read_monthly_columns(path, real.catalogue, real.regions.count),
        read_monthly(path, real.catalogue, real.regions.count),
    )
    assert isinstance(columns[0], pa.Table) and as_facts(columns[0]) == rows[0] and not rows[1]
    path.write_text("临沧市月度数据\n" + header + "gdp,2023-03,1,,,\n", encoding="utf-8")
    assert plain_table(path, MONTHLY_ALIASES, "indicator_id") is None


def test_every_space_python_strips_is_stripped_through_arrow_whatever_the_encoding_and_line_ends(tmp_path, real):
    """A UTF-8 file is read through Arrow from its bytes as they are (no decoded copy): each of the 27 characters
    besides the line feed that Python strips from a cell is stripped there too, with CRLF line ends, a BOM, or in
    GB18030, and the facts are the row reader's."""
    import re
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"[^\S\n]", chr(c)) and chr(c) != "\r"]
    assert len(spaces) == 27
    rows = "".join(f"gdp,2023-03,{s}{n}{s},,,备注{s}\n" for n, s in enumerate(spaces, 1))
    text = "indicator_id,period,value,yoy_pct,rank,note\n" + rows
    path = tmp_path / "2023-03.csv"
    for encoded in [
        text.encode("utf-8"),
        text.replace("\n", "\r\n").encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("gb18030"),
    ]:
        path.write_bytes(encoded)
        assert plain_table(path, MONTHLY_ALIASES, "indicator_id") is not None
        columns = read_monthly_columns(path, real.catalogue, real.regions.count)
        by_rows = read_monthly(path, real.catalogue, real.regions.count)
        assert as_facts(columns[0]) == by_rows[0] and columns[1] == by_rows[1]
        assert [f.value for f in by_rows[0]] == list(range(1, 28)) and by_rows[0][0].note == "备注"
