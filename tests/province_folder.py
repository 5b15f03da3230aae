"""A synthetic province-level project folder (tests/fixtures/province/README.md): made the documented way, with
`loaders new`, then filled with the fixture's invented report, catalogue entries, results, regions and figures.
Tests use it; so does a person taking screenshots of a province's dashboard. Never shown as real."""

from __future__ import annotations

import shutil
from pathlib import Path

from loaders.scaffold import new_project, source_id

FIXTURE = Path(__file__).parent / "fixtures" / "province"
REGION, PROVINCE, YEAR = "示例省", "全国", 2024


def make_province_folder(root: Path) -> Path:
    """The folder at `root` (created): `new` for 示例省 ranked across the country, plus the fixture's files."""
    new_project(root, REGION, PROVINCE, YEAR)
    source = source_id(REGION, YEAR)
    shutil.copy(FIXTURE / "report.txt", root / "data/sources" / f"{source}.txt")
    sources = root / "data/sources/sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").rstrip("\n") + "\n    starts_with: 报告正文\n    ends_with: 报告结束\n",
        encoding="utf-8",
    )
    catalogue = root / "indicators.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("indicators: []", "indicators:\n")
        + (FIXTURE / "indicators.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    results = root / "data/report_results.csv"
    header = results.read_text(encoding="utf-8").strip() + ",caveat,note_en\n"
    results.write_text(header + (FIXTURE / "report_results.csv").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(FIXTURE / "regions.yaml", root / "data/regions.yaml")
    shutil.copy(FIXTURE / "2024-03.csv", root / "data/monthly/2024-03.csv")
    (root / "data/provincial").mkdir(exist_ok=True)
    shutil.copy(FIXTURE / "provincial-2023-gdp.csv", root / "data/provincial/2023-gdp.csv")
    return root
