"""Applying fixes: choose non-overlapping edits, re-lint, repeat; write atomically.

A fix is applied only when its applicability is allowed (`safe`, plus `unsafe`
with `--unsafe-fixes`). Overlapping fixes are deferred to the next pass, so the
result equals applying them one by one. Writing goes through a temporary file
in the same folder and `os.replace`, so a crash never leaves half a post.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from jalint.diagnostic import Diagnostic

MAX_PASSES = 10


def allowed(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or unsafe)


def apply_once(text: str, diagnostics: list[Diagnostic], unsafe: bool, newline: str) -> tuple[str, int]:
    """Apply every allowed fix that does not overlap an earlier one; return (text, count)."""
    chosen = []
    taken: list[tuple[int, int]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.fix.edits[0].span.start if d.fix and d.fix.edits else 0)):
        if not allowed(diagnostic, unsafe):
            continue
        ranges = [(e.span.start, e.span.end) for e in diagnostic.fix.edits]
        if any(_overlap(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        chosen.extend(diagnostic.fix.edits)
    if not chosen:
        return text, 0
    pieces = []
    cursor = 0
    for edit in sorted(chosen, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[cursor : edit.span.start])
        replacement = edit.replacement
        if newline != "\n":
            replacement = replacement.replace("\r\n", "\n").replace("\n", newline)
        pieces.append(replacement)
        cursor = edit.span.end
    pieces.append(text[cursor:])
    return "".join(pieces), len(chosen)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point or strictly inside
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def fix_until_stable(
    text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool, newline: str
) -> tuple[str, list[Diagnostic]]:
    """Fix, re-lint and repeat until nothing applicable is left; return (text, remaining)."""
    diagnostics = lint(text)
    for _ in range(MAX_PASSES):
        text, applied = apply_once(text, diagnostics, unsafe, newline)
        if not applied:
            break
        diagnostics = lint(text)
    return text, diagnostics


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a temporary file and rename, keeping its permissions.

    A symlinked post is written through the link: renaming onto the link itself
    would turn it into a regular file and leave the real post unfixed.
    """
    path = Path(os.path.realpath(path))
    directory = path.parent
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".jalint-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
