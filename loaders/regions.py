"""Region names (data/regions.yaml): every spelling of a prefecture maps to one canonical name."""
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

    def canonical(self, name: str) -> str | None:
        return self.aliases.get(name.strip())

    def suggest(self, name: str) -> str | None:
        hit = nearest(name, self.aliases)
        return self.aliases[hit] if hit else None


def load_regions(path: Path) -> tuple[Regions, list[Problem]]:
    try:
        data, _ = load_yaml(path)
    except (FileNotFoundError, YamlSyntaxError) as exc:
        line = getattr(exc, "line", None)
        return Regions((), {}, {}), [problem(str(path), line, Text(f"地区对照表无法读取：{exc}", f"cannot read the region list: {exc}"))]
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
    return Regions(tuple(names), names_en, aliases), problems
