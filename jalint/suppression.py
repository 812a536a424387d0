"""Inline suppression comments, read from raw lines outside code and front matter.

    <!-- jalint-disable RULES -->  ...  <!-- jalint-enable RULES -->
    <!-- jalint-disable-next-line RULES -->
    <!-- jalint-disable-file RULES -->

RULES is a space- or comma-separated list of rule names or categories; none
means every rule. Unlike textlint's comment filter, no blank lines are needed
around a comment: a comment placed directly above a paragraph works. A
directive that suppressed nothing is reported by `unused-suppression`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jalint.positions import LineIndex, Span
from jalint.registry import UnknownRuleError, expand

DIRECTIVE = re.compile(
    r"<!--\s*jalint-(?P<kind>disable-next-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)


@dataclass
class Directive:
    kind: str
    span: Span
    line: int
    names: tuple[str, ...]  # as written; empty = all rules
    rules: frozenset[str] | None  # expanded rule names; None = all
    unknown: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)


@dataclass
class Region:
    """Where a directive applies: findings starting in `[start, end)` are suppressed."""

    directive: Directive
    start: int
    end: int

    def covers(self, rule: str, offset: int) -> bool:
        rules = self.directive.rules
        return self.start <= offset < self.end and (rules is None or rule in rules)


def _expand(names: tuple[str, ...]) -> tuple[frozenset[str] | None, tuple[str, ...]]:
    if not names:
        return None, ()
    known: set[str] = set()
    unknown = []
    for name in names:
        try:
            known |= expand([name])
        except UnknownRuleError:
            unknown.append(name)
    return frozenset(known), tuple(unknown)


def parse_directives(text: str, lines: LineIndex, excluded: list[Span]) -> list[Directive]:
    """Directives in document order, skipping those inside `excluded` spans (code, front matter)."""
    if "jalint-" not in text:
        return []
    directives = []
    for match in DIRECTIVE.finditer(text):
        if any(span.start <= match.start() < span.end for span in excluded):
            continue
        names = tuple(n for n in re.split(r"[\s,]+", match.group("rules").strip()) if n)
        rules, unknown = _expand(names)
        span = Span(match.start(), match.end())
        directives.append(Directive(match.group("kind"), span, lines.line_of(match.start()), names, rules, unknown))
    return directives


def build_regions(directives: list[Directive], lines: LineIndex, text_length: int) -> list[Region]:
    regions: list[Region] = []
    open_regions: list[Region] = []
    for directive in directives:
        if directive.kind == "disable-file":
            regions.append(Region(directive, 0, text_length))
        elif directive.kind == "disable-next-line":
            target = _next_content_line(lines, directive.line)
            if target is not None:
                regions.append(Region(directive, lines.line_start(target), lines.line_end_with_newline(target)))
        elif directive.kind == "disable":
            region = Region(directive, directive.span.start, text_length)
            regions.append(region)
            open_regions.append(region)
        else:  # enable
            for region in list(open_regions):
                opened = region.directive.rules
                if directive.rules is None or opened is None or opened <= directive.rules:
                    region.end = directive.span.start
                    open_regions.remove(region)
    return regions


def _next_content_line(lines: LineIndex, line: int) -> int | None:
    """The line a `disable-next-line` comment applies to: the next non-blank line."""
    for candidate in range(line + 1, lines.line_count + 1):
        if lines.line_text(candidate).strip():
            return candidate
    return None


class Suppressions:
    """Answers "is this finding suppressed?" and remembers which directives were used."""

    def __init__(self, text: str, lines: LineIndex, excluded: list[Span]) -> None:
        self.directives = parse_directives(text, lines, excluded)
        self.regions = build_regions(self.directives, lines, len(text)) if self.directives else []

    def suppresses(self, rule: str, offset: int, besides: Directive | None = None) -> bool:
        """Whether a finding of `rule` at `offset` is suppressed (by a directive other than `besides`)."""
        hit = False
        for region in self.regions:
            if region.directive is not besides and region.covers(rule, offset):
                region.directive.used.add(rule)
                hit = True
        return hit

    def unused(self, active: set[str]) -> list[tuple[Directive, str]]:
        """(directive, message) for every directive or named rule that suppressed nothing."""
        problems = []
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            for name in directive.unknown:
                problems.append((directive, f"抑制コメントの「{name}」というルールはありません。ルール名を直してください。"))
            if directive.rules is None:
                if not directive.used:
                    problems.append((directive, "この抑制コメントは何も抑制していません。削除してください。"))
                continue
            for name in directive.names:
                if name in directive.unknown:
                    continue
                covered = expand([name]) & active
                if covered and not (covered & directive.used):
                    problems.append((directive, f"「{name}」の抑制は何も抑制していません。コメントから外してください。"))

        return problems
