"""目标与实绩: one indicator's cumulative figures against its target (序时进度), then every target's status."""

import pandas as pd
import streamlit as st

from charts import format as fmt
from charts import standard
from charts.i18n import period_label, t
from charts.status_style import plain
from loaders import store
from loaders.progress import record
from pages.common import choice_in_url, context, downloads, frame_caption, judged_targets, show_chart

ctx = context()
L = ctx.lang
progress = judged_targets(ctx)
names = dict(zip(progress["indicator_id"], progress[ctx.name_column()]))

st.title(t("progress_title", L))
indicator = choice_in_url(t("indicator", L), list(names), "indicator", names.get)
target = progress[progress["indicator_id"] == indicator].iloc[0].to_dict()
chart = standard.progress_chart(ctx, target)
name = names[indicator]

if not chart.data["period"].str.startswith(str(ctx.year)).any():
    st.info(t("no_series", L, name=fmt.plain_markdown(name), year=ctx.year, prev=ctx.prev))
show_chart(chart.figure, "progress_chart", chart.data, chart.stem)

unit = "%" if target["measure"] == "yoy_pct" else target["level_unit"]
a, b, c, d = st.columns(4)
a.metric(t("status", L), plain(target["status"], L))
a.caption(fmt.plain_markdown(t("card_target", L, target=standard.target_texts(pd.DataFrame([target]), L)[0])))
b.metric(t("expected_now", L), fmt.with_unit(target["expected"], unit, L) if not pd.isna(target["actual"]) else "—")
c.metric(t("gap_now", L), fmt.with_unit(target["gap"], "百分点" if unit == "%" else unit, L))
needed = target["required_growth"]
d.metric(t("needed_rest", L), fmt.with_unit(needed, "%") if not pd.isna(needed) else "—")
if target["measure"] == "yoy_pct" and not pd.isna(target["actual"]) and pd.isna(needed):
    d.caption(t("needed_unknown", L))
st.caption(t("labelled", L, label=t("quote", L), text=fmt.plain_markdown(target["quote"])))
remark = standard.remarks(pd.DataFrame([target]), L)[0]
if remark:  # the catalogue's note on the target and its indicator, in the reader's language
    st.caption(t("labelled", L, label=t("note_label", L), text=fmt.plain_markdown(remark)))


def record_table(indicator_id: str) -> pd.DataFrame:
    """Each report year's target for the indicator beside its result; a whole-year result is final."""
    years = store.report_years(ctx.con)
    rows = record(ctx.con, ctx.region, indicator_id, years)
    if rows.empty:
        return rows
    return pd.DataFrame(
        {
            t("record_year", L): [str(y) for y in rows["year"]],
            t("record_target", L): standard.target_texts(rows, L),
            t("record_result", L): [
                text if not pd.isna(v) else t("record_none", L)
                for text, v in zip(standard.actual_texts(rows, L), rows["actual"])
            ],
            t("record_basis", L): [
                t("record_final", L)
                if final
                else t("record_provisional", L, period=period_label(p, L))
                if isinstance(p, str)
                else "—"
                for final, p in zip(rows["final"], rows["actual_period"])
            ],
            t("status", L): [plain(s, L) for s in rows["status"]],
            t("quote", L): rows["quote"],
        }
    )


st.subheader(t("record_title", L))
history = record_table(indicator)
st.dataframe(history, hide_index=True, width="stretch", key="record")

st.subheader(t("all_targets", L, year=ctx.year))
shown = standard.targets_table(ctx, progress)
st.dataframe(shown, hide_index=True, width="stretch", key="all_targets")
downloads(shown, f"targets-{ctx.year}", "all_targets_download")
frame_caption(ctx)
