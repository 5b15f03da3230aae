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


@pytest.mark.slow  # AppTest
def test_the_same_shape_floor_draws_what_it_was_asked_for(tmp_path):
    """The page benchmark's floor: a bare page with as many charts, tables, metrics and texts as the page measured."""
    from streamlit.testing.v1 import AppTest

    from benchmarks.__main__ import same_shape_page, shape_of

    shape = {"plotly_chart": 2, "dataframe": 1, "metric": 3, "caption": 2, "download_button": 2}
    page = tmp_path / "bare.py"
    page.write_text(same_shape_page(shape))
    at = AppTest.from_file(str(page), default_timeout=120)
    at.run()
    assert not at.exception
    assert shape_of(at) == shape
