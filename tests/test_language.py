"""One language layer: every message in both languages with the same placeholders, and no language chosen by hand."""

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.io.language import (
    MESSAGE_FILES,
    PROBLEMS_FILE,
    catalogue,
    column_for,
    localized,
    messages,
    placeholders,
    t,
    unit_text,
)
from loaders.io.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent


# Dates and periods: each language writes them from its own parts (2023年6月 / Jun 2023), so only these may differ,
# and only in the parts of a date.
DATE_FORMATS = {"date_long", "dated", "period_january", "period_months", "as_of_month", "month_label"}
DATE_PARTS = {"year", "month", "day", "month_name", "iso", "period", "name"}
# Problems whose English says less than the Chinese (kept as they were written): its placeholders are a subset.
ENGLISH_SAYS_LESS = {"respectively_swapped", "formulas_unsaved", "column_labelled"}
# English messages that quote the report's Chinese words on purpose (the language switch and the command's title
# name both languages; a problem shows the printed words staff must find or write).
CHINESE_IN_ENGLISH = {
    "language",
    "cli_description",
    "comparator_bare",
    "catalogue_no_main_category",
    "hint_other_magnitude",
    "respectively_swapped",
    "respectively_not_judged",
}


def test_every_message_has_both_languages_with_the_same_placeholders():
    pairs = messages()
    assert [
        key
        for key, pair in pairs.items()
        if set(pair) != {"zh", "en"} or not isinstance(pair["zh"], str) or not isinstance(pair["en"], str)
    ] == []
    assert [
        key
        for key, pair in pairs.items()
        if key not in DATE_FORMATS | ENGLISH_SAYS_LESS and placeholders(pair["zh"]) != placeholders(pair["en"])
    ] == []
    assert [
        key for key in ENGLISH_SAYS_LESS if not placeholders(pairs[key]["en"]) < placeholders(pairs[key]["zh"])
    ] == []
    assert [
        key for key in DATE_FORMATS if not placeholders(pairs[key]["zh"]) | placeholders(pairs[key]["en"]) <= DATE_PARTS
    ] == []


def test_no_message_is_defined_twice():
    for path in MESSAGE_FILES:
        _, duplicates = load_yaml(path)
        assert duplicates == [], path
    keys = [key for path in MESSAGE_FILES for key in load_yaml(path)[0]["messages"]]
    assert len(keys) == len(set(keys)) == len(messages())


def test_every_english_message_is_english_and_every_used_key_exists():
    han = re.compile(r"[\u4e00-\u9fff]")
    assert [k for k, pair in messages().items() if han.search(pair["en"]) and k not in CHINESE_IN_ENGLISH] == []
    code = [
        *(path for folder in ("charts", "pages", "loaders") for path in (ROOT / folder).rglob("*.py")),
        ROOT / "dashboard.py",
    ]
    key = re.compile(r"""\b(?:t|said)\(\s*["']([a-z0-9_]+)["']""")
    used = {m for path in code for m in key.findall(path.read_text(encoding="utf-8"))}
    assert sorted(used - set(messages())) == []


def test_every_problem_message_is_used_by_the_loaders():
    """problems.yaml holds the words of the loaders' problems only: a message no loader names is a leftover."""
    code = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "loaders").rglob("*.py"))
    assert [key for key in load_yaml(PROBLEMS_FILE)[0]["messages"] if f'"{key}"' not in code] == []


def test_a_problem_gives_each_language_its_own_words_of_a_nested_phrase():
    from loaders.io.problems import joined, said

    message = said(
        "field_missing",
        where=said("where_indicator", id="gdp"),
        field="unit",
        hint=said("hint_one_of", choices=joined(["亿元", "%"])),
    )
    assert message.zh == "指标 gdp：缺少必填字段“unit”：请补上 unit: …（可选：亿元、%）"
    assert message.en == 'indicator gdp: required field "unit" is missing: add unit: … (one of 亿元, %)'


def test_t_fills_placeholders_in_the_chosen_language():
    assert t("as_of", "zh", period="2023年6月") == "数据截至2023年6月"
    assert t("as_of", "en", period="Jun 2023") == "Data as of Jun 2023"
    assert t("rank_figure", "zh", n=6) == "第6位" and t("rank_figure", "en", n=6) == "No. 6"


def test_units_read_in_english_from_the_catalogue():
    assert unit_text("亿元", "en") == "100 mn yuan" and unit_text("亿元", "zh") == "亿元"
    assert unit_text("未知单位", "en") == "未知单位"
    assert all(isinstance(v, str) for v in catalogue()["units_en"].values())


@dataclass
class Part:
    name_zh: str
    name_en: str


def test_localized_reads_objects_mappings_rows_and_frames():
    frame = pd.DataFrame({"name": ["地区生产总值"], "name_en": ["GDP"]})
    assert localized(Part("部分", "Part"), "name", "en") == "Part"
    assert localized(Part("部分", "Part"), "name", "zh") == "部分"
    assert localized({"name": "甲", "name_en": "A"}, "name", "en") == "A"
    assert localized(frame.iloc[0], "name", "zh") == "地区生产总值"
    assert localized(next(frame.itertuples()), "name", "en") == "GDP"
    assert localized(frame, "name", "en").tolist() == ["GDP"]
    assert column_for("category_name", "en") == "category_name_en"
    assert column_for("category_name", "zh") == "category_name"


def test_no_module_chooses_a_language_by_hand():
    """The choice between Chinese and English is made in loaders/io/language.py (pick, localized, t) only."""
    by_hand = re.compile(r"""\b(lang|L|ctx\.lang|self\.lang|args\.lang)\s*[!=]=\s*["'](en|zh)["']""")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("loaders", "charts", "pages")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "language.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []
