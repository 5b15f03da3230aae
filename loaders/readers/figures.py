"""The one reader of the monthly and provincial files: every rule checked column by column, as set operations.

A file (or a staff upload's rows) becomes columns of stripped cells with the line of each row; each rule is a mask
over the rows, computed once per distinct value (indicator ids, periods, regions) or with Arrow (plain numbers);
a row that breaks a rule gets the message of that rule at its file:line, in the order a reader going row by row
would give them (the messages are the functions at the end of this module, shared with loaders/readers/facts.py).

Reading the bytes has two ways in: a plainly tabular CSV file (loaders/columnwise.plain_table) goes through Arrow
without a Python object per cell; anything else (quotes, title rows above the header, blank lines, workbooks) goes
through loaders/tables.read_rows. Both give the same columns, and the same checks follow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from loaders.io.numbers import MAX_NUMBER_CHARS, PLAIN_NUMBER, NotANumber, number_text, parse_number
from loaders.io.problems import Problem, Text, joined, problem, said
from loaders.io.schema import PROSE_FORBIDDEN_RE2, nearest, text_problem
from loaders.io.tables import Row, require_columns
from loaders.judging.periods import MONTH_PERIOD, PERIOD, PUBLISHED_MONTHS
from loaders.readers.catalogue import Catalogue, undeclared_measure
from loaders.readers.fact import FACT_COLUMNS, Fact
from loaders.readers.regions import REGIONS_FILE, Regions
from loaders.readers.sources import Source

MONTHLY_LABELS = {
    "indicator_id": "指标代码",
    "period": "期间",
    "value": "累计值",
    "yoy_pct": "累计增长(%)",
    "rank": "全省排名",
    "note": "备注",
}
PROVINCIAL_LABELS = {
    "region": "地区",
    "indicator_id": "指标代码",
    "period": "期间",
    "value": "数值",
    "yoy_pct": "增长(%)",
    "source": "来源",
}
MONTHLY_ALIASES = {label: column for column, label in MONTHLY_LABELS.items()} | {"累计增长": "yoy_pct", "排名": "rank"}
PROVINCIAL_ALIASES = {label: column for column, label in PROVINCIAL_LABELS.items()}
MONTHLY_MEASURES = (("value", "level"), ("yoy_pct", "yoy_pct"), ("rank", "rank"))
PROVINCIAL_MEASURES = (("value", "level"), ("yoy_pct", "yoy_pct"))


@dataclass
class Cells:
    """A table's stripped cells by column (canonical names) and the line of each row in its file."""

    path: str
    lines: np.ndarray
    columns: dict[str, pa.Array]
    # Cells of several files checked at once (Cells.joined): the files, and for each row the index of its file.
    files: list[str] | None = None
    file_of_row: np.ndarray | None = None

    @classmethod
    def joined(cls, parts: list[Cells]) -> Cells:
        """The cells of several files as one table, row after row in the files' order: checked once, every row
        keeps its file and line (a column one file lacks is empty cells there, as it is for that file alone)."""
        names = list(dict.fromkeys(c for part in parts for c in part.columns))
        return cls(
            parts[0].path,
            np.concatenate([part.lines for part in parts]),
            {c: pa.concat_arrays([part.cell(c) for part in parts]) for c in names},
            [part.path for part in parts],
            np.concatenate([np.full(len(part), n, dtype=np.int64) for n, part in enumerate(parts)]),
        )

    def path_of(self, i: int) -> str:
        return self.path if self.files is None else self.files[self.file_of_row[i]]

    @classmethod
    def of_rows(cls, path: str, header: list[str], rows: list[Row]) -> Cells:
        return cls(
            path,
            np.array([r.line for r in rows], dtype=np.int64),
            {c: pa.array([r.get(c) for r in rows], pa.string()) for c in dict.fromkeys(header)},
        )

    def __len__(self) -> int:
        return len(self.lines)

    def cell(self, column: str) -> pa.Array:
        """The column's cells; empty cells when the file has no such column (made in Arrow: a list of n Python
        strings cost 0.1 s at scale)."""
        return self.columns[column] if column in self.columns else pc.fill_null(pa.nulls(len(self), pa.string()), "")


