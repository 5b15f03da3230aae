"""Many viewers, several app processes, one data folder: scripts/serve.sh starts two replicas behind nginx on a copy
of the project; an update applied through one is seen through every replica on its next page load, two updates at
once are both recorded in order, and a replica that is killed is replaced while nginx sends its viewers elsewhere.

Needs Debian's nginx and curl (scripts/test.sh installs them) and the Chromium of tests/test_browser.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from loaders.staff import auth
from tests.conftest import MONTHLY_FIXTURES, ROOT, STAFF_PASSWORD
from workarounds import CHART_DRAWN

CHART = CHART_DRAWN  # Streamlit's markup: workarounds.py
NO_MONTHS = "尚无2023年的月度数据"  # the overview's notice before any monthly figure (charts/i18n.py: no_monthly)
START_S = 180  # two replicas and nginx on a loaded 2-core machine


def free_ports(count: int) -> int:
    """The first of `count` consecutive free ports on 127.0.0.1."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count > 65535:
            continue
        try:
            sockets = [socket.socket() for _ in range(count)]
            for n, s in enumerate(sockets):
                s.bind(("127.0.0.1", first + n))
            return first
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no consecutive free ports")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read() == b"ok"
    except OSError:
        return False


class Served:
    def __init__(self, root: Path, run_dir: Path):
        first = free_ports(3)
        self.root, self.run_dir = root, run_dir
        self.port, self.replica_ports = first, [first + 1, first + 2]
        environment = os.environ | {
            "DASHBOARD_ROOT": str(root),
            "DASHBOARD_STAFF": f"张三:{auth.hash_password(STAFF_PASSWORD, iterations=1000)}",
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            # a replica's write waits before its rename, so that a test can kill it in the middle of an apply
            "DASHBOARD_TEST_PAUSE_BEFORE_RENAME": "2",
        }
        self.log = open(run_dir / "serve.log", "w")
        self.process = subprocess.Popen(
            [
                "bash",
                "scripts/serve.sh",
                "--no-setup",
                "--replicas",
                "2",
                "--port",
                str(self.port),
                "--address",
                "127.0.0.1",
                "--run-dir",
                str(run_dir),
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_S
        while not answers(self.url("/_stcore/health")):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log = (run_dir / "serve.log").read_text()
                pytest.fail(f"scripts/serve.sh did not serve within {START_S} s:\n{log}")
            time.sleep(0.5)

    def url(self, path: str = "/", port: int | None = None) -> str:
        return f"http://127.0.0.1:{port or self.port}{path}"

    def replica_pids(self) -> dict[int, int]:
        found = {}
        for port in self.replica_ports:
            out = subprocess.run(["pgrep", "-f", "--", f"--server.port {port}$"], capture_output=True, text=True).stdout
            found[port] = int(out.split()[0]) if out.split() else None
        return found

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()
        return self.process.returncode


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("served") / "project"
    root.mkdir()
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("monthly", "history", ".update.lock"))
    (root / "data" / "monthly").mkdir()
    server = Served(root, tmp_path_factory.mktemp("run"))
    pids = server.replica_pids()
    yield server
    assert server.stop() == 0
    for pid in list(pids.values()) + list(server.replica_pids().values()):
        assert pid is None or not Path(f"/proc/{pid}").exists(), f"replica {pid} still running after SIGTERM"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def overview_texts(browser, urls: list[str]) -> list[str]:
    """The overview as a new viewer sees it through each address, once its charts are drawn. The pages are opened
    together, as viewers' would be, so that the replicas draw them at the same time."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 900}) for _ in urls]
    try:
        pages = [context.new_page() for context in contexts]
        for page, url in zip(pages, urls, strict=True):
            page.goto(url)
        texts = []
        for page in pages:
            page.wait_for_selector(CHART, timeout=240_000)  # minutes only on a machine loaded far beyond its cores
            texts.append(page.inner_text("main"))
        return texts
    finally:
        for context in contexts:
            context.close()


def sign_in_and_upload(page, served, path: Path) -> None:
    """Through nginx: sign in as 张三, open 数据维护 and upload `path` (its preview and the apply button show)."""
    page.goto(served.url("/signin"))
    page.get_by_label("用户名").fill("张三")
    page.get_by_label("密码").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("已登录").wait_for(timeout=60_000)
    page.get_by_role("link", name="数据维护").first.click()  # in the app: a new page load would be a new session
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def upload_replica(served) -> int:
    """The port of the replica that received the latest upload, from nginx's log (upstream=127.0.0.1:PORT)."""
    uploads = [
        line
        for line in (served.run_dir / "nginx-access.log").read_text().splitlines()
        if "/_stcore/upload_file/" in line and "upstream=" in line
    ]
    return int(uploads[-1].split("upstream=")[1].split()[0].rsplit(":", 1)[1])


def every_replica(served) -> list[str]:
    return [served.url(port=p) for p in served.replica_ports]


def test_the_generated_nginx_config_passes_nginx_t_and_matches_the_upload_limit(served):
    site = (served.run_dir / "dashboard.conf").read_text()
    check = subprocess.run(
        [
            "nginx",
            "-t",
            "-e",
            str(served.run_dir / "check.log"),
            "-p",
            str(served.run_dir),
            "-c",
            str(served.run_dir / "nginx.conf"),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "client_max_body_size 6m;" in site  # .streamlit/config.toml: maxUploadSize = 5, plus the form around it
    assert "proxy_set_header Upgrade $http_upgrade;" in site
    assert all(f"server 127.0.0.1:{p} " in site for p in served.replica_ports)


def test_a_month_applied_through_one_replica_is_seen_through_every_replica(served, browser):
    before = overview_texts(browser, every_replica(served))  # each has the old version cached
    assert all(NO_MONTHS in text and "6.1%" not in text for text in before)

    context = browser.new_context(viewport={"width": 1400, "height": 900})  # a staff member, through nginx
    page = context.new_page()
    sign_in_and_upload(page, served, MONTHLY_FIXTURES / "2023-03.csv")
    page.get_by_role("button", name="确认应用").click(timeout=60_000)
    page.get_by_text("已完成：第 1 次更新已写入").wait_for(timeout=60_000)
    context.close()

    urls = every_replica(served) + [served.url()]
    for url, text in zip(urls, overview_texts(browser, urls), strict=True):
        assert NO_MONTHS not in text and "6.1%" in text, url  # the GDP card: growth to March, 2023-03.csv


def test_two_updates_at_once_through_the_command_line_are_both_recorded_in_order(served, browser, tmp_path):
    header = "indicator_id,period,value,yoy_pct,rank\n"
    files = [tmp_path / "gdp.csv", tmp_path / "retail.csv"]
    files[0].write_text(header + "gdp,2023-06,480.3,6.5,5\n", encoding="utf-8")
    files[1].write_text(header + "retail_sales,2023-06,200.7,11.4,6\n", encoding="utf-8")
    environment = os.environ | {"DASHBOARD_TEST_PAUSE_BEFORE_RENAME": "1"}  # the first holds the lock a while
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "loaders", "--root", str(served.root), "import", str(f), "--apply", "--user", user],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f, user in zip(files, ("甲", "乙"), strict=True)
    ]
    outcomes = [r.communicate(timeout=120) + (r.returncode,) for r in runs]
    assert [code for *_, code in outcomes] == [0, 0], outcomes

    entries = [json.loads(line) for line in (served.root / "data/history/history.jsonl").read_text().splitlines()]
    applied = [e for e in entries if e["action"] == "apply"][-2:]
    assert [e["id"] for e in applied] == [2, 3] and applied[0]["at"] <= applied[1]["at"]
    assert {e["user"] for e in applied} == {"甲", "乙"}
    month = (served.root / "data/monthly/2023-06.csv").read_text(encoding="utf-8")
    assert "gdp,2023-06,480.3,6.5,5" in month and "retail_sales,2023-06,200.7,11.4,6" in month

    for url, text in zip(every_replica(served), overview_texts(browser, every_replica(served)), strict=True):
        assert "6.5%" in text, url


def test_a_replica_killed_in_the_middle_of_an_apply_loses_nothing_and_is_started_again(served, browser, tmp_path):
    upload = tmp_path / "2023-09.csv"
    upload.write_text("indicator_id,period,value,yoy_pct,rank\ngdp,2023-09,700.1,7.2,4\n", encoding="utf-8")
    month = served.root / "data/monthly/2023-09.csv"
    history = served.root / "data/history/history.jsonl"
    recorded = history.read_text(encoding="utf-8")

    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    sign_in_and_upload(page, served, upload)
    page.get_by_role("button", name="确认应用").click(timeout=60_000)
    deadline = time.monotonic() + 60
    while not list(month.parent.glob(".2023-09.csv*")):  # written aside, not yet switched into place
        assert time.monotonic() < deadline, "the apply never started writing"
        time.sleep(0.05)
    victim = served.replica_pids()[upload_replica(served)]  # the replica that runs this staff member's session
    os.kill(victim, signal.SIGKILL)
    context.close()

    assert not month.exists() and history.read_text(encoding="utf-8") == recorded  # all or nothing: nothing
    assert "6.5%" in overview_texts(browser, [served.url()])[0]  # nginx sends viewers to the replica still running
    again = subprocess.run(
        [sys.executable, "-m", "loaders", "--root", str(served.root), "import", str(upload), "--apply"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr  # the dead replica's lock went with it
    assert "gdp,2023-09,700.1,7.2,4" in month.read_text(encoding="utf-8")

    deadline = time.monotonic() + START_S
    while victim in served.replica_pids().values() or not all(
        answers(served.url("/_stcore/health", p)) for p in served.replica_ports
    ):
        assert time.monotonic() < deadline, "the killed replica was not started again"
        time.sleep(1)
    for url, text in zip(every_replica(served), overview_texts(browser, every_replica(served)), strict=True):
        assert "7.2%" in text, url


# --- the front door (issue #26, point 11) -------------------------------------------------------------------------
SECURITY_HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def response(url: str):
    """Status and headers of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_every_answer_carries_the_security_headers_and_no_version(served):
    static = next(p.name for p in (Path(st_static_folder()) / "static/js").glob("index.*.js"))
    for path in ("/", "/_stcore/health", f"/static/js/{static}", "/no-such-page-at-all", "/_stcore/metrics"):
        status, headers = response(served.url(path))
        assert status in (200, 404), (path, status)
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (path, name, headers.get(name))
        policy = headers.get("Content-Security-Policy") or ""
        assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy, (path, policy)
        assert "img-src 'self' data: blob:;" in policy  # an image from any other address is never fetched
        assert headers.get("Server") == "nginx", (path, headers.get("Server"))  # server_tokens off: no version


def st_static_folder() -> str:
    import streamlit

    return str(Path(streamlit.__file__).parent / "static")


def test_the_replicas_metrics_are_not_public(served):
    assert response(served.url("/_stcore/metrics", served.replica_ports[0]))[0] == 200  # there, on the replica
    assert response(served.url("/_stcore/metrics"))[0] == 404
    assert response(served.url("/_stcore/metrics?x=1"))[0] == 404


def test_an_address_too_long_is_refused_by_nginx(served):
    assert response(served.url("/?q=" + "9" * 20_000))[0] in (400, 414)


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        low, n = n & 0x7F, n >> 7
        out.append(low | (0x80 if n else 0))
        if not n:
            return bytes(out)


def message_of(size: int) -> bytes:
    """A BackMsg that parses (one field unknown to it, which protobuf keeps and Streamlit ignores), `size` bytes long."""
    return varint((1000 << 3) | 2) + varint(size) + b"x" * size


def socket_after(port: int, message: bytes) -> str:
    """'open' or 'closed': what a replica's websocket (directly or through nginx) does after `message`."""
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", max_size=None, open_timeout=30) as socket_:
        try:
            socket_.send(message)
            socket_.recv(timeout=10)
        except TimeoutError:
            return "open"
        except ConnectionClosed:
            return "closed"
    return "open"


def test_a_websocket_message_over_the_limit_is_refused_and_the_replica_keeps_serving(served):
    """Over .streamlit/config.toml's server.maxMessageSize (16 MB) a message is refused from its frame's header on.
    Before, a 20 MB message was read whole (Streamlit's own check refuses only above 25 MB, once it is in memory)."""
    for port in (served.replica_ports[0], served.port):  # the replica itself, and through nginx
        assert socket_after(port, message_of(1000)) == "open", port
        assert socket_after(port, message_of(20_000_000)) == "closed", port
    assert all(answers(served.url("/_stcore/health", p)) for p in served.replica_ports)


def test_the_page_draws_under_the_content_security_policy(served, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused = []
    try:
        page = context.new_page()
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(served.url())
        page.wait_for_selector(CHART, timeout=240_000)
    finally:
        context.close()
    assert not refused, refused
