"""DuckDB, built from the text files: the only module that writes SQL. Every query takes parameters, never pasted text."""
from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import duckdb
import pandas as pd

from .facts import FACT_COLUMNS, fact_rows
from .project import Project
from .units import convert
from .vocabulary import MEASURE_UNITS

TEXT, NUMBER, INTEGER = "str", "float64", "Int64"
FACT_TYPES = {c: TEXT for c in FACT_COLUMNS} | {"value": NUMBER, "tolerance": NUMBER, "line": INTEGER,
                                                 "indicator_value": NUMBER}


def _frame(rows: list[dict], types: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(types))
    return frame.astype(types)


def tables(project: Project) -> dict[str, pd.DataFrame]:
    """The store's tables as DataFrames, in the order they are created."""
    catalogue = project.catalogue
    indicators = [asdict(i) | {"measures": ",".join(i.measures), "position": n}
                  for n, i in enumerate(catalogue.indicators.values())]
    categories = [asdict(c) | {"position": n} for n, c in enumerate(catalogue.categories.values())]
    sources = [{k: v for k, v in vars(s).items() if k not in ("file", "squashed_text")} | {"date": str(s.date or "")}
               for s in project.sources.values()]
    regions = [{"name": n, "name_en": project.regions.names_en[n], "position": i}
               for i, n in enumerate(project.regions.names)]
    return {
        "indicators": _frame(indicators, {"id": TEXT, "name_zh": TEXT, "name_en": TEXT, "unit": TEXT, "category": TEXT,
                                          "direction": TEXT, "frequency": TEXT, "rank_basis": TEXT, "level_kind": TEXT,
                                          "measures": TEXT,
                                          "note": TEXT, "line": INTEGER, "position": INTEGER}),
        "categories": _frame(categories, {"id": TEXT, "part": TEXT, "name_zh": TEXT, "name_en": TEXT, "position": INTEGER}),
        "sources": _frame(sources, {"id": TEXT, "kind": TEXT, "title_zh": TEXT, "title_en": TEXT, "label_zh": TEXT,
                                    "label_en": TEXT, "issuer_zh": TEXT,
                                    "issuer_en": TEXT, "date": TEXT, "gazette": TEXT, "citation": TEXT,
                                    "starts_with": TEXT, "ends_with": TEXT}),
        "regions": _frame(regions, {"name": TEXT, "name_en": TEXT, "position": INTEGER}),
        "facts": _frame(_with_indicator_values(project), FACT_TYPES),
    }


def _with_indicator_values(project: Project) -> list[dict]:
    """Each fact as printed, plus its value in the indicator's own unit (7000户 -> 0.7 for an indicator in 万户)."""
    rows = fact_rows(project.facts)
    for row in rows:
        unit = project.catalogue.indicators[row["indicator_id"]].unit
        printed = row["unit"] if row["measure"] == "level" and row["unit"] else unit
        row["indicator_value"] = convert(row["value"], printed, unit)
    return rows


def _populate(con: duckdb.DuckDBPyConnection, project: Project) -> None:
    for name, frame in tables(project).items():
        con.register("incoming", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")  # name is one of our own table names
        con.unregister("incoming")
    units = " ".join(f"WHEN '{m}' THEN '{u}'" for m, u in MEASURE_UNITS.items())  # fixed vocabulary, not user text
    con.execute(f"""
        CREATE VIEW facts_named AS
        SELECT f.* EXCLUDE (unit), i.name_zh AS name, i.name_en, CASE f.measure {units} ELSE coalesce(f.unit, i.unit) END AS unit,
               i.position AS indicator_position
        FROM facts f JOIN indicators i ON i.id = f.indicator_id""")


def connect(project: Project) -> duckdb.DuckDBPyConnection:
    """An in-memory database built from the files (cheap): the app never holds a database file open."""
    con = duckdb.connect(":memory:")
    _populate(con, project)
    return con


def write_database(project: Project, path: Path) -> Path:
    """Write the database file atomically: build it under a temporary name, then rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(temporary))
        try:
            _populate(con, project)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}.wal").unlink(missing_ok=True)
    return path


def _query(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    cursor = con.cursor()  # one cursor per query: a connection is not safe across Streamlit's threads
    try:
        return cursor.execute(sql, params or []).df()
    finally:
        cursor.close()


FACT_ORDER = "indicator_position, scenario, period, region, measure"


def all_facts(con) -> pd.DataFrame:
    """Every fact with its indicator's name and the unit of its measure (the `facts` command)."""
    return _query(con, f"""
        SELECT indicator_id, name, name_en, unit, region, period, measure, scenario, comparator, value, tolerance,
               relative_to, source, section, quote, note, file, line
        FROM facts_named ORDER BY {FACT_ORDER}""")


def counts(con) -> pd.DataFrame:
    """How many facts of each kind were loaded, by file (what `build` prints)."""
    return _query(con, """
        SELECT file, scenario, count(*) AS facts, count(DISTINCT indicator_id) AS indicators,
               count(DISTINCT region) AS regions
        FROM facts GROUP BY ALL ORDER BY ALL""")


def targets_with_reference(con, year: int, region: str, section: str | None = None) -> pd.DataFrame:
    """Each target of `year` beside the previous year's results (level, growth, rank) of the same indicator."""
    return _query(con, """
        WITH previous AS (
            SELECT indicator_id,
                   max(value) FILTER (WHERE measure = 'level') AS prev_level,
                   max(comparator) FILTER (WHERE measure = 'level') AS prev_level_comparator,
                   max(value) FILTER (WHERE measure = 'yoy_pct') AS prev_yoy_pct,
                   max(value) FILTER (WHERE measure = 'rank') AS prev_rank,
                   max(quote) AS prev_quote
            FROM facts
            WHERE scenario = 'actual' AND period = ? AND region = ?
            GROUP BY indicator_id)
        SELECT t.indicator_id, t.name, t.name_en, i.unit AS level_unit, t.measure, t.unit, t.comparator,
               t.value AS target, t.tolerance, t.relative_to, r.name_zh AS relative_name, r.name_en AS relative_name_en,
               i.direction, t.section, t.quote, p.prev_level, p.prev_level_comparator, p.prev_yoy_pct,
               p.prev_rank, p.prev_quote
        FROM facts_named t
        JOIN indicators i ON i.id = t.indicator_id
        LEFT JOIN indicators r ON r.id = t.relative_to
        LEFT JOIN previous p ON p.indicator_id = t.indicator_id
        WHERE t.scenario = 'target' AND t.region = ? AND t.period = ? AND (? IS NULL OR t.section = ?)
        ORDER BY t.indicator_position, t.measure""", [str(year - 1), region, region, str(year), section, section])


def target_years(con) -> list[int]:
    frame = _query(con, "SELECT DISTINCT CAST(period AS INTEGER) AS year FROM facts WHERE scenario = 'target' ORDER BY year")
    return [int(y) for y in frame["year"]]
