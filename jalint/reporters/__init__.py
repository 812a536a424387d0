"""Output formats. Each reporter turns file results into text for one consumer.

Reporters are the only place (with the CLI) that writes output, and the only
place that converts code-point columns into what the consumer counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TextIO

from jalint.diagnostic import Diagnostic, FileResult
from jalint.names import FORMATS  # re-exported


class ReportContext(NamedTuple):
    version: str
    color: bool = False
    show_fixes: bool = True
    fixed_count: int = 0
    max_per_file: int = 0  # human formats show at most this many findings per file; 0 shows all


def limited(diagnostics: list[Diagnostic], max_per_file: int) -> tuple[list[Diagnostic], dict[str, int]]:
    """The first `max_per_file` findings of each file (in report order), and how many each file had left over."""
    if max_per_file <= 0:
        return diagnostics, {}
    shown: list[Diagnostic] = []
    seen: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for d in diagnostics:
        count = seen.get(d.path, 0)
        seen[d.path] = count + 1
        if count < max_per_file:
            shown.append(d)
        else:
            hidden[d.path] = hidden.get(d.path, 0) + 1
    return shown, hidden


def hidden_note(hidden: dict[str, int], max_per_file: int) -> str:
    """The closing line that says what `--max-per-file` left out and how to see it."""
    return (f"1 ファイルにつき {max_per_file} 件まで表示し、{len(hidden)} ファイルの {sum(hidden.values())} 件を"
            "省略しました（すべて表示するには --max-per-file 0）。")


Reporter = Callable[[list[FileResult], TextIO, ReportContext], None]


def diagnostics_of(results: list[FileResult]) -> list[Diagnostic]:
    return sorted((d for r in results for d in r.diagnostics), key=lambda d: d.sort_key)


def reporter(name: str) -> Reporter:
    from jalint.reporters import concise, github, json_format, rdjson, sarif, text

    return {
        "text": text.report,
        "concise": concise.report,
        "json": json_format.report,
        "github": github.report,
        "sarif": sarif.report,
        "rdjson": rdjson.report,
    }[name]
