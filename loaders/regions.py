"""Region names (data/regions.yaml): every spelling of a region maps to one canonical name. The regions listed are
those a rank is taken among (a province's prefectures, a country's provinces, a city's districts), so their count
is the range of a rank, and `within` and `division` word the rankings page (全省 16 个州（市）, 全国 31 个省份)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, Text, problem
from .schema import nearest
from .yamlio import YamlSyntaxError, load_yaml


@dataclass(frozen=True)
class Regions:
    names: tuple[str, ...]          # canonical names, in the province's order
    names_en: dict[str, str]
    aliases: dict[str, str]         # every accepted spelling -> canonical name
    within_zh: str = ""             # where the regions are ranked: 云南省, 全国; '' when the file does not say
    within_en: str = ""
    division_zh: str = "地区"        # what one region is: 州（市）, 省份, 区（县）
    division_en: str = "regions"

    @property
    def count(self) -> int:
        """How many regions a rank is taken among: a rank runs from 1 to this."""
        return len(self.names)

    def within(self, lang: str = "zh") -> str:
        return (self.within_en or self.within_zh) if lang == "en" else self.within_zh

    def division(self, lang: str = "zh") -> str:
        return self.division_en if lang == "en" else self.division_zh

    def canonical(self, name: str) -> str | None:
        return self.aliases.get(name.strip())

    def suggest(self, name: str) -> str | None:
        hit = nearest(name, self.aliases)
        return self.aliases[hit] if hit else None


REGIONS_FILE = "data/regions.yaml"
MISSING = Text(
    "找不到地区对照表：请建立此文件，至少列出本地区（regions: - {name: …, name_en: …}）；排名时列出参与排名的全部地区",
    "the region list does not exist: create it listing at least this place (regions: - {name: …, name_en: …}); "
    "for ranks, list every region ranked")


def load_regions(path: Path) -> tuple[Regions, list[Problem]]:
    try:
        data, _ = load_yaml(path)
    except FileNotFoundError:
        return Regions((), {}, {}), [problem(str(path), None, MISSING)]
    except YamlSyntaxError as exc:
        return Regions((), {}, {}), [problem(str(path), exc.line, Text(f"YAML 语法错误：{exc.reason}", f"YAML syntax error: {exc.reason}"))]
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        return Regions((), {}, {}), [problem(str(path), 1, Text("文件应有 regions: 列表（每项 {name: …, name_en: …, aliases: […]}）",
                                                                "the file needs a regions: list (each {name: …, name_en: …, aliases: […]})"))]
    names, names_en, aliases, problems = [], {}, {}, []
    for entry in data.get("regions", []):
        name = entry["name"]
        names.append(name)
        names_en[name] = entry.get("name_en", name)
        for alias in [name, *entry.get("aliases", [])]:
            if alias in aliases and aliases[alias] != name:
                problems.append(problem(str(path), entry.line, Text(f"别名“{alias}”同时指向 {aliases[alias]} 和 {name}",
                                                                    f"alias \"{alias}\" points to both {aliases[alias]} and {name}")))
            aliases[alias] = name
    # `province` names where the regions are ranked: a province, or 全国 when the regions are provinces
    keys = {"within_zh": "province", "within_en": "province_en", "division_zh": "division_zh", "division_en": "division_en"}
    words = {field: str(data[key]) for field, key in keys.items() if data.get(key)}
    return Regions(tuple(names), names_en, aliases, **words), problems
