"""Staff self-assessment against a checklist (data/assessments/<id>-self.csv): per evaluation point a score and a
status with a note; per veto item a status. Read with line-level checks, and scored (pure functions)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from loaders.documents.assessment import Assessment
from loaders.io.numbers import NotANumber, number_text, parse_number
from loaders.io.problems import Problem, Text, joined, problem, said
from loaders.io.schema import nearest, text_problem
from loaders.io.tables import Row, read_csv_rows, require_columns, unneutralise

SELF_COLUMNS = ["point", "score", "status", "note", "updated_by", "updated_at"]
SELF_LABELS = {"point": "评价要点编号", "score": "自评得分", "status": "进展状态", "note": "说明"}
SELF_ALIASES = {label: column for column, label in SELF_LABELS.items()} | {
    "编号": "point",
    "得分": "score",
    "状态": "status",
}
STATUSES = {  # id: (中文, English)
    "not_started": ("未开始", "not started"),
    "in_progress": ("推进中", "in progress"),
    "done": ("已完成", "done"),
    "at_risk": ("有风险", "at risk"),
    "triggered": ("已触发", "triggered"),  # veto items only: the city fails whatever its score
}
VETO_ONLY = {"triggered"}


def self_file(assessment_id: str) -> str:
    return f"data/assessments/{assessment_id}-self.csv"


@dataclass(frozen=True)
class Entry:
    point: str  # a point's or a veto item's id
    score: float | None  # None for veto items, and for points not yet scored
    status: str
    note: str
    line: int | None
    updated_by: str = ""
    updated_at: str = ""


def status_id(text: str) -> str | None:
    """A status as staff type it: 推进中, in progress, in_progress."""
    wanted = text.strip().lower().replace(" ", "_")
    for key, (zh, en) in STATUSES.items():
        if wanted in (key, zh, en.replace(" ", "_")):
            return key
    return None


def point_id(text: str, assessment: Assessment) -> str | None:
    """A point as staff type it: its id (P07, V96) or its printed number (7, 96) when that number is unambiguous."""
    text = text.strip().upper()
    if text in assessment.points or text in assessment.vetoes:
        return text
    if text.isdigit():
        by_number = [p.id for p in assessment.points.values() if p.no == int(text)]
        by_number += [v.id for v in assessment.vetoes.values() if v.no == int(text)]
        return by_number[0] if len(by_number) == 1 else None
    return None


def read_self_file(path: Path, assessment: Assessment) -> tuple[list[Entry], list[Problem]]:
    header, rows, problems = read_csv_rows(path, SELF_ALIASES, ("point",))
    if problems:
        return [], problems
    return self_entries(str(path), header, rows, assessment)


def self_entries(
    path: str, header: list[str], rows: list[Row], assessment: Assessment
) -> tuple[list[Entry], list[Problem]]:
    """Every row checked: known point, score within the point's weight, a known status, one row per point."""
    problems = require_columns(path, header, ("point", "status"), SELF_LABELS)
    if problems:
        return [], problems
    entries: list[Entry] = []
    first_line: dict[str, int] = {}

    def report(row: Row, message: Text) -> None:
        problems.append(problem(path, row.line, message))

    for row in rows:
        pid = point_id(row.get("point"), assessment)
        if pid is None and row.get("point").isdigit():
            report(row, said("self_point_number_unknown", point=row.get("point")))
            continue
        if pid is None:
            hint = nearest(row.get("point").upper(), [*assessment.points, *assessment.vetoes])
            report(
                row,
                said(
                    "self_point_unknown",
                    point=row.get("point"),
                    hint=said("hint_did_you_mean", suggestion=hint) if hint else said("hint_see_checklist"),
                ),
            )
            continue
        if pid in first_line:
            report(row, said("self_point_duplicate", point=pid, line=first_line[pid]))
            continue
        first_line[pid] = row.line
        status = status_id(row.get("status"))
        is_veto = pid in assessment.vetoes
        if status is None or (status in VETO_ONLY and not is_veto):
            allowed = [k for k in STATUSES if is_veto or k not in VETO_ONLY]
            report(
                row,
                said(
                    "self_status_invalid", status=row.get("status"), choices=joined(Text(*STATUSES[k]) for k in allowed)
                ),
            )
            continue
        score = _score(row, pid, is_veto, assessment, report)
        if score is False:
            continue
        if unshowable := text_problem("note", row.get("note")):
            report(row, unshowable)
            continue
        note = unneutralise(row.get("note"))  # a note typed as =… is stored '=… (loaders/staff/updates._csv_text)
        entries.append(Entry(pid, score, status, note, row.line, row.get("updated_by"), row.get("updated_at")))
    return entries, problems


