"""A synthetic project at scale, in the same files and formats the loaders read (never written into data/).

Default size: 16 prefectures × 300 indicators × 10 years × 12 months of cumulative figures. The home region's
figures are in data/monthly/YYYY-MM.csv (累计值, 累计增长, 全省排名); every region's cumulative level is in
data/provincial/YYYY.csv (one file per year, cited to a synthetic statistics source, identical to the monthly
value for the home region so that the two sources agree). The newest year has one quoted target per indicator;
data/sources/ holds a document that contains every quote. regions.yaml is the real one.

    python -m benchmarks.generate OUT [--regions 16 --indicators 300 --years 10 --months 12]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path

import yaml

from loaders.io.numbers import number_text
from loaders.project import (
    CATALOGUE_FILE,
    MONTHLY_DIR,
    PROVINCIAL_DIR,
    REGIONS_FILE,
    ROOT,
    SOURCES_FILE,
)
from loaders.readers.regions import load_regions

HOME = "临沧市"
NEWEST_YEAR = 2023
MAIN_TARGETS = 12  # targets in 主要预期目标 (the overview's cards); the rest are task targets
TASK_CATEGORIES = 10
DOCUMENT = "synthetic-report.txt"
START, END = "合成政府工作报告开始", "合成政府工作报告结束"
UNITS = ("亿元", "万元", "万人", "元", "个", "公里")


def _region_names(count: int) -> list[str]:
    """The home region first, then the real regions in the province's order."""
    regions, _ = load_regions(ROOT / REGIONS_FILE)
    names = list(regions.names)
    others = [n for n in names if n != HOME]
    if not 1 <= count <= len(names):
        raise ValueError(f"regions must be 1–{len(names)}")
    return [HOME] + others[: count - 1]


def _target_value(n: int) -> float:
    return round(5 + (n % 40) * 0.1, 1)  # 5.0 … 8.9: one decimal, so it reads once in its quote


def _quote(n: int) -> str:
    return f"合成指标{n + 1:03d}增长{number_text(_target_value(n))}%以上"


def _catalogue(indicators: int) -> dict:
    categories = [
        {"id": "r_synthetic", "part": "review", "name_zh": "合成回顾", "name_en": "Synthetic review"},
        {"id": "t_main", "part": "tasks", "name_zh": "主要预期目标", "name_en": "Main expected targets", "main": True},
    ]
    categories += [
        {"id": f"t{k:02d}_synthetic", "part": "tasks", "name_zh": f"合成任务{k}", "name_en": f"Synthetic tasks {k}"}
        for k in range(1, TASK_CATEGORIES + 1)
    ]
    entries = []
    for n in range(indicators):
        section = "t_main" if n < MAIN_TARGETS else f"t{(n % TASK_CATEGORIES) + 1:02d}_synthetic"
        entries.append(
            {
                "id": f"ind_{n + 1:03d}",
                "name_zh": f"合成指标{n + 1:03d}",
                "name_en": f"Synthetic indicator {n + 1}",
                "unit": UNITS[n % len(UNITS)],
                "category": "r_synthetic" if n % 2 else section,
                "frequency": "monthly",
                "measures": ["level", "yoy_pct", "rank"],
                "targets": [
                    {
                        "year": NEWEST_YEAR,
                        "measure": "yoy_pct",
                        "comparator": ">=",
                        "value": _target_value(n),
                        "section": section,
                        "quote": _quote(n),
                    }
                ],
            }
        )
    return {
        "defaults": {
            "region": HOME,
            "direction": "higher_better",
            "frequency": "monthly",
            "rank_basis": "yoy_pct",
            "level_kind": "flow",
            "measures": ["level"],
            "source": "synthetic-gwr",
            "tolerance": 0.5,
        },
        "categories": categories,
        "indicators": entries,
    }


