"""The monthly and provincial files' rules, checked column-wise, say exactly what the row-by-row reader said."""

import json
from pathlib import Path

import pytest

from loaders.project import ROOT, load_project
from loaders.readers.facts import read_monthly, read_provincial

CASES = Path(__file__).parent / "fixtures" / "reader"
EXPECTED = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real():
    return load_project(ROOT)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_mistake_keeps_its_message_line_and_order(name, real, monkeypatch):
    monkeypatch.chdir(CASES)
    if name.startswith("prov"):
        facts, problems = read_provincial(Path(name), real.catalogue, real.regions, real.sources)
    else:
        facts, problems = read_monthly(Path(name), real.catalogue, real.regions.count)
    assert [p.format() for p in problems] + [p.format("en") for p in problems] == EXPECTED[name]["problems"]
    kept = [[f.indicator_id, f.region, f.period, f.measure, f.value, f.source, f.note, f.line] for f in facts]
    assert kept == EXPECTED[name]["facts"]
