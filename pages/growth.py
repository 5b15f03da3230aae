"""增长速度: every indicator with a growth rate, last year's growth beside this year's target, with its rank."""

import streamlit as st

from charts import standard
from charts.i18n import column_for, t
from pages.common import context, frame_caption, show_chart

ctx = context()
L = ctx.lang
table = standard.growth_table(ctx)

st.title(t("growth_title", L, prev=ctx.prev, year=ctx.year))
category_name = column_for("category_name", L)
categories = list(dict.fromkeys(table[category_name]))
left, right = st.columns(2)
chosen = left.multiselect(t("category", L), categories, key="category", placeholder=t("all", L))
sort = right.segmented_control(
    t("sort_by", L),
    ["report", "prev", "target"],
    key="sort",
    default="report",
    format_func=lambda s: t(f"sort_{s}", L, prev=ctx.prev, year=ctx.year),
)
rows = table[table[category_name].isin(chosen)] if chosen else table
if sort in ("prev", "target"):
    rows = rows.sort_values("prev_yoy_pct" if sort == "prev" else "target", ascending=False, na_position="last")

chart = standard.growth(ctx, rows)
show_chart(chart.figure, "growth_bars", chart.data, chart.stem)
frame_caption(ctx)
