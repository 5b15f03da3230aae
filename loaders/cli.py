"""Command line: `python -m loaders validate | build | facts` (contracts in the README; other tools rely on them)."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path

from loaders import coverage, scaffold
from loaders.extract import cli as extract_cli
from loaders.extract import review_state
from loaders.io.clock import beijing
from loaders.io.language import t
from loaders.io.numbers import number_text
from loaders.io.problems import errors
from loaders.project import ROOT, load_project
from loaders.readers import catalogue
from loaders.staff import auth, transaction

# The modules that need pandas, pyarrow or DuckDB (the store, staff updates) are imported by the commands that use
# them, when they run: `--help` and `validate` start without paying for them (BENCHMARKS.md, "Start-up").
# tests/forked_cli.py imports them before it forks.

DEFAULT_DB = Path("build/dashboard.duckdb")
# The first ten columns are the contract; the rest may grow.
FACTS_OUTPUT_COLUMNS = [
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
    "tolerance",
    "relative_to",
    "source",
    "section",
    "note",
    "name_en",
    "file",
    "line",
    "caveat",
    "note_en",
]  # added after the contract's columns: a figure's caveat code, the note in English


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; docs/cli.md is generated from it (python scripts/make_docs.py)."""
    parser = argparse.ArgumentParser(prog="python -m loaders", description=t("cli_description"))
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check the catalogue and every data file")
    build = commands.add_parser("build", help="rebuild the DuckDB database from the files")
    build.add_argument("--db", type=Path, default=DEFAULT_DB)
    facts = commands.add_parser("facts", help="print every fact, one per row")
    facts.add_argument("--format", choices=("csv", "json"), default="csv")
    imports = commands.add_parser(
        "import", help="check a monthly or provincial file, show what would change; --apply writes it"
    )
    imports.add_argument("file", type=Path)
    imports.add_argument("--apply", action="store_true", help="write the update and record it in the history")
    imports.add_argument("--user", default=os.environ.get("USER") or "cli", help="who applies it (for the history)")
    commands.add_parser(
        "store", help="build the shared read-only store of this version of the files (once) and print its path"
    )
    commands.add_parser("history", help="list the applied updates")
    undo = commands.add_parser("undo", help="revert the last applied update")
    undo.add_argument("--user", default=os.environ.get("USER") or "cli")
    commands.add_parser("hash-password", help="read a password (not echoed) and print the hash to put in the secrets")
    commands.add_parser("schema", help="print the JSON Schema of indicators.yaml (also in docs/indicators.schema.json)")
    new = commands.add_parser("new", help="create a minimal valid project folder for another place or report")
    new.add_argument("folder", type=Path)
    new.add_argument("--region", required=True, help="the place the report is about, as the report names it")
    new.add_argument("--province", required=True, help="where its regions are ranked (a province; 全国 for a province)")
    new.add_argument("--report-year", type=int, required=True, help="the year of the report (its targets' year)")
    new.add_argument(
        "--report", type=Path, help="a report file (.txt, .docx, ...) to draft into the folder, with review.csv"
    )
    commands.add_parser(
        "coverage", help="list the numbers of the source documents that are neither facts nor listed as not facts"
    )
    extract_cli.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Staff read stderr: they get the message that says what happened, never the tracebacks kept for the server log.
    logging.getLogger("loaders").addHandler(logging.NullHandler())
    args = build_parser().parse_args(argv)
    handlers = {
        "validate": validate,
        "build": build_db,
        "facts": print_facts,
        "import": import_file,
        "store": shared_store_path,
        "history": show_history,
        "undo": undo_last,
        "hash-password": hash_password,
        "schema": print_schema,
        "extract": extract_cli.run,
        "new": new_folder,
        "coverage": show_coverage,
    }
    return handlers[args.command](args)


def _load_or_report(args):
    project = load_project(args.root)
    for p in project.problems:
        print(p.format(args.lang), file=sys.stderr if args.command != "validate" else sys.stdout)
    return project


def validate(args) -> int:
    pending = transaction.pending_problems(args.root)  # reported only: the next apply or start repairs it
    for p in pending:
        print(p.format(args.lang))
    project = _load_or_report(args)
    if not project.ok or errors(pending):
        return 1
    pending = review_state.pending(args.root)
    if pending:  # staff's business, said by validate and the staff pages; viewers never see it
        print(t("cli_review_pending", args.lang, n=pending, file=review_state.REVIEW_FILE))
    n_targets = sum(f.scenario == "target" for f in project.facts)
    n_standards = sum(f.scenario == "standard" for f in project.facts)
    n_points = sum(len(a.points) for a in project.assessments.values())
    print(
        t(
            "cli_ok",
            args.lang,
            indicators=len(project.catalogue.indicators),
            facts=len(project.facts),
            targets=n_targets,
            standards=n_standards,
            checklists=len(project.assessments),
            points=n_points,
        )
    )
    return 0


