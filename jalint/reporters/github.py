"""GitHub Actions workflow commands, shown as annotations on the pull request.

GitHub counts columns in UTF-16 code units, and its command syntax needs `%`,
CR and LF escaped in the message and additionally `:` and `,` in properties.
"""

from __future__ import annotations

from typing import TextIO

from jalint.diagnostic import FileResult
from jalint.reporters import ReportContext, diagnostics_of

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    for d in diagnostics_of(results):
        loc = d.location
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", d.path),
                ("line", loc.line),
                ("col", loc.column_utf16),
                ("endLine", loc.end_line),
                ("endColumn", loc.end_column_utf16),
                ("title", f"jalint ({d.rule})"),
            )
        )
        message = d.message
        for related in d.related:
            message += f"\n{related.message}: {related.path}:{related.location.line}"
        stream.write(f"::{LEVELS[d.severity]} {properties}::{escape_data(message)}\n")
