"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

Regions use UTF-16 columns, which is SARIF's default `columnKind` and what
GitHub expects; the run states it explicitly. The driver describes the rules
that have results in this run (code scanning reads a result's rule from there),
so a report imports only those rules' modules, not all of them.
"""

from __future__ import annotations

import io
from json.encoder import encode_basestring
from typing import Any, TextIO

from jalint.diagnostic import Diagnostic, FileResult, Location
from jalint.registry import rule_class, rule_index
from jalint.reporters import ReportContext, diagnostics_of
from jalint.reporters.json_writer import write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_string = encode_basestring  # the C encoder's own string escaping: one call less per string


def _region(loc: Location) -> dict[str, int]:
    return {
        "startLine": loc.line,
        "startColumn": loc.column_utf16,
        "endLine": loc.end_line,
        "endColumn": loc.end_column_utf16,
    }


def _rule_descriptor(rule) -> dict[str, Any]:  # noqa: ANN001
    return {
        "id": rule.name,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.doc_sections().get("Why it matters", rule.summary())},
        "help": {"text": rule.doc(), "markdown": rule.doc()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "fix": rule.fix_safety},
    }


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    diagnostics = diagnostics_of(results)
    known = rule_index()
    names = sorted({d.rule for d in diagnostics if d.rule in known})
    rules = {name: rule_class(name) for name in names}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "jalint",
                        "version": context.version,
                        "rules": [_rule_descriptor(rules[name]) for name in names],
                    }
                },
                "columnKind": "utf16CodeUnits",
                "results": _RESULTS,
            }
        ],
    }
    # runs > run > results > one result a line. The results are written as text
    # directly (see `_ResultLines`): building a dict per finding for the encoder
    # cost more than the whole warm run's linting.
    head, tail = _encode_around_results(document)
    stream.write(head)
    lines = _ResultLines({name: index for index, name in enumerate(names)})
    separator = "\n        "
    for d in diagnostics:
        stream.write(separator + lines.result(d))
        separator = ",\n        "
    stream.write(("\n      " if diagnostics else "") + tail)


_RESULTS = ["<results>"]  # a marker the document is split at


def _encode_around_results(document: dict[str, Any]) -> tuple[str, str]:
    """The document's text before and after the results' items (its indentation, as `write_json` gives it)."""
    buffer = io.StringIO()
    write_json(document, buffer, expand_depth=4)
    text = buffer.getvalue()
    marker = '[\n        "<results>"\n      ]'
    at = text.index(marker)
    return text[:at] + "[", "]" + text[at + len(marker) :]


class _ResultLines:
    """One SARIF result as the C encoder writes the same dict (keys in order, `", "` and `": "`).

    tests/test_golden.py pins the bytes; `_result_dict` is the same value as a dict, and a test checks
    that encoding it gives the same line for every finding of the golden posts.
    """

    def __init__(self, index_of: dict[str, int]) -> None:
        self.index_of = index_of
        self._uri: dict[str, str] = {}

    def uri(self, path: str) -> str:
        encoded = self._uri.get(path)
        if encoded is None:
            encoded = self._uri[path] = '{"uri": ' + _string(path) + "}"
        return encoded

    def result(self, d: Diagnostic) -> str:
        parts = [
            '{"ruleId": ', _string(d.rule), ', "ruleIndex": ', str(self.index_of.get(d.rule, -1)),
            ', "level": "', LEVELS[d.severity], '", "message": {"text": ', _string(d.message),
            '}, "locations": [{"physicalLocation": {"artifactLocation": ', self.uri(d.path),
            ', "region": ', _region_text(d.location), "}}]",
        ]
        if d.related:
            parts.append(', "relatedLocations": [')
            parts.append(", ".join(
                '{"id": ' + str(index) + ', "message": {"text": ' + _string(r.message)
                + '}, "physicalLocation": {"artifactLocation": ' + self.uri(r.path) + ', "region": '
                + _region_text(r.location) + "}}"
                for index, r in enumerate(d.related)
            ))
            parts.append("]")
        if d.fix is not None:
            parts += [
                ', "fixes": [{"description": {"text": ', _string(f"{d.fix.applicability} fix"),
                '}, "artifactChanges": [{"artifactLocation": ', self.uri(d.path), ', "replacements": [',
                ", ".join(
                    '{"deletedRegion": ' + _region_text(e.location) + ', "insertedContent": {"text": '
                    + _string(e.replacement) + "}}"
                    for e in d.fix.edits
                ),
                "]}]}]",
            ]
        parts.append("}")
        return "".join(parts)


def _region_text(loc: Location) -> str:
    return (f'{{"startLine": {loc.line}, "startColumn": {loc.column_utf16}, '
            f'"endLine": {loc.end_line}, "endColumn": {loc.end_column_utf16}}}')


def _result_dict(d: Diagnostic, index_of: dict[str, int]) -> dict[str, Any]:
    """The same result as a dict (what `_ResultLines.result` must encode to), for the test that pins them together."""
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": index_of.get(d.rule, -1),
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": {"uri": d.path}, "region": _region(d.location)}}
        ],
    }
    if d.related:
        result["relatedLocations"] = [
            {
                "id": index,
                "message": {"text": r.message},
                "physicalLocation": {"artifactLocation": {"uri": r.path}, "region": _region(r.location)},
            }
            for index, r in enumerate(d.related)
        ]
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": f"{d.fix.applicability} fix"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": d.path},
                        "replacements": [
                            {"deletedRegion": _region(e.location), "insertedContent": {"text": e.replacement}}
                            for e in d.fix.edits
                        ],
                    }
                ],
            }
        ]
    return result
