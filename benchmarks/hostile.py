"""`python -m benchmarks.hostile`: peak memory and time of reading the worst input of each kind the readers refuse
(issue #26), each in a process of its own under a memory cap (2 GB) and a time limit, so that the benchmark cannot
take the machine down. Prints a Markdown table (paste it into BENCHMARKS.md).

The inputs are made at run time by tests/hostile_files.py (workbooks and CSV, small on disk, huge once read) and
here (YAML, numbers, names). Peak memory is the process's peak resident size (VmHWM) during the read, reset
(/proc/self/clear_refs) once the input is made and the modules are imported (about 150 MB: pandas, pyarrow,
openpyxl); "of which the read" is that peak less the resident size just before the read. A legitimate workbook of
the largest size an upload may have (5,000 rows × 60 columns) is measured too: the cost of the checks on a good file."""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
MEMORY_CAP = 2 * 1024**3  # a reader that escapes its limits fails here instead of taking the machine's memory
TIME_CAP_S = 300

# name: (what it is, how it is read)
CASES = {
    "good-5000x60.xlsx": ("a full upload: 5,000 rows × 60 columns of figures (a legitimate file)", "upload"),
    "one-row-of-empty-cells.xlsx": ("one row of 7.6 million empty cells (34 KB, 30 MB expanded)", "upload"),
    "many-rows-of-empty-cells.xlsx": ("760 rows of 10,000 empty cells", "upload"),
    "shared-strings.xlsx": ("2.3 million shared strings", "upload"),
    "styles.xlsx": ("four million fonts in the style sheet", "upload"),
    "deep.xlsx": ("an inline string nested two million elements deep", "upload"),
    "million-empty-rows.xlsx": ("two million empty rows", "upload"),
    "huge-cell.xlsx": ("a shared string of 300 MB", "upload"),
    "entities.xlsx": ("an XML entity bomb ('billion laughs')", "upload"),
    "million-rows.csv": ("a million CSV rows", "upload"),
    "regions-alias-bomb": ("data/regions.yaml: nine nested aliases (3.5 billion values)", "validate"),
    "million-digits": ("data/monthly: a figure of a million digits", "validate"),
    "long-name": ("indicators.yaml: a name of 100,000 characters", "validate"),
}


def _good_workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator_id", "period", "value"] + [f"extra_{n}" for n in range(57)])
    for row in range(4_999):
        sheet.append(["gdp", "2023-06", row + 0.5] + [row * 1.0] * 57)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload_input(name: str) -> bytes:
    import hostile_files

    if name == "good-5000x60.xlsx":
        return _good_workbook()
    makers = {
        "one-row-of-empty-cells.xlsx": hostile_files.one_row_of_empty_cells,
        "many-rows-of-empty-cells.xlsx": hostile_files.rows_of_empty_cells,
        "shared-strings.xlsx": hostile_files.many_shared_strings,
        "styles.xlsx": hostile_files.many_styles,
        "deep.xlsx": hostile_files.deep_nesting,
        "million-empty-rows.xlsx": hostile_files.million_empty_rows,
        "huge-cell.xlsx": hostile_files.huge_shared_string,
        "entities.xlsx": hostile_files.entity_bomb,
        "million-rows.csv": hostile_files.million_row_csv,
    }
    return makers[name]()


def _project_with(name: str, folder: Path) -> Path:
    """A copy of the shipped project with one hostile change, in `folder`/project."""
    root = folder / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    if name == "regions-alias-bomb":
        bomb = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}' if n else '哈'] * 9)}]\n" for n in range(10))
        path = root / "data/regions.yaml"
        path.write_text(bomb + path.read_text(encoding="utf-8").replace("province_en: Yunnan", "province_en: *l9"))
    elif name == "million-digits":
        (root / "data/monthly").mkdir(exist_ok=True)
        (root / "data/monthly/2023-06.csv").write_text(
            "indicator_id,period,value,yoy_pct,rank,note\ngdp,2023-06," + "9" * 1_000_000 + ",,,\n", encoding="utf-8"
        )
    elif name == "long-name":
        path = root / "indicators.yaml"
        text = path.read_text(encoding="utf-8")
        first = text.index("\n    name_zh: ") + len("\n    name_zh: ")  # an indicator's, in block style
        path.write_text(text[:first] + "长" * 100_000 + text[text.index("\n", first) :], encoding="utf-8")
    return root


