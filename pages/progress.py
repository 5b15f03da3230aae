"""目标与实绩: one indicator's cumulative figures against its target (序时进度), then every target's status."""
import pandas as pd
import streamlit as st

from charts import format as fmt
from charts.i18n import period_label, t
from charts.progress import growth_progress, level_progress
from charts.status_style import plain
from loaders import store
from loaders.progress import target_progress
from pages.common import choice_in_url, context, downloads, frame_caption, show_chart

ctx = context()
L = ctx.lang
progress = target_progress(ctx.con, ctx.year, ctx.region)
names = dict(zip(progress["indicator_id"], progress[ctx.name_column()]))

st.title(t("progress_title", L))
indicator = choice_in_url(t("indicator", L), list(names), "indicator", names.get)
target = progress[progress["indicator_id"] == indicator].iloc[0].to_dict()
series = store.series(ctx.con, indicator, ctx.region, ctx.year)
name = names[indicator]

if not series["period"].str.startswith(str(ctx.year)).any():
    st.info(t("no_series", L, name=name, year=ctx.year, prev=ctx.prev))
if target["measure"] == "yoy_pct":
    tied = target["relative_to"]
    related = store.series(ctx.con, tied, ctx.region, ctx.year) if isinstance(tied, str) else None
    figure = growth_progress(series, target, ctx.year, ctx.source, ctx.as_of, L, related)
else:
    figure = level_progress(series, target, ctx.year, ctx.source, ctx.as_of, L)
show_chart(figure, "progress_chart", series, f"{indicator}-{ctx.year}")

unit = "%" if target["measure"] == "yoy_pct" else target["level_unit"]
a, b, c, d = st.columns(4)
a.metric(t("status", L), plain(target["status"], L))
a.caption(t("card_target", L, target=fmt.target(target["measure"], target["comparator"], target["target"], target["unit"], L,
                                                target["relative_name_en" if L == "en" else "relative_name"])))
b.metric(t("expected_now", L), fmt.with_unit(target["expected"], unit, L) if not pd.isna(target["actual"]) else "—")
c.metric(t("gap_now", L), fmt.with_unit(target["gap"], "百分点" if unit == "%" else unit, L))
needed = target["required_growth"]
d.metric(t("needed_rest", L), fmt.with_unit(needed, "%") if not pd.isna(needed) else "—")
if target["measure"] == "yoy_pct" and not pd.isna(target["actual"]) and pd.isna(needed):
    d.caption(t("needed_unknown", L))
st.caption(f"{t('quote', L)}{'：' if L != 'en' else ': '}{target['quote']}")

st.subheader(t("all_targets", L, year=ctx.year))
table = progress.sort_values(["status_order"], kind="stable")
shown = table.assign(
    **{t("indicator", L): table[ctx.name_column()],
       t("target", L, year=ctx.year): [fmt.target(m, c, v, u, L, r) for m, c, v, u, r in zip(
           table["measure"], table["comparator"], table["target"], table["unit"],
           table["relative_name_en" if L == "en" else "relative_name"])],
       t("latest_actual", L): [fmt.measured(v, m, u, L) for v, m, u in zip(table["actual"], table["measure"], table["unit"])],
       t("latest_period", L): [period_label(p, L) if isinstance(p, str) else "—" for p in table["actual_period"]],
       t("gap", L): [fmt.number(g) for g in table["gap"]],
       t("status", L): [plain(s, L) for s in table["status"]],
       t("quote", L): table["quote"]})
columns = [t("indicator", L), t("target", L, year=ctx.year), t("latest_actual", L), t("latest_period", L), t("gap", L),
           t("status", L), t("quote", L)]
st.dataframe(shown[columns], hide_index=True, width="stretch", key="all_targets")
downloads(shown[columns], f"targets-{ctx.year}", "all_targets_download")
frame_caption(ctx)
