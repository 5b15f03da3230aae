"""The staff import preview and its "done" in words: each change as indicator, month, item and old → new figure with
its unit; the effect on the targets' statuses ("应用后：固定资产投资 由 待更新 变为 落后（差 4.5 个百分点）"); and what
an applied update wrote, when, by whom and how to undo it. The data come from loaders/staff/preview.py."""

from __future__ import annotations

import pandas as pd

from loaders.documents.self_assessment import STATUSES as SELF_STATUSES
from loaders.io.clock import beijing

from . import format as fmt
from .i18n import MONTH_NAMES_EN, localized, period_label, pick, status_label, t
from .thisyear import gap_words

FIGURE_COLUMNS = ("value", "yoy_pct", "rank")  # a change in one of these is a figure; any other column is text
ITEM_KEYS = {
    "monthly": {"value": "item_value_monthly", "yoy_pct": "item_yoy_monthly", "rank": "item_rank", "note": "item_note"},
    "provincial": {"value": "item_value", "yoy_pct": "item_yoy", "source": "item_source"},
    "self_assessment": {"score": "item_score", "status": "item_status", "note": "item_self_note"},
}


def month_label(period: str, lang: str = "zh") -> str:
    """The month a monthly file is for: '2023-03' -> 2023年3月 / Mar 2023; a year stays a year (2022年)."""
    if len(period) != 7:
        return period_label(period, lang) if period else ""
    month = int(period[5:7])
    return t("month_label", lang, year=period[:4], month=month, month_name=MONTH_NAMES_EN[month - 1])


def _figure(text: str, column: str, unit: str, lang: str) -> str:
    """A cell as written in the data file, read as the figure it is: 231.5 -> 231.5 亿元, 6.5 -> 6.5%, 5 -> 第5位."""
    if text == "":
        return "—"
    try:
        value = float(text)
    except ValueError:
        return text
    if column == "rank":
        return fmt.rank(value, lang)
    return fmt.with_unit(value, "%" if column == "yoy_pct" else unit, lang)


def _cell(row, kind: str, side: str, lang: str) -> str:
    text = row[side]
    if kind == "self_assessment":
        if row["column"] == "status" and text in SELF_STATUSES:
            return pick(*SELF_STATUSES[text], lang)
        return text or "—"
    return _figure(text, row["column"], row["unit"], lang) if row["column"] in FIGURE_COLUMNS else (text or "—")


def _what(row, kind: str, lang: str) -> str:
    """The indicator (with its region for a provincial figure), or the checklist's point, as a person names it."""
    if kind == "self_assessment":
        return f"{row['point']} {localized(row, 'point_name', lang)}".strip()
    name = localized(row, "name", lang) or row["indicator_id"]
    if not row["region"]:
        return name
    return t("preview_region_indicator", lang, region=localized(row, "region", lang), name=name)


def change_table(rows: pd.DataFrame, kind: str, lang: str = "zh") -> pd.DataFrame:
    """The preview's table: 指标 · 项目 · 原值 → 新值 · 变化 · 月份, in `lang`; no codes, no file paths."""
    items, records = ITEM_KEYS[kind], [r for _, r in rows.iterrows()]
    # What and old → new first: a phone shows the first columns without scrolling sideways.
    table = {
        t("preview_point" if kind == "self_assessment" else "indicator", lang): [_what(r, kind, lang) for r in records],
        t("preview_item", lang): [t(items[c], lang) if c in items else c for c in rows["column"]],
        t("preview_old_new", lang): [
            t("preview_arrow", lang, old=_cell(r, kind, "old", lang), new=_cell(r, kind, "new", lang)) for r in records
        ],
        t("change_kind", lang): [t(f"kind_{k}", lang) for k in rows["kind"]],
    }
    if kind != "self_assessment":
        when = t("preview_month" if kind == "monthly" else "period", lang)
        table[when] = [month_label(p, lang) for p in rows["period"]]
    return pd.DataFrame(table)


def _gap(row, lang: str) -> str:
    """How far the judged figure is from its mark, in the words of the overview's cards."""
    if fmt.missing(row.gap):
        return ""
    if row.measure in ("yoy_pct", "change_pp"):
        return gap_words(row, lang)
    short = -row.gap if row.bound == ">=" else row.gap
    if row.measure == "rank":
        return t("effect_rank_short" if short > 0 else "effect_rank_ahead", lang, n=fmt.number(abs(row.gap)))
    return t(
        "effect_level_short" if short > 0 else "effect_level_ahead",
        lang,
        gap=fmt.with_unit(abs(row.gap), row.level_unit, lang),
        expected=fmt.with_unit(row.expected, row.level_unit, lang),
    )


def effect_lines(effects: pd.DataFrame, lang: str = "zh") -> list[str]:
    """One sentence per target the update moves: 应用后：固定资产投资 由 待更新 变为 落后（差 4.5 个百分点）."""
    if effects.empty:
        return [t("effect_none", lang)]
    lines = []
    for _, row in effects.iterrows():
        gap = _gap(row, lang)
        values = dict(
            name=localized(row, "name", lang),
            after=status_label(row.status, lang),
            gap=t("effect_gap", lang, gap=gap) if gap else "",
        )
        if row.status != row.before_status:
            lines.append(t("effect_changed", lang, before=status_label(row.before_status, lang), **values))
            continue
        was = _gap(_before(row), lang)  # same status, another figure: how far it was
        if gap and was and was != gap:
            values["gap"] = t("effect_gap_was", lang, gap=gap, was=was)
        lines.append(t("effect_same", lang, **values))
    return lines


def _before(row: pd.Series) -> pd.Series:
    """A judged target as it stood before the update (the before_ columns of preview.status_effects)."""
    return pd.Series({**row.to_dict(), **{c: row[f"before_{c}"] for c in ("gap", "expected", "bound")}})


def done_message(entry: dict, lang: str = "zh") -> str:
    """What an applied update wrote, when (Beijing time), by whom: 已完成：第 3 次更新已写入 …"""
    changes = entry.get("changes", [])
    if entry.get("kind") == "self_assessment":
        what = t("done_points", lang, n=len({c["key"] for c in changes}))
    else:
        figures = sum(c["column"] in FIGURE_COLUMNS for c in changes)
        notes = len(changes) - figures
        what = t("done_figures", lang, n=figures) + (t("done_notes", lang, n=notes) if notes else "")
    files = t("list_separator", lang).join(f["path"] for f in entry.get("files", []))
    return t(
        "applied_done",
        lang,
        id=entry["id"],
        when=beijing(entry["at"], lang),
        user=entry["user"],
        files=files,
        what=what,
    )


def undo_how(lang: str = "zh") -> str:
    """How to take an update back: the page's own checkbox and button, or the command."""
    return t("applied_undo_how", lang, confirm=t("undo_confirm", lang), button=t("undo_button", lang))


def already_applied(entry: dict, lang: str = "zh") -> str:
    """Why the same file cannot be applied a second time."""
    return t("already_applied", lang, id=entry["id"], when=beijing(entry["at"], lang), user=entry["user"])
