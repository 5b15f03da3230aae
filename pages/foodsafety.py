"""食品安全示范城市: the self-assessed score against the checklist (by part, by lead department), the plan's phases
against today, the plan's and the checklist's targets (disagreements shown), and the checklist with its damage."""

import datetime as dt

import streamlit as st

from charts import format as fmt
from charts import standard
from charts.i18n import localized, t
from loaders import store
from loaders.documents.assessment import phase_now
from loaders.documents.self_assessment import score, status_counts
from pages.common import choice_in_url, context, downloads, show_chart

ctx = context()
L = ctx.lang
SEP = t("colon", L)  # the colon after a label, as each language writes it
if not ctx.project.assessments:  # another city's data may have no checklist (data/assessments/)
    st.title(t("food_safety", L))
    st.info(t("no_document_data", L, folder="data/assessments/"))
    st.stop()
assessment = next(iter(ctx.project.assessments.values()))
entries = ctx.project.self_assessments.get(assessment.id, [])
checklist_source = ctx.project.sources[assessment.source]
plan_source = ctx.project.sources[assessment.plan_source]
today = dt.date.today()
result = score(assessment, entries)
entry_of = {e.point: e for e in entries}


def status_text(status: str) -> str:
    return t(f"self_{status}", L)


st.title(t("fs_title", L))
st.caption(fmt.plain_markdown(t("fs_caption", L, plan=plan_source.title(L), checklist=checklist_source.title(L))))

if result.triggered:
    st.error(t("fs_veto_triggered", L, items=fmt.plain_markdown("、".join(result.triggered))))
if result.veto_at_risk:
    st.warning(t("fs_veto_at_risk", L, items=fmt.plain_markdown("、".join(result.veto_at_risk))))
if not entries:
    st.info(t("fs_no_self", L))

parts_text = " + ".join(f"{fmt.number(p.weight)}" for p in result.parts) + f" = {fmt.number(result.weight)}"
counts = status_counts(assessment, entries)
left, right = st.columns(2)
left.metric(
    t("fs_score", L),
    t("fs_score_value", L, achieved=fmt.number(result.achieved), weight=fmt.number(result.weight)),
    help=t("fs_score_help", L, parts=parts_text),
)
right.metric(t("fs_scored", L), t("fs_scored_value", L, n=result.scored_points, total=result.total_points))
st.markdown("　·　".join(f"{status_text(status)} **{n}**" for status, n in counts.items()))

state, phase = phase_now(assessment.phases, today)
phase_name = fmt.plain_markdown(localized(phase, "name", L)) if phase else ""
phase_text = {
    "current": lambda: t("fs_phase_current", L, name=phase_name, start=phase.start, end=phase.end),
    "over": lambda: t("fs_phase_all_done", L, end=phase.end),
    "before": lambda: t("fs_phase_before", L, start=phase.start),
    "between": lambda: t("fs_phase_between", L),
}[state]()
st.markdown(t("fs_phase_now", L, date=today.isoformat(), text=phase_text))


def show(chart, key: str) -> None:
    show_chart(chart.figure, key, chart.data, chart.stem)


show(standard.fs_phases(ctx, today), "fs_phases")
show(standard.fs_parts(ctx), "fs_parts")
for p in result.parts:
    part = assessment.parts[p.part]
    name = fmt.plain_markdown(localized(part, "name", L))
    if p.listed < p.weight:
        st.caption(
            f"{name}{SEP}"
            + t(
                "fs_part_short",
                L,
                listed=fmt.number(p.listed),
                weight=fmt.number(p.weight),
                gap=fmt.number(p.weight - p.listed),
            )
        )
    if p.optional_cap is not None and p.optional_achieved > p.optional_cap:
        st.caption(
            f"{name}{SEP}"
            + t("fs_optional_cap", L, optional=fmt.number(p.optional_achieved), cap=fmt.number(p.optional_cap))
        )

show(standard.fs_departments(ctx), "fs_departments")
st.caption(t("dept_note", L))

st.subheader(t("fs_targets", L))
st.caption(t("fs_targets_caption", L))
split = store.target_disagreements(ctx.con, "food_safety")
if not split.empty:
    st.warning(t("fs_disagree", L, n=split["indicator_id"].nunique()))
    st.dataframe(
        {
            t("indicator", L): split[ctx.name_column()],
            t("fs_target_value", L): [
                fmt.measured(v, "level", u, L, c) for v, u, c in zip(split["value"], split["unit"], split["comparator"])
            ],
            t("source", L): localized(split, "source_label", L),
            t("quote", L): split["quote"],
        },
        hide_index=True,
        width="stretch",
        key="fs_disagreements",
    )
