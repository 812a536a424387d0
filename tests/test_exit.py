"""How the command ends: `run()` leaves through `os._exit` after the exit handlers, and must lose nothing.

Each end-to-end case runs a fresh interpreter, the way pre-commit and CI run
jalint; `_may_skip_teardown` is checked in this process for the cases where
Python must end as usual.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from jalint import cli
from tests.test_cli import CLEAN_POST

POST = "---\ntitle: 題\n---\n\n本文です。\n\n本文です。\n"


def _jalint(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jalint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


def test_exit_code_and_every_finding_survive_the_fast_exit(tmp_path: Path) -> None:
    # Far more output than a pipe holds (64 kB), in every format: all of it must be written before the process
    # leaves through os._exit.
    for number in range(150):
        (tmp_path / f"post{number:03}.md").write_text(POST, encoding="utf-8")
    done = _jalint(tmp_path, "check", "--no-cache", "--format", "json", ".")
    assert done.returncode == 1
    assert len(done.stdout) > 65_536
    findings = json.loads(done.stdout)["findings"]
    assert {f["path"] for f in findings} == {f"post{number:03}.md" for number in range(150)}
    total = len(findings)
    for output_format in ("concise", "github"):
        lines = _jalint(tmp_path, "check", "--no-cache", "--format", output_format, ".").stdout.splitlines()
        assert sum("post" in line for line in lines) == total, output_format
    assert f"{total} 件の問題" in _jalint(tmp_path, "check", "--no-cache", "--format", "text", ".").stdout
    sarif = json.loads(_jalint(tmp_path, "check", "--no-cache", "--format", "sarif", ".").stdout)
    assert len(sarif["runs"][0]["results"]) == total


def test_a_clean_run_exits_zero_and_a_usage_error_two(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(CLEAN_POST, encoding="utf-8")
    assert _jalint(tmp_path, "check", "--no-cache", "--select", "duplicate-paragraph", "post.md").returncode == 0
    assert _jalint(tmp_path, "check", "--no-such-option").returncode == 2


def test_exit_handlers_still_run(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    probe = (
        "import atexit, pathlib, runpy, sys\n"
        f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('yes'))\n"
        "sys.argv = ['jalint', '--version']\n"
        "runpy.run_module('jalint', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "jalint" in done.stdout
    assert marker.read_text() == "yes"


def test_python_ends_as_usual_under_a_profiler_another_thread_or_the_variable(monkeypatch) -> None:
    monkeypatch.delenv("JALINT_NO_FAST_EXIT", raising=False)
    assert cli._may_skip_teardown()
    monkeypatch.setenv("JALINT_NO_FAST_EXIT", "1")
    assert not cli._may_skip_teardown()
    monkeypatch.delenv("JALINT_NO_FAST_EXIT")
    previous = sys.getprofile()
    sys.setprofile(lambda *args: None)
    try:
        assert not cli._may_skip_teardown()
    finally:
        sys.setprofile(previous)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not cli._may_skip_teardown()
    finally:
        stop.set()
        worker.join()


def test_a_closed_pipe_falls_back_to_the_usual_exit(tmp_path: Path) -> None:
    for number in range(150):
        (tmp_path / f"post{number:03}.md").write_text(POST, encoding="utf-8")
    # The reader goes away after one line; the writer's flush fails and Python ends as it always has
    # (no traceback from jalint, a non-zero status), instead of leaving through os._exit.
    command = f"{sys.executable} -m jalint check --no-cache --format json . | head -c 10"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert len(done.stdout) == 10
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
