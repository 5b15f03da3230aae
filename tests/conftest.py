"""Shared fixtures: a tiny project written into a temporary folder, so tests do not depend on the real data."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- the fast loop: `pytest -m "not slow"` ---------------------------------------------------------------------------
# `slow` (registered in pyproject.toml) marks what needs Chromium, LibreOffice or nginx, starts real Streamlit servers,
# kills processes or injects faults, runs the whole app through AppTest, or starts a fresh interpreter per command;
# the rest, the logic, runs in under a minute without any of those programs installed. Marked here by module and by
# fixture, so that a test added to these modules or using these fixtures is marked too; a test slow for another
# reason carries `@pytest.mark.slow` itself (or its module `pytestmark = pytest.mark.slow`).
SLOW_MODULES = {
    "test_browser.py",  # Chromium through Playwright, real Streamlit servers
    "test_serve.py",  # nginx, replicas, kills
    "test_export.py",  # Chromium (kaleido), LibreOffice
    "test_faults.py",  # processes killed at every step of an update, full disks, read-only folders
    "test_pages.py",  # every page of the whole app through AppTest
    "test_cli.py",  # `python -m loaders` in a fresh interpreter per command: the contract other tools rely on
}
SLOW_FIXTURES = {
    "staff_app",  # the whole app through AppTest, signed in
    "bare_app",  # the whole app through AppTest on another folder
    "two_reports_app",
    "monthly_docx",  # the briefing's chart drawn in Chromium, opened in LibreOffice
}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


SOURCE_TEXT = """封面

报告正文
地区生产总值达1000.24亿元，增长4.7%，增速排名全省第6位；城镇常住居民人均可支配收入35021元，增长3.9%。
绿美村庄获评数量居全省第一。实施农村公路建设1600多公
里。

今年目标：地区生产总值增长7%以上；城乡常住居民人均可支配收入与经济增长同步；居民消费价格涨幅控制在3%左右；单位地区生产总值能耗降低2%。
报告结束

附件：另一份文件，数字 999。
"""

CATALOGUE = """\
defaults:
  region: 临沧市
  direction: higher_better
  frequency: annual
  rank_basis: yoy_pct
  level_kind: flow
  measures: [level]
  source: report
  tolerance: 0.5
categories:
  - {id: review, part: review, name_zh: 回顾, name_en: Review}
  - {id: main, part: tasks, name_zh: 主要目标, name_en: Main targets, main: true}
indicators:
  - id: gdp
    name_zh: 地区生产总值
    name_en: Gross regional product
    unit: 亿元
    category: review
    frequency: quarterly
    measures: [level, yoy_pct, rank]
    targets:
      - {year: 2023, measure: yoy_pct, comparator: ">=", value: 7, section: main, quote: 地区生产总值增长7%以上}
  - id: urban_income
    name_zh: 城镇常住居民人均可支配收入
    name_en: Urban per-capita disposable income
    unit: 元
    category: review
    measures: [level, yoy_pct]
    targets:
      - {year: 2023, measure: yoy_pct, comparator: sync, relative_to: gdp, section: main, quote: 城乡常住居民人均可支配收入与经济增长同步}
  - id: cpi
    name_zh: 居民消费价格涨幅
    name_en: Consumer price inflation
    unit: "%"
    category: main
    direction: lower_better
    measures: [yoy_pct]
    targets:
      - {year: 2023, measure: yoy_pct, comparator: "~", value: 3, section: main, quote: 居民消费价格涨幅控制在3%左右}
  - id: energy_intensity
    name_zh: 单位地区生产总值能耗
    name_en: Energy use per unit of GRP
    unit: 吨标准煤/万元
    category: main
    direction: lower_better
    measures: [yoy_pct]
    targets:
      - {year: 2023, measure: yoy_pct, comparator: "<=", value: -2, section: main, quote: 单位地区生产总值能耗降低2%}
  - id: green_villages
    name_zh: 省级绿美村庄
    name_en: Provincial green villages
    unit: 个
    category: review
    rank_basis: level
    measures: [rank]
  - id: rural_roads
    name_zh: 农村公路建设里程
    name_en: Rural roads built
    unit: 公里
    category: review
