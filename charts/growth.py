"""Growth rates: last year's result, this year's target and the latest cumulative figure, one row per indicator."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from loaders.readers.catalogue import note_in

from . import format as fmt
from .frame import caveats_of, framed
from .i18n import localized, period_label, pick, t
from .theme import BLUE, GREY, RED

NAME_WIDTH = {"zh": 8, "en": 22}  # characters per line of a row name: a phone keeps two thirds of its width for bars


def wrapped(name: str, lang: str = "zh") -> str:
    """A row name broken into short lines (<br>): Chinese anywhere, English between words."""
    width = NAME_WIDTH[pick("zh", "en", lang)]
    if width == NAME_WIDTH["zh"]:  # lines of even length: 社会消费品<br>零售总额, not 社会消费品零售总<br>额
        lines = -(-len(name) // width)
        size = -(-len(name) // lines)
        return "<br>".join(name[i : i + size] for i in range(0, len(name), size))
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def rank_words(row, year: int, lang: str = "zh") -> str | None:
    """The newest provincial rank with its period (1–6月第7位; 2022年第6位), or None: a rank never stands alone,
    and this year's replaces last year's as soon as there is one."""
    rank, period = getattr(row, "latest_rank", None), getattr(row, "latest_rank_period", None)
    if fmt.missing(rank) or not isinstance(period, str):
        rank, period = row.prev_rank, str(year - 1)
    if fmt.missing(rank):
        return None
    when = period_label(period, lang)
    if len(period) > 4:  # this year's months: the title already names the year
        when = pick(when.removeprefix(f"{period[:4]}年"), when.removesuffix(f" {period[:4]}"), lang)
    return t("rank_in_period", lang, period=when, rank=fmt.rank(rank, lang))


def row_label(row, year: int, lang: str = "zh") -> str:
    name = wrapped(localized(row, "name", lang), lang)
    rank = rank_words(row, year, lang)
    return f"{name}<br>{rank}" if rank else name


def prev_labels(
    rows: pd.DataFrame,
    lang: str,
    comparators: str = "prev_comparator",
    quotes: str = "prev_quote",
    caveats: str = "prev_caveat",
) -> list[str]:
    """Last year's growth as printed (11%以上, 5.2%左右) with its caveat (3.2%（同口径）), for a bar's label and its
    hover."""
    marks = rows[comparators] if comparators in rows else [None] * len(rows)
    said = rows[quotes] if quotes in rows else [None] * len(rows)
    noted = rows[caveats] if caveats in rows else [None] * len(rows)
    return [
        fmt.growth(
            v,
            c if isinstance(c, str) else None,
            q if isinstance(q, str) else None,
            lang,
            k if isinstance(k, str) else None,
        )
        if v == v
        else ""
        for v, c, q, k in zip(rows["prev_yoy_pct"], marks, said, noted)
    ]


def note_lines(rows: pd.DataFrame, lang: str) -> list[str]:
    """Each row's indicator note as a hover line ('<br>说明：…'), in the reader's language; '' for none."""
    if "indicator_note" not in rows:
        return [""] * len(rows)
    notes = [
        note_in(a if isinstance(a, str) else None, b if isinstance(b, str) else None, lang)
        for a, b in zip(rows["indicator_note"], rows["indicator_note_en"])
    ]
    return [f"<br>{t('labelled', lang, label=t('note_label', lang), text=n)}" if n else "" for n in notes]


def growth_caveats(
    rows: pd.DataFrame, year: int, lang: str, prev_caveats: str = "prev_caveat", target_caveats: str = "target_caveat"
) -> list[tuple[str, str, str]]:
    """The caveats of last year's growth and of this year's target drawn, for the frame's caveat line."""
    names = localized(rows, "name", lang).tolist()
    found = []
    for column, when in (
        (prev_caveats, t("series_prev", lang, prev=year - 1)),
        (target_caveats, t("series_target", lang, year=year)),
    ):
        if column in rows:
            found += caveats_of(names, [when] * len(rows), rows[column])
    return found


def growth_bars(rows: pd.DataFrame, year: int, source: str, as_of: str, lang: str = "zh") -> go.Figure:
    """Horizontal grouped bars in the order given (first on top). Expects the columns of store.growth_table;
    a 同步 target must already carry the related indicator's target in `target` (charts.targets.growth_rows)."""
    rows = rows.iloc[::-1]
    prev = year - 1
    labels = [row_label(row, year, lang) for row in rows.itertuples()]
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=rows["prev_yoy_pct"],
        orientation="h",
        name=t("series_prev", lang, prev=prev),
        marker_color=GREY,
        text=prev_labels(rows, lang),
        textposition="outside",
        cliponaxis=False,
        customdata=[
            q + noted for q, noted in zip(rows["prev_quote"].fillna(t("not_given", lang)), note_lines(rows, lang))
        ],
        hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>",
    )
    fig.add_bar(
        y=labels,
        x=rows["target"],
        orientation="h",
        name=t("series_target", lang, year=year),
        marker_color=RED,
        cliponaxis=False,
        textposition="outside",
        text=[
            fmt.target_short(c, v, "%", lang) if c == c and c is not None else ""
            for c, v in zip(rows["comparator"], rows["target"])
        ],
        customdata=[
            fmt.caveated(q, k, lang) if isinstance(q, str) else t("not_given", lang)
            for q, k in zip(rows["target_quote"], fmt.optional(rows, "target_caveat"))
        ],
        hovertemplate="%{y}<br>%{text}<br>%{customdata}<extra></extra>",
    )
    if rows["latest_yoy_pct"].notna().any():
        fig.add_bar(
            y=labels,
            x=rows["latest_yoy_pct"],
            orientation="h",
            name=t("series_latest", lang, year=year),
            marker_color=BLUE,
            cliponaxis=False,
            textposition="outside",
            text=[fmt.with_unit(v, "%") if v == v else "" for v in rows["latest_yoy_pct"]],
            hovertemplate="%{y}<br>%{x}%<extra></extra>",
        )
    fig.update_layout(
        barmode="group",
        height=170 + 26 * len(rows) * max(2, len(fig.data)),
        xaxis_title=t("growth_axis", lang),
        yaxis=dict(automargin=True),
        xaxis_range=fmt.bar_range(rows["prev_yoy_pct"], rows["target"], rows["latest_yoy_pct"]),
    )
    return framed(
        fig,
        t("growth_chart_title", lang, prev=prev, year=year),
        "%",
        f"{prev}–{year}",
        source,
        as_of,
        lang,
        growth_caveats(rows.iloc[::-1], year, lang),
    )
