"""The briefing as a Word document (python-docx), laid out as a Chinese government document (GB/T 9704-2012):
A4, margins 37/35/28/26 mm, the title in 方正小标宋简体 二号, the text in 仿宋_GB2312 三号 at a fixed 28 pt line
pitch, headings in 黑体, page numbers "— 1 —" at the foot of each page in 宋体 四号.

Everything is set on Word's built-in styles (Title/标题, Subtitle/副标题, Heading 1/标题 1, Normal/正文, Caption/题注,
Table Grid/网格型) plus one paragraph style of our own, "表格文字", for table cells: an office restyles the whole
document by changing a style, never a paragraph. Fonts are named for East Asian and Latin script separately, each
text run is marked zh-CN, and the font table names a fallback for each official font (仿宋_GB2312 -> 仿宋 -> 宋体),
which Word uses on a PC without it; LibreOffice substitutes an installed CJK serif face."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from workarounds import docx_replace_part_xml, docx_row_element, docx_run_element, docx_run_properties

from ..i18n import pick, t
from .content import Briefing

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBTITLE_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Where the official font is missing, the one Word should use instead (the font table's altName).
FALLBACKS = {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "楷体_GB2312": "楷体", "黑体": "SimHei", "仿宋": "宋体"}
TABLE_STYLE_NAME = "表格文字"
BLACK = RGBColor(0, 0, 0)
TEXT_WIDTH = Mm(156)  # A4 less the margins: the standard's 156 mm type area
BODY_PT, TITLE_PT, SMALL_PT, TABLE_PT = 16, 22, 12, 9  # 三号, 二号, 小四, 小五
LINE_PITCH_PT = 28
TITLE_CHARS_PER_LINE = 20
# indicator, target, latest, period, gap, status, rank: 156 mm in all
TABLE_WIDTHS = (Mm(34), Mm(28), Mm(16), Mm(17), Mm(24), Mm(22), Mm(15))


def _fonts(style_font, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the font for East Asian and Latin script, dropping the template's theme fonts (which would win)."""
    style_font.name = latin
    rPr = docx_run_properties(style_font)  # the style's (or run's) own run properties
    fonts = rPr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    language = rPr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rPr.append(language)
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")


def _style(
    doc,
    name: str,
    east_asia: str,
    size: float,
    bold: bool = False,
    align=None,
    indent_chars: float = 0,
    before: float = 0,
    after: float = 0,
    pitch: float | None = LINE_PITCH_PT,
):
    style = doc.styles[name]
    font = style.font
    _fonts(font, east_asia)
    font.size = Pt(size)
    font.bold = bold
    font.italic = False
    font.color.rgb = BLACK
    paragraph = style.paragraph_format
    paragraph.alignment = align
    paragraph.first_line_indent = Pt(size * indent_chars) if indent_chars else Pt(0)
    paragraph.left_indent = Pt(0)
    paragraph.space_before, paragraph.space_after = Pt(before), Pt(after)
    if pitch:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(pitch)
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _no_border(style)
    return style


def _no_border(style) -> None:
    """The template's Title has a blue rule under it; an official title has none."""
    pPr = style.element.find(qn("w:pPr"))
    if pPr is not None:
        for border in pPr.findall(qn("w:pBdr")):
            pPr.remove(border)


def _defaults(doc) -> None:
    """The document's default run: our fonts and Simplified Chinese, instead of the template's theme fonts (whose
    East Asian face is Japanese) and en-US; LibreOffice picks its substitute for a missing font by this language."""
    rPr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = rPr.find(qn("w:rFonts"))
    fonts.attrib.clear()
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    rPr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def _styles(doc) -> None:
    _defaults(doc)
    _style(doc, "Normal", BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
    _style(doc, "Title", TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=36, after=6)
    _style(doc, "Subtitle", SUBTITLE_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    heading = _style(doc, "Heading 1", HEADING_FONT, BODY_PT, indent_chars=2, before=6)
    heading.paragraph_format.keep_with_next = True
    _style(doc, "Caption", BODY_FONT, SMALL_PT, pitch=None, after=6)
    cells = doc.styles.add_style(TABLE_STYLE_NAME, 1)  # 1: a paragraph style
    cells.base_style = doc.styles["Normal"]
    _style(doc, TABLE_STYLE_NAME, BODY_FONT, TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=None)
    footer = _style(doc, "Footer", NUMBER_FONT, 14, align=WD_ALIGN_PARAGRAPH.CENTER, pitch=None)
    footer.font.name = NUMBER_FONT


def _fallback_fonts(doc) -> None:
    """Declare each official font in the font table with the face to use where it is missing."""
    font_part = next((p for p in doc.part.package.iter_parts() if str(p.partname).endswith("fontTable.xml")), None)
    if font_part is None:
        return
    from lxml import etree

    root = etree.fromstring(font_part.blob)
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt = etree.SubElement(font, qn("w:altName"))
        alt.set(qn("w:val"), alternative)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if name == "黑体" else "roman")
    docx_replace_part_xml(font_part, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # the number sits 7 mm below the type area
    paragraph = section.footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE): Word and LibreOffice fill in the number of each page."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        docx_run_element(run).append(element)


def _table(doc, briefing: Briefing) -> None:
    L = briefing.lang
    header = [
        t("indicator", L),
        t("target", L, year=briefing.year),
        t("latest_actual", L),
        t("latest_period", L),
        t("gap", L),
        t("status", L),
        t("briefing_rank", L, scope=briefing.place.rank_label_scope(L)),
    ]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for row in briefing.table:
        cells = table.add_row().cells
        for cell, text in zip(cells, (row.name, row.target, row.latest, row.period, row.gap, row.status, row.rank)):
            _cell(cell, text)
    # Widths on the grid (LibreOffice reads these) and on every cell (Word reads those).
    for column, width in zip(table.columns, TABLE_WIDTHS):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, TABLE_WIDTHS):
            cell.width = width


