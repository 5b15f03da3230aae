"""The meeting deck (PPTX, 16:9): a cover, one chart per slide with its title, a source footnote and speaker notes
that state the figures in words, then the year's targets as a table.

python-pptx's default template is 4:3 and its placeholders are laid out for it, so every slide here is the blank
layout with our own text boxes. Text names the font for Chinese (East Asian) and Latin script alike, so PowerPoint,
WPS and LibreOffice do not fall back to a font without Chinese glyphs."""
from __future__ import annotations

import copy
import datetime as dt
import io
from collections import Counter

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.util import Emu, Inches, Pt

from loaders.judging.status import STATUSES
from loaders.judging.target_progress import target_progress

from . import export, standard
from .i18n import pick, status_label, t
from .status_style import STYLE
from .theme import INK, RED

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: PowerPoint's widescreen
MARGIN = Inches(0.45)
FONT = "Microsoft YaHei"   # on every Chinese Windows and in WPS; LibreOffice substitutes an installed CJK font
NOTE_GREY = "#666666"
TABLE_ROWS = 14            # targets per table slide
TABLE_WIDTHS = (3.4, 3.1, 1.9, 1.5, 1.0, 1.5)  # inches: indicator, target, latest, period, gap, status


def _font(font, size: float, bold: bool = False, colour: str = INK) -> None:
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    font.name = FONT                      # <a:latin>
    rPr = font._rPr
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = rPr.makeelement(qn("a:ea"), {})
        rPr.find(qn("a:latin")).addnext(ea)  # the schema's order: latin, ea, cs
    ea.set("typeface", FONT)


def _write(frame, lines: list[str], size: float, bold: bool = False, colour: str = INK, align=PP_ALIGN.LEFT) -> None:
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, bold, colour)


def _text(slide, left, top, width, height, lines: list[str], size: float, bold: bool = False, colour: str = INK,
          align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    _write(frame, lines, size, bold, colour, align)
    return box


def _bar(slide, top, height, colour: str = RED) -> None:
    bar = slide.shapes.add_shape(1, 0, top, SLIDE_WIDTH, height)  # 1: rectangle
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
    bar.line.fill.background()


def _notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _footnote(slide, text: str) -> None:
    _text(slide, MARGIN, SLIDE_HEIGHT - Inches(0.55), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4), [text], 11,
          colour=NOTE_GREY, anchor=MSO_ANCHOR.BOTTOM)


def _date_text(day: dt.date, lang: str) -> str:
    return t("date_long", lang, year=day.year, month=day.month, day=day.day, month_name=day.strftime("%B"))


def cover(prs, ctx, today: dt.date) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _bar(slide, 0, Inches(0.25))
    title = t("deck_title", ctx.lang, region=standard.region_label(ctx), year=ctx.year)
    _text(slide, Inches(1), Inches(2.1), SLIDE_WIDTH - Inches(2), Inches(1.3), [title], 36, bold=True,
          anchor=MSO_ANCHOR.BOTTOM)
    _text(slide, Inches(1), Inches(3.5), SLIDE_WIDTH - Inches(2), Inches(0.7), [t("deck_subtitle", ctx.lang)], 26,
          colour=RED)
    facts = [t("deck_date", ctx.lang, date=_date_text(today, ctx.lang)), t("as_of", ctx.lang, period=ctx.as_of),
             t("source_line", ctx.lang, source=ctx.source)]
    _text(slide, Inches(1), Inches(4.6), SLIDE_WIDTH - Inches(2), Inches(1.4), facts, 18, colour=NOTE_GREY)
    _notes(slide, "\n".join([title, *facts]))


