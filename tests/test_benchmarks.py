"""The benchmark generator writes a project the loaders accept (tiny size: fast, no timing)."""

import pytest

from benchmarks.generate import generate
from loaders.cli import main as loaders_main
from loaders.project import ROOT, load_project


def test_generated_project_passes_validation(tmp_path, capsys):
    root = generate(tmp_path / "scale", regions=2, indicators=3, years=1)
    project = load_project(root)
    assert project.ok, [p.format("en") for p in project.problems]
    # 2 regions × 3 indicators × 12 months (provincial levels) + the home region's level, growth and rank + 3 targets
    assert len(project.facts) == 2 * 3 * 12 + 3 * 3 * 12 + 3
    assert loaders_main(["--root", str(root), "validate"]) == 0
    assert sorted(p.name for p in (root / "data" / "monthly").glob("*.csv"))[0] == "2023-01.csv"


def test_generator_never_writes_into_the_repositorys_data():
    with pytest.raises(ValueError):
        generate(ROOT / "data" / "scale", regions=2, indicators=3, years=1)
    assert not (ROOT / "data" / "scale").exists()
