"""`python -m benchmarks [--quick] [--only build,pages,browser,deck,memory,serve,serve-frames]` (serve = serve-memory,serve-load):
every figure a median of several runs, printed beside its floor measured in the same run, at two sizes: the shipped
project (this checkout) and a synthetic scale project (benchmarks/generate.py: 16 regions × 300 indicators × 10
years × 12 months), generated into a temporary folder and removed afterwards. Prints a Markdown table (paste it into
BENCHMARKS.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's bare-mode warnings would drown the progress lines

from loaders.project import MONTHLY_DIR, PROVINCIAL_DIR, RESULTS_FILE, ROOT, ROOT_VARIABLE
from workarounds import APP_IDLE, CHART_DRAWN, apptest_registered_pages, apptest_tree

from . import median_time
from .generate import generate

SECTIONS = ("build", "pages", "browser", "deck", "memory", "serve", "serve-memory", "serve-load", "serve-frames")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CHART = CHART_DRAWN  # Streamlit's markup: workarounds.py
IDLE = APP_IDLE
ALL_CHARTS_DRAWN = """() => { const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
    return charts.length > 0 && [...charts].every(c => c.querySelector('.main-svg')); }"""
EMPTY_PAGE = "import streamlit as st\n"
ONE_CHART_PAGE = (
    "import plotly.graph_objects as go\nimport streamlit as st\n"
    "st.plotly_chart(go.Figure(go.Bar(x=['a', 'b', 'c'], y=[1, 3, 2])), theme=None)\n"
)
TARGETS = {
    "build": 1.5,
    "page_shipped": 2.0,
    "page_scale": 3.0,
    "page_same_shape": 3.0,
    "browser": 1.5,
    "deck": 1.3,
    "memory": 2.0,
}
# A bare page of the same shape as a dashboard page: for each element the page drew, the cheapest Streamlit call that
# draws one (containers and the frame's parts are not counted). The frame: wide layout and a sidebar radio, as in
# dashboard.py, without its navigation.
SAME_SHAPE_HEAD = (
    "import pandas as pd\nimport plotly.graph_objects as go\nimport streamlit as st\n"
    "st.set_page_config(layout='wide')\nst.sidebar.radio('lang', ['zh', 'en'], key='lang')\n"
    "FIG = go.Figure(go.Bar(x=['a', 'b', 'c'], y=[1, 3, 2]))\nDF = pd.DataFrame({'a': [1, 2, 3]})\n"
)
SAME_SHAPE_CALLS = {
    "plotly_chart": "st.plotly_chart(FIG, theme=None, key='c{n}')",
    "dataframe": "st.dataframe(DF)",
    "metric": "st.metric('m', 1, 1)",
    "markdown": "st.markdown('text')",
    "caption": "st.caption('text')",
    "title": "st.title('title')",
    "header": "st.header('header')",
    "subheader": "st.subheader('subheader')",
    "download_button": "st.download_button('d', b'x', key='d{n}')",
    "button": "st.button('b', key='b{n}')",
    "selectbox": "st.selectbox('s', ['a', 'b'], key='s{n}')",
    "multiselect": "st.multiselect('m', ['a'], key='m{n}')",
    "radio": "st.radio('r', ['a', 'b'], key='r{n}')",
    "checkbox": "st.checkbox('c', key='x{n}')",
    "text_input": "st.text_input('t', key='t{n}')",
    "slider": "st.slider('s', 0, 9, key='l{n}')",
    "number_input": "st.number_input('n', key='n{n}')",
    "expander": "st.expander('e')",
    "popover": "st.popover('p')",
    "alert": "st.info('info')",
}


@dataclass
class Row:
    what: str
    size: str
    value: float | None
    floor: float | None
    unit: str = "s"
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return None if self.value is None or not self.floor else self.value / self.floor

    def cells(self) -> list[str]:
        fmt = (
            (lambda v: "–" if v is None else f"{v:.0f} MB")
            if self.unit == "MB"
            else (lambda v: "–" if v is None else f"{v:.3f} s")
        )
        ratio = "–" if self.ratio is None else f"{self.ratio:.2f}×"
        target = "" if self.target is None else f"≤ {self.target:g}×"
        met = (
            "" if self.target is None or self.ratio is None else ("met" if self.ratio <= self.target else "**missed**")
        )
        return [self.what, self.size, fmt(self.value), fmt(self.floor), ratio, target, met, self.note]


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# --- build ------------------------------------------------------------------------------------------------------
def csv_files(root: Path) -> list[str]:
    files = [str(root / RESULTS_FILE)] if (root / RESULTS_FILE).exists() else []
    return (
        files
        + sorted(glob.glob(str(root / MONTHLY_DIR / "*.csv")))
        + sorted(glob.glob(str(root / PROVINCIAL_DIR / "*.csv")))
    )


def bench_build(sizes: dict[str, Path], runs: int) -> list[Row]:
    import duckdb

    from loaders import store
    from loaders.project import load_project

    def build(root):
        project = load_project(root)
        store.connect(project).close()

    def floor(root):
        con = duckdb.connect(":memory:")
        con.execute("CREATE TABLE facts AS SELECT * FROM read_csv(?, union_by_name = true)", [csv_files(root)])
        con.close()

    rows = []
    for size, root in sizes.items():
        say(f"build: {size}")
        rows.append(
            Row(
                "build: load_project + store.connect",
                size,
                median_time(lambda: build(root), runs),
                median_time(lambda: floor(root), runs),
                target=TARGETS["build"] if size == "scale" else None,
                note=f"floor: DuckDB read_csv of the {len(csv_files(root))} CSV files into one table",
            )
        )
    return rows


# --- pages (AppTest) --------------------------------------------------------------------------------------------
def bench_pages(sizes: dict[str, Path], runs: int, scratch: Path) -> list[Row]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from pages.registry import VIEWER_PAGES

    entry = str(ROOT / "dashboard.py")
    empty = scratch / "empty_page.py"
    empty.write_text(EMPTY_PAGE)

    def empty_run():
        at = AppTest.from_file(str(empty), default_timeout=120)
        at.run()

    rows = []
    for size, root in sizes.items():
        os.environ[ROOT_VARIABLE] = str(root)
        st.cache_data.clear()
        st.cache_resource.clear()
        say(f"pages: {size} (first run builds the store)")
        first = AppTest.from_file(entry, default_timeout=300)
        first.run()  # builds and caches the store for this size: not part of any page's time
        floor = median_time(empty_run, runs)
        shown = registered_pages(first)
        for page in VIEWER_PAGES:
            if str(ROOT / page.file) not in shown:  # a folder without the page's documents leaves it out of the menu
                say(f"pages: {size}: {page.url_path} is not in this folder's menu")
                continue
            at = AppTest.from_file(entry, default_timeout=300)
            at.run()
            failed = []

            def page_run():
                at.switch_page(page.file).run()
                if at.exception:
                    failed.append(at.exception[0].message)

            page_run()  # warm: imports of the page's modules
            value = median_time(page_run, runs)
            rows.append(
                Row(
                    f"page (AppTest): {page.url_path}",
                    size,
                    value,
                    floor,
                    target=TARGETS["page_shipped" if size == "shipped" else "page_scale"],
                    note="floor: one-line empty page" + (f"; EXCEPTION: {failed[0][:80]}" if failed else ""),
                )
            )
            shape = shape_of(at)
            bare = scratch / f"same_shape_{page.url_path}.py"
            bare.write_text(same_shape_page(shape))
            AppTest.from_file(str(bare), default_timeout=120).run()  # warm
            same = median_time(lambda: AppTest.from_file(str(bare), default_timeout=120).run(), runs)
            rows.append(
                Row(
                    f"page (AppTest) vs same shape: {page.url_path}",
                    size,
                    value,
                    same,
                    target=TARGETS["page_same_shape"],
                    note="floor: a bare page with " + ", ".join(f"{n} {k}" for k, n in sorted(shape.items())),
                )
            )
    os.environ.pop(ROOT_VARIABLE, None)
    return rows


def registered_pages(at) -> set[str]:
    """The script paths the app registered with st.navigation on its last run (the folder decides the menu).
    AppTest has no public accessor (workarounds.apptest_registered_pages)."""
    return {str(info["script_path"]) for info in apptest_registered_pages(at).values() if info.get("script_path")}


def shape_of(at) -> dict[str, int]:
    """How many elements of each kind a page drew (AppTest's tree below the main area and the sidebar)."""
    counts: dict[str, int] = {}

    def walk(node):
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            if child.type == "sidebar":  # the frame's, drawn by the bare page's own sidebar
                continue
            if child.type in SAME_SHAPE_CALLS:
                counts[child.type] = counts.get(child.type, 0) + 1
            walk(child)

    walk(apptest_tree(at))
    return counts


def same_shape_page(shape: dict[str, int]) -> str:
    calls = [SAME_SHAPE_CALLS[kind].format(n=n) for kind, count in shape.items() for n in range(count)]
    return SAME_SHAPE_HEAD + "\n".join(calls) + "\n"


# --- browser and memory (streamlit run + Playwright) ------------------------------------------------------------
def free_port() -> int:
    """A free port: from BENCHMARK_PORTS ("8590-8599") when set, on a machine shared with other servers; else any."""
    wanted = os.environ.get("BENCHMARK_PORTS")
    first, last = (int(p) for p in wanted.split("-")) if wanted else (0, 0)
    for port in range(first, last + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in BENCHMARK_PORTS={wanted}")


@contextmanager
def streamlit_server(script: Path, cwd: Path, log: Path, root: Path | None = None, options: tuple[str, ...] = ()):
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if root is not None:
        env[ROOT_VARIABLE] = str(root)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *options,
    ]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()  # only the process started here, by its own handle
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def load_time(browser, url: str) -> float:
    """A fresh context (a new session), from navigation until every chart on the page is drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector(CHART, timeout=300_000)
        page.wait_for_selector(IDLE, state="attached", timeout=300_000)
        page.wait_for_function(ALL_CHARTS_DRAWN, timeout=300_000)
        return time.perf_counter() - started
    finally:
        context.close()


def build_store(root: Path) -> None:
    """What scripts/run.sh and scripts/serve.sh do before the app starts: the shared store of this version of the
    files, built by a process that exits."""
    subprocess.run(
        [sys.executable, "-m", "loaders", "--root", str(root), "store"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def bench_browser(sizes: dict[str, Path], runs: int, scratch: Path, sections: set[str]) -> list[Row]:
    from playwright.sync_api import sync_playwright

    bare = scratch / "one_chart_page.py"
    bare.write_text(ONE_CHART_PAGE)
    rows, loads, memory = [], {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            say("browser: bare one-chart page")
            with streamlit_server(bare, scratch, scratch / "bare.log") as (url, process):
                load_time(browser, url)  # warm
                floor = statistics.median(load_time(browser, url) for _ in range(runs))
                floor_memory = peak_mb(process.pid)
            for size, root in sizes.items():
                say(f"browser: dashboard, {size}, started as scripts/run.sh starts it (the store built beforehand)")
                build_store(root)
                with streamlit_server(ROOT / "dashboard.py", ROOT, scratch / f"dashboard-{size}.log", root) as (
                    url,
                    process,
                ):
                    load_time(browser, url)  # the first session fills the caches: not part of the load time
                    loads[size] = statistics.median(load_time(browser, url) for _ in range(runs))
                    memory[size] = peak_mb(process.pid)
        finally:
            browser.close()
    if "browser" in sections:
        for size in sizes:
            rows.append(
                Row(
                    "browser: overview until its charts are drawn",
                    size,
                    loads[size],
                    floor,
                    target=TARGETS["browser"],
                    note="floor: bare Streamlit page with one plotly chart",
                )
            )
    if "memory" in sections:
        for size in sizes:
            base = memory.get("shipped")
            rows.append(
                Row(
                    "memory: app process peak (VmHWM)",
                    size,
                    memory[size],
                    base if size != "shipped" else floor_memory,
                    unit="MB",
                    target=TARGETS["memory"] if size != "shipped" else None,
                    note="floor: the shipped-data app"
                    if size != "shipped"
                    else "floor: the bare one-chart Streamlit app",
                )
            )
    return rows


# --- meeting-deck export (charts/export.py, charts/deck.py) -------------------------------------------------------
def bench_deck(sizes: dict[str, Path], runs: int) -> list[Row]:
    rows = []
    for size, root in sizes.items():
        say(f"deck: {size}")
        try:
            import plotly.graph_objects as go

            from charts import deck, export, standard
            from loaders import store
            from loaders.project import load_project

            found = export.environment()
            if not found.ok:
                raise RuntimeError(found.message())
            project = load_project(root)
            ctx = standard.basis(project, store.connect(project), "zh")
            # The deck the overview offers (standard.default_keys). `python -m charts export` also draws one
            # provincial chart per indicator, period and measure: 36,000 at scale (see BENCHMARKS.md).
            keys = standard.default_keys(standard.menu(ctx))
            charts = standard.build(ctx, keys)
            n = len(charts)
            charted, empties = [], []
            with export.browser():
                # Chromium's start, the first page load and the second tab (export.pngs opens it in the
                # background): outside both figures. Both draw through export.pngs, as many tabs at once.
                export.figure_png(go.Figure())
                list(export.pngs(go.Figure() for _ in range(n)))
                for _ in range(runs):
                    started = time.perf_counter()
                    list(export.pngs(go.Figure() for _ in range(n)))
                    empties.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    deck.meeting_deck(ctx, keys)  # what the overview's button runs: built, drawn, assembled
                    charted.append(time.perf_counter() - started)
            rows.append(
                Row(
                    "deck export per chart (PNG + PPTX)",
                    size,
                    statistics.median(charted) / n,
                    statistics.median(empties) / n,
                    target=TARGETS["deck"],
                    note=f"the overview's default deck, {n} charts (built, drawn, assembled), one browser; floor: {n} empty figures drawn the same way (export.pngs, same browser)",
                )
            )
        except Exception as problem:  # the export module is being finished by another engineer
            say(traceback.format_exc())
            rows.append(
                Row(
                    "deck export per chart (PNG + PPTX)",
                    size,
                    None,
                    None,
                    target=TARGETS["deck"],
                    note=f"not measured: export API not ready here ({type(problem).__name__}: {str(problem)[:100]})",
                )
            )
    return rows


# --- the command --------------------------------------------------------------------------------------------------
def table(rows: list[Row]) -> str:
    head = ["measure", "size", "median", "floor", "ratio", "target", "", "notes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def said(rows: list[Row]) -> list[Row]:
    """A part's rows, printed to stderr as soon as the part is measured: a run stopped later keeps them."""
    print(table(rows), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs per figure (medians of 1–2)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated: {','.join(SECTIONS)}")
    parser.add_argument("--scale-root", type=Path, help="use this generated project instead of generating one")
    args = parser.parse_args(argv)
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    if sections - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(sections - set(SECTIONS)))}")
    runs = {
        "build": 1 if args.quick else 3,
        "pages": 2 if args.quick else 5,
        "browser": 2 if args.quick else 5,
        "deck": 1 if args.quick else 3,
    }
    started = time.perf_counter()
    # Stopped (timeout, kill PID): still stop the servers started here and remove the temporary folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scratch = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    try:
        if args.scale_root:
            scale = args.scale_root
        elif sections <= {"serve-load", "serve-frames"}:  # these use the shipped project only
            scale = None
        else:
            say("generating the scale project")
            scale = generate(scratch / "scale")
        sizes = {"shipped": ROOT, "scale": scale} if scale else {"shipped": ROOT}
        rows: list[Row] = []
        if "build" in sections:
            rows += said(bench_build(sizes, runs["build"]))
        if "pages" in sections:
            rows += said(bench_pages(sizes, runs["pages"], scratch))
        if sections & {"browser", "memory"}:
            rows += said(bench_browser(sizes, runs["browser"], scratch, sections))
        if "deck" in sections:
            rows += said(bench_deck(sizes, runs["deck"]))
        if sections & {"serve", "serve-memory", "serve-load"}:  # benchmarks/serve.py: replicas behind nginx
            from .serve import bench_load, bench_memory

            if sections & {"serve", "serve-memory"}:
                rows += said(bench_memory(sizes, scratch, Row))
            if sections & {"serve", "serve-load"}:
                rows += said(bench_load(scratch, args.quick, Row))
        if "serve-frames" in sections:  # not part of "serve": it sends 1.1 GB over loopback
            from .serve import bench_frames

            rows += said(bench_frames(scratch, Row))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"Benchmarks, {dt.date.today():%Y-%m-%d}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
        f"{' (--quick)' if args.quick else ''}; medians of {runs} runs; shipped = {ROOT.name}/, "
        f"scale = 16 regions × 300 indicators × 10 years × 12 months"
    )
    print()
    print(table(rows))
    print()
    print(f"whole command: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
