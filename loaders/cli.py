"""Command line: `python -m loaders validate | build | facts` (contracts in the README; other tools rely on them)."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from .numbers import number_text
from .problems import errors
from .project import ROOT, load_project
from . import auth, coverage, scaffold, store, updates

DEFAULT_DB = Path("build/dashboard.duckdb")
# The first ten columns are the contract; the rest may grow.
FACT_COLUMNS = ["indicator_id", "name", "unit", "region", "period", "measure", "scenario", "comparator", "value",
                "quote", "tolerance", "relative_to", "source", "section", "note", "name_en", "file", "line"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="政府工作报告指标看板：数据文件的检查与构建 · checking and building the data files")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the catalogue and every data file")
    build = commands.add_parser("build", help="rebuild the DuckDB database from the files")
    build.add_argument("--db", type=Path, default=DEFAULT_DB)
    facts = commands.add_parser("facts", help="print every fact, one per row")
    facts.add_argument("--format", choices=("csv", "json"), default="csv")
    imports = commands.add_parser("import", help="check a monthly or provincial file, show what would change; --apply writes it")
    imports.add_argument("file", type=Path)
    imports.add_argument("--apply", action="store_true", help="write the update and record it in the history")
    imports.add_argument("--user", default=os.environ.get("USER") or "cli", help="who applies it (for the history)")
    commands.add_parser("history", help="list the applied updates")
    undo = commands.add_parser("undo", help="revert the last applied update")
    undo.add_argument("--user", default=os.environ.get("USER") or "cli")
    commands.add_parser("hash-password", help="read a password (not echoed) and print the hash to put in the secrets")
    new = commands.add_parser("new", help="create a minimal valid project folder for another place or report")
    new.add_argument("folder", type=Path)
    new.add_argument("--region", required=True, help="the place the report is about, as the report names it")
    new.add_argument("--province", required=True, help="where its regions are ranked (a province; 全国 for a province)")
    new.add_argument("--report-year", type=int, required=True, help="the year of the report (its targets' year)")
    commands.add_parser("coverage", help="list the numbers of the source documents that are neither facts nor listed as not facts")
    args = parser.parse_args(argv)
    handlers = {"validate": validate, "build": build_db, "facts": print_facts, "import": import_file,
                "history": show_history, "undo": undo_last, "hash-password": hash_password, "new": new_folder,
                "coverage": show_coverage}
    return handlers[args.command](args)


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
    n_standards = sum(f.scenario == "standard" for f in project.facts)
    n_points = sum(len(a.points) for a in project.assessments.values())
    print(f"通过：{len(project.catalogue.indicators)} 个指标，{len(project.facts)} 条事实（其中目标 {n_targets} 条，"
          f"标准 {n_standards} 条）；评价清单 {len(project.assessments)} 份（评价要点 {n_points} 个）"
          if args.lang == "zh" else
          f"ok: {len(project.catalogue.indicators)} indicators, {len(project.facts)} facts ({n_targets} targets, "
          f"{n_standards} standards); {len(project.assessments)} checklist(s) ({n_points} evaluation points)")
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


def import_file(args) -> int:
    """Problems as FILE:line: reason and exit 1 (nothing written); otherwise the preview, and with --apply the write."""
    lang = args.lang
    if not args.file.is_file():
        print(f"{args.file}: {'找不到文件' if lang == 'zh' else 'no such file'}", file=sys.stderr)
        return 1
    update = updates.read_update(str(args.file), args.file.read_bytes(), args.root)
    for p in update.problems:
        print(p.format(lang), file=sys.stderr if p.severity == "error" else sys.stdout)
    if not update.ok:
        print("未写入任何数据" if lang == "zh" else "nothing was written", file=sys.stderr)
        return 1
    for change in update.changes:
        if change.kind != "unchanged":
            print(f"{change.kind:9} {change.file}  {change.key}  {change.column}: {change.old or '—'} → {change.new}")
    counts = update.counts()
    print(("新增 {new}，修改 {changed}，不变 {unchanged}" if lang == "zh" else "new {new}, changed {changed}, unchanged {unchanged}").format(**counts))
    if not args.apply:
        print("预览：加 --apply 才会写入" if lang == "zh" else "preview only: add --apply to write")
        return 0
    try:
        entry = updates.apply(update, args.root, args.user)
    except updates.Busy:
        print("另一位同事正在保存更新，请稍后重试" if lang == "zh" else "another update is being applied: try again shortly", file=sys.stderr)
        return 1
    print(("已写入，记为第 {id} 次更新" if lang == "zh" else "applied as update {id}").format(id=entry["id"]))
    return 0


def show_history(args) -> int:
    for e in updates.history(args.root):
        what = e.get("file") if e["action"] == "apply" else f"undo #{e['undoes']}"
        files = ", ".join(f["path"] for f in e["files"])
        print(f"#{e['id']}  {e['at']}  {e['user']}  {e['action']}  {what}  {files}  ({len(e.get('changes', []))} changes)")
    return 0


def undo_last(args) -> int:
    try:
        entry = updates.undo(args.root, args.user)
    except updates.CannotUndo as exc:
        print(exc.reason.pick(args.lang), file=sys.stderr)
        return 1
    except updates.Busy:
        print("另一位同事正在保存更新，请稍后重试" if args.lang == "zh" else "another update is being applied: try again shortly", file=sys.stderr)
        return 1
    print(("已撤销第 {n} 次更新" if args.lang == "zh" else "update {n} undone").format(n=entry["undoes"]))
    return 0


def new_folder(args) -> int:
    """Write the minimal folder, then validate it as `validate` would; refuse to touch an existing file."""
    try:
        written = scaffold.new_project(args.folder, args.region.strip(), args.province.strip(), args.report_year)
    except FileExistsError as exc:
        print(f"{exc.args[0]}: {'已存在，未写入任何文件' if args.lang == 'zh' else 'already exists: nothing was written'}",
              file=sys.stderr)
        return 1
    for path in written:
        print(path)
    project = load_project(args.folder)
    for p in project.problems:
        print(p.format(args.lang), file=sys.stderr)
    print(f"已建立，下一步见 {args.folder / 'README.md'}" if args.lang == "zh" else f"created: see {args.folder / 'README.md'} for the next steps")
    return 0 if project.ok else 1


def show_coverage(args) -> int:
    """Every number of the documents not accounted for, as path:line: message; exit 1 when there is one."""
    project = _load_or_report(args)
    if not project.ok:
        return 1
    found = coverage.coverage_problems(project)
    for p in found:
        print(p.format(args.lang))
    if found:
        return 1
    n = len(coverage.documents(project))
    print(f"通过：{n} 份文件中的每个数字都已编目为事实或列为非事实" if args.lang == "zh" else
          f"ok: every number in {n} document(s) is a fact or listed as not one")
    return 0


def hash_password(args) -> int:
    password = getpass.getpass("密码 password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        print("密码至少 8 位" if args.lang == "zh" else "use at least 8 characters", file=sys.stderr)
        return 1
    print(auth.hash_password(password))
    return 0
