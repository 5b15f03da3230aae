"""The monthly template staff fill in: every indicator published that month, last figures for reference."""
from __future__ import annotations

import io

from .numbers import number_text
from .project import Project

HEADER = ["指标代码", "指标名称", "单位", "期间", "累计值", "累计增长(%)", "全省排名", "备注",
          "上期期间", "上期累计值", "上期累计增长(%)", "上期全省排名"]
EDITABLE = {"累计值", "累计增长(%)", "全省排名", "备注"}
INSTRUCTIONS = [
    "填表说明",
    "1. 每月一个文件，每行一个指标；数字为自1月起的累计数。",
    "2. 只填“累计值”“累计增长(%)”“全省排名”“备注”四列；灰色列（代码、名称、单位、期间、上期数）不要改。",
    "3. 数字可写成 12.5、12.5%、１２．５、1,234.5；没有数字的格子留空或写“-”。增长下降写负数，如 -3.1。",
    "4. 全省排名填 1–16 的整数（第1位最好）。",
    "5. 季度指标只在3、6、9、12月有数；年度指标只在12月有数。",
    "6. 保存为 Excel 工作簿（.xlsx）或 CSV（UTF-8 或 GBK 均可），在“数据维护”页上传：先看预览，确认后再应用；应用后可撤销。",
]


def published_in(frequency: str, month: int) -> bool:
    return frequency == "monthly" or (frequency == "quarterly" and month in (3, 6, 9, 12)) or month == 12


def template_rows(project: Project, period: str) -> list[list[str]]:
    """One row per indicator published in `period` (YYYY-MM), with its latest earlier figures of the year."""
    year, month = period[:4], int(period[5:7])
    earlier: dict[str, dict[str, tuple[str, float]]] = {}
    for f in project.facts:
        if (f.scenario == "actual" and f.region == project.catalogue.region and len(f.period) == 7
                and f.period[:4] == year and f.period < period):
            seen = earlier.setdefault(f.indicator_id, {})
            if f.measure not in seen or seen[f.measure][0] < f.period:
                seen[f.measure] = (f.period, f.value)
    rows = []
    for indicator in project.catalogue.indicators.values():
        if not published_in(indicator.frequency, month):
            continue
        before = earlier.get(indicator.id, {})
        last_period = max((p for p, _ in before.values()), default="")
        figure = {m: number_text(v) for m, (p, v) in before.items() if p == last_period}
        rows.append([indicator.id, indicator.name_zh, indicator.unit, period, "", "", "", "", last_period,
                     figure.get("level", ""), figure.get("yoy_pct", ""), figure.get("rank", "")])
    return rows


def template_csv(project: Project, period: str) -> bytes:
    import csv
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(template_rows(project, period))
    return out.getvalue().encode("utf-8-sig")  # with BOM: Excel on Chinese Windows opens it correctly


def template_xlsx(project: Project, period: str) -> bytes:
    """A workbook: the month's sheet (title row, header, rows; helper columns locked and grey) and instructions."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill, Protection

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = period
    sheet.append([f"{project.catalogue.region}主要指标月度数据 {period[:4]}年1–{int(period[5:7])}月（累计）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADER)
    for row in template_rows(project, period):
        sheet.append(row)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for column, name in enumerate(HEADER, start=1):
        letter = openpyxl.utils.get_column_letter(column)
        sheet.column_dimensions[letter].width = 28 if name == "指标名称" else 14
        sheet.cell(row=2, column=column).font = Font(bold=True)
        for cell in sheet[letter][2:]:
            if name in EDITABLE:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
    sheet.freeze_panes = "C3"
    sheet.protection.sheet = True  # helper columns read-only; no password, so it is a guard, not a secret
    notes = book.create_sheet("填表说明")
    for line in INSTRUCTIONS:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
