"""Stored regular-expression programs (jalint.regex_programs): same matches as a fresh compile, never a failure.

Each case runs in a fresh interpreter, because the store works through `re`'s
process-wide cache: what one test compiled must not make another's pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "examples" / "_posts" / "2025-11-05-defective-post.md"

# Patterns with what can go wrong in a stored program: named groups, flags set
# inline and by argument, a CJK range (a big character set), look-behind, bytes.
PATTERNS = [
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0),
    (r"[一-龥々〆ヵヶ]{3,}", 0),
    (r"(?i)hello\s+world", 0),
    (r"colou?r", int(__import__("re").IGNORECASE)),
    (r"(?<![0-9０-９])(?:約|およそ)?[0-9０-９]+(?:%|％)", 0),
    (r"^#{1,6}(?!#)\S", int(__import__("re").MULTILINE)),
]
SAMPLES = ["2025年12月の記録", "漢字熟語連続確認", "HELLO   World", "COLOR colour", "約75%の企業", "#見出し\n##x"]

COMPILE = """
import json, re, sys
from jalint import regex_programs
patterns = json.loads(sys.argv[1])
for text, flags in patterns:
    re.compile(text, flags)
re.compile(rb"[\\x00-\\x08]+")
print(regex_programs.save())
"""

CHECK = """
import json, re, sys
from re import _compiler
from jalint import regex_programs
patterns, samples = json.loads(sys.argv[1]), json.loads(sys.argv[2])
loaded = regex_programs.load()
report = {"loaded": loaded, "same": [], "prefilled": [(str, text, flags) in re._cache for text, flags in patterns]}
for text, flags in patterns:
    stored, fresh = re.compile(text, flags), _compiler.compile(text, flags)
    report["same"].append(
        (stored.pattern, stored.flags, stored.groups, dict(stored.groupindex))
        == (fresh.pattern, fresh.flags, fresh.groups, dict(fresh.groupindex))
        and all([m.span() for m in stored.finditer(s)] == [m.span() for m in fresh.finditer(s)]
                and [m.groupdict() for m in stored.finditer(s)] == [m.groupdict() for m in fresh.finditer(s)]
                for s in samples))
report["bytes"] = re.compile(rb"[\\x00-\\x08]+").findall(b"a\\x01\\x02b") == [b"\\x01\\x02"]
print(json.dumps(report))
"""


def _python(code: str, *args: str, store: Path, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "JALINT_NO_REGEX_CACHE")}
    environ.update(JALINT_REGEX_PROGRAMS=str(store), **env)
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=environ,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_stored_program_matches_exactly_as_a_fresh_compile(tmp_path: Path) -> None:
    store = tmp_path / "programs.bin"
    saved = int(_python(COMPILE, json.dumps(PATTERNS), store=store))
    assert saved >= len(PATTERNS) + 1 and store.exists()
    report = json.loads(_python(CHECK, json.dumps(PATTERNS), json.dumps(SAMPLES), store=store))
    assert report["loaded"] >= len(PATTERNS) + 1
    assert report["prefilled"] == [True] * len(PATTERNS)  # the matches below are the stored programs'
    assert report["same"] == [True] * len(PATTERNS)
    assert report["bytes"] is True


def test_nothing_new_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "programs.bin"
    _python(COMPILE, json.dumps(PATTERNS), store=store)
    before = store.stat().st_mtime_ns
    again = "from jalint import regex_programs; import re, sys, json\n" \
            "print(regex_programs.load() > 0, regex_programs.save())"
    assert _python(again, store=store) == "True 0"
    assert store.stat().st_mtime_ns == before


def test_a_reordering_of_a_stored_pattern_is_not_stored_again(tmp_path: Path) -> None:
    """A library's character class built from a set is spelled anew in each process; storing each would grow the file."""
    store = tmp_path / "programs.bin"
    run = "from jalint import regex_programs; import re, sys\nregex_programs.load()\n" \
          "[re.compile(p) for p in sys.argv[1:]]\nprint(regex_programs.save())"
    assert int(_python(run, "[abc]", store=store)) >= 1
    before = store.stat().st_mtime_ns
    assert _python(run, "[cab]", "[abc]", store=store) == "0"  # compiled as usual, not stored
    assert store.stat().st_mtime_ns == before
    assert _python(run, "[abcd]", "[cab]", store=store) == "1"  # a new pattern is


def test_a_damaged_or_foreign_store_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "programs.bin"
    _python(COMPILE, json.dumps(PATTERNS), store=store)
    good = store.read_bytes()
    for damaged in (b"", b"not marshal at all", good[: len(good) // 2]):
        store.write_bytes(damaged)
        report = json.loads(_python(CHECK, json.dumps(PATTERNS), json.dumps(SAMPLES), store=store))
        assert report["loaded"] == 0 and not any(report["prefilled"]), damaged[:20]
        assert report["same"] == [True] * len(PATTERNS)
    # Another Python build (or format) wrote it: ignored, not trusted.
    import marshal

    tag, entries = marshal.loads(good)
    store.write_bytes(marshal.dumps(("0|another python", entries)))
    assert json.loads(_python(CHECK, json.dumps(PATTERNS), json.dumps(SAMPLES), store=store))["loaded"] == 0
    # An entry the regex engine refuses: nothing of the store stays in `re`'s cache.
    key = next(iter(entries))
    entries[key] = (0, b"\x00\x00\x00\x00", 0, {}, ())
    store.write_bytes(marshal.dumps((tag, entries)))
    report = json.loads(_python(CHECK, json.dumps(PATTERNS), json.dumps(SAMPLES), store=store))
    assert report["loaded"] == 0 and not any(report["prefilled"])
    assert report["same"] == [True] * len(PATTERNS)


def test_no_store_is_written_where_python_writes_no_bytecode(tmp_path: Path) -> None:
    store = tmp_path / "programs.bin"
    assert _python(COMPILE, json.dumps(PATTERNS), store=store, PYTHONDONTWRITEBYTECODE="1") == "0"
    assert _python(COMPILE, json.dumps(PATTERNS), store=store, JALINT_NO_REGEX_CACHE="1") == "0"
    assert not store.exists()


def test_check_with_a_store_reports_what_it_reports_without(tmp_path: Path) -> None:
    store = tmp_path / "programs.bin"
    command = [sys.executable, "-m", "jalint", "check", "--no-cache", "--format", "json",
               "--extend-select", "style", str(POST)]

    def run(**env: str) -> str:
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        environ.update(JALINT_REGEX_PROGRAMS=str(store), **env)
        done = subprocess.run(command, capture_output=True, text=True, env=environ, check=False, timeout=120)
        assert done.returncode == 1, done.stderr
        return done.stdout

    plain = run(JALINT_NO_REGEX_CACHE="1")
    assert not store.exists()
    first = run()  # compiles everything and stores it
    assert store.exists()
    stored = store.stat().st_mtime_ns
    second = run()  # every pattern from the store
    assert plain == first == second
    # Nothing new the second time: no pattern's text depends on the process (set order, salted hashes).
    third = run()
    assert third == plain and store.stat().st_mtime_ns == stored
    assert '"rule": "duplicate-paragraph"' in plain
