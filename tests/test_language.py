"""One language layer: every message in both languages with the same placeholders, and no language chosen by hand."""
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from loaders.io.language import MESSAGES_FILE, catalogue, column_for, localized, messages, placeholders, t, unit_text
from loaders.io.yamlio import load_yaml

ROOT = Path(__file__).resolve().parent.parent


# Dates and periods: each language writes them from its own parts (2023年6月 / Jun 2023), so only these may differ,
# and only in the parts of a date.
DATE_FORMATS = {"date_long", "dated", "period_january", "period_months", "as_of_month", "month_label"}
DATE_PARTS = {"year", "month", "day", "month_name", "iso", "period", "name"}


def test_every_message_has_both_languages_with_the_same_placeholders():
    pairs = messages()
    assert [key for key, pair in pairs.items() if set(pair) != {"zh", "en"}
            or not isinstance(pair["zh"], str) or not isinstance(pair["en"], str)] == []
    assert [key for key, pair in pairs.items() if key not in DATE_FORMATS
            and placeholders(pair["zh"]) != placeholders(pair["en"])] == []
    assert [key for key in DATE_FORMATS
            if not placeholders(pairs[key]["zh"]) | placeholders(pairs[key]["en"]) <= DATE_PARTS] == []


def test_no_message_is_defined_twice():
    _, duplicates = load_yaml(MESSAGES_FILE)
    assert duplicates == []


def test_every_english_message_is_english_and_every_used_key_exists():
    han = re.compile(r"[\u4e00-\u9fff]")
    # Labels naming the language switch and the command's own title may carry Chinese on purpose.
    allowed = {"language", "cli_description"}
    assert [k for k, pair in messages().items() if han.search(pair["en"]) and k not in allowed] == []
    code = [*(path for folder in ("charts", "pages", "loaders") for path in (ROOT / folder).rglob("*.py")),
            ROOT / "dashboard.py"]
    key = re.compile(r"""\bt\(\s*["']([a-z0-9_]+)["']""")
    used = {m for path in code for m in key.findall(path.read_text(encoding="utf-8"))}
    assert sorted(used - set(messages())) == []


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
    found = [f"{path.relative_to(ROOT)}:{n}" for folder in ("loaders", "charts", "pages")
             for path in (ROOT / folder).rglob("*.py") if path.name != "language.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if by_hand.search(line)]
    assert found == []
