"""What the briefing says, gathered from the store: the main targets judged at the briefing's period by the same
query and status rules as the pages (loaders.progress.target_progress), each indicator's figures of that period,
its ranks, the table of all main targets, and the report's sentences that set them. No Streamlit, no file format:
charts/briefing/docx.py and markdown.py write this out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from loaders import store
from loaders.io.yamlio import load_yaml
from loaders.judging.target_progress import main_only
from loaders.progress import target_progress
from loaders.project import REGIONS_FILE, Project

from .. import format as fmt
from .. import standard
from ..i18n import as_of_label, column_for, localized, pick, t
from ..status_style import plain
from . import phrases
from .phrases import Line, Place

PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
QUOTE_CONTEXT = 160  # characters of a sentence around a quote at most: a long clause is cut with "……"


class BriefingError(ValueError):
    """A period the briefing cannot be about (bad form, or a year without targets): Chinese, then English."""


def place_of(project: Project) -> Place:
    """The place the briefing is about and its province, from the project's data (the catalogue's region and the
    region list's province): the one place to change when those names move."""
    region = project.catalogue.region
    province = None
    try:
        data, _ = load_yaml(project.root / REGIONS_FILE)
        province = data.get("province") if isinstance(data, dict) else None
    except (OSError, ValueError):
        province = None
    return Place(
        region,
        str(province) if province else None,
        project.regions.names_en.get(region),
        project.regions.within_en or None,
    )


def main_rows(progress: pd.DataFrame, catalogue) -> pd.DataFrame:
    """The main targets of the year (the overview's cards), in catalogue order."""
    return main_only(progress, catalogue)


@dataclass(frozen=True)
class TableRow:
    name: str
    target: str
    latest: str
    period: str
    gap: str
    status: str
    rank: str


@dataclass(frozen=True)
class Quote:
    name: str
    target: str
    sentence: str
    source: str


@dataclass
class Briefing:
    lang: str
    place: Place
    year: int
    period: str | None  # None: no figure of the year yet
    title: str
    title_lines: tuple[str, str]
    subtitle: str
    as_of: str
    source_line: str
    made_on: str
    summary: str
    paragraphs: list[str]
    table: list[TableRow]
    quotes: list[Quote]
    statuses: dict[str, str] = field(default_factory=dict)  # indicator id -> status at the period
    chart: standard.Chart | None = None

    @property
    def has_figures(self) -> bool:
        return self.period is not None

    @property
    def file_stem(self) -> str:
        """briefing-2023-09: the period (or the year, before any monthly figure)."""
        return f"briefing-{self.period or self.year}"


def choose_period(ctx, period: str | None) -> tuple[int, str | None]:
    """The year of the targets and the briefing's period: the one asked for, else the newest period with a figure in
    the year of the newest targets (None when that year has none yet)."""
    years = store.target_years(ctx.con, ctx.project.catalogue.default_source)
    if period is not None:
        if not PERIOD.match(period):
            raise BriefingError(
                f"期间“{period}”应写成 YYYY-MM（如 2023-09）· the period {period!r} should be YYYY-MM (e.g. 2023-09)"
            )
        year = int(period[:4])
        if year not in years:
            raise BriefingError(
                f"{year}年没有目标，可选：{'、'.join(map(str, years))} · "
                f"no targets for {year}; years with targets: {', '.join(map(str, years))}"
            )
        return year, period
    year = ctx.year
    latest = store.latest_period(ctx.con, ctx.region)
    return year, latest if latest and latest[:4] == str(year) else None


def _month(period: str) -> int:
    return 12 if len(period) == 4 else int(period[5:7])


def _figure(series: pd.DataFrame, period: str, measure: str) -> tuple[float | None, str | None]:
    rows = series[(series["period"] == period) & (series["measure"] == measure)]
    if rows.empty or fmt.missing(rows["value"].iloc[0]):
        return None, None
    return float(rows["value"].iloc[0]), rows["unit"].iloc[0]


def figure_period(series: pd.DataFrame, frequency: str, period: str) -> str | None:
    """The period whose figures the briefing shows for an indicator: the briefing's own for a monthly one, the
    latest quarter up to it for a quarterly one, the year (or December) for an annual one; None when that period
    has no figure (an older one is never shown as this period's)."""
    year = period[:4]
    if frequency == "quarterly":
        quarter_end = _month(period) // 3 * 3
        if quarter_end == 0:
            return None
        candidates = [f"{year}-{quarter_end:02d}"] + ([year] if quarter_end == 12 else [])
    elif frequency == "annual":
        candidates = [year, f"{year}-12"] if _month(period) == 12 else []
    else:
        candidates = [period] + ([year] if _month(period) == 12 else [])
    present = set(series["period"])
    return next((p for p in candidates if p in present), None)


