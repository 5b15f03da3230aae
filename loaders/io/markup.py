"""Text from a data file, an upload or a link, made safe to put into markup: the one home of the project's escaping.

`plain_markdown(text)`: for Markdown as Streamlit renders it (st.markdown, captions, titles, alerts, toasts,
expander, page-link and widget labels, help texts), for the review page's HTML, and for the exported Markdown briefing.

A note `![t](http://…)` must not make every viewer's browser fetch an address, nor `<img>` become HTML, nor `$x$`
a formula, nor `:red[x]` a coloured word, nor a bare address a link. Our own words around the text keep their
markup: escape each piece of data, then join it with ours."""

from __future__ import annotations

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
