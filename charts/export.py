"""Static export: a figure as PNG or SVG bytes, drawn by kaleido in the system Chromium with the project's template.

Honest about the machine: before any image is drawn, `require()` checks that a Chromium is installed and that one of
the CJK families named in charts/theme.FONT_FAMILY is, and otherwise refuses with what to install (in Chinese and
English), because without a CJK font every Chinese character would come out as an empty box, silently. Nothing is
ever downloaded (no plotly_get_chrome / kaleido.get_chrome; MathJax is switched off rather than fetched).

One browser serves a whole batch: everything exported inside `with browser():` goes through the same Chromium
(about 2 s to start, then a few tenths of a second per image); outside such a block each image starts its own.
The browser runs kaleido.Kaleido on an event loop in a background thread, like kaleido.start_sync_server does, but
every call has a time limit: kaleido's own sync server waits forever when Chromium fails to start."""

from __future__ import annotations

import asyncio
import math
import os
import platform
import re
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from loaders.io import atomic
from loaders.io.language import pick
from loaders.io.markup import from_plotly
from workarounds import find_chrome, kaleido_open_tab

from . import theme

# Output size: a 16:9 slide at 1920×1080 pixels, times the scale asked for (2 gives 3840×2160).
WIDTH, HEIGHT = 1920, 1080
# The figure is laid out on a 16:9 page of 1280×720 CSS pixels (text the size it has on screen, legible on a
# slide) up to 1920×1080 for a chart taller than 720 (so that its rows keep their room), then scaled to the output.
MIN_LAYOUT_HEIGHT, MAX_LAYOUT_HEIGHT = 720, 1080
SCALES = (1, 1.5, 2)

DRAWING_TABS = 2  # tabs drawing at once in a batch (pngs): on two cores, a deck of 48 charts takes a quarter less
START_TIMEOUT_S = 60
RENDER_TIMEOUT_S = 90
DEBIAN_CHROMIUM = "/usr/bin/chromium"
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
# Where fc-list does not exist, the CJK family that ships with the operating system.
SYSTEM_CJK_FONTS = {
    "Windows": ("Microsoft YaHei", "C:/Windows/Fonts/msyh.ttc"),
    "Darwin": ("PingFang SC", None),
}  # in every macOS since 10.11

INSTALL_CHROMIUM = (
    "Debian: sudo apt-get install chromium；Ubuntu: sudo snap install chromium（或安装 Google Chrome 的 .deb）；"
    "Fedora: sudo dnf install chromium；macOS/Windows: 安装 Google Chrome 或 Microsoft Edge。"
    "已安装在别处时设置 BROWSER_PATH=/path/to/chromium。",
    "Debian: sudo apt-get install chromium; Ubuntu: sudo snap install chromium (or Google Chrome's .deb); "
    "Fedora: sudo dnf install chromium; macOS/Windows: install Google Chrome or Microsoft Edge. "
    "If it is installed elsewhere, set BROWSER_PATH=/path/to/chromium.",
)
INSTALL_FONT = (
    "Debian/Ubuntu: sudo apt-get install fonts-noto-cjk（或较小的 fonts-wqy-microhei）；"
    "Fedora: sudo dnf install google-noto-sans-cjk-fonts；Arch: sudo pacman -S noto-fonts-cjk。",
    "Debian/Ubuntu: sudo apt-get install fonts-noto-cjk (or the smaller fonts-wqy-microhei); "
    "Fedora: sudo dnf install google-noto-sans-cjk-fonts; Arch: sudo pacman -S noto-fonts-cjk.",
)


class ExportUnavailable(RuntimeError):
    """No browser or no CJK font: the message says, in Chinese and English, what to install."""


@dataclass(frozen=True)
class Environment:
    chromium: str | None
    font: str | None  # the first family of theme.FONT_FAMILY that is installed
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def message(self) -> str:
        return "\n".join(self.problems)


def find_chromium() -> tuple[str | None, str | None]:
    """(path, problem): BROWSER_PATH when set (and then only it), else Debian's /usr/bin/chromium, else a
    Chrome, Chromium, Edge or Brave on PATH or in its usual place. Never a download."""
    wanted = os.environ.get("BROWSER_PATH")
    if wanted:
        if os.path.isfile(wanted) and os.access(wanted, os.X_OK):
            return wanted, None
        return None, (
            f"无法导出图片：BROWSER_PATH={wanted} 不是可执行的浏览器。\n"
            f"Cannot export images: BROWSER_PATH={wanted} is not an executable browser."
        )
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM, None
    found = find_chrome()
    if found and os.access(found, os.X_OK):
        return found, None
    return None, (
        f"无法导出图片：未找到 Chromium/Chrome 浏览器。{INSTALL_CHROMIUM[0]}\n"
        f"Cannot export images: no Chromium or Chrome browser found. {INSTALL_CHROMIUM[1]}"
    )


def wanted_families() -> list[str]:
    """The families named in the template's font stack, in order, without the generic fallbacks."""
    names = [n.strip().strip("'\"") for n in theme.FONT_FAMILY.split(",")]
    return [n for n in names if n and n.lower() not in GENERIC_FAMILIES]


