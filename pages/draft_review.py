"""报告草稿审核: upload a report (Word, PDF, web page or text), review the drafted catalogue by section with each clause shown in its
paragraph, keep/edit/drop rows, then write a draft folder or add the report to this project as a new year through
the same locked, atomic, undoable path as monthly updates. Staff only; nothing is written before the button."""

import pandas as pd
import streamlit as st

from charts.format import plain_markdown
from charts.i18n import t
from loaders import shared_store
from loaders.extract import extract, review_state
from loaders.extract.documents import FORMATS, HTML_SUFFIXES, MAX_CHARS, MAX_FILE_MB, read_document
from loaders.extract.draft import Meta
from loaders.extract.grammar import SECTIONS, report_year_hint
from loaders.extract.review import (
    EDITABLE,
    NO_COMPARATOR,
    added_year_files,
    by_section,
    confidence_marked,
    draft_frame,
    free_text_name,
    in_language,
    least_sure_first,
    new_folder_files,
    paragraph_with_clause,
    problems_after,
    reviewed,
)
from loaders.extract.text import UnreadableText
from loaders.io.language import pick
from loaders.judging.comparators import COMPARATORS
from loaders.judging.vocabulary import MEASURE_NAMES
from loaders.project import data_root, load_project
from loaders.staff import updates
from pages.common import lang, leave_folder_mode
from pages.staff import staff_only

leave_folder_mode()
L = lang()


def w(key: str, **values) -> str:
    """This page's own words: the messages draft_* of loaders/io/messages.yaml."""
    return t(f"draft_{key}", L, **values)


def label(column: str) -> str:
    return w("keep") if column == "keep" else w(f"column_{column}")


@st.cache_data(show_spinner=False, max_entries=4)
def report_text(data: bytes, name: str) -> tuple[str, list[tuple[str, dict]]]:
    """The report's text and its warnings (message key and values), read once per file, not on every rerun."""
    notices = []
    text = read_document(data, name, warn=notices.append)
    return text, [(n.key, n.values) for n in notices]


@st.cache_data(show_spinner=False, max_entries=4)
def drafted(text: str, region: str, year: int, known: tuple, starts: str, ends: str):
    return extract(text, region, year, dict(known), starts or None, ends or None)


user = staff_only()

root = data_root()
project = load_project(root)
st.title(t("draft_review", L))
st.caption(w("intro"))
if pending := review_state.pending(root):  # this folder's drafted rows not yet checked against the report
    st.warning(t("review_pending", L, n=pending, file=review_state.REVIEW_FILE))
uploaded = st.file_uploader(
    w("upload", mb=MAX_FILE_MB, chars=MAX_CHARS // 10_000),
    type=sorted({s.lstrip(".") for s in FORMATS + HTML_SUFFIXES}),
    key="report_text",
    max_upload_size=MAX_FILE_MB,
)
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
    original, notices = report_text(uploaded.getvalue(), uploaded.name)
except UnreadableText as exc:
    st.error(exc.format(L))  # the file's name is not shown: st.error renders markdown, and the name is the user's
    st.stop()
for key, values in notices:
    st.warning(t(key, L, **values))
try:
    draft = drafted(original, region, year, tuple(sorted(project.regions.aliases.items())), starts, ends)
except ValueError as exc:
    st.error(plain_markdown(str(exc)))
    st.stop()

hint = report_year_hint(draft.text)
if hint is not None and hint != year:
    st.warning(w("year_hint", hint=hint, year=year))
frame = draft_frame(draft, L)
sections = by_section(frame)
st.markdown(w("summary", n=len(frame), nf=len(draft.not_facts), **{s: len(sections[s]) for s in SECTIONS}))
st.caption(w("sorted"))
edited = {}
config = {c: st.column_config.Column(label(c)) for c in EDITABLE + ["confidence", "reason"]}
config["keep"] = st.column_config.CheckboxColumn(label("keep"))
config["confidence"] = st.column_config.NumberColumn(label("confidence"))  # shown as confidence_marked formats it
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
    st.subheader(w("section_count", section=w(section), n=len(sections[section])))
    if sections[section].empty:
        st.caption(w("none"))
    edited[section] = st.data_editor(
        confidence_marked(least_sure_first(sections[section])),
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
    # The uploaded text is escaped piece by piece (plain_markdown); only the <mark> and <b> around them are HTML.
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
        st.error(w("bad_cells") + "\n\n" + "\n".join(f"- {plain_markdown(b)}" for b in bad))
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
        st.error(w("invalid") + "\n\n" + "\n".join(f"- {plain_markdown(p.format(L))}" for p in problems[:20]))
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
