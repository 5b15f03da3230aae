"""Sign-in: failures are throttled per account and client in a file every server process shares, so nobody can
lock the real user out; a sign-in ends after an idle and an absolute limit; passwords have a minimum."""

import subprocess
import sys
import time

import pytest

from conftest import STAFF_PASSWORD as PASSWORD
from conftest import sign_in
from loaders.project import ROOT
from loaders.staff import auth, updates
from test_imports import CORPUS

ACCOUNTS = {"张三": auth.hash_password(PASSWORD, iterations=1000)}


def test_failures_from_one_client_never_keep_the_right_password_out_from_another(tmp_path):
    throttle = auth.Throttle(tmp_path / "state/signin-failures.json")
    for _ in range(20):
        auth.sign_in("张三", "guess", ACCOUNTS, throttle, client="203.0.113.66")
    assert auth.sign_in("张三", PASSWORD, ACCOUNTS, throttle, client="203.0.113.66")[1] > 0  # the attacker waits
    assert auth.sign_in("张三", PASSWORD, ACCOUNTS, throttle, client="198.51.100.7") == (True, 0.0)


@pytest.mark.slow  # a fresh interpreter
def test_the_count_of_failures_is_shared_by_every_server_process(tmp_path):
    state = tmp_path / "state/signin-failures.json"
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]); from loaders.staff import auth\n"
        "throttle = auth.Throttle(sys.argv[1])\n"
        "for _ in range(5): throttle.failed('张三', '203.0.113.66')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(state), str(ROOT)], check=True, timeout=60)
    elsewhere = auth.Throttle(state)  # another process: nothing in its memory, everything in the file
    assert elsewhere.wait_needed("张三", "203.0.113.66") > 0
    assert elsewhere.wait_needed("张三", "198.51.100.7") == 0
    assert auth.sign_in("张三", PASSWORD, ACCOUNTS, elsewhere, "203.0.113.66")[0] is False


@pytest.mark.parametrize(
    "password, ok", [(" " * 8, False), ("12345678", False), ("a b c d e f g h i", False), ("correct horse 42", True)]
)
@pytest.mark.slow  # a fresh interpreter per password
def test_hash_password_refuses_a_short_or_blank_password(password, ok):
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "hash-password"],
        input=password + "\n",
        text=True,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == (0 if ok else 1)
    if ok:
        assert auth.verify_password(password, result.stdout.strip())
    else:
        assert result.stderr.strip() == "密码至少要有 10 个非空白字符" and not result.stdout


def test_session_limits_come_from_the_secrets_with_defaults():
    assert auth.session_limits({}) == (30 * 60, 8 * 3600)
    assert auth.session_limits({"auth": {"idle_minutes": 5, "session_hours": 1}}) == (300, 3600)
    limits = (300, 3600)
    assert not auth.session_over(1000, 1200, 1400, limits)
    assert auth.session_over(1000, 1000, 1301, limits)  # idle
    assert auth.session_over(1000, 4500, 4601, limits)  # active, but signed in too long


def test_applying_after_the_idle_limit_needs_a_new_sign_in(staff_app):
    at, root = staff_app
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    at.file_uploader(key="upload").upload("ok-excel.xlsx", (CORPUS / "ok-excel.xlsx").read_bytes()).run()
    at.session_state["staff_seen"] = time.time() - 31 * 60
    at.button(key="apply").click().run()
    assert not updates.history(root)
    assert "staff_user" not in at.session_state
    assert any("登录已过期" in e.value for e in at.sidebar.info)


def test_a_sign_in_ends_after_the_absolute_limit_however_active(staff_app):
    at, root = staff_app
    sign_in(at)
    at.switch_page("pages/maintenance.py").run()
    assert at.title[0].value == "数据维护"
    at.session_state["staff_since"] = time.time() - 9 * 3600
    at.run()
    assert "staff_user" not in at.session_state
    assert at.title[0].value != "数据维护" and any("登录已过期" in e.value for e in at.sidebar.info)


def test_failures_through_one_replica_hold_back_a_sign_in_through_another(staff_app, monkeypatch):
    """scripts/serve.sh: every replica has the same DASHBOARD_ROOT and, behind its nginx, sees every browser come from
    127.0.0.1, which st.context.ip_address gives as None (client ""): failures through one replica count in all."""
    import types

    import streamlit.runtime.context

    at, root = staff_app
    replica = (
        "from pages.staff import throttle\n"
        "for _ in range(12): throttle().failed('张三', '')\n"
    )  # as try_sign_in does: the next try waits 60 s
    subprocess.run([sys.executable, "-c", replica], cwd=ROOT, check=True, timeout=120)  # DASHBOARD_ROOT inherited
    assert (root / auth.THROTTLE_FILE).exists()
    # AppTest's connection has a mock for an address; this replica's is nginx's, on the same machine
    monkeypatch.setattr(
        streamlit.runtime.context, "_get_client_context", lambda: types.SimpleNamespace(remote_ip="127.0.0.1")
    )
    at.text_input(key="signin_name").input("张三")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert "staff_user" not in at.session_state
    assert any("尝试次数过多" in e.value for e in at.error)


def test_signing_in_on_a_read_only_replica_works_and_still_slows_down_failures(staff_app, monkeypatch):
    """A read-only replica (README): the failure counts cannot be written; sign-in still works, and this process
    counts the failures itself."""
    import types

    import streamlit.runtime.context

    from test_faults import make_read_only

    at, root = staff_app
    monkeypatch.setattr(  # one client throughout (AppTest's mock gives every run another address)
        streamlit.runtime.context, "_get_client_context", lambda: types.SimpleNamespace(remote_ip="203.0.113.9")
    )
    make_read_only(root)
    try:
        for _ in range(auth.FREE_ATTEMPTS + 1):
            at.text_input(key="signin_name").input("张三")
            at.text_input(key="signin_password").input("wrong password")
            at.button[0].click().run()
            assert not at.exception, [e.message for e in at.exception]
        assert not (root / auth.THROTTLE_FILE).exists()
        at.text_input(key="signin_password").input(PASSWORD)
        at.button[0].click().run()
        assert "staff_user" not in at.session_state and any("尝试次数过多" in e.value for e in at.error)
        monkeypatch.setattr(
            streamlit.runtime.context, "_get_client_context", lambda: types.SimpleNamespace(remote_ip="198.51.100.7")
        )
        at.text_input(key="signin_password").input(PASSWORD)
        at.button[0].click().run()  # the right person, from their own address
        assert at.session_state["staff_user"] == "张三" and not at.exception
    finally:
        make_read_only(root, read_only=False)


def test_a_full_disk_leaves_the_failure_counts_whole(tmp_path):
    """The state file is replaced atomically: a write that fails for want of space (here a file-size limit, which
    fails writes as a full disk does) keeps the counts written before, and the process keeps counting."""
    state = tmp_path / "state/signin-failures.json"
    throttle = auth.Throttle(state)
    for n in range(4):
        throttle.failed("张三", f"203.0.113.{n}")
    written = state.read_bytes()
    script = (
        "import resource, signal, sys; sys.path.insert(0, sys.argv[2]); from loaders.staff import auth\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "size = len(open(sys.argv[1], 'rb').read())\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))\n"
        "throttle = auth.Throttle(sys.argv[1])\n"
        "for _ in range(5): throttle.failed('张三', '198.51.100.7')\n"
        "assert throttle.wait_needed('张三', '198.51.100.7') > 0\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(state), str(ROOT)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert state.read_bytes() == written and auth.Throttle(state).wait_needed("张三", "203.0.113.0") == 0
    assert len(auth.Throttle(state)._on_disk()) == 4
