"""Staff sign-in and the 数据维护 page: passwords as salted hashes, throttled failures, and the whole update path
(upload, preview, apply, undo) through the page."""

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import STAFF_PASSWORD as PASSWORD
from conftest import sign_in
from loaders.project import ROOT
from loaders.staff import auth, updates
from test_imports import CORPUS


def test_a_password_is_stored_only_as_a_salted_hash():
    first, second = auth.hash_password(PASSWORD, iterations=1000), auth.hash_password(PASSWORD, iterations=1000)
    assert first != second and PASSWORD not in first  # a new salt every time
    assert first.startswith("pbkdf2_sha256$1000$")
    assert auth.verify_password(PASSWORD, first) and not auth.verify_password("wrong", first)
    assert not auth.verify_password(PASSWORD, "not-a-hash")


def test_repeated_failures_slow_down_sign_in():
    now = [100.0]
    throttle = auth.Throttle(clock=lambda: now[0])
    accounts = {"张三": auth.hash_password(PASSWORD, iterations=1000)}
    for _ in range(3):
        assert auth.sign_in("张三", "wrong", accounts, throttle)[0] is False
    ok, wait = auth.sign_in("张三", PASSWORD, accounts, throttle)
    assert not ok and wait == pytest.approx(1.0)  # even the right password waits its turn
    now[0] += 1.01
    assert auth.sign_in("张三", PASSWORD, accounts, throttle) == (True, 0.0)


def test_accounts_come_from_the_secrets_and_the_environment():
    secrets = {"auth": {"staff": {"张三": "hash-a"}}}
    assert auth.staff_accounts(secrets, {"DASHBOARD_STAFF": "李四:hash-b;王五:hash-c"}) == {
        "张三": "hash-a",
        "李四": "hash-b",
        "王五": "hash-c",
    }
    assert auth.staff_accounts({}, {}) == {}


def test_a_wrong_password_never_shows_the_maintenance_page(staff_app):
    at, root = staff_app
    sign_in(at, "wrong password")
    assert at.error[0].value == "用户名或密码不对"
    assert "staff_user" not in at.session_state
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/maintenance.py")  # dashboard.py does not list it for someone not signed in
    assert "wrong password" not in "".join(str(e) for e in at.main)


def test_staff_upload_preview_apply_and_undo_through_the_page(staff_app):
    at, root = staff_app
    sign_in(at, PASSWORD)
    at.switch_page("pages/maintenance.py").run()
    assert at.title[0].value == "数据维护" and at.caption[0].value == "已登录：张三"
    at.file_uploader(key="upload").upload("ok-excel.xlsx", (CORPUS / "ok-excel.xlsx").read_bytes()).run()
    assert "预览：新增 7，修改 0，不变 0" in at.markdown[0].value  # six figures and a note
    assert not updates.history(root)  # a preview writes nothing
    at.button(key="apply").click().run()
    assert at.success[0].value.startswith("已完成：第 1 次更新已写入（")
    entry = updates.history(root)[0]
    assert entry["user"] == "张三" and PASSWORD not in (root / "data/history/history.jsonl").read_text(encoding="utf-8")
    at.switch_page("pages/overview.py").run()
    gdp_card = next(m for m in at.metric if m.value == "6.5%")
    assert gdp_card.label == "2023年1–6月累计"  # every page shows the new figure at once
    at.switch_page("pages/maintenance.py").run()
    at.checkbox(key="undo_confirm").check().run()
    at.button(key="undo").click().run()
    assert at.success[-1].value.startswith("已撤销第 1 次更新（ok\\-excel\\.xlsx，张三，")  # which update, as listed
    assert not (root / "data/monthly/2023-06.csv").exists()


def test_a_bad_upload_lists_its_lines_and_writes_nothing(staff_app):
    at, root = staff_app
    sign_in(at, PASSWORD)
    at.switch_page("pages/maintenance.py").run()
    at.file_uploader(key="upload").upload("bad-rank.csv", (CORPUS / "bad-rank.csv").read_bytes()).run()
    assert at.error[0].value.startswith("文件有 2 处问题，未写入任何数据")
    problems = at.dataframe[0].value
    assert problems["原因"].tolist() == [
        "排名“17”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；排名更多地区时请在该文件中列出它们）",
        "排名“2.5”应为 1–16 的整数（data/regions.yaml 列出 16 个参与排名的地区；排名更多地区时请在该文件中列出它们）",
    ]
    assert "apply" not in [b.key for b in at.button]
    assert not (root / "data/monthly/2023-06.csv").exists()


def test_the_menu_shows_sign_in_before_and_maintenance_after():
    from pages.registry import visible

    assert [p.url_path for p in visible(False)][-1] == "signin" and "maintenance" not in [
        p.url_path for p in visible(False)
    ]
    assert [p.url_path for p in visible(True)][-3:] == ["signin", "maintenance", "draft_review"]
    assert "draft_review" not in [p.url_path for p in visible(False)]  # the report-draft review is staff-only too


def test_the_maintenance_page_itself_refuses_anyone_not_signed_in():
    at = AppTest.from_file(str(ROOT / "pages" / "maintenance.py"), default_timeout=60)
    at.run()  # run on its own, as Streamlit's folder mode would on a fresh server
    assert not at.file_uploader and not at.download_button and "数据维护" not in [t.value for t in at.title]


def test_every_page_leaves_streamlits_folder_mode_first():
    """A page opened first on a fresh server runs on its own unless it calls leave_folder_mode (directly or via
    context()); without it the menu would list every file in pages/."""
    from pages.registry import PAGES

    for page in PAGES:
        text = (ROOT / page.file).read_text(encoding="utf-8")
        assert "context()" in text or "leave_folder_mode()" in text, page.file


@pytest.mark.slow  # the whole app (AppTest)
def test_viewer_pages_can_be_configured_to_need_sign_in(monkeypatch):
    monkeypatch.delenv("DASHBOARD_STAFF", raising=False)
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = {"viewers_need_signin": True, "staff": {"张三": auth.hash_password(PASSWORD, iterations=1000)}}
    at.run()
    assert [t.value for t in at.title] == ["工作人员登录"] and not at.metric
    with pytest.raises(ValueError):
        at.switch_page("pages/overview.py")


def test_a_formula_like_note_is_stored_so_excel_runs_nothing_and_read_back_as_typed(project_copy):
    """A note typed as =HYPERLINK(…) goes into the data file as '=HYPERLINK(…) (text to Excel, as the templates write
    it); the dashboard, the next update's preview and validate read it as typed, and importing it again changes nothing."""
    from loaders.project import load_project

    note = '=HYPERLINK("http://127.0.0.1:9/x","点此")'
    upload = f'indicator_id,period,yoy_pct,note\ngdp,2023-06,4.1,"{note.replace(chr(34), chr(34) * 2)}"\n'.encode()
    update = updates.read_update("2023-06.csv", upload, project_copy)
    assert not update.problems
    updates.apply(update, project_copy, "张三")
    written = (project_copy / "data/monthly/2023-06.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written and ",=HYPERLINK" not in written and '"=HYPERLINK' not in written
    project = load_project(project_copy)
    assert not [p for p in project.problems if p.severity == "error"]
    assert [f.note for f in project.facts if f.indicator_id == "gdp" and f.period == "2023-06"] == [note]
    again = updates.read_update("2023-06.csv", upload, project_copy)
    _, changes = updates.staged(again, project_copy)
    assert [c for c in changes if c.old != c.new] == []
