"""Command line: `python -m loaders validate | build | facts` (contracts in the README; other tools rely on them)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .numbers import number_text
from .problems import errors
from .project import ROOT, load_project
from . import store

DEFAULT_DB = Path("build/dashboard.duckdb")
# The first ten columns are the contract; the rest may grow.
FACT_COLUMNS = ["indicator_id", "name", "unit", "region", "period", "measure", "scenario", "comparator", "value",
                "quote", "tolerance", "relative_to", "source", "section", "note", "name_en", "file", "line"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="临沧市政府工作报告指标看板：数据文件的检查与构建")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the catalogue and every data file")
    build = commands.add_parser("build", help="rebuild the DuckDB database from the files")
    build.add_argument("--db", type=Path, default=DEFAULT_DB)
    facts = commands.add_parser("facts", help="print every fact, one per row")
    facts.add_argument("--format", choices=("csv", "json"), default="csv")
    args = parser.parse_args(argv)
    return {"validate": validate, "build": build_db, "facts": print_facts}[args.command](args)


def _load_or_report(args):
    project = load_project(args.root)
    for p in project.problems:
        print(p.format(args.lang), file=sys.stderr if args.command != "validate" else sys.stdout)
    return project


def validate(args) -> int:
    project = _load_or_report(args)
    if not project.ok:
        return 1
    n_targets = sum(f.scenario == "target" for f in project.facts)
    print(f"通过：{len(project.catalogue.indicators)} 个指标，{len(project.facts)} 条事实（其中目标 {n_targets} 条）"
          if args.lang == "zh" else
          f"ok: {len(project.catalogue.indicators)} indicators, {len(project.facts)} facts ({n_targets} targets)")
    return 0


def build_db(args) -> int:
    project = _load_or_report(args)
    if not project.ok:
        print("有错误，未构建数据库" if args.lang == "zh" else "errors found: the database was not built", file=sys.stderr)
        return 1
    path = store.write_database(project, args.db)
    con = store.connect(project)
    print(store.counts(con).to_string(index=False))
    print(f"{'已写入' if args.lang == 'zh' else 'written:'} {path}")
    return 0


def print_facts(args) -> int:
    project = _load_or_report(args)
    if not project.ok:
        return 1
    frame = store.all_facts(store.connect(project))[FACT_COLUMNS]
    if args.format == "json":
        records = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        frame = frame.astype({"value": "object", "tolerance": "object"})
        for column in ("value", "tolerance"):
            frame[column] = [number_text(v) if v == v and v is not None else "" for v in frame[column]]
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _plain(value):
    """JSON-friendly: missing as null, whole numbers without '.0'."""
    if value is None or value != value:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.item() if hasattr(value, "item") else value
