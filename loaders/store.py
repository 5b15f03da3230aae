"""DuckDB, built from the text files: the only module that writes SQL. Every query takes parameters, never pasted text."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.io import atomic
from loaders.io.units import base_and_factor
from loaders.judging.vocabulary import MEASURE_UNITS, MONTHLY_PARTS
from loaders.project import Project
from loaders.readers.columnwise import Facts

TEXT, NUMBER, INTEGER = "str", "float64", "Int64"


ARROW_TYPES = {TEXT: pa.string(), NUMBER: pa.float64(), INTEGER: pa.int64(), "bool": pa.bool_()}


def _frame(rows: list[dict], types: dict[str, str]) -> pa.Table:
    """The rows as a table with these columns, each value as pandas' astype(type) made it when the tables were
    DataFrames (pandas took 0.1 s for these small tables): missing stays missing, except a missing flag is False."""
    cast = {TEXT: _text, NUMBER: _number, INTEGER: _integer, "bool": bool}
    columns = {c: [cast[t](row.get(c)) for row in rows] for c, t in types.items()}
    return pa.table(columns, schema=pa.schema([(c, ARROW_TYPES[t]) for c, t in types.items()]))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _text(value) -> str | None:
    return None if _missing(value) else str(value)


def _number(value) -> float | None:
    return None if _missing(value) else float(value)


def _integer(value) -> int | None:
    return None if _missing(value) else int(value)


def tables(project: Project) -> dict[str, pa.Table]:
    """The store's tables, in the order they are created."""
    return _catalogue_tables(project) | {"facts": _fact_frame(project)}


def _catalogue_tables(project: Project) -> dict[str, pa.Table]:
    catalogue = project.catalogue
    indicators = [
        asdict(i) | {"measures": ",".join(i.measures), "position": n}
        for n, i in enumerate(catalogue.indicators.values())
    ]
    categories = [asdict(c) | {"position": n} for n, c in enumerate(catalogue.categories.values())]
    sources = [
        {k: v for k, v in vars(s).items() if k not in ("file", "squashed_text")} | {"date": str(s.date or "")}
        for s in project.sources.values()
    ]
    regions = [
        {"name": n, "name_en": project.regions.names_en[n], "position": i} for i, n in enumerate(project.regions.names)
    ]
    return {
        "indicators": _frame(
            indicators,
            {
                "id": TEXT,
                "name_zh": TEXT,
                "name_en": TEXT,
                "unit": TEXT,
                "category": TEXT,
                "direction": TEXT,
                "frequency": TEXT,
                "rank_basis": TEXT,
                "level_kind": TEXT,
                "measures": TEXT,
                "note": TEXT,
                "note_en": TEXT,
                "rank_scope": TEXT,
                "line": INTEGER,
                "position": INTEGER,
            },
        ),
        "categories": _frame(
            categories,
            {"id": TEXT, "part": TEXT, "name_zh": TEXT, "name_en": TEXT, "main": "bool", "position": INTEGER},
        ),
        "sources": _frame(
            sources,
            {
                "id": TEXT,
                "kind": TEXT,
                "title_zh": TEXT,
                "title_en": TEXT,
                "label_zh": TEXT,
                "label_en": TEXT,
                "issuer_zh": TEXT,
                "issuer_en": TEXT,
                "date": TEXT,
                "gazette": TEXT,
                "gazette_en": TEXT,
                "citation_zh": TEXT,
                "citation_en": TEXT,
                "starts_with": TEXT,
                "ends_with": TEXT,
                "report_year": INTEGER,
            },
        ),
        "regions": _frame(regions, {"name": TEXT, "name_en": TEXT, "position": INTEGER}),
    }


def _fact_frame(project: Project) -> pa.Table:
    """Each fact as printed, plus its value in the indicator's own unit (7000户 -> 0.7 for an indicator in 万户).

    Built from the facts' columns (loaders/columnwise.Facts): an object or a dict per fact was a second copy of
    every fact (684,000 in the benchmarks' scale project; see BENCHMARKS.md)."""
    return pa.concat_tables(_fact_parts(project))


PART_ROWS = 100_000  # facts per part handed to DuckDB: a part per file cost an INSERT each (0.9 s more at scale)


