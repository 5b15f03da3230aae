"""A report as it is published, read to plain text: `.txt` (UTF-8/GBK/GB18030, or UTF-16 with its BOM), `.docx`
(Word), `.pdf` (its text layer) and `.html` (a government site's page, its article only).

One function for every command and page that takes a report file (`read_document_file`, or `read_document` for an
upload's bytes), so that each accepts the same formats, refuses the same files with the same reasons and keeps to
the same size limit. The text keeps its line breaks; `text.clean` joins PDF lines and drops page furniture for every
format alike."""

from __future__ import annotations

import io
import logging
import re
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from .text import UnreadableText, decode, rare_share

FORMATS = (".txt", ".docx", ".pdf", ".html", ".htm")  # what the review page offers; .shtml/.xhtml are read as HTML
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TEXT_SUFFIXES = ("", ".txt", ".text")
# Drafting's limits, stated on the review page before upload. The file limit is the server's upload limit
# (.streamlit/config.toml maxUploadSize, which the nginx front door mirrors); a report is 1–6 万字 (the longest of
# the eight 2025 provincial reports, Guangdong's, is 3.4 万字), so 20 万字 leaves room for annexes and glossaries.
MAX_FILE_MB = 5
MAX_CHARS = 200_000
MAX_PDF_PAGES = 300
MAX_PDF_SECONDS = 120  # a 56-page report reads in 4–9 s on a busy 2-core server
PAGE_CHARACTERS = 20  # a page of text has hundreds; fewer is a blank or a scanned page
MAX_EXPANDED_MB = 50  # a Word file's parts, uncompressed, all together (the eight reports: under 0.4 MB)
MAX_PARTS = 500
RARE_SHARE = 0.3  # of the characters: real reports 0.06–0.23 %, Big5 or Shift-JIS read as GB18030 90–100 %
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .wps (and .xls): Word 97–2003 and WPS files