def last_period_before(series: pd.DataFrame, period: str) -> str | None:
    """The newest period of the year before `period` with a figure (named, not shown, when this period has none)."""
    key = period if len(period) == 7 else f"{period}-99"
    year = series[(series["period"].str[:4] == period[:4]) & (series["period_key"] < key)]
    return None if year.empty else str(year["period_key"].max()).removesuffix("-99")


def adjacent(previous: str, current: str, frequency: str) -> bool:
    """Is `previous` the period just before `current` (上期): the month before, or the quarter before."""
    if len(previous) != 7 or len(current) != 7 or previous[:4] != current[:4]:
        return False
    return _month(current) - _month(previous) == (3 if frequency == "quarterly" else 1)


def _ranks(history: pd.DataFrame, at: str) -> tuple[int | None, int | None, str | None]:
    here = history[history["period"] == at]
    if here.empty:
        return None, None, None
    key = here["period_key"].iloc[0]
    before = history[history["period_key"] < key]
    if before.empty:
        return int(here["rank"].iloc[0]), None, None
    return int(here["rank"].iloc[0]), int(before["rank"].iloc[-1]), str(before["period"].iloc[-1])


def _code(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _number(value) -> float | None:
    return None if fmt.missing(value) else float(value)


def line_of(
    row, series: pd.DataFrame, last_year: pd.DataFrame, ranks: pd.DataFrame, period: str | None, year: int, lang: str
) -> Line:
    """The facts of one main target at the briefing's period (see phrases.Line)."""
    name = localized(row, "name", lang)
    relative = localized(row, "relative_name", lang)
    level_target = row.measure == "level"
    base = {
        "name": name,
        "measure": row.measure,
        "comparator": row.comparator,
        "target": _number(row.target_in_level_unit if level_target else row.target),
        "unit": row.level_unit,
        "frequency": row.frequency,
        "direction": row.direction,
        "tolerance": _number(row.tolerance),
        "level_kind": row.level_kind,
        "relative_name": relative if isinstance(relative, str) else None,
        "period": period,
        "prev_year": year - 1,
        "prev_year_growth": _number(row.prev_yoy_pct),
        "prev_year_level": _number(row.prev_level),
        "caveat": _code(row.caveat),
        "prev_year_caveat": _code(row.prev_yoy_caveat) or _code(row.prev_level_caveat),
    }
    if period is None:
        return Line(**base)
    at = figure_period(series, row.frequency, period)
    if at is None:
        return Line(**base, last_period=last_period_before(series, period))
    growth, _ = _figure(series, at, "yoy_pct")
    level, level_unit = _figure(series, at, "level")
    judged_here = row.actual_period == at
    if level_target:
        level, level_unit = (_number(row.actual_in_level_unit), row.level_unit) if judged_here else (None, None)
    last_year_growth = None
    if len(at) == 7:
        last_year_growth, _ = _figure(last_year, f"{int(at[:4]) - 1}{at[4:]}", "yoy_pct")
    rank, previous, previous_period = _ranks(ranks, at)
    return Line(
        **(base | {"unit": level_unit or row.level_unit}),
        figure_period=at,
        growth=growth,
        level=level,
        growth_same_period_last_year=last_year_growth,
        related_growth=_number(row.related_actual) if judged_here else None,
        expected=_number(row.expected) if judged_here else None,
        rank=rank,
        previous_rank=previous,
        previous_rank_period=previous_period,
        previous_period_adjacent=bool(previous_period) and adjacent(previous_period, at, row.frequency),
    )


def status_at(row, line: Line) -> str:
    """The pages' status when its figure is this period's; 'pending' (本期无数据) otherwise."""
    return row.status if line.figure_period is not None and row.actual_period == line.figure_period else "pending"


def _gap_text(row, status: str, lang: str) -> str:
    if status == "pending" or fmt.missing(row.gap):
        return "—"
    sign = "+" if row.gap > 0 else ""
    if row.measure == "yoy_pct":
        return t("pp", lang, value=f"{sign}{fmt.number(row.gap)}")
    return sign + fmt.with_unit(row.gap, row.level_unit, lang)


def table_row(row, line: Line, status: str, lang: str, target: str) -> TableRow:
    name = localized(row, "name", lang)
    if line.figure_period is None:
        latest, when = "—", "—"
    else:
        shown = line.growth if row.measure == "yoy_pct" else line.level
        latest = fmt.measured(shown, row.measure, line.unit, lang) if shown is not None else "—"
        when = phrases.figure_period_words(line.figure_period, row.frequency, lang)
    rank = fmt.rank(line.rank, lang) if line.rank is not None else "—"
    return TableRow(name, target, latest, when, _gap_text(row, status, lang), plain(status, lang), rank)


def sentence_around(text: str, quote: str) -> str | None:
    """The sentence of `text` (whitespace removed) that holds `quote`: from the end of the previous sentence or
    clause (。；！？) to the end of this one, cut to QUOTE_CONTEXT characters around the quote with "……"."""
    squashed = re.sub(r"\s+", "", quote)
    at = text.find(squashed)
    if at < 0:
        return None
    ends = "。；！？"
    start = max(text.rfind(c, 0, at) for c in ends) + 1
    stops = [i for i in (text.find(c, at + len(squashed)) for c in ends) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    sentence = text[start:stop]
    if len(sentence) <= QUOTE_CONTEXT:
        return sentence
    room = max(0, (QUOTE_CONTEXT - len(squashed)) // 2)
    left, right = max(start, at - room), min(stop, at + len(squashed) + room)
    return ("……" if left > start else "") + text[left:right] + ("……" if right < stop else "")


def quotes_of(ctx, main: pd.DataFrame, lang: str) -> list[Quote]:
    """Each main target's sentence in its source document (the quote itself when the text is not at hand)."""
    found = []
    for row in main.itertuples():
        source = ctx.project.sources.get(row.source)
        text = source.squashed_text if source else ""
        sentence = (sentence_around(text, row.quote) if text and isinstance(row.quote, str) else None) or row.quote
        found.append(
            Quote(
                localized(row, "name", lang),
                fmt.target(
                    row.measure,
                    row.comparator,
                    row.target,
                    row.unit,
                    lang,
                    localized(row, "relative_name", lang),
                    _code(row.caveat),
                ),
                sentence or "",
                source.title(lang) if source else "",
            )
        )
    return found


def _date(day: dt.date, lang: str) -> str:
    return pick(f"{day.year}年{day.month}月{day.day}日", day.isoformat(), lang)


def briefing(ctx, period: str | None = None, today: dt.date | None = None, with_chart: bool = True) -> Briefing:
    """The briefing for `period` ('2023-09'; default: the newest with a figure) from the project behind `ctx`
    (charts.standard.Basis or pages.common.Context)."""
    lang = ctx.lang
    year, period = choose_period(ctx, period)
    place = place_of(ctx.project)
    progress = target_progress(ctx.con, year, ctx.region, through=period)
    main = main_rows(progress, ctx.project.catalogue)
    ids = list(main["indicator_id"])
    wanted = list(dict.fromkeys(ids + [r for r in main["relative_to"] if isinstance(r, str)]))
    series = store.series_of_each(ctx.con, wanted, ctx.region, year)
    last_year = store.series_of_each(ctx.con, wanted, ctx.region, year - 1)
    ranks = store.rank_histories(ctx.con, ids, ctx.region)
    lines, statuses, table = [], {}, []
    for row in main.itertuples():
        line = line_of(
            row, series[row.indicator_id], last_year[row.indicator_id], ranks[row.indicator_id], period, year, lang
        )
        status = status_at(row, line) if period else "pending"
        statuses[row.indicator_id] = status
        lines.append(line)
        table.append(table_row(row, line, status, lang, phrases.target_words(line, lang)))
    if period:
        paragraphs = [phrases.paragraph(line, place, lang) for line in lines]
        counts = {s: list(statuses.values()).count(s) for s in ("met", "close", "behind", "pending")}
        names = dict(zip(main["indicator_id"], main[column_for("name", lang)]))
        summary = phrases.summary(
            counts,
            [names[i] for i, s in statuses.items() if s == "behind"],
            [names[i] for i, s in statuses.items() if s == "close"],
            period,
            year,
            lang,
        )
        subtitle = t("briefing_as_of", lang, period=as_of_label(period, lang))
    else:
        paragraphs = [phrases.reference_paragraph(line, place, lang) for line in lines]
        summary = phrases.no_monthly_summary(year, year - 1, len(lines), lang)
        subtitle = t("briefing_no_monthly", lang, year=year)
    # The overview's chart is of the newest targets' year: an older year's briefing goes without it.
    chart = standard.main_targets(ctx, progress) if with_chart and ctx.year == year else None
    return Briefing(
        lang=lang,
        place=place,
        year=year,
        period=period,
        title=phrases.title(place, year, period, lang),
        title_lines=phrases.title_lines(place, year, period, lang),
        subtitle=subtitle,
        as_of=t("as_of", lang, period=as_of_label(period, lang) if period else ctx.as_of),
        source_line=t(
            "briefing_sources", lang, source=ctx.project.sources[ctx.project.catalogue.default_source].label(lang)
        ),
        made_on=t("briefing_made_on", lang, date=_date(today or dt.date.today(), lang)),
        summary=summary,
        paragraphs=paragraphs,
        table=table,
        quotes=quotes_of(ctx, main, lang),
        statuses=statuses,
        chart=chart,
    )
