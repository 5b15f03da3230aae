"""Growth targets as rows to draw: a target tied to another indicator takes that indicator's target."""

from __future__ import annotations

import pandas as pd

from loaders.judging.comparators import COMPARATORS


def growth_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """Growth targets with a number to draw: a target tied to another indicator (同步) takes that one's target."""
    growth = targets[targets["measure"] == "yoy_pct"].copy()
    own = growth.set_index("indicator_id")["target"]
    tied = growth["comparator"].map(lambda c: c in COMPARATORS and COMPARATORS[c].follows_related).astype(bool)
    growth.loc[tied, "target"] = growth.loc[tied, "relative_to"].map(own).to_numpy()
    return growth
