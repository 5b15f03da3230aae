"""The monthly template staff fill in: every indicator published that month, last figures for reference."""

from __future__ import annotations

import io

from loaders.io.numbers import number_text
from loaders.io.tables import neutralise
from loaders.judging.periods import published_in
from loaders.judging.vocabulary import MONTHLY_PARTS
from loaders.project import Project

HEADER = [
    "指标代码",
    "指标名称",
    "单位",
    "期间",
    "累计值",
    "累计增长(%)",
    "全省排名",
    "备注",
    "上期期间",
    "上期累计值",
    "上期累计增长(%)",
    "上期全省排名",
]
EDITABLE = {"累计值", "累计增长(%)", "全省排名", "备注"}
INSTRUCTIONS = [
    "填表说明",
    "1. 每月一个文件，每行一个指标；数字为自1月起的累计数。",
    "2. 只填“累计值”“累计增长(%)”“全省排名”“备注”四列；灰色列（代码、名称、单位、期间、上期数）不要改。",
    "3. 直接填数字，如 12.5、1234.5；增长下降写负数，如 -3.1；没有数字的格子留空。Excel 模板只接受数字（填错时会提示）；"
    "增长不要加 %（Excel 会把 12.5% 存成 0.125）。CSV 中也可写 １２．５、1,234.5 或“-”。",
    "4. 全省排名填 1–{regions} 的整数（第1位最好）；Excel 模板只接受这个范围内的整数。",
    "5. 季度指标只在3、6、9、12月有数；年度指标只在12月有数。",
    "6. 保存为 Excel 工作簿（.xlsx）或 CSV（UTF-8 或 GBK 均可），在“数据维护”页上传：先看预览，确认后再应用；应用后可撤销。",
]


def template_rows(project: Project, period: str) -> list[list[str]]:
    """One row per indicator published in `period` (YYYY-MM), with its latest earlier figures of the year."""
    year, month = period[:4], int(period[5:7])
    earlier: dict[str, dict[str, tuple[str, float]]] = {}
    for f in project.facts:
        if (
            f.scenario == "actual"
            and f.region == project.catalogue.region
            and len(f.period) == 7
            and f.period[:4] == year
            and f.period < period
        ):
            seen = earlier.setdefault(f.indicator_id, {})
            if f.measure not in seen or seen[f.measure][0] < f.period:
                seen[f.measure] = (f.period, f.value)
    rows = []
    categories = project.catalogue.categories
    for indicator in project.catalogue.indicators.values():
        if categories[indicator.category].part not in MONTHLY_PARTS or not published_in(indicator.frequency, month):
            continue
        before = earlier.get(indicator.id, {})
        last_period = max((p for p, _ in before.values()), default="")
        figure = {m: number_text(v) for m, (p, v) in before.items() if p == last_period}
        rows.append(
            [
                indicator.id,
                indicator.name_zh,
                indicator.unit,
                period,
                "",
                "",
                "",
                "",
                last_period,
                figure.get("level", ""),
                figure.get("yoy_pct", ""),
                figure.get("rank", ""),
            ]
        )
    return rows


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])  # a note may start with = (see neutralise)
    return out.getvalue().encode("utf-8-sig")  # with BOM: Excel on Chinese Windows opens it correctly


def _number_rules(regions: int) -> dict[str, tuple[str, str, str, str, str]]:
    """Excel data validation for the monthly template's figure columns: (type, low, high, title, message).
    A growth beyond ±1000 % or a figure beyond 10^12 is a typing error, not a statistic."""
    return {
        "累计值": (
            "decimal",
            "-1000000000000",
            "1000000000000",
            "累计值",
            "请填数字（指标单位，见“单位”列），如 1234.5；没有数字时留空。",
        ),
        "累计增长(%)": (
            "decimal",
            "-1000",
            "1000",
            "累计增长(%)",
            "请填数字，如 12.5 或 -3.1，不要加 %；没有数字时留空。",
        ),
        "全省排名": (
            "whole",
            "1",
            str(regions),
            "全省排名",
            f"请填 1 到 {regions} 的整数（第1位最好）；没有排名时留空。",
        ),
    }


