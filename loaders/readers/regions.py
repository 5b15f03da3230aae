"""Region names (data/regions.yaml): every spelling of a prefecture maps to one canonical name."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from loaders.io.problems import Problem, Text, problem
from loaders.io.schema import Field, check_fields, nearest, read_yaml
from loaders.io.yamlio import LineDict

TOP_FIELDS = [Field("province", "str"), Field("regions", "list", True)]
REGION_FIELDS = [Field("name", "str", True), Field("name_en", "str"), Field("aliases", "list")]


@dataclass(frozen=True)
class Regions:
    names: tuple[str, ...]          # canonical names, in the province's order
    names_en: dict[str, str]
    aliases: dict[str, str]         # every accepted spelling -> canonical name

    def canonical(self, name: str) -> str | None:
        return self.aliases.get(name.strip())

    def suggest(self, name: str) -> str | None:
        hit = nearest(name, self.aliases)
        return self.aliases[hit] if hit else None


NO_REGIONS = Regions((), {}, {})


def load_regions(path: Path) -> tuple[Regions, list[Problem]]:
    """Read and check the region list; every problem is reported with its line, the sound entries kept."""
    path_text = str(path)
    data, problems = read_yaml(path, Text("找不到地区对照表", "the region list does not exist"),
                               not_mapping=Text("地区对照表应为映射，含 regions: 列表",
                                                "the region list must be a mapping with a regions: list"))
    if data is None:
        return NO_REGIONS, problems
    problems += check_fields(path_text, data, TOP_FIELDS, Text("文件顶层", "top level"))
    names, names_en, aliases = [], {}, {}
    entries = data.get("regions") if isinstance(data.get("regions"), list) else []
    for n, entry in enumerate(entries, start=1):
        where = Text(f"第 {n} 个地区", f"region #{n}")
        if not isinstance(entry, LineDict):
            problems.append(problem(path_text, data.line_of("regions"), Text(
                f"{where.zh}应为映射（name: …）", f"{where.en} must be a mapping (name: …)")))
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
                problems.append(problem(path_text, entry.line, Text(
                    f"别名“{alias}”同时指向 {aliases[alias]} 和 {name}",
                    f"alias \"{alias}\" points to both {aliases[alias]} and {name}")))
            aliases[alias] = name
    return Regions(tuple(names), names_en, aliases), problems
