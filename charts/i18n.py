"""Interface words in Chinese and English; Chinese first."""
from __future__ import annotations

LABELS = {
    "app_title": ("临沧市政府工作报告指标看板", "Lincang Government Work Report Dashboard"),
    "overview": ("总览", "Overview"),
    "language": ("语言 Language", "语言 Language"),
    "main_targets_title": ("{year}年主要预期目标与{prev}年实绩", "Main targets for {year} and results of {prev}"),
    "indicator": ("指标", "Indicator"),
    "target": ("{year}年目标", "{year} target"),
    "prev_level": ("{prev}年实绩", "{prev} result"),
    "prev_growth": ("{prev}年增长", "{prev} growth"),
    "prev_rank": ("{prev}年增速全省排名", "{prev} growth rank in province"),
    "quote": ("原文", "Source sentence"),
    "no_monthly": ("尚无{year}年的月度数据：下表是政府工作报告中的{prev}年实绩与{year}年目标，达标状态待更新。",
                   "No monthly figures for {year} yet: below are the {prev} results and the {year} targets from the "
                   "work report; progress will show once figures arrive."),
    "growth_chart_title": ("主要指标：{prev}年增长与{year}年目标", "Main indicators: {prev} growth and {year} target"),
    "growth_axis": ("增长（%）", "Growth (%)"),
    "series_prev": ("{prev}年实绩", "{prev} result"),
    "series_target": ("{year}年目标", "{year} target"),
    "source_line": ("来源：{source}", "Source: {source}"),
    "as_of": ("数据截至{period}", "Data as of {period}"),
    "not_given": ("报告未给出", "not in the report"),
    "problems_title": ("数据文件有错误，看板暂不显示。请运行 python -m loaders validate 查看并修正：",
                       "The data files have errors, so the dashboard shows nothing. Run python -m loaders validate and fix:"),
    "tied_to": ("与{name}增长同步", "in step with {name} growth"),
}


def t(key: str, lang: str = "zh", **values) -> str:
    zh, en = LABELS[key]
    return (en if lang == "en" else zh).format(**values)
