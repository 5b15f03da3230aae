"""报告草稿审核: upload a report's text, review the drafted catalogue by section with each clause shown in its
paragraph, keep/edit/drop rows, then write a draft folder or add the report to this project as a new year through
the same locked, atomic, undoable path as monthly updates. Staff only; nothing is written before the button."""

import pandas as pd
import streamlit as st

from charts.i18n import t
from loaders import shared_store
from loaders.staff import updates
from loaders.judging.comparators import COMPARATORS
from loaders.extract import extract
from loaders.extract.draft import Meta
from loaders.extract.grammar import SECTIONS, report_year_hint
from loaders.extract.review import (
    EDITABLE,
    NO_COMPARATOR,
    added_year_files,
    by_section,
    draft_frame,
    free_text_name,
    in_language,
    new_folder_files,
    paragraph_with_clause,
    problems_after,
    reviewed,
)
from loaders.extract.text import UnreadableText, decode
from loaders.io.language import pick
from loaders.project import data_root, load_project
from loaders.judging.vocabulary import MEASURE_NAMES
from pages.common import lang, leave_folder_mode
from pages.staff import signed_in_user

leave_folder_mode()
L = lang()
WORDS = {  # this page's own words, Chinese first
    "intro": (
        "上传报告全文（TXT，UTF-8 或 GBK），系统按规则起草指标目录：上年实绩、主要预期目标、任务目标。逐行核对后再写入；写入前不会改动任何文件。",
        (
            "Upload the report's full text (TXT, UTF-8 or GBK): rules draft the catalogue (last year's results, main "
            "targets, task targets). Review every row before writing; nothing is written until you do."
        ),
    ),
    "upload": ("报告全文（TXT）", "Report text (TXT)"),
    "region": ("地区", "Region"),
    "year": ("报告年份（目标所属年份）", "Report year (the targets' year)"),
    "markers": ("只取正文的一部分（可选）", "Use only part of the text (optional)"),
    "starts": ("正文开头（原文照抄）", "Part starts with (verbatim)"),
    "ends": ("正文结尾（原文照抄）", "Part ends with (verbatim)"),
    "waiting": ("请先上传报告全文。", "Upload a report's text first."),
    "summary": (
        "起草 {n} 条：实绩 {results}，主要预期目标 {main_targets}，任务目标 {task_targets}；另有 {nf} 个数字不是指标（见下方）。取消“保留”即删去该行，单元格可直接修改。",
        "{n} rows drafted: {results} results, {main_targets} main targets, {task_targets} task targets; {nf} numbers are not facts (below). Untick Keep to drop a row; edit any cell.",
    ),
    "results": ("上年实绩", "Last year's results"),
    "main_targets": ("主要预期目标", "Main targets"),
    "task_targets": ("任务目标", "Task targets"),
    "none": ("（无）", "(none)"),
    "clause_title": ("原文中的位置", "Where it is in the text"),
    "clause_pick": ("选择一行查看原句", "Pick a row to see its sentence"),
    "not_facts": ("不是指标的数字（{n}）", "Numbers that are not facts ({n})"),
    "write_title": ("写入", "Write"),
    "mode": ("写入方式", "How to write"),
    "mode_folder": ("新建草稿文件夹（drafts/ 下）", "A new draft folder (under drafts/)"),
    "mode_year": ("作为新一年的报告加入本项目", "Add to this project as a new report year"),
    "folder": ("文件夹名", "Folder name"),
    "write": ("检查并写入", "Check and write"),
    "bad_cells": ("以下行的单元格有误，未写入任何文件：", "Some cells are wrong; nothing was written:"),
    "invalid": ("写入后的文件无法通过检查，未写入任何文件：", "The files would not validate; nothing was written:"),
    "written": (
        "已写入 {n} 个文件，记为第 {id} 次更新；可在“数据维护”页撤销。",
        "{n} files written as update {id}; undo it on the maintenance page.",
    ),
    "busy": ("另一位同事正在保存更新，请稍后重试", "Another update is being applied: try again shortly"),
    "keep": ("保留", "Keep"),
    "year_hint": (
        "正文标题表明这是 {hint} 年的报告，而上面填的是 {year} 年：期间与实绩/目标的划分以填写的年份为准，请核对。",
        (
            "The text's headings say this is the {hint} report, but {year} is entered above: periods and the "
            "split into results and targets follow the year entered, so check it."
        ),
    ),
    "share": ("比重", "Share"),
    "actual": ("实绩", "Result"),
    "target": ("目标", "Target"),
}
COLUMN_NAMES = {
    "keep": "keep",
    "name": ("指标名称", "Indicator"),
    "period": ("期间", "Period"),
    "measure": ("量度", "Measure"),
    "scenario": ("类别", "Kind"),
    "comparator": ("比较", "Comparator"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "quote": ("原句", "Clause"),
    "confidence": ("置信度", "Confidence"),
    "reason": ("依据", "Why"),
}


def w(key: str, **values) -> str:
    zh, en = WORDS[key]
    return pick(zh, en, L).format(**values)


def label(column: str) -> str:
    if column == "keep":
        return w("keep")
    zh, en = COLUMN_NAMES[column]
    return pick(zh, en, L)


@st.cache_data(show_spinner=False, max_entries=4)
def drafted(data: bytes, region: str, year: int, known: tuple, starts: str, ends: str):
    return extract(decode(data), region, year, dict(known), starts or None, ends or None)


user = signed_in_user()
if user is None:  # dashboard.py lists this page only for staff; a stale link lands here
    st.error(t("signin", L))
    st.stop()

root = data_root()
project = load_project(root)
st.title(t("draft_review", L))
st.caption(w("intro"))
uploaded = st.file_uploader(w("upload"), type=["txt"], key="report_text")
left, right = st.columns(2)
region = left.text_input(w("region"), value=project.catalogue.region if project.catalogue else "", key="draft_region")
years = [f.period[:4] for f in project.facts if f.scenario == "target"]
year = int(right.number_input(w("year"), value=int(max(years)) + 1 if years else 2024, step=1, key="draft_year"))
with st.expander(w("markers")):
    starts = st.text_input(w("starts"), key="draft_starts")
    ends = st.text_input(w("ends"), key="draft_ends")
if uploaded is None:
    st.info(w("waiting"))
    st.stop()

try:
    original = decode(uploaded.getvalue())
    draft = drafted(uploaded.getvalue(), region, year, tuple(sorted(project.regions.aliases.items())), starts, ends)
except (UnreadableText, ValueError) as exc:
    st.error(str(exc))
    st.stop()

hint = report_year_hint(draft.text)
if hint is not None and hint != year:
    st.warning(w("year_hint", hint=hint, year=year))
frame = draft_frame(draft, L)
sections = by_section(frame)
st.markdown(w("summary", n=len(frame), nf=len(draft.not_facts), **{s: len(sections[s]) for s in SECTIONS}))
edited = {}
config = {c: st.column_config.Column(label(c)) for c in EDITABLE + ["confidence", "reason"]}
config["keep"] = st.column_config.CheckboxColumn(label("keep"))
config["confidence"] = st.column_config.NumberColumn(label("confidence"), format="%.2f")
# Codes stay the data files' codes; the table shows them in the interface's language.
measure_names = {m: pick(*names, L) for m, names in MEASURE_NAMES.items()} | {"share": w("share")}
config["measure"] = st.column_config.SelectboxColumn(
    label("measure"), options=list(measure_names), format_func=lambda m: measure_names.get(m, m)
)
config["scenario"] = st.column_config.SelectboxColumn(
    label("scenario"), options=["actual", "target"], format_func=lambda s: w(s) if s in ("actual", "target") else s
)
config["comparator"] = st.column_config.SelectboxColumn(
    label("comparator"),
    options=[NO_COMPARATOR, *COMPARATORS],
    format_func=lambda c: COMPARATORS[c].name(L) if c in COMPARATORS else NO_COMPARATOR,
)
for section in SECTIONS:
    st.subheader(
        pick(f"{w(section)}（{len(sections[section])}）", f"{w(section)} ({len(sections[section])})", L)
    )
    if sections[section].empty:
        st.caption(w("none"))
    edited[section] = st.data_editor(
        sections[section],
        key=f"draft_{section}",
        hide_index=True,
        width="stretch",
        column_order=EDITABLE + ["confidence", "reason"],
        column_config=config,
        disabled=["confidence", "reason"],
    )

st.subheader(w("clause_title"))
choices = list(range(len(draft.facts)))
chosen_row = st.selectbox(
    w("clause_pick"),
    choices,
    key="draft_row",
    format_func=lambda n: (
        f"{w(draft.facts[n].section)} · {draft.facts[n].name} · {draft.facts[n].value if draft.facts[n].value is not None else ''}"
        f"{draft.facts[n].unit}"
    ),
)
if chosen_row is not None:
    st.markdown(paragraph_with_clause(draft.text, draft.facts[chosen_row]), unsafe_allow_html=True)
with st.expander(w("not_facts", n=len(draft.not_facts))):
    st.dataframe(
        pd.DataFrame(
            {
                label("quote"): [n.text for n in draft.not_facts],
                label("reason"): [in_language(n.reason, L) for n in draft.not_facts],
            }
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(w("write_title"))
mode = st.radio(
    w("mode"),
    ["folder", "year"],
    key="draft_mode",
    horizontal=True,
    format_func=lambda m: w("mode_folder") if m == "folder" else w("mode_year"),
)
folder = st.text_input(w("folder"), value=f"{region}-{year}", key="draft_folder") if mode == "folder" else None
st.button(w("write"), type="primary", key="draft_write", on_click=lambda: st.session_state.update(draft_write_now=True))
if st.session_state.pop("draft_write_now", False):  # the edited tables are read below, in this run
    final, bad = reviewed(draft, list(edited.values()))
    if bad:
        st.error(w("bad_cells") + "\n\n" + "\n".join(f"- {b}" for b in bad))
        st.stop()
    meta = Meta(
        region,
        year,
        free_text_name(root, uploaded.name, year) if mode == "year" else "report.txt",
        source_id=f"work-report-{year}",
        starts_with=starts or None,
        ends_with=ends or None,
    )
    files = (
        new_folder_files(folder, final, meta, original)
        if mode == "folder"
        else added_year_files(root, final, meta, original)
    )
    problems = problems_after(root, files, folder if mode == "folder" else None)
    if problems:
        st.error(w("invalid") + "\n\n" + "\n".join(f"- {p.format(L)}" for p in problems[:20]))
        st.stop()
    try:
        entry = updates.apply_files(
            root, user, uploaded.name, files, "report_draft" if mode == "folder" else "report_year"
        )
    except updates.Busy:
        st.warning(w("busy"))
        st.stop()
    st.cache_data.clear()
    shared_store.prepare(root)  # the new version, built once for every app process on this data folder
    st.success(w("written", n=len(files), id=entry["id"]))
