"""Units as the report prints them: 7000户 and 1.7万户 measure the same thing at different magnitudes."""

from __future__ import annotations

# Only these magnitude prefixes are stripped: 千瓦 is a unit of its own, not 千 × 瓦.
PREFIXES = {"万": 1e4, "亿": 1e8}


def base_and_factor(unit: str) -> tuple[str, float]:
    """'万户' -> ('户', 10000); '亿元' -> ('元', 1e8); '万千瓦' -> ('千瓦', 10000); '%' -> ('%', 1)."""
    factor = 1.0
    while len(unit) > 1 and unit[0] in PREFIXES:
        factor *= PREFIXES[unit[0]]
        unit = unit[1:]
    return unit, factor


def convert(value: float | None, from_unit: str, to_unit: str) -> float | None:
    """The value in `to_unit`, or None when the two units measure different things."""
    if value is None:
        return None
    (base_from, f_from), (base_to, f_to) = base_and_factor(from_unit), base_and_factor(to_unit)
    if base_from != base_to:
        return None
    return round(value * f_from / f_to, 10)
