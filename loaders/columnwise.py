"""The repository's monthly and provincial files read column by column, and the project's facts kept as tables.

Checking 612,000 rows cell by cell in Python took about 15 s and 684,000 `Fact` objects (see BENCHMARKS.md). Here a
file that is plainly tabular (UTF-8 or GBK, no quotes, the header on line 1, no blank rows, one cell per column) is
read with Arrow and checked with set operations. When any check fails, or the file is not that simple, the whole
file goes through the row-by-row reader (loaders/facts.py), so every problem keeps its message and its file:line
exactly. Staff imports (loaders/updates.py) always use the row-by-row reader: they need a preview per line anyway.

A table holds one row per fact with the columns of `Fact`, in the order the row-by-row reader makes them."""
from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .catalogue import Catalogue
from .facts import FACT_COLUMNS, MONTHLY_ALIASES, PROVINCIAL_ALIASES, Fact, read_monthly, read_provincial
from .problems import Problem
from .regions import Regions
from .sources import Source
from .tables import XLSX_MAGIC, decode, header_name

# Arrow's (RE2) patterns: \d is an ASCII digit only, so each accepts a subset of what loaders/facts.py and
# loaders/numbers.py accept; a cell outside it sends its file to the row reader, which decides.
PLAIN_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"                  # numbers.ASCII_DECIMAL
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"                     # facts.MONTH_PERIOD
PERIOD_PATTERN = r"^(\d{4})(-(0[1-9]|1[0-2]))?$"               # facts.PERIOD
OTHER_SPACE = re.compile(r"[^\S\n]")  # whitespace that str.strip would remove from a cell
MONTHLY_MEASURES = (("value", "level"), ("yoy_pct", "yoy_pct"), ("rank", "rank"))
PROVINCIAL_MEASURES = (("value", "level"), ("yoy_pct", "yoy_pct"))
PUBLISHED_MONTHS = {"monthly": set(range(1, 13)), "quarterly": {3, 6, 9, 12}, "annual": {12}}
KEY = ["indicator_id", "region", "period", "measure", "scenario", "source"]  # Fact.key()


# --- every fact of a project ---------------------------------------------------------------------------------------

FACT_SCHEMA = pa.schema([(c, pa.float64() if c in ("value", "tolerance") else pa.int64() if c == "line" else pa.string())
                         for c in FACT_COLUMNS])


class Facts:
    """The project's facts in reading order: lists of `Fact` objects and Arrow tables of facts read column-wise.

    Iterating yields `Fact` objects (a table's are made on demand, so code that walks every fact still works); the
    store takes `table()`, which never makes them."""

    def __init__(self, facts: Iterable[Fact] = ()):
        self._chunks: list[list[Fact] | pa.Table] = [list(facts)]

    def __iadd__(self, more):
        if isinstance(more, pa.Table):
            if more.num_rows:
                self._chunks.append(more)
        else:
            more = list(more)
            if not more:
                return self
            if not isinstance(self._chunks[-1], list):
                self._chunks.append([])
            self._chunks[-1].extend(more)
        return self

    def __len__(self) -> int:
        return sum(len(chunk) if isinstance(chunk, list) else chunk.num_rows for chunk in self._chunks)

    def __iter__(self) -> Iterator[Fact]:
        for chunk in self._chunks:
            yield from chunk if isinstance(chunk, list) else _as_facts(chunk)

    def objects(self) -> list[Fact]:
        """The facts held as objects: all that can carry a quote or a printed unit (a table's never do)."""
        return [f for chunk in self._chunks if isinstance(chunk, list) for f in chunk]

    def table(self, columns: list[str] = FACT_COLUMNS) -> pa.Table:
        """Every fact as a row with the given columns of `Fact` (nulls for None)."""
        objects = self.objects()
        schema = pa.schema([FACT_SCHEMA.field(c) for c in columns])
        parts = [pa.Table.from_pydict({c: [getattr(f, c) for f in objects] for c in columns}, schema=schema)]
        parts += [chunk.select(columns) for chunk in self._chunks if not isinstance(chunk, list)]
        return pa.concat_tables(parts)

    def tables(self, columns: list[str] = FACT_COLUMNS, release: bool = False) -> Iterator[pa.Table]:
        """`table()` in parts, in the same order: the facts held as objects (possibly no rows), then each table.
        With `release`, each part is dropped from here as it is handed out, and the Facts is left empty: the app's
        store takes the facts one file at a time, so that they and DuckDB's copy are never both whole in memory."""
        schema = pa.schema([FACT_SCHEMA.field(c) for c in columns])
        objects = self.objects()
        chunks = [chunk for chunk in self._chunks if not isinstance(chunk, list)]
        if release:
            self._chunks = [[]]
        yield pa.Table.from_pydict({c: [getattr(f, c) for f in objects] for c in columns}, schema=schema)
        del objects
        while chunks:
            yield chunks.pop(0).select(columns)

    def may_repeat(self) -> bool:
        """Whether two facts share a key: only then need check_duplicates walk every fact."""
        keys = _codes(self.table(KEY))
        return len(pd.unique(keys)) < len(keys)

    def may_disagree(self) -> bool:
        """Whether two facts of the same figure have different values: only then need check_sources_agree walk
        every fact (the same figure from two sources, equal, is common: the yearbook repeats the monthly level)."""
        table = self.table(KEY[:5] + ["value"])
        keys = _codes(table.select(KEY[:5]))
        values = table["value"].to_numpy()
        order = np.argsort(keys, kind="stable")
        keys, values = keys[order], values[order]
        same_key = keys[1:] == keys[:-1]
        differ = (values[1:] != values[:-1]) & ~(np.isnan(values[1:]) & np.isnan(values[:-1]))
        return bool((same_key & differ).any())