def read_document_file(path: Path, warn: Callable[[UnreadableText], None] | None = None) -> str:
    """The text of the report file at `path`; see `read_document`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_MB * 1024 * 1024:  # refused before it is read into memory
            raise UnreadableText("document_too_big", mb=f"{size / 1024 / 1024:.1f}", limit=MAX_FILE_MB)
        data = path.read_bytes()
    except OSError as exc:  # missing, a folder, not readable
        raise UnreadableText("document_cannot_open", error=exc.strerror or type(exc).__name__) from exc
    return read_document(data, path.name, warn)


def read_document(data: bytes, name: str, warn: Callable[[UnreadableText], None] | None = None) -> str:
    """The text of a report file given as its bytes and its file name. The format is the file's own (a PDF or Word
    file named .txt is still read as one), else the suffix's. Raises UnreadableText with the reason for a file that is
    not a report's text (binary, scanned, encrypted, damaged, too big); `warn` (default: stderr) is told what may be
    misread: text that is mostly rare characters (a file in another encoding, Big5 or Shift-JIS, read as GB18030),
    scanned pages among a PDF's text pages."""
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise UnreadableText("document_too_big", mb=f"{len(data) / 1024 / 1024:.1f}", limit=MAX_FILE_MB)
    warn = warn or _to_stderr
    text = _text_of(data, Path(name).suffix.lower(), warn)
    length = _characters(text)
    if length > MAX_CHARS:
        raise UnreadableText("document_too_long", chars=f"{length / 10_000:.1f}", limit=MAX_CHARS // 10_000)
    share = rare_share(text)
    if share is not None and share > RARE_SHARE:
        warn(UnreadableText("document_mostly_rare", share=f"{share:.0%}"))
    return text


def _text_of(data: bytes, suffix: str, warn: Callable[[UnreadableText], None]) -> str:
    if data.startswith(PDF_MAGIC) or suffix == ".pdf":
        return _pdf_text(data, warn)
    if data.startswith(ZIP_MAGIC) or suffix == ".docx":
        return _docx_text(data)
    if data.startswith(OLE_MAGIC) or suffix in (".doc", ".wps"):
        raise UnreadableText("document_old_word")
    if suffix in HTML_SUFFIXES:
        return _html_text(data)
    if suffix in TEXT_SUFFIXES:
        return decode(data)
    raise UnreadableText("document_format", format=suffix, formats=", ".join(FORMATS))


def _to_stderr(notice: UnreadableText) -> None:
    print(str(notice), file=sys.stderr)


def _docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order, one per line (a table row's cells joined by a tab)."""
    _check_zip(data)
    import docx  # python-docx, already the briefing's dependency; imported here so commands start fast
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a file that is not a Word document
        raise UnreadableText("document_bad_docx") from exc
    return "\n".join(lines)


def _check_zip(data: bytes) -> None:
    """A Word file's declared part sizes, checked before python-docx reads every part into memory (zipfile never
    inflates a part beyond its declared size: the CRC check fails first), so a small file that expands to gigabytes
    is refused in a moment."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableText("document_bad_docx") from exc
    expanded = sum(p.file_size for p in parts)
    if len(parts) > MAX_PARTS or expanded > MAX_EXPANDED_MB * 1024 * 1024:
        raise UnreadableText("document_docx_too_big", mb=f"{expanded / 1024 / 1024:.0f}", limit=MAX_EXPANDED_MB)
    if "word/document.xml" not in {p.filename for p in parts}:
        raise UnreadableText("document_bad_docx")  # another zip (an .xlsx, an .odt, an archive of files)


def _pdf_text(data: bytes, warn: Callable[[UnreadableText], None]) -> str:
    """The text layer, page after page in the order the page draws it (one line of the page per line). Refused when
    there is none (a scan), when it is encrypted with a password, damaged, longer than MAX_PDF_PAGES or too slow to
    read (pypdf is pure Python: a crafted file could keep it busy); scanned pages among text pages are pointed out."""
    import pypdf  # imported here so commands start fast

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its recoverable-damage warnings are not the user's concern
    deadline = time.monotonic() + MAX_PDF_SECONDS
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many published PDFs carry only an owner password
            raise UnreadableText("document_pdf_encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnreadableText("document_pdf_pages", pages=len(reader.pages), limit=MAX_PDF_PAGES)
        pages, scanned = [], []
        for number, page in enumerate(reader.pages, start=1):
            if time.monotonic() > deadline:
                raise UnreadableText("document_pdf_slow", seconds=MAX_PDF_SECONDS, pages=number - 1)
            pages.append(page.extract_text() or "")
            if _characters(pages[-1]) < PAGE_CHARACTERS and _has_images(page):
                scanned.append(number)
    except UnreadableText:
        raise
    except (pypdf.errors.FileNotDecryptedError, pypdf.errors.DependencyError) as exc:
        raise UnreadableText("document_pdf_encrypted") from exc  # AES needs a crypto library: encrypted all the same
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for a damaged file
        raise UnreadableText("document_bad_pdf") from exc
    if _characters("".join(pages)) < PAGE_CHARACTERS * len(pages):
        raise UnreadableText("document_pdf_no_text", pages=len(pages))
    if scanned:
        warn(UnreadableText("document_pdf_scanned_pages", pages=", ".join(map(str, scanned))))
    return "\n".join(pages)


def _characters(text: str) -> int:
    return sum(not c.isspace() for c in text)


def _has_images(page) -> bool:
    resources = page.get("/Resources") or {}
    return bool(resources.get("/XObject"))


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "hz-gb-2312", "gb18030"}
DROPPED = ("script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form", "iframe",
           "object", "embed", "svg", "button", "select", "textarea")  # fmt: skip
BLOCKS = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "article", "main",
          "blockquote", "pre", "center", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figure", "figcaption",
          "address", "tbody", "thead", "tfoot"}  # fmt: skip
CELLS = {"td", "th"}
ARTICLE_SHARE = 0.4  # the article holds at least this share of the page's text, else the whole page is read


def html_charset(data: bytes) -> str | None:
    """The encoding the page declares in its first 4 KB (<meta charset> or http-equiv Content-Type), GB2312 and GBK
    read as their superset GB18030 (pages declared GB2312 often hold GBK characters)."""
    found = _CHARSET.search(data[:4096])
    if not found:
        return None
    declared = found.group(1).decode("ascii", "ignore").lower()
    return "gb18030" if declared in _GB else declared


def _html_text(data: bytes) -> str:
    """The article of a page saved from a government site: decoded by its declared charset (else UTF-8/GB18030), the
    navigation, header, footer, scripts and styles dropped, then the element holding most of the page's paragraphs
    (the report, not the menus around it), with its paragraph, line and table-row breaks. Nothing is fetched."""
    import lxml.html  # python-docx's own parser, already installed; imported here so commands start fast

    text = _decoded_html(data)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text) or "<html></html>")
    except Exception as exc:  # noqa: BLE001 - lxml raises for a page with no elements at all
        raise UnreadableText("document_bad_html") from exc
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *DROPPED)):
        element.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    article = _article(body)
    chosen = article if len(_squashed(article)) >= ARTICLE_SHARE * len(_squashed(body)) else body
    lines = "".join(_rendered(chosen)).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def _decoded_html(data: bytes) -> str:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)  # a byte-order mark wins over the page's own declaration
    charset = html_charset(data)
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return decode(data)  # a wrong or unknown declaration: read as any other text
        return decode(text.encode("utf-8"))  # the same refusal of binary as a .txt
    return decode(data)


def _squashed(element) -> str:
    return re.sub(r"\s+", "", element.text_content())


def _article(body):
    """The element whose paragraphs hold the most prose (text outside links, so menus count for nothing): each
    outermost paragraph-like element (one without blocks inside: a <p>, a <div> of text, a table cell of text broken
    by <br>) gives its length to the element that holds it (a cell keeps it), and half to the one above, as
    readability does."""
    scores: dict = {}
    pending = [body]
    while pending:
        element = pending.pop()
        children = [child for child in element if isinstance(child.tag, str)]
        if any(child.tag in BLOCKS - {"br"} or child.tag in CELLS for child in children):
            pending.extend(children)
            continue
        length = len(_squashed(element)) - sum(len(_squashed(link)) for link in element.iter("a"))
        holder = element if element.tag in CELLS or element is body else element.getparent()
        scores[holder] = scores.get(holder, 0) + length
        if holder is not body and holder.getparent() is not None:
            scores[holder.getparent()] = scores.get(holder.getparent(), 0) + length / 2
    return max(scores, key=scores.get) if scores else body


def _rendered(element, preformatted: bool = False):
    """Text pieces in document order: a block element on lines of its own, table cells joined by tabs, runs of
    whitespace inside a paragraph as one space (as a browser shows them)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    preformatted = preformatted or tag == "pre"
    if tag in BLOCKS:
        yield "\n"
    if tag in CELLS:
        yield "\t"
    if element.text:
        yield element.text if preformatted else re.sub(r"[ \t\r\n\f]+", " ", element.text)
    for child in element:
        yield from _rendered(child, preformatted)
        if child.tail:
            yield child.tail if preformatted else re.sub(r"[ \t\r\n\f]+", " ", child.tail)
    if tag in BLOCKS:
        yield "\n"
