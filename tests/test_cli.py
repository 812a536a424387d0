"""The `jalint` command through click's test runner: exit codes, formats, stdin,
selection, configuration, fixes, and the `rules` / `explain` commands.

The proof rule is `duplicate-paragraph` (error, unsafe fix): DUPLICATE_POST has
its copy on line 9, of the paragraph on line 5.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jalint import __version__
from jalint.registry import all_rules

pytestmark = pytest.mark.usefixtures("proof_rules_only")

# A paragraph long enough for duplicate-paragraph (min-chars 20) and its copy.
DUPLICATE_PARAGRAPH = "社内の問い合わせ対応に生成AIを試すなら、まず質問の種類を三つほどに絞るのが近道です。"
OTHER_PARAGRAPH = "回答の正しさは、担当者が週に一度まとめて確かめる運用にしました。"

# A post whose line 9 repeats line 5; line 7 is a different paragraph.
DUPLICATE_POST = f"""---
title: "問い合わせ対応にAIを試す"
---

{DUPLICATE_PARAGRAPH}

{OTHER_PARAGRAPH}

{DUPLICATE_PARAGRAPH}
"""

CLEAN_POST = f"""---
title: "問い合わせ対応にAIを試す"
---

{DUPLICATE_PARAGRAPH}

{OTHER_PARAGRAPH}
"""

# Rule messages are worded by the rules and may change; tests pin the location,
# severity and rule, and only the part of the message that names the first copy.
DUPLICATE_HEAD = "post.md:9:1: error duplicate-paragraph"
FIRST_COPY = "5 行目"


def assert_usage_error(result, *parts: str) -> None:
    """Exit 2 with exactly one `jalint: error:` line on stderr that names every part."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jalint: error: ")
    for part in parts:
        assert part in lines[0]
    assert "Traceback" not in result.output


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def heads(result, stream: str = "stdout") -> list[str]:
    """`path:line:col: severity rule` of each concise line (the message dropped)."""
    return [" ".join(line.split(" ")[:3]) for line in getattr(result, stream).splitlines()]


def assert_duplicate_concise(output: str, path: str = "post.md") -> None:
    (line,) = output.splitlines()
    assert line.startswith(DUPLICATE_HEAD.replace("post.md", path) + " ")
    assert FIRST_COPY in line


# -- exit codes ---------------------------------------------------------------