def _score(row: Row, pid: str, is_veto: bool, assessment: Assessment, report) -> float | None | bool:
    """The checked score, None when blank, False when refused (the reason reported)."""
    try:
        score = parse_number(row.get("score"))
    except NotANumber as exc:
        report(row, said("column_not_a_number", column=Text(SELF_LABELS["score"], "score"), reason=exc.reason))
        return False
    if score is None:
        return None
    if is_veto:
        report(row, said("self_veto_scored", point=pid))
        return False
    weight = assessment.points[pid].points
    if not 0 <= score <= weight:
        report(row, said("self_score_out_of_range", point=pid, score=number_text(score), weight=number_text(weight)))
        return False
    return score


# --- scoring --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartScore:
    part: str
    weight: float  # the part's points as printed
    listed: float  # the sum of its points' weights as printed (less than weight where points are missing)
    achieved: float
    required_achieved: float | None = None  # a part with 必选项/自选项
    optional_achieved: float | None = None  # before the cap
    optional_cap: float | None = None


@dataclass(frozen=True)
class Score:
    parts: list[PartScore]
    achieved: float
    weight: float  # the sum of the scored parts' weights as printed
    scored_points: int  # points with a score entered
    total_points: int
    triggered: list[str]  # veto items marked 已触发
    veto_at_risk: list[str]


def score(assessment: Assessment, entries: list[Entry]) -> Score:
    """Achieved points by part. In a part with 自选项 the optional points count up to the part's optional_points
    (示范引领: 自选项20分), however many optional points are scored."""
    by_point = {e.point: e for e in entries}
    parts = []
    for part in assessment.scored_parts():
        points = [p for p in assessment.points.values() if p.part == part.id]
        achieved = {p.id: (by_point[p.id].score or 0.0) if p.id in by_point else 0.0 for p in points}
        listed = sum(p.points for p in points)
        if part.optional_points is None:
            parts.append(PartScore(part.id, part.points, listed, sum(achieved.values())))
            continue
        required = sum(achieved[p.id] for p in points if p.kind != "optional")
        optional = sum(achieved[p.id] for p in points if p.kind == "optional")
        parts.append(
            PartScore(
                part.id,
                part.points,
                listed,
                required + min(optional, part.optional_points),
                required,
                optional,
                part.optional_points,
            )
        )
    vetoes = [e for e in entries if e.point in assessment.vetoes]
    return Score(
        parts,
        sum(p.achieved for p in parts),
        sum(p.weight for p in parts),
        sum(1 for e in entries if e.point in assessment.points and e.score is not None),
        len(assessment.points),
        [e.point for e in vetoes if e.status == "triggered"],
        [e.point for e in vetoes if e.status == "at_risk"],
    )


def by_department(assessment: Assessment, entries: list[Entry]) -> list[dict]:
    """Per lead department: the weight of the points it leads and the score entered for them. A point led by two
    departments counts for each (the checklist gives them joint lead), so the rows do not add up to the total."""
    by_point = {e.point: e for e in entries}
    rows: dict[str, dict] = defaultdict(lambda: {"weight": 0.0, "achieved": 0.0, "points": 0, "done": 0, "at_risk": 0})
    for point in assessment.points.values():
        entry = by_point.get(point.id)
        for department in point.leads:
            row = rows[department]
            row["weight"] += point.points
            row["achieved"] += (entry.score or 0.0) if entry else 0.0
            row["points"] += 1
            row["done"] += bool(entry and entry.status == "done")
            row["at_risk"] += bool(entry and entry.status == "at_risk")
    return [{"department": d} | r for d, r in sorted(rows.items(), key=lambda kv: -kv[1]["weight"])]


def status_counts(assessment: Assessment, entries: list[Entry]) -> dict[str, int]:
    """How many points are in each status; a point with no row is not started."""
    by_point = {e.point: e.status for e in entries}
    counts = {k: 0 for k in STATUSES if k not in VETO_ONLY}
    for pid in assessment.points:
        counts[by_point.get(pid, "not_started")] += 1
    return counts
