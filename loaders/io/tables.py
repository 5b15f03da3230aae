"""Read the tables staff and the repository keep: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, each row
with the line it came from, the header by English id or Chinese label."""

from __future__ import annotations

import csv
import io
import logging
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from loaders.io.problems import Problem, joined, problem, said

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK, which is what Excel writes on Chinese Windows
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and .et, and password-protected workbooks)
ODS_MIMETYPE = b"application/vnd.oasis.opendocument"
FOREIGN_SUFFIXES = (".xls", ".ods", ".et", ".ett", ".numbers", ".xlsb")
log = logging.getLogger(__name__)

# The project's own files may hold a field of any size (a long quote, a note written before limits existed): the csv
# module's default limit (128 KB) would make `validate` crash on them. Staff uploads have their own limits below.
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Limits:
    """What a staff upload may hold, checked before and while it is read, so a small file that expands to gigabytes
    (a workbook of a million empty rows, a 300 MB cell) is refused in seconds instead of exhausting the server."""

    rows: int = 5_000  # lines of the sheet or CSV, header and title rows included
    columns: int = 60
    cell_chars: int = 2_000  # the longest cell (a note of a page of text is about 1,000 characters)
    expanded_bytes: int = 30 * 1024 * 1024  # a workbook's parts, uncompressed, all together
    parts: int = 500  # files inside a workbook
    shown_problems: int = 50  # then "…及其他 N 处"
    # What openpyxl builds from a workbook, bounded too: 30 MB of XML is 7.6 million empty cells in one row (4 GB
    # once read), millions of styles or shared strings (read in full when the workbook opens), or two million nested
    # elements. Counted while the XML streams past, before openpyxl sees it.
    cells_per_row: int = 16_384  # cell elements, empty ones included: Excel's own widest row
    cells: int = 1_000_000  # in one sheet, empty ones included (a full sheet of 5,000 rows × 60 columns is 300,000)
    shared_strings: int = 300_000  # at most one per cell
    style_elements: int = 50_000  # a real style sheet has a few thousand
    depth: int = 64  # spreadsheet XML nests about 10 deep, drawings about 30
    elements: int = 2_000_000  # in any one part


UPLOAD_LIMITS = Limits()

# Spreadsheet programs run a cell that starts with one of these as a formula (=HYPERLINK("http://…?"&A1) sends the
# sheet's cells away). Every file the project writes for people to open goes through `neutralise`.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SIGNED_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)%?")  # "-3.1" is read as the number it is, never run


def neutralise(value):
    """Text that a spreadsheet would run as a formula, made plain text with a leading apostrophe (as Excel itself
    marks text); numbers, signed numbers written as text (-3.1) and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutralise(value):
    """What `neutralise` wrote, read back from a staff upload: the apostrophe before a formula-like text is dropped,
    so a template filled with the current notes uploads without changing them."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        value = self.cells.get(column)
        return "" if value is None else str(value).strip()


