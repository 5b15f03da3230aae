"""A draft as a project folder's files: catalogue with targets, results, source text and entry, regions, the numbers
that are not facts, and review.csv (every drafted row, where it went or why it was not written).

`draft_files` returns {relative path: bytes}; the CLI writes them to a new folder, the review page hands them to the
same atomic, undoable writer as monthly updates. Every written row carries a note saying it awaits review."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import yaml

from ..io.numbers import number_text
from ..io.units import convert
from ..readers.sources import squash
from .grammar import Draft, DraftFact
from .rules import BARE, follows_related

SECTION_NAMES = {
    "results": ("上年实绩（草稿）", "Last year's results (draft)", "review"),
    "main_targets": ("主要预期目标（草稿）", "Main targets (draft)", "tasks"),
    "task_targets": ("任务目标（草稿）", "Task targets (draft)", "tasks"),
}
RESULT_COLUMNS = ["indicator_id", "period", "measure", "value", "comparator", "section", "quote", "note", "unit"]
# The command's columns (a contract: name … reason, then section), as `python -m loaders extract` prints them.
COLUMNS = [
    "name",
    "region",
    "period",
    "measure",
    "scenario",
    "comparator",
    "value",
    "unit",
    "quote",
    "confidence",
    "reason",
    "section",
]
REVIEW_COLUMNS = [*COLUMNS, "written_as", "not_written"]
GROWTH_NAMES = ("地区生产总值", "国内生产总值", "生产总值")


@dataclass
class Meta:
    """What the folder says about the report: place, year, the text's file name, and optional markers."""

    region: str
    report_year: int
    text_name: str
    province: str = ""
    source_id: str = ""
    starts_with: str | None = None
    ends_with: str | None = None

    @property
    def source(self) -> str:
        return self.source_id or f"work-report-{self.report_year}"


def _measure(fact: DraftFact) -> str:
    return "level" if fact.measure == "share" else fact.measure


class _Catalogue:
    """Indicators grouped by printed name; a second figure for the same key, or a unit that does not convert,
    makes an indicator of its own (认证产品 60 and 认证产品 20 are two)."""

    def __init__(self, section_prefix: str = ""):
        self.indicators: list[dict] = []
        self.keys: dict[str, set] = {}
        self.prefix = section_prefix

    def place(self, fact: DraftFact) -> dict:
        key = (fact.period, _measure(fact), fact.scenario)
        for ind in self.indicators:
            if ind["_name"] != fact.name or key in self.keys[ind["id"]]:
                continue
            if _measure(fact) == "level" and convert(1.0, fact.unit, ind["unit"]) is None:
                continue
            return self._take(ind, fact, key)
        n = len(self.indicators) + 1
        same = sum(1 for i in self.indicators if i["_name"] == fact.name)
        ind = {
            "id": f"{self.prefix}d{n:03d}",
            "_name": fact.name,
            "name_zh": fact.name + (f"（{same + 1}）" if same else ""),
            "name_en": f"Draft indicator {n} (to translate)",
            "unit": fact.unit if _measure(fact) == "level" else "%",
            "category": fact.section,
            "measures": [],
            "targets": [],
        }
        self.indicators.append(ind)
        self.keys[ind["id"]] = set()
        return self._take(ind, fact, key)

    def _take(self, ind: dict, fact: DraftFact, key) -> dict:
        self.keys[ind["id"]].add(key)
        if _measure(fact) not in ind["measures"]:
            ind["measures"].append(_measure(fact))
        if _measure(fact) == "level" and ind["unit"] == "%" and fact.unit != "%" and len(ind["measures"]) == 1:
            ind["unit"] = fact.unit
        return ind


def _note(fact: DraftFact) -> str:
    return f"待审核 draft (confidence {fact.confidence:.2f}): {fact.reason}"


