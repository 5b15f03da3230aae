"""The documentation cannot go stale: the generated references match the code, and nothing the README or a page of
docs/ names (a path, a function in a file, a command, an option, a link) is missing from the repository."""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

import workarounds

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Paths the pages name that exist only once the app or a command has run (git-ignored or written on first use).
AT_RUN_TIME = {
    ".streamlit/secrets.toml": "the accounts, kept out of git",
    "build/dashboard.duckdb": "written by python -m loaders build",
    "build/store/": "the shared store, written by python -m loaders store",
    "data/history/": "the update history, written on the first applied update",
    "data/history/history.jsonl": "the update history",
    "data/history/pending.json": "an update's intent, while it is being written",
    "data/.update.lock": "the update lock",
    "data/assessments/food-safety-2023-self.csv": "the self-assessment, written by its first import",
    "data/monthly/": "a month's figures, added by staff (the shipped data has none yet)",
    "state/signin-failures.json": "the sign-in throttle's counts",
    "review.csv": "written into a draft folder by python -m loaders extract --out",
    "history.jsonl": "the update history (data/history/)",
}
PLACEHOLDER = re.compile(r"[<>*…]|YYYY|\bN\b|^/")  # a pattern of names, or a path of the system, not of the repo
EXTENSIONS = (
    "py",
    "yaml",
    "yml",
    "csv",
    "json",
    "jsonl",
    "md",
    "toml",
    "sh",
    "txt",
    "png",
    "service",
    "target",
    "lock",
)
PATH_TOKEN = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_./@-]*$")
INLINE_CODE = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")
COMMAND = re.compile(r"python -m ([A-Za-z_][\w.]*)([^`#|\n]*)")


