"""数据维护: template, upload with line-level errors or a preview, apply, history and undo. Staff only."""

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from charts import preview as words
from charts.format import plain_markdown
from charts.i18n import t
from loaders import shared_store
from loaders.extract import review_state
from loaders.io.clock import beijing
from loaders.project import data_root, fingerprint, load_project
from loaders.staff import preview, updates
from loaders.staff.template import self_template_csv, self_template_xlsx, template_csv, template_xlsx
from pages.common import lang, leave_folder_mode
from pages.staff import sign_out, signed_in_user, staff_only

log = logging.getLogger(__name__)
leave_folder_mode()  # a first visit to /maintenance on a fresh server must still run through dashboard.py
L = lang()
user = staff_only()

root = data_root()
project = load_project(root)
st.title(t("maintenance", L))
left, right = st.columns([3, 1])
left.caption(t("signed_in_as", L, name=plain_markdown(user)))
right.button(t("signout_button", L), key="signout", on_click=sign_out)
st.page_link("pages/draft_review.py", label=t("draft_review", L), icon=":material/document_scanner:")
if pending := review_state.pending(root):  # staff's review of drafted rows; viewers' pages never say it
    st.warning(t("review_pending", L, n=pending, file=review_state.REVIEW_FILE))


def upload_key() -> str:
    """The uploader's key: a new one after each apply, since Streamlit cannot empty a file uploader otherwise."""
    round_ = st.session_state.get("upload_round", 0)
    return "upload" if round_ == 0 else f"upload_{round_}"


@st.cache_data(show_spinner=False, max_entries=4)
def status_effects(root_: str, version: str, sha256: str, _update, _project) -> pd.DataFrame:
    """preview.status_effects once per upload and version of the files: it judges every target twice."""
    return preview.status_effects(_update, root_, _project)


def shown_user(entry: dict) -> dict:
    """A history entry whose user name (typed by an administrator) Markdown shows as written."""
    return entry | {"user": plain_markdown(entry["user"])}


# Actions run as callbacks, before the page is drawn, and leave their outcome for the page to show.
def apply_upload() -> None:
    uploaded = st.session_state.get(upload_key())
    if uploaded is None:
        return
    if signed_in_user() is None:  # idle past the limit since the preview: sign in again before anything is written
        st.session_state["outcome"] = ("error", t("signin_expired", L))
        return
    try:
        update = updates.read_update(uploaded.name, uploaded.getvalue(), root)
        earlier = updates.applied_entry(updates.history(root), update.sha256)
        if earlier is not None:  # a second press, or a second tab, on a file already applied
            st.session_state["outcome"] = ("warning", words.already_applied(shown_user(earlier), L))
            return
        entry = updates.apply(update, root, user)
        st.session_state["outcome"] = ("success", words.done_message(shown_user(entry), L) + "\n\n" + words.undo_how(L))
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1  # the upload is cleared
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
        st.session_state["outcome"] = (
            "success",
            plain_markdown(updates.undone_message(root, updates.undo(root, user), L)),
        )
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
year = int(updates.report_year(project))
months = [f"{year}-{m:02d}" for m in range(1, 13)]
this_month = f"{year}-{min(12, dt.date.today().month):02d}" if dt.date.today().year == year else months[0]
month = st.selectbox(t("template_month", L), months, index=months.index(this_month), key="template_month")
a, b = st.columns(2)
a.download_button(
    t("template_xlsx", L),
    template_xlsx(project, month),
    f"月度数据模板-{month}.xlsx",
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="template_xlsx",
)
b.download_button(
    t("template_csv", L),
    template_csv(project, month),
    f"月度数据模板-{month}.csv",
    "text/csv",
    on_click="ignore",
    key="template_csv",
)

for assessment_id in project.assessments:  # the checklists' self-assessments go through the same upload
    st.subheader(t("self_template_title", L))
    st.caption(t("self_template_caption", L))
    a, b = st.columns(2)
    a.download_button(
        t("self_template_xlsx", L),
        self_template_xlsx(project, assessment_id),
        f"自评模板-{assessment_id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=f"self_xlsx_{assessment_id}",
    )
    b.download_button(
        t("self_template_csv", L),
        self_template_csv(project, assessment_id),
        f"自评模板-{assessment_id}.csv",
        "text/csv",
        on_click="ignore",
        key=f"self_csv_{assessment_id}",
    )

st.subheader(t("upload_title", L))
# .xls, .ods and WPS files are accepted here so that the loader can say, in the user's language, how to save them
uploaded = st.file_uploader(t("upload_label", L), type=["xlsx", "xlsm", "csv", "xls", "ods", "et"], key=upload_key())
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
        st.dataframe(
            pd.DataFrame(
                {t("line", L): [p.line or "" for p in problems], t("reason", L): [p.message(L) for p in problems]}
            ),
            hide_index=True,
            width="stretch",
            key="upload_problems",
        )
    else:
        if warnings:
            st.warning(
                t("upload_warnings", L) + "\n\n" + "\n".join(f"- {plain_markdown(p.format(L))}" for p in warnings)
            )
        st.markdown("**" + t("preview_title", L, **update.counts()) + "**")
        rows = preview.change_rows(update, project)
        st.dataframe(words.change_table(rows, update.kind, L), hide_index=True, width="stretch", key="preview")
        if update.kind != "self_assessment":
            st.markdown("**" + t("effect_title", L) + "**")
            effects = status_effects(str(root), fingerprint(root), update.sha256, update, project)
            st.markdown("\n".join(f"- {plain_markdown(line)}" for line in words.effect_lines(effects, L)))
        earlier = updates.applied_entry(updates.history(root), update.sha256)
        nothing = not any(c.kind != "unchanged" for c in update.changes)
        st.button(
            t("apply_button", L),
            type="primary",
            key="apply",
            on_click=apply_upload,
            disabled=earlier is not None or nothing,
        )
        if earlier is not None:
            st.caption(words.already_applied(shown_user(earlier), L))
        elif nothing:
            st.caption(t("nothing_to_apply", L))

st.subheader(t("history_title", L))
entries = updates.history(root)
if not entries:
    st.caption(t("no_history", L))
else:
    st.dataframe(
        pd.DataFrame(
            {
                "#": [e["id"] for e in entries],
                t("when", L): [beijing(e["at"], L) for e in entries],
                t("who", L): [e["user"] for e in entries],
                t("action", L): [
                    e.get("file") if e["action"] == "apply" else t("undo_of", L, n=e["undoes"]) for e in entries
                ],
                t("file", L): [", ".join(f["path"] for f in e["files"]) for e in entries],
            }
        ).iloc[::-1],
        hide_index=True,
        width="stretch",
        key="history",
    )
    if updates.undoable(entries) is not None:
        confirmed = st.checkbox(t("undo_confirm", L), key="undo_confirm")
        st.button(t("undo_button", L), disabled=not confirmed, key="undo", on_click=undo_last)
