"""Read the CSV files of data/: decode them (UTF-8, UTF-8 with BOM, GBK/GB18030) and give each row its line number."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, Text, problem

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK, which is what Excel writes on Chinese Windows


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


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


def read_csv_rows(path: Path, aliases: dict[str, str] | None = None) -> tuple[list[str], list[Row], list[Problem]]:
    """Header (as canonical column names) and non-empty rows; Chinese header labels map through `aliases`."""
    text, _ = decode(Path(path).read_bytes())
    if text is None:
        return [], [], [problem(str(path), None, Text("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV",
                                                      "unknown encoding: save the file as CSV in UTF-8 or GBK"))]
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[Row] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [(aliases or {}).get(c.strip(), c.strip()) for c in cells]
            continue
        rows.append(Row(line, dict(zip(header, cells))))
    if header is None:
        return [], [], [problem(str(path), None, Text("文件是空的：至少需要表头一行", "the file is empty: it needs at least a header row"))]
    return header, rows, []


def require_columns(path: Path, header: list[str], required: tuple[str, ...], labels: dict[str, str]) -> list[Problem]:
    missing = [c for c in required if c not in header]
    if not header or not missing:  # no header at all was already reported by read_csv_rows
        return []
    zh = "、".join(f"{c}（{labels.get(c, c)}）" for c in missing)
    return [problem(str(path), 1, Text(f"表头缺少列：{zh}", f"the header lacks column(s): {', '.join(missing)}"))]
