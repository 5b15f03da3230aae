"""Every page in a real browser (Debian's chromium through Playwright), at desktop and phone width.

AppTest runs the scripts but not the front end; this test starts `streamlit run dashboard.py`, opens each
page of pages/registry.py, waits until it has rendered, checks that it shows no error and does not scroll
sideways, and saves a screenshot to test-artifacts/screenshots/<url_path>-<viewport>.png.
Needs /usr/bin/chromium and a CJK font (`apt-get install chromium fonts-noto-cjk`; scripts/test.sh does it).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import ROOT
from pages.registry import PAGES, VIEWER_PAGES, visible
from workarounds import APP_IDLE, CHART_DRAWN

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
STARTUP_LIMIT_S = 60
RENDER_TIMEOUT_MS = 30_000

CHART = CHART_DRAWN  # Streamlit's markup: workarounds.py
TITLE = '[data-testid="stMainBlockContainer"] h1'
IDLE = APP_IDLE
EXCEPTION = '[data-testid="stException"]'
LANGUAGE = '[data-testid="stSidebar"] [data-testid="stRadio"]'
SETTLED = "() => document.fonts.status === 'loaded' && document.getAnimations().every(a => a.playState !== 'running')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def assert_running(self) -> None:
        if self.process.poll() is not None:
            pytest.fail(
                f"the streamlit server (pid {self.process.pid}) stopped with code {self.process.returncode} "
                f"while the tests ran (did something kill it?):\n{self.log_path.read_text(errors='replace')}"
            )


@contextmanager
def streamlit_servers(log_dir: Path, count: int = 1):
    """`count` servers of `streamlit run dashboard.py`, each on a free port, started together (they start in the
    time of one); yields them once each /_stcore/health says ok, stops them afterwards."""
    started = []
    try:
        for _ in range(count):
            port = free_port()
            log_path = log_dir / f"streamlit-{port}.log"
            command = [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard.py",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ]
            with open(log_path, "wb") as log:
                process = subprocess.Popen(
                    command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
                )
            started.append(Server(f"http://127.0.0.1:{port}", process, log_path))
        deadline = time.monotonic() + STARTUP_LIMIT_S
        for server in started:
            base, process, log_path = server.url, server.process, server.log_path
            while not healthy(f"{base}/_stcore/health"):
                if process.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with code {process.returncode} before answering "
                        f"/_stcore/health:\n{log_path.read_text(errors='replace')}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"streamlit did not answer {base}/_stcore/health with 'ok' within "
                        f"{STARTUP_LIMIT_S} s:\n{log_path.read_text(errors='replace')}"
                    )
                time.sleep(0.2)
        yield started
    finally:
        for server in started:
            server.process.terminate()
        for server in started:
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


@pytest.fixture(scope="module")
def servers(tmp_path_factory) -> tuple[Server, Server]:
    """The server every test shares, and one that only the deep-link test visits (started at the same time)."""
    with streamlit_servers(tmp_path_factory.mktemp("streamlit"), 2) as running:
        yield running


@pytest.fixture(scope="module")
def server(servers) -> Server:
    return servers[0]


@pytest.fixture(scope="module")
def fresh_server(servers) -> Server:
    return servers[1]


@pytest.fixture(scope="module")
def browser():
    """One headless chromium for the whole module (Debian's, never a Playwright download)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium and fonts-noto-cjk "
            "(bash scripts/test.sh does it as root; otherwise "
            "sudo apt-get install chromium fonts-noto-cjk)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def open_page(browser, server: Server, path: str, viewport: dict) -> tuple[Page, list[str]]:
    """server.url + path in a fresh context (no shared session state) at this viewport; also returns the
    page's uncaught JS errors."""
    server.assert_running()
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    js_errors: list[str] = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    page.goto(server.url + path, wait_until="domcontentloaded")
    return page, js_errors


def wait_rendered(page: Page, has_chart: bool) -> None:
    """Until the title (and chart) are drawn, or an exception is shown, and the script has finished its run."""
    for selector in [TITLE] + ([CHART] if has_chart else []):
        page.wait_for_selector(f"{selector}, {EXCEPTION}", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_selector(IDLE, state="attached", timeout=RENDER_TIMEOUT_MS)


def settle_for_the_picture(page: Page) -> None:
    """Until the web fonts are loaded and no CSS transition runs (Streamlit fades elements in), for the screenshot
    only: at most a second, then the picture is taken anyway."""
    try:
        page.wait_for_function(SETTLED, timeout=1_000)
    except PlaywrightTimeout:
        pass


def path_of(entry) -> str:
    """The URL path users open. The first page is st.navigation's default: Streamlit serves it at "/" and
    ignores its url_path (/overview answers with a "Page not found" dialog, then runs the main page)."""
    return "/" if entry == PAGES[0] else f"/{entry.url_path}"


def assert_dashboard_ran(page: Page) -> None:
    """dashboard.py put the language switch in the sidebar, so the page ran inside the app, not on its own."""
    # Waits: on a loaded machine the sidebar may be drawn a moment after the main column.
    try:
        expect(page.locator(LANGUAGE)).to_have_count(1, timeout=10_000)
    except AssertionError:
        raise AssertionError(
            f"{page.url} ran without dashboard.py (no language switch; document title {page.title()!r})"
        ) from None


def assert_no_error(page: Page, js_errors: list[str]) -> None:
    exceptions = page.locator(EXCEPTION)
    assert exceptions.count() == 0, exceptions.all_inner_texts()
    text = page.locator("body").inner_text()
    assert "Traceback" not in text, text
    dialogs = page.locator('[role="dialog"]:visible')  # e.g. Streamlit's "Page not found"
    assert dialogs.count() == 0, dialogs.all_inner_texts()
    assert not js_errors, js_errors


# What a visitor who has not signed in can open: the viewer pages and the sign-in page.
CASES = [pytest.param(entry, name, id=f"{entry.url_path}-{name}") for entry in visible(False) for name in VIEWPORTS]


@pytest.mark.parametrize(("entry", "viewport"), CASES)
def test_page_renders_without_error_or_sideways_scrolling(server, browser, entry, viewport):
    page, js_errors = open_page(browser, server, path_of(entry), VIEWPORTS[viewport])
    try:
        wait_rendered(page, entry.has_chart)
        assert_no_error(page, js_errors)
        assert_dashboard_ran(page)
        # The page may add its state to the address (?indicator=gdp); the path must stay the one asked for.
        assert page.url.split("?")[0] == server.url + path_of(entry), (
            f"asked for {path_of(entry)}, Streamlit showed {page.url}"
        )
        widths = page.eval_on_selector(
            '[data-testid="stMain"]', "el => ({scroll: el.scrollWidth, client: el.clientWidth})"
        )
        assert widths["scroll"] <= widths["client"] + 1, (
            f"{entry.url_path} scrolls sideways at {viewport} width: {widths}"
        )
        settle_for_the_picture(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{entry.url_path}-{viewport}.png"))
    finally:
        page.context.close()


def test_the_english_switch_changes_the_overview_title(server, browser):
    overview = next(entry for entry in PAGES if entry.url_path == "overview")
    page, js_errors = open_page(browser, server, path_of(overview), VIEWPORTS["desktop"])
    try:
        wait_rendered(page, overview.has_chart)
        assert_no_error(page, js_errors)
        expect(page.locator(TITLE)).not_to_have_text(re.compile(r"^Main targets"))
        page.locator(LANGUAGE).get_by_text("English", exact=True).click()
        expect(page.locator(TITLE)).to_have_text(re.compile(r"^Main targets"), timeout=RENDER_TIMEOUT_MS)
        page.wait_for_selector(IDLE, state="attached", timeout=RENDER_TIMEOUT_MS)
        assert_no_error(page, js_errors)
    finally:
        page.context.close()


def test_a_deep_link_to_a_fresh_server_runs_the_page_inside_the_dashboard(browser, fresh_server):
    """A fresh server is in Streamlit's old pages-folder mode (there is a pages/ folder beside dashboard.py):
    a first visit to /<page> would run that file alone, without menu or language switch, until
    pages.common.leave_folder_mode() switches the server over. Needs its own, never-visited server."""
    entry = VIEWER_PAGES[-1]
    page, js_errors = open_page(browser, fresh_server, path_of(entry), VIEWPORTS["desktop"])
    try:
        wait_rendered(page, entry.has_chart)
        assert_no_error(page, js_errors)
        assert_dashboard_ran(page)
        assert page.url.split("?")[0] == fresh_server.url + path_of(entry)
    finally:
        page.context.close()


def test_a_link_carries_the_indicator_and_a_card_leads_to_its_chart(server, browser):
    """Leaders send links: /progress?indicator=retail_sales opens on retail sales, and the overview's
    a tap anywhere on a card opens the chart behind that card."""
    page, js_errors = open_page(browser, server, "/progress?indicator=retail_sales", VIEWPORTS["phone"])
    try:
        wait_rendered(page, True)
        assert_no_error(page, js_errors)
        expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(
            "社会消费品零售总额：2023年累计增长与目标"
        )
    finally:
        page.context.close()
    page, js_errors = open_page(browser, server, "/", VIEWPORTS["desktop"])
    try:
        wait_rendered(page, True)
        card = page.locator('[class*="st-key-card_"]').nth(2)  # the third card: 规模以上工业增加值 in report order
        box = card.bounding_box()  # tapped on its figure, not on its link: the whole card leads to the chart
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6)
        page.wait_for_url(re.compile(r"/progress\?indicator=industrial_value_added$"), timeout=RENDER_TIMEOUT_MS)
        wait_rendered(page, True)
        expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(
            "规模以上工业增加值：2023年累计增长与目标"
        )
        assert_no_error(page, js_errors)
    finally:
        page.context.close()


UPLOADER = '[data-testid="stFileUploaderDropzone"]'


def uploader_words(page: Page) -> dict[str, str]:
    """What the upload box shows: the words drawn over Streamlit's own (which are hidden: font size 0)."""
    return page.eval_on_selector(
        UPLOADER,
        """box => {
        const hint = box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
        const button = box.querySelector('button[data-testid="stBaseButton-secondary"]');
        return {hint: getComputedStyle(hint, '::before').content, hint_size: getComputedStyle(hint).fontSize,
                button: getComputedStyle(button, '::after').content, button_size: getComputedStyle(button).fontSize};
    }""",
    )


def test_the_upload_box_speaks_the_interfaces_language(browser, tmp_path, monkeypatch):
    """Streamlit writes "Upload" and "5MB per file" in English whatever the page's language; the maintenance page's
    box shows Chinese words in the Chinese interface and English ones in the English interface."""
    import shutil

    from conftest import STAFF_PASSWORD
    from loaders.staff import auth

    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    monkeypatch.setenv("DASHBOARD_STAFF", f"张三:{auth.hash_password(STAFF_PASSWORD, iterations=1000)}")
    with streamlit_servers(tmp_path) as (staff_server,):
        page, js_errors = open_page(browser, staff_server, "/signin", VIEWPORTS["desktop"])
        try:
            wait_rendered(page, False)
            page.get_by_label("用户名").fill("张三")
            page.get_by_label("密码").fill(STAFF_PASSWORD)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("link", name="数据维护").first.click()
            page.wait_for_selector(UPLOADER, timeout=RENDER_TIMEOUT_MS)
            assert uploader_words(page) == {
                "hint": '"把文件拖到框内，或点“选择文件”"',
                "hint_size": "0px",
                "button": '"选择文件"',
                "button_size": "0px",
            }
            page.locator(LANGUAGE).get_by_text("English", exact=True).click()
            expect(page.locator(TITLE)).to_have_text("Data maintenance", timeout=RENDER_TIMEOUT_MS)
            assert uploader_words(page)["button"] == '"Choose a file"'
            assert_no_error(page, js_errors)
        finally:
            page.context.close()