def _codes(table: pa.Table) -> np.ndarray:
    """One integer per row, equal exactly when the rows are equal in every column (None equal to None)."""
    key, size = np.zeros(table.num_rows, dtype=np.int64), 1
    for column in table.columns:
        encoded = column.combine_chunks().dictionary_encode()
        codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64) + 1
        width = len(encoded.dictionary) + 1
        if size * width >= 2 ** 62:  # renumber the keys so far densely, so that the product still fits
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            size = int(key.max()) + 1
        key, size = key * width + codes, size * width
    return key


def _as_facts(table: pa.Table) -> Iterator[Fact]:
    columns = [table[c].to_pylist() for c in FACT_COLUMNS]
    for values in zip(*columns):
        yield Fact(*values)


# --- reading a plain CSV file column-wise --------------------------------------------------------------------------

def plain_table(path: Path, aliases: dict[str, str], required: str) -> dict[str, pa.Array] | None:
    """The cells of a CSV file, stripped, columns named as the row reader names them, when csv.reader would read
    it line by line with the header on line 1 and no row to skip; else None."""
    data = Path(path).read_bytes()
    if data.startswith(XLSX_MAGIC):
        return None
    text, _ = decode(data)
    if text is None or '"' in text:
        return None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        return None
    first, _, body = text.partition("\n")
    normalised = {unicodedata.normalize("NFKC", k): v for k, v in aliases.items()}
    header = [header_name(c, normalised) for c in first.split(",")]
    if required not in header or len(set(header)) != len(header):
        return None
    if not body:
        return {c: pa.array([], pa.string()) for c in header}
    try:  # a row with another number of cells, or an empty line, is an error here (the row reader copes)
        read = pacsv.read_csv(io.BytesIO(body.encode("utf-8")),
                              read_options=pacsv.ReadOptions(column_names=[str(n) for n in range(len(header))]),
                              parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
                              convert_options=pacsv.ConvertOptions(column_types={str(n): pa.string() for n in range(len(header))},
                                                                   strings_can_be_null=False, null_values=[]))
    except pa.ArrowInvalid:
        return None
    if read.num_rows != body.rstrip("\n").count("\n") + 1:
        return None
    columns = {name: read.column(n).combine_chunks() for n, name in enumerate(header)}
    if OTHER_SPACE.search(text):  # rare: strip as Python does (its notion of whitespace, not Arrow's)
        columns = {name: pa.array([v.strip() for v in column.to_pylist()], pa.string()) for name, column in columns.items()}
    empty = [pc.equal(column, "") for column in columns.values()]
    if pc.any(functools.reduce(pc.and_, empty)).as_py():
        return None  # a row of empty cells, which the row reader skips
    return columns


def _cell(cells: dict[str, pa.Array], column: str) -> pa.Array:
    any_column = next(iter(cells.values()))
    return cells[column] if column in cells else pa.array([""] * len(any_column), pa.string())


def _all(mask) -> bool:
    return len(mask) == 0 or bool(pc.all(mask).as_py())


def _numbers(cell: pa.Array) -> np.ndarray | None:
    """Plain ASCII decimals (or empty) as floats, NaN for empty; None when any cell needs parse_number's other rules.
    Arrow's parser, like Python's float(), rounds correctly, so both give the same double."""
    empty = pc.equal(cell, "")
    if not _all(pc.or_(empty, pc.match_substring_regex(cell, PLAIN_NUMBER))):
        return None
    return pc.cast(pc.if_else(empty, pa.scalar(None, pa.string()), cell), pa.float64()).to_numpy(zero_copy_only=False)


def _or_null(cell: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(cell, ""), pa.scalar(None, pa.string()), cell)


def _in(cell: pa.Array, values) -> pa.Array:
    return pc.is_in(cell, value_set=pa.array(list(values), pa.string()))


