"""Text from a data file, an upload or a link, made safe to put into markup: the one home of the project's escaping.

- `plain_markdown(text)`: for Markdown as Streamlit renders it (st.markdown, captions, titles, alerts, toasts,
  expander, page-link and widget labels, help texts), for the review page's HTML, and for the Markdown briefing;
- `plain_plotly(text)`: for plotly's text markup (every chart's texts pass through it in charts/frame.framed).

A note `![t](http://…)` must not make every viewer's browser fetch an address, nor `<img>` become HTML, nor `$x$`
a formula, nor `:red[x]` a coloured word, nor a bare address a link. Our own words around the text keep their
markup: escape each piece of data, then join it with ours."""

from __future__ import annotations

import html
import re

# Characters that open markup wherever they stand in Markdown (CommonMark, GitHub's tables and strikethrough) and in
# Streamlit's extensions: $math$, :red[directives] and :emoji: / :material/icons:, raw <html> and &entities;.
INLINE_SPECIAL = set("\\`*_[]<>$|~:&")
# What opens a block only at the start of a line: "# " heading, "- " "+ " lists, "1. " "1) " ordered lists, a line of
# === or --- underlining the one above as a heading (> and * are escaped anywhere). "-4.5" and "9.5%" stay as they are.
LINE_START = re.compile(
    r"^([ \t]*)(?:([#+\-])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$)|([=\-])(?=[=\-]*[ \t]*$))", re.MULTILINE
)
WORD_JOINER = "\u2060"  # invisible; breaks the patterns that GitHub-flavoured Markdown turns into links by itself


def plain_markdown(text) -> str:
    """`text` escaped so that Markdown shows it exactly as written, wherever it stands in a line."""
    text = str(text).replace("://", ":" + WORD_JOINER + "//").replace("www.", "www" + WORD_JOINER + ".")
    text = "".join("\\" + c if c in INLINE_SPECIAL else c for c in text)
    return LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match) -> str:
    spaces, mark, number, dot, underline = match.groups()
    if number:
        return f"{spaces}{number}\\{dot}"
    return f"{spaces}\\{mark or underline}"


# Plotly's own text markup (titles, axis and bar labels, hover texts, annotations) knows <b>, <i>, <a href>, <span
# style>, <sup>, <br> and &entities;. Data text is shown as written with <, > and & as entities (plotly reads them
# back), except <br>: the line break our own code puts between parts of a label (and harmless in data).
PLOTLY_MARKUP = re.compile(r"<br>|[<>&]")
PLOTLY_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "<br>": "<br>"}


def plain_plotly(text) -> str:
    """`text` for plotly's text markup, shown exactly as written (line breaks written <br> kept)."""
    return PLOTLY_MARKUP.sub(lambda m: PLOTLY_ENTITIES[m.group(0)], str(text))


def from_plotly(text: str) -> str:
    """A line of a figure's text as plain text again (for a slide title or a file name): entities read back."""
    return html.unescape(text)
