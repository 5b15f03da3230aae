"""Growth rates: last year's result, this year's target and the latest cumulative figure, one row per indicator."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.io.language import localized

from . import format as fmt
from .frame import framed
from .i18n import t
from .theme import BLUE, GREY, RED


def prev_labels(rows: pd.DataFrame, lang: str, comparators: str = "prev_comparator",
                quotes: str = "prev_quote") -> list[str]:
    """Last year's growth as printed (11%以上, 5.2%左右), for a bar's label and its hover."""
    marks = rows[comparators] if comparators in rows else [None] * len(rows)
    said = rows[quotes] if quotes in rows else [None] * len(rows)
    return [fmt.growth(v, c if isinstance(c, str) else None, q if isinstance(q, str) else None, lang) if v == v else ""
            for v, c, q in zip(rows["prev_yoy_pct"], marks, said)]


def growth_bars(rows: pd.DataFrame, year: int, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """Horizontal grouped bars in the order given (first on top). Expects the columns of store.growth_table;
    a 同步 target must already carry the related indicator's target in `target` (charts.targets.growth_rows)."""
    rows = rows.iloc[::-1]
    prev = year - 1
    name = localized(rows, "name", lang)
    labels = [t("in_parens", lang, text=n, inner=fmt.rank(r, lang)) if r == r and r is not None else n
              for n, r in zip(name, rows["prev_rank"])]
    fig = go.Figure()
    fig.add_bar(y=labels, x=rows["prev_yoy_pct"], orientation="h", name=t("series_prev", lang, prev=prev),
                marker_color=GREY, text=prev_labels(rows, lang), textposition="outside", cliponaxis=False,
                customdata=rows["prev_quote"].fillna(t("not_given", lang)),
                hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>")
    fig.add_bar(y=labels, x=rows["target"], orientation="h", name=t("series_target", lang, year=year),
                marker_color=RED, cliponaxis=False, textposition="outside",
                text=[fmt.target_short(c, v, "%", lang) if c == c and c is not None else ""
                      for c, v in zip(rows["comparator"], rows["target"])],
                customdata=rows["target_quote"].fillna(t("not_given", lang)),
                hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>")
    if rows["latest_yoy_pct"].notna().any():
        fig.add_bar(y=labels, x=rows["latest_yoy_pct"], orientation="h", name=t("series_latest", lang, year=year),
                    marker_color=BLUE, cliponaxis=False, textposition="outside",
                    text=[fmt.with_unit(v, "%") if v == v else "" for v in rows["latest_yoy_pct"]],
                    hovertemplate="%{y}<br>%{x}%<extra></extra>")
    fig.update_layout(barmode="group", height=170 + 26 * len(rows) * max(2, len(fig.data)),
                      xaxis_title=t("growth_axis", lang), yaxis=dict(automargin=True),
                      xaxis_range=fmt.bar_range(rows["prev_yoy_pct"], rows["target"], rows["latest_yoy_pct"]))
    return framed(fig, t("growth_chart_title", lang, prev=prev, year=year), "%", f"{prev}–{year}", source, as_of, lang)
