"""Staff review of a draft, without Streamlit: the draft as an editable table, each row's clause in its paragraph,
the reviewed rows back as facts, and the files to write — a new draft folder, or this project's files with the
report added as a new year — checked by loading them before anything is written."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import yaml

from .. import scaffold
from ..io.language import pick
from ..io.markup import plain_markdown
from ..io.numbers import NotANumber, parse_number
from ..io.problems import Problem
from ..io.yamlio import load_yaml
from ..project import CATALOGUE_FILE, RESULTS_FILE, SOURCES_FILE, load_project
from ..readers.catalogue import load_catalogue
from . import review_state
from .draft import RESULT_COLUMNS, REVIEW_COLUMNS, Existing, Meta, draft_files
from .grammar import SECTIONS, Draft, DraftFact
from .review_state import REVIEW_FILE
from .standard_names import standard_indicator, standard_indicators

NO_COMPARATOR = "—"  # a plain result: shown as a dash, written as an empty cell
EDITABLE = ["keep", "name", "period", "measure", "scenario", "comparator", "value", "unit", "quote"]
COLUMNS = EDITABLE + ["confidence", "reason", "section", "row"]


def draft_frame(draft: Draft, lang: str = "zh") -> pd.DataFrame:
    """One row per drafted fact, every row kept until staff untick it; `row` points back into draft.facts."""
    return pd.DataFrame(
        [
            {
                "keep": True,
                "name": f.name,
                "period": f.period,
                "measure": f.measure,
                "scenario": f.scenario,
                "comparator": f.comparator or NO_COMPARATOR,
                "value": "" if f.value is None else f"{f.value:g}",
                "unit": f.unit,
                "quote": f.quote,
                "confidence": f.confidence,
                "reason": in_language(f.reason, lang),
                "section": f.section,
                "row": n,
            }
            for n, f in enumerate(draft.facts)
        ],
        columns=COLUMNS,
    )


LOW_CONFIDENCE = 0.8  # below this a row is marked ⚠ and shown first: most wrong rows score here


def least_sure_first(frame: pd.DataFrame) -> pd.DataFrame:
    """A section's rows, the least sure first (ties keep the report's order): the reviewer starts where the draft
    is most often wrong. Each row keeps `row`, so edits go back to the right fact."""
    return frame.sort_values("confidence", kind="stable").reset_index(drop=True)


def confidence_marked(frame: pd.DataFrame):
    """The table with its confidence cells coloured (red below LOW_CONFIDENCE, amber below 0.9) and marked ⚠, so that
    the colour is never the only signal (black-and-white print, colour-blind readers)."""

    def colour(value: float) -> str:
        if value < LOW_CONFIDENCE:
            return "background-color: #f8d7da; color: #58151c"
        return "background-color: #fff3cd; color: #664d03" if value < 0.9 else ""

    return frame.style.map(colour, subset=["confidence"]).format(
        {"confidence": lambda v: f"⚠ {v:.2f}" if v < LOW_CONFIDENCE else f"{v:.2f}"}
    )


def in_language(reason: str, lang: str) -> str:
    """A reason written "中文 · English" (parts joined by "; ") in one language; rule notation (增长 → yoy_pct) kept."""
    parts = [pick(*p.split(" · ")[:2], lang) if " · " in p else p for p in reason.split("; ")]
    return "; ".join(parts)


def by_section(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Results, main targets, task targets: the report's own three parts."""
    return {s: frame[frame["section"] == s].reset_index(drop=True) for s in SECTIONS}


def paragraph_with_clause(text: str, fact: DraftFact) -> str:
    """The paragraph holding a fact, for st.markdown with HTML: its clause marked and the figure in bold. The uploaded
    text is escaped for Markdown and HTML alike (plain_markdown: a Markdown image in a report must not make the staff
    member's browser fetch it); only the <mark> and <b> around it are markup."""
    start = text.rfind("\n", 0, fact.start) + 1
    end = text.find("\n", fact.end)
    end = len(text) if end < 0 else end
    fs, fe = max(fact.figure_start, fact.start), min(fact.figure_end, fact.end)
    parts = [
        plain_markdown(text[start : fact.start]),
        "<mark>",
        plain_markdown(text[fact.start : fs]),
        "<b>",
        plain_markdown(text[fs:fe]),
        "</b>",
        plain_markdown(text[fe : fact.end]),
        "</mark>",
        plain_markdown(text[fact.end : end]),
    ]
    return "".join(parts)


