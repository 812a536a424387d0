"""A stamped finding: rule identity, severity and every position form reporters need.

Diagnostics are plain values (no reference to the document), so results can be
cached, sent between processes and reported long after the text is gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jalint.positions import LineIndex, Span, utf16_column
from jalint.rule import Fix

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class RelatedPlace:
    path: str
    location: Location
    message: str


@dataclass(frozen=True)
class FixEdit:
    span: Span
    location: Location
    replacement: str


@dataclass(frozen=True)
class FixInfo:
    applicability: str
    edits: tuple[FixEdit, ...]


@dataclass(frozen=True)
class Diagnostic:
    path: str
    rule: str
    category: str
    severity: str
    message: str
    span: Span
    location: Location
    source_line: str = ""  # the text of the first line, for carets
    related: tuple[RelatedPlace, ...] = ()
    fix: FixInfo | None = None

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


def fix_info(lines: LineIndex, fix: Fix | None) -> FixInfo | None:
    if fix is None:
        return None
    edits = tuple(FixEdit(e.span, Location.of(lines, e.span), e.replacement) for e in fix.edits)
    return FixInfo(fix.applicability, edits)
