"""Targets judged against the store's figures: the store's query (loaders/store.py) and the status rules
(loaders/judging/target_progress.py) composed, so that the rules stay pure and never query the store."""

from __future__ import annotations

import pandas as pd

from loaders import store
from loaders.judging.target_progress import judge_targets, with_final_mark


def target_progress(con, year: int, region: str, through: str | None = None) -> pd.DataFrame:
    """Every target of `year` with status, expected figure (序时进度), gap and growth still needed; with `through`
    ('2023-06'), as the figures stood at the end of that period."""
    return judge_targets(store.target_inputs(con, year, region, through))


def record(con, region: str, indicator_id: str, years: list[int]) -> pd.DataFrame:
    """An indicator's record across report years: each year's target beside what was achieved and its status."""
    rows = []
    for year in years:
        judged = target_progress(con, year, region)
        rows.append(judged[judged["indicator_id"] == indicator_id].assign(year=year))
    return with_final_mark(pd.concat(rows, ignore_index=True) if rows else pd.DataFrame())
