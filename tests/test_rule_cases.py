"""One driver for every rule's case file (`tests/rules/<rule>.toml`), sqlfluff style.

A case file holds `[[invalid]]` texts with the expected `findings` (line,
column, optional message part, the first or every related line, the fix's
applicability, or "none" for no fix) and `[[valid]]` texts that must give none. Each case may set
`options`, `path` (for rules that read the file name) and `fixed` (the text
after every finding's fix is applied).
The Example / Use instead blocks of every rule's doc are executed too.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from jalint.fixes import apply_edits
from jalint.registry import all_rules
from tests.rule_harness import lint_corpus, lint_with, split_posts

CASES = Path(__file__).parent / "rules"


def _cases() -> list[tuple[str, str, int, dict]]:
    collected = []
    for file in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for kind in ("invalid", "valid"):
            for index, case in enumerate(data.get(kind, [])):
                collected.append((file.stem, kind, index, case))
    return collected


@pytest.mark.parametrize(
    ("rule", "kind", "index", "case"),
    _cases(),
    ids=[f"{rule}-{kind}-{index}" for rule, kind, index, _ in _cases()],
)
def test_case(rule: str, kind: str, index: int, case: dict) -> None:
    if "posts" in case:  # a corpus rule: several posts, findings name their path
        found = lint_corpus(rule, {p["path"]: p["text"] for p in case["posts"]}, case.get("options"))
        got = [(d.path, d.location.line, d.location.column) for d in found]
        expected = [(f["path"], f["line"], f.get("column", 1)) for f in case.get("findings", [])]
        assert got == expected, [(d.path, d.location.line, d.message) for d in found]
        for finding, want in zip(found, case.get("findings", []), strict=True):
            if "message" in want:
                assert want["message"] in finding.message
            if "related" in want:
                assert [(r.path, r.location.line) for r in finding.related][:1] == [tuple(want["related"])]
        return
    found = lint_with(rule, case["text"], case.get("options"), case.get("path", "post.md"))
    got = [(d.location.line, d.location.column) for d in found]
    if kind == "valid":
        assert got == [], [d.message for d in found]
        return
    expected = case["findings"]
    assert got == [(f["line"], f.get("column", 1)) for f in expected], [(d.location.line, d.message) for d in found]
    for finding, want in zip(found, expected, strict=True):
        if "message" in want:
            assert want["message"] in finding.message
        if "related_line" in want:
            assert [r.location.line for r in finding.related][:1] == [want["related_line"]]
        if "related_lines" in want:
            assert [r.location.line for r in finding.related] == want["related_lines"]
        if want.get("fix") == "none":
            assert finding.fix is None, finding.fix
        elif "fix" in want:
            assert finding.fix is not None and finding.fix.applicability == want["fix"]
    if "fixed" in case:
        edits = [edit for finding in found if finding.fix for edit in finding.fix.edits]
        assert apply_edits(case["text"], edits, "\n") == case["fixed"]


def test_every_checking_rule_has_a_case_file() -> None:
    missing = [
        name for name, rule in all_rules().items()
        if rule.scope != "engine" and not (CASES / f"{name}.toml").is_file()
    ]
    assert missing == []


def _doc_block(rule_name: str, section: str) -> str | None:
    body = all_rules()[rule_name].doc_sections().get(section, "")
    match = re.search(r"```(?:markdown|md)\n(.*?)```", body, re.DOTALL)
    return match.group(1) if match else None


CHECKING_RULES = [name for name, rule in all_rules().items() if rule.scope != "engine"]


@pytest.mark.parametrize("rule", CHECKING_RULES)
def test_doc_example_is_reported(rule: str) -> None:
    example = _doc_block(rule, "Example")
    assert example is not None, f"{rule}: the Example section needs a ```markdown block"
    assert _lint_doc_block(rule, example), f"{rule}: its own Example gives no finding"


@pytest.mark.parametrize("rule", CHECKING_RULES)
def test_doc_use_instead_is_clean(rule: str) -> None:
    better = _doc_block(rule, "Use instead")
    assert better is not None, f"{rule}: the Use instead section needs a ```markdown block"
    assert [d.message for d in _lint_doc_block(rule, better)] == []


def _lint_doc_block(rule: str, block: str) -> list:
    """A doc block: one post, or (corpus rules) several, each after a `<!-- file: NAME -->` line."""
    posts = split_posts(block)
    if all_rules()[rule].scope == "corpus":
        return lint_corpus(rule, posts)
    # A single post may name its path (`<!-- file: _posts/2025-01-01-a.md -->`) for file-name rules.
    (path, text), *_ = posts.items()
    return lint_with(rule, text, path=path)
