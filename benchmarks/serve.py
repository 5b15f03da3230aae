"""The `serve` part of `python -m benchmarks`: many viewers at once through scripts/serve.sh, and memory per replica.

Load: 1, 10 and 30 browser sessions (Playwright contexts in one Chromium, on this machine, loopback only) open the
overview of the shipped project with synthetic monthly figures (tests/fixtures/monthly) at the same moment, against
1 replica and against 2 replicas behind nginx; each session's time runs from navigation until every chart is drawn,
and its median and 95th percentile are given as a ratio to a single session on 1 replica (measured in the same run).

Memory: the peak (VmHWM) of each of 1 and of 4 app processes after it has shown the overview, with the shared
read-only store (built once beforehand, as serve.sh does) against the in-memory store every process built for itself
(`DASHBOARD_STORE=memory`), on the shipped and on the scale project.

Frames (serve-frames): the peak memory of one app process after three anonymous 190 MB websocket messages, with
.streamlit/config.toml's server.maxMessageSize against Streamlit's default of 200 MB (issue #26)."""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from loaders.project import ROOT, ROOT_VARIABLE
from loaders.shared_store import MODE_VARIABLE

SESSIONS = (1, 10, 30)
SESSION_TIMEOUT_MS = 300_000
MONTHLY_FIXTURES = ROOT / "tests" / "fixtures" / "monthly"  # synthetic figures, never shown as real


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def consecutive_ports(count: int) -> int:
    """The first of `count` free consecutive ports: within BENCHMARK_PORTS ("8770-8799") when set, else any."""
    wanted = os.environ.get("BENCHMARK_PORTS")
    first, last = (int(p) for p in wanted.split("-")) if wanted else (20000, 60000)
    for start in range(first, last - count + 2):
        sockets = []
        try:
            for port in range(start, start + count):
                s = socket.socket()
                sockets.append(s)
                s.bind(("127.0.0.1", port))
            return start
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError(f"no {count} consecutive free ports in {first}-{last}")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:
            return answer.read() == b"ok"
    except OSError:
        return False


def project_with_months(scratch: Path) -> Path:
    """A copy of the shipped project with the synthetic monthly figures of the tests (never written into data/)."""
    root = scratch / "with-months"
    if not root.exists():
        root.mkdir(parents=True)
        shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
        shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("history", ".update.lock"))
        (root / "data" / "monthly").mkdir(exist_ok=True)
        for path in MONTHLY_FIXTURES.glob("*.csv"):
            shutil.copy(path, root / "data" / "monthly" / path.name)
    return root


