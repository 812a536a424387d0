"""`jalint migrate textlint`: presets expanded, options translated, every gap a comment, output accepted by check."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from jalint.config import load_config
from jalint.migrate import migrate, read_textlintrc

# Shaped like a content team's config: two Japanese presets that disagree, the AI-writing preset with a rule
# that does not exist in it, and a standalone rule.
TEAM = {
    "filters": {},
    "rules": {
        "textlint-rule-preset-japanese": {"sentence-length": {"max": 90}, "max-ten": {"max": 3}},
        "textlint-rule-preset-ja-technical-writing": {"sentence-length": {"max": 100}},
        "@textlint-ja/textlint-rule-preset-ai-writing": {"made-up-rule": {"severity": "error", "level": 2}},
    },
}


def _migrated(config: dict) -> tuple[dict, str]:
    result = migrate(config, ".textlintrc.json")
    return tomllib.loads(result.toml), result.toml


def test_presets_expand_and_the_stricter_limit_wins():
    data, text = _migrated(TEAM)
    assert "long-sentence" in data["extend-select"]
    assert data["rules"]["long-sentence"]["max"] == 90
    assert "sentence-length.max was set differently" in text
    assert "# replaces sentence-length" in text


def test_a_rule_missing_from_its_preset_is_called_out():
    _, text = _migrated(TEAM)
    assert "'made-up-rule' is not a rule of @textlint-ja/textlint-rule-preset-ai-writing 1.7.0" in text
    assert "silently ignores it today" in text


def test_standalone_rule_and_its_options():
    data, _ = _migrated({"rules": {"textlint-rule-sentence-length": {"max": 80, "skipPatterns": ["/（.*?）/"]}}})
    assert data["extend-select"] == ["long-sentence"]
    assert data["rules"]["long-sentence"] == {"max": 80, "skip-patterns": ["/（.*?）/"]}


def test_untranslatable_option_becomes_a_comment():
    data, text = _migrated({"rules": {"sentence-length": {"max": 80, "countBy": "codepoints"}}})
    assert data["rules"]["long-sentence"] == {"max": 80}
    assert "# sentence-length option countBy = \"codepoints\" has no equivalent; not migrated" in text


def test_severity_is_carried_over_and_bad_values_are_comments():
    data, _ = _migrated({"rules": {"sentence-length": {"severity": "info"}}})
    assert data["rules"]["long-sentence"]["severity"] == "info"
    data, text = _migrated({"rules": {"sentence-length": {"max": "long"}}})
    assert "max" not in data["rules"]["long-sentence"]
    assert "sentence-length option max" in text


def test_rules_switched_off_are_not_enabled():
    data, _ = _migrated({"rules": {"preset-japanese": {"sentence-length": False}, "sentence-length": False}})
    assert "long-sentence" not in data.get("extend-select", [])
    assert "long-sentence" not in data.get("rules", {})


def test_unknown_preset_and_rule_without_home():
    _, text = _migrated({"rules": {"textlint-rule-preset-smarthr": True, "textlint-rule-no-todo": True}})
    assert "preset 'textlint-rule-preset-smarthr' is not one jalint knows" in text
    assert "textlint rule 'no-todo' (the config) has no jalint equivalent yet" in text


def test_technical_writing_number_rule_is_migrated():
    data, text = _migrated({"rules": {"preset-ja-technical-writing": {"sentence-length": False}}})
    assert "arabic-kanji-numbers" in data["extend-select"]
    assert "# replaces arabic-kanji-numbers" in text
    assert "'arabic-kanji-numbers'" not in text  # no "has no jalint equivalent" note
    data, _ = _migrated({"rules": {"preset-ja-technical-writing": {"arabic-kanji-numbers": False}}})
    assert "arabic-kanji-numbers" not in data.get("extend-select", [])


def test_comment_filter_is_explained():
    _, text = _migrated({"filters": {"comments": True}, "rules": {"sentence-length": True}})
    assert "jalint-disable" in text


def test_json_with_comments_and_yaml(tmp_path: Path):
    commented = tmp_path / ".textlintrc"
    commented.write_text('{\n  // the limit\n  "rules": {"sentence-length": {"max": 70 /* short */}}\n}\n',
                         encoding="utf-8")
    assert read_textlintrc(commented) == {"rules": {"sentence-length": {"max": 70}}}
    yaml_file = tmp_path / ".textlintrc.yml"
    yaml_file.write_text("rules:\n  sentence-length:\n    max: 60\n", encoding="utf-8")
    assert read_textlintrc(yaml_file) == {"rules": {"sentence-length": {"max": 60}}}


def test_cli_writes_a_config_that_check_accepts(run, workdir, write_post):
    (workdir / ".textlintrc.json").write_text(json.dumps(TEAM, ensure_ascii=False), encoding="utf-8")
    result = run("migrate", "textlint")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    config = load_config(workdir / ".jalint.toml", workdir)
    assert config.base.extend_select
    sentence = "この文は" + "とても" * 40 + "長いので分けたほうが読みやすくなります。"
    write_post(workdir, "post.md", sentence + "\n")
    check = run("check", "--no-cache", "--format", "concise", "post.md")
    assert "long-sentence" in check.stdout
    again = run("migrate", "textlint")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("migrate", "textlint", "--force").exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "invalid JSON"), ("[1, 2]", "must be a mapping")],
)
def test_cli_bad_textlint_config_is_exit_2(run, workdir, content, message):
    (workdir / ".textlintrc.json").write_text(content, encoding="utf-8")
    result = run("migrate", "textlint", ".textlintrc.json", "--stdout")
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_cli_without_a_textlint_config(run, workdir):
    result = run("migrate", "textlint")
    assert result.exit_code == 2 and "no .textlintrc" in result.stderr


def test_a_rule_named_on_its_own_keeps_the_upstream_rules_defaults():
    """Bare max-kanji-continuous-len allows 5 kanji (the preset raises it to 6); bare max-comma allows 4."""
    data, _ = _migrated({"rules": {"max-kanji-continuous-len": True, "max-comma": True, "no-invalid-control-character":
                                   {"allow": ["\v"]}}})
    assert data["rules"]["long-kanji-run"]["max"] == 5
    assert data["rules"]["too-many-commas"]["max"] == 4
    assert data["rules"]["mojibake"]["allowed-characters"] == ["\v"]
    data, _ = _migrated({"rules": {"max-kanji-continuous-len": {"max": 8}}})
    assert data["rules"]["long-kanji-run"]["max"] == 8  # the user's own value wins
    data, _ = _migrated({"rules": {"preset-ja-technical-writing": True}})
    assert data["rules"]["long-kanji-run"]["max"] == 6  # through the preset: the preset's value


def test_redundant_expression_dict_options_become_disable_and_allows():
    data, _ = _migrated({"rules": {"ja-no-redundant-expression": {
        "dictOptions": {"dict1": {"disabled": True}, "dict5": {"allows": ["/^テストを行う/"]}}}}})
    assert data["rules"]["redundant-expression"]["disable"] == ["dict1"]
    assert data["rules"]["redundant-expression"]["allows"] == ["/^テストを行う/"]


def test_control_character_options_reach_mojibake():
    data, text = _migrated({"rules": {"no-invalid-control-character": {"checkCode": True, "checkImage": False}}})
    assert data["rules"]["mojibake"] == {"check-code": True, "check-image": False}
    assert "no equivalent" not in text
