"""jalint's findings and fixes as LSP values.

LSP counts lines from 0 and characters in UTF-16 code units; jalint's
locations carry both the code-point and the UTF-16 column (1-based), so an
emoji before a finding moves its range by two units, as the client expects.
"""

from __future__ import annotations

from lsprotocol import types

from jalint.diagnostic import Diagnostic, FixInfo, Location

SOURCE = "jalint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(location: Location) -> types.Range:
    return types.Range(
        start=types.Position(line=location.line - 1, character=location.column_utf16 - 1),
        end=types.Position(line=location.end_line - 1, character=location.end_column_utf16 - 1),
    )


def lsp_diagnostic(d: Diagnostic, uri: str, uri_of: dict[str, str]) -> types.Diagnostic:
    """One finding; related places in other files point at their URIs (`uri_of` maps jalint paths)."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of.get(r.path, uri), range=lsp_range(r.location)), message=r.message
        )
        for r in d.related
    ]
    return types.Diagnostic(
        range=lsp_range(d.location),
        message=d.message,
        severity=SEVERITY[d.severity],
        code=d.rule,
        source=SOURCE,
        related_information=related or None,
        data={"fixable": d.fix is not None},
    )


def text_edits(fix: FixInfo, newline: str) -> list[types.TextEdit]:
    """A fix's edits; inserted line breaks written as the document writes them."""
    return [types.TextEdit(range=lsp_range(e.location), new_text=e.replacement.replace("\n", newline))
            for e in fix.edits]


def whole_document(text: str) -> types.Range:
    """The range of all of `text` (its end after the last character, in UTF-16 units)."""
    lines = text.split("\n")
    last = lines[-1]
    return types.Range(
        start=types.Position(line=0, character=0),
        end=types.Position(line=len(lines) - 1, character=len(last.encode("utf-16-le", "surrogatepass")) // 2),
    )


def overlaps(location: Location, wanted: types.Range) -> bool:
    """Whether a finding's range touches the range the client asks about (both inclusive of their ends)."""
    found = lsp_range(location)
    start = (found.start.line, found.start.character)
    end = (found.end.line, found.end.character)
    return start <= (wanted.end.line, wanted.end.character) and (wanted.start.line, wanted.start.character) <= end