def _fact_parts(project: Project, release: bool = False) -> Iterator[pa.Table]:
    """`_fact_frame` in parts of about PART_ROWS facts (the facts held as objects first, possibly none, then the
    tables of files read column-wise), each with its value in the indicator's unit: the conversion's Python floats
    exist for one part at a time, not for all facts. With `release`, the project's facts are handed over and
    dropped as they go (see `connect`)."""
    facts = project.facts if isinstance(project.facts, Facts) else Facts(project.facts)
    if release:
        project.facts = Facts()
    units = {i: indicator.unit for i, indicator in project.catalogue.indicators.items()}

    def converted(tables: list[pa.Table]) -> pa.Table:
        table = pa.concat_tables(tables)
        return table.append_column("indicator_value", _in_indicator_units(table, units))

    parts = facts.tables(release=release)
    yield converted([next(parts)])
    waiting: list[pa.Table] = []
    for table in parts:
        waiting.append(table)
        if sum(t.num_rows for t in waiting) >= PART_ROWS:
            yield converted(waiting)
            waiting = []
    if waiting:
        yield converted(waiting)


def _in_indicator_units(table: pa.Table, units: dict[str, str]) -> pa.Array:
    """units.convert of every value from its printed unit (a level's own, else the indicator's), once per pair of
    units and column-wise: the same arithmetic and the same rounding as round(value * f_from / f_to, 10), null where
    the units measure different things or there is no value."""
    ids = table["indicator_id"].combine_chunks().dictionary_encode()
    own = pc.take(pa.array([units.get(i) for i in ids.dictionary.to_pylist()], pa.string()), ids.indices)
    unit = table["unit"].combine_chunks()
    is_level = pc.fill_null(pc.equal(table["measure"].combine_chunks(), "level"), False)
    printed = pc.if_else(pc.and_(is_level, pc.fill_null(pc.not_equal(unit, ""), False)), unit, own)
    values = table["value"].combine_chunks().to_numpy(zero_copy_only=False).astype(np.float64)
    converted = np.full(len(values), np.nan)
    valid = ~np.isnan(values)  # a null value is NaN here: neither is converted
    printed, own = printed.dictionary_encode(), own.dictionary_encode()
    width = len(own.dictionary)
    # one code per pair of units; a missing unit (null) was never converted (a pair with it is left out)
    known = pc.and_(pc.is_valid(printed.indices), pc.is_valid(own.indices)).to_numpy(zero_copy_only=False)
    pair = pc.fill_null(printed.indices, 0).to_numpy(zero_copy_only=False).astype(np.int64) * width
    pair += pc.fill_null(own.indices, 0).to_numpy(zero_copy_only=False)
    pair = np.where(known & valid, pair, -1)
    from_units, to_units = printed.dictionary.to_pylist(), own.dictionary.to_pylist()
    for code in np.unique(pair[pair >= 0]).tolist():
        (base_from, f_from), (base_to, f_to) = (
            base_and_factor(from_units[code // width]),
            base_and_factor(to_units[code % width]),
        )
        if base_from != base_to:
            continue
        rows = np.flatnonzero(pair == code)
        converted[rows] = _round10(values[rows] * f_from / f_to)
    return pa.array(converted, pa.float64(), mask=np.isnan(converted))


def _round10(values: np.ndarray) -> np.ndarray:
    """round(v, 10) of each value, as Python rounds (correctly, through the decimal digits). numpy's round is
    rint(v * 1e10) / 1e10, a correctly rounded division: when it gives v back, v is the float nearest a number of 10
    decimals, which Python's round also gives back. Only the other values (more decimals than 10) go through Python."""
    rounded = values.copy()
    differ = np.flatnonzero(np.round(values, 10) != values)
    rounded[differ] = [round(v, 10) for v in values[differ].tolist()]
    return rounded


def _populate(con: duckdb.DuckDBPyConnection, project: Project, release: bool = False) -> None:
    for name, frame in _catalogue_tables(project).items():
        con.register("incoming", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")  # name is one of our own table names
        con.unregister("incoming")
    parts = _fact_parts(project, release)
    if release:
        # The facts as a stream of parts, in order: each part is made when DuckDB asks for it (an INSERT per part was
        # twice as slow as one CREATE TABLE AS), so that they are never whole in memory beside DuckDB's copy.
        first = next(parts)
        batches = itertools.chain(first.to_batches(), (batch for part in parts for batch in part.to_batches()))
        con.register("incoming", pa.RecordBatchReader.from_batches(first.schema, batches))
        del first
    else:  # one table, which DuckDB reads on every core (a stream is read on one: twice as long at scale)
        con.register("incoming", pa.concat_tables(parts))
    con.execute("CREATE TABLE facts AS SELECT * FROM incoming")
    con.unregister("incoming")
    units = " ".join(f"WHEN '{m}' THEN '{u}'" for m, u in MEASURE_UNITS.items())  # fixed vocabulary, not user text
    con.execute(f"""
        CREATE VIEW facts_named AS
        SELECT f.* EXCLUDE (unit), i.name_zh AS name, i.name_en, CASE f.measure {units} ELSE coalesce(f.unit, i.unit) END AS unit,
               i.position AS indicator_position,
               -- a year's figure ('2022') is the whole year: it sorts after its months ('2022-12')
               CASE WHEN length(f.period) = 4 THEN f.period || '-99' ELSE f.period END AS period_key
        FROM facts f JOIN indicators i ON i.id = f.indicator_id""")


def connect(project: Project, release_facts: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory database built from the files (cheap): the app never holds a database file open.

    `release_facts` hands the project's facts to DuckDB file by file and leaves `project.facts` empty, so that the
    facts are never held twice at once (the app's cached project; its pages ask the store, never `project.facts`)."""
    con = duckdb.connect(":memory:")
    _populate(con, project, release_facts)
    return con


def write_database(project: Project, path: Path, release_facts: bool = False) -> Path:
    """Write the database file atomically: build it under a temporary name, then rename it into place.
    `release_facts` as in `connect`."""
    with atomic.replacing(Path(path), leftovers=(".wal",)) as temporary:
        con = duckdb.connect(str(temporary))
        try:
            _populate(con, project, release_facts)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    return Path(path)


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> pd.DataFrame:
    cursor = con.cursor()  # one cursor per query: a connection is not safe across Streamlit's threads
    try:
        return cursor.execute(sql, params or []).df()
    finally:
        cursor.close()


FACT_ORDER = "indicator_position, scenario, period, region, measure"
# When two sources give the same figure, the one quoted from the report is the one shown.
PREFER_QUOTED = "quote IS NULL, source"


def all_facts(con) -> pd.DataFrame:
    """Every fact with its indicator's name and the unit of its measure (the `facts` command)."""
    return _query(
        con,
        f"""
        SELECT indicator_id, name, name_en, unit, region, period, measure, scenario, comparator, value, tolerance,
               relative_to, source, section, quote, note, file, line, caveat, note_en
        FROM facts_named ORDER BY {FACT_ORDER}""",
    )


def counts(con) -> pd.DataFrame:
    """How many facts of each kind were loaded, by file (what `build` prints)."""
    return _query(
        con,
        """
        SELECT file, scenario, count(*) AS facts, count(DISTINCT indicator_id) AS indicators,
               count(DISTINCT region) AS regions
        FROM facts GROUP BY ALL ORDER BY ALL""",
    )


def target_inputs(con, year: int, region: str, through: str | None = None) -> pd.DataFrame:
    """Every target of `year` with what judging it needs: the latest figure of the same measure in that year,
    the related indicator's figure for the same period (同步 targets), last year's results, and the latest
    level, growth and rank of the indicator. `through` ('2023-06'): figures of later periods are left out, so a
    month's briefing judges what was known then."""
    return _query(
        con,
        f"""
        WITH actual AS (
            SELECT indicator_id, measure, period, period_key, value, indicator_value, comparator, quote, caveat
            FROM facts_named WHERE scenario = 'actual' AND region = $region
            QUALIFY row_number() OVER (PARTITION BY indicator_id, measure, period ORDER BY {PREFER_QUOTED}) = 1),
        this_year AS (SELECT * FROM actual WHERE (period = $year OR period LIKE $year || '-%')
                      AND ($through IS NULL OR period_key <= CASE WHEN length($through) = 4 THEN $through || '-99' ELSE $through END)),
        latest AS (SELECT * FROM this_year
                   QUALIFY row_number() OVER (PARTITION BY indicator_id, measure ORDER BY period_key DESC) = 1),
        last_year AS (SELECT * FROM actual WHERE period = $prev_year)
        SELECT t.indicator_id, t.name, t.name_en, i.unit AS level_unit, t.unit, t.measure, t.comparator,
               t.value AS target, t.indicator_value AS target_in_level_unit, t.tolerance, t.relative_to,
               r.name_zh AS relative_name, r.name_en AS relative_name_en, i.direction, i.level_kind, i.frequency,
               i.category, t.section, t.quote, t.source, t.caveat, t.note AS target_note, t.note_en AS target_note_en,
               i.note AS indicator_note, i.note_en AS indicator_note_en,
               l.period AS actual_period, l.value AS actual, l.indicator_value AS actual_in_level_unit,
               rel.value AS related_actual,
               -- levels in the indicator's unit (突破5万亿元 is 50000 for an indicator in 亿元), each figure with
               -- the qualifier it was printed with (以上, 左右, 突破) and its sentence
               pl.indicator_value AS prev_level, pl.comparator AS prev_level_comparator, pl.quote AS prev_level_quote,
               pl.caveat AS prev_level_caveat,
               py.value AS prev_yoy_pct, py.comparator AS prev_yoy_comparator, py.quote AS prev_yoy_quote,
               py.caveat AS prev_yoy_caveat, pr.caveat AS prev_rank_caveat,
               pr.value AS prev_rank, coalesce(pl.quote, py.quote, pr.quote) AS prev_quote,
               ll.indicator_value AS latest_level, ly.value AS latest_yoy_pct, ly.period AS latest_yoy_period,
               l.comparator AS actual_comparator, l.quote AS actual_quote, l.caveat AS actual_caveat,
               lr.value AS latest_rank, lr.period AS latest_rank_period
        FROM facts_named t
        JOIN indicators i ON i.id = t.indicator_id
        LEFT JOIN indicators r ON r.id = t.relative_to
        LEFT JOIN latest l ON l.indicator_id = t.indicator_id AND l.measure = t.measure
        LEFT JOIN this_year rel ON rel.indicator_id = t.relative_to AND rel.measure = t.measure AND rel.period = l.period
        LEFT JOIN last_year pl ON pl.indicator_id = t.indicator_id AND pl.measure = 'level'
        LEFT JOIN last_year py ON py.indicator_id = t.indicator_id AND py.measure = 'yoy_pct'
        LEFT JOIN last_year pr ON pr.indicator_id = t.indicator_id AND pr.measure = 'rank'
        LEFT JOIN latest ll ON ll.indicator_id = t.indicator_id AND ll.measure = 'level'
        LEFT JOIN latest ly ON ly.indicator_id = t.indicator_id AND ly.measure = 'yoy_pct'
        LEFT JOIN latest lr ON lr.indicator_id = t.indicator_id AND lr.measure = 'rank'
        WHERE t.scenario = 'target' AND t.region = $region AND t.period = $year
        ORDER BY t.indicator_position, t.measure""",
        {"region": region, "year": str(year), "prev_year": str(year - 1), "through": through},
    )


def series(con, indicator_id: str, region: str, year: int) -> pd.DataFrame:
    """Every figure of an indicator in `year` (months and the year itself), plus last year's result, long form."""
    return _query(
        con,
        f"""
        SELECT period, period_key, measure, value, unit, comparator, quote, source, note, caveat
        FROM facts_named
        WHERE scenario = 'actual' AND indicator_id = $id AND region = $region
          AND (period = $prev_year OR period = $year OR period LIKE $year || '-%')
        QUALIFY row_number() OVER (PARTITION BY period, measure ORDER BY {PREFER_QUOTED}) = 1
        ORDER BY period_key, measure""",
        {"id": indicator_id, "region": region, "year": str(year), "prev_year": str(year - 1)},
    )


def series_of_each(con, indicator_ids: list[str], region: str, year: int) -> dict[str, pd.DataFrame]:
    """`series` for several indicators in one query (the overview's cards): indicator id -> its series."""
    frame = _query(
        con,
        f"""
        SELECT indicator_id, period, period_key, measure, value, unit, comparator, quote, source, note, caveat
        FROM facts_named
        WHERE scenario = 'actual' AND list_contains($ids, indicator_id) AND region = $region
          AND (period = $prev_year OR period = $year OR period LIKE $year || '-%')
        QUALIFY row_number() OVER (PARTITION BY indicator_id, period, measure ORDER BY {PREFER_QUOTED}) = 1
        ORDER BY indicator_id, period_key, measure""",
        {"ids": list(indicator_ids), "region": region, "year": str(year), "prev_year": str(year - 1)},
    )
    return _split(frame, indicator_ids)


def _split(frame: pd.DataFrame, indicator_ids: list[str]) -> dict[str, pd.DataFrame]:
    """One frame per indicator, shaped as the single-indicator query returns it (no id column, index from 0)."""
    parts = {
        i: part.drop(columns="indicator_id").reset_index(drop=True)
        for i, part in frame.groupby("indicator_id", sort=False)
    }
    empty = frame.drop(columns="indicator_id").iloc[0:0]
    return {i: parts.get(i, empty) for i in indicator_ids}


def growth_table(con, year: int, region: str) -> pd.DataFrame:
    """Every indicator with a growth rate: last year's growth and rank, this year's growth target, the latest growth."""
    return _query(
        con,
        f"""
        WITH g AS (
            SELECT indicator_id, period, period_key, scenario, measure, value, comparator, quote, relative_to, caveat
            FROM facts_named WHERE region = $region AND measure IN ('yoy_pct', 'rank')
            QUALIFY row_number() OVER (PARTITION BY indicator_id, scenario, measure, period ORDER BY {PREFER_QUOTED}) = 1),
        latest AS (SELECT * FROM g WHERE scenario = 'actual' AND (period = $year OR period LIKE $year || '-%')
                   QUALIFY row_number() OVER (PARTITION BY indicator_id, measure ORDER BY period_key DESC) = 1)
        SELECT i.id AS indicator_id, i.name_zh AS name, i.name_en, i.category, c.name_zh AS category_name,
               c.name_en AS category_name_en, c.position AS category_position, i.direction,
               py.value AS prev_yoy_pct, py.comparator AS prev_comparator, py.quote AS prev_quote, pr.value AS prev_rank,
               py.caveat AS prev_caveat, pr.caveat AS prev_rank_caveat,
               t.value AS target, t.comparator, t.quote AS target_quote, t.relative_to, t.caveat AS target_caveat,
               i.note AS indicator_note, i.note_en AS indicator_note_en,
               ly.value AS latest_yoy_pct, ly.period AS latest_period, lr.value AS latest_rank,
               lr.period AS latest_rank_period
        FROM indicators i
        JOIN categories c ON c.id = i.category
        LEFT JOIN g py ON py.indicator_id = i.id AND py.scenario = 'actual' AND py.period = $prev_year AND py.measure = 'yoy_pct'
        LEFT JOIN g pr ON pr.indicator_id = i.id AND pr.scenario = 'actual' AND pr.period = $prev_year AND pr.measure = 'rank'
        LEFT JOIN g t ON t.indicator_id = i.id AND t.scenario = 'target' AND t.period = $year AND t.measure = 'yoy_pct'
        LEFT JOIN latest ly ON ly.indicator_id = i.id AND ly.measure = 'yoy_pct'
        LEFT JOIN latest lr ON lr.indicator_id = i.id AND lr.measure = 'rank'
        WHERE list_contains(string_split(i.measures, ','), 'yoy_pct')
        ORDER BY i.position""",
        {"region": region, "year": str(year), "prev_year": str(year - 1)},
    )


def rank_table(con, region: str) -> pd.DataFrame:
    """The region's latest rank for every ranked indicator, with the rank before it and its period."""
    return _query(
        con,
        """
        SELECT f.indicator_id, f.name, f.name_en, i.rank_basis, i.position, f.period, f.value AS rank, f.quote, f.caveat, f.note, f.note_en,
               lead(value) OVER w AS previous_rank, lead(period) OVER w AS previous_period,
               row_number() OVER w AS n
        FROM facts_named f JOIN indicators i ON i.id = f.indicator_id
        WHERE scenario = 'actual' AND region = $region AND measure = 'rank' AND i.rank_scope IS NULL
        WINDOW w AS (PARTITION BY indicator_id ORDER BY period_key DESC)
        QUALIFY n = 1
        ORDER BY rank, indicator_position""",
        {"region": region},
    )


def rank_history(con, indicator_id: str, region: str) -> pd.DataFrame:
    return _query(
        con,
        """
        SELECT period, period_key, value AS rank, quote, caveat, note, note_en FROM facts_named
        WHERE scenario = 'actual' AND region = $region AND measure = 'rank' AND indicator_id = $id
              AND indicator_id NOT IN (SELECT id FROM indicators WHERE rank_scope IS NOT NULL)
        ORDER BY period_key""",
        {"region": region, "id": indicator_id},
    )


def rank_histories(con, indicator_ids: list[str], region: str) -> dict[str, pd.DataFrame]:
    """`rank_history` for several indicators in one query: indicator id -> its ranks."""
    frame = _query(
        con,
        """
        SELECT indicator_id, period, period_key, value AS rank, quote, caveat, note, note_en FROM facts_named
        WHERE scenario = 'actual' AND region = $region AND measure = 'rank' AND list_contains($ids, indicator_id)
              AND indicator_id NOT IN (SELECT id FROM indicators WHERE rank_scope IS NOT NULL)
        ORDER BY indicator_id, period_key""",
        {"region": region, "ids": list(indicator_ids)},
    )
    return _split(frame, indicator_ids)


def provincial_choices(con) -> pd.DataFrame:
    """Indicator and measure combinations that have figures for several regions, one row each with its periods newest
    first: a menu of a few hundred entries instead of one per period (36,000 in the benchmarks' scale project)."""
    return _query(
        con,
        """
        WITH options AS (
            SELECT indicator_id, any_value(name) AS name, any_value(name_en) AS name_en, period, measure,
                   any_value(indicator_position) AS position
            FROM facts_named WHERE scenario = 'actual'
            GROUP BY indicator_id, period, measure HAVING count(DISTINCT region) > 1)
        SELECT indicator_id, any_value(name) AS name, any_value(name_en) AS name_en, measure,
               list(period ORDER BY period DESC) AS periods, max(period) AS newest, any_value(position) AS position
        FROM options GROUP BY indicator_id, measure
        ORDER BY position, newest DESC, measure""",
    )


def provincial_ranking(con, indicator_id: str, period: str, measure: str) -> pd.DataFrame:
    """All regions' figures for one indicator, period and measure, ranked (1 = highest; lower is better)."""
    return _query(
        con,
        """
        WITH figures AS (
            SELECT f.region, r.name_en AS region_en, f.value, f.unit, f.source, f.name, f.name_en,
                   s.label_zh AS source_label, s.label_en AS source_label_en
            FROM facts_named f
            LEFT JOIN regions r ON r.name = f.region
            LEFT JOIN sources s ON s.id = f.source
            WHERE f.scenario = 'actual' AND f.indicator_id = $id AND f.period = $period AND f.measure = $measure
            -- the report and the yearbook may both give the city's figure: rank each region once, preferring
            -- the comparison's own (unquoted) rows so that every region comes from the same table
            QUALIFY row_number() OVER (PARTITION BY f.region ORDER BY f.quote IS NULL DESC, f.source) = 1)
        SELECT *, rank() OVER (ORDER BY value DESC) AS rank, count(*) OVER () AS regions FROM figures
        ORDER BY rank, region""",
        {"id": indicator_id, "period": period, "measure": measure},
    )


def catalogue_facts(con) -> pd.DataFrame:
    """Every quoted fact with its indicator's metadata and category: the sources page's table."""
    return _query(
        con,
        """
        SELECT f.indicator_id, f.name, f.name_en, i.unit AS indicator_unit, c.name_zh AS category_name,
               c.name_en AS category_name_en, i.direction, f.period, f.scenario, f.measure, f.comparator, f.value,
               f.unit, f.quote, f.source, s.label_zh AS source_label, s.label_en AS source_label_en, f.caveat,
               f.note, f.note_en, i.note AS indicator_note, i.note_en AS indicator_note_en
        FROM facts_named f JOIN indicators i ON i.id = f.indicator_id JOIN categories c ON c.id = i.category
        LEFT JOIN sources s ON s.id = f.source
        WHERE f.quote IS NOT NULL
        ORDER BY f.indicator_position, f.scenario, f.period_key, f.measure""",
    )


def categories(con) -> pd.DataFrame:
    return _query(con, "SELECT id, part, name_zh, name_en FROM categories ORDER BY position")


def latest_period(con, region: str) -> str | None:
    """The newest period with an actual figure for the region: what '数据截至' states."""
    frame = _query(
        con,
        """SELECT period FROM facts_named WHERE scenario = 'actual' AND region = $region
                           ORDER BY period_key DESC LIMIT 1""",
        {"region": region},
    )
    return None if frame.empty else str(frame["period"].iloc[0])


def target_years(con, source: str | None = None) -> list[int]:
    """Years with targets; of one source's targets when given (the work report's, not the food-safety plan's)."""
    frame = _query(
        con,
        """SELECT DISTINCT CAST(period AS INTEGER) AS year FROM facts
                           WHERE scenario = 'target' AND ($source IS NULL OR source = $source) ORDER BY year""",
        {"source": source},
    )
    return [int(y) for y in frame["year"]]


def report_years(con) -> list[int]:
    """The years of the work reports' targets (parts review and tasks), oldest first: a folder may hold several
    reports of one place (2023's report sets 2023's targets, 2024's report 2024's). When the sources say which year
    a report is (`report_year`, written by `new` and `extract`), the newest of those is the newest year: a target
    for a later year (到2027年) is part of that report, not a report of its own."""
    frame = _query(
        con,
        """WITH given AS (SELECT max(report_year) AS newest FROM sources)
           SELECT DISTINCT CAST(f.period AS INTEGER) AS year FROM facts f JOIN categories c ON c.id = f.section
           WHERE f.scenario = 'target' AND list_contains($parts, c.part)
                 AND ((SELECT newest FROM given) IS NULL OR CAST(f.period AS INTEGER) <= (SELECT newest FROM given))
           UNION SELECT report_year AS year FROM sources WHERE report_year IS NOT NULL
           ORDER BY year""",
        {"parts": list(MONTHLY_PARTS)},
    )
    return [int(y) for y in frame["year"]]


def report_source(con, year: int) -> str | None:
    """The source that sets `year`'s work-report targets: the report of that year when a source says so, else the
    one that sets the most of them."""
    frame = _query(
        con,
        """SELECT id AS source, 1000000 AS n FROM sources WHERE report_year = $n_year
           UNION ALL
           SELECT f.source, count(*) AS n FROM facts f JOIN categories c ON c.id = f.section
           WHERE f.scenario = 'target' AND f.period = $year AND list_contains($parts, c.part)
           GROUP BY f.source ORDER BY n DESC, source LIMIT 1""",
        {"year": str(year), "n_year": int(year), "parts": list(MONTHLY_PARTS)},
    )
    return None if frame.empty else str(frame["source"].iloc[0])


def part_facts(con, part: str, scenario: str) -> pd.DataFrame:
    """The facts of one scenario (target, standard) of the indicators in one part of the catalogue (food_safety,
    standards), each with its source's label and its quote, in catalogue order."""
    return _query(
        con,
        """
        SELECT f.indicator_id, f.name, f.name_en, f.unit, f.period, f.measure, f.comparator, f.value, f.section,
               f.source, s.label_zh AS source_label, s.label_en AS source_label_en, f.quote, f.note, f.note_en, f.caveat,
               i.note AS indicator_note, i.note_en AS indicator_note_en
        FROM facts_named f JOIN indicators i ON i.id = f.indicator_id JOIN categories c ON c.id = i.category
        LEFT JOIN sources s ON s.id = f.source
        WHERE f.scenario = $scenario AND c.part = $part
        ORDER BY f.indicator_position, f.section, f.source""",
        {"part": part, "scenario": scenario},
    )


def target_disagreements(con, part: str) -> pd.DataFrame:
    """Targets of the same indicator, period and measure that two sources give differently (the plan's 6批次/千人
    against the checklist's 4): one row per source, so both are shown and neither is chosen."""
    return _query(
        con,
        """
        WITH t AS (
            SELECT f.* FROM facts_named f JOIN indicators i ON i.id = f.indicator_id JOIN categories c ON c.id = i.category
            WHERE f.scenario = 'target' AND c.part = $part),
        split AS (
            SELECT indicator_id, period, measure FROM t GROUP BY ALL
            HAVING count(DISTINCT source) > 1 AND count(DISTINCT value) > 1)
        SELECT t.indicator_id, t.name, t.name_en, t.unit, t.period, t.comparator, t.value, t.source,
               s.label_zh AS source_label, s.label_en AS source_label_en, t.quote
        FROM t JOIN split USING (indicator_id, period, measure) LEFT JOIN sources s ON s.id = t.source
        ORDER BY t.indicator_position, t.source DESC""",
        {"part": part},
    )
