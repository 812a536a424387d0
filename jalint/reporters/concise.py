"""`path:line:col: severity rule message`, one finding a line, for editors and grep."""

from __future__ import annotations

from typing import TextIO

from jalint.diagnostic import FileResult
from jalint.reporters import ReportContext, diagnostics_of


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    for d in diagnostics_of(results):
        message = d.message.replace("\n", " ")
        stream.write(f"{d.path}:{d.location.line}:{d.location.column}: {d.severity} {d.rule} {message}\n")