targets = standard.with_printed(store.part_facts(ctx.con, "food_safety", "target"), L)
table = {
    t("indicator", L): targets[ctx.name_column()],
    t("fs_target_value", L): targets["printed"],
    t("source", L): localized(targets, "source_label", L),
    t("quote", L): targets["quote"],
    t("note_label", L): targets["remark"],
}
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    key="fs_targets_table",
    column_config={t("quote", L): st.column_config.TextColumn(width="large")},
)
downloads(targets, "food-safety-targets", "fs_targets_download")

st.subheader(t("fs_checklist", L))
st.caption(t("fs_checklist_caption", L))
for part in assessment.scored_parts():
    points = [p for p in assessment.points.values() if p.part == part.id]
    name = localized(part, "name", L)
    with st.expander(
        t("fs_part_points", L, name=fmt.plain_markdown(name), points=fmt.number(part.points)), expanded=False
    ):
        st.dataframe(
            {
                t("fs_point_no", L): [p.id for p in points],
                t("fs_point", L): [p.name(L) + ("　⚠" if p.damaged else "") for p in points],
                t("fs_weight", L): [fmt.number(p.points) for p in points],
                t("fs_kind", L): [t(f"fs_kind_{p.kind}", L) if p.kind else "" for p in points],
                t("fs_self_score", L): [fmt.number(entry_of[p.id].score) if p.id in entry_of else "—" for p in points],
                t("fs_status", L): [
                    status_text(entry_of[p.id].status if p.id in entry_of else "not_started") for p in points
                ],
                t("fs_lead", L): ["、".join(p.leads) for p in points],
            },
            hide_index=True,
            width="stretch",
            key=f"fs_part_{part.id}",
        )

point_id = choice_in_url(
    t("fs_pick_point", L),
    list(assessment.points),
    "point",
    lambda p: f"{p} {assessment.points[p].name(L)}" + ("　⚠" if assessment.points[p].damaged else ""),
)
point = assessment.points[point_id]
st.markdown(f"**{fmt.plain_markdown(point.quote)}**")
if point.id in entry_of:
    entry = entry_of[point.id]
    st.markdown(
        f"{t('fs_self_score', L)}{SEP}{fmt.number(entry.score)}　{t('fs_status', L)}{SEP}{status_text(entry.status)}"
        + (f"　{t('fs_note', L)}{SEP}{fmt.plain_markdown(entry.note)}" if entry.note else "")
    )
for note in point.damage:
    st.warning(f"{t('fs_damaged_mark', L)}{SEP}{fmt.plain_markdown(note.text(L))}")
for item in point.items:
    with st.container(border=True):
        st.markdown(fmt.plain_markdown(item.content))
        details = [
            (t("fs_method", L), item.method),
            (t("fs_tasks", L), item.tasks),
            (t("fs_lead", L), "、".join(item.lead)),
            (t("fs_responsible", L), "、".join(item.responsible)),
        ]
        st.caption("  \n".join(f"{label}{SEP}{fmt.plain_markdown(value)}" for label, value in details if value))
        for note in item.damage:
            st.warning(f"{t('fs_damaged_mark', L)}{SEP}{fmt.plain_markdown(note.text(L))}")

with st.expander(t("fs_vetoes", L)):
    for veto in assessment.vetoes.values():
        state = status_text(entry_of[veto.id].status) if veto.id in entry_of else status_text("not_started")
        st.markdown(
            f"**{fmt.plain_markdown(veto.id)}** {fmt.plain_markdown(veto.content)}　·　{t('fs_status', L)}{SEP}{state}"
        )
damage = [(p.id, n) for p in assessment.points.values() for n in p.damage]
damage += [(f"{p.id}（{i.no}）", n) for p in assessment.points.values() for i in p.items for n in i.damage]
damage += [(part.id, n) for part in assessment.parts.values() for n in part.damage]
damage += [(g.part or "", g) for g in assessment.gaps]
with st.expander(t("fs_damage", L, n=len(damage))):
    st.dataframe(
        {t("fs_point_no", L): [d[0] for d in damage], t("reason", L): [d[1].text(L) for d in damage]},
        hide_index=True,
        width="stretch",
        key="fs_damage_table",
    )
st.caption(t("source_line", L, source=fmt.plain_markdown(f"{plan_source.title(L)}；{checklist_source.title(L)}")))