def test_clean_post_exits_0(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", "post.md", "--format", "concise")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_findings_exit_1(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE_POST)
    result = run("check", "post.md", "--format", "concise")
    assert result.exit_code == 1
    assert_duplicate_concise(result.stdout)


def test_default_path_is_the_current_folder(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE_POST)
    result = run("check", "--format", "concise")
    assert result.exit_code == 1
    assert_duplicate_concise(result.stdout)


def test_unknown_option_is_a_usage_error(run, workdir):
    result = run("check", "--no-such-option")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", "post.md", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_missing_config_file_exits_2(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    assert_usage_error(run("check", "--config", "nope.toml", "post.md"), "config file not found", "nope.toml")


# -- formats --------------------------------------------------------------------


@pytest.fixture
def duplicate(workdir: Path, write_post) -> Path:
    return write_post(workdir, "post.md", DUPLICATE_POST)


def test_text_format(run, duplicate):
    result = run("check", "post.md")
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("post.md\n")
    assert re.search(rf"^  9:1  error  .*{FIRST_COPY}.*  duplicate-paragraph$", out, re.MULTILINE)
    assert f"      9 │ {DUPLICATE_PARAGRAPH[:25]}" in out  # a window of the long line
    assert re.search(r"^        = .*: post\.md:5:1$", out, re.MULTILINE)  # the related place
    assert "--unsafe-fixes で修正できます" in out
    assert "1 件の問題（error 1、warning 0、info 0）が 1 / 1 ファイルで見つかりました。" in out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_text_format_colour_always(run, duplicate):
    result = run("check", "post.md", "--color", "always")
    assert "\x1b[" in result.stdout


def test_concise_format(run, duplicate):
    result = run("check", "post.md", "--format", "concise")
    assert_duplicate_concise(result.stdout)


def test_json_format(run, duplicate):
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["jalint"] == __version__
    assert document["summary"] == {"files": 1, "findings": 1, "errors": 1, "warnings": 0, "infos": 0}
    (finding,) = document["findings"]
    assert finding["path"] == "post.md"
    assert finding["rule"] == "duplicate-paragraph"
    assert finding["category"] == "structure"
    assert finding["severity"] == "error"
    assert (finding["line"], finding["column"]) == (9, 1)
    assert (finding["end_line"], finding["end_column"]) == (9, len(DUPLICATE_PARAGRAPH) + 1)
    assert FIRST_COPY in finding["message"]
    (related,) = finding["related"]
    assert (related["path"], related["line"], related["column"]) == ("post.md", 5, 1)
    assert related["message"]
    assert finding["fix"]["applicability"] == "unsafe"
    (edit,) = finding["fix"]["edits"]
    # Deletes from the end of line 7 to the end of line 9: the blank line and the copy.
    assert (edit["line"], edit["column"]) == (7, len(OTHER_PARAGRAPH) + 1)
    assert (edit["end_line"], edit["end_column"]) == (9, len(DUPLICATE_PARAGRAPH) + 1)
    assert edit["replacement"] == ""


def test_github_format(run, duplicate):
    result = run("check", "post.md", "--format", "github")
    assert result.exit_code == 1
    end = len(DUPLICATE_PARAGRAPH) + 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(
        f"::error file=post.md,line=9,col=1,endLine=9,endColumn={end},title=jalint (duplicate-paragraph)::"
    )
    message = line.split("::", 2)[2]
    assert FIRST_COPY in message
    assert message.endswith(": post.md:5")  # the related place, after an escaped newline
    assert "%0A" in message and "\n" not in message


def test_github_format_escapes_properties(run, workdir, write_post):
    write_post(workdir, "a,b:c%.md", DUPLICATE_POST)
    result = run("check", "a,b:c%.md", "--format", "github")
    assert result.stdout.startswith("::error file=a%2Cb%3Ac%25.md,line=9,")


def test_sarif_format(run, duplicate):
    result = run("check", "post.md", "--format", "sarif")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "jalint"
    assert driver["version"] == __version__
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert rule_ids == ["duplicate-paragraph"]  # the rules with results in this run
    assert driver["rules"][0]["help"]["text"] == all_rules()["duplicate-paragraph"].doc()
    assert sarif_run["columnKind"] == "utf16CodeUnits"
    (sarif_result,) = sarif_run["results"]
    assert sarif_result["ruleId"] == "duplicate-paragraph"
    assert rule_ids[sarif_result["ruleIndex"]] == "duplicate-paragraph"
    assert sarif_result["level"] == "error"
    location = sarif_result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "post.md"
    assert location["region"]["startLine"] == 9
    assert location["region"]["startColumn"] == 1
    assert sarif_result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 5
    replacement = sarif_result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["deletedRegion"]["startLine"] == 7
    assert replacement["insertedContent"]["text"] == ""


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "github", "sarif"])
def test_every_format_on_a_clean_post_exits_0(run, workdir, output_format, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", "post.md", "--format", output_format)
    assert result.exit_code == 0
    if output_format == "json":
        assert json.loads(result.stdout)["findings"] == []
    elif output_format == "sarif":
        assert json.loads(result.stdout)["runs"][0]["results"] == []
    elif output_format == "text":
        assert "問題は見つかりませんでした（1 ファイル）" in result.stdout
    else:
        assert result.stdout == ""


# -- stdin ----------------------------------------------------------------------


def test_stdin_gives_the_same_findings_as_the_file(run, duplicate):
    from_file = findings(run("check", "post.md", "--format", "json"))
    from_stdin = run("check", "-", "--format", "json", input=DUPLICATE_POST.encode())
    assert from_stdin.exit_code == 1
    stdin_findings = findings(from_stdin)
    assert [f["path"] for f in stdin_findings] == ["-"]
    for finding in [*from_file, *stdin_findings]:
        finding.pop("path")
        for related in finding["related"]:
            related.pop("path")
    assert stdin_findings == from_file


def test_stdin_filename_names_the_text(run, duplicate):
    result = run("check", "-", "--stdin-filename", "post.md", "--format", "concise", input=DUPLICATE_POST)
    assert result.exit_code == 1
    assert_duplicate_concise(result.stdout)


def test_stdin_filename_alone_reads_stdin(run, workdir):
    result = run("check", "--stdin-filename", "post.md", "--format", "concise", input=DUPLICATE_POST)
    assert_duplicate_concise(result.stdout)


def test_stdin_filename_finds_the_config_of_that_place(run, workdir, write_post):
    write_post(workdir, "quiet/.jalint.toml", 'ignore = ["duplicate-paragraph"]\n')
    named = run("check", "-", "--stdin-filename", "quiet/post.md", "--format", "concise", input=DUPLICATE_POST)
    unnamed = run("check", "-", "--format", "concise", input=DUPLICATE_POST)
    assert (named.exit_code, named.stdout) == (0, "")
    assert unnamed.exit_code == 1


def test_empty_stdin_is_clean(run, workdir):
    result = run("check", "-", "--format", "concise", input=b"")
    assert (result.exit_code, result.stdout) == (0, "")


# -- selecting rules ------------------------------------------------------------

# A post with one front-matter finding (line 2) and one duplicate (line 9).
TWO_FINDINGS_POST = DUPLICATE_POST.replace('title: "問い合わせ対応にAIを試す"', 'title: "閉じていない')


@pytest.fixture
def two_findings(workdir: Path, write_post) -> Path:
    return write_post(workdir, "post.md", TWO_FINDINGS_POST)


def rules_reported(result) -> list[str]:
    return [f["rule"] for f in findings(result)]


def test_both_findings_by_default(run, two_findings):
    assert rules_reported(run("check", "post.md", "--format", "json")) == ["front-matter-syntax", "duplicate-paragraph"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--select", "duplicate-paragraph"], ["duplicate-paragraph"]),
        (["--select", "structure"], ["duplicate-paragraph"]),
        (["--select", "front-matter"], ["front-matter-syntax"]),
        (["--select", "front-matter,structure"], ["front-matter-syntax", "duplicate-paragraph"]),
        (["--select", "front-matter", "--select", "structure"], ["front-matter-syntax", "duplicate-paragraph"]),
        (["--ignore", "duplicate-paragraph"], ["front-matter-syntax"]),
        (["--ignore", "structure"], ["front-matter-syntax"]),
        (["--ignore", "structure,front-matter"], []),
        (["--select", "structure", "--ignore", "duplicate-paragraph"], []),
    ],
)
def test_select_and_ignore(run, two_findings, options, expected):
    result = run("check", "post.md", "--format", "json", *options)
    assert rules_reported(result) == expected
    assert result.exit_code == (1 if expected else 0)


