"""Human output: findings grouped by file, the line with a caret, and a summary.

Carets are placed by display cells, so they line up under full-width text; long
lines are shown as a window around the finding.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from jalint.diagnostic import Diagnostic, FileResult
from jalint.positions import display_width
from jalint.reporters import ReportContext, diagnostics_of

WINDOW = 60  # display cells of source shown around a finding
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def source_window(line: str, column: int, end_column: int | None) -> tuple[str, int, int]:
    """A slice of `line` around the finding: (text, caret offset, caret width) in cells."""
    line = line.replace("\t", " ")
    start = column - 1
    end = len(line) if end_column is None else max(start + 1, min(end_column - 1, len(line)))
    left = start
    while left > 0 and display_width(line[left - 1 : start]) < WINDOW // 3:
        left -= 1
    right = left
    while right < len(line) and display_width(line[left : right + 1]) <= WINDOW:
        right += 1
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    caret_at = display_width(prefix + line[left:start])
    caret_width = max(1, display_width(line[start : min(end, right)]))
    return shown, caret_at, caret_width


def _finding(console: Console, d: Diagnostic) -> None:
    loc = d.location
    style = STYLES[d.severity]
    console.print(
        f"  [dim]{loc.line}:{loc.column}[/dim]  [{style}]{d.severity}[/{style}]  "
        f"{escape(d.message)}  [dim]{d.rule}[/dim]"
    )
    if d.source_line.strip():
        end_column = loc.end_column - d.source_start if loc.end_line == loc.line else None
        shown, caret_at, caret_width = source_window(d.source_line, loc.column - d.source_start, end_column)
        gutter = str(loc.line).rjust(5)
        console.print(f"  [blue]{gutter} │[/blue] {escape(shown)}")
        console.print(f"  [blue]{' ' * 5} │[/blue] {' ' * caret_at}[{style}]{'^' * caret_width}[/{style}]")
    for related in d.related:
        where = f"{related.path}:{related.location.line}:{related.location.column}"
        console.print(f"  [blue]{' ' * 5} =[/blue] {escape(related.message)}: {escape(where)}")
    if d.fix is not None:
        note = "--fix で修正できます" if d.fix.applicability == "safe" else "--unsafe-fixes で修正できます"
        console.print(f"  [blue]{' ' * 5} =[/blue] [green]{note}[/green]")


def report(results: list[FileResult], stream: TextIO, context: ReportContext) -> None:
    console = Console(file=stream, no_color=not context.color, force_terminal=context.color,
                      soft_wrap=True, highlight=False, emoji=False)
    diagnostics = diagnostics_of(results)
    current = None
    for d in diagnostics:
        if d.path != current:
            if current is not None:
                console.print()
            console.print(f"[bold underline]{escape(d.path)}[/bold underline]")
            current = d.path
        _finding(console, d)
    summarise(console, results, diagnostics, context)


def summarise(console: Console, results: list[FileResult], diagnostics: list[Diagnostic], context: ReportContext) -> None:
    if context.fixed_count:
        console.print(f"[green]{context.fixed_count} 件のファイルを修正しました。[/green]")
    if not diagnostics:
        console.print(f"[green]問題は見つかりませんでした（{len(results)} ファイル）。[/green]")
        return
    console.print()
    by_rule = Counter(d.rule for d in diagnostics)
    for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
        console.print(f"  {count:>5}  {rule}")
    counts = Counter(d.severity for d in diagnostics)
    files = len({d.path for d in diagnostics})
    console.print(
        f"[bold]{len(diagnostics)} 件の問題[/bold]（error {counts['error']}、warning {counts['warning']}、"
        f"info {counts['info']}）が {files} / {len(results)} ファイルで見つかりました。"
    )
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "safe")
    unsafe = sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "unsafe")
    if safe or unsafe:
        console.print(f"[dim]--fix で {safe} 件、--unsafe-fixes でさらに {unsafe} 件を修正できます。[/dim]")
