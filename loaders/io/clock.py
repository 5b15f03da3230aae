"""Times as the office reads them: Beijing time (UTC+8), whatever the server's own time zone. History entries keep
their ISO time with its offset; only what is shown is converted."""

from __future__ import annotations

import datetime as dt

from .language import pick

BEIJING = dt.timezone(dt.timedelta(hours=8), "UTC+8")


def beijing(iso: str, lang: str = "zh") -> str:
    """'2023-07-10T01:05:09+00:00' -> '2023-07-10 09:05（北京时间）' / '2023-07-10 09:05 (Beijing time)'."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    if moment.tzinfo is None:  # an entry written without an offset: the server's own zone
        moment = moment.astimezone()
    shown = moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    return pick(f"{shown}（北京时间）", f"{shown} (Beijing time)", lang)
