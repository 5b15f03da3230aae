"""The repository's monthly and provincial files read column by column, and the project's facts kept as tables.

Checking 612,000 rows cell by cell in Python took about 15 s and 684,000 `Fact` objects (see BENCHMARKS.md). Here a
file that is plainly tabular (UTF-8 or GBK, no quotes, the header on line 1, no blank rows, one cell per column) is
read with Arrow; any other file is read row by row (loaders/io/tables.py). Either way its cells go through the one set
of checks of loaders/readers/figures.py, so every problem has one message and its file:line.

A table holds one row per fact with the columns of `Fact`, in the order a row-by-row reader makes them."""

from __future__ import annotations

import codecs
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from loaders.io.problems import Problem
from loaders.io.tables import XLSX_MAGIC, decode, header_name, read_csv_rows, require_columns
from loaders.readers.catalogue import Catalogue
from loaders.readers.fact import FACT_COLUMNS, Fact
from loaders.readers.figures import (
    MONTHLY_ALIASES,
    MONTHLY_LABELS,
    PROVINCIAL_ALIASES,
    PROVINCIAL_LABELS,
    Cells,
    empty_table,
    fact_schema,
    iter_facts,
    monthly_table,
    provincial_table,
)
from loaders.readers.regions import Regions
from loaders.readers.sources import Source

# Arrow's (RE2) patterns come from loaders/judging/periods.py and loaders/io/numbers.py: RE2's \d is an ASCII digit only, so
# each accepts a subset of what the row reader accepts; a cell outside it sends its file to the row reader, which
# decides.
OTHER_SPACE = re.compile(r"[^\S\n]")  # whitespace that str.strip would remove from a cell
KEY = ["indicator_id", "region", "period", "measure", "scenario", "source"]  # Fact.key()


# --- every fact of a project ---------------------------------------------------------------------------------------

FACT_SCHEMA = fact_schema()