def _load_make_docs():
    spec = importlib.util.spec_from_file_location("make_docs", ROOT / "scripts" / "make_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def make_docs():
    return _load_make_docs()


@cache
def command_lines() -> dict:
    """{'loaders': (global options, {subcommand: its options})} for each program, from its parser, in-process."""
    found = {}
    for prog, parser in make_docs().programs():
        subs = {
            name: workarounds.argparse_option_strings(sub) for name, _, sub in workarounds.argparse_subcommands(parser)
        }
        found[prog.split()[-1]] = (workarounds.argparse_option_strings(parser), subs)
    return found


@cache
def tracked_names() -> set[str]:
    return {p.name for p in ROOT.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts}


TOP_DIRS = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")}


def _defines(path: Path, name: str) -> bool:
    text = path.read_text(encoding="utf-8")
    return re.search(rf"^\s*(def|class)\s+{re.escape(name)}\b|^\s*{re.escape(name)}\s*[:=]", text, re.M) is not None


@cache
def project_modules() -> dict[str, list[Path]]:
    """The project's Python files by module name (status: loaders/judging/status.py), to check `status.judge`."""
    found: dict[str, list[Path]] = {}
    for path in ROOT.rglob("*.py"):
        if not {".venv", ".git", "tests"} & set(path.relative_to(ROOT).parts):
            found.setdefault(path.stem, []).append(path)
    return found


def missing_attribute(token: str) -> str | None:
    """Why `module.name` (a project module, as the pages write it) names nothing: no module of that name defines it."""
    match = re.match(r"^([a-z_]+)\.([A-Za-z_]\w*)(\(\))?$", token.strip())
    if not match or match.group(2) in EXTENSIONS or match.group(1) not in project_modules():
        return None  # not a project module's attribute (st.navigation, kaleido.start_sync_server, sources.yaml)
    module, name = match.group(1), match.group(2)
    if any(_defines(path, name) for path in project_modules()[module]):
        return None
    return f"no module {module} defines {name}"


def missing_path(token: str) -> str | None:
    """Why a path-like token names nothing in the repository (None when it does, or is not a path)."""
    token = token.strip().rstrip(",.;:")
    if token in AT_RUN_TIME or PLACEHOLDER.search(token) or not PATH_TOKEN.match(token.split("::")[0]):
        return None
    path_text, _, name = token.partition("::")
    has_extension = path_text.rsplit(".", 1)[-1] in EXTENSIONS
    if "/" not in path_text:
        if has_extension and path_text not in tracked_names():
            return f"no file named {path_text}"
        return None
    if path_text.split("/")[0] not in TOP_DIRS and not any(path_text.startswith(k) for k in AT_RUN_TIME):
        return None  # a folder of the user's (exports/…, ../other-city), not of the repository
    if any(path_text.startswith(k) for k in AT_RUN_TIME if k.endswith("/")):
        return None
    path = ROOT / path_text
    if not has_extension and not path.exists() and "." in path_text.rsplit("/", 1)[-1]:
        module, _, attribute = path_text.rpartition(".")  # charts/briefing/content.place_of
        path, name = ROOT / f"{module}.py", attribute
    if not path.exists():
        return "does not exist"
    if name and not _defines(path, name):
        return f"{path.relative_to(ROOT)} defines no {name}"
    return None


def missing_in_command(module: str, rest: str) -> str | None:
    """Why `python -m module rest` would not run as the page says (an unknown module, subcommand or option)."""
    programs = command_lines()
    if module not in programs:
        return None if importlib.util.find_spec(module) is not None else f"no module {module}"
    global_options, subcommands = programs[module]
    words = rest.replace("\\|", " ").split()
    while words and words[0] in global_options:  # --lang en, --root DIR
        words = words[2:]
    if not words or not re.match(r"^[a-z][a-z-]*$", words[0]):
        return None  # the command named as a whole (python -m loaders …)
    command = words[0]
    if command not in subcommands:
        return f"no command {command}"
    unknown = [w for w in re.findall(r"--[a-z][a-z-]*", " ".join(words[1:])) if w not in subcommands[command]]
    return f"{command} has no option {', '.join(unknown)}" if unknown else None


def _headings_anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    headings = re.findall(r"^#+\s+(.+)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def missing_link(page: Path, target: str) -> str | None:
    if re.match(r"^[a-z]+:", target):
        return None  # a web address
    file_part, _, anchor = target.partition("#")
    linked = (page.parent / file_part).resolve() if file_part else page
    if not linked.exists():
        return "does not exist"
    if anchor and linked.suffix == ".md" and anchor not in _headings_anchors(linked):
        return f"{linked.relative_to(ROOT)} has no heading #{anchor}"
    return None


def stale_references(page: Path, text: str | None = None) -> list[str]:
    """Every reference of one page that names nothing, as 'page: reference: why'."""
    text = page.read_text(encoding="utf-8") if text is None else text
    name = page.relative_to(ROOT)
    found = []
    blocks = [m.group(0) for m in FENCE.finditer(text)]
    prose = FENCE.sub("", text)
    for token in INLINE_CODE.findall(prose):
        why = missing_path(token) or missing_attribute(token)
        if why:
            found.append(f"{name}: `{token}`: {why}")
    for block in blocks:
        for token in re.findall(r"(?<![\w./-])([a-z][\w-]*/[\w./@-]+)", block):
            why = missing_path(token) if token.split("/")[0] in TOP_DIRS else None
            if why:
                found.append(f"{name}: {token}: {why}")
    for module, rest in COMMAND.findall(text):
        why = missing_in_command(module, rest)
        if why:
            found.append(f"{name}: python -m {module}{rest.rstrip()}: {why}")
    for target in LINK.findall(prose):
        why = missing_link(page, target)
        if why:
            found.append(f"{name}: link {target}: {why}")
    return found


@pytest.mark.parametrize("path", sorted(make_docs().PAGES))
def test_a_generated_reference_is_what_the_code_gives(path):
    committed = (ROOT / path).read_text(encoding="utf-8") if (ROOT / path).exists() else ""
    assert committed == make_docs().PAGES[path](), f"{path} is out of date: run python scripts/make_docs.py"


def test_the_readme_and_every_page_name_only_what_exists():
    stale = [line for page in PAGES for line in stale_references(page)]
    assert stale == [], "the documentation names what does not exist:\n" + "\n".join(stale)


def test_a_moved_module_an_unknown_command_or_a_dead_link_is_reported():
    page = ROOT / "docs" / "example.md"
    text = (
        "Cells are neutralised by `loaders/tables.neutralise`; rules in `loaders/judging/status.py`.\n"
        "A briefing takes `progress.judge_everything` and `store.target_inputs`.\n"
        "The guard is `pages/common.py::leave_pages_mode`; see [the staff page](staff.md#no-such-heading).\n"
        "```bash\npython -m loaders --lang en publish --out x\npython -m charts export --out x --dpi 300\n```\n"
    )
    assert stale_references(page, text) == [
        "docs/example.md: `loaders/tables.neutralise`: does not exist",
        "docs/example.md: `progress.judge_everything`: no module progress defines judge_everything",
        "docs/example.md: `pages/common.py::leave_pages_mode`: pages/common.py defines no leave_pages_mode",
        "docs/example.md: python -m loaders --lang en publish --out x: no command publish",
        "docs/example.md: python -m charts export --out x --dpi 300: export has no option --dpi",
        "docs/example.md: link staff.md#no-such-heading: docs/staff.md has no heading #no-such-heading",
    ]


def test_the_readme_stays_short_and_says_what_the_test_command_installs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    install_line = re.search(r'packages="([^"]+)"', (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8"))
    assert f"`{install_line.group(1)}`" in readme, "the README must list the packages scripts/test.sh installs"