def installed_cjk_families() -> set[str] | None:
    """Every family fontconfig knows for Chinese (`fc-list :lang=zh family`), or None without fc-list."""
    if not shutil.which("fc-list"):
        return None
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}


def find_cjk_font() -> tuple[str | None, str | None]:
    """(family, problem): the first family of theme.FONT_FAMILY that is installed with Chinese glyphs."""
    wanted = wanted_families()
    installed = installed_cjk_families()
    if installed is None:
        family, path = SYSTEM_CJK_FONTS.get(platform.system(), (None, None))
        if family in wanted and (path is None or os.path.exists(path)):
            return family, None
        return None, (
            "无法导出图片：找不到 fc-list，无法确认已安装中文字体（导出的中文可能显示为空白方框）。"
            f"请安装 fontconfig 与中文字体。{INSTALL_FONT[0]}\n"
            "Cannot export images: fc-list is missing, so no Chinese font can be confirmed (Chinese text "
            f"could come out as empty boxes). Install fontconfig and a Chinese font. {INSTALL_FONT[1]}"
        )
    lowered = {name.lower() for name in installed}
    for family in wanted:
        if family.lower() in lowered:
            return family, None
    return None, (
        f"无法导出图片：没有安装图表所用的中文字体（{', '.join(wanted)} 均未被 fc-list :lang=zh 列出），"
        f"导出的中文会显示为空白方框。{INSTALL_FONT[0]}\n"
        f"Cannot export images: none of the chart fonts ({', '.join(wanted)}) is installed "
        f"(fc-list :lang=zh lists none of them), so Chinese text would come out as empty boxes. {INSTALL_FONT[1]}"
    )


def environment() -> Environment:
    chromium, browser_problem = find_chromium()
    font, font_problem = find_cjk_font()
    return Environment(chromium, font, tuple(p for p in (browser_problem, font_problem) if p))


def require() -> Environment:
    found = environment()
    if not found.ok:
        raise ExportUnavailable(found.message())
    return found


class _Browser:
    """One kaleido.Kaleido (one Chromium) on an event loop in a background thread; every call has a time limit."""

    def __init__(self, path: str):
        import kaleido

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="export-browser", daemon=True)
        self._thread.start()
        try:
            self._tabs = 1
            self._kaleido = kaleido.Kaleido(path=path, n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)
            self._call(self._kaleido.open(), START_TIMEOUT_S)
        except Exception as failed:
            self._stop_loop()
            raise ExportUnavailable(
                f"无法导出图片：浏览器 {path} 未能启动（{type(failed).__name__}）。请确认它能运行，或用 BROWSER_PATH 指定另一个。\n"
                f"Cannot export images: the browser {path} did not start ({type(failed).__name__}). "
                "Check that it runs, or name another with BROWSER_PATH."
            ) from failed

    def _call(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def render(self, figure: dict, opts: dict) -> bytes:
        return self.submit(figure, opts).result(RENDER_TIMEOUT_S + 5)

    def widen(self, tabs: int) -> None:
        """Open tabs in the background until there are `tabs` (about a second each, so the browser starts with
        one): figures queued meanwhile are drawn in the first, and in the others once they are ready."""
        if self._tabs < tabs:
            wanted, self._tabs = tabs - self._tabs, tabs
            asyncio.run_coroutine_threadsafe(self._open_tabs(wanted), self._loop)

    async def _open_tabs(self, wanted: int) -> None:
        try:
            await asyncio.gather(*(kaleido_open_tab(self._kaleido) for _ in range(wanted)))
        except Exception:  # noqa: BLE001 the tabs there are draw everything, only more slowly
            pass

    def submit(self, figure: dict, opts: dict) -> Future:
        """Start drawing; the future's result is the image. Several wait their turn for the one tab, in order."""
        return asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(figure, opts=opts), self._loop)

    def close(self) -> None:
        try:
            self._call(self._kaleido.close(), 30)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        try:
            self._call(_cancel_pending(), 10)  # the browser's watchdogs: end them rather than leave them dangling
        except Exception:  # noqa: BLE001 stopping anyway
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        if not self._thread.is_alive():
            self._loop.close()


async def _cancel_pending() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


_lock = threading.RLock()  # one batch at a time: Streamlit runs download callbacks on their own threads
_current: _Browser | None = None


@contextmanager
def browser():
    """Export everything inside the block with one Chromium. Blocks nest (the outermost one owns the browser);
    raises ExportUnavailable, before starting anything, when Chromium or a CJK font is missing."""
    global _current
    with _lock:
        if _current is not None:
            yield
            return
        found = require()
        _current = _Browser(found.chromium)
        try:
            yield
        finally:
            started, _current = _current, None
            started.close()


