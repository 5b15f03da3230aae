"""全省排名: the city's rank for each ranked indicator and its change, and full provincial comparisons."""
import streamlit as st

from charts import standard
from charts.i18n import t
from charts.ranking import rank_history
from loaders import store
from pages.common import choice_in_url, context, frame_caption, show_chart

ctx = context()
L = ctx.lang
ranks = store.rank_table(ctx.con, ctx.region)

st.title(t("rankings_title", L))
chart = standard.ranks(ctx, ranks)
show_chart(chart.figure, "rank_dots", chart.data, chart.stem)

by_report_order = ranks.sort_values("position")  # GDP first, as the report lists them
names = dict(zip(by_report_order["indicator_id"], by_report_order[ctx.name_column()]))
indicator = choice_in_url(t("indicator", L), list(names), "indicator", names.get)
history = store.rank_history(ctx.con, indicator, ctx.region)
span = "-".join(dict.fromkeys(history["period"].iloc[[0, -1]])) if not history.empty else "none"  # file name: 2022-2023-06
show_chart(rank_history(history, names[indicator], ctx.source, ctx.as_of, L), "rank_history", history,
           f"rank-{indicator}-{span}")

st.subheader(t("provincial_title", L))
options = store.provincial_options(ctx.con)
if options.empty:
    st.info(t("no_provincial", L))
else:
    keys = [f"{r.indicator_id}|{r.period}|{r.measure}" for r in options.itertuples()]
    labels = {k: f"{getattr(r, ctx.name_column())} · {r.period}" for k, r in zip(keys, options.itertuples())}
    choice = choice_in_url(t("provincial_pick", L), keys, "compare", labels.get)
    indicator_id, period, measure = choice.split("|")
    chart = standard.provincial(ctx, indicator_id, period, measure)
    # By level and by growth side by side: 11th in size can be 6th in growth.
    note = standard.provincial_rank_note(ctx, indicator_id, period, measure)
    if note:
        st.markdown(f"**{note}**")
    show_chart(chart.figure, "provincial_bars", chart.data, chart.stem)
frame_caption(ctx)
