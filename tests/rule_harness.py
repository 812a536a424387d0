"""Run one rule over a Markdown text, the way the engine does, for case files and doc examples."""

from __future__ import annotations

from jalint.config import ActiveRule
from jalint.diagnostic import Diagnostic
from jalint.engine import lint_decoded
from jalint.registry import all_rules
from jalint.rule import make_options
from jalint.source import decode


def lint_with(rule_name: str, text: str, options: dict | None = None, path: str = "post.md") -> list[Diagnostic]:
    rule_class = all_rules()[rule_name]
    active = {rule_name: ActiveRule(rule_class(make_options(rule_class, options or {})), rule_class.severity)}
    result = lint_decoded(path, decode(path, text.encode("utf-8")), active)
    return [d for d in result.diagnostics if d.rule == rule_name]
