"""Hostile staff files made at test time (small on disk, huge when read), for tests/test_hostile.py. Synthetic."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

CORPUS = Path(__file__).parent / "fixtures" / "imports"


def _workbook_with(sheet_xml, shared_strings=None, styles=None) -> bytes:
    """The corpus's good workbook with its month sheet (and shared strings, styles) replaced; `sheet_xml` may be an
    iterable of byte chunks, streamed into the archive so that no test holds the expanded text in memory at once."""
    good = zipfile.ZipFile(CORPUS / "ok-excel.xlsx")
    out = io.BytesIO()
    replaced = {"xl/worksheets/sheet1.xml": sheet_xml, "xl/styles.xml": styles}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in good.infolist():
            if replaced.get(item.filename) is not None:
                with archive.open(item.filename, "w", force_zip64=True) as handle:
                    part = replaced[item.filename]
                    for chunk in [part] if isinstance(part, bytes) else part:
                        handle.write(chunk)
            elif item.filename == "[Content_Types].xml" and shared_strings is not None:
                archive.writestr(item, good.read(item).replace(b"</Types>", SHARED_TYPE + b"</Types>"))
            else:
                archive.writestr(item, good.read(item))
        if shared_strings is not None:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
                for chunk in shared_strings:
                    handle.write(chunk)
    return out.getvalue()


SHARED_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
HEAD = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>indicator_id</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>period</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>yoy_pct</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>gdp</t></is></c><c r="B2" t="inlineStr"><is><t>2023-06</t></is></c>'
    b'<c r="C2"><v>6.5</v></c></row>'
)
TAIL = b"</sheetData></worksheet>"


def million_empty_rows(rows: int = 2_000_000) -> bytes:
    """A sheet of millions of empty rows: about 90 KB, 40 MB of XML once expanded."""

    def chunks():
        yield HEAD
        for start in range(3, rows, 100_000):
            yield b"".join(b'<row r="%d"/>' % n for n in range(start, min(rows, start + 100_000)))
        yield TAIL

    return _workbook_with(chunks())


def far_away_cell() -> bytes:
    """A tiny sheet that claims the whole grid and holds one cell in its last row and column."""
    return _workbook_with(HEAD + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + TAIL)


def wide_row() -> bytes:
    """One row of 16,384 cells."""
    cells = b"".join(b'<c r="%s3"><v>1</v></c>' % _letters(n).encode() for n in range(1, 16_385))
    return _workbook_with(HEAD + b'<row r="3">' + cells + b"</row>" + TAIL)


def huge_shared_string(megabytes: int = 300) -> bytes:
    """A cell whose shared string is `megabytes` MB of text (about 300 KB compressed)."""

    def strings():
        yield (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        )
        for _ in range(megabytes):
            yield b"a" * (1024 * 1024)
        yield b"</t></si></sst>"

    sheet = HEAD.replace(b'<c r="C2"><v>6.5</v></c>', b'<c r="C2"><v>6.5</v></c><c r="D2" t="s"><v>0</v></c>') + TAIL
    return _workbook_with(sheet, strings())


def long_inline_note(chars: int = 200_000) -> bytes:
    """A 5 KB workbook whose note cell holds `chars` characters (Excel itself would stop at 32,767)."""
    sheet = HEAD.replace(b'<c r="C1"', b'<c r="D1" t="inlineStr"><is><t>note</t></is></c><c r="C1"')
    sheet = sheet.replace(
        b'<c r="C2"><v>6.5</v></c>',
        b'<c r="C2"><v>6.5</v></c><c r="D2" t="inlineStr"><is><t>' + "注".encode() * chars + b"</t></is></c>",
    )
    return _workbook_with(sheet + TAIL)


def entity_bomb() -> bytes:
    """'Billion laughs': entities that expand to gigabytes."""
    lol = (
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %c "%s">' % (98 + n, (b"&%c;" % (97 + n)) * 10) for n in range(9))
        + b"]>"
    )
    laughing = b'<row r="3"><c r="A3" t="inlineStr"><is><t>&j;</t></is></c></row>'
    return _workbook_with(b'<?xml version="1.0"?>' + lol + HEAD + laughing + TAIL)


def _repeated(head: bytes, unit: bytes, times: int, tail: bytes):
    yield head
    for start in range(0, times, 100_000):
        yield unit * min(100_000, times - start)
    yield tail


# Under the 30 MB expansion limit, yet each costs the reader gigabytes unless what it builds is bounded (issue #26).


def one_row_of_empty_cells(cells: int = 7_600_000) -> bytes:
    """One row of 7.6 million empty cells (<c/>, 4 bytes each): 34 KB, 30 MB expanded."""
    return _workbook_with(_repeated(HEAD + b'<row r="3">', b"<c/>", cells, b"</row>" + TAIL))


def rows_of_empty_cells(cells: int = 7_600_000, per_row: int = 10_000) -> bytes:
    """The same cells in rows of 10,000 (each row narrower than Excel's widest, the sheet under 5,000 rows)."""

    def chunks():
        yield HEAD
        for row in range(3, 3 + cells // per_row):
            yield b'<row r="%d">' % row + b"<c/>" * per_row + b"</row>"
        yield TAIL

    return _workbook_with(chunks())


def many_shared_strings(strings: int = 2_300_000) -> bytes:
    """2.3 million empty shared strings, none used: openpyxl reads them all when the workbook opens."""
    sheet = HEAD + TAIL
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return _workbook_with(sheet, _repeated(head, b"<si><t/></si>", strings, b"</sst>"))


def many_styles(fonts: int = 4_000_000) -> bytes:
    """Four million fonts in the style sheet, read in full when the workbook opens."""
    head = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts>'
    tail = (
        b"</fonts><fills><fill><patternFill/></fill></fills><borders><border/></borders>"
        b'<cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>'
    )
    return _workbook_with(HEAD + TAIL, styles=_repeated(head, b"<font/>", fonts, tail))


def deep_nesting(levels: int = 2_000_000) -> bytes:
    """An inline string nested two million elements deep inside a cell."""
    cell = b'<row r="3"><c r="A3" t="inlineStr"><is>'
    return _workbook_with([HEAD, cell, b"<r>" * levels, b"</r>" * levels, b"</is></c></row>", TAIL])


def million_row_csv() -> bytes:
    """4 MB of CSV: a million rows of an unknown indicator."""
    return "指标代码,期间,累计值\n".encode() + b"x,,\n" * 1_000_000


def _letters(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