@contextmanager
def served(root: Path, replicas: int, run_dir: Path):
    """scripts/serve.sh with `replicas` replicas on `root`; yields nginx's URL and the replicas' URLs."""
    first = consecutive_ports(replicas + 1)
    run_dir.mkdir(parents=True, exist_ok=True)
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = os.environ | {ROOT_VARIABLE: str(root), "PATH": path}
    env.pop(MODE_VARIABLE, None)
    with open(run_dir / "serve.log", "wb") as log:
        process = subprocess.Popen(
            [
                "bash",
                "scripts/serve.sh",
                "--no-setup",
                "--replicas",
                str(replicas),
                "--port",
                str(first),
                "--address",
                "127.0.0.1",
                "--run-dir",
                str(run_dir),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{first}"
    try:
        deadline = time.monotonic() + 300
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log_text = (run_dir / "serve.log").read_text(errors="replace")
                raise RuntimeError(f"serve.sh did not start: {log_text[-2000:]}")
            time.sleep(0.5)
        yield url, [f"http://127.0.0.1:{first + 1 + i}" for i in range(replicas)]
    finally:
        process.terminate()  # serve.sh stops nginx and its replicas on SIGTERM
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


async def _session(browser, url: str, chart: str, idle: str, all_drawn: str) -> float:
    """Seconds from navigation until every chart is drawn; infinity when the session waited SESSION_TIMEOUT_MS in
    vain (counted and reported, not allowed to stop the other sessions' measurement)."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    context = await browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    try:
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url, wait_until="domcontentloaded", timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_selector(chart, timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_selector(idle, state="attached", timeout=SESSION_TIMEOUT_MS)
        await page.wait_for_function(all_drawn, timeout=SESSION_TIMEOUT_MS)
        return time.perf_counter() - started
    except PlaywrightTimeout:
        return math.inf
    finally:
        await context.close()


async def _sessions_at_once(
    url: str, counts: tuple[int, ...], repeats_of_one: int, selectors
) -> dict[int, list[float]]:
    """For each count, that many sessions started together; each session's time (a warm-up session first)."""
    from playwright.async_api import async_playwright

    from . import __main__ as bench

    times = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
        try:
            await _session(browser, url, *selectors)  # warm: the replicas' caches of this version
            for count in counts:
                if count == 1:
                    times[1] = [await _session(browser, url, *selectors) for _ in range(repeats_of_one)]
                else:
                    sessions = (_session(browser, url, *selectors) for _ in range(count))
                    times[count] = list(await asyncio.gather(*sessions))
        finally:
            await browser.close()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def bench_load(scratch: Path, quick: bool, Row) -> list:
    from . import __main__ as bench

    root = project_with_months(scratch)
    selectors = (bench.CHART, bench.IDLE, bench.ALL_CHARTS_DRAWN)
    counts = (1, 10) if quick else SESSIONS
    measured = {}
    for replicas in (1, 2):
        _say(f"serve: {replicas} replica(s) behind nginx, sessions at once: {', '.join(map(str, counts))}")
        with served(root, replicas, scratch / f"run-{replicas}") as (url, _):
            measured[replicas] = asyncio.run(_sessions_at_once(url, counts, 2 if quick else 3, selectors))
    single = statistics.median(measured[1][1])
    rows = []
    for replicas in (1, 2):
        for count in counts:
            times = measured[replicas][count]
            late = sum(math.isinf(t) for t in times)
            waited = f"; {late} of {count} not drawn within {SESSION_TIMEOUT_MS // 1000} s" if late else ""
            note = f"{count} session(s) at once through nginx; floor: one session alone, 1 replica{waited}"
            rows.append(
                Row(
                    f"serve: overview, {replicas} replica(s), {count} at once, median",
                    "shipped+months",
                    statistics.median(times),
                    single,
                    note=note,
                )
            )
            if count > 1:
                drawn = [t for t in times if not math.isinf(t)]
                rows.append(
                    Row(
                        f"serve: overview, {replicas} replica(s), {count} at once, p95",
                        "shipped+months",
                        p95(times),
                        single,
                        note=f"slowest drawn: {max(drawn):.1f} s" if drawn else "none drawn",
                    )
                )
    return rows


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field}")


REPLICA_COUNTS = (1, 4)


def bench_memory(sizes: dict[str, Path], scratch: Path, Row) -> list:
    """1 and 4 replicas on one folder, each having shown the overview once: their memory, in each store mode."""
    from playwright.sync_api import sync_playwright

    from . import __main__ as bench

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=bench.CHROMIUM, args=bench.CHROMIUM_ARGS)
        try:
            for size, root in sizes.items():
                for replicas in REPLICA_COUNTS:
                    peaks = {
                        mode: _replica_memory(
                            bench, browser, root, scratch / f"mem-{size}-{replicas}-{mode}", replicas, mode
                        )
                        for mode in ("memory", "shared")
                    }
                    rows += _memory_rows(Row, size, replicas, peaks["shared"], peaks["memory"])
        finally:
            browser.close()
    return rows


