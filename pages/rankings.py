"""全省排名: the city's rank for each ranked indicator and its change, and full provincial comparisons."""
import streamlit as st

from charts.i18n import t
from charts.ranking import provincial_bars, rank_dots, rank_history
from loaders import store
from pages.common import choice_in_url, context, frame_caption, show_chart

ctx = context()
L = ctx.lang
ranks = store.rank_table(ctx.con, ctx.region)
region_label = ctx.region if L != "en" else ctx.project.regions.names_en.get(ctx.region, ctx.region)

st.title(t("rankings_title", L))
figure = rank_dots(ranks, region_label, ctx.source, ctx.as_of, L)
show_chart(figure, "rank_dots", ranks[[ctx.name_column(), "rank_basis", "period", "rank", "previous_rank",
                                       "previous_period", "quote"]], f"ranks-{ctx.region}")

by_report_order = ranks.sort_values("position")  # GDP first, as the report lists them
names = dict(zip(by_report_order["indicator_id"], by_report_order[ctx.name_column()]))
indicator = choice_in_url(t("indicator", L), list(names), "indicator", names.get)
history = store.rank_history(ctx.con, indicator, ctx.region)
show_chart(rank_history(history, names[indicator], ctx.source, ctx.as_of, L), "rank_history", history,
           f"rank-{indicator}")

st.subheader(t("provincial_title", L))
options = store.provincial_options(ctx.con)
if options.empty:
    st.info(t("no_provincial", L))
else:
    keys = [f"{r.indicator_id}|{r.period}|{r.measure}" for r in options.itertuples()]
    labels = {k: f"{getattr(r, ctx.name_column())} · {r.period}" for k, r in zip(keys, options.itertuples())}
    choice = choice_in_url(t("provincial_pick", L), keys, "compare", labels.get)
    indicator_id, period, measure = choice.split("|")
    figures = store.provincial_ranking(ctx.con, indicator_id, period, measure)
    name = figures[ctx.name_column()].iloc[0]
    source = figures["source_label_en" if L == "en" else "source_label"].dropna()
    mine = figures[figures["region"] == ctx.region]
    if not mine.empty:
        note = t("provincial_rank_note", L, region=region_label, period=period, name=name,
                 rank=int(mine["rank"].iloc[0]), n=len(figures))
        # By level and by growth side by side: 11th in size can be 6th in growth.
        growth_rank = store.rank_history(ctx.con, indicator_id, ctx.region)
        growth_rank = growth_rank[growth_rank["period"] == period]
        if measure == "level" and not growth_rank.empty:
            note += t("provincial_growth_rank_note", L, rank=int(growth_rank["rank"].iloc[0]))
        st.markdown(f"**{note}**")
    figure = provincial_bars(figures, ctx.region, t("provincial_chart_title", L, name=name, period=period),
                             figures["unit"].iloc[0], period, source.iloc[0] if not source.empty else ctx.source, ctx.as_of, L)
    show_chart(figure, "provincial_bars", figures[["rank", "region", "value", "unit", "source"]],
               f"{indicator_id}-{period}-prefectures")
frame_caption(ctx)
