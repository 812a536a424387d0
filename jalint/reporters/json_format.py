"""JSON output, schema version 1 (documented in README.md).

Columns are 1-based code points and `end_column` is exclusive; findings are
sorted by path, line, column and rule. Each finding stands on one line.
"""

from __future__ import annotations

from typing import Any, TextIO

from jalint.diagnostic import Diagnostic, FileResult
from jalint.reporters import ReportContext, diagnostics_of
from jalint.reporters.json_writer import write_json

SCHEMA_VERSION = 1


def finding_dict(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability,
            "edits": [
                {
                    "line": e.location.line,
                    "column": e.location.column,
                    "end_line": e.location.end_line,
                    "end_column": e.location.end_column,
                    "replacement": e.replacement,
                }
                for e in d.fix.edits
            ],
        }
    return {
        "path": d.path,
        "rule": d.rule,
        "category": d.category,
        "severity": d.severity,
        "message": d.message,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "related": [
            {"path": r.path, "line": r.location.line, "column": r.location.column, "message": r.message}
            for r in d.related
        ],
        "fix": fix,
    }


def summary(results: list[FileResult], diagnostics: list[Diagnostic]) -> dict[str, int]:
    return {
        "files": len(results),
        "findings": len(diagnostics),
        "errors": sum(d.severity == "error" for d in diagnostics),
        "warnings": sum(d.severity == "warning" for d in diagnostics),
        "infos": sum(d.severity == "info" for d in diagnostics),
    }


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    diagnostics = diagnostics_of(results)
    document = {
        "version": SCHEMA_VERSION,
        "jalint": context.version,
        "findings": [finding_dict(d) for d in diagnostics],
        "summary": summary(results, diagnostics),
    }
    write_json(document, stream, expand_depth=2)  # one finding a line
