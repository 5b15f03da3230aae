"""Region names (data/regions.yaml): every spelling of a region maps to one canonical name. The regions listed are
those a rank is taken among (a province's prefectures, a country's provinces, a city's districts), so their count
is the range of a rank, and `within` and `division` word the rankings page (全省 16 个州（市）, 全国 31 个省份)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loaders.io.language import pick
from loaders.io.problems import Problem, problem, said
from loaders.io.schema import Field, check_fields, nearest, read_yaml
from loaders.io.yamlio import LineDict

# province: where the regions are ranked (a province; 全国 when they are provinces); division: what one region is
TOP_FIELDS = [
    Field("province", "str"),
    Field("province_en", "str"),
    Field("division_zh", "str"),
    Field("division_en", "str"),
    Field("regions", "list", True),
]
REGION_FIELDS = [Field("name", "str", True), Field("name_en", "str"), Field("aliases", "list", items="str")]


@dataclass(frozen=True)
class Regions:
    names: tuple[str, ...]  # canonical names, in the province's order
    names_en: dict[str, str]
    aliases: dict[str, str]  # every accepted spelling -> canonical name
    within_zh: str = ""  # where the regions are ranked: a province, 全国; '' when not said
    within_en: str = ""
    division_zh: str = "地区"  # what one region is: 州（市）, 省份, 区（县）
    division_en: str = "regions"

    @property
    def count(self) -> int:
        """How many regions a rank is taken among: a rank runs from 1 to this."""
        return len(self.names)

    def within(self, lang: str = "zh") -> str:
        return pick(self.within_zh, self.within_en or self.within_zh, lang)

    def division(self, lang: str = "zh") -> str:
        return pick(self.division_zh, self.division_en, lang)

    def scope(self, lang: str = "zh") -> str:
        """Where a rank is counted, as labels say it: in Chinese before a rank, 全省 in a province, 全区 in an
        autonomous region, 全市 among a city's districts, 全国 among provinces; in English after it, " in <province>";
        '' when the regions file does not say."""
        return pick(
            f"全{self.within_zh[-1]}" if self.within_zh else "", f" in {self.within_en}" if self.within_en else "", lang
        )

    def canonical(self, name: str) -> str | None:
        return self.aliases.get(name.strip())

    def suggest(self, name: str) -> str | None:
        hit = nearest(name, self.aliases)
        return self.aliases[hit] if hit else None


NO_REGIONS = Regions((), {}, {})
REGIONS_FILE = "data/regions.yaml"


def load_regions(path: Path) -> tuple[Regions, list[Problem]]:
    """Read and check the region list; every problem is reported with its line, the sound entries kept."""
    path_text = str(path)
    data, problems = read_yaml(path, "regions_missing", not_mapping="regions_not_a_mapping")
    if data is None:
        return NO_REGIONS, problems
    problems += check_fields(path_text, data, TOP_FIELDS, said("where_top_level"))
    names, names_en, aliases = [], {}, {}
    entries = data.get("regions") if isinstance(data.get("regions"), list) else []
    for n, entry in enumerate(entries, start=1):
        where = said("where_region_number", n=n)
        if not isinstance(entry, LineDict):
            problems.append(problem(path_text, data.line_of("regions"), said("region_not_a_mapping", where=where)))
            continue
        found = check_fields(path_text, entry, REGION_FIELDS, where)
        problems += found
        if found:
            continue
        name = entry["name"]
        names.append(name)
        names_en[name] = entry.get("name_en", name)
        for alias in [name, *entry.get("aliases", [])]:
            if alias in aliases and aliases[alias] != name:
                problems.append(
                    problem(
                        path_text,
                        entry.line,
                        said("region_alias_ambiguous", alias=alias, first=aliases[alias], name=name),
                    )
                )
            aliases[alias] = name
    # `province` names where the regions are ranked: a province, or 全国 when the regions are provinces
    keys = {
        "within_zh": "province",
        "within_en": "province_en",
        "division_zh": "division_zh",
        "division_en": "division_en",
    }
    words = {field: str(data[key]) for field, key in keys.items() if data.get(key)}
    return Regions(tuple(names), names_en, aliases, **words), problems
