"""Interface words in Chinese and English; Chinese first. The words themselves are in loaders/io/messages.yaml
(loaders/io/language.py reads them); this module keeps the interface's helpers for statuses and periods."""

from __future__ import annotations

# The interface's entry points: t(key, lang, **values), a record's field in the language, the one choice of language.
from loaders.io.language import column_for, localized, pick, t  # noqa: F401


def status_label(status: str, lang: str = "zh") -> str:
    return t(f"status_{status}", lang)


MONTH_NAMES_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(period: str | None, lang: str = "zh") -> str:
    """'2023-06' -> 2023年1–6月 (cumulative); '2022' -> 2022年."""
    if not period:
        return "—"
    if len(period) == 4:
        return t("period_year", lang, year=period)
    year, month = period[:4], int(period[5:7])
    return t(
        "period_january" if month == 1 else "period_months",
        lang,
        year=year,
        month=month,
        month_name=MONTH_NAMES_EN[month - 1],
    )


def as_of_label(period: str | None, lang: str = "zh") -> str:
    """The '数据截至' date: the end of the latest period."""
    if not period:
        return "—"
    if len(period) == 4:
        return t("period_year", lang, year=period)
    return t("as_of_month", lang, year=period[:4], month=int(period[5:7]), period=period)
