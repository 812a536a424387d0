"""What each command imports: the guard behind start-up time (issue 9), not a timed test.

`--version`, `--help` and `explain` must not import the engine, the Markdown
and YAML parsers, the tagger or any rule; a check imports only the rules it
runs (the default run leaves the opt-in style rules alone). Each case runs a
fresh interpreter, since this process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jalint.registry import build_index, rule_index

HEAVY = ("markdown_it", "yaml", "fugashi", "rapidfuzz", "rich", "jalint.document", "jalint.engine", "jalint.rules.",
         "importlib.resources", "dataclasses")

# The modules are written by an exit handler: `python -m jalint` leaves through `os._exit` once its exit
# handlers have run, so nothing after `run_module` would run.
_PROBE = """
import atexit, json, runpy, sys
sys.argv = ["jalint", *json.loads(sys.argv[1])]

def dump():
    with open({out!r}, "w") as handle:
        json.dump(sorted(sys.modules), handle)

atexit.register(dump)
runpy.run_module("jalint", run_name="__main__")
"""


def _imported(args: list[str], cwd: Path) -> list[str]:
    out = cwd / "modules.json"
    # Not check=True: a check that finds something exits with 1, as it should.
    done = subprocess.run([sys.executable, "-c", _PROBE.format(out=str(out)), json.dumps(args)], cwd=cwd,
                          capture_output=True, text=True)
    assert done.returncode in (0, 1) and out.exists(), done.stderr
    return json.loads(out.read_text())


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h if h.endswith(".") else h + ".") for h in HEAVY)]


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["explain", "long-sentence"],
                                  ["explain", "redundant-expression"]])
def test_light_commands_import_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    assert _heavy(_imported(args, tmp_path)) == []


def _rule_modules(modules: list[str]) -> set[str]:
    return {m.removeprefix("jalint.rules.") for m in modules if m.startswith("jalint.rules.") and "._" not in m}


def test_a_check_imports_only_the_rules_it_runs(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: 題\n---\n\n本文です。\n", encoding="utf-8")
    selected = _imported(["check", "--no-cache", "--select", "duplicate-paragraph", "post.md"], tmp_path)
    assert _rule_modules(selected) == {"duplicate_paragraph"}

    default = _rule_modules(_imported(["check", "--no-cache", "post.md"], tmp_path))
    index = rule_index()
    assert default == {entry.module for entry in index.values() if entry.enabled_by_default}
    assert not default & {entry.module for entry in index.values() if entry.category == "style"}


def test_the_shipped_rule_index_matches_the_rule_modules() -> None:
    shipped = {name: {**entry._asdict(), "textlint": list(entry.textlint)} for name, entry in rule_index().items()}
    assert shipped == build_index(), "rules/rule_index.json is out of date: run python -m jalint.registry"


def test_a_check_without_a_config_file_loads_no_toml_parser_openssl_difflib_or_tempfile(tmp_path: Path) -> None:
    # Each is a few milliseconds of a pre-commit run that needs none of them: TOML only for a config file or
    # TOML front matter, OpenSSL never (blake2b is CPython's own), difflib only to suggest a misspelt name or
    # for --diff, tempfile (with shutil and three compressors) only for --fix, pickle only for worker processes.
    (tmp_path / "post.md").write_text("---\ntitle: 題\n---\n\n本文です。\n", encoding="utf-8")
    modules = set(_imported(["check", "post.md"], tmp_path))  # with the cache, as pre-commit runs it
    assert modules & {"tomllib", "_hashlib", "hashlib", "difflib", "tempfile", "shutil", "pickle"} == set()
    # The prose rules' phrase packs are TOML, parsed on a first run and read from their stored parse after it
    # (where bytecode may be written), so tomllib is not checked here.
    modules = set(_imported(["check", "--no-cache", "--extend-select", "style", "post.md"], tmp_path))
    assert modules & {"_hashlib", "hashlib", "tempfile"} == set()
    (tmp_path / ".jalint.toml").write_text("[rules]\n", encoding="utf-8")
    assert "tomllib" in _imported(["check", "--no-cache", "post.md"], tmp_path)
