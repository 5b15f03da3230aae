"""A chart laid out for a phone (about 360 CSS pixels wide): the same figure with smaller text, fewer ticks, the legend
under the plot instead of wrapping up into the title, and narrow margins. Screens and exports keep the original."""

from __future__ import annotations

import math

import plotly.graph_objects as go

LEGEND_PER_LINE = 1  # a legend entry (2023年最新累计, 2022年实绩（参考）) takes most of a phone's line


def phone_layout(figure: go.Figure) -> go.Figure:
    fig = go.Figure(figure)  # a copy: the cached figure stays as the desktop and the exports draw it
    entries = sum(1 for trace in fig.data if trace.showlegend is not False and trace.name)
    legend_lines = math.ceil(entries / LEGEND_PER_LINE) if fig.layout.showlegend is not False else 0
    caveat_lines = int((fig.layout.title.text or "").count("<br>") > 2)  # the frame's caveat line (charts/frame.py)
    fig.update_layout(
        font=dict(size=12),
        title=dict(font=dict(size=16)),
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom", font=dict(size=12)),
        margin=dict(l=4, r=36, t=110 + 18 * caveat_lines, b=60 + 20 * legend_lines),
    )
    fig.update_xaxes(nticks=4, title_font=dict(size=12), tickfont=dict(size=11))
    fig.update_yaxes(tickfont=dict(size=11))  # no nticks here: on a category axis it would drop row names
    fig.update_traces(textfont_size=11, selector=dict(type="bar"))
    fig.update_traces(textfont_size=11, selector=dict(type="scatter"))
    low, high = fig.layout.xaxis.range or (None, None)
    if low is not None and low < 0:  # a negative bar's label (≤-2%) needs more than a phone's eighth of the span
        fig.update_xaxes(range=[min(low, -0.22 * (high - low)), high])
    if fig.layout.height:
        fig.update_layout(height=fig.layout.height + 20 * legend_lines)
    return fig
