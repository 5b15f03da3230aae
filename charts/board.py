"""The leader's board: how many main targets are in each status, as the tappable strip above the overview's cards."""
from __future__ import annotations

import pandas as pd

from loaders.status import STATUSES

from .i18n import t
from .status_style import symbol


def status_counts(targets: pd.DataFrame) -> dict[str, int]:
    """Targets per status, every status present (a zero says as much as a count), in reading order: behind first."""
    counts = targets["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def strip_option(status: str, count: int, lang: str = "zh") -> str:
    """One tappable count of the strip: ✖ 落后 3."""
    return t("strip_count", lang, mark=symbol(status), name=t(f"strip_short_{status}", lang), n=count)


def strip_text(counts: dict[str, int], lang: str = "zh") -> str:
    """The strip as one line of text, for speaker notes and the deck's summary: 落后 3 · 接近 2 · 达标 5 · 待更新 1."""
    return " · ".join(f"{t(f'strip_short_{s}', lang)} {n}" for s, n in counts.items())


def with_status(targets: pd.DataFrame, chosen: str | None) -> pd.DataFrame:
    """The cards the strip leaves: all of them when nothing is chosen."""
    return targets if chosen is None else targets[targets["status"] == chosen]
