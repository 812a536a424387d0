"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

Regions use UTF-16 columns, which is SARIF's default `columnKind` and what
GitHub expects; the run states it explicitly. The driver describes the rules
that have results in this run (code scanning reads a result's rule from there),
so a report imports only those rules' modules, not all of them.
"""

from __future__ import annotations

from typing import Any, TextIO

from jalint.diagnostic import FileResult, Location
from jalint.registry import rule_class, rule_index
from jalint.reporters import ReportContext, diagnostics_of
from jalint.reporters.json_writer import write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


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
    index_of = {name: index for index, name in enumerate(names)}
    sarif_results = []
    for d in diagnostics:
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
        sarif_results.append(result)
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
                "results": sarif_results,
            }
        ],
    }
    # runs > run > results > one result a line (the C encoder writes each one).
    write_json(document, stream, expand_depth=4)
