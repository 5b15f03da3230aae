"""总览: one card per main target of the year, behind-target first, each leading to the chart behind it."""

import pandas as pd
import streamlit as st

from charts import format as fmt
from charts import standard
from charts.board import status_counts, strip_option, with_status
from charts.i18n import localized, period_label, t
from charts.status_style import badge
from charts.thisyear import basis_words
from loaders.judging.target_progress import main_only
from pages.common import (
    briefing_download,
    card_parts,
    context,
    deck_download,
    frame_caption,
    judged_targets,
    main_targets_chart,
    show_chart,
)

ctx = context()
L = ctx.lang
progress = judged_targets(ctx)
main = main_only(progress, ctx.project.catalogue).sort_values("status_order", kind="stable")

st.title(t("overview_title", L, year=ctx.year))
st.caption(t("overview_caption", L, year=ctx.year, prev=ctx.prev))
if main["actual"].isna().all():
    st.info(t("no_monthly", L, year=ctx.year, prev=ctx.prev))


def headline(row) -> tuple[str, str]:
    """The card's big number and what it is: this year's latest figure, else last year's for reference."""
    frame = pd.DataFrame([row._asdict()])  # figures as printed: a level in the indicator's unit, with 以上/左右/突破
    if not pd.isna(row.actual):
        return standard.actual_texts(frame, L)[0], t("card_latest", L, period=period_label(row.actual_period, L))
    reference = row.prev_yoy_pct if row.measure == "yoy_pct" else row.prev_level
    shown = t("not_given", L) if pd.isna(reference) else standard.prev_texts(frame, L)[0]
    return shown, t("card_reference", L, prev=ctx.prev)


def gap_text(row) -> str | None:
    """The gap with its sign first, so that st.metric points its arrow the right way."""
    if pd.isna(row.gap):
        return None
    sign = "+" if row.gap > 0 else ""
    if row.measure == "yoy_pct":
        return t("pp", L, value=f"{sign}{fmt.number(row.gap)}")
    return sign + fmt.with_unit(row.gap, row.level_unit, L)


def rank_text(ranks) -> str | None:
    if ranks.empty:
        return None
    text = t(
        "card_rank",
        L,
        rank=fmt.rank(ranks["rank"].iloc[-1], L),
        period=period_label(ranks["period"].iloc[-1], L),
        within=standard.ranking_words(ctx)["within"],
    )
    if len(ranks) > 1:
        move = int(ranks["rank"].iloc[-2] - ranks["rank"].iloc[-1])
        change = t("rank_up", L, n=move) if move > 0 else t("rank_down", L, n=-move) if move < 0 else t("rank_same", L)
        text = t("in_parens", L, text=text, inner=change)
    return text


def target_text(row, said: str) -> str:
    """The target in the report's words (`said`, with its caveat); for 左右 and 同步 also the figure the gap is
    measured from."""
    return t("card_target", L, target=said) + basis_words(row, L)


# The strip: a count per status, tapped to keep only those cards (tapped again, all of them).
counts = status_counts(main)
chosen = st.pills(
    t("strip_label", L),
    list(counts),
    format_func=lambda s: strip_option(s, counts[s], L),
    key="status_filter",
    label_visibility="collapsed",
)
shown = with_status(main, chosen)
if shown.empty:
    st.caption(t("strip_none", L))

# One st.columns per row of three: on a phone the columns stack, and row by row keeps behind-target cards first.
rows = list(shown.itertuples())
said = standard.target_texts(shown, L)  # each target in the report's words with its caveat, and the notes: once for all
remarks = standard.remarks(shown, L)
# One query for all cards' ranks (two queries per card were a third of the page at scale), once per version of the files.
rank_histories = card_parts(ctx, [row.indicator_id for row in rows])
cells = [cell for start in range(0, len(rows), 3) for cell in st.columns(3)[: len(rows[start : start + 3])]]
for row, cell, target_said, remark in zip(rows, cells, said, remarks):
    # Keyed card_<id>: pages/look.py stretches the card's link over the whole card.
    with cell.container(border=True, key=f"card_{row.indicator_id}"):
        name = localized(row, "name", L)
        # Status first: it never breaks inside its word, and it is what the leader reads first.
        st.page_link(
            "pages/progress.py",
            label=f"{badge(row.status, L)}　**{fmt.plain_markdown(name)}**",
            query_params={"indicator": row.indicator_id},
        )
        value, label = headline(row)
        # Above the mark is good for at-least targets, below it for at-most ones (CPI, energy intensity).
        st.metric(
            label,
            value,
            delta=gap_text(row),
            delta_description=t("gap", L) if gap_text(row) else None,
            delta_color="inverse" if row.bound == "<=" else "normal",
        )
        # Plain text with names in it (与…增长同步, the province's name): shown as written, never as markup.
        parts = [target_text(row, target_said), rank_text(rank_histories[row.indicator_id])]
        st.caption(fmt.plain_markdown("　·　".join(filter(None, parts))))
        if remark:  # the catalogue's note on the figure, in the reader's language
            st.caption(t("labelled", L, label=t("note_label", L), text=fmt.plain_markdown(remark)))

chart = main_targets_chart(ctx, progress)
show_chart(chart.figure, "growth_vs_target", chart.data, chart.stem)
deck_download(ctx, progress)
briefing_download(ctx)
frame_caption(ctx)
