"""残疾儿童康复救助: the subsidy ceilings and age rules of 临政发〔2023〕2号, and a lookup for one child."""

import streamlit as st

from charts import format as fmt
from charts import standard as chart_set
from charts.i18n import localized, t
from loaders import store
from loaders.documents.standards import lookup
from loaders.judging.comparators import COMPARATORS
from pages.common import choice_in_url, context, downloads, show_chart, url_whole_number

ctx = context()
L = ctx.lang
SEP = t("colon", L)  # the colon after a label, as each language writes it
if not ctx.project.standards:  # another city's data may have no standards (data/standards/)
    st.title(t("rehab", L))
    st.info(t("no_document_data", L, folder="data/standards/"))
    st.stop()
book = next(iter(ctx.project.standards.values()))
source = ctx.project.sources[book.source]
facts = store.part_facts(ctx.con, "standards", "standard")
catalogue = ctx.project.catalogue

st.title(t("rehab_title", L))
st.caption(fmt.plain_markdown(t("rehab_caption", L, title=source.title(L)) + "　" + chart_set.in_force_text(book, L)))


def figure_text(standard) -> str:
    """20,000 元 with 最高 / at most, as the document words it."""
    unit = catalogue.indicators[standard.indicator_id].unit
    rule = COMPARATORS[standard.comparator]
    word = localized(rule, "standard", L)
    return f"{word} {fmt.with_unit(standard.value, unit, L)}".strip()


def standard_name(standard) -> str:
    return catalogue.indicators[standard.indicator_id].name(L)


st.subheader(t("rehab_lookup", L))
left, right = st.columns([3, 1])
with left:
    service_id = choice_in_url(
        t("rehab_service", L), list(book.services), "service", lambda s: book.services[s].name(L)
    )
OLDEST, USUAL_AGE = 18, 6  # the lookup's range of ages, and the age it opens on
wanted_age = url_whole_number("age", 0, OLDEST)
age = right.number_input(
    t("rehab_age", L),
    min_value=0,
    max_value=OLDEST,
    value=USUAL_AGE if wanted_age is None else wanted_age,
    step=1,
    key="age",
)
st.query_params["age"] = str(age)
answer = lookup(book, service_id, age)
general = t("age_span", L, low=answer.general.min_age, high=answer.general.max_age)
if not answer.eligible:
    rules = "；".join(
        t(
            "rehab_age_range",
            L,
            name=book.age_rules[r].name(L),
            low=book.age_rules[r].min_age,
            high=book.age_rules[r].max_age,
        )
        for r in answer.service.age_rules
    )
    st.error(t("rehab_not_eligible", L, age=age, rules=fmt.plain_markdown(rules)))
elif answer.conditional:
    rule = fmt.plain_markdown(answer.rule.name(L))
    st.warning(t("rehab_eligible_if", L, age=age, general=general, rule=rule, upper=answer.rule.max_age))
else:
    st.success(
        t(
            "rehab_eligible",
            L,
            age=age,
            rule=t(
                "rehab_age_range",
                L,
                name=fmt.plain_markdown(answer.rule.name(L)),
                low=answer.rule.min_age,
                high=answer.rule.max_age,
            ),
        )
    )
if answer.rule is not None:
    st.caption(f"{t('quote', L)}{SEP}{fmt.plain_markdown(book.standards[answer.rule.standard].quote)}")

st.markdown(f"**{t('rehab_ceilings', L)}**")
if not answer.standards:
    st.info(t("rehab_no_standard", L))
for standard in answer.standards:
    with st.container(border=True):
        st.markdown(
            f"**{fmt.plain_markdown(standard_name(standard))}{SEP}{fmt.plain_markdown(figure_text(standard))}**"
        )
        note = f"　（{fmt.plain_markdown(standard.note(L))}）" if standard.note(L) else ""
        st.caption(f"{t('quote', L)}{SEP}{fmt.plain_markdown(standard.quote)}" + note)
if answer.service.note(L):
    st.info(fmt.plain_markdown(answer.service.note(L)))

st.subheader(t("rehab_all", L))
chart = chart_set.rehab_ceilings(ctx)
show_chart(chart.figure, "rehab_ceilings", chart.data, chart.stem)
table = {
    t("rehab_standard", L): [standard_name(s) for s in book.standards.values()],
    t("rehab_value", L): [figure_text(s) for s in book.standards.values()],
    t("quote", L): [s.quote for s in book.standards.values()],
}
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key="rehab_table",
    column_config={t("quote", L): st.column_config.TextColumn(width="large")},
)
downloads(facts, "rehab-standards", "rehab_download")
st.caption(t("source_line", L, source=fmt.plain_markdown(source.title(L))))
