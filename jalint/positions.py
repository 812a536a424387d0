"""Offsets into the original text and their conversion to lines and columns.

Everything inside jalint works with code-point offsets into the decoded file text
(front matter included, BOM excluded). Lines and columns are derived only at the
edge, and each reporter converts columns to the unit its consumer counts.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A half-open range `[start, end)` of code-point offsets into the file text.

    Slotted: a run holds one or more spans per finding of every file, and a
    per-instance `__dict__` would double their memory.
    """

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)


class Position(NamedTuple):
    """A 1-based line and column (code points)."""

    line: int
    column: int


class LineIndex:
    """Maps offsets to 1-based lines and columns for one text.

    A line ends before its `\\n` (and before a `\\r` that precedes it), so CRLF files
    report the same columns as LF files.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        find = text.find
        newline = find("\n")
        while newline != -1:
            self.starts.append(newline + 1)
            newline = find("\n", newline + 1)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> Position:
        line = self.line_of(offset)
        return Position(line, offset - self.starts[line - 1] + 1)

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just after the line's content, before its line ending."""
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        if end > self.starts[line - 1] and self.text[end - 1 : end] == "\r":
            end -= 1
        return end

    def line_end_with_newline(self, line: int) -> int:
        """Offset just after the line's terminator (or end of text)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def lines_span(self, first: int, last: int) -> Span:
        """Span of lines `first..last` (inclusive), without the final line ending."""
        return Span(self.line_start(first), self.line_end(last))


def utf16_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-16 code-unit column."""
    prefix = line_text[: column - 1]
    if prefix.isascii():
        return column
    # The C encoder, not a Python loop: a 70,000-character line with thousands of
    # findings must not cost seconds.
    return 1 + len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def byte_column(line_text: str, column: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column."""
    return 1 + len(line_text[: column - 1].encode("utf-8"))


def display_width(text: str) -> int:
    """Terminal cells: full-width and wide characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("F", "W") else 1
    return width
