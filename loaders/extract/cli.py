"""`python -m loaders extract FILE --region NAME --report-year YYYY [--format csv|json] [--out DIR]`: the draft as
rows on stdout (facts only), the numbers that are not facts in a file of their own, a draft folder, or a score."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import yaml

from .. import scaffold
from ..io.atomic import write_atomically
from ..io.language import pick
from ..io.numbers import number_text
from ..io.yamlio import load_yaml
from ..project import REGIONS_FILE, SOURCES_FILE
from ..readers.regions import load_regions
from ..readers.sources import load_sources
from . import extract
from .documents import read_document_file
from .draft import COLUMNS, Meta, draft_files
from .grammar import report_year_hint
from .score import expected_facts, report, score
from .text import UnreadableText


def add_parser(commands) -> None:
    p = commands.add_parser("extract", help="draft facts from a report's text (results, targets, not-facts)")
    p.add_argument("file", type=Path)
    p.add_argument("--region", required=True, help="the place the report is about (a region named in a clause wins)")
    p.add_argument("--report-year", type=int, required=True, help="the year of the report: its targets' year")
    p.add_argument("--province", default="", help="the province, for the draft folder's regions file")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument(
        "--out",
        type=Path,
        help="write a draft project folder here (a new or empty folder, or one `new` made and not yet filled)",
    )
    p.add_argument("--source", help="cut the text to this source's markers (from --root's sources.yaml)")
    p.add_argument("--starts-with", help="cut the text from this marker")
    p.add_argument("--ends-with", help="cut the text to this marker")
    p.add_argument("--not-facts", type=Path, help="write the numbers that are not facts, with reasons, to this CSV")
    p.add_argument(
        "--score-against",
        type=Path,
        metavar="DIR",
        help="compare with DIR's hand-made catalogue (facts of --source, or of every source in FILE)",
    )


def run(args) -> int:
    zh = pick(True, False, args.lang)
    if not args.file.is_file():
        print(f"{args.file}: {'找不到文件' if zh else 'no such file'}", file=sys.stderr)
        return 1
    try:
        original = read_document_file(
            args.file, warn=lambda notice: print(f"{args.file}: {notice.format(args.lang)}", file=sys.stderr)
        )
    except UnreadableText as exc:
        print(f"{args.file}: {exc.format(args.lang)}", file=sys.stderr)
        return 1
    starts, ends = args.starts_with, args.ends_with
    sources_root = args.score_against or args.root
    if args.source:
        sources, _ = load_sources(sources_root / SOURCES_FILE)
        if args.source not in sources:
            print(
                f"{args.source}: {'不是已知来源' if zh else 'unknown source'} ({sources_root / SOURCES_FILE})",
                file=sys.stderr,
            )
            return 1
        starts, ends = starts or sources[args.source].starts_with, ends or sources[args.source].ends_with
    # a draft into a folder ranks among that folder's regions; otherwise among --root's
    regions_file = (args.out if args.out and scaffold.still_empty(args.out) else args.root) / REGIONS_FILE
    known = load_regions(regions_file)[0].aliases if regions_file.is_file() else {}
    try:
        draft = extract(original, args.region, args.report_year, known, starts, ends)
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    hint = report_year_hint(draft.text)
    if hint is not None and hint != args.report_year:
        print(
            (
                f"注意：正文标题表明这是 {hint} 年的报告，而 --report-year 是 {args.report_year}"
                if zh
                else f"note: the text's headings say this is the {hint} report, but --report-year is {args.report_year}"
            ),
            file=sys.stderr,
        )
    if args.not_facts:
        with open(args.not_facts, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["text", "reason"])
            writer.writerows([n.text, n.reason] for n in draft.not_facts)
    if args.score_against:
        return _score(args, draft)
    if args.out:
        return _write_folder(args, draft, original, starts, ends)
    rows = [_row(f) for f in draft.facts]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({**r, "value": "" if r["value"] is None else number_text(r["value"])} for r in rows)
    print(
        (
            f"{len(draft.facts)} 条事实；{len(draft.not_facts)} 个数字不是事实（--not-facts FILE 列出）"
            if zh
            else f"{len(draft.facts)} facts; {len(draft.not_facts)} numbers are not facts (--not-facts FILE lists them)"
        ),
        file=sys.stderr,
    )
    return 0


def _row(fact) -> dict:
    return {c: getattr(fact, c) for c in COLUMNS}


def _score(args, draft) -> int:
    sources, _ = load_sources(args.score_against / SOURCES_FILE)
    wanted = (
        {args.source}
        if args.source
        else {s.id for s in sources.values() if s.file is not None and s.file.stem == args.file.stem}
    )
    expected = expected_facts(args.score_against, wanted)
    print(f"sources: {', '.join(sorted(wanted))}")
    print(report(score(draft.facts, expected), args.lang))
    return 0


def _write_folder(args, draft, original: str, starts, ends) -> int:
    """The draft folder: into a new or empty folder (its regions file from the division table, for --region and
    --province), or into a folder `new` made and nobody filled yet (its regions file and README kept)."""
    out: Path = args.out
    into_new = out.exists() and any(out.iterdir())
    if into_new and not scaffold.still_empty(out):
        refusal = pick(
            "文件夹已有数据，不是 new 刚建好的空文件夹",
            "the folder holds data: it is not one `new` made and left empty",
            args.lang,
        )
        print(f"{out}: {refusal}", file=sys.stderr)
        return 1
    if into_new:
        regions = (out / REGIONS_FILE).read_text(encoding="utf-8")
        source = load_catalogue_source(out) or scaffold.source_id(args.region, args.report_year)
        text_name = f"{source}.txt"
    else:
        regions = scaffold.regions_text(args.region, args.province)
        source = args.source or ""
        text_name = args.file.stem + ".txt"
    listed = len((yaml.safe_load(regions) or {}).get("regions") or []) > 1
    meta = Meta(
        args.region,
        args.report_year,
        text_name,
        args.province,
        source,
        starts,
        ends,
        regions_yaml=regions if listed else "",
        rank_scope=scaffold.rank_scope(regions) if listed else "",
    )
    files = draft_files(draft, meta, original)
    if into_new:
        files.pop("data/regions.yaml")
    for relative, data in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    print(
        pick(
            f"已写入草稿文件夹 {out}：{len(draft.facts)} 行待审核（review.csv），"
            f"再运行 python -m loaders --root {out} validate",
            f"draft folder written to {out}: {len(draft.facts)} rows to review (review.csv); "
            f"then run python -m loaders --root {out} validate",
            args.lang,
        )
    )
    return 0


def load_catalogue_source(folder: Path) -> str | None:
    """The report's source id in a folder `new` made (its catalogue's defaults.source)."""
    data = load_yaml(folder / "indicators.yaml")[0] or {}  # aliases refused: checked empty by still_empty first
    return (data.get("defaults") or {}).get("source") if isinstance(data, dict) else None
