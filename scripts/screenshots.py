"""Take the README's pictures from the running app: `python scripts/screenshots.py` (from the project folder, in .venv).

Starts `streamlit run dashboard.py` on 127.0.0.1 (a free port) with the shipped data, opens the overview in Debian's
/usr/bin/chromium through Playwright (never a downloaded browser: no `playwright install`), waits until the chart is
drawn and the script has finished its run, and writes docs/overview.png (desktop width) and docs/overview-phone.png
(phone width), as 256-colour PNGs to keep the repository small. Stops the server it started, and only that one."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: workarounds.py is beside this folder
    sys.path.insert(0, str(ROOT))

from workarounds import APP_IDLE, CHART_DRAWN  # noqa: E402  (after the path above)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# name: (viewport, what the README's alt text says it is)
PICTURES = {
    "overview.png": {"width": 1280, "height": 860},
    "overview-phone.png": {"width": 390, "height": 844},
}
STARTUP_LIMIT_S = 90
RENDER_TIMEOUT_MS = 60_000
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


def start_app(port: int, log) -> subprocess.Popen:
    """The dashboard on the shipped data (DASHBOARD_ROOT unset), its store in memory so nothing is written."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_ROOT"} | {"DASHBOARD_STORE": "memory"}
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.address", "127.0.0.1"]
    command += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_healthy(url: str, app: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_S
    while not healthy(f"{url}/_stcore/health"):
        if app.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"streamlit did not start:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.3)


def take(url: str, out: Path) -> list[Path]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for name, viewport in PICTURES.items():
            context = browser.new_context(viewport=viewport, locale="zh-CN")
            page = context.new_page()
            page.goto(url + "/", wait_until="domcontentloaded")
            page.wait_for_selector(CHART_DRAWN, timeout=RENDER_TIMEOUT_MS)
            page.wait_for_selector(APP_IDLE, state="attached", timeout=RENDER_TIMEOUT_MS)
            try:  # web fonts loaded and Streamlit's fade-in finished; after a second the picture is taken anyway
                page.wait_for_function(SETTLED, timeout=1_000)
            except PlaywrightTimeout:
                pass
            path = out / name
            page.screenshot(path=str(path))
            written.append(path)
            context.close()
        browser.close()
    return written


def shrink(path: Path) -> None:
    """256 colours: a screenshot of flat colours and text keeps its look at a third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/screenshots.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the pictures (default: docs/)")
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} is missing: sudo apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        log_path = Path(scratch) / "streamlit.log"
        with open(log_path, "wb") as log:
            app = start_app(port, log)
        try:
            wait_healthy(url, app, log_path)
            for path in take(url, args.out):
                shrink(path)
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            app.terminate()  # the server started above, by its own handle
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