def reviewed(draft: Draft, frames: list[pd.DataFrame]) -> tuple[Draft, list[str]]:
    """The draft as staff left it: unticked rows dropped, edited cells taken; problems with a cell are returned
    (row and reason) and the row is left out, never guessed."""
    facts, problems = [], []
    for frame in frames:
        for record in frame.to_dict("records"):
            if not record.get("keep"):
                continue
            fact = draft.facts[int(record["row"])]
            try:
                value = parse_number(str(record["value"]).strip()) if str(record["value"]).strip() else None
            except NotANumber as exc:
                problems.append(f"{record['name']}: {exc.reason.zh} · {exc.reason.en}")
                continue
            if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", str(record["period"])):
                problems.append(f"{record['name']}: 期间应写 2023 或 2023-06 · period must be 2023 or 2023-06")
                continue
            facts.append(
                replace(
                    fact,
                    name=str(record["name"]).strip() or fact.name,
                    period=str(record["period"]),
                    measure=str(record["measure"]),
                    scenario=str(record["scenario"]),
                    comparator="" if record["comparator"] in (None, "", NO_COMPARATOR) else str(record["comparator"]),
                    value=value,
                    unit=str(record["unit"]),
                    quote=str(record["quote"]).strip(),
                )
            )
    return Draft(draft.text, facts, draft.not_facts), problems


def safe_folder(name: str) -> str:
    """A folder name that stays one folder under drafts/ (no slashes, no dots to climb out)."""
    return re.sub(r"[^\w\-]", "_", name.strip()).strip("_") or "draft"


def new_folder_files(folder: str, draft: Draft, meta: Meta, original: str) -> dict[str, bytes]:
    """The draft folder's files, under drafts/<folder>/ of this project (a place of its own, reviewable in git),
    its regions file from the division table as `new` writes it."""
    regions = scaffold.regions_text(meta.region, meta.province)
    if len((yaml.safe_load(regions) or {}).get("regions") or []) > 1:
        meta = replace(meta, regions_yaml=regions, rank_scope=scaffold.rank_scope(regions))
    return {f"drafts/{safe_folder(folder)}/{path}": data for path, data in draft_files(draft, meta, original).items()}


def free_text_name(root: Path, name: str, year: int) -> str:
    """A file name under data/sources/ that no existing source uses (a report text is never overwritten)."""
    stem = Path(name).stem or "report"
    candidate, n = f"{stem}.txt", 1
    while (Path(root) / "data" / "sources" / candidate).exists():
        n += 1
        candidate = f"{stem}-{year}-{n}.txt"
    return candidate


def existing_indicators(root: Path) -> dict[str, Existing]:
    """This project's indicators by standard indicator id (standard_names.py): 地区生产总值 catalogued as `gdp` is
    where a next report's 地区生产总值 goes. Indicators written in flow style (one line) are left out: targets are
    added under an indicator's block."""
    catalogue, _ = load_catalogue(Path(root) / CATALOGUE_FILE)
    data, _ = load_yaml(Path(root) / CATALOGUE_FILE)
    if catalogue is None or not isinstance(data, dict):
        return {}
    lines = (Path(root) / CATALOGUE_FILE).read_text(encoding="utf-8").splitlines()
    block = {e.get("id"): e for e in data.get("indicators") or [] if isinstance(e, dict)}
    found: dict[str, Existing] = {}
    for ind in catalogue.indicators.values():
        entry = block.get(ind.id)
        if entry is None or "{" in lines[entry.line - 1]:
            continue
        standard = standard_indicator(ind.name_zh) or next((s for s in standard_indicators() if s.id == ind.id), None)
        if standard is not None:
            found.setdefault(standard.id, Existing(ind.id, ind.unit, ind.measures))
    return found


