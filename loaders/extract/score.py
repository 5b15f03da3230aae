"""How good a draft is: each drafted fact paired with at most one fact of a hand-made catalogue (same figure, quotes
that overlap), then recall and precision with every field right, and the share right of each field."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..judging.vocabulary import MEASURE_UNITS
from ..readers.sources import squash
from .rules import FRAGMENTS, follows_related

FIELDS = ("value", "period", "measure", "scenario", "comparator", "unit", "quote")
# The data model keeps a share as a level in %; 个百分点 and 百分点 are one unit.
_SAME_MEASURE = {"share": "level"}
_SAME_UNIT = {"个百分点": "百分点"}


@dataclass(frozen=True)
class Expected:
    name: str
    period: str
    measure: str
    scenario: str
    comparator: str
    value: float | None
    unit: str
    quote: str


@dataclass
class Score:
    expected: int
    drafted: int
    paired: int
    all_right: int
    field_right: dict[str, int]
    by_scenario: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # scenario: (expected, drafted, right)
    missed: list[Expected] = field(default_factory=list)
    wrong: list[tuple[object, Expected, list[str]]] = field(default_factory=list)
    right: list[tuple[object, Expected]] = field(default_factory=list)
    extra: list[object] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.all_right / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.all_right / self.drafted if self.drafted else 0.0


def expected_facts(root: Path, source_ids: set[str]) -> list[Expected]:
    """The hand-made facts of these sources in a project folder, with each unit as printed."""
    from ..project import load_project

    project = load_project(root)
    indicators = project.catalogue.indicators if project.catalogue else {}
    out = []
    for f in project.facts:
        if f.source not in source_ids or f.quote is None:
            continue
        indicator = indicators.get(f.indicator_id)
        unit = MEASURE_UNITS.get(f.measure) or f.unit or (indicator.unit if indicator else "")
        out.append(
            Expected(
                indicator.name_zh if indicator else f.indicator_id,
                f.period,
                f.measure,
                f.scenario,
                f.comparator or "",
                f.value,
                unit,
                f.quote,
            )
        )
    return out


def quotes_overlap(a: str, b: str) -> bool:
    """One quote holds the other, or they share a run of at least half the shorter one."""
    a, b = squash(a), squash(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.5 * min(len(a), len(b))


def _same_figure(d, e: Expected) -> bool:
    if d.value is None or e.value is None:
        return d.value is None and e.value is None and d.comparator == e.comparator and follows_related(d.comparator)
    return abs(abs(d.value) - abs(e.value)) < 1e-9


def wrong_fields(d, e: Expected) -> list[str]:
    """The fields of a drafted fact that differ from the hand-made one."""
    checks = {
        "value": d.value == e.value or (d.value is not None and e.value is not None and abs(d.value - e.value) < 1e-9),
        "period": d.period == e.period,
        "measure": _SAME_MEASURE.get(d.measure, d.measure) == e.measure,
        "scenario": d.scenario == e.scenario,
        "comparator": (d.comparator or "") == (e.comparator or ""),
        "unit": _SAME_UNIT.get(d.unit, d.unit) == _SAME_UNIT.get(e.unit, e.unit),
        "quote": quotes_overlap(d.quote, e.quote),
    }
    return [k for k in FIELDS if not checks[k]]


def score(drafted: list, expected: list[Expected]) -> Score:
    """Pair drafted and expected facts (same figure, overlapping quotes; the pair with most fields right first)."""
    candidates = []
    for i, d in enumerate(drafted):
        for j, e in enumerate(expected):
            if _same_figure(d, e) and quotes_overlap(d.quote, e.quote):
                wrong = wrong_fields(d, e)
                name_bonus = 0 if d.name and (d.name in e.name or e.name in d.name) else 1
                candidates.append((len(wrong), name_bonus, i, j, wrong))
    candidates.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
    used_d, used_e, pairs = set(), set(), []
    for _, _, i, j, wrong in candidates:
        if i in used_d or j in used_e:
            continue
        used_d.add(i)
        used_e.add(j)
        pairs.append((i, j, wrong))
    result = Score(
        len(expected),
        len(drafted),
        len(pairs),
        sum(1 for *_, w in pairs if not w),
        {k: sum(1 for *_, w in pairs if k not in w) for k in FIELDS},
    )
    for scenario in sorted({e.scenario for e in expected} | {d.scenario for d in drafted}):
        right = sum(1 for i, j, w in pairs if not w and expected[j].scenario == scenario)
        result.by_scenario[scenario] = (
            sum(e.scenario == scenario for e in expected),
            sum(d.scenario == scenario for d in drafted),
            right,
        )
    result.missed = [e for j, e in enumerate(expected) if j not in used_e]
    result.extra = [d for i, d in enumerate(drafted) if i not in used_d]
    result.wrong = [(drafted[i], expected[j], w) for i, j, w in pairs if w]
    result.right = [(drafted[i], expected[j]) for i, j, w in pairs if not w]
    return result


# What was done, which the quote beside the name shows: 新增专精特新企业 and 专精特新企业 name the same count.
_ACTIONS = re.compile(
    r"^(?:新增|新建|新认定|新入选|新获批|新培育|新引进|新开工|新改建|新设|办理|举办|开展|推进|推动|带动|完成|建成|实施|获评|"
    r"获批|建设|打造|培育|引进|创建|开工|改造|累计)+"
)


def _without_action(name: str) -> str:
    return _ACTIONS.sub("", name) or name


def usable_name(drafted: str, expected: str) -> bool:
    """A drafted name a reviewer can keep: not a fragment (a verb, a function word, one character, a placeholder),
    and the key's name itself, the same standard indicator (地区生产总值 = 生产总值 = GDP), or a longer phrase that
    holds the key's name (全省规模以上工业增加值 holds 规模以上工业增加值) or holds it without its leading action
    (专精特新企业 for the key's 新增专精特新企业: the quote beside the name says 新增)."""
    from .standard_names import key_of, standard_indicator

    d, e = key_of(drafted), key_of(expected)
    if len(d) < 2 or d in FRAGMENTS or drafted.startswith("（"):
        return False
    if d == e or e in d or _without_action(e) in d:
        return True
    sd, se = standard_indicator(d), standard_indicator(e)
    return sd is not None and sd == se


def report(s: Score, lang: str = "zh") -> str:
    """The figures as printed by `extract --score-against` and recorded in BENCHMARKS.md."""
    lines = [
        f"expected {s.expected}, drafted {s.drafted}, paired {s.paired}, every field right {s.all_right}",
        f"recall {s.recall:.1%}  precision {s.precision:.1%}  (every field right)",
    ]
    for scenario, (n_expected, n_drafted, right) in s.by_scenario.items():
        r = right / n_expected if n_expected else 0.0
        p = right / n_drafted if n_drafted else 0.0
        lines.append(
            f"  {scenario:8} expected {n_expected:4}  drafted {n_drafted:4}  right {right:4}  recall {r:.1%}  precision {p:.1%}"
        )
    lines.append(
        "per field, of paired facts: "
        + "  ".join(f"{k} {s.field_right[k] / s.paired:.1%}" if s.paired else f"{k} -" for k in FIELDS)
    )
    return "\n".join(lines)


def expected_from_csv(path: Path) -> list[Expected]:
    """Expected facts written by hand as a CSV (the test fixtures): the columns of `extract --format csv`."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Expected(
                r["name"],
                r["period"],
                r["measure"],
                r["scenario"],
                r["comparator"],
                float(r["value"]) if r["value"] else None,
                r["unit"],
                r["quote"],
            )
            for r in csv.DictReader(handle)
        ]
