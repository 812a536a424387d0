"""Human output: findings grouped by file, the line with a caret, and a summary.

Carets are placed by display cells, so they line up under full-width text; long
lines are shown as a window around the finding.

The text is built directly as strings, with ANSI colours added only when
colour is on. Going through rich's markup parser for every finding made this,
the default format, 14 times slower than `concise` on a repository with 40,000
findings; character widths are looked up once per character and cached.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate
from typing import TextIO

from jalint.diagnostic import Diagnostic, FileResult
from jalint.reporters import ReportContext, diagnostics_of, hidden_note, limited

WINDOW = 60  # display cells of source shown around a finding
ANSI = {
    "error": "1;31",  # bold red
    "warning": "33",  # yellow
    "info": "36",  # cyan
    "dim": "2",
    "blue": "34",
    "green": "32",
    "bold": "1",
    "path": "1;4",  # bold underline
}


@lru_cache(maxsize=4096)
def cell_width(ch: str) -> int:
    """Terminal cells of one character (the same rule as jalint.positions.display_width)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("F", "W") else 1


class _CellTable(dict):
    """`str.translate` table: each character to the byte of its cell width, filled on first sight.

    Translating a stretch of a line and encoding it gives its widths as bytes, which
    `accumulate` sums in C: no Python call per character once a character was seen.
    """

    def __missing__(self, code: int) -> str:
        self[code] = width = chr(cell_width(chr(code)))
        return width


_CELLS = _CellTable()


def _widths(text: str) -> bytes:
    return text.translate(_CELLS).encode("latin-1")


def cells(text: str) -> int:
    return len(text) if text.isascii() else sum(_widths(text))


