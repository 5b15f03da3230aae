"""Command line: `python -m charts export --out DIR [--format png,svg,pptx]`, `python -m charts briefing --out DIR
[--period YYYY-MM] [--format docx,md]` and `python -m charts bench`.

export writes every standard chart (charts/standard.py) as PNG and/or SVG and the meeting deck, printing each file it
writes; it exits 1, writing nothing, when the data files have errors or Chromium or a CJK font is missing.
briefing writes the monthly briefing (charts/briefing/) as Word and Markdown; without Chromium or a CJK font it is
still written, without the chart and with a note saying why.
bench exports the full deck with one browser and prints the time of each chart beside that of an empty figure."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import plotly.graph_objects as go

from loaders import store
from loaders.project import ROOT, load_project

from . import briefing as briefings
from . import deck, export, standard

FORMATS = ("png", "svg", "pptx")
BRIEFING_FORMATS = ("docx", "md")


def _choice(text: str, allowed: tuple[str, ...]) -> list[str]:
    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {','.join(allowed)}: {text!r}")
    return chosen


def formats(text: str) -> list[str]:
    return _choice(text, FORMATS)


def briefing_formats(text: str) -> list[str]:
    return _choice(text, BRIEFING_FORMATS)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; docs/cli.md is generated from it (python scripts/make_docs.py)."""
    parser = argparse.ArgumentParser(
        prog="python -m charts", description="政府工作报告指标看板：图表导出 · chart export"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of charts and deck")
    commands = parser.add_subparsers(dest="command", required=True)
    export_cmd = commands.add_parser("export", help="write every standard chart and the meeting deck")
    export_cmd.add_argument("--out", type=Path, required=True, help="folder to write into (made if missing)")
    export_cmd.add_argument("--format", type=formats, default=list(FORMATS), help="png,svg,pptx (default: all three)")
    export_cmd.add_argument("--scale", type=float, default=1, help="PNG size: 1 = 1920×1080, 2 = 3840×2160")
    brief = commands.add_parser("briefing", help="write the monthly briefing (Word and Markdown)")
    brief.add_argument("--out", type=Path, required=True, help="folder to write into (made if missing)")
    brief.add_argument("--period", help="YYYY-MM (default: the newest month with a figure)")
    brief.add_argument(
        "--format", type=briefing_formats, default=list(BRIEFING_FORMATS), help="docx,md (default: both)"
    )
    bench = commands.add_parser("bench", help="time the export of the full deck, chart by chart")
    bench.add_argument("--repeat", type=int, default=5, help="empty figures to time (median)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and args.scale <= 0:
        parser.error("--scale must be positive")
    project = load_project(args.root)
    if not project.ok:
        for problem in project.problems:
            print(problem.format(args.lang), file=sys.stderr)
        print("数据文件有错误，未导出 · the data files have errors: nothing exported", file=sys.stderr)
        return 1
    if args.command == "briefing":
        return write_briefing(standard.basis(project, store.connect(project), args.lang), args)
    found = export.environment()
    if not found.ok:
        print(found.message(), file=sys.stderr)
        return 1
    ctx = standard.basis(project, store.connect(project), args.lang)
    try:
        return {"export": export_all, "bench": benchmark}[args.command](ctx, args)
    except export.ExportUnavailable as problem:
        print(problem, file=sys.stderr)
        return 1


def export_all(ctx, args) -> int:
    charts = standard.standard_charts(ctx)
    with export.browser():
        for chart in charts:
            if "png" in args.format:
                print(
                    export.write_bytes(args.out / f"{chart.stem}.png", export.figure_png(chart.figure, args.scale)),
                    flush=True,
                )
            if "svg" in args.format:
                print(export.write_bytes(args.out / f"{chart.stem}.svg", export.figure_svg(chart.figure)), flush=True)
        # the deck's pictures are laid out for a slide (deck.deck_figure): no title of their own, larger text
        images = list(deck.slide_pngs(charts, args.scale)) if "pptx" in args.format else []
    if "pptx" in args.format:
        print(
            export.write_bytes(args.out / deck.file_name(ctx, ascii_only=True), deck.deck_bytes(ctx, charts, images)),
            flush=True,
        )
    return 0


def write_briefing(ctx, args) -> int:
    """The briefing as .docx and/or .md (with the chart's PNG beside the Markdown); each file printed."""
    try:
        made = briefings.briefing(ctx, args.period)
    except briefings.BriefingError as problem:
        print(problem, file=sys.stderr)
        return 1
    png, problem = briefings.chart_png(made)
    if problem:
        print(f"图表未插入 · chart left out: {problem}", file=sys.stderr)
    if "docx" in args.format:
        print(
            export.write_bytes(args.out / f"{made.file_stem}.docx", briefings.document_bytes(made, png, problem)),
            flush=True,
        )
    if "md" in args.format:
        chart_file = None
        if png:
            chart_file = f"{made.file_stem}-chart.png"
            print(export.write_bytes(args.out / chart_file, png), flush=True)
        text = briefings.markdown_text(made, chart_file, problem)
        print(export.write_bytes(args.out / f"{made.file_stem}.md", text.encode("utf-8")), flush=True)
    return 0


def benchmark(ctx, args) -> int:
    """One browser for everything; each chart's PNG time beside the median time of an empty figure."""
    started = time.perf_counter()
    charts = standard.standard_charts(ctx)
    built = time.perf_counter() - started
    started = time.perf_counter()
    with export.browser():
        export.figure_png(go.Figure())  # the first image waits for the page to load: counted with the start
        start = time.perf_counter() - started
        empty = statistics.median(_timed(lambda: export.figure_png(go.Figure())) for _ in range(max(1, args.repeat)))
        rows, images = [], []
        for chart in charts:
            seconds = _timed(lambda: images.append(export.figure_png(chart.figure)))
            rows.append((chart.stem, seconds))
    assembling = _timed(lambda: deck.deck_bytes(ctx, charts, images))
    width = max(len(stem) for stem, _ in rows)
    print(f"{len(charts)} charts built (plotly) in {built:.2f} s; Chromium started and first image in {start:.2f} s")
    print(f"empty figure, same browser, 1920×1080 PNG: {empty:.3f} s (median of {max(1, args.repeat)})")
    print(f"{'chart':<{width}}  {'PNG s':>6}  {'empty s':>7}  {'ratio':>5}")
    for stem, seconds in rows:
        print(f"{stem:<{width}}  {seconds:6.3f}  {empty:7.3f}  {seconds / empty:5.1f}")
    total = sum(s for _, s in rows)
    print(f"{'all charts':<{width}}  {total:6.2f}  (mean {total / len(rows):.3f} s per chart)")
    print(
        f"deck assembled (python-pptx) in {assembling:.2f} s; "
        f"whole deck {built + start + total + assembling:.2f} s with one browser"
    )
    return 0


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
