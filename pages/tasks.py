"""重点任务: the numeric targets of the report's ten work areas, grouped by area, with progress where figures exist."""

import streamlit as st

from charts import format as fmt
from charts import standard
from charts.i18n import localized, period_label, t
from charts.status_style import plain
from loaders import store
from loaders.judging.target_progress import is_main
from pages.common import context, downloads, frame_caption, judged_targets

ctx = context()
L = ctx.lang
progress = judged_targets(ctx)
tasks = progress[~is_main(progress, ctx.project.catalogue)]
categories = store.categories(ctx.con)
areas = categories[categories["id"].isin(set(tasks["section"]))]

st.title(t("tasks_title", L, year=ctx.year))
st.caption(t("tasks_caption", L, year=ctx.year, n=len(areas)))


def shown(rows):
    return rows.assign(
        **{
            t("indicator", L): rows[ctx.name_column()],
            t("target", L, year=ctx.year): standard.target_texts(rows, L),
            t("prev_level", L, prev=ctx.prev): standard.prev_texts(rows, L),
            t("latest_actual", L): standard.actual_texts(rows, L),
            t("latest_period", L): [period_label(p, L) if isinstance(p, str) else "—" for p in rows["actual_period"]],
            t("status", L): [plain(s, L) for s in rows["status"]],
            t("quote", L): rows["quote"],
            t("note_label", L): standard.remarks(rows, L),
        }
    )[
        [
            t("status", L),
            t("indicator", L),
            t("target", L, year=ctx.year),  # status first
            t("prev_level", L, prev=ctx.prev),
            t("latest_actual", L),
            t("latest_period", L),
            t("quote", L),
            t("note_label", L),
        ]
    ]


for area in areas.itertuples():
    rows = tasks[tasks["section"] == area.id]
    title = fmt.plain_markdown(localized(area, "name", L))
    with st.expander(t("in_parens", L, text=title, inner=len(rows)), expanded=True):
        st.dataframe(shown(rows), hide_index=True, width="stretch", key=f"tasks_{area.id}")
downloads(shown(tasks), f"task-targets-{ctx.year}", "tasks_download")
frame_caption(ctx)
