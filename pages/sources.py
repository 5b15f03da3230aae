"""指标与来源: the searchable catalogue, every figure with the sentence it comes from, and the source documents."""

import streamlit as st

from charts import format as fmt
from charts import standard
from charts.i18n import column_for, localized, t
from loaders import store
from pages.common import context, downloads

ctx = context()
L = ctx.lang
facts = store.catalogue_facts(ctx.con)

st.title(t("sources_title", L))
query = st.text_input(t("search", L), key="q", bind="query-params").strip()
category_name = column_for("category_name", L)
chosen = st.multiselect(
    t("category", L), list(dict.fromkeys(facts[category_name])), key="category", placeholder=t("all", L)
)
rows = facts[facts[category_name].isin(chosen)] if chosen else facts
if query:
    hay = rows["name"] + " " + rows["name_en"].str.lower() + " " + rows["indicator_id"] + " " + rows["quote"]
    rows = rows[hay.str.contains(query.lower(), regex=False)]

rows = standard.with_printed(rows, L)
table = {
    t("indicator", L): rows[ctx.name_column()],
    t("unit", L): [fmt.unit_text(u, L) for u in rows["indicator_unit"]],
    t("category", L): rows[category_name],
    t("direction", L): [t(d, L) for d in rows["direction"]],
    t("scenario", L): [
        t({"actual": "actual", "target": "target_kind"}.get(s, "standard_kind"), L) for s in rows["scenario"]
    ],
    t("period", L): rows["period"],
    t("value", L): rows["printed"],
    t("quote", L): rows["quote"],
    t("source", L): localized(rows, "source_label", L),
    t("note_label", L): rows["remark"],
}
st.caption(t("matches", L, n=len(rows)))
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=560,
    key="facts_table",
    column_config={t("quote", L): st.column_config.TextColumn(width="large")},
)
downloads(rows, "indicators-and-sources", "facts_download")

st.subheader(t("documents", L))
for source in ctx.project.sources.values():
    details = source.details(L)
    st.markdown(f"**{fmt.plain_markdown(source.title(L))}**  \n" + "　·　".join(fmt.plain_markdown(d) for d in details))