def _cell(cell, text: str, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE_NAME
    run = paragraph.add_run(text)
    run.bold = bold


def _repeat_header(row) -> None:
    """The header row repeats at the top of each page the table runs onto."""
    trPr = docx_row_element(row).get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trPr.append(repeat)


def document_bytes(briefing: Briefing, chart_png: bytes | None = None, chart_problem: str | None = None) -> bytes:
    """The .docx file of the briefing; the overview's chart as a picture when given, else a note of why not."""
    L = briefing.lang
    doc = Document()
    _styles(doc)
    _fallback_fonts(doc)
    _page(doc)
    doc.core_properties.title = briefing.title
    doc.core_properties.language = pick("zh-CN", "en-US", L)
    _title(doc, briefing)
    doc.add_paragraph(briefing.subtitle, style="Subtitle")
    doc.add_paragraph(t("briefing_overall", L), style="Heading 1")
    doc.add_paragraph(briefing.summary, style="Normal")
    doc.add_paragraph(
        t("briefing_indicators" if briefing.has_figures else "briefing_targets_listed", L), style="Heading 1"
    )
    for text in briefing.paragraphs:
        doc.add_paragraph(text, style="Normal")
    doc.add_paragraph(t("briefing_table", L), style="Heading 1")
    _table(doc, briefing)
    doc.add_paragraph(t("briefing_table_note", L), style="Caption")
    if briefing.chart is not None:
        doc.add_paragraph(t("briefing_chart", L), style="Heading 1")
        if chart_png:
            picture = doc.add_paragraph(style="Caption")
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.add_run().add_picture(io.BytesIO(chart_png), width=TEXT_WIDTH)
            doc.add_paragraph(briefing.chart.title, style="Caption").alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            doc.add_paragraph(t("briefing_chart_missing", L, reason=chart_problem or ""), style="Caption")
    doc.add_paragraph(t("briefing_appendix", L), style="Heading 1")
    for text in quote_lines(briefing):
        doc.add_paragraph(text, style="Normal")
    for line in (briefing.as_of, briefing.source_line, briefing.made_on):
        doc.add_paragraph(line, style="Caption")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _title(doc, briefing: Briefing) -> None:
    """The title, broken after the place and period when it is longer than a line (二号 on 156 mm: 20 characters),
    so that no line holds a single character."""
    title = doc.add_paragraph(style="Title")
    if len(briefing.title) <= TITLE_CHARS_PER_LINE:
        title.add_run(briefing.title)
        return
    head, tail = briefing.title_lines
    title.add_run(head).add_break()
    title.add_run(tail)


def quote_lines(briefing: Briefing) -> list[str]:
    """The appendix: one line per sentence of the report (targets set by the same sentence share it, as the two
    incomes' 同步 target does); where all quotes share a source it is named once, first, else after each quote."""
    L = briefing.lang
    sources = {q.source for q in briefing.quotes}
    shared = len(sources) == 1 and next(iter(sources))
    lines = [t("briefing_quotes_from", L, source=shared)] if shared else []
    grouped: dict[tuple[str, str], list] = {}
    for quote in briefing.quotes:
        grouped.setdefault((quote.sentence, quote.source), []).append(quote)
    for n, ((sentence, source), quotes) in enumerate(grouped.items(), start=1):
        sentence = sentence.rstrip("；;，,")
        names = pick("、", ", ", L).join(q.name for q in quotes)
        target = quotes[0].target
        if pick(False, True, L):
            text = f"{n}. {names} ({target}): \u201c{sentence}\u201d"
            lines.append(text if shared else f"{text} ({source})")
        else:
            text = f"{n}. {names}（{target}）：“{sentence}”"
            lines.append(text if shared else f"{text}（《{source}》）")
    return lines
