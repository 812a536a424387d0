"""Golden output: the example posts and the fixture posts, linted with every
default rule, compared with the files in `tests/golden/`.

When a rule, a message or a reporter changes on purpose (and whenever a rule is
added), regenerate the golden files and review the diff before committing:

    JALINT_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/

Posts checked: `examples/_posts/*.md` and `tests/fixtures/*.md`; a new post in
either folder gets its golden files on the next regeneration. Paths are relative
to the repository root (the tests run from there), so the files are the same on
every machine; the jalint version in the JSON output is replaced by `<version>`.
"""

from __future__ import annotations

import json
import re
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
POST_FOLDERS = ("examples/_posts", "tests/fixtures")
# format: file suffix. Every format is pinned byte for byte (only the version and, in SARIF, the rule
# descriptors, which change with every doc edit, are replaced by placeholders).
FORMATS = {"concise": "concise.txt", "json": "json", "github": "github.txt", "text": "text.txt", "sarif": "sarif.json",
           "rdjson": "rdjson.json"}
UPDATE = os.environ.get("JALINT_UPDATE_GOLDEN") == "1"


def _posts() -> list[str]:
    return [
        path.relative_to(REPO).as_posix() for folder in POST_FOLDERS for path in sorted((REPO / folder).glob("*.md"))
    ]


def golden_path(post: str, output_format: str) -> Path:
    return GOLDEN / f"{Path(post).stem}.{FORMATS[output_format]}"


def normalise(output: str, output_format: str) -> str:
    if output_format == "json":
        json.loads(output)  # valid JSON, whatever else the golden file pins
        return re.sub(r'^  "jalint": "[^"]*",$', '  "jalint": "<version>",', output, count=1, flags=re.MULTILINE)
    if output_format == "rdjson":
        json.loads(output)
        return output
    if output_format == "sarif":
        json.loads(output)
        return re.sub(r'^( +"driver": ).*$', r'\1"<rules and version>"', output, count=1, flags=re.MULTILINE)
    return output


def test_there_are_posts_to_check():
    posts = _posts()
    assert "examples/_posts/2025-11-04-clean-post.md" in posts
    assert "examples/_posts/2025-11-05-defective-post.md" in posts
    assert any(post.startswith("tests/fixtures/") for post in posts)


@pytest.mark.parametrize("output_format", list(FORMATS))
@pytest.mark.parametrize("post", _posts())
def test_golden_output(run, monkeypatch, post, output_format):
    monkeypatch.chdir(REPO)
    result = run("check", post, "--format", output_format)
    assert result.stderr == ""
    actual = normalise(result.stdout, output_format)

    # The exit code follows from the findings: 1 when one is a warning or an error.
    found = json.loads(run("check", post, "--format", "json").stdout)["findings"]
    severities = {finding["severity"] for finding in found}
    assert result.exit_code == (1 if severities & {"warning", "error"} else 0)

    golden = golden_path(post, output_format)
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
        return
    assert golden.is_file(), f"no golden file {golden.name}: run with JALINT_UPDATE_GOLDEN=1"
    expected = golden.read_bytes().decode("utf-8")
    assert actual == expected, f"{golden.name} is out of date: run with JALINT_UPDATE_GOLDEN=1 and review the diff"


def test_no_stale_golden_files():
    expected = {golden_path(post, output_format).name for post in _posts() for output_format in FORMATS}
    stale = sorted(path.name for path in GOLDEN.iterdir() if path.name not in expected)
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert stale == [], "golden files for posts that no longer exist: run with JALINT_UPDATE_GOLDEN=1"


def test_golden_paths_are_relative():
    for path in GOLDEN.iterdir():
        text = path.read_text(encoding="utf-8")
        assert str(REPO) not in text, path.name


def test_sarif_result_lines_encode_the_same_value_as_the_dicts() -> None:
    """The SARIF writer builds each result's text directly; it must be the C encoder's text of the result dict."""
    import json as json_module

    from jalint.config import Layer
    from jalint.reporters.sarif import _result_dict, _ResultLines
    from jalint.session import Options, collect

    paths = tuple(str(REPO / post) for post in _posts())
    diagnostics = [d for r in collect(Options(paths, Layer(), use_cache=False), lambda: b"").results
                   for d in r.diagnostics]
    assert any(d.related for d in diagnostics) and any(d.fix for d in diagnostics)  # every branch is exercised
    index_of = {name: i for i, name in enumerate(sorted({d.rule for d in diagnostics}))}
    lines = _ResultLines(index_of)
    encode = json_module.JSONEncoder(ensure_ascii=False).encode
    for d in diagnostics:
        assert lines.result(d) == encode(_result_dict(d, index_of))


def test_json_finding_lines_encode_the_same_value_as_the_dicts() -> None:
    """The JSON writer builds each finding's text directly; it must be the C encoder's text of `finding_dict`."""
    import json as json_module

    from jalint.config import Layer
    from jalint.reporters.json_format import finding_dict, finding_line
    from jalint.session import Options, collect

    paths = tuple(str(REPO / post) for post in _posts())
    diagnostics = [d for r in collect(Options(paths, Layer(), use_cache=False), lambda: b"").results
                   for d in r.diagnostics]
    assert any(d.related for d in diagnostics) and any(d.fix for d in diagnostics)  # every branch is exercised
    encode = json_module.JSONEncoder(ensure_ascii=False).encode
    strings: dict[str, str] = {}
    for d in diagnostics:
        assert finding_line(d, strings) == encode(finding_dict(d))


def test_text_window_matches_the_character_by_character_walk() -> None:
    """The windowed caret line (running sums in C) equals the plain walk, zero-width and wide characters included."""
    import random

    from jalint.reporters.text import _source_window_slow, source_window

    rng = random.Random(4)
    for alphabet in ("aあ\u3099ｶ😀 \t漢bc。", "abc", "漢字かな", "a\u0301\u0301\u0301b"):
        for _ in range(1500):
            line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
            column = rng.randint(1, len(line))
            end_column = rng.choice([None, rng.randint(column, len(line) + 1)])
            plain = line.replace("\t", " ")
            end = len(plain) if end_column is None else max(column, min(end_column - 1, len(plain)))
            assert source_window(line, column, end_column) == _source_window_slow(plain, column - 1, end)


def test_the_clipped_source_line_shows_the_same_window_as_the_whole_line() -> None:
    """Findings keep only a clip of their line (memory); the text report must not tell the difference."""
    import random

    from jalint.diagnostic import clip_line
    from jalint.reporters.text import source_window

    rng = random.Random(11)
    for alphabet in ("aあ漢 。、bc😀", "漢字かな", "abc def"):
        for _ in range(1500):
            line = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
            column = rng.randint(1, len(line))
            end_column = rng.choice([None, rng.randint(column, len(line) + 1)])
            clipped, start = clip_line(line, column)
            clipped_end = None if end_column is None else end_column - start
            assert source_window(clipped, column - start, clipped_end) == source_window(line, column, end_column)
