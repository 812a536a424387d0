"""Applying fixes: choose non-overlapping edits, re-lint, repeat; write atomically.

A fix is applied only when its applicability is allowed (`safe`, plus `unsafe`
with `--unsafe-fixes`). Overlapping fixes are deferred to the next pass, so the
result equals applying them one by one. Writing goes through a temporary file
in the same folder and `os.replace`, so a crash never leaves half a post.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from jalint.diagnostic import Diagnostic

MAX_PASSES = 10


def allowed(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or unsafe)


def apply_once(text: str, diagnostics: list[Diagnostic], unsafe: bool, newline: str) -> tuple[str, int]:
    """Apply every allowed fix that does not overlap an earlier one; return (text, count)."""
    chosen = choose(diagnostics, unsafe)
    return apply_edits(text, [edit for d in chosen for edit in d.fix.edits], newline), len(chosen)


def choose(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """The allowed fixes of one pass, in order, leaving out any that overlaps one chosen before it."""
    chosen = []
    taken: list[tuple[int, int]] = []
    for diagnostic in sorted(diagnostics, key=lambda d: (d.fix.edits[0].span.start if d.fix and d.fix.edits else 0)):
        if not allowed(diagnostic, unsafe):
            continue
        ranges = [(e.span.start, e.span.end) for e in diagnostic.fix.edits]
        if any(_overlap(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        chosen.append(diagnostic)
    return chosen


def apply_edits(text: str, chosen: list, newline: str) -> str:
    """The text with non-overlapping edits applied (replacements take the file's line ending)."""
    if not chosen:
        return text
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
    return "".join(pieces)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point or strictly inside
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def fix_until_stable(
    text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool, newline: str,
    verified: frozenset[str] = frozenset(), applied: Counter | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Fix, re-lint and repeat until nothing applicable is left; return (text, remaining).

    Two phases. First the structural repairs (the fixes of the rules in
    `verified`, which delete and move paragraphs), pass after pass, each pass
    checked against the post as it was before any repair: every sentence of it
    must still stand (`jalint.repair_check`). Checking against the original,
    not the pass before, matters: a sentence one pass keeps glued into a longer
    one, a later pass could cut. A pass that would lose one is not written: the
    repairs that lose text are refused for the rest of the run and reported as
    `repair-refused`, and the pass runs again without them. Then every other
    fix (word-level rewrites, generation leftovers removed on purpose), which
    the sentence check does not apply to. `applied`, if given, counts the fixes
    applied by rule.
    """
    original = text
    diagnostics = lint(text)
    refused: dict[tuple, tuple[Diagnostic, str]] = {}
    for phase in ((lambda d: d.rule in verified), (lambda d: d.rule not in verified)):
        for _ in range(MAX_PASSES * 2):
            usable = [d for d in diagnostics if d.fix is None or (phase(d) and _identity(text, d) not in refused)]
            chosen = choose(usable, unsafe)
            if not chosen:
                break
            fixed = apply_edits(text, [edit for d in chosen for edit in d.fix.edits], newline)
            losing = _losing_repairs(original, text, fixed, [d for d in chosen if d.rule in verified], newline)
            if losing:
                for diagnostic, sentence in losing:
                    refused[_identity(text, diagnostic)] = (diagnostic, sentence)
                continue
            text = fixed
            if applied is not None:
                applied.update(d.rule for d in chosen)
            diagnostics = lint(text)
    return text, diagnostics + _refusals(text, diagnostics, refused)


def _identity(text: str, diagnostic: Diagnostic) -> tuple:
    """A fix by what it changes and the text just before it (not by offset: earlier repairs move it),
    to recognise it after re-linting; the context tells apart two copies of the same paragraph."""
    first = diagnostic.fix.edits[0].span.start if diagnostic.fix.edits else 0
    return (diagnostic.rule, text[max(0, first - _CONTEXT) : first],
            tuple((text[e.span.start : e.span.end], e.replacement) for e in diagnostic.fix.edits))


_CONTEXT = 60  # characters before a fix that identify it along with what it changes


def _losing_repairs(original: str, text: str, fixed: str, repairs: list[Diagnostic],
                    newline: str) -> list[tuple[Diagnostic, str]]:
    """The repairs of a pass (turning `text` into `fixed`) that lose a sentence of `original`, each with it."""
    from jalint.repair_check import lost_sentences  # parses the post: only when a repair is applied

    if not repairs or not lost_sentences(original, fixed):
        return []
    losing = []
    for diagnostic in repairs:
        lost = lost_sentences(original, apply_edits(text, list(diagnostic.fix.edits), newline))
        if lost:
            losing.append((diagnostic, lost[0]))
    if losing:
        return losing
    # Together they lose what none loses alone (two repairs deleting both copies): add them one by
    # one and refuse each one that makes the pass lose a sentence.
    taken: list = []
    for diagnostic in repairs:
        trial = [*taken, *diagnostic.fix.edits]
        lost = lost_sentences(original, apply_edits(text, trial, newline))
        if lost:
            losing.append((diagnostic, lost[0]))
        else:
            taken = trial
    return losing or [(d, "") for d in repairs]  # cannot happen, but never let a losing pass through


def _refusals(text: str, diagnostics: list[Diagnostic], refused: dict[tuple, tuple[Diagnostic, str]]) -> list[Diagnostic]:
    """A `repair-refused` finding beside each refused repair that still stands in the final text."""
    standing = {_identity(text, d): d for d in diagnostics if d.fix is not None}
    found = []
    for identity, (_, sentence) in refused.items():
        diagnostic = standing.get(identity)
        if diagnostic is None:
            continue
        shown = f"「{sentence[:40]}{'…' if len(sentence) > 40 else ''}」" if sentence else "一度しか書かれていない文"
        message = (f"{diagnostic.rule} の修正を適用すると{shown}が記事から失われるため、適用しませんでした。"
                   "元の箇所と関連箇所を見比べて手で直してください。")
        found.append(replace(diagnostic, rule="repair-refused", category="engine", severity="error", message=message,
                             fix=None))
    return found


def unified_diff(path: str, before: str, after: str) -> str:
    import difflib  # deferred: only --diff needs it

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
    import tempfile  # deferred: only --fix writes files

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