def source_window(line: str, column: int, end_column: int | None) -> tuple[str, int, int]:
    """A slice of `line` around the finding: (text, caret offset, caret width) in cells.

    The window is found with running sums of cell widths (`accumulate` and
    `bisect`, in C) over the few characters that can fit (every character but a
    zero-width one takes a cell), not a Python loop per character: the text
    report of 40,000 findings spent most of its time there. One stretch of the
    line around the finding is measured once and serves the left edge, the
    right edge and the caret.
    """
    line = line.replace("\t", " ")
    start = column - 1
    end = len(line) if end_column is None else max(start + 1, min(end_column - 1, len(line)))
    # Left: as many characters as fit in under WINDOW // 3 cells; right: from there, WINDOW cells.
    low = max(0, start - WINDOW // 3 - 1)
    high = min(len(line), start + WINDOW + 1)
    sums = list(accumulate(_widths(line[low:high]), initial=0))  # sums[i]: cells of line[low:low + i]
    at = start - low
    first = bisect_right(sums, sums[at] - WINDOW // 3, 0, at)  # first character that still fits
    if first == 0 and low > 0:  # zero-width characters ran past the stretch
        return _source_window_slow(line, start, end)
    last = bisect_right(sums, sums[first] + WINDOW) - 1
    if low + last == high and high < len(line):
        return _source_window_slow(line, start, end)
    left, right = low + first, low + last
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    caret_at = len(prefix) + sums[at] - sums[first]  # "…" is one cell
    caret_end = min(end, right)
    caret_width = max(1, sums[caret_end - low] - sums[at]) if caret_end > start else 1
    return prefix + line[left:right] + suffix, caret_at, caret_width


def _window(line: str, start: int, end: int, left: int, right: int, before: int) -> tuple[str, int, int]:
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    caret_at = len(prefix) + before  # "…" is one cell
    caret_width = max(1, cells(line[start : min(end, right)]))
    return shown, caret_at, caret_width


def _source_window_slow(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The same window found one character at a time (lines full of combining characters)."""
    left, before = start, 0
    while left > 0:
        wider = before + cell_width(line[left - 1])
        if wider >= WINDOW // 3:
            break
        before, left = wider, left - 1
    right, shown_cells = left, 0
    while right < len(line):
        wider = shown_cells + cell_width(line[right])
        if wider > WINDOW:
            break
        shown_cells, right = wider, right + 1
    return _window(line, start, end, left, right, before)


class _Painter:
    """Wraps text in ANSI colour codes, or leaves it alone when colour is off.

    `on[style]` / `off` are the codes around a styled piece ("" without colour),
    for the hot path that writes them straight into an f-string.
    """

    def __init__(self, color: bool) -> None:
        self.color = color
        self.on = {style: f"\x1b[{code}m" if color else "" for style, code in ANSI.items()}
        self.off = "\x1b[0m" if color else ""

    def __call__(self, style: str, text: str) -> str:
        return f"\x1b[{ANSI[style]}m{text}\x1b[0m" if self.color else text


_FIX_NOTES = {"safe": "--fix で修正できます", "unsafe": "--unsafe-fixes で修正できます"}


def _finding(paint: _Painter, d: Diagnostic, out: list[str]) -> None:
    on, off = paint.on, paint.off
    dim, blue, level = on["dim"], on["blue"], on[d.severity]
    loc = d.location
    out.append(f"  {dim}{loc.line}:{loc.column}{off}  {level}{d.severity}{off}  {d.message}  {dim}{d.rule}{off}")
    if d.source_line.strip():
        end_column = loc.end_column - d.source_start if loc.end_line == loc.line else None
        shown, caret_at, caret_width = source_window(d.source_line, loc.column - d.source_start, end_column)
        out.append(f"  {blue}{loc.line:>5} │{off} {shown}")
        out.append(f"  {blue}      │{off} {' ' * caret_at}{level}{'^' * caret_width}{off}")
    for related in d.related:
        out.append(f"  {blue}      ={off} {related.message}: "
                   f"{related.path}:{related.location.line}:{related.location.column}")
    if d.fix is not None:
        note = _FIX_NOTES["safe" if d.fix.applicability == "safe" else "unsafe"]
        out.append(f"  {blue}      ={off} {on['green']}{note}{off}")


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    paint = _Painter(context.color)
    diagnostics = diagnostics_of(results)
    shown, hidden = limited(diagnostics, context.max_per_file)
    out: list[str] = []
    current = None
    for d in shown:
        if d.path != current:
            if current is not None:
                _more(paint, hidden.get(current, 0), out)
                out.append("")
            out.append(paint("path", d.path))
            current = d.path
        _finding(paint, d, out)
        if len(out) > 10_000:  # write in chunks: the whole report never sits in memory twice
            stream.write("\n".join(out) + "\n")
            out.clear()
    if current is not None:
        _more(paint, hidden.get(current, 0), out)
    out.extend(summary_lines(paint, results, diagnostics, context))
    if hidden:
        out.append(paint("dim", hidden_note(hidden, context.max_per_file)))
    if out:
        stream.write("\n".join(out) + "\n")


def _more(paint: _Painter, count: int, out: list[str]) -> None:
    if count:
        out.append(paint("dim", f"  … ほかに {count} 件（--max-per-file で省略）"))


def summary_lines(paint: _Painter, results: list[FileResult], diagnostics: list[Diagnostic],
                  context: ReportContext) -> list[str]:
    lines = []
    if context.fixed_count:
        lines.append(paint("green", f"{context.fixed_count} 件のファイルを修正しました。"))
    if not diagnostics:
        lines.append(paint("green", f"問題は見つかりませんでした（{len(results)} ファイル）。"))
        return lines
    lines.append("")
    by_rule = Counter(d.rule for d in diagnostics)
    for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {count:>5}  {rule}")
    counts = Counter(d.severity for d in diagnostics)
    files = len({d.path for d in diagnostics})
    lines.append(
        f"{paint('bold', f'{len(diagnostics)} 件の問題')}（error {counts['error']}、warning {counts['warning']}、"
        f"info {counts['info']}）が {files} / {len(results)} ファイルで見つかりました。"
    )
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "unsafe")
    if safe or unsafe:
        lines.append(paint("dim", f"--fix で {safe} 件、--unsafe-fixes でさらに {unsafe} 件を修正できます。"))
    return lines
