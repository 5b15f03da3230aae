"""数据维护: template, upload with line-level errors or a preview, apply, history and undo. Staff only."""
import datetime as dt
import logging

import pandas as pd
import streamlit as st

from charts.format import plain_markdown
from charts.i18n import pick, t
from loaders import shared_store
from loaders.documents.self_assessment import SELF_LABELS
from loaders.io.clock import beijing
from loaders.project import data_root, load_project
from loaders.readers.facts import MONTHLY_LABELS, PROVINCIAL_LABELS
from loaders.staff import updates
from loaders.staff.template import self_template_csv, self_template_xlsx, template_csv, template_xlsx
from pages.common import lang, leave_folder_mode
from pages.staff import sign_out, signed_in_user, staff_only

log = logging.getLogger(__name__)
leave_folder_mode()  # a first visit to /maintenance on a fresh server must still run through dashboard.py
L = lang()
COLUMN_LABELS = PROVINCIAL_LABELS | MONTHLY_LABELS | SELF_LABELS
user = staff_only()

root = data_root()
project = load_project(root)
st.title(t("maintenance", L))
left, right = st.columns([3, 1])
left.caption(t("signed_in_as", L, name=plain_markdown(user)))
right.button(t("signout_button", L), key="signout", on_click=sign_out)
st.page_link("pages/draft_review.py", label=t("draft_review", L), icon=":material/document_scanner:")


# Actions run as callbacks, before the page is drawn, and leave their outcome for the page to show.
def apply_upload() -> None:
    uploaded = st.session_state.get("upload")
    if uploaded is None:
        return
    if signed_in_user() is None:  # idle past the limit since the preview: sign in again before anything is written
        st.session_state["outcome"] = ("error", t("signin_expired", L))
        return
    try:
        update = updates.read_update(uploaded.name, uploaded.getvalue(), root)
        st.session_state["outcome"] = ("success", t("applied", L, id=updates.apply(update, root, user)["id"]))
    except updates.Busy:
        st.session_state["outcome"] = ("warning", t("busy", L))
    except updates.WriteFailed as exc:
        st.session_state["outcome"] = ("error", exc.message(L))
    except Exception:  # noqa: BLE001 - a user never sees a traceback (server paths); the log keeps it
        log.exception("applying %s failed", uploaded.name)
        st.session_state["outcome"] = ("error", t("unexpected_error", L))
    else:
        shared_store.prepare(root)  # the new version, built once for every app process on this data folder


def undo_last() -> None:
    if signed_in_user() is None:
        st.session_state["outcome"] = ("error", t("signin_expired", L))
        return
    try:
        st.session_state["outcome"] = ("success", t("undone", L, n=updates.undo(root, user)["undoes"]))
    except updates.CannotUndo as exc:
        st.session_state["outcome"] = ("error", plain_markdown(exc.reason.pick(L)))
    except updates.Busy:
        st.session_state["outcome"] = ("warning", t("busy", L))
    except updates.WriteFailed as exc:
        st.session_state["outcome"] = ("error", exc.message(L))
    except Exception:  # noqa: BLE001 - as above
        log.exception("undo failed")
        st.session_state["outcome"] = ("error", t("unexpected_error", L))
    else:
        shared_store.prepare(root)
    st.session_state["undo_confirm"] = False


kind, message = st.session_state.pop("outcome", (None, None))
if kind:
    getattr(st, kind)(message)

st.subheader(t("template_title", L))
year = max(int(f.period[:4]) for f in project.facts
           if f.scenario == "target" and f.source == project.catalogue.default_source)
months = [f"{year}-{m:02d}" for m in range(1, 13)]
this_month = f"{year}-{min(12, dt.date.today().month):02d}" if dt.date.today().year == year else months[0]
month = st.selectbox(t("template_month", L), months, index=months.index(this_month), key="template_month")
a, b = st.columns(2)
a.download_button(t("template_xlsx", L), template_xlsx(project, month), f"月度数据模板-{month}.xlsx", on_click="ignore",
                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="template_xlsx")
b.download_button(t("template_csv", L), template_csv(project, month), f"月度数据模板-{month}.csv", "text/csv",
                  on_click="ignore", key="template_csv")

for assessment_id in project.assessments:  # the checklists' self-assessments go through the same upload
    st.subheader(t('self_template_title', L))
    st.caption(t("self_template_caption", L))
    a, b = st.columns(2)
    a.download_button(t("self_template_xlsx", L), self_template_xlsx(project, assessment_id), f"自评模板-{assessment_id}.xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore",
                      key=f"self_xlsx_{assessment_id}")
    b.download_button(t("self_template_csv", L), self_template_csv(project, assessment_id), f"自评模板-{assessment_id}.csv",
                      "text/csv", on_click="ignore", key=f"self_csv_{assessment_id}")

st.subheader(t("upload_title", L))
# .xls, .ods and WPS files are accepted here so that the loader can say, in the user's language, how to save them
uploaded = st.file_uploader(t("upload_label", L), type=["xlsx", "xlsm", "csv", "xls", "ods", "et"], key="upload")
update = None
if uploaded is not None:
    try:
        update = updates.read_update(uploaded.name, uploaded.getvalue(), root, project)
    except Exception:  # noqa: BLE001 - a user never sees a traceback (server paths); the log keeps it
        log.exception("reading the upload %s failed", uploaded.name)
        st.error(t("upload_unreadable", L))
if update is not None:
    problems = [p for p in update.problems if p.severity == "error"]
    warnings = [p for p in update.problems if p.severity == "warning"]
    if problems:
        st.error(t("upload_errors", L, n=len(problems)))
        st.dataframe(pd.DataFrame({t("line", L): [p.line or "" for p in problems],
                                   t("reason", L): [p.message(L) for p in problems]}),
                     hide_index=True, width="stretch", key="upload_problems")
    else:
        if warnings:
            st.warning(t("upload_warnings", L) + "\n\n" + "\n".join(f"- {plain_markdown(p.format(L))}" for p in warnings))
        st.markdown("**" + t("preview_title", L, **update.counts()) + "**")
        st.dataframe(pd.DataFrame({
            t("change_kind", L): [t(f"kind_{c.kind}", L) for c in update.changes],
            t("key", L): [c.key for c in update.changes],
            t("column", L): [pick(COLUMN_LABELS.get(c.column, c.column), c.column, L) for c in update.changes],
            t("old_value", L): [c.old or "—" for c in update.changes], t("new_value", L): [c.new for c in update.changes],
            t("file", L): [c.file for c in update.changes]}), hide_index=True, width="stretch", key="preview")
        st.button(t("apply_button", L), type="primary", key="apply", on_click=apply_upload)

st.subheader(t("history_title", L))
entries = updates.history(root)
if not entries:
    st.caption(t("no_history", L))
else:
    st.dataframe(pd.DataFrame({
        "#": [e["id"] for e in entries], t("when", L): [beijing(e["at"], L) for e in entries],
        t("who", L): [e["user"] for e in entries],
        t("action", L): [e.get("file") if e["action"] == "apply" else t("undo_of", L, n=e["undoes"]) for e in entries],
        t("file", L): [", ".join(f["path"] for f in e["files"]) for e in entries]}).iloc[::-1],
        hide_index=True, width="stretch", key="history")
    if updates.undoable(entries) is not None:
        confirmed = st.checkbox(t("undo_confirm", L), key="undo_confirm")
        st.button(t("undo_button", L), disabled=not confirmed, key="undo", on_click=undo_last)
