"""A stamped finding: rule identity, severity and every position form reporters need.

Diagnostics are plain values (no reference to the document), so results can be
cached, sent between processes and reported long after the text is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jalint.digest import blake2b
from jalint.positions import LineIndex, Span, utf16_column
from jalint.rule import Fix

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True)
class Location:
    """A range in a file, 1-based; `end_column` is exclusive. `*_utf16` count UTF-16 units."""

    line: int
    column: int
    end_line: int
    end_column: int
    column_utf16: int
    end_column_utf16: int

    @classmethod
    def of(cls, lines: LineIndex, span: Span) -> Location:
        start = lines.position(span.start)
        end = lines.position(span.end)
        return cls(
            start.line,
            start.column,
            end.line,
            end.column,
            utf16_column(lines.line_text(start.line), start.column),
            utf16_column(lines.line_text(end.line), end.column),
        )


@dataclass(slots=True)
class RelatedPlace:
    path: str
    location: Location
    message: str


@dataclass(slots=True)
class FixEdit:
    span: Span
    location: Location
    replacement: str


@dataclass(slots=True)
class FixInfo:
    applicability: str
    edits: tuple[FixEdit, ...]


@dataclass(slots=True)
class Diagnostic:
    path: str
    rule: str
    category: str
    severity: str
    message: str
    span: Span
    location: Location
    source_line: str = ""  # the first line around the finding (see `clip_line`), for carets
    source_start: int = 0  # 0-based column in the full line where `source_line` starts
    related: tuple[RelatedPlace, ...] = ()
    fix: FixInfo | None = None
    fingerprint: str = ""  # hash of the flagged text, stable when other lines change (baselines)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.location.line, self.location.column, self.rule, self.message)


@dataclass
class FileResult:
    """Everything a run learned about one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: bool = False
    diff: str = ""
    fixed_bytes: bytes | None = None  # the new content, for stdin (printed, not written)
    summaries: dict[str, Any] = field(default_factory=dict)  # per corpus rule, for the corpus phase
    cache_key: str = ""  # the cache key of the bytes these results come from ("" when caching is off)
    repaired: dict[str, int] = field(default_factory=dict)  # with --fix/--diff: fixes applied, by rule


# The text report shows a window of 60 cells (jalint.reporters.text.WINDOW): at most 21 characters before
# the column and 62 from it, plus one either side to know whether the line goes on ("…"). Keeping a little
# more (zero-width characters take no cell) and no more than that: the clipped lines were the largest
# part of a big run's results in memory (a third of them at 80 + 160 characters).
SOURCE_BEFORE = 32  # characters of context kept before a finding's column
SOURCE_AFTER = 96  # characters kept from the column on


def clip_line(line: str, column: int) -> tuple[str, int]:
    """A window of `line` around 1-based `column`: generated posts put whole articles on one line,
    and thousands of copies of such lines would dominate memory and cache size."""
    start = max(0, column - 1 - SOURCE_BEFORE)
    return line[start : column - 1 + SOURCE_AFTER], start


def fingerprint(rule: str, text: str) -> str:
    """A short hash of a rule and the flagged text with whitespace folded."""
    folded = " ".join(text.split())
    return blake2b(f"{rule}\0{folded}".encode(), digest_size=8).hexdigest()


# -- serialisation (cache entries, worker results) -------------------------------------
def _location_to_list(loc: Location) -> list[int]:
    return [loc.line, loc.column, loc.end_line, loc.end_column, loc.column_utf16, loc.end_column_utf16]


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity,
        "message": d.message,
        "span": [d.span.start, d.span.end],
        "location": _location_to_list(d.location),
        "source_line": d.source_line,
        "source_start": d.source_start,
        "related": [[r.path, _location_to_list(r.location), r.message] for r in d.related],
        "fix": None
        if d.fix is None
        else [
            d.fix.applicability,
            [[e.span.start, e.span.end, _location_to_list(e.location), e.replacement] for e in d.fix.edits],
        ],
        "fingerprint": d.fingerprint,
    }


def diagnostic_from_dict(data: dict[str, Any]) -> Diagnostic:
    fix = data["fix"]
    return Diagnostic(
        path=data["path"],
        rule=data["rule"],
        category=data["category"],
        severity=data["severity"],
        message=data["message"],
        span=Span(*data["span"]),
        location=Location(*data["location"]),
        source_line=data["source_line"],
        source_start=data.get("source_start", 0),
        related=tuple(RelatedPlace(path, Location(*loc), message) for path, loc, message in data["related"]),
        fix=None
        if fix is None
        else FixInfo(fix[0], tuple(FixEdit(Span(a, b), Location(*loc), text) for a, b, loc, text in fix[1])),
        fingerprint=data.get("fingerprint", ""),
    )


def fix_info(lines: LineIndex, fix: Fix | None) -> FixInfo | None:
    if fix is None:
        return None
    edits = tuple(FixEdit(e.span, Location.of(lines, e.span), e.replacement) for e in fix.edits)
    return FixInfo(fix.applicability, edits)
