"""Shared fixtures for the engine tests: run the CLI in-process and write posts.

Fixtures are the only way to share helpers here: pytest may import test modules
with `importlib` mode, where `from conftest import ...` does not work.

`run(*args, input=None)` invokes `jalint` through click's CliRunner (stderr kept
apart from stdout) and returns the `click.testing.Result`. Any exception other
than `SystemExit` fails the test at once: a traceback is never an acceptable
way for jalint to report a problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jalint.cli import cli


def _write_post(tmp_path: Path, name: str, text: str | bytes) -> Path:
    """Write `text` (UTF-8, exactly as given: no newline translation) under `tmp_path`."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


@pytest.fixture
def write_post() -> Callable[[Path, str, str | bytes], Path]:
    """`write_post(tmp_path, name, text)`: write a post (folders created, bytes exact)."""
    return _write_post


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's temporary folder as the current folder, so paths in output are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The rules the engine tests are written against. Every other rule is switched
# off by default in those tests (it still runs when selected by name), so adding
# a rule never changes an engine test; the golden tests show all rules at work.
PROOF_RULES = frozenset(
    {"duplicate-paragraph", "front-matter-syntax", "unused-suppression", "encoding", "internal-error"}
)


@pytest.fixture
def proof_rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from jalint.registry import rule_index

    # Selection reads the shipped index (no rule is imported to learn its default).
    index = rule_index()
    for name, entry in list(index.items()):
        if name not in PROOF_RULES:
            monkeypatch.setitem(index, name, entry._replace(enabled_by_default=False))


@pytest.fixture
def run() -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:  # noqa: A002 - CliRunner's name
        result = runner.invoke(cli, list(args), input=input, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"jalint raised {result.exception!r}") from result.exception
        return result

    return invoke