def added_year_files(root: Path, draft: Draft, meta: Meta, original: str) -> dict[str, bytes]:
    """This project's catalogue, results, sources and review.csv with the reviewed report added as a new year. A
    figure of an indicator the catalogue has (地区生产总值 → `gdp`) joins it: its target goes under that indicator,
    its result into its series, so the year-by-year target record goes on. Only new indicators are added, with a
    standard id (retail_sales) or one of their own (y2024_d001); the report's sections become categories of their own
    (y2024_main_targets, flagged main), so nothing already catalogued changes."""
    prefix = f"y{meta.report_year}_"
    project = load_project(root)
    meta = replace(meta, rank_scope=meta.rank_scope or project.regions.scope())
    joined: dict[str, list[dict]] = {}
    files = draft_files(
        draft,
        meta,
        original,
        id_prefix=prefix,
        ranked_among=project.regions.count,
        existing=existing_indicators(root),
        taken=set(project.catalogue.indicators),
        joined=joined,
    )
    new = yaml.safe_load(files["indicators.yaml"].decode("utf-8"))
    for ind in new["indicators"]:
        ind["category"] = prefix + ind["category"]
        for target in ind.get("targets", []):
            target["section"] = prefix + target["section"]
            target["source"] = meta.source
    for targets in joined.values():
        for target in targets:
            target["section"] = prefix + target["section"]
            target["source"] = meta.source
            if isinstance(target.get("value"), float) and target["value"].is_integer():
                target["value"] = int(target["value"])
    catalogue = _with_targets((root / CATALOGUE_FILE).read_text(encoding="utf-8"), root, joined)
    categories = "".join(
        f"  - {{id: {prefix}{c['id']}, part: {c['part']}, name_zh: {c['name_zh']}（{meta.report_year}）, "
        f'name_en: "{c["name_en"]} ({meta.report_year})"' + (", main: true" if c.get("main") else "") + "}\n"
        for c in new["categories"]
    )
    head, tail = catalogue.split("\nindicators:", 1)
    indicators = yaml.safe_dump(new["indicators"], allow_unicode=True, sort_keys=False, width=1000)
    indicators = "".join("  " + line + "\n" if line else "\n" for line in indicators.splitlines())
    catalogue = (
        head.rstrip("\n")
        + "\n"
        + categories
        + "\nindicators:"
        + tail.rstrip("\n")
        + "\n"
        + f"  # {meta.report_year}年报告的新指标 · new indicators of the {meta.report_year} report (review.csv)\n"
        + (indicators if new["indicators"] else "")
    )
    old_rows = list(csv.DictReader(io.StringIO((root / RESULTS_FILE).read_text(encoding="utf-8"))))
    header = list(old_rows[0]) if old_rows else list(RESULT_COLUMNS)
    header += [c for c in ("unit", "source") if c not in header]  # a second report's results name their source
    rows = list(csv.DictReader(io.StringIO(files["data/report_results.csv"].decode("utf-8"))))
    for r in rows:
        r["section"], r["source"] = prefix + r["section"], meta.source
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(old_rows + rows)
    sources = (root / SOURCES_FILE).read_text(encoding="utf-8")
    entry = yaml.safe_load(files["data/sources/sources.yaml"].decode("utf-8"))["sources"][0]
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
    sources = sources.rstrip("\n") + "\n" + "".join("  " + line + "\n" for line in block.splitlines())
    return {
        CATALOGUE_FILE: catalogue.encode("utf-8"),
        RESULTS_FILE: out.getvalue().encode("utf-8"),
        SOURCES_FILE: sources.encode("utf-8"),
        f"data/sources/{meta.text_name}": files[f"data/sources/{meta.text_name}"],
        f"data/numbers_not_facts/{meta.source}.csv": files[f"data/numbers_not_facts/{meta.source}.csv"],
        REVIEW_FILE: _review_with(root, files["review.csv"]),
    }


def _with_targets(text: str, root: Path, joined: dict[str, list[dict]]) -> str:
    """The catalogue's text with `joined` targets added at the end of their indicators' blocks (comments and the
    rest of the file as they were)."""
    if not joined:
        return text
    data, _ = load_yaml(Path(root) / CATALOGUE_FILE)
    entries = [e for e in data.get("indicators") or [] if isinstance(e, dict)]
    lines = text.splitlines()
    inserts: list[tuple[int, list[str]]] = []
    for n, entry in enumerate(entries):
        targets = joined.get(entry.get("id"))
        if not targets:
            continue
        start = entry.line - 1
        end = entries[n + 1].line - 1 if n + 1 < len(entries) else _block_end(lines, start)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        key_indent = len(lines[start]) - len(lines[start].lstrip(" -"))
        dumped = yaml.safe_dump(targets, allow_unicode=True, sort_keys=False, width=1000).splitlines()
        added = [] if "targets" in entry else [" " * key_indent + "targets:"]
        added += [" " * (key_indent + 2) + line for line in dumped]
        inserts.append((end, added))
    for at, added in sorted(inserts, reverse=True):
        lines[at:at] = added
    return "\n".join(lines) + "\n"


def _block_end(lines: list[str], start: int) -> int:
    """The line after an indicator's block when it is the last entry: the next line indented no deeper than its dash."""
    dash = len(lines[start]) - len(lines[start].lstrip(" "))
    for n in range(start + 1, len(lines)):
        line = lines[n]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= dash:
            return n
    return len(lines)


def _review_with(root: Path, drafted: bytes) -> bytes:
    """review.csv with the new report's rows after the rows already there (their states kept)."""
    old = review_state.rows(root)
    new = list(csv.DictReader(io.StringIO(drafted.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REVIEW_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(old + new)
    return out.getvalue().encode("utf-8")


def problems_after(root: Path, files: dict[str, bytes], folder: str | None = None) -> list[Problem]:
    """Load a copy of the project (or of the new folder alone) with these files written: the problems `validate`
    would print. Nothing in `root` is touched."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        if folder is None:
            copy.mkdir()
            shutil.copy(Path(root) / CATALOGUE_FILE, copy / CATALOGUE_FILE)
            shutil.copytree(Path(root) / "data", copy / "data", ignore=shutil.ignore_patterns("history"))
        for relative, data in files.items():
            path = copy / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        base = copy if folder is None else copy / "drafts" / safe_folder(folder)
        project = load_project(base)
        return [p for p in project.problems if p.severity == "error"]
