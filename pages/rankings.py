"""全省排名: the city's rank for each ranked indicator and its change, and full provincial comparisons."""

import streamlit as st

from charts import format as fmt
from charts import standard
from charts.i18n import t
from charts.ranking import rank_history
from loaders import store
from pages.common import (
    choice_in_url,
    context,
    frame_caption,
    language_key,
    provincial_choices,
    rank_chart,
    rank_table,
    show_chart,
    url_ignored,
    url_text,
)

ctx = context()
L = ctx.lang
ranks = rank_table(ctx)

st.title(fmt.plain_markdown(t("rankings_title", L, **standard.ranking_words(ctx))))  # the province's words


def own_ranks() -> None:
    """The place's rank on every ranked indicator, then one indicator's ranks over time."""
    chart = rank_chart(ctx)
    show_chart(chart.figure, "rank_dots", chart.data, chart.stem)
    by_report_order = ranks.sort_values("position")  # GDP first, as the report lists them
    names = dict(zip(by_report_order["indicator_id"], by_report_order[ctx.name_column()]))
    indicator = choice_in_url(t("indicator", L), list(names), "indicator", names.get)
    history = store.rank_history(ctx.con, indicator, ctx.region)
    span = "-".join(dict.fromkeys(history["period"].iloc[[0, -1]])) if not history.empty else "none"  # 2022-2023-06
    figure = rank_history(
        history,
        names[indicator],
        ctx.source,
        ctx.as_of,
        L,
        standard.ranked_among(ctx, history["rank"]),
        ctx.project.regions.within(L),
    )
    show_chart(figure, "rank_history", history, f"rank-{indicator}-{span}")


if ranks.empty:  # a report or a place without ranks: the comparisons below may still exist
    st.info(t("no_ranks", L))
else:
    own_ranks()


def comparison_in_url(choices) -> tuple[str, str, str]:
    """The indicator, then its period (newest first), kept in the URL as ?compare=gdp|2022|level. One list of every
    indicator × period had 36,000 entries at scale: too many to send to the browser or to scroll."""
    given = url_text("compare")
    wanted = (given or "").split("|")
    wanted_pick = f"{wanted[0]}|{wanted[2]}" if len(wanted) == 3 else None
    rows = list(choices.itertuples())
    picks = [f"{r.indicator_id}|{r.measure}" for r in rows]
    if given is not None and (
        wanted_pick not in picks or wanted[1] not in map(str, rows[picks.index(wanted_pick)].periods)
    ):
        url_ignored("compare")
    names = {k: getattr(r, ctx.name_column()) for k, r in zip(picks, rows)}
    pick = st.selectbox(
        t("provincial_pick", L),
        picks,
        index=picks.index(wanted_pick) if wanted_pick in picks else 0,
        key=language_key("compare_choice"),
        format_func=names.get,
    )
    periods = [str(p) for p in rows[picks.index(pick)].periods]
    wanted_period = wanted[1] if pick == wanted_pick and wanted[1] in periods else periods[0]
    period = st.selectbox(t("period", L), periods, index=periods.index(wanted_period), key="compare_period")
    indicator_id, measure = pick.split("|")
    value = f"{indicator_id}|{period}|{measure}"
    if st.query_params.get("compare") != value:
        st.query_params["compare"] = value
    return indicator_id, period, measure


st.subheader(fmt.plain_markdown(t("provincial_title", L, **standard.ranking_words(ctx))))
choices = provincial_choices(ctx)
if choices.empty:
    st.info(fmt.plain_markdown(t("no_provincial", L, **standard.ranking_words(ctx))))
else:
    indicator_id, period, measure = comparison_in_url(choices)
    chart = standard.provincial(ctx, indicator_id, period, measure)
    # By level and by growth side by side: 11th in size can be 6th in growth.
    note = standard.provincial_rank_note(ctx, indicator_id, period, measure)
    if note:
        st.markdown(f"**{fmt.plain_markdown(note)}**")
    show_chart(chart.figure, "provincial_bars", chart.data, chart.stem)
frame_caption(ctx)
