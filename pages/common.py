"""Streamlit glue shared by the pages: the cached store, the language, the page context, charts with downloads.

Caching lives here only, so that loaders and charts stay plain functions testable without a running app."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import streamlit as st

from charts import briefing, deck, export, standard
from charts.download import csv_bytes, xlsx_bytes
from charts.format import plain_markdown
from charts.i18n import as_of_label, column_for, pick, t
from charts.phone import phone_layout
from loaders import shared_store, store
from loaders.judging.periods import report_year
from loaders.progress import target_progress
from loaders.project import Project, data_root, fingerprint
from loaders.staff import updates
from workarounds import leave_legacy_pages_mode

# Arrow's memory from the system allocator: it returns what the store's build frees (its default, mimalloc, kept
# about 60 MB of it at scale, on top of DuckDB's copy of the facts; see BENCHMARKS.md). Set before anything is read.
pa.set_memory_pool(pa.system_memory_pool())


log = logging.getLogger(__name__)
failures = logging.getLogger("dashboard.page_failed")  # tests/conftest.py fails any test after which this logged


def run_guarded(run) -> None:
    """Run the app (`run`: dashboard.py's body) so that a failure anywhere in it is logged with its traceback on the
    server and shown to the viewer as one short sentence, never as a traceback with the server's paths.
    st.stop() and st.rerun() are BaseExceptions, not Exceptions: they pass through as Streamlit needs."""
    try:
        run()
    except Exception:
        failures.exception("a page failed; the viewer was shown page_failed")
        st.error(t("page_failed", lang()), icon=":material/error:")


@st.cache_resource(show_spinner=False, max_entries=8)
def finish_interrupted_update(root: str) -> str | None:
    """Once per server and project folder, before anything is read: an update that a crash interrupted is finished
    (or rolled back), as the next apply would do (loaders/staff/transaction.py)."""
    try:
        return updates.recover(Path(root))
    except updates.Busy:
        return None  # someone is applying now, and an apply recovers first
    except updates.WriteFailed as exc:  # a read-only replica's folder: the store refuses half updates itself
        log.warning("cannot finish an interrupted update in %s: %s", root, exc)
        return None
    except OSError:
        log.exception("could not finish an interrupted update in %s", root)
        return None


@st.cache_resource(show_spinner=False, max_entries=2)
def _built(root: str, key: str) -> tuple[Project, object]:
    """The project and a read-only connection to its store; `key` is the files' fingerprint, so any edit opens the
    new version. The store is one file per version shared by every app process on this data folder
    (loaders/shared_store.py): the first process to need it builds it, the others open it. The project holds no
    data-file figures: pages ask the store, never `project.facts`."""
    _, project, con = shared_store.open_store(Path(root))
    return project, con


@st.cache_data(show_spinner=False, max_entries=8)
def _progress(root: str, key: str, year: int, region: str) -> pd.DataFrame:
    return target_progress(_built(root, key)[1], year, region)


def judged_targets(ctx: Context) -> pd.DataFrame:
    """target_progress (loaders/judging/target_progress.py), judged once per version of the files rather than on
    every page run."""
    return _progress(ctx.root, ctx.key, ctx.year, ctx.region)


@st.cache_data(show_spinner=False, max_entries=4)
def _provincial_choices(root: str, key: str) -> pd.DataFrame:
    return store.provincial_choices(_built(root, key)[1])


def provincial_choices(ctx: Context) -> pd.DataFrame:
    """store.provincial_choices once per version of the files: it groups every fact (0.1 s at scale)."""
    return _provincial_choices(ctx.root, ctx.key)


@st.cache_data(show_spinner=False, max_entries=4)
def _period_and_years(root: str, key: str, region: str) -> tuple[str | None, dict[int, str | None]]:
    """The newest period with a figure, and each report year with the source that sets its targets."""
    con = _built(root, key)[1]
    return store.latest_period(con, region), {year: store.report_source(con, year) for year in store.report_years(con)}


def shown_report_year(years: list[int], latest: str | None, language: str) -> int:
    """The report year shown: ?year= when the folder has that report, else the newest; a menu when there are several.
    A folder with no targets yet shows the year of its newest figure, or this year."""
    if not years:
        return int(latest[:4]) if latest else dt.date.today().year
    newest = report_year(years)
    wanted = url_choice("year", [str(y) for y in years])
    chosen = int(wanted) if wanted else newest
    if len(years) > 1:
        options = sorted(years, reverse=True)
        chosen = st.sidebar.selectbox(
            t("report_year", language),
            options,
            index=options.index(chosen),
            key="report_year",
            format_func=lambda y: t("report_year_option", language, year=y),
        )
        if chosen != newest or "year" in st.query_params:
            st.query_params["year"] = str(chosen)
    return chosen


@st.cache_data(show_spinner=False, max_entries=4)
def _rank_table(root: str, key: str, region: str) -> pd.DataFrame:
    return store.rank_table(_built(root, key)[1], region)


def rank_table(ctx: Context) -> pd.DataFrame:
    """store.rank_table once per version of the files (it ranks every indicator's newest rank: 20 ms at scale)."""
    return _rank_table(ctx.root, ctx.key, ctx.region)


# Charts and figures below are cached as resources: every session gets the same objects, not copies (a plotly
# figure is validated again when unpickled, which costs as much as building it). Nothing changes a figure or a
# chart's rows after it is built: st.plotly_chart and charts/export.py draw copies.
@st.cache_resource(show_spinner=False, max_entries=8)
def _rank_chart(root: str, key: str, language: str, region: str, _ctx) -> standard.Chart:
    return standard.ranks(_ctx, rank_table(_ctx))


def rank_chart(ctx: Context) -> standard.Chart:
    """standard.ranks once per version of the files and language: at scale its 300 arrows take plotly 70 ms."""
    return _rank_chart(ctx.root, ctx.key, ctx.lang, ctx.region, ctx)


@st.cache_resource(show_spinner=False, max_entries=8)
def _main_targets_chart(root: str, key: str, language: str, year: int, region: str, _ctx, _progress) -> standard.Chart:
    return standard.main_targets(_ctx, _progress)


def main_targets_chart(ctx: Context, progress: pd.DataFrame) -> standard.Chart:
    """standard.main_targets of judged_targets(ctx), once per version of the files and language."""
    return _main_targets_chart(ctx.root, ctx.key, ctx.lang, ctx.year, ctx.region, ctx, progress)


@st.cache_resource(show_spinner=False, max_entries=8)
def _cards(root: str, key: str, indicators: tuple[str, ...], region: str):
    return store.rank_histories(_built(root, key)[1], list(dict.fromkeys(indicators)), region)


def card_parts(ctx: Context, indicators: list[str]) -> dict[str, pd.DataFrame]:
    """The overview cards' rank histories (store.rank_histories), once per version of the files."""
    return _cards(ctx.root, ctx.key, tuple(indicators), ctx.region)


@st.cache_data(show_spinner=False, max_entries=8)
def _deck_menu(root: str, key: str, language: str, year: int, region: str, _ctx, _progress) -> dict[str, str]:
    return standard.menu(_ctx, _progress)  # the underscored arguments are what the key fields already name


def leave_folder_mode() -> None:
    """Make sure the app runs through dashboard.py's st.navigation.

    A folder named pages/ beside the entry script makes Streamlit (1.67) start each server in its old multipage
    mode, in which a session whose first URL names a page (/growth) runs that file alone: no menu, no language
    switch. st.navigation ends that mode, but only once dashboard.py runs. So leave it here and rerun."""
    if leave_legacy_pages_mode():
        st.rerun()


def project_shape(language: str = "zh") -> tuple[str, set[str]]:
    """The place the folder is about (for the browser tab's title) and which documents it holds ('assessments',
    'standards'), so that pages for absent documents leave the menu."""
    root = data_root()
    project = _built(str(root), fingerprint(root))[0]
    place = project.catalogue.region if project.catalogue is not None else ""
    place = pick(place, project.regions.names_en.get(place, place), language)
    present = {kind for kind in ("assessments", "standards") if getattr(project, kind)}
    return place, present


def untranslated_note(language: str) -> str | None:
    """Said once, in the English interface, when some indicators have no English name (a draft's, outside the
    standard vocabulary): they are shown by their Chinese names, with no note on each."""
    if language != "en":
        return None
    root = data_root()
    catalogue = _built(str(root), fingerprint(root))[0].catalogue
    missing = catalogue.untranslated if catalogue is not None else []
    return t("names_untranslated", language, n=len(missing)) if missing else None


def lang() -> str:
    return "en" if st.session_state.get("lang") == "English" else "zh"


@dataclass(frozen=True)
class Context:
    project: Project
    con: object
    lang: str
    year: int  # the newest year with targets
    region: str
    source: str  # the report's label for chart footers
    latest_period: str | None
    as_of: str  # '数据截至' text
    root: str = ""  # the data folder and its files' fingerprint: the key of this run's caches
    key: str = ""

    @property
    def prev(self) -> int:
        return self.year - 1

    def name_column(self) -> str:
        return column_for("name", self.lang)


def context() -> Context:
    """What every page starts from; stops the page with the problems when the files have errors."""
    leave_folder_mode()
    root = data_root()
    key = fingerprint(root)  # once per run: every cache below is keyed on this same version of the files
    project, con = _built(str(root), key)
    language = lang()
    if con is None:
        st.error(t("problems_title", language))
        st.code("\n".join(p.format(language) for p in project.problems[:50]), language=None)
        st.stop()
    catalogue = project.catalogue
    # latest_period reads every fact (12 ms at scale): once per version of the files, not on every run
    latest, sources = _period_and_years(str(root), key, catalogue.region)
    year = shown_report_year(list(sources), latest, language)
    source = project.sources[sources.get(year) or catalogue.default_source]
    return Context(
        project,
        con,
        language,
        year,
        catalogue.region,
        source.label(language),
        latest,
        as_of_label(latest, language),
        str(root),
        key,
    )


def on_phone() -> bool:
    """Whether the browser says it is a phone (Streamlit tells the server no screen width; phones say "Mobile")."""
    agent = st.context.headers.get("User-Agent") or ""
    return any(word in agent for word in ("Mobile", "Android", "iPhone"))


def show_chart(figure, key: str, data: pd.DataFrame, file_stem: str) -> None:
    """A chart as it is everywhere: project template (theme=None), camera button at 2× with a meaningful name,
    the rows it shows as CSV and Excel downloads, and the image as PNG or SVG. A phone gets charts.phone's layout
    and no toolbar (it covered the title); downloads and exports always draw the original."""
    phone = on_phone()
    file_stem = export.readable_stem(figure, file_stem, lang())
    st.plotly_chart(
        phone_layout(figure) if phone else figure,
        theme=None,
        width="stretch",
        key=key,
        config={
            "displaylogo": False,
            "displayModeBar": not phone,
            "toImageButtonOptions": {"format": "png", "scale": 2, "filename": file_stem},
        },
    )
    left, middle, right = st.columns(3)  # export: a third column for the image (charts/export.py)
    downloads(data, file_stem, key, (left, middle))
    image_downloads(figure, file_stem, key, right)


def downloads(data: pd.DataFrame, file_stem: str, key: str, columns=None) -> None:
    language = lang()
    left, right = columns or st.columns(2)
    # The bytes are made when clicked (a callable): an Excel file per chart on every run was a large part of a page.
    left.download_button(
        t("download_csv", language),
        lambda: csv_bytes(data),
        f"{file_stem}.csv",
        "text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        t("download_xlsx", language),
        lambda: xlsx_bytes(data),
        f"{file_stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
        icon=":material/download:",
    )


# --- export: PNG/SVG of a chart and the meeting deck (charts/export.py, charts/deck.py) ---------------------------
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@st.cache_resource(ttl=300, show_spinner=False)
def export_problem() -> str | None:
    """Why images cannot be exported here (no Chromium, no CJK font), or None; checked every five minutes."""
    found = export.environment()
    return None if found.ok else found.message()


def image_downloads(figure, file_stem: str, key: str, column) -> None:
    """PNG (16:9, 1920×1080 times the chosen scale) and SVG, drawn only when a button is clicked."""
    language = lang()
    with column.popover(t("export_image", language), icon=":material/image:"):
        problem = export_problem()
        if problem:
            st.warning(problem)
            return
        scale = (
            st.segmented_control(
                t("image_size", language),
                export.SCALES,
                default=export.SCALES[0],
                key=f"{key}_scale",
                format_func=export.pixel_size,
            )
            or export.SCALES[0]
        )
        st.download_button(
            t("download_png", language),
            lambda: export.figure_png(figure, scale),
            f"{file_stem}.png",
            "image/png",
            key=f"{key}_png",
            on_click="ignore",
            icon=":material/image:",
        )
        st.download_button(
            t("download_svg", language),
            lambda: export.figure_svg(figure),
            f"{file_stem}.svg",
            "image/svg+xml",
            key=f"{key}_svg",
            on_click="ignore",
            icon=":material/draw:",
        )
        st.caption(t("svg_note", language))


def deck_download(ctx: Context, progress: pd.DataFrame) -> None:
    """The meeting deck: the presenter picks charts (default: standard.default_keys); built when clicked."""
    with st.expander(t("deck_panel", ctx.lang), icon=":material/co_present:"):
        problem = export_problem()
        if problem:
            st.warning(problem)
            return
        entries = _deck_menu(ctx.root, ctx.key, ctx.lang, ctx.year, ctx.region, ctx, progress)
        chosen = st.multiselect(
            t("deck_pick", ctx.lang),
            list(entries),
            default=standard.default_keys(entries),
            format_func=entries.get,
            key="deck_charts",
        )
        st.download_button(
            t("deck_download", ctx.lang),
            lambda: deck.meeting_deck(ctx, chosen, progress=progress),
            deck.file_name(ctx),
            PPTX_MIME,
            key="deck_pptx",
            on_click="ignore",
            type="primary",
            icon=":material/slideshow:",
            disabled=not chosen,
        )
        st.caption(t("deck_caption", ctx.lang, year=ctx.year))


def briefing_download(ctx: Context) -> None:
    """The monthly briefing (Word), the same file as python -m charts briefing; built when clicked."""
    st.download_button(
        t("briefing_download", ctx.lang),
        lambda: briefing.word_file(ctx),
        briefing.file_name(ctx),
        briefing.DOCX_MIME,
        key="briefing_docx",
        on_click="ignore",
        icon=":material/description:",
    )
    st.caption(t("briefing_caption", ctx.lang))


# --- end export ----------------------------------------------------------------------------------------------


def language_key(key: str) -> str:
    """A widget key per language for a choice shown by name: the browser keeps showing a kept widget's chosen label
    in the language it was first drawn in. The choice itself lives in the URL, so nothing is lost on switching."""
    return key if lang() == "zh" else f"{key}_{lang()}"


# --- the address's parameters: anyone can type any value into a link, so each is checked before it is used -------
URL_TEXT_LIMIT = 200  # characters: the longest value a page's own links write (?compare=id|period|measure)


def url_text(key: str) -> str | None:
    """?key= as text, or None when absent. A repeated key counts by its last value, as Streamlit reads it."""
    if key not in st.query_params:
        return None
    return st.query_params.get(key)


def url_ignored(key: str) -> None:
    """A short notice that the link's value of `key` made no sense here and was left out (the value itself is not
    echoed: it is the link-writer's text, not ours)."""
    st.toast(t("url_ignored", lang(), key=key), icon=":material/link_off:")


def url_choice(key: str, options: list[str]) -> str | None:
    """?key= when it is one of `options`; None when absent, or when it is not (with a notice)."""
    wanted = url_text(key)
    if wanted is None:
        return None
    if wanted in options:
        return wanted
    url_ignored(key)
    return None


def url_whole_number(key: str, low: int, high: int) -> int | None:
    """?key= as a whole number from `low` to `high`; None when absent, or when it is not one (with a notice):
    empty, 'abc', '1e5', '-1', 99 for an age, a thousand digits."""
    wanted = url_text(key)
    if wanted is None:
        return None
    text = wanted.strip()
    if text.isascii() and text.isdigit() and len(text) <= len(str(high)) and low <= int(text) <= high:
        return int(text)
    url_ignored(key)
    return None


def choice_in_url(label: str, options: list[str], key: str, format_func) -> str:
    """A selectbox whose value, an id, lives in the URL (?indicator=gdp), so a link shows exactly this view in
    either language. (Streamlit's own bind="query-params" puts the displayed label in the URL instead.)"""
    wanted = url_choice(key, options)
    value = st.selectbox(
        label,
        options,
        index=options.index(wanted) if wanted else 0,
        key=language_key(f"{key}_choice"),
        format_func=format_func,
    )
    if st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


def frame_caption(ctx: Context) -> None:
    text = f"{t('source_line', ctx.lang, source=ctx.source)}　·　{t('as_of', ctx.lang, period=ctx.as_of)}"
    st.caption(plain_markdown(text))  # the source's label is the data's