def draft_files(
    draft: Draft, meta: Meta, original_text: str, id_prefix: str = "", ranked_among: int | None = None
) -> dict[str, bytes]:
    """Every file of the draft folder, relative path → content. A rank runs from 1 to `ranked_among` (the regions of
    the project it joins); a new folder's regions file lists only the regions the text names, so its ranks beyond
    them wait in review.csv until every region is listed."""
    if ranked_among is None:
        ranked_among = len({meta.region} | {f.region for f in draft.facts if f.region})
    catalogue = _Catalogue(id_prefix)
    results, review, provincial = [], [], {}
    source_text = squash(original_text)
    placed: list[tuple[DraftFact, dict]] = []
    for fact in draft.facts:
        row = _review_row(fact)
        review.append(row)
        why = _not_writable(fact, meta, source_text, ranked_among)
        if why:
            row["not_written"] = why
            continue
        if fact.region != meta.region:
            if fact.scenario != "actual" or _measure(fact) not in ("level", "yoy_pct"):
                row["not_written"] = "其他地区的目标或排名不写入 · another region's target or rank is not written"
                continue
            ind = catalogue.place(fact)
            key = (fact.region, ind["id"], fact.period)
            entry = provincial.setdefault(
                key,
                {
                    "region": fact.region,
                    "indicator_id": ind["id"],
                    "period": fact.period,
                    "value": "",
                    "yoy_pct": "",
                    "source": meta.source,
                },
            )
            entry["value" if _measure(fact) == "level" else "yoy_pct"] = number_text(fact.value)
            row["written_as"] = ind["id"]
            continue
        ind = catalogue.place(fact)
        row["written_as"] = ind["id"]
        placed.append((fact, ind))
    relative = _growth_indicator(catalogue)
    for fact, ind in placed:
        if fact.scenario == "actual":
            results.append(_result_row(fact, ind))
        else:
            target = _target(fact, ind, relative)
            if target is None:
                row = next(r for r in review if r["quote"] == fact.quote and r["name"] == fact.name)
                row["written_as"], row["not_written"] = (
                    "",
                    "同步目标找不到对应的增长指标 · no growth indicator to keep pace with",
                )
                continue
            ind["targets"].append(target)
    files = {
        "indicators.yaml": _catalogue_yaml(catalogue, meta).encode("utf-8"),
        "data/report_results.csv": _csv(results, RESULT_COLUMNS),
        "data/sources/sources.yaml": _sources_yaml(meta).encode("utf-8"),
        f"data/sources/{meta.text_name}": original_text.encode("utf-8"),
        "data/regions.yaml": _regions_yaml(meta, sorted({k[0] for k in provincial})).encode("utf-8"),
        f"data/numbers_not_facts/{meta.source}.csv": _csv(
            [{"text": n.text, "reason": n.reason} for n in draft.not_facts], ["text", "reason"]
        ),
        "review.csv": _csv(review, REVIEW_COLUMNS),
    }
    if provincial:
        files[f"data/provincial/{meta.source}.csv"] = _csv(
            list(provincial.values()), ["region", "indicator_id", "period", "value", "yoy_pct", "source"]
        )
    return files


def _not_writable(fact: DraftFact, meta: Meta, source_text: str, ranked_among: int) -> str:
    if squash(fact.quote) not in source_text:
        return "引文跨越了页眉或页码，请手工核对 · the quote spans page furniture: check it by hand"
    if fact.measure == "rank" and not (fact.value and fact.value.is_integer() and 1 <= fact.value <= ranked_among):
        return (
            f"名次超出地区表所列的 1–{ranked_among}：先在 data/regions.yaml 列出全部地区 · "
            f"rank outside the 1–{ranked_among} regions listed: list every region in data/regions.yaml first"
        )
    if fact.value is None and not follows_related(fact.comparator):
        return "没有数值 · no value"
    return ""


def _growth_indicator(catalogue: _Catalogue) -> str | None:
    """The indicator a 与经济增长同步 target keeps pace with: the draft's gross product."""
    for ind in catalogue.indicators:
        if any(ind["_name"].endswith(n) for n in GROWTH_NAMES):
            if "yoy_pct" not in ind["measures"]:
                ind["measures"].append("yoy_pct")
            return ind["id"]
    return None


