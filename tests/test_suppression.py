"""Inline suppression comments: regions, next line, whole file, categories, code,
and the `unused-suppression` findings for directives that suppress nothing.

Every post repeats the paragraph ORIGINAL, so `duplicate-paragraph` (category
structure) has something to report unless a directive suppresses it.
"""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("proof_rules_only")

ORIGINAL = "社内の問い合わせ対応に生成AIを試すなら、まず質問の種類を三つほどに絞るのが近道です。"
OTHER = "回答の正しさは、担当者が週に一度まとめて確かめる運用にしました。"
THIRD = "導入から半年で、よくある質問の七割ほどを自動で答えられるようになりました。"


@pytest.fixture
def lint(run, workdir, write_post):
    """`lint(text, *options)` -> [(rule, line, severity, message)] from the JSON output."""

    def check(text: str, *options: str) -> list[tuple[str, int, str, str]]:
        write_post(workdir, "post.md", text)
        result = run("check", "post.md", "--format", "json", *options)
        assert result.exit_code in (0, 1), result.output
        return [(f["rule"], f["line"], f["severity"], f["message"]) for f in json.loads(result.stdout)["findings"]]

    return check


def places(findings) -> list[tuple[str, int]]:
    return [(rule, line) for rule, line, _, _ in findings]


def test_without_directives_the_copy_is_reported(lint):
    assert places(lint(f"{ORIGINAL}\n\n{OTHER}\n\n{ORIGINAL}\n")) == [("duplicate-paragraph", 5)]


# -- disable ... enable ------------------------------------------------------------


def test_disable_enable_region(lint):
    text = f"""{ORIGINAL}

<!-- jalint-disable duplicate-paragraph -->

{ORIGINAL}

<!-- jalint-enable duplicate-paragraph -->

{ORIGINAL}
"""
    assert places(lint(text)) == [("duplicate-paragraph", 9)]


def test_enable_without_rules_closes_every_region(lint):
    text = f"""{ORIGINAL}
<!-- jalint-disable structure -->
{ORIGINAL}
<!-- jalint-enable -->

{ORIGINAL}
"""
    assert places(lint(text)) == [("duplicate-paragraph", 6)]


