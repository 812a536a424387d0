"""Long hostile lines that once took quadratic time, with the results they must still give.

These are regression cases from the mutation fuzz (issue 14): each input took
from seconds to minutes before the fix. They assert what the output is, not how
long it took (speed belongs in benchmarks/), but a quadratic regression makes
this file run for minutes, which CI does not let land.
"""

from __future__ import annotations

import json

from jalint.inline import MARKUP, mask_inline
from jalint.positions import utf16_column


def test_unclosed_brackets_are_text_and_a_later_link_is_still_masked():
    line = "[" * 100_000 + "]" * 100_000 + "[リンク](https://example.com/a)"
    masked = mask_inline(line)
    assert masked[:200_000] == line[:200_000]
    tail = masked[200_000:]
    assert tail.replace(MARKUP, "") == "リンク"


def test_link_text_may_hold_one_bracket_pair():
    masked = mask_inline("[資料 [第2版]](https://example.com)を読む")
    assert masked.replace(MARKUP, "") == "資料 [第2版]を読む"


def test_unclosed_comment_and_template_openers_stay_text():
    line = "<!--" * 50_000 + "{%" * 50_000 + "![" * 50_000 + "[^" * 50_000
    assert mask_inline(line) == line


def test_closed_comment_and_template_after_openers_are_masked():
    masked = mask_inline("{%{% 本文 {{ page.title }} と <!-- メモ --> です")
    assert masked.replace(MARKUP, "") == "{%{% 本文  と  です"


def test_utf16_column_counts_astral_characters():
    line = "😀" + "あ" * 70_000
    assert utf16_column(line, 70_002) == 70_003
    assert utf16_column("abc", 3) == 3


def test_thousands_of_repeated_sentences_on_one_line(run, workdir, write_post):
    sentence = "同じ文がここで何度も繰り返されていて読者はすぐに気づいてしまいます。"
    write_post(workdir, "long.md", "😀" + sentence * 2000 + "\n")
    result = run("check", "--no-cache", "--format", "sarif", "--select", "duplicate-sentence", "long.md")
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert len(results) == 1998  # sentence 1 starts with the emoji; 3..2000 repeat sentence 2
    region = results[-1]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 3 + 1999 * len(sentence)  # the emoji is two UTF-16 units


def test_line_of_angle_brackets_for_reading_time(run, workdir, write_post):
    write_post(workdir, "post.md", "---\ntitle: t\nreading_time: 1\n---\n\n" + "<" * 200_000 + "\n")
    result = run("check", "--no-cache", "--format", "json", "--select", "reading-time-mismatch", "post.md")
    assert "internal-error" not in result.stdout
    assert result.exit_code in (0, 1)


def test_catastrophic_user_pattern_is_refused_at_config_load(run, workdir, write_post):
    (workdir / ".jalint.toml").write_text(
        '[rules.generation-leftover]\nextra-patterns = ["(a+)+$"]\n', encoding="utf-8"
    )
    write_post(workdir, "post.md", "a" * 50_000 + "!\n")
    result = run("check", "--no-cache", "post.md")
    assert result.exit_code == 2
    assert "repeats a group that itself repeats" in result.stderr
    assert "Traceback" not in result.output


def test_ordinary_user_patterns_still_load(run, workdir, write_post):
    (workdir / ".jalint.toml").write_text(
        '[rules.generation-leftover]\nextra-patterns = ["(?:下書き|DRAFT)[0-9]+", "([0-9]+,)?[0-9]+件"]\n',
        encoding="utf-8",
    )
    write_post(workdir, "post.md", "この記事は下書き12です。\n")
    result = run("check", "--no-cache", "--format", "concise", "--select", "generation-leftover", "post.md")
    assert result.exit_code == 1, result.output
    assert "generation-leftover" in result.stdout