def decode(data: bytes) -> tuple[str | None, str | None]:
    """The text and the encoding it was read with, or (None, None) when no supported encoding fits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None, None  # UTF-16 or binary: GB18030 would 'decode' it into nonsense
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, None


def header_name(cell, aliases: dict[str, str]) -> str:
    # NFKC: 累计增长（%） typed with full-width brackets is the same column as 累计增长(%)
    name = unicodedata.normalize("NFKC", str(cell or "")).strip()
    return aliases.get(name, name)


def _with_header(
    name: str, lines: list[tuple[int, list]], aliases: dict[str, str], required: tuple[str, ...]
) -> tuple[list[str], list[Row], list[Problem]]:
    """Find the header (the first row naming a required column, so title rows above it are skipped) and the rows."""
    normalised = {unicodedata.normalize("NFKC", k): v for k, v in aliases.items()}
    header, rows = None, []
    for line, cells in lines:
        if not any(str(c).strip() for c in cells if c is not None):
            continue
        if header is None:
            names = [header_name(c, normalised) for c in cells]
            if not required or any(r in names for r in required):
                header = names
            continue
        rows.append(Row(line, dict(zip(header, ["" if c is None else c for c in cells]))))
    if header is None:
        return [], [], [problem(name, None, said("table_no_header"))]
    return header, rows, []


def read_rows(
    name: str,
    data: bytes,
    aliases: dict[str, str] | None = None,
    required: tuple[str, ...] = (),
    limits: Limits | None = None,
) -> tuple[list[str], list[Row], list[Problem]]:
    """Header (canonical names) and the non-empty rows of a CSV or XLSX file given as bytes. With `limits` (staff
    uploads), a file beyond them is refused with the reason, having read no more than the limits allow."""
    foreign = _foreign_format(name, data)
    if foreign:
        return [], [], [foreign]
    if data.startswith(XLSX_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(name, data, aliases or {}, required, limits)
    text, _ = decode(data)
    if text is None:
        return [], [], [problem(name, None, said("table_unknown_encoding"))]
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = []
    try:
        for cells in reader:
            lines.append((reader.line_num, [unneutralise(c) for c in cells] if limits else cells))
            if limits and (too_big := _beyond_limits(name, reader.line_num, cells, None, limits)):
                return [], [], too_big
    except csv.Error as exc:
        return [], [], [problem(name, reader.line_num, said("csv_malformed", reason=exc))]
    return _with_header(name, lines, aliases or {}, required)


def _beyond_limits(name: str, line: int, cells, letters, limits: Limits) -> list[Problem]:
    """Why this row takes the file beyond the limits (naming the cell), or nothing."""
    if line > limits.rows:
        return [problem(name, line, said("table_too_many_rows", limit=limits.rows))]
    if len(cells) > limits.columns and any(c not in (None, "") for c in cells[limits.columns :]):
        return [problem(name, line, said("table_too_many_columns", limit=limits.columns))]
    for n, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > limits.cell_chars:
            where = (
                said("where_cell", cell=f"{letters(n + 1)}{line}") if letters else said("where_column_number", n=n + 1)
            )
            return [problem(name, line, said("cell_too_long", where=where, length=len(cell), limit=limits.cell_chars))]
    return []


def _foreign_format(name: str, data: bytes) -> Problem | None:
    """Old Excel (.xls), WPS (.et) and OpenDocument (.ods) files: refused with what to do instead."""
    suffix = Path(name).suffix.lower()
    is_ods = data.startswith(XLSX_MAGIC) and ODS_MIMETYPE in data[:200]  # the mimetype is the first, stored member
    if not (data.startswith(OLE_MAGIC) or is_ods or suffix in FOREIGN_SUFFIXES):
        return None
    shown = suffix or (".ods" if is_ods else ".xls")
    return problem(name, None, said("table_foreign_format", format=shown))


def _damaged(name: str, exc: BaseException) -> list[Problem]:
    log.info("unreadable workbook %s", name, exc_info=exc)
    return [problem(name, None, said("workbook_damaged", error=type(exc).__name__))]


def _zip_beyond_limits(name: str, data: bytes, limits: Limits) -> list[Problem]:
    """A workbook's declared part sizes (zipfile never inflates a part beyond its declared size: the CRC check would
    fail first), checked before any XML is parsed; then every XML part is streamed through a counting parser (no
    entity declarations: an XML bomb; bounded nesting, cells, shared strings and styles)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
        expanded = sum(p.file_size for p in parts)
        if len(parts) > limits.parts or expanded > limits.expanded_bytes:
            mb, cap = expanded / 1024 / 1024, limits.expanded_bytes // 1024 // 1024
            return [problem(name, None, said("workbook_too_big", mb=mb, parts=len(parts), limit=cap))]
        for part in parts:
            if part.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(part) as handle:
                    found = _part_beyond_limits(name, part.filename, handle, limits)
                if found:
                    return found
    return []


class _Beyond(Exception):
    """Raised from inside the parser's callbacks to stop reading a part at the first count beyond its limit."""

    def __init__(self, problems: list[Problem]):
        super().__init__()
        self.problems = problems


def _part_beyond_limits(name: str, part: str, handle, limits: Limits) -> list[Problem]:
    """What one XML part would make openpyxl build, counted by expat (constant memory, no tree): why it is beyond
    the limits, or nothing."""
    from xml.parsers import expat

    sheet = part.startswith("xl/worksheets/")
    counted = {"c": 0, "row": 0, "in_row": 0, "si": 0, "depth": 0, "elements": 0}
    cap = {
        "si": limits.shared_strings if part.endswith("sharedStrings.xml") else None,
        "style": limits.style_elements if part.endswith("styles.xml") else None,
    }

    def start(tag, attrs):
        tag = tag.rpartition(":")[2]
        counted["depth"] += 1
        counted["elements"] += 1
        if counted["depth"] > limits.depth or counted["elements"] > limits.elements and not cap["style"]:
            raise _Beyond(_damaged(name, ValueError(f"{part}: XML nested or repeated beyond the limits")))
        if cap["style"] and counted["elements"] > cap["style"]:
            raise _Beyond([problem(name, None, said("workbook_too_many_styles", limit=cap["style"]))])
        if sheet and tag == "row":
            counted["row"] = int(attrs["r"]) if str(attrs.get("r", "")).isdigit() else counted["row"] + 1
            counted["in_row"] = 0
        elif sheet and tag == "c":
            counted["in_row"] += 1
            counted["c"] += 1
            if counted["in_row"] > limits.cells_per_row:
                row_too_wide = said("workbook_row_too_wide", limit=limits.cells_per_row)
                raise _Beyond([problem(name, counted["row"] or None, row_too_wide)])
            if counted["c"] > limits.cells:
                raise _Beyond([problem(name, None, said("workbook_too_many_cells", limit=limits.cells))])
        elif tag == "si" and cap["si"]:
            counted["si"] += 1
            if counted["si"] > cap["si"]:
                raise _Beyond([problem(name, None, said("workbook_too_many_strings", limit=cap["si"]))])

    def end(_tag):  # expat's handler signature
        counted["depth"] -= 1

    def doctype(*_):
        raise _Beyond(_damaged(name, ValueError("XML entity declaration")))

    parser = expat.ParserCreate()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        while chunk := handle.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Beyond as beyond:
        return beyond.problems
    except expat.ExpatError:
        return []  # malformed XML: openpyxl stops at the same place and the workbook is reported as damaged
    return []