def test_select_all_includes_rules_off_by_default(run, two_findings):
    reported = rules_reported(run("check", "post.md", "--format", "json", "--select", "ALL"))
    assert {"front-matter-syntax", "duplicate-paragraph"} <= set(reported)


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_is_a_usage_error(run, two_findings, option):
    assert_usage_error(run("check", "post.md", option, "strcture"), option, "'strcture'", "Did you mean 'structure'?")


# -- fail level -------------------------------------------------------------------

UNUSED_SUPPRESSION_POST = f"<!-- jalint-disable-next-line duplicate-paragraph -->\n{OTHER_PARAGRAPH}\n"


def test_info_findings_do_not_fail_by_default(run, workdir, write_post):
    write_post(workdir, "post.md", UNUSED_SUPPRESSION_POST)
    result = run("check", "post.md", "--format", "concise")
    assert result.exit_code == 0
    assert heads(result) == ["post.md:1:1: info unused-suppression"]


def test_fail_level_info(run, workdir, write_post):
    write_post(workdir, "post.md", UNUSED_SUPPRESSION_POST)
    assert run("check", "post.md", "--fail-level", "info").exit_code == 1


def test_fail_level_error_passes_warnings(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE_POST)
    write_post(workdir, ".jalint.toml", '[rules.duplicate-paragraph]\nseverity = "warning"\n')
    assert heads(run("check", "post.md", "--format", "concise")) == ["post.md:9:1: warning duplicate-paragraph"]
    assert run("check", "post.md").exit_code == 1
    assert run("check", "post.md", "--fail-level", "error").exit_code == 0


def test_fail_level_from_config(run, workdir, write_post):
    write_post(workdir, "post.md", UNUSED_SUPPRESSION_POST)
    write_post(workdir, ".jalint.toml", 'fail-level = "info"\n')
    assert run("check", "post.md").exit_code == 1
    assert run("check", "post.md", "--fail-level", "warning").exit_code == 0