def _status_mb(field: str) -> float:
    """VmHWM (peak resident size) or VmRSS (resident now) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def make_input(name: str, folder: Path) -> None:
    """In a first child process: the input, written into `folder` (so that making it costs the reader nothing)."""
    sys.path.insert(0, str(TESTS))
    if CASES[name][1] == "upload":
        (folder / name).write_bytes(_upload_input(name))
    else:
        _project_with(name, folder)


def measure_one(name: str, folder: Path) -> dict:
    """In a second child process: read the input as the project does, timing the read alone."""
    from loaders.io.tables import UPLOAD_LIMITS, read_rows
    from loaders.project import load_project

    upload = CASES[name][1] == "upload"
    data = (folder / name).read_bytes() if upload else None
    root = None if upload else folder / "project"
    size = len(data) if upload else sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    if root is not None:
        os.chdir(root)  # messages name the files as `validate` run in the folder does
    Path("/proc/self/clear_refs").write_text("5")  # the peak from here on: the read alone
    before = _status_mb("VmRSS")
    started = time.perf_counter()
    if upload:
        _, rows, problems = read_rows(name, data, None, ("indicator_id", "point"), UPLOAD_LIMITS)
    else:
        problems = [p for p in load_project(Path(".")).problems if p.severity == "error"]
    seconds = time.perf_counter() - started
    said = problems[0].format() if problems else f"read: {len(rows)} rows" if upload else "no error"
    peak = _status_mb("VmHWM")
    return {"name": name, "bytes": size, "seconds": seconds, "peak_mb": peak, "before_mb": before, "said": said}


def run_one(name: str) -> dict:
    """The input made, then read in a child process of its own, capped; what it printed, or how it failed."""

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    with tempfile.TemporaryDirectory(prefix="hostile-") as folder:
        for step in ("--make", "--one"):
            started = time.perf_counter()
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "benchmarks.hostile", step, name, "--folder", folder],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=TIME_CAP_S,
                    preexec_fn=cap,
                    env={**os.environ, "PYTHONPATH": str(ROOT)},
                )
            except subprocess.TimeoutExpired:
                return {"name": name, "failed": f"{step}: no answer within {TIME_CAP_S} s"}
            if result.returncode != 0:
                last = (result.stderr.strip().splitlines() or ["?"])[-1]
                spent = time.perf_counter() - started
                return {"name": name, "failed": f"{step}: exit {result.returncode} after {spent:.0f} s: {last}"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    lines = [
        "| input | on disk | read in | peak memory (process) | of which the read | what the reader says |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        what = CASES[r["name"]][0]
        if "failed" in r:
            lines.append(f"| {what} |  |  |  |  | **failed**: {r['failed']} |")
            continue
        said = r["said"] if len(r["said"]) <= 90 else r["said"][:89] + "…"
        size = f"{r['bytes'] / 1024:.0f} KB" if r["bytes"] < 10 * 1024**2 else f"{r['bytes'] / 1024**2:.0f} MB"
        figures = f"{r['seconds']:.2f} s | {r['peak_mb']:.0f} MB | +{r['peak_mb'] - r['before_mb']:.0f} MB"
        lines.append(f"| {what} | {size} | {figures} | {said.replace('|', '/')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--make", help=argparse.SUPPRESS)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--only", help="comma-separated input names (default: all): " + ", ".join(CASES))
    args = parser.parse_args(argv)
    if args.make:
        make_input(args.make, Path(args.folder))
        return 0
    if args.one:
        print(json.dumps(measure_one(args.one, Path(args.folder)), ensure_ascii=False))
        return 0
    names = args.only.split(",") if args.only else list(CASES)
    results = []
    for name in names:
        print(f"… {name}", file=sys.stderr, flush=True)
        results.append(run_one(name))
    print(table(results))
    return 0 if all("failed" not in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