def _xlsx_rows(name: str, data: bytes, aliases: dict[str, str], required: tuple[str, ...], limits: Limits | None):
    import openpyxl  # only workbooks need it

    try:
        too_big = _zip_beyond_limits(name, data, limits) if limits else []
        if too_big:
            return [], [], too_big
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False) if limits else None
    except Exception as exc:  # noqa: BLE001 - any failure to parse a foreign file means it is damaged, not a bug here
        return [], [], _damaged(name, exc)
    try:
        # The sheet named for the month (2023-06, 6月) if there is one, else the first: staff add notes on other sheets.
        named = [n for n, ws in enumerate(values.worksheets) if re.search(r"\d{4}-\d{2}|\d{1,2}月", ws.title)]
        index = (named or [0])[0]
        sheet = values.worksheets[index]
        label = f"{name}[{sheet.title}]" if len(values.worksheets) > 1 else name
        lines, problems = _sheet_lines(label, sheet, formulas.worksheets[index] if formulas else None, limits)
    except Exception as exc:  # noqa: BLE001 - bad XML inside a part shows only while its rows are read
        return [], [], _damaged(name, exc)
    finally:
        values.close()
        if formulas:
            formulas.close()
    if problems:
        return [], [], problems
    return _with_header(label, lines, aliases, required)


def as_shown(cell):
    """A cell's value as the sheet shows it: Excel keeps "4.7%" typed into a cell as 0.047 with a percent format,
    and staff mean 4.7 (the files' growth columns are in per cent, like the CSV's "4.7%")."""
    value = getattr(cell, "value", None)
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in (getattr(cell, "number_format", "") or "")
    ):
        return round(value * 100, 10)
    return value


def _sheet_lines(label: str, sheet, formulas, limits: Limits | None) -> tuple[list[tuple[int, list]], list[Problem]]:
    """The sheet's rows, streamed: reading stops at the first row beyond the limits (the cap on rows and columns is
    given to openpyxl, so a million empty rows or a sheet 16,384 columns wide is never materialised). With
    `formulas`, a cell holding a formula without a saved result (written by a program, never opened in Excel) is
    reported, instead of being read as blank."""
    from openpyxl.utils import get_column_letter

    bounds = {"max_row": limits.rows + 1, "max_col": limits.columns + 1} if limits else {}
    rows = sheet.iter_rows(**bounds)
    formula_rows = formulas.iter_rows(values_only=True, **bounds) if formulas is not None else iter(())
    lines, unsaved = [], []
    for line, row in enumerate(rows, start=1):
        cells = [as_shown(cell) for cell in row]
        if limits and (too_big := _beyond_limits(label, line, cells, get_column_letter, limits)):
            return [], too_big
        written = next(formula_rows, ())
        unsaved += [
            f"{get_column_letter(n + 1)}{line}"
            for n, (value, formula) in enumerate(zip(cells, written))
            if value is None and isinstance(formula, str) and formula.startswith("=")
        ]
        lines.append((line, [unneutralise(c) for c in cells] if limits else cells))
    if unsaved:
        more = said("cells_more", n=len(unsaved)) if len(unsaved) > 10 else ""
        return [], [problem(label, None, said("formulas_unsaved", cells=joined(unsaved[:10]), more=more))]
    return lines, []


def read_csv_rows(
    path: Path, aliases: dict[str, str] | None = None, required: tuple[str, ...] = ()
) -> tuple[list[str], list[Row], list[Problem]]:
    return read_rows(str(path), Path(path).read_bytes(), aliases, required)


def require_columns(path: Path, header: list[str], required: tuple[str, ...], labels: dict[str, str]) -> list[Problem]:
    missing = [c for c in required if c not in header]
    if not header or not missing:  # no header at all was already reported by read_rows
        return []
    columns = joined(said("column_labelled", column=c, label=labels.get(c, c)) for c in missing)
    return [problem(str(path), 1, said("header_lacks_columns", columns=columns))]