"""

RESULTS = """\
indicator_id,period,measure,value,comparator,section,quote,note
gdp,2022,level,1000.24,,review,地区生产总值达1000.24亿元，增长4.7%，增速排名全省第6位,
gdp,2022,yoy_pct,4.7,,review,地区生产总值达1000.24亿元，增长4.7%，增速排名全省第6位,
gdp,2022,rank,6,,review,地区生产总值达1000.24亿元，增长4.7%，增速排名全省第6位,
urban_income,2022,level,35021,,review,城镇常住居民人均可支配收入35021元，增长3.9%,
urban_income,2022,yoy_pct,3.9,,review,城镇常住居民人均可支配收入35021元，增长3.9%,
green_villages,2022,rank,1,,review,绿美村庄获评数量居全省第一,
rural_roads,2022,level,1600,>=,review,实施农村公路建设1600多公里,
"""

SOURCES = """\
sources:
  - id: report
    kind: document
    title_zh: 测试报告
    title_en: Test report
    issuer_zh: 测试市人民政府
    issuer_en: Test city government
    date: 2023-02-10
    file: report.txt
    starts_with: 报告正文
    ends_with: 报告结束
  - id: yearbook
    kind: statistics
    title_zh: 统计年鉴
    title_en: Yearbook
    issuer_zh: 统计局
    issuer_en: Statistics bureau
"""

REGIONS = """\
province: 云南省
regions:
  - {name: 临沧市, name_en: Lincang, aliases: [临沧]}
  - {name: 西双版纳州, name_en: Xishuangbanna, aliases: [西双版纳傣族自治州, 版纳]}
""" + "".join(f"  - {{name: 测试地区{n}, name_en: Region {n}}}\n" for n in range(3, 17))  # 16 regions: ranks run 1-16


def pytest_configure(config):
    config.addinivalue_line("markers", "page_failure_expected: the test makes a page fail on purpose")


def write_project(root: Path, catalogue: str = CATALOGUE, results: str = RESULTS) -> Path:
    files = {
        "indicators.yaml": catalogue,
        "data/report_results.csv": results,
        "data/sources/sources.yaml": SOURCES,
        "data/sources/report.txt": SOURCE_TEXT,
        "data/regions.yaml": REGIONS,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "data/monthly").mkdir(exist_ok=True)
    (root / "data/provincial").mkdir(exist_ok=True)
    return root


@pytest.fixture
def mini(tmp_path, monkeypatch) -> Path:
    """A small, valid project; the working folder is its root so messages show short paths."""
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path)


@pytest.fixture(autouse=True)
def no_page_failed(request, caplog):
    """Any test after which a page failed fails, even where the page showed only its short sentence: dashboard.py
    catches a page's exception (pages/common.run_guarded), so AppTest's `at.exception` alone no longer sees it. A test
    that makes a page fail on purpose takes the `page_failure_expected` mark."""
    yield
    records = caplog.get_records("setup") + caplog.get_records("call")  # fixtures open pages too (staff_app)
    failed = [r for r in records if r.name == "dashboard.page_failed"]
    if failed and request.node.get_closest_marker("page_failure_expected") is None:
        pytest.fail("a page failed:\n" + "\n".join(caplog.handler.format(r) for r in failed))


MONTHLY_FIXTURES = Path(__file__).parent / "fixtures" / "monthly"


@pytest.fixture
def real_with_months(tmp_path, monkeypatch) -> Path:
    """A copy of the real project with synthetic monthly figures added (never written into data/)."""
    import shutil

    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data" / "monthly").mkdir(exist_ok=True)
    for path in MONTHLY_FIXTURES.glob("*.csv"):
        shutil.copy(path, root / "data" / "monthly" / path.name)
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    return root


STAFF_PASSWORD = "correct horse 42"


@pytest.fixture
def staff_app(tmp_path, monkeypatch):
    """The app on a copy of the real project, with one staff account (张三), opened at the sign-in page."""
    import shutil

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from loaders.staff import auth

    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data" / "monthly").mkdir(exist_ok=True)
    monkeypatch.setenv("DASHBOARD_ROOT", str(root))
    monkeypatch.setenv("DASHBOARD_STAFF", f"张三:{auth.hash_password(STAFF_PASSWORD, iterations=1000)}")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/signin.py").run()
    return at, root


def sign_in(at, password: str = STAFF_PASSWORD) -> None:
    at.text_input(key="signin_name").input("张三")
    at.text_input(key="signin_password").input(password)
    at.button[0].click().run()
    at.run()  # the menu is rebuilt for the signed-in person
    assert not at.exception, [e.message for e in at.exception]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the real project to import into (the repository's data/ is never touched)."""
    import shutil

    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "indicators.yaml", root / "indicators.yaml")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "data" / "monthly").mkdir(exist_ok=True)
    return root
