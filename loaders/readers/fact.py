"""One fact: an indicator's figure for a region, period, measure and scenario, with where it comes from. The long form
every reader produces (loaders/readers/facts.py, figures.py, columnwise.py) and the store holds; a module of its own so
that those readers import it and not each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Fact:
    indicator_id: str
    region: str
    period: str
    measure: str
    scenario: str
    value: float | None
    unit: str | None = None  # the printed unit of a level when it differs from the indicator's
    comparator: str | None = None
    tolerance: float | None = None
    relative_to: str | None = None
    source: str | None = None
    section: str | None = None
    quote: str | None = None
    note: str | None = None
    file: str | None = None
    line: int | None = None
    updated_by: str | None = None  # staff updates: who applied the figure, and when
    updated_at: str | None = None
    caveat: str | None = None  # a code of loaders/judging/vocabulary.CAVEATS (同口径), shown beside the figure
    note_en: str | None = None  # the note in English (`note` is the Chinese)

    def key(self) -> tuple:
        """One fact per key; two sources may each give the same figure (the report and the yearbook)."""
        return (self.indicator_id, self.region, self.period, self.measure, self.scenario, self.source)


FACT_COLUMNS = list(Fact.__dataclass_fields__)
