"""`path:line:col: severity rule message`, one finding a line, for editors and grep."""

from __future__ import annotations

import sys
from typing import TextIO

from jalint.diagnostic import FileResult
from jalint.reporters import ReportContext, diagnostics_of, hidden_note, limited


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    shown, hidden = limited(diagnostics_of(results), context.max_per_file)
    for d in shown:
        message = d.message.replace("\n", " ")
        stream.write(f"{d.path}:{d.location.line}:{d.location.column}: {d.severity} {d.rule} {message}\n")
    if hidden:  # on stderr: every line of the output proper stays `path:line:col: …` for tools
        sys.stderr.write(f"jalint: {hidden_note(hidden, context.max_per_file)}\n")