def build_db(args) -> int:
    from loaders import store

    project = _load_or_report(args)
    if not project.ok:
        print(t("cli_not_built", args.lang), file=sys.stderr)
        return 1
    path = store.write_database(project, args.db)
    con = store.connect(project)
    print(store.counts(con).to_string(index=False))
    print(t("cli_written", args.lang, path=path))
    return 0


def shared_store_path(args) -> int:
    """What scripts/serve.sh runs before it starts the app processes: they then open this file read-only."""
    from loaders import shared_store

    try:
        key, project, con = shared_store.open_store(args.root)
    except shared_store.KeptChanging:
        print(shared_store.KeptChanging.message(args.lang, args.root), file=sys.stderr)
        return 1
    if con is None:
        for p in project.problems:
            print(p.format(args.lang), file=sys.stderr)
        print(t("cli_not_built", args.lang), file=sys.stderr)
        return 1
    con.close()
    print(shared_store.store_path(args.root, key))
    return 0


def print_facts(args) -> int:
    from loaders import store

    project = _load_or_report(args)
    if not project.ok:
        return 1
    frame = store.all_facts(store.connect(project))[FACTS_OUTPUT_COLUMNS]
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
    from loaders import shared_store
    from loaders.staff import updates

    lang = args.lang
    if not args.file.is_file():
        print(t("cli_no_file", lang, file=args.file), file=sys.stderr)
        return 1
    update = updates.read_update(str(args.file), args.file.read_bytes(), args.root)
    for p in update.problems:
        print(p.format(lang), file=sys.stderr if p.severity == "error" else sys.stdout)
    if not update.ok:
        print(t("cli_nothing_written", lang), file=sys.stderr)
        return 1
    for change in update.changes:
        if change.kind != "unchanged":
            print(f"{change.kind:9} {change.file}  {change.key}  {change.column}: {change.old or '—'} → {change.new}")
    counts = update.counts()
    print(t("cli_counts", lang, **counts))
    if not args.apply:
        print(t("cli_preview", lang))
        return 0
    try:
        entry = updates.apply(update, args.root, args.user)
    except updates.Busy:
        print(t("cli_busy", lang), file=sys.stderr)
        return 1
    except updates.WriteFailed as exc:
        print(exc.message(lang), file=sys.stderr)
        return 1
    print(t("cli_applied", lang, id=entry["id"]))
    shared_store.prepare(args.root)  # a served folder's viewers find the new version built
    return 0


def show_history(args) -> int:
    from loaders.staff import updates

    lang = args.lang
    for e in updates.history(args.root):
        what = e.get("file") if e["action"] == "apply" else t("undo_of", lang, n=e["undoes"])
        print(
            t(
                "cli_history_line",
                lang,
                id=e["id"],
                when=beijing(e["at"], lang),
                user=e["user"],
                action=t(f"history_{e['action']}", lang),
                what=what,
                files=", ".join(f["path"] for f in e["files"]),
                n=len(e.get("changes", [])),
            )
        )
    return 0


def undo_last(args) -> int:
    from loaders import shared_store
    from loaders.staff import updates

    try:
        entry = updates.undo(args.root, args.user)
    except updates.CannotUndo as exc:
        print(exc.reason.pick(args.lang), file=sys.stderr)
        return 1
    except updates.Busy:
        print(t("cli_busy", args.lang), file=sys.stderr)
        return 1
    except updates.WriteFailed as exc:
        print(exc.message(args.lang), file=sys.stderr)
        return 1
    print(updates.undone_message(args.root, entry, args.lang, "cli_undone"))
    shared_store.prepare(args.root)
    return 0


def print_schema(_args) -> int:
    print(json.dumps(catalogue.json_schema(), ensure_ascii=False, indent=2))
    return 0


def new_folder(args) -> int:
    """Write the folder (with the report drafted into it when --report is given), then validate it as `validate`
    would; refuse to touch an existing file."""
    from loaders.extract.text import UnreadableText

    if args.report is not None and not args.report.is_file():
        print(t("cli_no_file", args.lang, file=args.report), file=sys.stderr)
        return 1
    try:
        written = scaffold.new_project(
            args.folder, args.region.strip(), args.province.strip(), args.report_year, args.report
        )
    except FileExistsError as exc:
        print(t("cli_new_exists", args.lang, path=exc.args[0]), file=sys.stderr)
        return 1
    except (UnreadableText, ValueError) as exc:
        print(f"{args.report}: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    project = load_project(args.folder)
    for p in project.problems:
        print(p.format(args.lang), file=sys.stderr)
    print(t("cli_new_created", args.lang, readme=args.folder / "README.md"))
    if args.report is not None:
        print(t("cli_new_drafted", args.lang, n=review_state.pending(args.folder), folder=args.folder))
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
    print(t("cli_coverage_ok", args.lang, n=n))
    return 0


def hash_password(args) -> int:
    password = getpass.getpass("密码 password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if auth.password_too_weak(password):
        print(t("cli_password_short", args.lang, n=auth.MIN_PASSWORD_CHARS), file=sys.stderr)
        return 1
    print(auth.hash_password(password))
    return 0