def _facts_table(file: str, rows: int, base: dict, figures: list[tuple[str, np.ndarray]]) -> pa.Table:
    """One row per figure, row by row and, within a row, in the order of `figures` (as the row reader appends)."""
    lines = np.arange(2, rows + 2)  # the header is line 1 and no line is skipped (plain_table)
    parts = []
    for order, (measure, values) in enumerate(figures):
        present = ~np.isnan(values)
        n = int(present.sum())
        mask = pa.array(present)
        part = {c: pa.nulls(n, FACT_SCHEMA.field(c).type) for c in FACT_COLUMNS}
        for column, value in base.items():
            part[column] = value.filter(mask) if isinstance(value, pa.Array) else pa.array([value] * n, pa.string())
        part |= {"measure": pa.array([measure] * n, pa.string()), "scenario": pa.array(["actual"] * n, pa.string()),
                 "value": pa.array(values[present]), "file": pa.array([file] * n, pa.string()),
                 "line": pa.array(lines[present]), "_order": pa.array(np.full(n, order))}
        parts.append(pa.table(part))
    table = pa.concat_tables(parts)
    table = table.take(pc.sort_indices(table, sort_keys=[("line", "ascending"), ("_order", "ascending")]))
    return table.select(FACT_COLUMNS).cast(FACT_SCHEMA)


def _monthly_table(file: str, cells: dict[str, pa.Array], catalogue: Catalogue, ranked_among: int) -> pa.Table | None:
    if "period" not in cells:
        return None
    indicators = catalogue.indicators
    ids, periods = cells["indicator_id"], cells["period"]
    if not _all(_in(ids, indicators)) or not _all(pc.match_substring_regex(periods, MONTH_PATTERN)):
        return None
    figures = []
    for column, measure in MONTHLY_MEASURES:
        values = _numbers(_cell(cells, column))
        if values is None:
            return None
        given = ~np.isnan(values)
        ranks = values[given]
        if measure == "rank" and not ((ranks % 1 == 0) & (ranks >= 1) & (ranks <= ranked_among)).all():
            return None
        declared = _in(ids, [i for i, ind in indicators.items() if measure in ind.measures]).to_numpy(zero_copy_only=False)
        if not declared[given].all():
            return None
        figures.append((measure, values))
    if not np.logical_or.reduce([~np.isnan(v) for _, v in figures]).all():
        return None  # a row without any figure
    months = pc.cast(pc.utf8_slice_codeunits(periods, 5, 7), pa.int64())
    for frequency, allowed in PUBLISHED_MONTHS.items():
        of_frequency = _in(ids, [i for i, ind in indicators.items() if ind.frequency == frequency])
        if not _all(pc.or_(pc.invert(of_frequency), _in(pc.cast(months, pa.string()), map(str, allowed)))):
            return None
    base = {"indicator_id": ids, "region": catalogue.region, "period": periods, "note": _or_null(_cell(cells, "note")),
            "updated_by": _or_null(_cell(cells, "updated_by")), "updated_at": _or_null(_cell(cells, "updated_at"))}
    return _facts_table(file, len(ids), base, figures)


def _provincial_table(file: str, cells: dict[str, pa.Array], catalogue: Catalogue, regions: Regions,
                      sources: dict[str, Source]) -> pa.Table | None:
    if not {"indicator_id", "period", "value"} <= set(cells):
        return None
    ids, periods = cells["indicator_id"], cells["period"]
    if not _all(_in(ids, catalogue.indicators)) or not _all(pc.match_substring_regex(periods, PERIOD_PATTERN)):
        return None
    names = pc.unique(cells["region"]).to_pylist()
    canonical = [regions.canonical(name) for name in names]
    if None in canonical:
        return None
    region = pc.take(pa.array(canonical, pa.string()), pc.index_in(cells["region"], value_set=pa.array(names, pa.string())))
    source = _cell(cells, "source")
    if not _all(pc.or_(pc.equal(source, ""), _in(source, sources))):
        return None
    figures = []
    for column, measure in PROVINCIAL_MEASURES:
        values = _numbers(_cell(cells, column))
        if values is None:
            return None
        figures.append((measure, values))
    base = {"indicator_id": ids, "region": region, "period": periods, "source": _or_null(source),
            "updated_by": _or_null(_cell(cells, "updated_by")), "updated_at": _or_null(_cell(cells, "updated_at"))}
    return _facts_table(file, len(ids), base, figures)


def read_monthly_columns(path: Path, catalogue: Catalogue,
                         ranked_among: int | None = None) -> tuple[pa.Table | list[Fact], list[Problem]]:
    """A monthly file's facts as a table; the row-by-row reader's facts and problems when it is not plainly clean.
    A rank runs from 1 to `ranked_among` (the regions listed), unchecked when None."""
    cells = plain_table(path, MONTHLY_ALIASES, "indicator_id")
    table = None if cells is None else _monthly_table(str(path), cells, catalogue, ranked_among or float("inf"))
    return (table, []) if table is not None else read_monthly(path, catalogue, ranked_among)


def read_provincial_columns(path: Path, catalogue: Catalogue, regions: Regions,
                            sources: dict[str, Source]) -> tuple[pa.Table | list[Fact], list[Problem]]:
    """A provincial file's facts as a table; the row-by-row reader's facts and problems when it is not plainly clean."""
    cells = plain_table(path, PROVINCIAL_ALIASES, "region")
    table = None if cells is None else _provincial_table(str(path), cells, catalogue, regions, sources)
    return (table, []) if table is not None else read_provincial(path, catalogue, regions, sources)
