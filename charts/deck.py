"""The meeting deck (PPTX, 16:9): a cover, one chart per slide with its title, a source footnote and speaker notes
that state the figures in words, then the year's targets as a table.

python-pptx's default template is 4:3 and its placeholders are laid out for it, so every slide here is the blank
layout with our own text boxes. Text names the font for Chinese (East Asian) and Latin script alike, so PowerPoint,
WPS and LibreOffice do not fall back to a font without Chinese glyphs."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re

import pandas as pd
import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.util import Emu, Inches, Pt

from loaders import store
from loaders.judging.target_progress import is_main, main_only
from loaders.progress import target_progress
from workarounds import pptx_add_picture_part, pptx_cell_element, pptx_run_properties, pptx_shape_tree

from . import export, standard
from .board import position_line, status_counts, strip_text
from .i18n import column_for, pick, t
from .status_style import STYLE
from .theme import INK, RED

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: PowerPoint's widescreen
MARGIN = Inches(0.45)
FONT = "Microsoft YaHei"  # on every Chinese Windows and in WPS; LibreOffice substitutes an installed CJK font
NOTE_GREY = "#666666"
TABLE_ROWS = 14  # targets per table slide
TABLE_WIDTHS = (1.45, 3.4, 3.0, 1.75, 1.75, 1.05)  # inches: status, indicator, target, latest, period, gap


def _font(font, size: float, bold: bool = False, colour: str = INK) -> None:
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
    font.name = FONT  # <a:latin>
    rPr = pptx_run_properties(font)
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


def _text(
    slide,
    left,
    top,
    width,
    height,
    lines: list[str],
    size: float,
    bold: bool = False,
    colour: str = INK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
):
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
    _text(
        slide,
        MARGIN,
        SLIDE_HEIGHT - Inches(0.52),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(0.42),
        [text],
        12,
        colour=NOTE_GREY,
        anchor=MSO_ANCHOR.BOTTOM,
    )


def _date_text(day: dt.date, lang: str) -> str:
    return t("date_long", lang, year=day.year, month=day.month, day=day.day, month_name=day.strftime("%B"))


def cover(prs, ctx, today: dt.date) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _bar(slide, 0, Inches(0.25))
    title = t("deck_title", ctx.lang, region=standard.region_label(ctx), year=ctx.year)
    _text(
        slide,
        Inches(1),
        Inches(2.1),
        SLIDE_WIDTH - Inches(2),
        Inches(1.3),
        [title],
        36,
        bold=True,
        anchor=MSO_ANCHOR.BOTTOM,
    )
    _text(
        slide,
        Inches(1),
        Inches(3.5),
        SLIDE_WIDTH - Inches(2),
        Inches(0.7),
        [t("deck_subtitle", ctx.lang)],
        26,
        colour=RED,
    )
    facts = [
        t("deck_date", ctx.lang, date=_date_text(today, ctx.lang)),
        t("as_of", ctx.lang, period=ctx.as_of),
        t("source_line", ctx.lang, source=ctx.source),
    ]
    _text(slide, Inches(1), Inches(4.6), SLIDE_WIDTH - Inches(2), Inches(1.4), facts, 18, colour=NOTE_GREY)
    _notes(slide, "\n".join([title, *facts]))


# Charts are laid out for the slide, not for a screen: on a CSS page this small, the template's 14 px text lands at
# 14 pt or more once the picture fills the content area of a 13.33-inch slide (see landed_points).
DECK_PAGE = (880, 428)
PICTURE_TOP, PICTURE_BOTTOM = Inches(0.95), SLIDE_HEIGHT - Inches(0.55)
PICTURE_PIXELS = (1920, round(1920 * DECK_PAGE[1] / DECK_PAGE[0]))


def landed_points(css_pixels: float, picture_width_emu: int, page_width: int = DECK_PAGE[0]) -> float:
    """The size in points at which text of `css_pixels` lands on the slide."""
    return css_pixels * (picture_width_emu / 12700) / page_width  # 12,700 EMU to the point


BREAK = re.compile(r"(?<=[\u4e00-\u9fff])<br>(?=[\u4e00-\u9fff])|<br>")


def one_line(label):
    """A row name broken for a phone (charts.growth.wrapped) back on one line: a slide is wide."""
    return (
        BREAK.sub(lambda m: "" if m.group(0) != "<br>" or _between_cjk(m, label) else " ", label)
        if isinstance(label, str)
        else label
    )


def _between_cjk(match, text: str) -> bool:
    before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
    return "\u4e00" <= before <= "\u9fff" and "\u4e00" <= after <= "\u9fff"


def deck_figure(figure):
    """The chart for a slide: no title block (the slide says the title once, unit, period and source below), row
    names on one line, and bar labels kept at full size (plotly shrinks them to a thin bar's thickness)."""
    fig = go.Figure(figure)
    fig.update_layout(title_text="", margin=dict(t=56 if fig.layout.showlegend is not False else 24))
    for trace in fig.data:
        if trace.y is not None and len(trace.y) and isinstance(trace.y[0], str):
            trace.y = [one_line(y) for y in trace.y]
    fig.update_traces(constraintext="none", selector=dict(type="bar"))
    for shape in fig.layout.shapes:
        if isinstance(shape.y0, str):
            shape.y0, shape.y1 = one_line(shape.y0), one_line(shape.y1)
    if fig.layout.yaxis.categoryarray is not None:
        fig.update_yaxes(categoryarray=[one_line(c) for c in fig.layout.yaxis.categoryarray])
    return fig


def slide_pngs(charts, scale: float = 1):
    """Each chart's picture for its slide (deck_figure on DECK_PAGE), drawn as export.pngs draws."""
    width, height = PICTURE_PIXELS
    return export.pngs((deck_figure(chart.figure) for chart in charts), scale, width, height, page=DECK_PAGE)


def titled_slide(prs, title: str, size: int):
    """A blank slide with the deck's bar on top and its title below it, once for chart, summary and table slides."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _bar(slide, 0, Inches(0.12))
    _text(
        slide,
        MARGIN,
        Inches(0.2),
        SLIDE_WIDTH - 2 * MARGIN,
        Inches(0.7),
        [title],
        size,
        bold=True,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    return slide


def chart_slide(prs, chart: standard.Chart, png: bytes, ctx) -> None:
    """The chart's title on top, its picture filling the content area, unit, period, date and source below."""
    slide = titled_slide(prs, chart.title, 26)
    _add_picture(slide, png, MARGIN, PICTURE_TOP, SLIDE_WIDTH - 2 * MARGIN, PICTURE_BOTTOM - PICTURE_TOP)
    _footnote(
        slide, "　".join(filter(None, [chart.facts, t("source_line", ctx.lang, source=chart.source), chart.caveats]))
    )
    _notes(slide, "\n".join(filter(None, [chart.title, chart.notes, chart.caveats])))


def summary_slide(prs, ctx, progress: pd.DataFrame) -> None:
    """Slide 2: the counts by status and the targets behind, with gap and rank, in words read in ten seconds."""
    L = ctx.lang
    title = t("deck_summary_title", L, year=ctx.year)
    slide = titled_slide(prs, title, 28)
    main = main_only(progress, ctx.project.catalogue)
    counts = [
        t("deck_summary_main", L, n=len(main), counts=strip_text(status_counts(main), L)),
        t("deck_summary_all", L, n=len(progress), counts=strip_text(status_counts(progress), L)),
    ]
    _text(slide, MARGIN, Inches(1.05), SLIDE_WIDTH - 2 * MARGIN, Inches(1.0), counts, 22, bold=True)
    lines = summary_lines(ctx, progress)
    _text(slide, MARGIN, Inches(2.2), SLIDE_WIDTH - 2 * MARGIN, Inches(4.6), lines, 20)
    _footnote(slide, f"{t('source_line', L, source=ctx.source)}　{t('as_of', L, period=ctx.as_of)}")
    _notes(slide, "\n".join([title, *counts, *lines]))


SUMMARY_BEHIND = 6  # lines of targets behind on the summary slide; the rest are counted
UNREAD = ("pending", "unjudged")  # no status to read: awaiting a figure, or the scope of a task (collapsed by area)


def summary_lines(ctx, progress: pd.DataFrame) -> list[str]:
    """The summary slide's body: the targets behind (main targets first), those close, or why there are none."""
    L = ctx.lang
    if progress["status"].isin(UNREAD).all():
        return [t("deck_summary_pending", L, year=ctx.year, prev=ctx.prev)]
    behind = progress[progress["status"] == "behind"]
    behind = behind.assign(main=~is_main(behind, ctx.project.catalogue)).sort_values("main", kind="stable")
    lines = [t("deck_summary_behind", L) + t("colon", L).rstrip()]
    lines += [
        f"✖ {position_line(row, ctx.year, L, ctx.project.regions.scope(L))}"
        for row in behind.head(SUMMARY_BEHIND).itertuples()
    ]
    if len(behind) > SUMMARY_BEHIND:
        lines.append(t("deck_summary_more", L, n=len(behind) - SUMMARY_BEHIND))
    if behind.empty:
        lines = [t("deck_summary_none_behind", L)]
    close = progress[(progress["status"] == "close") & is_main(progress, ctx.project.catalogue)]
    if not close.empty:
        names = pick("、", ", ", L).join(close[column_for("name", L)])
        lines.append(f"◐ {t('deck_summary_close', L, names=names)}")
    return lines


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
        part = images[image.sha1] = ImagePart(
            PackURI(f"/ppt/media/image{len(images) + 1}.{image.ext}"),
            image.content_type,
            package,
            image.blob,
            image.filename,
        )
    pptx_add_picture_part(slide.shapes, part, slide.part.relate_to(part, RT.IMAGE), left, top, width, height)


def _status_colour(text: str) -> str:
    for mark, colour, _ in STYLE.values():
        if text.startswith(mark):
            return colour
    return INK


def table_rows(ctx, progress: pd.DataFrame) -> list[list[str] | str]:
    """The summary table's rows: targets with a figure, behind first, then close, then met (status, indicator,
    target, latest, period, gap); then one line per work area for the targets still awaiting a figure, and one for
    the targets that are the scope of a task (not judged)."""
    summary = standard.targets_table(ctx, progress)  # behind first, in the order of the progress frame
    ordered = progress.sort_values(["status_order"], kind="stable")
    judged = (~ordered["status"].isin(UNREAD)).to_numpy()
    shown = summary[judged].iloc[:, :6]
    rows: list[list[str] | str] = [list(map(str, values)) for values in shown.itertuples(index=False)]
    categories = store.categories(ctx.con).set_index("id")
    name = column_for("name", ctx.lang)
    waiting = ordered[~judged]
    order = {section: n for n, section in enumerate(categories.index)}  # the report's order of work areas
    for status in UNREAD:
        these = waiting[waiting["status"] == status]
        for section in sorted(dict.fromkeys(these["section"]), key=lambda s: order.get(s, len(order))):
            names = these.loc[these["section"] == section, name].tolist()
            area = categories[pick("name_zh", "name_en", ctx.lang)].get(section, section)
            listed = pick("、", ", ", ctx.lang).join(names)
            if len(listed) > PENDING_CHARACTERS:
                listed = listed[:PENDING_CHARACTERS].rstrip("、, ") + "…"
            rows.append(f"{area}　{t(f'deck_{status}_row', ctx.lang, n=len(names), names=listed)}")
    return rows


PENDING_CHARACTERS = 44  # a collapsed 待更新 line lists names up to one table row's width


def table_slides(prs, ctx, progress: pd.DataFrame) -> None:
    """The year's targets, TABLE_ROWS lines to a slide (table_rows), status first."""
    summary = standard.targets_table(ctx, progress)
    columns = list(summary.columns[:6])  # the quote stays in the downloads: too long for a slide
    rows = table_rows(ctx, progress)
    parts = max(1, -(-len(rows) // TABLE_ROWS))
    counts = status_counts(progress)
    in_words = strip_text(counts, ctx.lang)
    styled = _Cells()
    for part in range(parts):
        chunk = rows[part * TABLE_ROWS : (part + 1) * TABLE_ROWS]
        title = t("deck_table_title", ctx.lang, year=ctx.year, part=part + 1, parts=parts)
        slide = titled_slide(prs, title, 26)
        shape = slide.shapes.add_table(
            len(chunk) + 1,
            len(columns),
            MARGIN,
            Inches(1.0),
            sum(Inches(w) for w in TABLE_WIDTHS),
            Inches(0.36) * (len(chunk) + 1),
        )
        table = shape.table
        for n, width in enumerate(TABLE_WIDTHS):
            table.columns[n].width = Inches(width)
        for c, name in enumerate(columns):
            styled(table.cell(0, c), name, bold=True, fill="#f0f0f0")
        for r, values in enumerate(chunk, start=1):
            if isinstance(values, str):  # a work area's targets awaiting figures, on one merged line
                table.cell(r, 0).merge(table.cell(r, len(columns) - 1))
                _cell(table.cell(r, 0), values, colour=STYLE["pending"][1])
                continue
            for c, value in enumerate(values):
                colour = _status_colour(value) if c == 0 else INK
                styled(table.cell(r, c), value, colour=colour, bold=c == 0)
        note = t("deck_table_note", ctx.lang, n=len(summary), year=ctx.year)
        frame = f"{t('source_line', ctx.lang, source=ctx.source)}　{t('as_of', ctx.lang, period=ctx.as_of)}"
        _footnote(slide, f"{note}　{frame}")
        _notes(slide, f"{title}\n{note}\n{in_words}")


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
            self._styled[look] = pptx_cell_element(cell)
            return
        tc = copy.deepcopy(model)
        tc.find(f"{qn('a:txBody')}/{qn('a:p')}/{qn('a:r')}").text = text  # CT_RegularTextRun: escapes as run.text does
        pptx_cell_element(cell).getparent().replace(pptx_cell_element(cell), tc)


def _mark_language(prs, lang: str) -> None:
    """Tag every run with its language: where the named font is missing, the application then falls back to
    Simplified Chinese glyphs (LibreOffice otherwise picks a Japanese CJK face)."""
    main, other = pick(("zh-CN", "en-US"), ("en-US", "zh-CN"), lang)
    for slide in prs.slides:
        shapes = [slide.shapes] + ([slide.notes_slide.shapes] if slide.has_notes_slide else [])
        parts = [pptx_shape_tree(s) for s in shapes]
        for tree in parts:
            for rPr in tree.iter(qn("a:rPr"), qn("a:endParaRPr")):
                rPr.set("lang", main)
                rPr.set("altLang", other)


def deck_bytes(
    ctx,
    charts: list[standard.Chart],
    images: list[bytes],
    today: dt.date | None = None,
    progress: pd.DataFrame | None = None,
) -> bytes:
    """The deck from charts and their slide pictures (slide_pngs, same order), with the year's target table at the end.
    `progress`: target_progress (loaders/judging/target_progress.py) of ctx's year and region, when the caller has
    it already."""
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    prs = _started(ctx, today, progress)
    for chart, png in zip(charts, images, strict=True):
        chart_slide(prs, chart, png, ctx)
    return _finished(prs, ctx, progress)


def meeting_deck(
    ctx,
    keys: list[str] | None = None,
    scale: float = 1,
    progress: pd.DataFrame | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The whole deck for the chosen charts (default: standard.default_keys), drawn with one browser: each chart
    is drawn while the next is built and the slide before it is made (export.pngs)."""
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    keys = standard.default_keys(standard.menu(ctx, progress)) if keys is None else keys
    charts = standard.each_chart(ctx, keys, progress)
    prs = _started(ctx, today, progress)
    built: list[standard.Chart] = []

    def each():
        for chart in charts:
            built.append(chart)
            yield chart

    for n, png in enumerate(slide_pngs(each(), scale)):
        chart_slide(prs, built[n], png, ctx)
    return _finished(prs, ctx, progress)


def _started(ctx, today: dt.date | None, progress: pd.DataFrame):
    """A widescreen presentation with its cover and the summary slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    cover(prs, ctx, today or dt.date.today())
    summary_slide(prs, ctx, progress)
    return prs


def _finished(prs, ctx, progress: pd.DataFrame | None) -> bytes:
    """The target table appended, every run tagged with its language, the file's bytes."""
    progress = target_progress(ctx.con, ctx.year, ctx.region) if progress is None else progress
    table_slides(prs, ctx, progress)
    _mark_language(prs, ctx.lang)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def file_name(ctx, ascii_only: bool = False) -> str:
    """The deck's file name in the reader's language (某市2023年主要指标会议材料-数据截至2023年6月.pptx); ASCII
    for the command line and scripts (meeting-deck-2023-as-of-2023-06.pptx)."""
    if ascii_only:
        return f"meeting-deck-{ctx.year}-as-of-{ctx.latest_period or ctx.prev}.pptx"
    return (
        export.safe_file_name(
            t("deck_file", ctx.lang, region=standard.region_label(ctx), year=ctx.year, as_of=ctx.as_of)
        )
        + ".pptx"
    )