def _sources() -> dict:
    return {
        "sources": [
            {
                "id": "synthetic-gwr",
                "kind": "document",
                "title_zh": "合成政府工作报告（基准测试用）",
                "title_en": "Synthetic work report (benchmarks)",
                "label_zh": "合成政府工作报告",
                "label_en": "Synthetic work report",
                "issuer_zh": "基准测试",
                "issuer_en": "Benchmarks",
                "date": dt.date(NEWEST_YEAR, 2, 10),
                "file": DOCUMENT,
                "starts_with": START,
                "ends_with": END,
            },
            {
                "id": "synthetic-stats",
                "kind": "statistics",
                "title_zh": "合成各州（市）累计数",
                "title_en": "Synthetic prefecture figures",
                "label_zh": "合成统计",
                "label_en": "Synthetic statistics",
                "issuer_zh": "基准测试",
                "issuer_en": "Benchmarks",
            },
        ]
    }


def _dump(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(
    out: Path, regions: int = 16, indicators: int = 300, years: int = 10, months: int = 12, seed: int = 7
) -> Path:
    """Write the project into `out` (which must not be the repository's own folder); return `out`."""
    out = Path(out).resolve()
    if out == ROOT or out.is_relative_to(ROOT / "data"):
        raise ValueError("write the synthetic project into a folder of its own, never into the repository's data/")
    rng = random.Random(seed)
    names = _region_names(regions)
    _dump(out / CATALOGUE_FILE, _catalogue(indicators))
    _dump(out / SOURCES_FILE, _sources())
    (out / SOURCES_FILE).parent.joinpath(DOCUMENT).write_text(
        START + "\n" + "；\n".join(_quote(n) for n in range(indicators)) + "。\n" + END + "\n", encoding="utf-8"
    )
    (out / REGIONS_FILE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / REGIONS_FILE, out / REGIONS_FILE)
    (out / MONTHLY_DIR).mkdir(parents=True, exist_ok=True)
    (out / PROVINCIAL_DIR).mkdir(parents=True, exist_ok=True)
    first_year = NEWEST_YEAR - years + 1
    # A yearly base per region and indicator; cumulative level grows through the year.
    base = {(r, i): rng.uniform(10, 1000) for r in range(len(names)) for i in range(indicators)}
    for year in range(first_year, NEWEST_YEAR + 1):
        growth = {(r, i): round(rng.uniform(-2, 12), 1) for r in range(len(names)) for i in range(indicators)}
        with open(out / PROVINCIAL_DIR / f"{year}.csv", "w", newline="", encoding="utf-8") as handle:
            provincial = csv.writer(handle)
            provincial.writerow(["region", "indicator_id", "period", "value", "source"])
            for month in range(1, months + 1):
                period = f"{year}-{month:02d}"
                monthly_rows = []
                for i in range(indicators):
                    order = sorted(range(len(names)), key=lambda r: -growth[r, i])
                    for r, name in enumerate(names):
                        value = round(base[r, i] * month / 12 * (1 + growth[r, i] / 100), 2)
                        provincial.writerow([name, f"ind_{i + 1:03d}", period, f"{value:.2f}", "synthetic-stats"])
                        if r == 0:
                            monthly_rows.append(
                                [
                                    f"ind_{i + 1:03d}",
                                    period,
                                    f"{value:.2f}",
                                    f"{growth[0, i]:.1f}",
                                    order.index(0) + 1,
                                    "",
                                ]
                            )
                with open(out / MONTHLY_DIR / f"{period}.csv", "w", newline="", encoding="utf-8") as monthly:
                    writer = csv.writer(monthly)
                    writer.writerow(["indicator_id", "period", "value", "yoy_pct", "rank", "note"])
                    writer.writerows(monthly_rows)
        base = {k: v * (1 + growth[k] / 100) for k, v in base.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--regions", type=int, default=16)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args(argv)
    print(generate(args.out, args.regions, args.indicators, args.years, args.months))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