def test_disable_without_enable_runs_to_the_end(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable duplicate-paragraph -->\n\n{OTHER}\n\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == []


def test_disable_does_not_reach_back(lint):
    text = f"{ORIGINAL}\n\n{ORIGINAL}\n\n<!-- jalint-disable duplicate-paragraph -->\n\n{ORIGINAL}\n"
    assert places(lint(text)) == [("duplicate-paragraph", 3)]


def test_disable_of_another_rule_does_not_suppress(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable front-matter-syntax -->\n{ORIGINAL}\n<!-- jalint-enable -->\n"
    findings = lint(text)
    assert ("duplicate-paragraph", 4) in places(findings)
    # ... and that directive suppressed nothing, which is reported.
    assert ("unused-suppression", 3) in places(findings)


# -- disable-next-line -----------------------------------------------------------


def test_next_line_directly_above_a_paragraph(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == [("duplicate-paragraph", 6)]


def test_next_line_skips_blank_lines(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n\n{ORIGINAL}\n"
    assert places(lint(text)) == []


def test_next_line_with_no_blank_lines_around(lint):
    text = f"{ORIGINAL}\n\n{OTHER}\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{ORIGINAL}\n"
    assert places(lint(text)) == []


def test_next_line_covers_only_one_line(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{OTHER}\n\n{ORIGINAL}\n"
    findings = places(lint(text))
    assert ("duplicate-paragraph", 6) in findings
    assert ("unused-suppression", 3) in findings


# -- disable-file ------------------------------------------------------------------


def test_disable_file_covers_text_before_and_after(lint):
    text = f"{ORIGINAL}\n\n{ORIGINAL}\n\n<!-- jalint-disable-file duplicate-paragraph -->\n\n{ORIGINAL}\n"
    assert places(lint(text)) == []


def test_disable_file_of_another_rule(lint):
    text = f"<!-- jalint-disable-file front-matter-syntax -->\n\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == [("unused-suppression", 1), ("duplicate-paragraph", 5)]


# -- which rules ---------------------------------------------------------------------

BROKEN_FRONT_MATTER = '---\ntitle: "閉じていない\n---\n\n'


def test_no_rules_means_every_rule(lint):
    text = f"{BROKEN_FRONT_MATTER}<!-- jalint-disable-file -->\n\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == []


def test_rules_separated_by_commas_and_spaces(lint):
    directive = "<!-- jalint-disable-file front-matter-syntax,duplicate-paragraph -->"
    text = f"{BROKEN_FRONT_MATTER}{directive}\n\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == []
    spaced = text.replace("front-matter-syntax,duplicate-paragraph", "front-matter-syntax  duplicate-paragraph")
    assert places(lint(spaced)) == []


@pytest.mark.parametrize(("category", "left"), [("structure", [("front-matter-syntax", 2)]),
                                                 ("front-matter", [("duplicate-paragraph", 9)])])
def test_category_names(lint, category, left):
    text = f"{BROKEN_FRONT_MATTER}<!-- jalint-disable-file {category} -->\n\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text)) == left


def test_directive_needs_no_spaces_inside_the_comment(lint):
    text = f"{ORIGINAL}\n\n<!--jalint-disable-next-line   duplicate-paragraph-->\n{ORIGINAL}\n"
    assert places(lint(text)) == []


# -- where directives are not directives -------------------------------------------------


def test_directive_in_fenced_code_is_ignored(lint):
    text = f"""{ORIGINAL}

```markdown
<!-- jalint-disable-file -->
<!-- jalint-disable-next-line duplicate-paragraph -->
```

{ORIGINAL}
"""
    # Neither suppresses anything nor is reported as an unused suppression.
    assert places(lint(text)) == [("duplicate-paragraph", 8)]


def test_directive_in_indented_code_is_ignored(lint):
    text = f"{ORIGINAL}\n\n    <!-- jalint-disable-file -->\n\n{ORIGINAL}\n"
    assert places(lint(text)) == [("duplicate-paragraph", 5)]


def test_directive_in_inline_code_is_ignored(lint):
    # A post that explains jalint quotes the comment; it must not silence the post.
    text = f"{ORIGINAL}\n\n書き方は `<!-- jalint-disable-file -->` です。\n\n{ORIGINAL}\n"
    assert places(lint(text)) == [("duplicate-paragraph", 5)]


def test_directive_in_front_matter_is_ignored(lint):
    text = f'---\nnote: "<!-- jalint-disable-file -->"\n---\n\n{ORIGINAL}\n\n{ORIGINAL}\n'
    assert places(lint(text)) == [("duplicate-paragraph", 7)]


def test_directive_in_a_crlf_file(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{ORIGINAL}\n\n{ORIGINAL}\n"
    assert places(lint(text.replace("\n", "\r\n"))) == [("duplicate-paragraph", 6)]


# -- unused and unknown ----------------------------------------------------------------


def test_unused_next_line_is_reported_as_info_on_its_line(lint):
    text = f"{ORIGINAL}\n\n{OTHER}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{THIRD}\n"
    ((rule, line, severity, message),) = lint(text, "--fail-level", "info")
    assert (rule, line, severity) == ("unused-suppression", 5, "info")
    assert "duplicate-paragraph" in message


def test_unused_blanket_directive_is_reported(lint):
    ((rule, line, severity, message),) = lint(f"{ORIGINAL}\n\n<!-- jalint-disable -->\n{OTHER}\n")
    assert (rule, line, severity) == ("unused-suppression", 3, "info")
    assert "抑制" in message


def test_partly_used_directive_reports_the_unused_name(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph front-matter-syntax -->\n{ORIGINAL}\n"
    ((rule, line, _, message),) = lint(text)
    assert (rule, line) == ("unused-suppression", 3)
    assert "front-matter-syntax" in message
    assert "duplicate-paragraph" not in message


def test_unused_category_is_reported(lint):
    ((rule, line, _, message),) = lint(f"<!-- jalint-disable-file structure -->\n\n{ORIGINAL}\n")
    assert (rule, line) == ("unused-suppression", 1)
    assert "structure" in message


def test_unknown_rule_in_a_directive_is_reported(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragrap -->\n{ORIGINAL}\n"
    findings = lint(text)
    assert places(findings) == [("unused-suppression", 3), ("duplicate-paragraph", 4)]
    assert "duplicate-paragrap" in findings[0][3]


def test_unknown_rule_next_to_a_known_one(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line nope, duplicate-paragraph -->\n{ORIGINAL}\n"
    ((rule, line, _, message),) = lint(text)
    assert (rule, line) == ("unused-suppression", 3)
    assert "「nope」" in message


def test_directive_for_an_inactive_rule_is_not_reported(lint):
    text = f"{ORIGINAL}\n\n<!-- jalint-disable-next-line duplicate-paragraph -->\n{OTHER}\n"
    assert places(lint(text, "--ignore", "duplicate-paragraph")) == []


def test_unused_suppression_can_be_ignored(lint):
    text = f"<!-- jalint-disable-next-line duplicate-paragraph -->\n{OTHER}\n"
    assert places(lint(text, "--ignore", "unused-suppression")) == []


def test_unused_suppression_can_be_suppressed(lint):
    text = (
        "<!-- jalint-disable-file unused-suppression -->\n\n"
        f"<!-- jalint-disable-next-line duplicate-paragraph -->\n{OTHER}\n"
    )
    # The file-wide directive is used (it silenced the report on line 3), so neither is reported.
    assert places(lint(text)) == []


def test_used_directives_are_not_reported(lint):
    text = f"""{ORIGINAL}

<!-- jalint-disable-next-line duplicate-paragraph -->
{ORIGINAL}

<!-- jalint-disable structure -->
{ORIGINAL}
<!-- jalint-enable -->
"""
    assert places(lint(text, "--fail-level", "info")) == []
