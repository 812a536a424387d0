"""JSON output, schema version 1 (documented in README.md).

Columns are 1-based code points and `end_column` is exclusive; findings are
sorted by path, line, column and rule. Each finding stands on one line.
"""

from __future__ import annotations

import io
from json.encoder import encode_basestring as _string  # the C encoder's own string escaping
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
        "findings": _FINDINGS,
        "summary": summary(results, diagnostics),
    }
    # One finding a line, written as text directly (see `finding_line`): building a dict per finding
    # for the encoder cost as much as the rest of a warm run's report.
    buffer = io.StringIO()
    write_json(document, buffer, expand_depth=2)
    head, tail = buffer.getvalue().split(_MARKER)
    stream.write(head + "[")
    strings: dict[str, str] = {}
    separator = "\n    "
    for d in diagnostics:
        stream.write(separator + finding_line(d, strings))
        separator = ",\n    "
    stream.write(("\n  " if diagnostics else "") + "]" + tail)


_FINDINGS = ["<findings>"]  # a marker the document is split at
_MARKER = '[\n    "<findings>"\n  ]'


def finding_line(d: Diagnostic, strings: dict[str, str]) -> str:
    """`finding_dict(d)` as the C encoder writes it (keys in order, `", "` and `": "`), built as text.

    `strings` keeps the encoded paths, rules, categories and severities, which repeat.
    tests/test_golden.py checks the line against the encoder's for every finding of the golden posts.
    """
    loc = d.location
    parts = ['{"path": ', _known(d.path, strings), ', "rule": ', _known(d.rule, strings), ', "category": ',
             _known(d.category, strings), ', "severity": ', _known(d.severity, strings), ', "message": ',
             _string(d.message), f', "line": {loc.line}, "column": {loc.column}, "end_line": {loc.end_line}, '
             f'"end_column": {loc.end_column}, "related": [']
    if d.related:
        parts.append(", ".join(
            f'{{"path": {_known(r.path, strings)}, "line": {r.location.line}, "column": {r.location.column}, '
            f'"message": {_string(r.message)}}}'
            for r in d.related
        ))
    if d.fix is None:
        parts.append('], "fix": null}')
    else:
        parts += ['], "fix": {"applicability": ', _string(d.fix.applicability), ', "edits": [', ", ".join(
            f'{{"line": {e.location.line}, "column": {e.location.column}, "end_line": {e.location.end_line}, '
            f'"end_column": {e.location.end_column}, "replacement": {_string(e.replacement)}}}'
            for e in d.fix.edits
        ), "]}}"]
    return "".join(parts)


def _known(text: str, strings: dict[str, str]) -> str:
    encoded = strings.get(text)
    if encoded is None:
        encoded = strings[text] = _string(text)
    return encoded
