"""Read the tables staff and the repository keep: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, each row
with the line it came from, the header by English id or Chinese label."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from loaders.io.problems import Problem, Text, problem

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK, which is what Excel writes on Chinese Windows
XLSX_MAGIC = b"PK\x03\x04"


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


def _with_header(name: str, lines: list[tuple[int, list]], aliases: dict[str, str],
                 required: tuple[str, ...]) -> tuple[list[str], list[Row], list[Problem]]:
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
        return [], [], [problem(name, None, Text("文件是空的或找不到表头：至少需要表头一行（如 指标代码、期间）",
                                                 "the file is empty or has no header row (e.g. indicator_id, period)"))]
    return header, rows, []


def read_rows(name: str, data: bytes, aliases: dict[str, str] | None = None,
              required: tuple[str, ...] = ()) -> tuple[list[str], list[Row], list[Problem]]:
    """Header (canonical names) and the non-empty rows of a CSV or XLSX file given as bytes."""
    if data.startswith(XLSX_MAGIC) or name.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(name, data, aliases or {}, required)
    text, _ = decode(data)
    if text is None:
        return [], [], [problem(name, None, Text("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿",
                                                 "unknown encoding: save the file as CSV in UTF-8 or GBK, or as an Excel workbook"))]
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = []
    for cells in reader:
        lines.append((reader.line_num, cells))
    return _with_header(name, lines, aliases or {}, required)


def _xlsx_rows(name: str, data: bytes, aliases: dict[str, str], required: tuple[str, ...]):
    import openpyxl  # only workbooks need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        return [], [], [problem(name, None, Text(f"Excel 文件已损坏或不完整，请在 Excel 中重新保存后再上传（{type(exc).__name__}）",
                                                 f"the Excel file is damaged or incomplete: save it again in Excel ({type(exc).__name__})"))]
    # The sheet named for the month (2023-06, 6月) if there is one, else the first: staff add notes on other sheets.
    named = [ws for ws in book.worksheets if re.search(r"\d{4}-\d{2}|\d{1,2}月", ws.title)]
    sheet = (named or book.worksheets)[0]
    lines = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    book.close()
    return _with_header(f"{name}[{sheet.title}]" if len(book.worksheets) > 1 else name, lines, aliases, required)


def read_csv_rows(path: Path, aliases: dict[str, str] | None = None,
                  required: tuple[str, ...] = ()) -> tuple[list[str], list[Row], list[Problem]]:
    return read_rows(str(path), Path(path).read_bytes(), aliases, required)


def require_columns(path: Path, header: list[str], required: tuple[str, ...], labels: dict[str, str]) -> list[Problem]:
    missing = [c for c in required if c not in header]
    if not header or not missing:  # no header at all was already reported by read_rows
        return []
    zh = "、".join(f"{c}（{labels.get(c, c)}）" for c in missing)
    return [problem(str(path), 1, Text(f"表头缺少列：{zh}", f"the header lacks column(s): {', '.join(missing)}"))]
