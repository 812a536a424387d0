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


def lint_corpus(rule_name: str, posts: dict[str, str], options: dict | None = None) -> list[Diagnostic]:
    """Run a corpus rule over several posts: per-file summaries, then the corpus phase."""
    from jalint.corpus import run_corpus_rules

    rule_class = all_rules()[rule_name]
    active = {rule_name: ActiveRule(rule_class(make_options(rule_class, options or {})), rule_class.severity)}
    results = [lint_decoded(path, decode(path, text.encode("utf-8")), active) for path, text in posts.items()]
    return sorted(run_corpus_rules(active.values(), results, set(posts)), key=lambda d: d.sort_key)


def split_posts(block: str) -> dict[str, str]:
    """Posts of a corpus example: sections introduced by `<!-- file: NAME -->` lines."""
    posts: dict[str, list[str]] = {}
    current = "post.md"
    for line in block.splitlines(keepends=True):
        marker = line.strip()
        if marker.startswith("<!-- file:") and marker.endswith("-->"):
            current = marker[len("<!-- file:") : -3].strip()
            posts[current] = []
        else:
            posts.setdefault(current, []).append(line)
    return {path: "".join(lines) for path, lines in posts.items()}
