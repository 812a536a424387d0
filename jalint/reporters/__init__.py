"""Output formats. Each reporter turns file results into text for one consumer.

Reporters are the only place (with the CLI) that writes output, and the only
place that converts code-point columns into what the consumer counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from jalint.diagnostic import Diagnostic, FileResult
from jalint.names import FORMATS  # re-exported


@dataclass(frozen=True)
class ReportContext:
    version: str
    color: bool = False
    show_fixes: bool = True
    fixed_count: int = 0


Reporter = Callable[[list[FileResult], TextIO, ReportContext], None]


def diagnostics_of(results: list[FileResult]) -> list[Diagnostic]:
    return sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)


def reporter(name: str) -> Reporter:
    from jalint.reporters import concise, github, json_format, sarif, text

    return {
        "text": text.report,
        "concise": concise.report,
        "json": json_format.report,
        "github": github.report,
        "sarif": sarif.report,
    }[name]
