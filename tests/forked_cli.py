"""`python -m loaders ARGS` for the tests, without starting Python and importing pandas, pyarrow and DuckDB each time.

A helper process (this file run as a script) imports `loaders.cli` once; each command is a process forked from it
that takes its own arguments, environment, working folder, stdin, stdout, stderr and memory limit, runs
`loaders/__main__.py` as `python -m loaders` does, and exits through the interpreter's normal shutdown. Its exit code
(-9 when it is killed), stdout and stderr are the command's. What this leaves out is only the interpreter's start and
the imports, which every test that imports `loaders` runs anyway; tests/test_cli.py keeps starting `python -m loaders`
itself, the contract other tools rely on. About 20 ms a command instead of 1 to 2 s of CPU on a 2-core machine."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_server: subprocess.Popen | None = None
_lock = threading.Lock()


def run(
    args: list[str],
    *,
    cwd: Path | str | None = None,
    env: dict | None = None,
    input: str | None = None,
    timeout: float | None = None,
    memory_cap: int | None = None,
) -> subprocess.CompletedProcess:
    """As subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, ...); `env`
    replaces the environment (default: this one); `memory_cap` is RLIMIT_AS in bytes."""
    with _lock, tempfile.TemporaryDirectory(prefix="forked-cli-") as folder:
        paths = {name: os.path.join(folder, name) for name in ("stdin", "stdout", "stderr")}
        Path(paths["stdin"]).write_text(input or "", encoding="utf-8")
        request = {
            "args": [str(a) for a in args],
            "cwd": str(cwd or ROOT),
            "memory_cap": memory_cap,
            "env": dict(os.environ if env is None else env),
            **paths,
        }
        server = _started()
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        pid = int(_reply(server, 60))
        try:
            returncode = int(_reply(server, timeout))
        except subprocess.TimeoutExpired:
            os.kill(pid, signal.SIGKILL)
            _reply(server, 60)
            raise subprocess.TimeoutExpired(["python", "-m", "loaders", *request["args"]], timeout) from None
        return subprocess.CompletedProcess(
            ["python", "-m", "loaders", *request["args"]],
            returncode,
            Path(paths["stdout"]).read_text(encoding="utf-8"),
            Path(paths["stderr"]).read_text(encoding="utf-8"),
        )


def _started() -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        # cwd and PYTHONPATH as `python -m loaders` run from the checkout: later imports resolve the same way
        _server = subprocess.Popen(
            [sys.executable, __file__],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    return _server


def _reply(server: subprocess.Popen, timeout: float | None) -> str:
    if not select.select([server.stdout], [], [], timeout)[0]:
        raise subprocess.TimeoutExpired("forked_cli", timeout)
    line = server.stdout.readline()
    if not line:
        raise RuntimeError(f"tests/forked_cli.py stopped (exit code {server.wait()})")
    return line


def _serve() -> None:
    # The imports every command would otherwise pay for: loaders.cli itself, and what its commands import when they
    # run (the store, staff updates, the readers of figures; pandas, pyarrow, DuckDB).
    import loaders.cli  # noqa: F401
    import loaders.coverage  # noqa: F401
    import loaders.documents.self_assessment  # noqa: F401
    import loaders.documents.standards  # noqa: F401
    import loaders.readers.columnwise  # noqa: F401
    import loaders.shared_store  # noqa: F401
    import loaders.staff.updates  # noqa: F401
    import loaders.store  # noqa: F401

    requests, replies = sys.stdin, sys.stdout
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_the_command(request)  # never returns: the command exits the interpreter
        replies.write(f"{pid}\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(f"{os.waitstatus_to_exitcode(status)}\n")
        replies.flush()


def _become_the_command(request: dict) -> None:
    import resource
    import runpy

    written = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for fd, name, flags in ((0, "stdin", os.O_RDONLY), (1, "stdout", written), (2, "stderr", written)):
        opened = os.open(request[name], flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdin = open(0, encoding="utf-8", closefd=False)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    if request["memory_cap"]:
        resource.setrlimit(resource.RLIMIT_AS, (request["memory_cap"], request["memory_cap"]))
    sys.argv = ["-m", *request["args"]]
    sys.path[0] = request["cwd"]  # `python -m` puts the working folder first
    runpy.run_module("loaders", run_name="__main__", alter_sys=True)
    sys.exit(0)


if __name__ == "__main__":
    _serve()