def _target(fact: DraftFact, ind: dict, relative: str | None) -> dict | None:
    target = {"year": int(fact.period[:4]), "measure": _measure(fact), "comparator": fact.comparator or BARE}
    if follows_related(fact.comparator):
        if relative is None or relative == ind["id"]:
            return None
        target["relative_to"] = relative
    else:
        target["value"] = fact.value
    if _measure(fact) == "level" and fact.unit != ind["unit"]:
        target["unit"] = fact.unit
    target.update({"section": fact.section, "quote": fact.quote, "note": _note(fact)})
    return target


def _result_row(fact: DraftFact, ind: dict) -> dict:
    unit = fact.unit if _measure(fact) == "level" and fact.unit != ind["unit"] else ""
    return {
        "indicator_id": ind["id"],
        "period": fact.period,
        "measure": _measure(fact),
        "value": number_text(fact.value),
        "comparator": fact.comparator,
        "section": "results",
        "quote": fact.quote,
        "note": _note(fact),
        "unit": unit,
    }


def _review_row(fact: DraftFact) -> dict:
    return {
        "name": fact.name,
        "region": fact.region,
        "period": fact.period,
        "measure": fact.measure,
        "scenario": fact.scenario,
        "comparator": fact.comparator,
        "value": "" if fact.value is None else number_text(fact.value),
        "unit": fact.unit,
        "quote": fact.quote,
        "confidence": f"{fact.confidence:.2f}",
        "reason": fact.reason,
        "section": fact.section,
        "written_as": "",
        "not_written": "",
    }


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _catalogue_yaml(catalogue: _Catalogue, meta: Meta) -> str:
    # The main targets' section is always there and flagged: validate asks every report with targets for one.
    used = {ind["category"] for ind in catalogue.indicators} | {"results", "main_targets"}
    categories = [
        {"id": sid, "part": part, "name_zh": zh, "name_en": en} | ({"main": True} if sid == "main_targets" else {})
        for sid, (zh, en, part) in SECTION_NAMES.items()
        if sid in used
    ]
    indicators = []
    for ind in catalogue.indicators:
        entry = {k: v for k, v in ind.items() if not k.startswith("_") and (k != "targets" or v)}
        for t in entry.get("targets", []):
            if "value" in t and float(t["value"]).is_integer():
                t["value"] = int(t["value"])
        indicators.append(entry)
    head = (
        "# 指标目录（草稿）— drafted from the report's text by `python -m loaders extract`; every target and result\n"
        "# carries a note 待审核 (awaiting review). Check names, units and comparators against the report.\n"
    )
    return head + _dump(
        {
            "defaults": {
                "region": meta.region,
                "direction": "higher_better",
                "frequency": "annual",
                "rank_basis": "yoy_pct",
                "level_kind": "flow",
                "measures": ["level"],
                "source": meta.source,
                "tolerance": 0.5,
            },
            "categories": categories,
            "indicators": indicators,
        }
    )


def _sources_yaml(meta: Meta) -> str:
    entry = {
        "id": meta.source,
        "kind": "document",
        "title_zh": f"{meta.region}{meta.report_year}年政府工作报告",
        "title_en": f"{meta.report_year} government work report (draft entry: complete the title)",
        "issuer_zh": f"{meta.region}人民政府",
        "issuer_en": "(to complete)",
        "file": meta.text_name,
    }
    if meta.starts_with:
        entry["starts_with"] = meta.starts_with
    if meta.ends_with:
        entry["ends_with"] = meta.ends_with
    return _dump({"sources": [entry]})


def _regions_yaml(meta: Meta, others: list[str]) -> str:
    head = "# 地区名称对照（草稿）— list every region of the province, with aliases, before relying on rankings.\n"
    regions = [
        {"name": r, "name_en": r, "aliases": []} for r in [meta.region, *[o for o in others if o != meta.region]]
    ]
    return head + _dump({"province": meta.province or "（待填写）", "regions": regions})
