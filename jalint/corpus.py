"""The corpus phase: rules that need many posts, run on small per-file summaries.

A corpus rule (scope "corpus") has two halves. `summarize(doc)` runs in the
per-file phase, next to the other rules, and returns a small JSON value; it is
cached with the file's findings, so a later run (a pre-commit run on one
changed file) sees the whole corpus without parsing it again. `check_corpus`
runs once after all files, on the summaries only, never on documents held in
memory.

A summary may hold a list under "items", each item with a "span" of the file
text. The engine drops items inside a suppression for that rule, replaces each
span with its location, so corpus findings point at exact places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from jalint.config import ActiveRule
from jalint.diagnostic import Diagnostic, FileResult, Location, RelatedPlace, clip_line, fingerprint
from jalint.positions import LineIndex, Span
from jalint.suppression import Suppressions


class CorpusFinding(NamedTuple):
    """A finding of a corpus rule: an item of one file, related to items of others."""

    path: str
    item: dict[str, Any]  # the summary item (with "loc")
    message: str
    related: tuple[tuple[str, dict[str, Any], str], ...] = ()  # (path, item, message)


def location_list(lines: LineIndex, span: Span) -> list[int]:
    loc = Location.of(lines, span)
    return [loc.line, loc.column, loc.end_line, loc.end_column, loc.column_utf16, loc.end_column_utf16]


def finish_summary(
    summary: Any, rule: str, lines: LineIndex, suppressions: Suppressions
) -> Any:
    """Drop suppressed items and turn item spans into locations (with the line text for carets)."""
    if not isinstance(summary, dict) or "items" not in summary:
        return summary
    items = []
    for item in summary["items"]:
        start, end = item.pop("span")
        if suppressions.suppresses(rule, start):
            continue
        item["loc"] = location_list(lines, Span(start, end))
        item.setdefault("fp", fingerprint(rule, lines.text[start:end]))
        items.append(item)
    return {**summary, "items": items}


LineSource = Callable[[str, int], str]  # (path, 1-based line) -> the line's text, "" when unknown


def to_diagnostic(rule: ActiveRule, finding: CorpusFinding, line_source: LineSource | None = None) -> Diagnostic:
    loc = Location(*finding.item["loc"])
    line = line_source(finding.path, loc.line) if line_source else ""
    source_line, source_start = clip_line(line, loc.column)
    return Diagnostic(
        path=finding.path,
        rule=rule.name,
        category=rule.rule.category,
        severity=rule.severity,
        message=finding.message,
        span=Span(0, 0),
        location=loc,
        source_line=source_line,
        source_start=source_start,
        related=tuple(RelatedPlace(path, Location(*item["loc"]), message) for path, item, message in finding.related),
        fingerprint=finding.item.get("fp", ""),
    )


def run_corpus_rules(
    rules: Iterable[ActiveRule], corpus: list[FileResult], targets: set[str], line_source: LineSource | None = None
) -> Iterator[Diagnostic]:
    """Diagnostics of every corpus rule, reported only on `targets` (the files being checked).

    Summaries carry no text; `line_source` gives the flagged line for carets,
    read again only for the files that get a finding. A rule's findings are
    turned into diagnostics file by file (then put back in the rule's order), so
    the line source needs to hold one file's lines at a time: on a repository
    full of copies, holding every flagged file's text cost more than the
    findings themselves.
    """
    for rule in rules:
        summaries = {r.path: r.summaries[rule.name] for r in corpus if rule.name in r.summaries}
        findings = [f for f in rule.rule.check_corpus(summaries, targets) if f.path in targets]
        order = sorted(range(len(findings)), key=lambda i: findings[i].path)
        diagnostics: list[Diagnostic | None] = [None] * len(findings)
        for index in order:
            diagnostics[index] = to_diagnostic(rule, findings[index], line_source)
        yield from diagnostics  # type: ignore[misc]