def layout_size(figure: go.Figure, width: int = WIDTH, height: int = HEIGHT) -> tuple[int, int]:
    """The 16:9 page (CSS pixels) the figure is laid out on: 1280×720, or up to 1920×1080 for a taller chart."""
    own = figure.layout.height or MIN_LAYOUT_HEIGHT
    step = height // math.gcd(width, height)  # 9 for 16:9: whole pixels both ways
    page_height = min(max(own, MIN_LAYOUT_HEIGHT), MAX_LAYOUT_HEIGHT) // step * step
    return page_height * width // height, page_height


def render(figure: go.Figure, fmt: str, width: int = WIDTH, height: int = HEIGHT, scale: float = 1) -> bytes:
    """The figure drawn in Chromium with the project's template, as `fmt` ("png" or "svg") bytes of
    width×scale by height×scale pixels (SVG: the layout page, in CSS pixels, with a matching viewBox)."""
    with browser():
        return _current.render(*_job(figure, fmt, width, height, scale))


def pngs(
    figures: Iterable[go.Figure],
    scale: float = 1,
    width: int = WIDTH,
    height: int = HEIGHT,
    page: tuple[int, int] | None = None,
) -> Iterator[bytes]:
    """figure_png of each figure, in order, with one browser, drawn while the caller works: Chromium draws in its
    own process, in DRAWING_TABS tabs at once (the second opens in the background), while the next figures are
    taken from `figures` (built, if that is a generator) and queued, and image n is handed back while the figures
    after it are drawn. Raises ExportUnavailable, before taking any figure, when Chromium or a CJK font is missing.
    `page`: the CSS page to lay every figure out on instead of layout_size's (the deck's, sized so that text lands
    at a size readable when projected)."""
    with browser():
        _current.widen(DRAWING_TABS)
        waiting: deque[Future] = deque()
        try:
            for figure in figures:
                waiting.append(_current.submit(*_job(figure, "png", width, height, scale, page)))
                if len(waiting) > DRAWING_TABS:
                    yield waiting.popleft().result(RENDER_TIMEOUT_S + 5)
            while waiting:
                yield waiting.popleft().result(RENDER_TIMEOUT_S + 5)
        finally:
            for future in waiting:  # stopped early (an error, or the caller gave up): what was started (at most
                try:  # DRAWING_TABS + 1 figures) is drawn out and dropped, so the browser is left idle
                    future.result(RENDER_TIMEOUT_S + 5)
                except Exception:  # noqa: BLE001 the error that stopped the caller is the one to report
                    pass


def _job(
    figure: go.Figure, fmt: str, width: int, height: int, scale: float, page: tuple[int, int] | None = None
) -> tuple[dict, dict]:
    """What kaleido is given to draw the figure: its dict, with the template, and the page and scale."""
    if figure.layout.template.layout.font.family is None:  # a bare figure gets the look every chart has
        figure = go.Figure(figure)  # on a copy: the caller's figure stays as it was (copying every chart, which
        figure.update_layout(template=theme.TEMPLATE_NAME)  # plotly validates again, cost 6 ms a chart)
    page_width, page_height = page or layout_size(figure, width, height)
    # A quarter pixel of slack: the browser truncates width × scale, and 1919.9999 must still give 1920.
    opts = {
        "format": fmt,
        "width": page_width,
        "height": page_height,
        "scale": (width * scale + 0.25) / page_width if fmt == "png" else 1,
    }
    return figure.to_dict(), opts


def figure_png(figure: go.Figure, scale: float = 1, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """PNG bytes, 16:9: 1920×1080 pixels at scale 1, 3840×2160 at scale 2."""
    return render(figure, "png", width, height, scale)


def figure_svg(figure: go.Figure, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """SVG bytes (text stays text, in the template's font stack; SVG does not embed fonts)."""
    return render(figure, "svg", width, height)


def safe_file_name(text: str) -> str:
    """A title as a file name any system accepts: 地区生产总值：2023年1–6月 -> 地区生产总值-2023年1-6月."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r'[\\/:*?"<>|：，,；;、\s]+', "-", text.replace("–", "-").replace("—", "-"))
    return re.sub(r"-{2,}", "-", text).strip("-.")[:120] or "chart"


def readable_stem(figure: go.Figure, stem: str, lang: str = "zh") -> str:
    """A chart's download name in the reader's words: its title and period (地区生产总值-目标与实绩-2023年1-6月);
    the ASCII stem for English, as the command line writes it."""
    if pick(False, True, lang):  # English readers get the command line's ASCII name
        return stem
    lines = [from_plotly(line) for line in (figure.layout.title.text or "").replace("<sup>", "").split("<br>")]
    period = re.search(r"期间：(\S+)", lines[1]) if len(lines) > 1 else None
    title = lines[0] + (f"-{period.group(1)}" if period and period.group(1) not in lines[0] else "")
    return safe_file_name(title) if lines[0] else stem


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def pixel_size(scale: float, width: int = WIDTH, height: int = HEIGHT) -> str:
    return f"{math.floor(width * scale)}×{math.floor(height * scale)}"


def write_bytes(path: Path, data: bytes) -> Path:
    """Write atomically: a reader never sees half a file."""
    return atomic.write_atomically(Path(path), data)
