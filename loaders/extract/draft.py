"""A draft as a project folder's files: catalogue with targets, results, source text and entry, regions, the numbers
that are not facts, and review.csv (every drafted row, where it went or why it was not written).

`draft_files` returns {relative path: bytes}; the CLI writes them to a new folder, the review page hands them to the
same atomic, undoable writer as monthly updates. Review is staff's business, not a viewer's: the written rows carry no
note; review.csv holds each drafted row's review state (待审核 until staff mark it 已审核), which the review page, the
maintenance page and `validate` count.

Ids and English names come from the standard indicators (standard_names.py): 地区生产总值 is `gdp`, Gross regional
product; a figure outside that vocabulary gets a draft id (d001) and no English name, which the English interface
says once. A rank is a rank among the regions file's regions only when its words say that scope (全省第6位 in a
prefecture's report whose regions are the province's); any other (西部第1位, 全国第2位 there) is a rank of an
indicator of its own that keeps the scope (`rank_scope: 西部`, named 区域创新能力（西部排名）), off the regions' rank
chart and not bounded by the number of regions."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, replace

import yaml

from ..io.numbers import number_text
from ..io.units import convert
from ..readers.sources import squash
from .grammar import Draft, DraftFact
from .review_state import PENDING
from .rules import BARE, follows_related
from .standard_names import standard_indicator

SECTION_NAMES = {
    "results": ("上年实绩（草稿）", "Last year's results (draft)", "review"),
    "main_targets": ("主要预期目标（草稿）", "Main targets (draft)", "tasks"),
    "task_targets": ("任务目标（草稿）", "Task targets (draft)", "tasks"),
}
RESULT_COLUMNS = ["indicator_id", "period", "measure", "value", "comparator", "section", "quote", "note", "unit"]
# The command's columns (a contract: name … reason, then section and part), as `python -m loaders extract` prints them;
# part is body or annex (an annex's items, such as 民生实事, are targets).
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
    "part",
]
REVIEW_COLUMNS = [*COLUMNS, "written_as", "not_written", "state"]
NO_SCOPE = "未写明"  # a rank whose words do not say where it is counted (从第9名提升至第2名)
# Where a rank is counted, as reports word it right before 第N位 (全省第6位, 西部第1位, 居全国第2).
RANK_SCOPE = re.compile(
    r"(全国|全省|全区|全市|全州|全县|全盟|全球|世界|国内|省内|西部|东部|中部|东北|西南|西北|华南|华东|华北|华中|长江经济带|黄河流域|沿边)"
    r"[^，。；、第]{0,8}第?$"
)
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
    regions_yaml: str = ""  # data/regions.yaml as written for the place (loaders/divisions.py); '' lists the text's
    rank_scope: str = ""  # how a rank among those regions is worded (全省, 全国, 全市): Regions.scope()

    @property
    def source(self) -> str:
        return self.source_id or f"work-report-{self.report_year}"


def _measure(fact: DraftFact) -> str:
    return "level" if fact.measure == "share" else fact.measure


@dataclass
class Existing:
    """An indicator of the catalogue a draft joins: a figure of the same standard indicator goes to it."""

    id: str
    unit: str
    measures: tuple[str, ...]


class _Catalogue:
    """Indicators grouped by printed name; a second figure for the same key, or a unit that does not convert,
    makes an indicator of its own (认证产品 60 and 认证产品 20 are two). A name of the standard vocabulary takes its
    id and English name; one that `existing` (an existing catalogue's indicators by standard id) already has goes to
    that indicator, so a next year's figures join its series."""

    def __init__(
        self, section_prefix: str = "", existing: dict[str, Existing] | None = None, taken=(), shared=frozenset()
    ):
        self.indicators: list[dict] = []
        self.keys: dict[str, set] = {}
        self.prefix = section_prefix
        self.existing = existing or {}
        self.taken = set(taken)  # ids an existing catalogue uses
        # printed names that carry two figures of one kind (城乡居民人均可支配收入分别达6.6万元和3.2万元): two
        # indicators under one name, neither of which is the standard indicator the name alone would be
        self.shared = shared

    def place(self, fact: DraftFact, scope: str = "") -> dict:
        """The indicator of a figure; `scope`: where a rank is counted when not among the regions (西部)."""
        key = (fact.period, _measure(fact), fact.scenario)
        joined = None if scope else self._existing(fact, key)
        if joined is not None:
            return joined
        standard = standard_indicator(fact.name) if not scope and fact.name not in self.shared else None
        for ind in self.indicators:
            # one indicator per printed name, and per standard indicator (生产总值 and 地区生产总值 are one)
            named = ind["_name"] == fact.name or (standard is not None and ind.get("_standard") == standard.id)
            if not named or key in self.keys[ind["id"]] or ind.get("_existing"):
                continue
            if _measure(fact) == "level" and convert(1.0, fact.unit, ind["unit"]) is None:
                continue
            return self._take(ind, fact, key)
        n = len(self.indicators) + 1
        same = sum(1 for i in self.indicators if i["_name"] == fact.name)
        standard = standard if not same else None
        iid = standard.id if standard else ""
        if not iid or iid in self.keys or iid in self.taken:
            iid = f"{self.prefix}d{n:03d}"
        ind = {
            "id": iid,
            "_name": fact.name,
            "_standard": standard.id if standard else None,
            # the report's own name (a respectively clause is checked against it), the vocabulary's id and English
            "name_zh": fact.name + (f"（{same + 1}）" if same else ""),
            **({"name_en": standard.name_en} if standard and not same else {}),
            "unit": fact.unit if _measure(fact) == "level" else "%",
            "category": fact.section,
            **({"rank_scope": scope} if scope else {}),
            "measures": [],
            "targets": [],
        }
        self.indicators.append(ind)
        self.keys[ind["id"]] = set()
        return self._take(ind, fact, key)

    def _existing(self, fact: DraftFact, key) -> dict | None:
        standard = standard_indicator(fact.name) if fact.name not in self.shared else None
        found = self.existing.get(standard.id) if standard else None
        if found is None or _measure(fact) not in found.measures or key in self.keys.get(found.id, set()):
            return None
        if _measure(fact) == "level" and convert(1.0, fact.unit, found.unit) is None:
            return None
        ind = next((i for i in self.indicators if i["id"] == found.id), None)
        if ind is None:
            ind = {"id": found.id, "_name": fact.name, "_existing": True, "unit": found.unit, "targets": []}
            ind["measures"] = list(found.measures)
            self.indicators.append(ind)
            self.keys[found.id] = set()
        self.keys[found.id].add(key)
        return ind

    def _take(self, ind: dict, fact: DraftFact, key) -> dict:
        self.keys[ind["id"]].add(key)
        if _measure(fact) not in ind["measures"]:
            ind["measures"].append(_measure(fact))
        if _measure(fact) == "level" and ind["unit"] == "%" and fact.unit != "%" and len(ind["measures"]) == 1:
            ind["unit"] = fact.unit
        return ind


def rank_scope(text: str, fact: DraftFact) -> str:
    """The words before a rank's 第 that say where it is counted (全省, 西部, 全国), or '' when they do not say."""
    found = RANK_SCOPE.search(text[max(fact.start, fact.figure_start - 16) : fact.figure_start])
    return found.group(1) if found else ""


def _other_scope(text: str, fact: DraftFact, regions_scope: str) -> tuple[DraftFact, str]:
    """A rank counted elsewhere than among the regions (西部第1位 where the regions are a province's): named with
    its scope (区域创新能力（西部排名）) and returned with that scope, which its indicator keeps (`rank_scope`), so it
    is shown as written and never drawn among the regions. Any other fact comes back as it is, with ''."""
    if fact.measure != "rank" or not regions_scope:
        return fact, ""
    said = rank_scope(text, fact)
    if said == regions_scope:
        return fact, ""
    return replace(fact, name=f"{fact.name}（{said}排名）"), said or NO_SCOPE


def draft_files(
    draft: Draft,
    meta: Meta,
    original_text: str,
    id_prefix: str = "",
    ranked_among: int | None = None,
    existing: dict[str, Existing] | None = None,
    taken=(),
    joined: dict[str, list[dict]] | None = None,
) -> dict[str, bytes]:
    """Every file of the draft folder, relative path → content. A rank runs from 1 to `ranked_among` (the regions of
    the folder: `meta.regions_yaml`'s, or those of the project the draft joins); without a regions list, the folder's
    regions file lists only the regions the text names, and its ranks beyond them wait in review.csv. `existing` and
    `taken` are the catalogue a next year's report joins (see _Catalogue); the targets that went to its indicators
    are put in `joined` (indicator id → targets), not in the draft's catalogue."""
    known = yaml.safe_load(meta.regions_yaml) if meta.regions_yaml else None
    names = _region_names(known) if known else set()
    if ranked_among is None:
        ranked_among = len(known["regions"]) if known else len({meta.region} | {f.region for f in draft.facts})
    kinds = Counter((f.name, f.period, _measure(f), f.scenario) for f in draft.facts if f.region in ("", meta.region))
    catalogue = _Catalogue(id_prefix, existing, taken, {k[0] for k, n in kinds.items() if n > 1})
    results, review, provincial = [], [], {}
    source_text = squash(original_text)
    placed: list[tuple[DraftFact, dict, dict]] = []
    for fact in draft.facts:
        row = _review_row(fact)
        review.append(row)
        fact, scope = _other_scope(draft.text, fact, meta.rank_scope)
        why = _not_writable(fact, meta, source_text, None if scope else ranked_among)
        if why:
            row["not_written"] = why
            continue
        if fact.region != meta.region:
            if fact.scenario != "actual" or _measure(fact) not in ("level", "yoy_pct") or scope:
                row["not_written"] = "其他地区的目标或排名不写入 · another region's target or rank is not written"
                continue
            if known and fact.region not in names:
                row["not_written"] = "地区不在地区表中 · the region is not in data/regions.yaml"
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
        ind = catalogue.place(fact, scope)
        row["written_as"] = ind["id"]
        placed.append((fact, ind, row))
    relative = _growth_indicator(catalogue)
    for fact, ind, row in placed:
        if fact.scenario == "actual":
            results.append(_result_row(fact, ind))
        else:
            target = _target(fact, ind, relative)
            if target is None:
                row["written_as"], row["not_written"] = (
                    "",
                    "同步目标找不到对应的增长指标 · no growth indicator to keep pace with",
                )
                continue
            ind["targets"].append(target)
    if joined is not None:
        joined.update({i["id"]: i["targets"] for i in catalogue.indicators if i.get("_existing") and i["targets"]})
    regions = meta.regions_yaml or _regions_yaml(meta, sorted({k[0] for k in provincial}))
    files = {
        "indicators.yaml": _catalogue_yaml(catalogue, meta).encode("utf-8"),
        "data/report_results.csv": _csv(results, RESULT_COLUMNS),
        "data/sources/sources.yaml": _sources_yaml(meta).encode("utf-8"),
        f"data/sources/{meta.text_name}": original_text.encode("utf-8"),
        "data/regions.yaml": regions.encode("utf-8"),
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


def _region_names(regions: dict) -> set[str]:
    return {n for r in regions.get("regions") or [] for n in [r["name"], *(r.get("aliases") or [])]}


def _not_writable(fact: DraftFact, meta: Meta, source_text: str, ranked_among: int | None) -> str:
    """Why a fact cannot be written as it is ('' when it can); a rank of another scope (`ranked_among` None) need
    only be a whole number from 1."""
    if squash(fact.quote) not in source_text:
        return "引文跨越了页眉或页码，请手工核对 · the quote spans page furniture: check it by hand"
    if fact.measure == "rank" and not (fact.value and fact.value.is_integer() and fact.value >= 1):
        return "名次应为正整数 · a rank is a whole number from 1"
    if fact.measure == "rank" and ranked_among is not None and fact.value > ranked_among:
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
    target.update({"section": fact.section, "quote": fact.quote})
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
        "note": "",
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
        "part": fact.part,
        "written_as": "",
        "not_written": "",
        "state": PENDING,
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
    used = {ind["category"] for ind in catalogue.indicators if "category" in ind} | {"results", "main_targets"}
    used |= {t["section"] for ind in catalogue.indicators for t in ind["targets"]}
    categories = [
        {"id": sid, "part": part, "name_zh": zh, "name_en": en} | ({"main": True} if sid == "main_targets" else {})
        for sid, (zh, en, part) in SECTION_NAMES.items()
        if sid in used
    ]
    indicators = []
    for ind in catalogue.indicators:
        if ind.get("_existing"):
            continue  # an existing catalogue's indicator: its new targets are added there (review.added_year_files)
        entry = {k: v for k, v in ind.items() if not k.startswith("_") and (k != "targets" or v)}
        for t in entry.get("targets", []):
            if "value" in t and float(t["value"]).is_integer():
                t["value"] = int(t["value"])
        indicators.append(entry)
    head = (
        "# 指标目录（草稿）— drafted from the report's text by `python -m loaders extract`; review.csv lists every\n"
        "# drafted row with its review state (待审核/已审核). Check names, units and comparators against the report.\n"
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
        "title_en": f"{meta.region} government work report {meta.report_year}",
        "label_zh": f"{meta.region}政府工作报告",
        "label_en": f"{meta.region} government work report",
        "issuer_zh": f"{meta.region}人民政府",
        "issuer_en": f"{meta.region} People's Government",
        "report_year": meta.report_year,
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
