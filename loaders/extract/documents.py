"""A report as it is published, read to plain text: `.txt` (UTF-8/GBK/GB18030) and `.docx` (Word).

One function for every command and page that takes a report file, so that each accepts the same formats."""

from __future__ import annotations

import io
from pathlib import Path

from .text import UnreadableText, decode

FORMATS = (".txt", ".docx")


def read_document(data: bytes, name: str) -> str:
    """The text of a report file given as its bytes and its file name (the suffix says the format)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return _docx_text(data)
    if suffix in ("", ".txt", ".text"):
        return decode(data)
    raise UnreadableText(f"不支持的文件格式 {suffix}（可用：{'、'.join(FORMATS)}） · unsupported format {suffix}")


def read_document_file(path: Path) -> str:
    return read_document(Path(path).read_bytes(), Path(path).name)


def _docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order, one per line (a table row's cells joined by a tab)."""
    import docx  # python-docx, already the briefing's dependency; imported here so commands start fast
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for a file that is not a Word document
        raise UnreadableText("不是可读的 Word (.docx) 文件 · not a readable Word (.docx) file") from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)
