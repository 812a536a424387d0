"""Meta tests: rule identity and docs, the README rule table, and packaging."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from jalint.cli import rules_markdown
from jalint.registry import all_rules
from jalint.rule import CATEGORIES, DOC_SECTIONS, FIX_SAFETIES, SCOPES, SEVERITIES

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()


@pytest.mark.parametrize("name", list(RULES))
def test_rule_identity(name: str) -> None:
    rule = RULES[name]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.category in CATEGORIES
    assert rule.scope in SCOPES
    assert rule.severity in SEVERITIES
    assert rule.fix_safety in FIX_SAFETIES
    # Every rule is in the default preset except the prose rules, which are opt-in
    # (`extend-select = ["style"]`) so the default run stays the generation-defect gate.
    assert rule.enabled_by_default == (rule.category != "style"), "only style rules are opt-in"


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.textlint])
def test_textlint_mapping_names_real_options(name: str) -> None:
    rule = RULES[name]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t) for t in rule.textlint)
    assert set(rule.textlint_options.values()) <= set(rule.option_fields()), rule.textlint_options
    assert rule.doc_sections().get("textlint"), f"{name} doc lacks a textlint section"


def test_every_style_rule_names_the_textlint_rule_it_replaces() -> None:
    missing = [n for n, r in RULES.items() if r.category == "style" and not r.textlint]
    assert missing == []


@pytest.mark.parametrize("name", list(RULES))
def test_rule_doc_has_every_section(name: str) -> None:
    sections = RULES[name].doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert missing == [], f"{name} doc lacks {missing}"
    assert RULES[name].summary()


@pytest.mark.parametrize("name", list(RULES))
def test_rule_options_are_documented(name: str) -> None:
    options_doc = RULES[name].doc_sections()["Options"]
    for option in RULES[name].option_fields():
        assert f"`{option}`" in options_doc, f"{name}: option {option} is not in its doc"


def test_module_names_match_rule_names() -> None:
    for name, rule in RULES.items():
        assert rule.__module__ == "jalint.rules." + name.replace("-", "_")


def test_readme_rule_table_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", readme, re.DOTALL)
    assert match, "README.md lacks the rules-table markers"
    assert match.group(1).strip() == rules_markdown().strip(), "run: python -m tests.update_readme"


def test_rules_folder_is_flat_and_packaged() -> None:
    assert not (ROOT / "jalint" / "rules").exists(), "rules live in rules/, installed as jalint.rules"
    nested = [p for p in (ROOT / "rules").iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert nested == [], "an unlisted subpackage would silently drop out of the wheel"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = set(config["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "jalint").rglob("__init__.py")
    } | {"jalint.rules"}
    assert on_disk <= packages, f"packages missing from pyproject: {on_disk - packages}"
    assert config["package-dir"]["jalint.rules"] == "rules"


def test_wheel_contains_every_rule(tmp_path: Path) -> None:
    """Build the wheel for real: rules must ship as jalint/rules/*.py."""
    import subprocess
    import sys
    import zipfile

    pytest.importorskip("setuptools")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(tmp_path.glob("jalint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in RULES:
        assert f"jalint/rules/{name.replace('-', '_')}.py" in names
    assert "jalint/reporters/text.py" in names
    assert "jalint/rules/rule_index.json" in names  # selection reads it: without it no run starts
