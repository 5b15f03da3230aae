"""总览: the year's main targets beside last year's results, as a table and a chart."""
import streamlit as st

from charts import format as fmt
from charts.i18n import t
from charts.targets import growth_vs_target
from loaders import store
from pages.common import lang, project_and_store, source_label

project, con = project_and_store()
L = lang()
year = max(store.target_years(con))
prev = year - 1
catalogue = project.catalogue
targets = store.targets_with_reference(con, year, catalogue.region, section="t_main")

st.title(t("main_targets_title", L, year=year, prev=prev))
st.info(t("no_monthly", L, year=year, prev=prev))

name = "name_en" if L == "en" else "name"
table = {
    t("indicator", L): targets[name],
    t("target", L, year=year): [fmt.target(m, c, v, u, L, r) for m, c, v, u, r in zip(
        targets["measure"], targets["comparator"], targets["target"], targets["level_unit"],
        targets["relative_name_en" if L == "en" else "relative_name"])],
    t("prev_level", L, prev=prev): [fmt.measured(v, "level", u, L, c) for v, u, c in zip(
        targets["prev_level"], targets["level_unit"], targets["prev_level_comparator"])],
    t("prev_growth", L, prev=prev): [fmt.with_unit(v, "%") for v in targets["prev_yoy_pct"]],
    t("prev_rank", L, prev=prev): [fmt.rank(v, L) for v in targets["prev_rank"]],
    t("quote", L): targets["quote"],
}
st.dataframe(table, hide_index=True, width="stretch", height="content")

source = source_label(project, catalogue.default_source)
figure = growth_vs_target(targets, year, source, as_of=f"{prev}年" if L == "zh" else str(prev), lang=L)
st.plotly_chart(figure, theme=None, width="stretch", key="growth_vs_target",
                config={"toImageButtonOptions": {"format": "png", "scale": 2, "filename": f"growth-vs-target-{year}"}})
