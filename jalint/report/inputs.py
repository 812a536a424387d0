"""The two ways into a report: a run of the checks, or the JSON a run saved (`--from`).

Both end in the same `ReportInput` built from the JSON schema's finding dicts.
A saved file is validated field by field before anything is rendered: a
truncated or foreign file must give one clear line, not a traceback or a page
that silently shows less than the run found.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jalint.names import SEVERITIES
from jalint.report.model import Finding, ReportInput
from jalint.report.sources import posts_of

if TYPE_CHECKING:
    from jalint.session import Collected

SCHEMA_VERSION = 1  # of `jalint check --format json` (jalint.reporters.json_format)


class ReportInputError(Exception):
    """The saved findings cannot be read or are not `jalint check --format json` output."""


def from_run(collected: Collected, version: str, origin: str) -> ReportInput:
    """The findings of a run (after any baseline), as the JSON format would write them."""
    from jalint.reporters import diagnostics_of
    from jalint.reporters.json_format import finding_dict

    findings = [finding_dict(d) for d in diagnostics_of(collected.results)]
    files = {t.display: t.path for t in collected.found.targets}
    return ReportInput(posts_of(findings, files.get), len(collected.results), version, origin)


def from_saved(name: str, read_stdin: Callable[[], bytes]) -> ReportInput:
    """The findings saved by `jalint check --format json`; sources are read from the paths in it.

    A relative path is looked up from the current folder, then from the saved
    file's folder (where the run usually started); a post found in neither is
    shown without its source.
    """
    try:
        data = read_stdin() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise ReportInputError(f"cannot read {name}: {error.strerror or error}") from error
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise ReportInputError(f"{name}: not valid JSON ({error})") from error
    findings = _validated(document, name)
    summary = document.get("summary")
    files = summary.get("files") if isinstance(summary, dict) else None
    distinct = len({f["path"] for f in findings})
    files = files if _is_count(files) and files >= distinct else distinct
    version = document.get("jalint") if isinstance(document.get("jalint"), str) else "?"
    base = Path(name).resolve().parent if name != "-" else Path.cwd()
    return ReportInput(posts_of(findings, _locator(base)), files, version, f"--from {name}")


def _locator(base: Path) -> Callable[[str], Path | None]:
    def locate(path: str) -> Path | None:
        direct = Path(path)
        if direct.is_file() or direct.is_absolute():
            return direct
        beside = base / path
        return beside if beside.is_file() else direct

    return locate


def _validated(document: Any, name: str) -> list[Finding]:
    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise ReportInputError(f"{name}: not the output of `jalint check --format json` (no \"findings\" list)")
    if document.get("version") != SCHEMA_VERSION:
        raise ReportInputError(f"{name}: JSON schema version {document.get('version')!r}; this jalint reads "
                               f"version {SCHEMA_VERSION}")
    findings = document["findings"]
    for number, finding in enumerate(findings, 1):
        problem = _finding_problem(finding)
        if problem:
            raise ReportInputError(f"{name}: finding {number}: {problem}")
    return findings


_TEXT_FIELDS = ("path", "rule", "category", "message")
_POSITION_FIELDS = ("line", "column", "end_line", "end_column")


def _finding_problem(finding: Any) -> str | None:
    if not isinstance(finding, dict):
        return "not an object"
    for key in _TEXT_FIELDS:
        if not isinstance(finding.get(key), str):
            return f"{key!r} must be a string"
    if finding.get("severity") not in SEVERITIES:
        return f"'severity' must be one of {', '.join(SEVERITIES)}"
    problem = _positions_problem(finding, _POSITION_FIELDS)
    if problem:
        return problem
    related = finding.get("related", [])
    if not isinstance(related, list):
        return "'related' must be a list"
    for place in related:
        if not isinstance(place, dict) or not isinstance(place.get("path"), str) or not isinstance(
                place.get("message"), str):
            return "each related place needs a 'path' and a 'message'"
        problem = _positions_problem(place, ("line", "column"))
        if problem:
            return f"related place: {problem}"
    return _fix_problem(finding.get("fix"))


def _fix_problem(fix: Any) -> str | None:
    if fix is None:
        return None
    if not isinstance(fix, dict) or not isinstance(fix.get("applicability"), str) or not isinstance(
            fix.get("edits"), list):
        return "'fix' must be null or have an 'applicability' and 'edits'"
    for edit in fix["edits"]:
        if not isinstance(edit, dict) or not isinstance(edit.get("replacement"), str):
            return "each fix edit needs a 'replacement'"
        problem = _positions_problem(edit, _POSITION_FIELDS)
        if problem:
            return f"fix edit: {problem}"
    return None


def _positions_problem(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if not _is_count(item.get(key)) or item[key] < 1:
            return f"{key!r} must be a positive integer"
    return None


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
