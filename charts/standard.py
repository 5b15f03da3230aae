"""The standard charts: what the pages show and presenters take into meetings, composed once, here.

Each builder takes a context with the fields of pages.common.Context (project, con, lang, year, region, source,
as_of), so a page passes its own and the CLI makes one with `basis()`. A builder returns a `Chart`: the figure (from
charts/targets, growth, progress, ranking: no logic is repeated here), the rows it shows, a file stem naming indicator
and period, its source, and its figures in words for speaker notes.

`menu()` lists every standard chart as key -> label, in deck order: the main targets, growth rates, targets vs
actuals for each main target, the provincial ranks, each indicator's newest provincial comparison, and the charts of
the food-safety and rehabilitation pages when the project has those documents. `build()` turns keys into charts;
the growth chart comes out in parts of at most 26 bars, so that each part fits a 16:9 slide legibly."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from loaders import store
from loaders.documents.self_assessment import by_department, score
from loaders.io.language import column_for, localized, pick
from loaders.judging.comparators import has_own_value
from loaders.judging.periods import report_year
from loaders.judging.target_progress import main_only
from loaders.progress import target_progress
from loaders.project import Project
from loaders.readers.catalogue import note_in

from . import assessment as assessment_charts
from . import ceilings
from . import format as fmt
from .growth import growth_bars
from .i18n import as_of_label, period_label, t
from .progress import growth_progress, level_progress
from .ranking import provincial_bars, rank_dots, where
from .status_style import plain
from .targets import growth_rows
from .thisyear import main_targets_now, now_notes, now_rows

MAIN, GROWTH, RANKS = "main", "growth", "ranks"
PROGRESS, PROVINCIAL = "progress:", "provincial:"
# The gazette's other documents (when the project has them): the food-safety checklist's and the rehab standards' charts
FS_PHASES, FS_PARTS, FS_DEPARTMENTS, REHAB_CEILINGS = "fs:phases", "fs:parts", "fs:departments", "rehab:ceilings"
DOCUMENT_KEYS = (FS_PHASES, FS_PARTS, FS_DEPARTMENTS, REHAB_CEILINGS)
BARS_PER_SLIDE = 18  # on a slide's picture, bars this thick hold a 14 pt label (charts/deck.py)


@dataclass(frozen=True)
class Basis:
    """What every chart is framed with; the same fields as pages.common.Context."""

    project: Project
    con: object
    lang: str
    year: int
    region: str
    source: str
    latest_period: str | None
    as_of: str

    @property
    def prev(self) -> int:
        return self.year - 1

    def name_column(self) -> str:
        return column_for("name", self.lang)


def basis(project: Project, con, lang: str = "zh", year: int | None = None) -> Basis:
    """What the charts of one report year need (the newest report's unless `year` says otherwise)."""
    catalogue = project.catalogue
    latest = store.latest_period(con, catalogue.region)
    years = store.report_years(con)
    year = (
        year
        if year is not None
        else report_year(years)
        if years
        else int(latest[:4])
        if latest
        else dt.date.today().year
    )
    source = project.sources[store.report_source(con, year) or catalogue.default_source]
    return Basis(project, con, lang, year, catalogue.region, source.label(lang), latest, as_of_label(latest, lang))


@dataclass(frozen=True)
class Chart:
    key: str  # the menu entry it comes from
    stem: str  # file name without extension: what and which period
    figure: go.Figure
    data: pd.DataFrame  # the rows it shows, for CSV and Excel
    source: str
    notes: str  # its figures in words

    @property
    def title(self) -> str:
        """The figure's own title line (the frame's first line), as plain text."""
        return fmt.from_plotly((self.figure.layout.title.text or "").split("<br>")[0])

    @property
    def facts(self) -> str:
        """The frame's second line: unit, period and 'data as of' (charts.frame.framed)."""
        lines = (self.figure.layout.title.text or "").replace("<sup>", "").replace("</sup>", "").split("<br>")
        return fmt.from_plotly(lines[1]) if len(lines) > 2 else ""

    @property
    def caveats(self) -> str:
        """The frame's caveat line (注：…同口径), or '' when no figure drawn has a caveat (charts.frame.framed)."""
        lines = (self.figure.layout.title.text or "").replace("<sup>", "").replace("</sup>", "").split("<br>")
        return fmt.from_plotly(lines[3]) if len(lines) > 3 else ""


def _end(ctx) -> str:
    return t("full_stop", ctx.lang)


def _colon(ctx) -> str:
    return t("colon", ctx.lang)


def _growth_words(value, ctx, comparator: str | None = None, quote: str | None = None) -> str:
    """增长11%以上 / a fall of 2%: the figure with the qualifier it was printed with."""
    if fmt.missing(value):
        return t("note_missing", ctx.lang)
    key = "note_down" if value < 0 else "note_up"
    return t(key, ctx.lang, value=fmt.growth(abs(value), comparator, quote, ctx.lang))


def _prev_growth_words(row, ctx) -> str:
    """Last year's growth as printed, with its caveat, from store.growth_table's or store.target_inputs' columns."""
    comparator = getattr(row, "prev_comparator", getattr(row, "prev_yoy_comparator", None))
    quote = getattr(row, "prev_yoy_quote", getattr(row, "prev_quote", None))
    caveat = getattr(row, "prev_caveat", getattr(row, "prev_yoy_caveat", None))
    words = _growth_words(row.prev_yoy_pct, ctx, comparator if isinstance(comparator, str) else None, quote)
    return words if fmt.missing(row.prev_yoy_pct) else fmt.caveated(words, caveat, ctx.lang)


def _indicator_name(ctx, indicator_id) -> str | None:
    found = ctx.project.catalogue.indicators.get(indicator_id) if isinstance(indicator_id, str) else None
    return found.name(ctx.lang) if found else None


def _relative(row, ctx):
    return localized(row, "relative_name", ctx.lang) if hasattr(row, "relative_name") else None


def _growth_note(row, ctx) -> str:
    """One indicator's growth in words: last year, this year's target, the latest figure and last year's rank."""
    target = (
        fmt.target(
            "yoy_pct",
            row.comparator,
            row.target,
            "%",
            ctx.lang,
            _relative(row, ctx),
            getattr(row, "target_caveat", None),
        )
        if isinstance(row.comparator, str)
        else t("not_given", ctx.lang)
    )
    text = t(
        "note_growth",
        ctx.lang,
        name=getattr(row, ctx.name_column()),
        prev=ctx.prev,
        prev_value=_prev_growth_words(row, ctx),
        year=ctx.year,
        target=target,
    )
    latest = getattr(row, "latest_yoy_pct", None)
    if not fmt.missing(latest):
        period = getattr(row, "latest_period", None) or getattr(row, "latest_yoy_period", None)
        text += t("note_latest", ctx.lang, period=period_label(period, ctx.lang), value=_growth_words(latest, ctx))
    rank = getattr(row, "prev_rank", None)
    if not fmt.missing(rank):
        text += t(
            "note_rank",
            ctx.lang,
            prev=ctx.prev,
            rank=fmt.rank(rank, ctx.lang),
            scope=ctx.project.regions.scope(ctx.lang),
        )
    return text + _end(ctx)


# The overview's chart: this year's latest figure of each main growth target against its target, behind first.


def main_targets(ctx, progress: pd.DataFrame | None = None) -> Chart:
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    main = main_only(progress, ctx.project.catalogue)
    figure = main_targets_now(main, ctx.year, ctx.source, ctx.as_of, ctx.lang)
    rows = now_rows(main)
    rows["status_text"] = [plain(s, ctx.lang) for s in rows["status"]]
    rows["target_printed"] = [
        fmt.target("yoy_pct", c, v, "%", ctx.lang, r, k)
        for c, v, r, k in zip(
            rows["comparator"], rows["target"], localized(rows, "relative_name", ctx.lang), fmt.optional(rows, "caveat")
        )
    ]
    rows["actual_printed"] = actual_texts(rows, ctx.lang)
    rows["prev_printed"] = prev_texts(rows, ctx.lang)
    data = rows[
        [
            ctx.name_column(),
            "status_text",
            "actual_period",
            "actual",
            "actual_printed",
            "comparator",
            "target",
            "target_printed",
            "expected",
            "gap",
            "prev_yoy_pct",
            "prev_printed",
            "quote",
        ]
    ]
    notes = "\n".join(now_notes(main, ctx.year, ctx.lang))
    return Chart(MAIN, f"main-targets-{ctx.year}", figure, data, ctx.source, notes)


# Growth rates: every indicator with a growth rate.


def growth_table(ctx) -> pd.DataFrame:
    """store.growth_table with a 同步 target carrying the related indicator's target (as drawn)."""
    table = store.growth_table(ctx.con, ctx.year, ctx.region)
    table["measure"] = "yoy_pct"
    return growth_rows(table)


def growth(ctx, rows: pd.DataFrame | None = None, part: tuple[int, int] | None = None) -> Chart:
    rows = growth_table(ctx) if rows is None else rows
    category = column_for("category_name", ctx.lang)
    figure = growth_bars(rows, ctx.year, ctx.source, ctx.as_of, ctx.lang)
    rows = rows.assign(
        prev_printed=[
            _prev_growth_words(row, ctx) if not fmt.missing(row.prev_yoy_pct) else "" for row in rows.itertuples()
        ],
        target_printed=[
            fmt.target("yoy_pct", c, v, "%", ctx.lang, r, k) if isinstance(c, str) else ""
            for c, v, r, k in zip(
                rows["comparator"],
                rows["target"],
                [_indicator_name(ctx, i) for i in rows["relative_to"]],
                fmt.optional(rows, "target_caveat"),
            )
        ],
    )
    data = rows[
        [
            ctx.name_column(),
            category,
            "prev_yoy_pct",
            "prev_comparator",
            "prev_printed",
            "prev_rank",
            "comparator",
            "target",
            "target_printed",
            "latest_yoy_pct",
            "latest_period",
            "prev_quote",
            "target_quote",
        ]
    ]
    stem = f"growth-{ctx.prev}-{ctx.year}"
    if part:
        _number_title(figure, part, ctx.lang)
        stem += f"-{part[0]}"
    notes = "\n".join(_growth_note(row, ctx) for row in rows.itertuples())
    return Chart(GROWTH, stem, figure, data, ctx.source, notes)


def growth_parts(ctx, rows: pd.DataFrame | None = None) -> list[Chart]:
    """The growth chart split into parts that fit a slide (at most BARS_PER_SLIDE bars each), in report order."""
    return list(_each_growth_part(ctx, rows))


def _each_growth_part(ctx, rows: pd.DataFrame | None = None) -> Iterator[Chart]:
    """growth_parts, one part at a time."""
    rows = growth_table(ctx) if rows is None else rows
    series = 2 + int(rows["latest_yoy_pct"].notna().any())
    parts = max(1, math.ceil(len(rows) * series / BARS_PER_SLIDE))
    if parts == 1:
        yield growth(ctx, rows)
        return
    size = math.ceil(len(rows) / parts)
    for n, start in enumerate(range(0, len(rows), size)):
        yield growth(ctx, rows.iloc[start : start + size], (n + 1, parts))


def _number_title(figure: go.Figure, part: tuple[int, int], lang: str) -> None:
    text = figure.layout.title.text
    title, _, rest = text.partition("<br>")
    figure.update_layout(title_text=f"{title}{t('part', lang, n=part[0], total=part[1])}<br>{rest}")


# Targets versus actuals: one indicator's cumulative figures month by month against its target.


def progress_chart(ctx, target: dict, fetched: dict[str, pd.DataFrame] | None = None) -> Chart:
    """`target` is one row of loaders.progress.target_progress, as a dict; `fetched`, store.series_of_each of
    the indicators asked for (store.series is asked for any other)."""
    fetched = fetched or {}
    indicator = target["indicator_id"]
    series = fetched[indicator] if indicator in fetched else store.series(ctx.con, indicator, ctx.region, ctx.year)
    if target["measure"] == "yoy_pct":
        tied = target["relative_to"]
        related = (
            None
            if not isinstance(tied, str)
            else fetched[tied]
            if tied in fetched
            else store.series(ctx.con, tied, ctx.region, ctx.year)
        )
        figure = growth_progress(series, target, ctx.year, ctx.source, ctx.as_of, ctx.lang, related)
    else:
        figure = level_progress(series, target, ctx.year, ctx.source, ctx.as_of, ctx.lang)
    return Chart(
        f"{PROGRESS}{indicator}",
        f"{indicator}-{ctx.year}",
        figure,
        with_printed(series, ctx.lang),
        ctx.source,
        _progress_note(target, ctx),
    )


def _progress_note(target: dict, ctx) -> str:
    lang = ctx.lang
    name = localized(target, "name", lang)
    wording = fmt.target(
        target["measure"],
        target["comparator"],
        target["target"],
        target["unit"],
        lang,
        localized(target, "relative_name", lang),
        target.get("caveat"),
    )
    text = t("note_target", lang, name=name, year=ctx.year, target=wording)
    growth_measure = target["measure"] == "yoy_pct"
    unit = "%" if growth_measure else target["level_unit"]
    if fmt.missing(target["actual"]):
        reference = target["prev_yoy_pct"] if growth_measure else target["prev_level"]
        value = (
            fmt.caveated(
                _growth_words(reference, ctx, target.get("prev_yoy_comparator"), target.get("prev_yoy_quote")),
                target.get("prev_yoy_caveat"),
                lang,
            )
            if growth_measure and not fmt.missing(reference)
            else fmt.measured(
                reference,
                "level",
                unit,
                lang,
                target.get("prev_level_comparator"),
                target.get("prev_level_quote"),
                target.get("prev_level_caveat"),
            )
            if not fmt.missing(reference)
            else t("not_given", lang)
        )
        return text + t("note_pending", lang, year=ctx.year, prev=ctx.prev, value=value)
    actual = (
        fmt.caveated(
            _growth_words(target["actual"], ctx, target.get("actual_comparator"), target.get("actual_quote")),
            target.get("actual_caveat"),
            lang,
        )
        if growth_measure
        else fmt.measured(
            target["actual_in_level_unit"],
            "level",
            unit,
            lang,
            target.get("actual_comparator"),
            target.get("actual_quote"),
            target.get("actual_caveat"),
        )
    )
    gap = t("pp", lang, value=fmt.number(target["gap"])) if growth_measure else fmt.with_unit(target["gap"], unit, lang)
    text += t(
        "note_progress",
        lang,
        period=period_label(target["actual_period"], lang),
        actual=actual,
        expected=fmt.with_unit(target["expected"], unit, lang),
        gap=gap,
        status=plain(target["status"], lang),
    )
    if not fmt.missing(target.get("required_growth")):
        text += t("note_needed", lang, value=fmt.with_unit(target["required_growth"], "%"))
    return text


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def actual_texts(table: pd.DataFrame, lang: str) -> list[str]:
    """Each target's latest figure as printed: a level in the indicator's unit, with its qualifier (以上, 左右) and
    its caveat (同口径)."""
    return [
        fmt.measured(level if m == "level" else v, m, unit, lang, _text(c), q, _text(k))
        for v, level, m, unit, c, q, k in zip(
            table["actual"],
            table["actual_in_level_unit"],
            table["measure"],
            table["level_unit"],
            table["actual_comparator"],
            table["actual_quote"],
            fmt.optional(table, "actual_caveat"),
        )
    ]


def prev_texts(table: pd.DataFrame, lang: str) -> list[str]:
    """Each target's previous-year result as printed (growth for a growth target, else the level), with its
    qualifier and its caveat."""
    return [
        fmt.growth(g, _text(gc), gq, lang, _text(gk))
        if m == "yoy_pct"
        else fmt.measured(lv, "level", unit, lang, _text(lc), lq, _text(lk))
        for m, g, gc, gq, gk, lv, lc, lq, lk, unit in zip(
            table["measure"],
            table["prev_yoy_pct"],
            table["prev_yoy_comparator"],
            table["prev_yoy_quote"],
            fmt.optional(table, "prev_yoy_caveat"),
            table["prev_level"],
            table["prev_level_comparator"],
            table["prev_level_quote"],
            fmt.optional(table, "prev_level_caveat"),
            table["level_unit"],
        )
    ]


def target_texts(table: pd.DataFrame, lang: str) -> list[str]:
    """Each target in the report's words, with its caveat (建成10个（按建成计）)."""
    return [
        fmt.target(m, c, v, u, lang, r, _text(k))
        for m, c, v, u, r, k in zip(
            table["measure"],
            table["comparator"],
            table["target"],
            table["unit"],
            localized(table, "relative_name", lang),
            fmt.optional(table, "caveat"),
        )
    ]


def remarks(table: pd.DataFrame, lang: str) -> list[str]:
    """Each figure's catalogue notes in the reader's language: the target's (or fact's), then its indicator's."""
    own_zh, own_en = ("target_note", "target_note_en") if "target_note" in table else ("note", "note_en")
    return [
        t("caveats_sep", lang).join(
            dict.fromkeys(filter(None, [note_in(_text(a), _text(b), lang), note_in(_text(c), _text(d), lang)]))
        )
        for a, b, c, d in zip(
            fmt.optional(table, own_zh),
            fmt.optional(table, own_en),
            fmt.optional(table, "indicator_note"),
            fmt.optional(table, "indicator_note_en"),
        )
    ]


def with_printed(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Facts (store.catalogue_facts, store.part_facts, store.series) with `printed`, each figure as the report prints
    it (11%以上, 突破5万亿元, 52.25 亿元（同口径）), and `remark`, the catalogue's notes in the reader's language: what
    a table shows and a download carries beside the comparator and value columns."""
    printed = [
        fmt.measured(v, m, u, lang, _text(c), q, _text(k)) if has_own_value(_text(c)) else "—"
        for v, m, u, c, q, k in zip(
            facts["value"],
            facts["measure"],
            facts["unit"],
            facts["comparator"],
            facts["quote"],
            fmt.optional(facts, "caveat"),
        )
    ]
    remark = remarks(facts, lang)
    return facts.assign(printed=printed, remark=remark)


def targets_table(ctx, progress: pd.DataFrame) -> pd.DataFrame:
    """Every target of the year with its latest actual, gap and status, behind-target first (the progress page's
    table and the deck's summary)."""
    L = ctx.lang
    table = progress.sort_values(["status_order"], kind="stable")
    shown = table.assign(
        **{
            t("indicator", L): table[ctx.name_column()],
            t("target", L, year=ctx.year): target_texts(table, L),
            t("latest_actual", L): actual_texts(table, L),
            t("latest_period", L): [period_label(p, L) if isinstance(p, str) else "—" for p in table["actual_period"]],
            t("gap", L): [fmt.number(g) for g in table["gap"]],
            t("status", L): [plain(s, L) for s in table["status"]],
            t("quote", L): table["quote"],
            t("note_label", L): remarks(table, L),
        }
    )
    # status first: on a phone the table scrolls sideways, and the status is what a reader looks for
    columns = [
        t("status", L),
        t("indicator", L),
        t("target", L, year=ctx.year),
        t("latest_actual", L),
        t("latest_period", L),
        t("gap", L),
        t("quote", L),
        t("note_label", L),
    ]
    return shown[columns]


# Provincial ranks and comparisons.


def region_label(ctx, region: str | None = None) -> str:
    region = region or ctx.region
    return pick(region, ctx.project.regions.names_en.get(region, region), ctx.lang)


def ranking_words(ctx) -> dict[str, object]:
    """How headings name the regions ranked, from data/regions.yaml: within (a province, 全国), n, division (州（市）)."""
    regions = ctx.project.regions
    return {
        **where(regions.within(ctx.lang), ctx.lang),
        "n": regions.count,
        "division": regions.division(ctx.lang),
        "scope": regions.scope(ctx.lang),
    }


def ranked_among(ctx, ranks: pd.Series | None = None) -> int:
    """The last rank an axis shows: the number of regions listed (or the largest rank, if more)."""
    largest = int(ranks.max()) if ranks is not None and not ranks.empty else 0
    return max(ctx.project.regions.count, largest, 1)


def ranks(ctx, table: pd.DataFrame | None = None) -> Chart:
    table = store.rank_table(ctx.con, ctx.region) if table is None else table
    figure = rank_dots(
        table,
        region_label(ctx),
        ctx.source,
        ctx.as_of,
        ctx.lang,
        ranked_among(ctx, table["rank"]),
        ctx.project.regions.within(ctx.lang),
    )
    data = table[[ctx.name_column(), "rank_basis", "period", "rank", "previous_rank", "previous_period", "quote"]]
    latest = max(table["period"]) if not table.empty else ctx.year
    notes = []
    for row in table.itertuples():
        line = t(
            "note_rank_row",
            ctx.lang,
            name=getattr(row, ctx.name_column()),
            scope=ctx.project.regions.scope(ctx.lang),
            period=period_label(row.period, ctx.lang),
            rank=fmt.rank(row.rank, ctx.lang),
        )
        if not fmt.missing(row.previous_rank):
            line += t("note_rank_before", ctx.lang, rank=fmt.rank(row.previous_rank, ctx.lang))
        notes.append(line + _end(ctx))
    return Chart(RANKS, f"ranks-{latest}", figure, data, ctx.source, "\n".join(notes))


def provincial(ctx, indicator_id: str, period: str, measure: str) -> Chart:
    """Every prefecture's figure for one indicator and period, the city in red."""
    figures = store.provincial_ranking(ctx.con, indicator_id, period, measure)
    name = figures[ctx.name_column()].iloc[0]
    sources = localized(figures, "source_label", ctx.lang).dropna()
    source = sources.iloc[0] if not sources.empty else ctx.source
    unit = figures["unit"].iloc[0]
    figure = provincial_bars(
        figures,
        ctx.region,
        t("provincial_chart_title", ctx.lang, name=name, period=period, **ranking_words(ctx)),
        unit,
        period,
        source,
        ctx.as_of,
        ctx.lang,
    )
    data = figures[["rank", "region", "value", "unit", "source"]]
    return Chart(
        f"{PROVINCIAL}{indicator_id}|{period}|{measure}",
        f"{indicator_id}-{period}-prefectures",
        figure,
        data,
        source,
        _provincial_note(ctx, figures, name, period, unit),
    )


def _provincial_note(ctx, figures: pd.DataFrame, name: str, period: str, unit: str) -> str:
    mine = figures[figures["region"] == ctx.region]
    if mine.empty:
        return ""
    value = lambda v: fmt.with_unit(v, unit, ctx.lang)  # noqa: E731
    top, bottom = figures.iloc[0], figures.iloc[-1]
    return t(
        "note_provincial",
        ctx.lang,
        region=region_label(ctx),
        period=period_label(period, ctx.lang),
        name=name,
        scope=ctx.project.regions.scope(ctx.lang),
        value=value(mine["value"].iloc[0]),
        rank=int(mine["rank"].iloc[0]),
        n=len(figures),
        top=region_label(ctx, top["region"]),
        top_value=value(top["value"]),
        bottom=region_label(ctx, bottom["region"]),
        bottom_value=value(bottom["value"]),
    )


def provincial_rank_note(ctx, indicator_id: str, period: str, measure: str) -> str | None:
    """The rankings page's sentence: the city's place by level, and by growth beside it (11th in size, 6th in growth)."""
    figures = store.provincial_ranking(ctx.con, indicator_id, period, measure)
    mine = figures[figures["region"] == ctx.region]
    if mine.empty:
        return None
    note = t(
        "provincial_rank_note",
        ctx.lang,
        region=region_label(ctx),
        period=period,
        scope=ctx.project.regions.scope(ctx.lang),
        name=figures[ctx.name_column()].iloc[0],
        rank=int(mine["rank"].iloc[0]),
        n=len(figures),
    )
    growth_rank = store.rank_history(ctx.con, indicator_id, ctx.region)
    growth_rank = growth_rank[growth_rank["period"] == period]
    if measure == "level" and not growth_rank.empty:
        note += t(
            "provincial_growth_rank_note",
            ctx.lang,
            rank=int(growth_rank["rank"].iloc[0]),
            scope=ctx.project.regions.scope(ctx.lang),
        )
    return note


# The gazette's other documents: each chart of the food-safety page and the rehabilitation page.


def _checklist(ctx):
    assessment = next(iter(ctx.project.assessments.values()))
    return assessment, ctx.project.self_assessments.get(assessment.id, [])


def fs_phases(ctx, today: dt.date | None = None) -> Chart:
    """The plan's phases against today (or the day given)."""
    assessment, _ = _checklist(ctx)
    today = today or dt.date.today()
    data = pd.DataFrame(
        [
            {"name": localized(p, "name", ctx.lang), "start": p.start, "end": p.end, "quote": p.quote}
            for p in assessment.phases
        ]
    )
    source = ctx.project.sources[assessment.plan_source].label(ctx.lang)
    figure = assessment_charts.phase_timeline(data, today, source, ctx.lang)
    notes = _end(ctx).join(
        f"{name}{_colon(ctx)}{start} – {end}" for name, start, end in zip(data["name"], data["start"], data["end"])
    )
    return Chart(FS_PHASES, f"{assessment.id}-phases", figure, data, source, notes + _end(ctx))


def self_assessed_as_of(entries) -> str:
    """The day of the newest self-assessment entry, for the charts' '数据截至'."""
    return max((e.updated_at[:10] for e in entries if e.updated_at), default="—")


def fs_parts(ctx) -> Chart:
    """Self-assessed score by part, the points the text lacks drawn apart."""
    assessment, entries = _checklist(ctx)
    result = score(assessment, entries)
    data = pd.DataFrame(
        [
            {
                "part": p.part,
                "name": t(
                    "fs_part_points",
                    ctx.lang,
                    points=fmt.number(p.weight),
                    name=localized(assessment.parts[p.part], "name", ctx.lang),
                ),
                "weight": p.weight,
                "listed": p.listed,
                "achieved": p.achieved,
            }
            for p in result.parts
        ]
    )
    source = ctx.project.sources[assessment.source].label(ctx.lang)
    figure = assessment_charts.score_by_part(data, source, self_assessed_as_of(entries), ctx.lang)
    notes = _end(ctx).join(
        f"{n}{_colon(ctx)}{t('score_of', ctx.lang, achieved=fmt.number(a), weight=fmt.number(w))}"
        for n, a, w in zip(data["name"], data["achieved"], data["weight"])
    )
    return Chart(FS_PARTS, f"{assessment.id}-score-by-part", figure, data, source, notes + _end(ctx))


def fs_departments(ctx) -> Chart:
    """Self-assessed score by lead department (a point with joint leads counts for each)."""
    assessment, entries = _checklist(ctx)
    data = pd.DataFrame(by_department(assessment, entries))
    source = ctx.project.sources[assessment.source].label(ctx.lang)
    figure = assessment_charts.score_by_department(data, source, self_assessed_as_of(entries), ctx.lang)
    return Chart(FS_DEPARTMENTS, f"{assessment.id}-score-by-department", figure, data, source, t("dept_note", ctx.lang))


def in_force_text(book, lang: str) -> str:
    """起施行 with the date the standards file states, or nothing."""
    if book.in_force is None:
        return ""
    day = book.in_force
    date = t("date_long", lang, year=day.year, month=day.month, day=day.day, month_name=day.strftime("%B"))
    return t("rehab_in_force", lang, date=date)


def rehab_ceilings(ctx) -> Chart:
    """The rehabilitation subsidy ceilings in 元."""
    book = next(iter(ctx.project.standards.values()))
    source = ctx.project.sources[book.source]
    facts = store.part_facts(ctx.con, "standards", "standard")
    data = facts[facts["unit"] == "元"]
    issued = f"{source.date:%Y-%m-%d}" if source.date else ""
    figure = ceilings.ceilings(data, source.label(ctx.lang), in_force_text(book, ctx.lang), issued, ctx.lang)
    notes = _end(ctx).join(
        f"{n}{_colon(ctx)}{fmt.with_unit(v, '元', ctx.lang)}" for n, v in zip(data[ctx.name_column()], data["value"])
    )
    return Chart(REHAB_CEILINGS, f"{book.id}-ceilings", figure, data, source.label(ctx.lang), notes + _end(ctx))


def document_entries(ctx) -> dict[str, str]:
    """The other documents' charts the project has data for, key -> label."""
    L, entries = ctx.lang, {}
    if ctx.project.assessments:
        entries |= {
            FS_PHASES: t("phases_title", L),
            FS_PARTS: t("score_by_part_title", L),
            FS_DEPARTMENTS: t("score_by_department_title", L),
        }
    if ctx.project.standards:
        entries[REHAB_CEILINGS] = t("rehab_ceiling_chart", L)
    return entries


DOCUMENT_BUILDERS = {
    FS_PHASES: fs_phases,
    FS_PARTS: fs_parts,
    FS_DEPARTMENTS: fs_departments,
    REHAB_CEILINGS: rehab_ceilings,
}


# The menu of standard charts, and building them.


def menu(ctx, progress: pd.DataFrame | None = None) -> dict[str, str]:
    """Every standard chart as key -> label, in deck order."""
    L = ctx.lang
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    main = main_only(progress, ctx.project.catalogue)
    entries = {
        MAIN: t("main_growth_title", L, prev=ctx.prev, year=ctx.year),
        GROWTH: t("growth_chart_title", L, prev=ctx.prev, year=ctx.year),
    }
    entries |= {
        f"{PROGRESS}{row.indicator_id}": t("menu_progress", L, name=getattr(row, ctx.name_column()))
        for row in main.itertuples()
    }
    if not store.rank_table(ctx.con, ctx.region).empty:
        entries[RANKS] = t("rank_chart_title", L, region=region_label(ctx), **ranking_words(ctx))
    # The newest period of each indicator only: one entry per period made a list of 36,000 at scale, too long to
    # choose from and slow to send; older periods are on the rankings page.
    for row in store.provincial_choices(ctx.con).itertuples():
        entries[f"{PROVINCIAL}{row.indicator_id}|{row.newest}|{row.measure}"] = t(
            "provincial_chart_title", L, name=getattr(row, ctx.name_column()), period=row.newest, **ranking_words(ctx)
        )
    return entries | document_entries(ctx)


def default_keys(entries: dict[str, str]) -> list[str]:
    """The deck's default: the overview's main targets, growth rates, each main target's progress, the ranks."""
    return [key for key in entries if not key.startswith(PROVINCIAL) and key not in DOCUMENT_KEYS]


def build(ctx, keys: list[str], progress: pd.DataFrame | None = None) -> list[Chart]:
    """The charts for `keys`, in the order given (the growth chart in slide-sized parts)."""
    return list(each_chart(ctx, keys, progress))


def each_chart(ctx, keys: list[str], progress: pd.DataFrame | None = None) -> Iterator[Chart]:
    """build, one chart at a time (so that the deck draws each chart while the next is built). An unknown key
    raises KeyError before any chart is built."""
    unknown = [
        key
        for key in keys
        if key not in (MAIN, GROWTH, RANKS, *DOCUMENT_KEYS) and not key.startswith((PROGRESS, PROVINCIAL))
    ]
    if unknown:
        raise KeyError(f"unknown chart: {unknown[0]}")
    return _each_chart(ctx, keys, progress)


def _each_chart(ctx, keys: list[str], progress: pd.DataFrame | None) -> Iterator[Chart]:
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    targets: dict[str, dict] = {}
    for row in progress.to_dict("records"):  # an indicator's first target, as the progress page shows it
        targets.setdefault(row["indicator_id"], row)
    shown = [
        targets[key.removeprefix(PROGRESS)]
        for key in keys
        if key.startswith(PROGRESS) and key.removeprefix(PROGRESS) in targets
    ]
    wanted = [row["indicator_id"] for row in shown] + [
        row["relative_to"] for row in shown if row["measure"] == "yoy_pct" and isinstance(row["relative_to"], str)
    ]
    # Every progress chart's series in one query rather than one or two each (25 ms each at scale).
    fetched = store.series_of_each(ctx.con, list(dict.fromkeys(wanted)), ctx.region, ctx.year) if len(shown) > 1 else {}
    for key in keys:
        if key == MAIN:
            yield main_targets(ctx, progress)
        elif key == GROWTH:
            yield from _each_growth_part(ctx)
        elif key == RANKS:
            yield ranks(ctx)
        elif key.startswith(PROGRESS):
            yield progress_chart(ctx, targets[key.removeprefix(PROGRESS)], fetched)
        elif key in DOCUMENT_BUILDERS:
            yield DOCUMENT_BUILDERS[key](ctx)
        else:
            yield provincial(ctx, *key.removeprefix(PROVINCIAL).split("|"))


def standard_charts(ctx) -> list[Chart]:
    """Every standard chart (what `python -m charts export` writes)."""
    progress = target_progress(ctx.con, ctx.year, ctx.region)
    return build(ctx, list(menu(ctx, progress)), progress)