def _replica_memory(bench, browser, root: Path, log: Path, replicas: int, mode: str) -> list[tuple[float, float]]:
    """(VmHWM, VmRSS) in MB of each of `replicas` app processes on `root` after each has drawn the overview."""
    _say(f"serve: memory per replica, {root.name}, {replicas} replica(s), {mode} store")
    if mode == "shared":  # as serve.sh does before it starts the replicas
        bench.build_store(root)
        os.environ.pop(MODE_VARIABLE, None)
    else:
        os.environ[MODE_VARIABLE] = "memory"
    try:
        with ExitStack() as stack:
            servers = [
                stack.enter_context(bench.streamlit_server(ROOT / "dashboard.py", ROOT, Path(f"{log}-{n}.log"), root))
                for n in range(replicas)
            ]
            for url, _ in servers:
                bench.load_time(browser, url)
            return [(_status_mb(p.pid, "VmHWM"), _status_mb(p.pid, "VmRSS")) for _, p in servers]
    finally:
        os.environ.pop(MODE_VARIABLE, None)


def _memory_rows(Row, size: str, replicas: int, shared: list, memory: list) -> list:
    def listed(pairs, which):
        return ", ".join(f"{pair[which]:.0f}" for pair in pairs)

    return [
        Row(
            f"serve: memory per replica, {replicas} replica(s), peak (VmHWM)",
            size,
            statistics.mean(h for h, _ in shared),
            statistics.mean(h for h, _ in memory),
            unit="MB",
            note="shared read-only store; floor: each process its own in-memory store "
            f"({listed(shared, 0)} vs {listed(memory, 0)} MB)",
        ),
        Row(
            f"serve: memory per replica, {replicas} replica(s), after the overview (VmRSS)",
            size,
            statistics.mean(r for _, r in shared),
            statistics.mean(r for _, r in memory),
            unit="MB",
            note=f"resident once the page is shown ({listed(shared, 1)} vs {listed(memory, 1)} MB)",
        ),
    ]


FRAME_BYTES, FRAMES = 190_000_000, 3  # what raised a replica from 289 to 840 MB before the cap


def bench_frames(scratch: Path, Row) -> list:
    """One replica on the shipped project, sent FRAMES messages of FRAME_BYTES by a client that never loads a page:
    its peak memory (VmHWM) with the project's message cap, against the same with Streamlit's default cap."""
    peaks = {}
    for label, options in (("capped", ()), ("default", ("--server.maxMessageSize", "200"))):
        peaks[label] = _after_frames(scratch / f"frames-{label}.log", options)
    (before, after), (floor_before, floor_after) = peaks["capped"], peaks["default"]
    return [
        Row(
            f"serve: replica peak after {FRAMES} websocket messages of {FRAME_BYTES // 1_000_000} MB (VmHWM)",
            "shipped",
            after,
            floor_after,
            unit="MB",
            note=f"server.maxMessageSize of .streamlit/config.toml; floor: Streamlit's default 200 MB "
            f"(before the messages: {before:.0f} vs {floor_before:.0f} MB)",
        )
    ]


def _after_frames(log: Path, options: tuple[str, ...]) -> tuple[float, float]:
    """(VmHWM before, VmHWM after) in MB of a fresh replica sent the messages."""
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    from . import __main__ as bench

    _say(f"serve: {FRAMES} messages of {FRAME_BYTES // 1_000_000} MB, options {options or 'of config.toml'}")
    with bench.streamlit_server(ROOT / "dashboard.py", ROOT, log, ROOT, options) as (url, process):
        before = _status_mb(process.pid, "VmHWM")
        for _ in range(FRAMES):
            try:
                with connect(url.replace("http", "ws", 1) + "/_stcore/stream", max_size=None, open_timeout=30) as ws:
                    ws.send(b"\0" * FRAME_BYTES)
                    ws.recv(timeout=30)
            except (ConnectionClosed, TimeoutError, OSError):
                pass  # refused, as it should be (or, uncapped, read whole and then refused as no message)
        time.sleep(1)
        return before, _status_mb(process.pid, "VmHWM")