def chart_slide(prs, chart: standard.Chart, png: bytes, ctx) -> None:
    """The chart's title on top, its image (which carries the full frame) as large as 16:9 allows, the source below."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _bar(slide, 0, Inches(0.12))
    _text(slide, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7), [chart.title], 26, bold=True,
          anchor=MSO_ANCHOR.MIDDLE)
    top, bottom = Inches(1.0), SLIDE_HEIGHT - Inches(0.6)
    width, height = export.png_size(png)
    picture_height = bottom - top
    picture_width = int(picture_height * width / height)
    _add_picture(slide, png, (SLIDE_WIDTH - picture_width) // 2, top, picture_width, picture_height)
    _footnote(slide, f"{t('source_line', ctx.lang, source=chart.source)}　{t('as_of', ctx.lang, period=ctx.as_of)}")
    _notes(slide, f"{chart.title}\n{chart.notes}")


def _add_picture(slide, png: bytes, left, top, width, height) -> None:
    """slide.shapes.add_picture, the same parts and XML, without python-pptx's two walks through every part of the
    package per picture (one for an image with the same SHA1, one for the next free image name), which made a
    deck's pictures quadratic in its slides. The deck's images are its only ones, noted on the package."""
    package = slide.part.package
    images = package.__dict__.setdefault("_deck_images", {})  # SHA1 -> ImagePart, in the order added
    image = PptxImage.from_blob(png)
    part = images.get(image.sha1)
    if part is None:
        if not images and any(p.partname.startswith("/ppt/media/image") for p in package.iter_parts()):
            slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)  # not ours alone: python-pptx's way
            return
        part = images[image.sha1] = ImagePart(PackURI(f"/ppt/media/image{len(images) + 1}.{image.ext}"),
                                              image.content_type, package, image.blob, image.filename)
    shapes = slide.shapes
    shapes._add_pic_from_image_part(part, slide.part.relate_to(part, RT.IMAGE), left, top, width, height)
    shapes._recalculate_extents()


def _status_colour(text: str) -> str:
    for mark, colour, _ in STYLE.values():
        if text.startswith(mark):
            return colour
    return INK


def table_slides(prs, ctx, summary: pd.DataFrame, statuses: list[str]) -> None:
    """Every target of the year, TABLE_ROWS to a slide: indicator, target, latest actual, period, gap, status."""
    columns = list(summary.columns[:6])   # the quote stays in the downloads: too long for a slide
    parts = max(1, -(-len(summary) // TABLE_ROWS))
    counts = Counter(statuses)
    in_words = t("list_sep", ctx.lang).join(
        f"{status_label(s, ctx.lang)} {counts[s]}" for s in STATUSES if counts[s])
    styled = _Cells()
    for part in range(parts):
        rows = summary.iloc[part * TABLE_ROWS:(part + 1) * TABLE_ROWS]
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _bar(slide, 0, Inches(0.12))
        title = t("deck_table_title", ctx.lang, year=ctx.year, part=part + 1, parts=parts)
        _text(slide, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7), [title], 26, bold=True,
              anchor=MSO_ANCHOR.MIDDLE)
        shape = slide.shapes.add_table(len(rows) + 1, len(columns), MARGIN, Inches(1.05),
                                       sum(Inches(w) for w in TABLE_WIDTHS), Inches(0.36) * (len(rows) + 1))
        table = shape.table
        for n, width in enumerate(TABLE_WIDTHS):
            table.columns[n].width = Inches(width)
        for c, name in enumerate(columns):
            styled(table.cell(0, c), name, bold=True, fill="#f0f0f0")
        for r, values in enumerate(rows[columns].itertuples(index=False), start=1):
            for c, value in enumerate(values):
                colour = _status_colour(value) if c == len(columns) - 1 else INK
                styled(table.cell(r, c), str(value), colour=colour, bold=c == len(columns) - 1)
        _footnote(slide, f"{t('deck_table_note', ctx.lang, n=len(summary), year=ctx.year)}　"
                         f"{t('source_line', ctx.lang, source=ctx.source)}　{t('as_of', ctx.lang, period=ctx.as_of)}")
        _notes(slide, f"{title}\n{t('deck_table_note', ctx.lang, n=len(summary), year=ctx.year)}\n{in_words}")


def _cell(cell, text: str, bold: bool = False, colour: str = INK, fill: str = "#ffffff") -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    frame.paragraphs[0].text = ""
    _write(frame, [text], 11, bold, colour)


class _Cells:
    """`_cell` for a table's cells, the same XML made faster: the first cell of each look is styled through
    python-pptx's setters (about 0.5 ms a cell, 1,900 cells at scale); every further cell of that look is a copy of
    it with its own text."""

    def __init__(self):
        self._styled: dict[tuple, object] = {}

    def __call__(self, cell, text: str, bold: bool = False, colour: str = INK, fill: str = "#ffffff") -> None:
        look = (bold, colour, fill)
        model = self._styled.get(look)
        if model is None:
            _cell(cell, text, bold, colour, fill)
            self._styled[look] = cell._tc
            return
        tc = copy.deepcopy(model)
        tc.find(f"{qn('a:txBody')}/{qn('a:p')}/{qn('a:r')}").text = text  # CT_RegularTextRun: escapes as run.text does
        cell._tc.getparent().replace(cell._tc, tc)


def _mark_language(prs, lang: str) -> None:
    """Tag every run with its language: where the named font is missing, the application then falls back to
    Simplified Chinese glyphs (LibreOffice otherwise picks a Japanese CJK face)."""
    main, other = pick(("zh-CN", "en-US"), ("en-US", "zh-CN"), lang)
    for slide in prs.slides:
        parts = [slide.shapes._spTree] + ([slide.notes_slide.shapes._spTree] if slide.has_notes_slide else [])
        for tree in parts:
            for rPr in tree.iter(qn("a:rPr"), qn("a:endParaRPr")):
                rPr.set("lang", main)
                rPr.set("altLang", other)


def deck_bytes(ctx, charts: list[standard.Chart], images: list[bytes], today: dt.date | None = None,
               progress: pd.DataFrame | None = None) -> bytes:
    """The deck from charts and their PNG images (same order), with the year's target table at the end.
    `progress`: target_progress (loaders/judging/target_progress.py) of ctx's year and region, when the caller has
    it already."""
    prs = _started(ctx, today)
    for chart, png in zip(charts, images, strict=True):
        chart_slide(prs, chart, png, ctx)
    return _finished(prs, ctx, progress)


def meeting_deck(ctx, keys: list[str] | None = None, scale: float = 1, progress: pd.DataFrame | None = None,
                 today: dt.date | None = None) -> bytes:
    """The whole deck for the chosen charts (default: standard.default_keys), drawn with one browser: each chart
    is drawn while the next is built and the slide before it is made (export.pngs)."""
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    keys = standard.default_keys(standard.menu(ctx, progress)) if keys is None else keys
    charts = standard.each_chart(ctx, keys, progress)
    prs = _started(ctx, today)
    built: list[standard.Chart] = []

    def figures():
        for chart in charts:
            built.append(chart)
            yield chart.figure

    for n, png in enumerate(export.pngs(figures(), scale)):
        chart_slide(prs, built[n], png, ctx)
    return _finished(prs, ctx, progress)


def _started(ctx, today: dt.date | None):
    """A widescreen presentation with its cover."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    cover(prs, ctx, today or dt.date.today())
    return prs


def _finished(prs, ctx, progress: pd.DataFrame | None) -> bytes:
    """The target table appended, every run tagged with its language, the file's bytes."""
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    summary = standard.targets_table(ctx, progress)
    statuses = progress.sort_values(["status_order"], kind="stable")["status"].tolist()
    table_slides(prs, ctx, summary, statuses)
    _mark_language(prs, ctx.lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def file_name(ctx) -> str:
    """meeting-deck-2023-as-of-2023-06.pptx: the year of the targets and the latest data."""
    return f"meeting-deck-{ctx.year}-as-of-{ctx.latest_period or ctx.prev}.pptx"
