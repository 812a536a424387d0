"""What a report is made of: the posts with findings, each with its source text, and the run's totals.

Findings are kept as the dicts of `jalint check --format json` (schema version 1),
whichever way the report is built, so both ways render the same page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Finding = dict[str, Any]  # one finding as `jalint.reporters.json_format.finding_dict` writes it


@dataclass
class Post:
    path: str  # as the run reported it
    findings: list[Finding]
    text: str | None = None  # the source as the rules saw it (lone CRs read as line breaks); None: not readable
    title: str | None = None
    month: str | None = None  # "YYYY-MM" of the post's date; None when it has none


@dataclass
class ReportInput:
    posts: list[Post]  # the posts with at least one finding, in the run's order (by path)
    files: int  # posts checked, with or without findings
    jalint: str  # the version that found the findings
    origin: str  # what the report was built from, shown in its header