def test_bad_fail_level_option(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", "post.md", "--fail-level", "fatal")
    assert result.exit_code == 2
    assert "fatal" in result.stderr


# -- statistics ---------------------------------------------------------------------


def test_statistics(run, two_findings, write_post):
    write_post(two_findings.parent, "other.md", DUPLICATE_POST)
    result = run("check", ".", "--statistics")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "     2  duplicate-paragraph          fixable 2",
        "     1  front-matter-syntax",
    ]


def test_statistics_json(run, two_findings):
    result = run("check", "post.md", "--statistics", "--format", "json")
    assert json.loads(result.stdout) == [
        {"rule": "duplicate-paragraph", "count": 1, "fixable": 1, "fixed": 0},
        {"rule": "front-matter-syntax", "count": 1, "fixable": 0, "fixed": 0},
    ]


def test_statistics_on_a_clean_post(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", "post.md", "--statistics")
    assert (result.exit_code, result.stdout) == (0, "")


# -- max-per-file -------------------------------------------------------------------------


def test_max_per_file_shortens_the_text_report_but_counts_every_finding(run, two_findings, write_post):
    write_post(two_findings.parent, "other.md", DUPLICATE_POST)
    result = run("check", ".", "--max-per-file", "1", "--format", "text", "--color", "never")
    assert result.exit_code == 1  # the exit code still sees every finding
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if "duplicate-paragraph" in line and "error" in line) == 1  # other.md's
    assert "  … ほかに 1 件（--max-per-file で省略）" in lines  # post.md: its second finding is left out
    assert any(line.startswith("3 件の問題") for line in lines)  # the closing count covers what was left out
    assert lines[-1] == "1 ファイルにつき 1 件まで表示し、1 ファイルの 1 件を省略しました（すべて表示するには --max-per-file 0）。"


def test_max_per_file_in_concise_output_keeps_every_line_parseable(run, two_findings):
    result = run("check", "post.md", "--max-per-file", "1", "--format", "concise")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1 and result.stdout.startswith("post.md:")
    assert "1 件を省略しました" in result.stderr


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_max_per_file_is_refused_for_machine_formats(run, two_findings, output_format):
    result = run("check", "post.md", "--max-per-file", "1", "--format", output_format)
    assert result.exit_code == 2
    assert "--max-per-file" in result.stderr and result.stdout == ""


