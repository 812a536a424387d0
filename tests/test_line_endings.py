"""Line endings: LF, CRLF and lone CR (old Mac files, valid CommonMark) give the same findings.

A lone CR once broke 15 rules with IndexError: markdown-it ended lines there
while jalint's line index did not. These tests run every rule on the shipped
defective example in each ending and demand identical findings, and check that
`--fix` writes the original ending back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "examples" / "_posts" / "2025-11-05-defective-post.md"
ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def findings(result) -> list[tuple]:
    data = json.loads(result.stdout)
    return [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in data["findings"]]


@pytest.mark.parametrize("ending", ["crlf", "cr"])
def test_every_rule_sees_the_same_post_whatever_the_line_ending(run, workdir, write_post, ending):
    text = EXAMPLE.read_text(encoding="utf-8")
    write_post(workdir, "lf.md", text)
    write_post(workdir, "other.md", text.replace("\n", ENDINGS[ending]))
    lf = run("check", "--no-cache", "--format", "json", "lf.md")
    other = run("check", "--no-cache", "--format", "json", "other.md")
    assert other.exit_code == 1, other.output
    assert "internal-error" not in other.stdout
    assert findings(other) == findings(lf)
    assert len(findings(lf)) > 20


def test_five_line_cr_post_from_the_reliability_report(run, workdir, write_post):
    write_post(workdir, "a.md", '---\rtitle: "t"\rdate: 2025-01-01\r---\r\r# 見出し\r\r本文です。\r')
    for fmt in ("text", "concise", "json", "github", "sarif"):
        result = run("check", "--no-cache", "--format", fmt, "a.md")
        assert result.exit_code == 0, (fmt, result.output)
        if fmt == "sarif":
            assert json.loads(result.stdout)["runs"][0]["results"] == []
        elif fmt == "json":
            assert json.loads(result.stdout)["findings"] == []
        else:
            assert "internal-error" not in result.stdout, fmt


def test_cr_suppression_comment_does_not_stop_the_run(run, workdir, write_post):
    write_post(workdir, "s1.md", "a\rb\r<!-- jalint-disable -->\r")
    write_post(workdir, "other.md", "同じ段落が二度あります。確かめてください。\n\n同じ段落が二度あります。確かめてください。\n")
    result = run("check", "--no-cache", "--format", "json", "s1.md", "other.md")
    rows = {(f["path"], f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert ("s1.md", "unused-suppression", 3) in rows
    assert ("other.md", "duplicate-paragraph", 3) in rows
    assert result.exit_code == 1


def test_fix_keeps_lone_cr_endings(run, workdir, write_post):
    paragraph = "同じ段落が二度あります。確かめてください。"
    path = write_post(workdir, "post.md", f"# 見出し\r\r{paragraph}\r\r{paragraph}\r\r最後の段落です。\r")
    run("check", "--no-cache", "--fix", "--unsafe-fixes", "post.md")
    data = path.read_bytes()
    assert b"\n" not in data
    assert data.decode() == f"# 見出し\r\r{paragraph}\r\r最後の段落です。\r"
