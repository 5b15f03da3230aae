"""One plotly template for screen and export: CJK fonts first, the report's red, quiet grids."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Named in order of preference; the first one installed wins (Debian: fonts-noto-cjk or fonts-wqy-microhei).
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, Microsoft YaHei, PingFang SC, sans-serif"
RED, GREY, BLUE, INK = "#b8322a", "#9aa0a6", "#2f6db5", "#222222"
TEMPLATE_NAME = "lincang"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=14, color=INK),
        # Anchored to the figure's top edge with padding: a three-line title block must never be clipped.
        title=dict(
            font=dict(size=20),
            x=0.01,
            xanchor="left",
            y=1.0,
            yref="container",
            yanchor="top",
            pad=dict(t=34),
            automargin=False,
        ),
        colorway=[RED, GREY, BLUE, "#e3a33b", "#4f9a6b"],
        paper_bgcolor="white",
        plot_bgcolor="white",
        # Ticks as Chinese statistics write them (100,000), not with SI suffixes (100k) that read as English.
        xaxis=dict(
            gridcolor="#eeeeee", zerolinecolor="#cccccc", automargin=True, exponentformat="none", separatethousands=True
        ),
        yaxis=dict(
            gridcolor="#eeeeee", zerolinecolor="#cccccc", automargin=True, exponentformat="none", separatethousands=True
        ),
        # The title block (title, then unit · period · date) sits above the legend, which sits above the plot.
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0),
        margin=dict(l=10, r=60, t=150, b=60),
        hoverlabel=dict(font=dict(family=FONT_FAMILY)),
    )
)
