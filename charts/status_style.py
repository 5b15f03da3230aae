"""How a status looks, the same everywhere: a colour and, for colour-blind readers and black-and-white print, a symbol."""

from __future__ import annotations

from .i18n import status_label

STYLE = {
    "met": ("✔", "#2e7d32", "green"),
    "close": ("◐", "#b26a00", "orange"),
    "behind": ("✖", "#c62828", "red"),
    "pending": ("…", "#757575", "gray"),
    "unjudged": ("—", "#757575", "gray"),  # the scope of a task (推进17个片区): no status to read
}


def symbol(status: str) -> str:
    return STYLE[status][0]


def colour(status: str) -> str:
    return STYLE[status][1]


def badge(status: str, lang: str = "zh") -> str:
    """Streamlit markdown for a status: symbol and word in the status colour."""
    mark, _, name = STYLE[status]
    return f":{name}[**{mark} {status_label(status, lang)}**]"


def plain(status: str, lang: str = "zh") -> str:
    """Symbol and word without colour, for tables and downloads."""
    return f"{symbol(status)} {status_label(status, lang)}"