class Found:
    """Problems of rows, put back in the order a row-by-row reader meets them: by row, then by rule."""

    def __init__(self, cells: Cells):
        self.cells, self._rows, self._order, self._texts = cells, [], [], []

    def add(self, mask: np.ndarray, order: int, message: Callable[[int], Text]) -> None:
        for i in np.flatnonzero(mask):
            self._rows.append(i)
            self._order.append(order)
            self._texts.append(message(int(i)))

    def problems(self) -> list[Problem]:
        order = np.lexsort((np.array(self._order, dtype=np.int64), np.array(self._rows, dtype=np.int64)))
        cells, rows = self.cells, self._rows
        return [problem(cells.path_of(rows[n]), int(cells.lines[rows[n]]), self._texts[n]) for n in order]


def _by_value(cell: pa.Array, rule: Callable[[str], object], dtype=bool) -> np.ndarray:
    """`rule` of each row's cell, computed once per distinct value."""
    encoded = cell.dictionary_encode()
    per_value = np.array([rule(v) for v in encoded.dictionary.to_pylist()], dtype=dtype)
    return per_value[encoded.indices.to_numpy(zero_copy_only=False)] if len(per_value) else np.zeros(0, dtype)


def _numbers(cell: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The figures of a column (NaN where there is none) and where a cell is not a number. Plain ASCII decimals are
    cast by Arrow (which rounds like float()); any other cell goes through parse_number."""
    empty = pc.equal(cell, "").to_numpy(zero_copy_only=False)
    # a plain decimal too long to be a figure (a million digits, which Arrow would cast to inf) is refused below
    short = pc.less_equal(pc.utf8_length(cell), MAX_NUMBER_CHARS)
    plain = pc.and_(pc.match_substring_regex(cell, PLAIN_NUMBER), short).to_numpy(zero_copy_only=False)
    values = pc.cast(pc.if_else(pa.array(plain), cell, pa.scalar(None, pa.string())), pa.float64())
    values = values.to_numpy(zero_copy_only=False).astype(float)
    bad = np.zeros(len(cell), bool)
    texts = cell.to_pylist() if (~plain & ~empty).any() else []
    for i in np.flatnonzero(~plain & ~empty):
        try:
            parsed = parse_number(texts[i])
        except NotANumber:
            bad[i] = True
            continue
        values[i] = np.nan if parsed is None else parsed
    return values, bad


def _not_a_number(cells: Cells, column: str, label: str) -> Callable[[int], Text]:
    texts = cells.cell(column)
    return lambda i: not_a_number(label, column, NotANumber(texts[i].as_py()))


def _indicators(found: Found, cells: Cells, catalogue: Catalogue) -> tuple[pa.Array, np.ndarray]:
    ids = cells.cell("indicator_id")
    known = _by_value(ids, lambda v: v in catalogue.indicators)
    found.add(~known, 0, lambda i: unknown_indicator(ids[i].as_py(), catalogue))
    return ids, known


def _periods(found: Found, cells: Cells, pattern) -> tuple[pa.Array, np.ndarray]:
    periods = cells.cell("period")
    ok = _by_value(periods, lambda v: pattern.match(v) is not None)
    found.add(~ok, 1, lambda i: bad_period(periods[i].as_py()))
    return periods, ok


def _unshowable(found: Found, cells: Cells, column: str, order: int) -> None:
    """A note holding a control or bidi-override character, which the pages and exports cannot show. (Its length is
    not bounded here: the project's own files may hold long notes written before limits existed; uploads are bounded
    by loaders/io/tables.Limits.)"""
    cell = cells.cell(column)
    bad = pc.fill_null(pc.match_substring_regex(cell, PROSE_FORBIDDEN_RE2), False).to_numpy(zero_copy_only=False)
    found.add(bad, order, lambda i: text_problem(column, cell[i].as_py()))


def monthly_table(
    cells: Cells, catalogue: Catalogue, ranked_among: int | None = None
) -> tuple[pa.Table, list[Problem]]:
    """The facts of a monthly table (cumulative figures since January, one row per indicator) and its problems.
    A rank runs from 1 to `ranked_among` (the regions listed in data/regions.yaml); any whole rank from 1 when None."""
    found = Found(cells)
    ids, known = _indicators(found, cells, catalogue)
    periods, period_ok = _periods(found, cells, MONTH_PERIOD)
    figures = []
    for n, (column, measure) in enumerate(MONTHLY_MEASURES):
        values, bad = _numbers(cells.cell(column))
        present = ~np.isnan(values)
        found.add(bad, 2 + n, _not_a_number(cells, column, MONTHLY_LABELS[column]))
        if measure == "rank":
            largest = ranked_among or np.inf
            out_of_range = present & ~((values % 1 == 0) & (values >= 1) & (values <= largest))
            found.add(out_of_range, 2 + n, lambda i, v=values: rank_out_of_range(v[i], ranked_among))
            present &= ~out_of_range
        figures.append((measure, values, present))
    blank = np.logical_and.reduce(
        [pc.equal(cells.cell(c), "").to_numpy(zero_copy_only=False) for c, _ in MONTHLY_MEASURES]
    )
    found.add(blank, 5, lambda _: NO_FIGURE)
    _unshowable(found, cells, "note", 8)
    judged = known & period_ok
    month = _by_value(periods, lambda p: int(p[5:7]) if MONTH_PERIOD.match(p) else 0, np.int64)
    frequency = _by_value(ids, lambda v: v in catalogue.indicators and catalogue.indicators[v].frequency, object)
    published = np.zeros(len(cells), bool)
    for name, months in PUBLISHED_MONTHS.items():
        published |= (frequency == name) & np.isin(month, months)
    found.add(judged & ~published, 6, lambda i: not_published(catalogue.indicators[ids[i].as_py()]))
    kept = []
    for n, (measure, values, present) in enumerate(figures):
        declares = _by_value(ids, lambda v, m=measure: m in getattr(catalogue.indicators.get(v), "measures", ()))
        candidate = judged & published & present
        found.add(
            candidate & ~declares,
            7 + n,
            lambda i, m=measure: undeclared_measure(catalogue.indicators[ids[i].as_py()], m),
        )
        kept.append((measure, values, candidate & declares))
    base = {
        "indicator_id": ids,
        "region": catalogue.region,
        "period": periods,
        "note": _or_null(_as_typed(cells.cell("note"))),
        "updated_by": _or_null(cells.cell("updated_by")),
        "updated_at": _or_null(cells.cell("updated_at")),
    }
    return facts_table(cells, base, kept), found.problems()


def provincial_table(
    cells: Cells, catalogue: Catalogue, regions: Regions, sources: dict[str, Source]
) -> tuple[pa.Table, list[Problem]]:
    """The facts of a provincial table (every prefecture's figures) and its problems."""
    found = Found(cells)
    ids, known = _indicators(found, cells, catalogue)
    periods, period_ok = _periods(found, cells, PERIOD)
    names = cells.cell("region")
    canonical = pa.array(_by_value(names, regions.canonical, object).tolist(), pa.string())
    region_ok = pc.is_valid(canonical).to_numpy(zero_copy_only=False)
    found.add(~region_ok, 2, lambda i: unknown_region(names[i].as_py(), regions))
    source = cells.cell("source")
    unknown = _by_value(source, lambda v: v != "" and v not in sources)
    found.add(unknown, 3, lambda i: unknown_source(source[i].as_py()))
    kept = []
    for n, (column, measure) in enumerate(PROVINCIAL_MEASURES):
        values, bad = _numbers(cells.cell(column))
        found.add(bad, 4 + n, _not_a_number(cells, column, PROVINCIAL_LABELS[column]))
        kept.append((measure, values, ~np.isnan(values) & known & period_ok & region_ok))
    base = {
        "indicator_id": ids,
        "region": canonical,
        "period": periods,
        "source": _or_null(source),
        "updated_by": _or_null(cells.cell("updated_by")),
        "updated_at": _or_null(cells.cell("updated_at")),
    }
    return facts_table(cells, base, kept), found.problems()


def monthly_rows(
    path: str, header: list[str], rows: list[Row], catalogue: Catalogue, ranked_among: int | None = None
) -> tuple[pa.Table, list[Problem]]:
    problems = require_columns(path, header, ("indicator_id", "period"), MONTHLY_LABELS)
    if problems:
        return empty_table(), problems
    return monthly_table(Cells.of_rows(path, header, rows), catalogue, ranked_among)


def provincial_rows(
    path: str, header: list[str], rows: list[Row], catalogue: Catalogue, regions: Regions, sources: dict[str, Source]
) -> tuple[pa.Table, list[Problem]]:
    problems = require_columns(path, header, ("region", "indicator_id", "period", "value"), PROVINCIAL_LABELS)
    if problems:
        return empty_table(), problems
    return provincial_table(Cells.of_rows(path, header, rows), catalogue, regions, sources)


# --- the facts as a table ------------------------------------------------------------------------------------------


def fact_schema() -> pa.Schema:
    """The Arrow schema of a facts table: the columns of `Fact`, in its order."""
    return pa.schema(
        [
            (c, pa.float64() if c in ("value", "tolerance") else pa.int64() if c == "line" else pa.string())
            for c in FACT_COLUMNS
        ]
    )


def iter_facts(table: pa.Table) -> Iterator:
    """The rows of a facts table as `Fact` objects (staff previews and code that walks facts one by one)."""
    columns = [table[c].to_pylist() for c in FACT_COLUMNS]
    for values in zip(*columns):
        yield Fact(*values)


def facts_of(table: pa.Table) -> list:
    return list(iter_facts(table))


def empty_table() -> pa.Table:
    return fact_schema().empty_table()


def _as_typed(cell: pa.Array) -> pa.Array:
    """A note as staff typed it: the apostrophe the data files put before a formula-like note (=…, +…, so that Excel
    shows it as text; loaders/io/tables.neutralise) is not part of it."""
    return pc.replace_substring_regex(cell, pattern=r"^'([=+\-@\t\r])", replacement=r"\1")


def _or_null(cell: pa.Array) -> pa.Array:
    return pc.if_else(pc.equal(cell, ""), pa.scalar(None, pa.string()), cell)


def facts_table(cells: Cells, base: dict, figures: list[tuple[str, np.ndarray, np.ndarray]]) -> pa.Table:
    """One row per kept figure, row by row and, within a row, in the order of `figures`. Each column is taken once
    from the cells in that order (a table per figure, concatenated and sorted, cost twice as much at scale)."""
    schema = fact_schema()
    rows = np.concatenate([np.flatnonzero(keep) for _, _, keep in figures])
    which = np.concatenate([np.full(int(keep.sum()), n) for n, (_, _, keep) in enumerate(figures)])
    order = np.lexsort((which, rows))
    rows, which = rows[order], which[order]
    values = np.concatenate([values[keep] for _, values, keep in figures])[order]
    n, at = len(rows), pa.array(rows)
    columns = {}
    for column, value in base.items():
        columns[column] = value.take(at) if isinstance(value, pa.Array) else _repeated(value, n)
    columns |= {
        "measure": pa.array([measure for measure, _, _ in figures], pa.string()).take(pa.array(which)),
        "scenario": _repeated("actual", n),
        "value": pa.array(values, pa.float64()),
        "file": _repeated(cells.path, n)
        if cells.files is None
        else pa.array(cells.files, pa.string()).take(pa.array(cells.file_of_row[rows])),
        "line": pa.array(cells.lines[rows], pa.int64()),
    }
    fields = [schema.field(c) for c in schema.names]
    return pa.table(
        [columns[f.name].cast(f.type) if f.name in columns else pa.nulls(n, f.type) for f in fields], schema=schema
    )


def _repeated(text: str, n: int) -> pa.Array:
    return pa.array([text], pa.string()).take(pa.array(np.zeros(n, dtype=np.int64)))


# --- the messages (loaders/readers/facts.RowChecker gives the same for the report's results) --------------------------

NO_FIGURE = said("row_has_no_figure")


def unknown_indicator(iid: str, catalogue: Catalogue) -> Text:
    hint = nearest(iid, catalogue.indicators)
    return said(
        "indicator_unknown",
        id=iid,
        hint=said("hint_did_you_mean", suggestion=hint) if hint else said("hint_see_catalogue"),
    )


def bad_period(text: str) -> Text:
    return said("period_malformed", text=text)


def not_a_number(label: str, column: str, exc: NotANumber) -> Text:
    return said("column_not_a_number", column=Text(label, column), reason=exc.reason)


def rank_out_of_range(value: float, ranked_among: int | None) -> Text:
    """A rank outside 1..the number of regions listed, with where that number comes from."""
    if not ranked_among:
        return said("rank_not_positive", rank=number_text(value))
    return said("rank_out_of_range", rank=number_text(value), n=ranked_among, file=REGIONS_FILE)


def not_published(indicator) -> Text:
    months = joined(said("month_number", month=m) for m in PUBLISHED_MONTHS[indicator.frequency])
    cadence = said("cadence_quarterly" if indicator.frequency == "quarterly" else "cadence_annual")
    return said("indicator_not_published", id=indicator.id, cadence=cadence, months=months)


def unknown_region(name: str, regions: Regions) -> Text:
    hint = regions.suggest(name)
    return said(
        "region_unknown", name=name, hint=said("hint_meant", suggestion=hint) if hint else said("hint_see_regions")
    )


def unknown_source(source: str) -> Text:
    return said("source_unknown", source=source)