# -- invalid configuration -------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "parts"),
    [
        ("colour = true\n", ["unknown key 'colour'"]),
        ("selct = [\"structure\"]\n", ["unknown key 'selct'", "Did you mean 'select'?"]),
        ("[rules.duplicate-paragrap]\n", ["unknown rule 'duplicate-paragrap'", "Did you mean 'duplicate-paragraph'?"]),
        ("[rules.duplicate-paragraph]\nmin-char = 5\n", ["unknown option 'min-char'", "Did you mean 'min-chars'?"]),
        ("[rules.duplicate-paragraph]\nmin-chars = \"many\"\n", ["min-chars must be a number"]),
        ("[rules.duplicate-paragraph]\nseverity = \"fatal\"\n", ["severity", "'fatal'"]),
        ("[rules.duplicate-paragraph]\nenabled = \"yes\"\n", ["enabled must be true or false"]),
        ("fail-level = \"high\"\n", ["fail-level", "'high'"]),
        ("select = [\"strcture\"]\n", ["unknown rule or category 'strcture'", "Did you mean 'structure'?"]),
        ("[[overrides]]\nignore = [\"structure\"]\n", ["overrides[0]", "files"]),
        ("[[overrides]]\nfiles = [\"*.md\"]\ncolour = 1\n", ["overrides[0]", "unknown key 'colour'"]),
        ("include = 3\n", ["'include' must be a list of strings"]),
        ("select = \n", ["invalid TOML"]),
        ("[rules.generation-leftover]\nextra-patterns = [\"(open\"]\n", ["invalid regular expression", "(open"]),
    ],
)
def test_invalid_config_exits_2(run, workdir, config, parts, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    write_post(workdir, "settings/lint.toml", config)
    assert_usage_error(run("check", "--config", "settings/lint.toml", "post.md"), "lint.toml", *parts)


def test_invalid_discovered_config_exits_2(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    write_post(workdir, ".jalint.toml", "[rules.no-such-rule]\n")
    assert_usage_error(run("check", "post.md"), ".jalint.toml", "unknown rule 'no-such-rule'")


def test_invalid_pyproject_section_exits_2(run, workdir, write_post):
    write_post(workdir, "post.md", CLEAN_POST)
    write_post(workdir, "pyproject.toml", '[tool.jalint]\nfail_level = "info"\n')
    assert_usage_error(run("check", "post.md"), "pyproject.toml", "unknown key 'fail_level'", "'fail-level'")


# -- config discovery ----------------------------------------------------------------------


def test_nearest_config_above_the_file_applies(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", "# defaults\n")
    write_post(workdir, "blog/.jalint.toml", 'ignore = ["duplicate-paragraph"]\n')
    write_post(workdir, "blog/_posts/2025/post.md", DUPLICATE_POST)
    write_post(workdir, "notes/post.md", DUPLICATE_POST)
    result = run("check", ".", "--format", "concise")
    assert_duplicate_concise(result.stdout, "notes/post.md")
    # Explicit files resolve their config the same way.
    assert run("check", "blog/_posts/2025/post.md").exit_code == 0


def test_config_in_pyproject(run, workdir, write_post):
    write_post(workdir, "pyproject.toml", '[project]\nname = "blog"\n\n[tool.jalint]\nignore = ["structure"]\n')
    write_post(workdir, "post.md", DUPLICATE_POST)
    result = run("check", "post.md", "--format", "concise")
    assert (result.exit_code, result.stdout) == (0, "")


def test_pyproject_without_a_jalint_table_is_skipped(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", 'ignore = ["structure"]\n')
    write_post(workdir, "site/pyproject.toml", '[project]\nname = "site"\n')
    write_post(workdir, "site/post.md", DUPLICATE_POST)
    assert run("check", "site/post.md").exit_code == 0


def test_jalint_toml_wins_over_pyproject_in_the_same_folder(run, workdir, write_post):
    write_post(workdir, "pyproject.toml", '[tool.jalint]\nignore = ["structure"]\n')
    write_post(workdir, ".jalint.toml", "select = [\"structure\"]\n")
    write_post(workdir, "post.md", DUPLICATE_POST)
    assert run("check", "post.md").exit_code == 1


def test_explicit_config_replaces_discovery(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", 'ignore = ["structure"]\n')
    write_post(workdir, "strict.toml", "# all defaults\n")
    write_post(workdir, "post.md", DUPLICATE_POST)
    assert run("check", "post.md").exit_code == 0
    assert run("check", "post.md", "--config", "strict.toml").exit_code == 1


def test_config_created_between_runs_is_seen(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE_POST)
    assert run("check", "post.md").exit_code == 1
    write_post(workdir, ".jalint.toml", 'ignore = ["structure"]\n')
    assert run("check", "post.md").exit_code == 0


def test_overrides_apply_to_matching_files(run, workdir, write_post):
    write_post(
        workdir,
        ".jalint.toml",
        '[[overrides]]\nfiles = ["drafts/**"]\nignore = ["duplicate-paragraph"]\n\n'
        '[[overrides]]\nfiles = ["_posts/2024-*.md"]\n[overrides.rules.duplicate-paragraph]\nseverity = "warning"\n',
    )
    write_post(workdir, "drafts/deep/post.md", DUPLICATE_POST)
    write_post(workdir, "_posts/2024-01-01-old.md", DUPLICATE_POST)
    write_post(workdir, "_posts/2025-01-01-new.md", DUPLICATE_POST)
    result = run("check", ".", "--format", "concise")
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "_posts/2024-01-01-old.md:9:1",
        "_posts/2025-01-01-new.md:9:1",
    ]
    assert " warning duplicate-paragraph " in lines[0]
    assert " error duplicate-paragraph " in lines[1]


def test_overrides_apply_to_stdin_filename(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", '[[overrides]]\nfiles = ["drafts/*.md"]\nignore = ["structure"]\n')
    result = run("check", "--stdin-filename", "drafts/post.md", input=DUPLICATE_POST)
    assert result.exit_code == 0


def test_default_include_and_exclude(run, workdir, write_post):
    for name in ("a.md", "b.markdown", "c.txt", "node_modules/pkg/d.md", ".git/e.md", "_site/f.md"):
        write_post(workdir, name, DUPLICATE_POST)
    result = run("check", ".", "--format", "concise")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.md", "b.markdown"]


def test_include_and_exclude_from_config(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", 'include = ["*.md", "*.txt"]\nextend-exclude = ["drafts/", "*.tmp.md"]\n')
    for name in ("a.md", "c.txt", "drafts/d.md", "x.tmp.md", "node_modules/e.md"):
        write_post(workdir, name, DUPLICATE_POST)
    result = run("check", ".", "--format", "concise")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.md", "c.txt"]


def test_exclude_replaces_the_defaults(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", 'exclude = ["drafts/"]\n')
    for name in ("a.md", "drafts/b.md", "vendor/c.md"):
        write_post(workdir, name, DUPLICATE_POST)
    result = run("check", ".", "--format", "concise")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.md", "vendor/c.md"]


def test_excluded_explicit_file_is_skipped(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", 'extend-exclude = ["drafts/"]\n')
    write_post(workdir, "drafts/b.md", DUPLICATE_POST)
    result = run("check", "drafts/b.md")
    assert result.exit_code == 0


def test_excluded_folders_are_not_entered(run, workdir, write_post):
    # A broken config inside node_modules (some package's) must not be read at all.
    write_post(workdir, "node_modules/.jalint.toml", "not toml at all\n")
    write_post(workdir, "node_modules/pkg/README.md", DUPLICATE_POST)
    write_post(workdir, "post.md", CLEAN_POST)
    result = run("check", ".")
    assert result.exit_code == 0, result.stderr


def test_explicit_file_outside_include_is_checked(run, workdir, write_post):
    write_post(workdir, "notes.txt", DUPLICATE_POST)
    assert run("check", "notes.txt").exit_code == 1


def test_same_file_twice_is_checked_once(run, duplicate):
    result = run("check", "post.md", "./post.md", ".", "--format", "concise")
    assert_duplicate_concise(result.stdout)


# -- fixes ---------------------------------------------------------------------------------


def test_fix_applies_only_safe_fixes(run, duplicate):
    before = duplicate.read_bytes()
    result = run("check", "--fix", "post.md", "--format", "concise")
    assert result.exit_code == 1
    assert_duplicate_concise(result.stdout)
    assert duplicate.read_bytes() == before


def test_fix_with_unsafe_fixes_deletes_the_copy(run, duplicate):
    result = run("check", "--fix", "--unsafe-fixes", "post.md")
    assert result.exit_code == 0
    assert duplicate.read_text(encoding="utf-8") == CLEAN_POST
    assert "1 件のファイルを修正しました。" in result.stdout


def test_unsafe_fixes_without_fix_writes_nothing(run, duplicate):
    before = duplicate.read_bytes()
    result = run("check", "--unsafe-fixes", "post.md", "--format", "concise")
    assert result.exit_code == 1
    assert_duplicate_concise(result.stdout)
    assert duplicate.read_bytes() == before


def test_fix_is_idempotent(run, duplicate):
    run("check", "--fix", "--unsafe-fixes", "post.md")
    fixed = duplicate.read_bytes()
    second = run("check", "--fix", "--unsafe-fixes", "post.md", "--format", "concise")
    assert (second.exit_code, second.stdout) == (0, "")
    assert duplicate.read_bytes() == fixed


def test_fix_removes_every_copy(run, workdir, write_post):
    text = f"{DUPLICATE_PARAGRAPH}\n\n{DUPLICATE_PARAGRAPH}\n\n{OTHER_PARAGRAPH}\n\n{DUPLICATE_PARAGRAPH}\n"
    path = write_post(workdir, "post.md", text)
    assert run("check", "--fix", "--unsafe-fixes", "post.md").exit_code == 0
    assert path.read_text(encoding="utf-8") == f"{DUPLICATE_PARAGRAPH}\n\n{OTHER_PARAGRAPH}\n"


def test_fix_keeps_the_file_mode(run, duplicate):
    duplicate.chmod(0o640)
    run("check", "--fix", "--unsafe-fixes", "post.md")
    assert duplicate.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in duplicate.parent.iterdir()] == ["post.md"]  # no temporary file left


def test_fix_writes_through_a_symlink(run, workdir, write_post):
    real = write_post(workdir, "real/post.md", DUPLICATE_POST)
    link = workdir / "link.md"
    link.symlink_to(real)
    assert run("check", "--fix", "--unsafe-fixes", "link.md").exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == CLEAN_POST


def test_diff_prints_a_unified_diff_and_writes_nothing(run, duplicate):
    before = duplicate.read_bytes()
    result = run("check", "--diff", "--unsafe-fixes", "post.md")
    assert result.exit_code == 1
    assert duplicate.read_bytes() == before
    assert result.stdout.startswith("--- a/post.md\n+++ b/post.md\n@@ ")
    removed = [line for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == ["-", f"-{DUPLICATE_PARAGRAPH}"]
    assert not [line for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]


def test_diff_with_fix_still_writes_nothing(run, duplicate):
    before = duplicate.read_bytes()
    result = run("check", "--diff", "--fix", "--unsafe-fixes", "post.md")
    assert result.stdout.startswith("--- a/post.md")
    assert duplicate.read_bytes() == before


def test_diff_without_applicable_fixes_is_empty(run, duplicate):
    result = run("check", "--diff", "post.md")
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_keeps_crlf_and_bom(run, workdir, write_post):
    crlf = "\ufeff" + DUPLICATE_POST.replace("\n", "\r\n")
    path = write_post(workdir, "post.md", crlf)
    assert run("check", "--fix", "--unsafe-fixes", "post.md").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf---\r\n")
    assert data == ("\ufeff" + CLEAN_POST.replace("\n", "\r\n")).encode("utf-8")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_diff_of_a_crlf_file(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE_POST.replace("\n", "\r\n"))
    result = run("check", "--diff", "--unsafe-fixes", "post.md")
    # Result.stdout folds CRLF; the bytes show the diff keeps the file's line endings.
    assert f"-{DUPLICATE_PARAGRAPH}\r\n".encode() in result.stdout_bytes


def test_stdin_fix_prints_the_fixed_text(run, workdir):
    result = run("check", "--fix", "--unsafe-fixes", "-", input=DUPLICATE_POST.encode())
    assert result.exit_code == 0
    assert result.stdout_bytes == CLEAN_POST.encode()
    assert "修正しました" in result.stderr  # the report moves to stderr


def test_stdin_fix_keeps_bom_and_crlf(run, workdir):
    text = "\ufeff" + DUPLICATE_POST.replace("\n", "\r\n")
    result = run("check", "--fix", "--unsafe-fixes", "-", input=text.encode())
    assert result.stdout_bytes == ("\ufeff" + CLEAN_POST.replace("\n", "\r\n")).encode()


def test_stdin_fix_echoes_the_text_when_nothing_is_fixed(run, workdir):
    # Used as a filter (`jalint check --fix - < a.md > b.md`), it must never print nothing.
    result = run("check", "--fix", "-", "--format", "concise", input=DUPLICATE_POST.encode())
    assert result.exit_code == 1
    assert result.stdout_bytes == DUPLICATE_POST.encode()
    assert heads(result, "stderr") == ["-:9:1: error duplicate-paragraph"]


def test_stdin_fix_echoes_undecodable_input(run, workdir):
    data = "見出し".encode("shift_jis") + b"\n"
    result = run("check", "--fix", "-", "--format", "concise", input=data)
    assert result.exit_code == 1
    assert result.stdout_bytes == data
    assert "encoding" in result.stderr


def test_stdin_diff(run, workdir):
    result = run("check", "--diff", "--unsafe-fixes", "--stdin-filename", "post.md", input=DUPLICATE_POST)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/post.md\n+++ b/post.md\n")


# -- rules, explain, version ----------------------------------------------------------


def test_rules_json(run):
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [item["name"] for item in items] == list(all_rules())
    for item in items:
        assert set(item) == {"name", "category", "severity", "fix", "enabled_by_default", "textlint",
                             "textlint_options", "options", "quiet_in_repeated_text", "summary"}
        assert item["summary"]
        # every textlint option maps onto options the rule has
        names = {option["name"] for option in item["options"]}
        assert {target for targets in item["textlint_options"].values() for target in targets} <= names
    duplicate = next(item for item in items if item["name"] == "duplicate-paragraph")
    assert duplicate["textlint"] == [] and duplicate["textlint_options"] == {}
    assert {k: v for k, v in duplicate.items() if k not in ("options", "textlint_options")} == {
        "name": "duplicate-paragraph",
        "category": "structure",
        "severity": "error",
        "fix": "unsafe",
        "enabled_by_default": True,
        "textlint": [],
        "quiet_in_repeated_text": False,
        "summary": all_rules()["duplicate-paragraph"].summary(),
    }
    redundant = next(item for item in items if item["name"] == "redundant-expression")
    assert redundant["quiet_in_repeated_text"] is True
    assert redundant["textlint_options"] == {"dictOptions": ["disable", "allows"]}
    long_sentence = next(item for item in items if item["name"] == "long-sentence")
    assert long_sentence["textlint_options"] == {
        "max": ["max"], "skipPatterns": ["skip-patterns"], "skipUrlStringLink": ["skip-url-string-link"],
    }
    assert long_sentence["options"][0] == {"name": "max", "default": 100, "help": "Longest sentence allowed, in characters."}


def test_explain_names_the_textlint_options_it_supports(run):
    result = run("explain", "too-many-touten")
    assert "replaces textlint: max-ten\ntextlint options supported: max → max, strict → strict, touten → touten, kuten → kuten\n" in result.stdout
    assert "textlint options supported: none" in run("explain", "ra-nuki").stdout
    assert "textlint options supported" not in run("explain", "duplicate-paragraph").stdout


def test_rules_markdown(run):
    result = run("rules", "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "| rule | category | severity | fix | what it finds |"
    assert lines[1] == "|---|---|---|---|---|"
    assert len(lines) == 2 + len(all_rules())
    assert any(line.startswith("| `duplicate-paragraph` | structure | error | unsafe | ") for line in lines)


def test_rules_table(run):
    result = run("rules")
    assert result.exit_code == 0
    for name in all_rules():
        assert name in result.stdout
    assert re.search(r"duplicate-paragraph\s*│\s*structure\s*│\s*error\s*│\s*unsafe", result.stdout)


def test_rules_bad_format(run):
    assert run("rules", "--format", "yaml").exit_code == 2


def test_explain_prints_the_doc(run):
    result = run("explain", "duplicate-paragraph")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("# duplicate-paragraph\n")
    assert "category: structure · default severity: error · fix: unsafe" in out
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## What it finds",
        "## Why it matters",
        "## Example",
        "## Use instead",
        "## Options",
        "## Fix safety",
    ]
    assert "min-chars" in out


def test_explain_unknown_rule_with_a_close_name(run):
    assert_usage_error(
        run("explain", "duplicate-paragrap"), "unknown rule 'duplicate-paragrap'", "Did you mean 'duplicate-paragraph'?"
    )


def test_explain_unknown_rule_suggests_the_rule_list(run):
    assert_usage_error(run("explain", "nope"), "unknown rule 'nope'", "jalint rules")


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"jalint {__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", __version__)


def test_help(run):
    result = run("--help")
    assert result.exit_code == 0
    for command in ("check", "rules", "explain"):
        assert command in result.stdout


def test_rdjson_columns_are_utf8_bytes_and_fixes_are_suggestions(run, workdir, write_post):
    line = "😀 調べてみると、すでに75%以上の企業が生成AIを試しています。"
    write_post(workdir, "post.md", f"{line}\n\n{line}\n")
    result = run("check", "post.md", "--format", "rdjson", "--select", "unsupported-statistic,duplicate-paragraph")
    document = json.loads(result.stdout)
    assert document["source"] == {"name": "jalint"}
    by_rule = {d["code"]["value"]: d for d in document["diagnostics"]}
    figure = by_rule["unsupported-statistic"]["location"]["range"]["start"]
    code_points = line.index("75%") + 1
    assert figure == {"line": 1, "column": len(line[: code_points - 1].encode("utf-8")) + 1}
    assert figure["column"] == 4 + 1 + 3 * 10 + 1  # emoji (4 bytes), space, 10 Japanese characters (3 bytes each)
    copy = by_rule["duplicate-paragraph"]
    assert copy["severity"] == "ERROR" and copy["related_locations"][0]["location"]["range"]["start"]["line"] == 1
    assert copy["suggestions"] and copy["suggestions"][0]["text"] == ""
