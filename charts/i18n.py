"""Interface words in Chinese and English; Chinese first."""
from __future__ import annotations

LABELS = {
    # frame and navigation
    "app_title": ("临沧市政府工作报告指标看板", "Lincang Government Work Report Dashboard"),
    "language": ("语言 Language", "语言 Language"),
    "overview": ("总览", "Overview"),
    "growth": ("增长速度", "Growth rates"),
    "progress": ("目标与实绩", "Targets vs actuals"),
    "rankings": ("全省排名", "Provincial rankings"),
    "tasks": ("重点任务", "Task targets"),
    "sources": ("指标与来源", "Indicators & sources"),
    "source_line": ("来源：{source}", "Source: {source}"),
    "as_of": ("数据截至{period}", "Data as of {period}"),
    "not_given": ("报告未给出", "not in the report"),
    "problems_title": ("数据文件有错误，看板暂不显示。请运行 python -m loaders validate 查看并修正：",
                       "The data files have errors, so the dashboard shows nothing. Run python -m loaders validate and fix:"),
    "download_csv": ("下载数据 CSV", "Download data (CSV)"),
    "download_xlsx": ("下载数据 Excel", "Download data (Excel)"),
    "indicator": ("指标", "Indicator"),
    "category": ("分类", "Category"),
    "all": ("全部", "All"),
    "unit": ("单位", "Unit"),
    "quote": ("原文", "Source sentence"),
    "period": ("期间", "Period"),
    # status
    "status": ("状态", "Status"),
    "status_met": ("已达标", "Met"),
    "status_close": ("接近目标", "Close"),
    "status_behind": ("落后", "Behind"),
    "status_pending": ("待更新", "Awaiting data"),
    # overview
    "overview_title": ("{year}年主要预期目标", "Main targets for {year}"),
    "overview_caption": ("先列落后的指标。状态只按{year}年的数据判断；没有{year}年数据的，显示{prev}年实绩作参考。",
                         "Indicators behind target come first. Status uses {year} figures only; where none exist yet, the {prev} result is shown for reference."),
    "no_monthly": ("尚无{year}年的月度数据：卡片显示政府工作报告中的{prev}年实绩与{year}年目标，达标状态待更新。",
                   "No monthly figures for {year} yet: the cards show the {prev} results and the {year} targets from the "
                   "work report; progress will show once figures arrive."),
    "card_target": ("目标：{target}", "Target: {target}"),
    "card_reference": ("{prev}年实绩（参考）", "{prev} result (reference)"),
    "card_latest": ("{period}累计", "{period}, year to date"),
    "card_gap": ("差距 {gap}", "Gap {gap}"),
    "card_rank": ("{period}全省{rank}", "{rank} in province, {period}"),
    "card_link": ("查看图表", "Open chart"),
    "pp": ("{value}个百分点", "{value} pp"),
    "rank_up": ("较上期上升{n}位", "up {n} since last period"),
    "rank_down": ("较上期下降{n}位", "down {n} since last period"),
    "rank_same": ("与上期持平", "unchanged"),
    # growth page
    "growth_title": ("增长速度：{prev}年实绩与{year}年目标", "Growth: {prev} results and {year} targets"),
    "growth_chart_title": ("增长速度：{prev}年实绩与{year}年目标", "Growth: {prev} results and {year} targets"),
    "main_growth_title": ("主要指标：{prev}年增长与{year}年目标", "Main indicators: {prev} growth and {year} target"),
    "growth_axis": ("增长（%）", "Growth (%)"),
    "series_prev": ("{prev}年实绩", "{prev} result"),
    "series_target": ("{year}年目标", "{year} target"),
    "series_latest": ("{year}年最新累计", "{year} latest, year to date"),
    "sort_by": ("排序", "Sort by"),
    "sort_report": ("报告顺序", "Report order"),
    "sort_prev": ("{prev}年增长", "{prev} growth"),
    "sort_target": ("{year}年目标", "{year} target"),
    "prev_growth": ("{prev}年增长", "{prev} growth"),
    "prev_rank": ("{prev}年增速全省排名", "{prev} growth rank"),
    "target": ("{year}年目标", "{year} target"),
    "prev_level": ("{prev}年实绩", "{prev} result"),
    # progress page
    "progress_title": ("目标与实绩", "Targets versus actuals"),
    "progress_chart_title": ("{name}：{year}年累计增长与目标", "{name}: cumulative growth in {year} against target"),
    "progress_level_title": ("{name}：{year}年累计数与序时进度", "{name}: year-to-date figure against the pro-rated target"),
    "month_axis": ("月份（1月起累计）", "Month (cumulative from January)"),
    "target_band": ("目标区间（{target}）", "Target band ({target})"),
    "expected_now": ("序时进度应达", "Pro-rated target by now"),
    "gap_now": ("差距", "Gap"),
    "needed_rest": ("余下月份需增长", "Growth the remaining months need"),
    "needed_unknown": ("缺少累计数或上年数，无法推算", "not computable: needs the year-to-date level and last year's level"),
    "no_series": ("{name}尚无{year}年数据：下面只有报告中的{prev}年实绩与{year}年目标。",
                  "No {year} figures for {name} yet: only the {prev} result and the {year} target from the report."),
    "all_targets": ("{year}年全部目标", "Every {year} target"),
    "latest_actual": ("最新实绩", "Latest actual"),
    "latest_period": ("期间", "Period"),
    "expected": ("序时进度", "Expected by now"),
    "gap": ("差距", "Gap"),
    # rankings page
    "rankings_title": ("全省排名（16个州市，第1为最好）", "Rank in the province (16 prefectures, 1 is best)"),
    "rank_chart_title": ("{region}各指标在全省的位次", "{region}: rank of each indicator in the province"),
    "rank_axis": ("全省位次（第1位在上）", "Rank in province (1 on top)"),
    "rank_axis_best_left": ("全省位次（1为最好）", "Rank in province (1 is best)"),
    "rank_unit": ("位次", "rank"),
    "rank_basis_yoy_pct": ("按增速", "by growth"),
    "rank_basis_level": ("按数量", "by level"),
    "rank_change": ("变化", "Change"),
    "provincial_title": ("全省比较", "Provincial comparison"),
    "provincial_chart_title": ("{name}：全省16个州（市）{period}", "{name}: the province's 16 prefectures, {period}"),
    "provincial_pick": ("比较哪个指标", "Compare which indicator"),
    "provincial_rank_note": ("{region}{period}{name}居全省第{rank}位（共{n}个）", "{region} ranks {rank} of {n} in {name}, {period}"),
    "provincial_growth_rank_note": ("；增速居全省第{rank}位", "; its growth ranks {rank}"),
    "no_provincial": ("尚未载入全省各州（市）的数字。", "No figures for all prefectures loaded yet."),
    # tasks page
    "tasks_title": ("{year}年重点任务的量化目标", "Numeric task targets for {year}"),
    "tasks_caption": ("按报告“重点抓好10个方面的工作”分组。有{year}年数据的显示进度，其余待更新。",
                      "Grouped by the report's ten work areas. Progress shows where {year} figures exist; the rest await data."),
    # sources page
    "sources_title": ("指标目录与来源", "Indicator catalogue and sources"),
    "search": ("搜索（指标名称、代码或原文）", "Search (name, id or sentence)"),
    "direction": ("方向", "Direction"),
    "higher_better": ("越高越好", "higher is better"),
    "lower_better": ("越低越好", "lower is better"),
    "scenario": ("类别", "Kind"),
    "actual": ("实绩", "result"),
    "target_kind": ("目标", "target"),
    "value": ("数值", "Value"),
    "source": ("来源", "Source"),
    "documents": ("来源文件", "Source documents"),
    "matches": ("共 {n} 条", "{n} rows"),
    # staff: sign-in and data maintenance
    "signin": ("工作人员登录", "Staff sign-in"),
    "maintenance": ("数据维护", "Data maintenance"),
    "username": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "signin_button": ("登录", "Sign in"),
    "signout_button": ("退出登录", "Sign out"),
    "signin_failed": ("用户名或密码不对", "Wrong user name or password"),
    "signin_wait": ("尝试次数过多，请 {s} 秒后再试", "Too many attempts: try again in {s} s"),
    "no_accounts": ("尚未配置工作人员账号：在 .streamlit/secrets.toml 的 [auth.staff] 中加入 用户名 = \"密码哈希\"（用 python -m loaders hash-password 生成）。",
                    "No staff accounts are configured: add name = \"hash\" under [auth.staff] in .streamlit/secrets.toml (make the hash with python -m loaders hash-password)."),
    "signed_in_as": ("已登录：{name}", "Signed in as {name}"),
    "template_title": ("1. 下载本月模板", "1. Download the month's template"),
    "template_month": ("月份", "Month"),
    "template_xlsx": ("下载模板 Excel", "Template (Excel)"),
    "template_csv": ("下载模板 CSV", "Template (CSV)"),
    "upload_title": ("2. 上传填好的文件", "2. Upload the filled-in file"),
    "upload_label": ("月度数据或全省比较文件（.xlsx 或 .csv，最大 5 MB）", "Monthly or provincial file (.xlsx or .csv, up to 5 MB)"),
    "upload_errors": ("文件有 {n} 处问题，未写入任何数据。请改正后重新上传：", "The file has {n} problem(s); nothing was written. Fix them and upload again:"),
    "upload_warnings": ("请核对以下提示（不影响应用）：", "Please check these notes (they do not block the update):"),
    "preview_title": ("预览：新增 {new}，修改 {changed}，不变 {unchanged}", "Preview: {new} new, {changed} changed, {unchanged} unchanged"),
    "apply_button": ("确认应用", "Apply"),
    "applied": ("已应用，记为第 {id} 次更新。各页面已显示新数据。", "Applied as update {id}. Every page now shows the new figures."),
    "busy": ("另一位同事正在保存更新，请稍后重试。", "Another update is being saved: try again in a moment."),
    "history_title": ("3. 更新记录", "3. History"),
    "no_history": ("还没有更新记录。", "No updates yet."),
    "undo_confirm": ("我确认撤销最近一次更新", "I want to undo the last update"),
    "undo_button": ("撤销最近一次更新", "Undo the last update"),
    "undone": ("已撤销第 {n} 次更新。", "Update {n} undone."),
    "line": ("行", "Line"),
    "reason": ("原因", "Reason"),
    "change_kind": ("变化", "Change"),
    "old_value": ("原值", "Old"),
    "new_value": ("新值", "New"),
    "file": ("文件", "File"),
    "key": ("指标与期间", "Indicator and period"),
    "column": ("列", "Column"),
    "kind_new": ("新增", "new"), "kind_changed": ("修改", "changed"), "kind_unchanged": ("不变", "unchanged"),
    "who": ("操作人", "By"), "when": ("时间", "When"), "action": ("操作", "Action"),
    # export: images and the meeting deck (charts/export.py, charts/standard.py, charts/deck.py)
    "export_image": ("导出图片", "Export image"),
    "image_size": ("图片尺寸（16:9）", "Image size (16:9)"),
    "download_png": ("下载 PNG", "Download PNG"),
    "download_svg": ("下载 SVG", "Download SVG"),
    "svg_note": ("PNG 适合幻灯片；SVG 可缩放，但不嵌入字体，没有中文字体的电脑会换用其他字体。",
                 "PNG suits slides; SVG scales, but does not embed fonts, so a PC without a Chinese font substitutes one."),
    "deck_panel": ("会议材料 PPTX", "Meeting deck (PPTX)"),
    "deck_pick": ("放入幻灯片的图表", "Charts in the deck"),
    "deck_download": ("下载会议材料 PPTX", "Download meeting deck (PPTX)"),
    "deck_caption": ("16:9，每页一张图（附标题、来源与讲稿备注），最后是{year}年全部目标的汇总表。点击后生成，每张图约需半秒。",
                     "16:9, one chart per slide with its title, source and speaker notes, then a table of every {year} "
                     "target. Built when clicked: about half a second per chart."),
    "deck_title": ("{region}{year}年政府工作报告主要指标", "{region}: {year} government work report indicators"),
    "deck_subtitle": ("会议材料", "Meeting pack"),
    "deck_date": ("制作日期：{date}", "Prepared {date}"),
    "deck_table_title": ("{year}年全部目标（{part}/{parts}）", "Every {year} target ({part}/{parts})"),
    "deck_table_note": ("共{n}项目标；状态只按{year}年数据判断，落后的排在前面。",
                        "{n} targets; status uses {year} figures only, behind-target first."),
    "part": ("（{n}/{total}）", " ({n}/{total})"),
    "menu_progress": ("目标与实绩：{name}", "Targets vs actuals: {name}"),
    # speaker notes: the figures in words
    "note_growth": ("{name}：{prev}年{prev_value}，{year}年目标{target}", "{name}: {prev_value} in {prev}; {year} target: {target}"),
    "note_latest": ("，{period}累计{value}", "; {period}, year to date: {value}"),
    "note_rank": ("，{prev}年增速全省{rank}", "; growth rank in {prev}: {rank}"),
    "note_up": ("增长{value}", "growth of {value}"),
    "note_down": ("下降{value}", "a fall of {value}"),
    "note_missing": ("增长（报告未给出）", "growth not in the report"),
    "note_target": ("{name}：{year}年目标{target}。", "{name}: {year} target {target}."),
    "note_progress": ("{period}累计{actual}，应达{expected}，差距{gap}，状态：{status}。",
                      "{period}, year to date: {actual}; expected by now {expected}; gap {gap}; status: {status}."),
    "note_needed": ("余下月份需增长{value}才能完成全年目标。", "The remaining months need growth of {value} to reach the target."),
    "note_pending": ("尚无{year}年数据；{prev}年实绩：{value}。", "No {year} figures yet; {prev} result: {value}."),
    "note_rank_row": ("{name}：{period}全省{rank}", "{name}: {rank} in the province, {period}"),
    "note_rank_before": ("（上期{rank}）", " (before: {rank})"),
    "note_provincial": ("{region}{period}{name}为{value}，居全省第{rank}位（共{n}个）；最高为{top}（{top_value}），最低为{bottom}（{bottom_value}）。",
                        "{region}: {name} {value} in {period}, rank {rank} of {n}; highest {top} ({top_value}), lowest {bottom} ({bottom_value})."),
}


def t(key: str, lang: str = "zh", **values) -> str:
    zh, en = LABELS[key]
    return (en if lang == "en" else zh).format(**values)


def status_label(status: str, lang: str = "zh") -> str:
    return t(f"status_{status}", lang)


def period_label(period: str | None, lang: str = "zh") -> str:
    """'2023-06' -> 2023年1–6月 (cumulative); '2022' -> 2022年."""
    if not period:
        return "—"
    if len(period) == 4:
        return f"{period}年" if lang != "en" else period
    year, month = period[:4], int(period[5:7])
    if lang == "en":
        return f"Jan–{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} {year}"
    return f"{year}年1月" if month == 1 else f"{year}年1–{month}月"


def as_of_label(period: str | None, lang: str = "zh") -> str:
    """The '数据截至' date: the end of the latest period."""
    if not period:
        return "—"
    if len(period) == 4:
        return f"{period}年" if lang != "en" else period
    return f"{period[:4]}年{int(period[5:7])}月" if lang != "en" else period