class Facts:
    """The project's facts in reading order: lists of `Fact` objects and Arrow tables of facts read column-wise.

    Iterating yields `Fact` objects (a table's are made on demand, so code that walks every fact still works); the
    store takes `table()`, which never makes them."""

    def __init__(self, facts: Iterable[Fact] = ()):
        self._chunks: list[list[Fact] | pa.Table] = [list(facts)]
        self._sorted: tuple | None = None  # see _by_figure

    def __iadd__(self, more):
        self._sorted = None
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
            self._chunks, self._sorted = [[]], None
        yield pa.Table.from_pydict({c: [getattr(f, c) for f in objects] for c in columns}, schema=schema)
        del objects
        while chunks:
            yield chunks.pop(0).select(columns)

    def may_repeat(self) -> bool:
        """Whether two facts share a key: only then need check_duplicates walk every fact."""
        figures, sources, _ = self._by_figure()
        return bool(((figures[1:] == figures[:-1]) & (sources[1:] == sources[:-1])).any())

    def may_disagree(self) -> bool:
        """Whether two facts of the same figure have different values: only then need check_sources_agree walk
        every fact (the same figure from two sources, equal, is common: the yearbook repeats the monthly level)."""
        figures, _, order = self._by_figure()
        values = self.table(["value"])["value"].to_numpy()[order]
        same_figure = figures[1:] == figures[:-1]
        differ = (values[1:] != values[:-1]) & ~(np.isnan(values[1:]) & np.isnan(values[:-1]))
        return bool((same_figure & differ).any())

    def _by_figure(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The facts sorted by figure (their key but the source), then by source: for each, an integer equal exactly
        when two facts are of the same figure, one equal exactly when they have the same source, and the order.
        Sorted once for may_repeat and may_disagree, until more facts are added."""
        if self._sorted is None:
            figures = _codes(self.table(KEY[:5]))
            sources = self.table(["source"])["source"].combine_chunks().dictionary_encode().indices
            sources = pc.fill_null(sources, -1).to_numpy(zero_copy_only=False)
            order = np.lexsort((sources, figures))
            self._sorted = figures[order], sources[order], order
        return self._sorted


def _codes(table: pa.Table) -> np.ndarray:
    """One integer per row, equal exactly when the rows are equal in every column (None equal to None)."""
    key, size = np.zeros(table.num_rows, dtype=np.int64), 1
    for column in table.columns:
        encoded = column.combine_chunks().dictionary_encode()
        codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int64) + 1
        width = len(encoded.dictionary) + 1
        if size * width >= 2**62:  # renumber the keys so far densely, so that the product still fits
            key = np.unique(key, return_inverse=True)[1].astype(np.int64)
            size = int(key.max()) + 1
        key, size = key * width + codes, size * width
    return key


def _as_facts(table: pa.Table) -> Iterator[Fact]:
    return iter_facts(table)


# --- reading a plain CSV file column-wise --------------------------------------------------------------------------


def plain_table(path: Path, aliases: dict[str, str], required: str) -> dict[str, pa.Array] | None:
    """The cells of a CSV file, stripped, columns named as the row reader names them, when csv.reader would read
    it line by line with the header on line 1 and no row to skip; else None."""
    data = Path(path).read_bytes()
    if data.startswith(XLSX_MAGIC):
        return None
    found = _utf8_plain_table(data, aliases, required)
    return _decoded_plain_table(data, aliases, required) if found is _UNDECIDED else found


_UNDECIDED = object()
# Whitespace other than a line feed as Python's str.strip and re's \s know it, in RE2's syntax (Arrow's \s is ASCII
# only); tests/test_columnwise.py checks it against Python's own for every character.
OTHER_SPACE_RE2 = (
    r"[\t\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)

# The bytes that can begin such whitespace in UTF-8 (its ASCII characters but the carriage return, which a cell never
# holds here, and the lead bytes of the others); every other byte.
_NOT_IN_OTHER_SPACE = bytes(b for b in range(256) if b not in b"\t\x0b\x0c\x1c\x1d\x1e\x1f \xc2\xe1\xe2\xe3")


def _utf8_plain_table(data: bytes, aliases: dict[str, str], required: str) -> dict[str, pa.Array] | None | object:
    """plain_table of UTF-8 bytes read as they are, with no decoded copy of the text and no line ends rewritten (a
    quarter of the time at scale); _UNDECIDED when the bytes may not be UTF-8, and the decoded text decides. A quote,
    a NUL or a carriage return are the same byte in UTF-8 and GB18030, never part of another character."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data or b'"' in data:
        return None
    if data.count(b"\r") != data.count(b"\r\n"):
        return None  # a carriage return alone
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    newline = data.find(b"\n", start)
    header_end = len(data) if newline < 0 else newline
    try:
        first = data[start:header_end].removesuffix(b"\r").decode("utf-8")
    except UnicodeDecodeError:
        return _UNDECIDED
    header = _header(first, aliases, required)
    if header is None:
        return _UNDECIDED  # the whole file may be GB18030, whose header reads otherwise
    body = header_end + 1
    if body >= len(data):
        return {c: pa.array([], pa.string()) for c in header}
    try:  # Arrow checks that every cell is UTF-8
        read = _read_body(pa.BufferReader(pa.py_buffer(data)[body:]), len(header))
    except pa.ArrowInvalid:
        return _UNDECIDED
    end = len(data)
    while end > body and data[end - 1] in b"\r\n":
        end -= 1
    if read.num_rows != data.count(b"\n", body, end) + 1:
        return None
    columns = {name: read.column(n).combine_chunks() for n, name in enumerate(header)}
    other_space = OTHER_SPACE.search(first) is not None or (
        len(data.translate(None, _NOT_IN_OTHER_SPACE)) > 0  # first a byte of one, if any (under 1 ms a file)
        and any(pc.any(pc.match_substring_regex(column, OTHER_SPACE_RE2)).as_py() for column in columns.values())
    )
    return _stripped_unless_blank_rows(columns, other_space)


def _decoded_plain_table(data: bytes, aliases: dict[str, str], required: str) -> dict[str, pa.Array] | None:
    text, _ = decode(data)
    if text is None or '"' in text:
        return None
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        return None
    first, _, body = text.partition("\n")
    header = _header(first, aliases, required)
    if header is None:
        return None
    if not body:
        return {c: pa.array([], pa.string()) for c in header}
    try:
        read = _read_body(io.BytesIO(body.encode("utf-8")), len(header))
    except pa.ArrowInvalid:
        return None
    if read.num_rows != body.rstrip("\n").count("\n") + 1:
        return None
    columns = {name: read.column(n).combine_chunks() for n, name in enumerate(header)}
    return _stripped_unless_blank_rows(columns, OTHER_SPACE.search(text) is not None)


def _header(first: str, aliases: dict[str, str], required: str) -> list[str] | None:
    normalised = {unicodedata.normalize("NFKC", k): v for k, v in aliases.items()}
    header = [header_name(c, normalised) for c in first.split(",")]
    return header if required in header and len(set(header)) == len(header) else None


def _read_body(source, width: int) -> pa.Table:
    """Every line as a row of `width` text cells; a row with another number of cells, or an empty line, is an error
    here (ArrowInvalid: the row reader copes)."""
    return pacsv.read_csv(
        source,
        read_options=pacsv.ReadOptions(column_names=[str(n) for n in range(width)]),
        parse_options=pacsv.ParseOptions(quote_char=False, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types={str(n): pa.string() for n in range(width)},
            strings_can_be_null=False,
            null_values=[],
        ),
    )


def _stripped_unless_blank_rows(columns: dict[str, pa.Array], other_space: bool) -> dict[str, pa.Array] | None:
    if other_space:  # rare: strip as Python does (its notion of whitespace, not Arrow's)
        columns = {
            name: pa.array([v.strip() for v in column.to_pylist()], pa.string()) for name, column in columns.items()
        }
    empty = [pc.equal(column, "") for column in columns.values()]
    if pc.any(functools.reduce(pc.and_, empty)).as_py():
        return None  # a row of empty cells, which the row reader skips
    return columns


def read_monthly_columns(
    path: Path, catalogue: Catalogue, ranked_among: int | None = None
) -> tuple[pa.Table, list[Problem]]:
    """A monthly file's facts as a table, and its problems (loaders/readers/figures.py checks it). A rank runs from 1
    to `ranked_among` (the regions listed), any whole rank from 1 when None."""
    cells = _cells(path, MONTHLY_ALIASES, "indicator_id")
    if isinstance(cells, list):
        return empty_table(), cells
    problems = require_columns(str(path), list(cells.columns), ("indicator_id", "period"), MONTHLY_LABELS)
    return (empty_table(), problems) if problems else monthly_table(cells, catalogue, ranked_among)


def read_monthly_files(
    paths: list[Path], catalogue: Catalogue, ranked_among: int | None = None
) -> tuple[list[pa.Table], list[Problem]]:
    """read_monthly_columns of each file, the tables and problems in the files' order, with the cells of files that
    can be read checked together (120 small monthly files at scale: one set of masks instead of 120)."""
    tables, problems, waiting = [], [], []

    def check_waiting():
        if waiting:
            table, found = monthly_table(Cells.joined(waiting), catalogue, ranked_among)
            tables.append(table)
            problems.extend(found)
            waiting.clear()

    for path in paths:
        cells = _cells(path, MONTHLY_ALIASES, "indicator_id")
        if not isinstance(cells, list):
            cells = require_columns(str(path), list(cells.columns), ("indicator_id", "period"), MONTHLY_LABELS) or cells
        if isinstance(cells, list):  # the file's reading problems, in their place among the others'
            check_waiting()
            problems.extend(cells)
        else:
            waiting.append(cells)
    check_waiting()
    return tables, problems


def read_provincial_columns(
    path: Path, catalogue: Catalogue, regions: Regions, sources: dict[str, Source]
) -> tuple[pa.Table, list[Problem]]:
    """A provincial file's facts as a table, and its problems (loaders/readers/figures.py checks it)."""
    cells = _cells(path, PROVINCIAL_ALIASES, "region")
    if isinstance(cells, list):
        return empty_table(), cells
    problems = require_columns(
        str(path), list(cells.columns), ("region", "indicator_id", "period", "value"), PROVINCIAL_LABELS
    )
    return (empty_table(), problems) if problems else provincial_table(cells, catalogue, regions, sources)


def _cells(path: Path, aliases: dict[str, str], required: str) -> Cells | list[Problem]:
    """The file's cells by column with their lines: through Arrow when the file is plainly tabular, else row by row
    (title rows, quotes, blank lines, workbooks); the reading problems when it cannot be read."""
    columns = plain_table(path, aliases, required)
    if columns is not None:
        rows = len(next(iter(columns.values()))) if columns else 0
        return Cells(str(path), np.arange(2, rows + 2, dtype=np.int64), columns)
    header, rows, problems = read_csv_rows(path, aliases, (required,))
    return problems if problems else Cells.of_rows(str(path), header, rows)
