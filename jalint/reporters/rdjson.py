"""reviewdog's Diagnostic Format (rdjson), for `reviewdog -f=rdjson`.

rdjson counts columns in UTF-8 bytes (1-based), so every position is converted
from jalint's code-point columns with the line's own text: the files are read
again, one at a time (the findings are sorted by path), since findings keep only
a clip of their line. A fix becomes reviewdog suggestions (one per edit), which
reviewdog posts as suggested changes on the pull request. Related places (the
first copy of a duplicate) are `related_locations`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from jalint.diagnostic import Diagnostic, FileResult, Location
from jalint.positions import byte_column
from jalint.reporters import ReportContext, diagnostics_of

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_encode = json.JSONEncoder(ensure_ascii=False).encode


class _Lines:
    """The lines of one file at a time, for byte columns (an unreadable file gives empty lines: byte = code point)."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.lines: list[str] = []

    def of(self, path: str) -> list[str]:
        if path != self.path:
            self.path = path
            try:
                self.lines = Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
            except (OSError, UnicodeDecodeError):
                self.lines = []
        return self.lines


def _position(lines: list[str], line: int, column: int) -> dict[str, int]:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return {"line": line, "column": byte_column(text, column) if text else column}


def _range(lines: list[str], loc: Location) -> dict[str, Any]:
    return {"start": _position(lines, loc.line, loc.column), "end": _position(lines, loc.end_line, loc.end_column)}


def _diagnostic(d: Diagnostic, files: _Lines) -> dict[str, Any]:
    lines = files.of(d.path)
    found: dict[str, Any] = {
        "message": d.message,
        "location": {"path": d.path, "range": _range(lines, d.location)},
        "severity": SEVERITY[d.severity],
        "source": {"name": "jalint"},
        "code": {"value": d.rule},
    }
    if d.fix is not None:
        found["suggestions"] = [{"range": _range(lines, e.location), "text": e.replacement} for e in d.fix.edits]
    if d.related:
        related = []
        for r in d.related:
            other = lines if r.path == d.path else files.of(r.path)
            related.append({"message": r.message, "location": {"path": r.path, "range": _range(other, r.location)}})
            files.of(d.path)  # back to this finding's file for the next one
        found["related_locations"] = related
    return found


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    files = _Lines()
    stream.write('{"source": {"name": "jalint"}, "diagnostics": [')
    separator = "\n  "
    for d in diagnostics_of(results):
        stream.write(separator + _encode(_diagnostic(d, files)))
        separator = ",\n  "
    stream.write("\n]}\n")