def _validate(sheet, letter: str, rule: tuple[str, str, str, str, str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    kind, low, high, title, message = rule
    check = DataValidation(
        type=kind,
        operator="between",
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=message,
        showInputMessage=True,
        promptTitle=title,
        prompt=message,
    )
    sheet.add_data_validation(check)
    check.add(f"{letter}3:{letter}{max(3, sheet.max_row)}")


def _workbook(
    sheet_title: str,
    title: str,
    header: list[str],
    rows: list[list[str]],
    editable: set[str],
    widths: dict[str, int],
    instructions: list[str],
    choices: dict[str, list[str]] | None = None,
    numbers: dict[str, tuple[str, str, str, str, str]] | None = None,
) -> bytes:
    """A workbook: one sheet (title row, header, rows; the columns staff must not change locked and grey; a drop-down
    list for columns with fixed choices; figure columns that take only numbers in their range) and a sheet of
    instructions."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])  # openpyxl would store "=…" as a live formula
    grey = PatternFill("solid", fgColor="EEEEEE")
    for column, name in enumerate(header, start=1):
        letter = openpyxl.utils.get_column_letter(column)
        sheet.column_dimensions[letter].width = widths.get(name, 14)
        sheet.cell(row=2, column=column).font = Font(bold=True)
        for cell in sheet[letter][2:]:
            if name in editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
        if choices and name in choices:
            listed = DataValidation(type="list", formula1='"' + ",".join(choices[name]) + '"', allow_blank=True)
            sheet.add_data_validation(listed)
            listed.add(f"{letter}3:{letter}{max(3, sheet.max_row)}")
        if numbers and name in numbers:
            _validate(sheet, letter, numbers[name])
    sheet.freeze_panes = "C3"
    sheet.protection.sheet = True  # helper columns read-only; no password, so it is a guard, not a secret
    notes = book.create_sheet("填表说明")
    for line in instructions:
        notes.append([line])
    notes.column_dimensions["A"].width = 110
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def template_csv(project: Project, period: str) -> bytes:
    return _csv(HEADER, template_rows(project, period))


def template_xlsx(project: Project, period: str) -> bytes:
    """The month's sheet, named for the month (so an upload reads it even with other sheets) and instructions."""
    title = f"{project.catalogue.region}主要指标月度数据 {period[:4]}年1–{int(period[5:7])}月（累计）"
    instructions = [line.format(regions=project.regions.count) for line in INSTRUCTIONS]  # ranks: 1..regions listed
    return _workbook(
        period,
        title,
        HEADER,
        template_rows(project, period),
        EDITABLE,
        {"指标名称": 28},
        instructions,
        numbers=_number_rules(project.regions.count),
    )


# --- the self-assessment template: one row per evaluation point and veto item, filled with the current entries ---
SELF_HEADER = ["评价要点编号", "评价要点", "所属部分", "分值", "牵头单位", "自评得分", "进展状态", "说明"]
SELF_EDITABLE = {"自评得分", "进展状态", "说明"}
SELF_INSTRUCTIONS = [
    "填表说明",
    "1. 每行一个评价要点（P01…）或否决项（V96…）；只填“自评得分”“进展状态”“说明”三列，其他列不要改。",
    "2. 自评得分在 0 到该要点分值之间，可写小数（如 2.5）；否决项不计分，得分留空。",
    "3. 进展状态填：未开始、推进中、已完成、有风险；否决项还可填“已触发”。",
    "4. 表中已填入当前自评；上传后先看预览，确认后再应用；应用后可撤销。",
]


def self_template_rows(project: Project, assessment_id: str) -> list[list[str]]:
    from loaders.documents.self_assessment import STATUSES

    assessment = project.assessments[assessment_id]
    current = {e.point: e for e in project.self_assessments.get(assessment_id, [])}

    def filled(pid: str) -> list[str]:
        entry = current.get(pid)
        if entry is None:
            return ["", STATUSES["not_started"][0], ""]
        return ["" if entry.score is None else number_text(entry.score), STATUSES[entry.status][0], entry.note]

    rows = [
        [p.id, p.name_zh, assessment.parts[p.part].name_zh, number_text(p.points), "、".join(p.leads), *filled(p.id)]
        for p in assessment.points.values()
    ]
    rows += [[v.id, v.content, "否决项", "", "、".join(v.lead), *filled(v.id)] for v in assessment.vetoes.values()]
    return rows


def self_template_csv(project: Project, assessment_id: str) -> bytes:
    return _csv(SELF_HEADER, self_template_rows(project, assessment_id))


def self_template_xlsx(project: Project, assessment_id: str) -> bytes:
    from loaders.documents.self_assessment import STATUSES

    title = f"{project.assessments[assessment_id].name_zh} 自评表"
    return _workbook(
        "自评",
        title,
        SELF_HEADER,
        self_template_rows(project, assessment_id),
        SELF_EDITABLE,
        {"评价要点": 40, "牵头单位": 30, "说明": 40, "评价要点编号": 12, "所属部分": 12, "分值": 8},
        SELF_INSTRUCTIONS,
        {"进展状态": [zh for zh, _ in STATUSES.values()]},
    )
