"""Size bounds: lint generated files of growing size and show that time grows linearly (the slope), or that the
file is reported as too large with the limit named.

    python benchmarks/size_bounds.py [--scale 1.0] [--style] [--shapes lines,headings] [--keep DIR]

Each shape is built at three sizes (×1, ×2, ×4 of its base; `--scale` multiplies
the bases, so `--scale 0.25` is a quick run) and linted by `jalint check
--no-cache --format concise` in a fresh process. For each size the table gives
the wall time, the peak memory of that process (its own rusage, not the
benchmark's) and the findings; per shape the **exponent** of time against size
between the smallest and the largest run: 1.0 is linear, 2.0 quadratic. A
start-up of ~0.25 s pulls small runs' exponents below 1, so the largest sizes
are the ones to read. `--style` adds every style rule (the tokenizer runs on
every sentence).

The shapes are the limits issue 14 names, at full size with `--scale 1`:
a single 5 MB line, 100,000 headings (distinct, and all with the same title),
list and quote nesting 10,000 deep, 1,000,000 short lines and an 8 MB article.
They run with file-too-large off (`--ignore file-too-large`), so the slope is
measured past the default limits too. Then, with the defaults, a 50 MB file
(over `max-bytes`, 10 MB) and the million short lines (over `max-lines`,
100,000) must each be reported by that one finding, quickly, without linting.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONT = '---\ntitle: "大きな記事の検査"\ndate: 2025-01-01\ntags: [検査]\n---\n\n'
SENTENCES = ["物流センターでは需要予測を見直しました。", "現場の担当者の負担が少しずつ減りました。",
             "配送計画の精度も上がりました。", "倉庫の自動化は二年目に始まりました。", "月次の集計は担当者が確認します。"]


def one_line(size: int) -> str:
    """One paragraph on one line: sentences with serial numbers, so none repeats."""
    parts, total, serial = [], 0, 0
    while total < size:
        part = f"記録{serial}について{SENTENCES[serial % len(SENTENCES)]}"
        parts.append(part)
        total += len(part.encode())
        serial += 1
    return FRONT + "".join(parts) + "\n"


def headings(count: int) -> str:
    return FRONT + "".join(f"## 見出し{i}\n\n検査{i}では{SENTENCES[i % len(SENTENCES)]}\n\n" for i in range(count))


def same_headings(count: int) -> str:
    """The same title over and over, each with its own text: what duplicate-heading compares pairwise."""
    return FRONT + "".join(f"## まとめ\n\n検査{i}では{SENTENCES[i % len(SENTENCES)]}\n\n" for i in range(count))


def nested_list(depth: int) -> str:
    return FRONT + "- " * depth + "項目\n"


def nested_quote(depth: int) -> str:
    return FRONT + "> " * depth + "引用\n"


def short_lines(count: int) -> str:
    """Lines of one word, two to a paragraph: a million lines is 3 MB."""
    return FRONT + "".join("あ\n" if i % 3 else "\n" for i in range(count))


def article(size: int) -> str:
    """Sections of numbered paragraphs, lists and copies: what real posts hold, repeated to `size` bytes."""
    parts, total, serial = [], 0, 0
    while total < size:
        first = SENTENCES[serial % len(SENTENCES)]
        block = (f"## 節{serial}\n\n記録{serial}によると{first}{SENTENCES[(serial + 2) % len(SENTENCES)]}\n\n"
                 f"- 項目{serial}の一つ目\n- 項目{serial}の二つ目\n\n")
        if serial % 7 == 6:
            block += f"記録{serial - 1}によると{SENTENCES[(serial - 1) % len(SENTENCES)]}\n\n"  # a copy
        parts.append(block)
        total += len(block.encode())
        serial += 1
    return FRONT + "".join(parts)


# name: (builder, base size, unit)
SHAPES: dict[str, tuple[Callable[[int], str], int, str]] = {
    "one-line": (one_line, 1_250_000, "bytes on one line"),
    "headings": (headings, 25_000, "headings"),
    "same-heading": (same_headings, 25_000, "headings"),
    "list-nesting": (nested_list, 2_500, "levels"),
    "quote-nesting": (nested_quote, 2_500, "levels"),
    "short-lines": (short_lines, 250_000, "lines"),
    "article": (article, 2_000_000, "bytes"),
}
TOO_LARGE = 50_000_000


def build_file(name: str, size: int, path: Path) -> None:
    """Write shape `name` at `size` from a child process.

    Linux keeps a process's peak RSS across exec, so a jalint started by a parent
    that once held a 9 MB text would report the parent's peak as its own; the
    texts are built elsewhere and the parent stays small.
    """
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import size_bounds as s; from pathlib import Path; "
            "Path(sys.argv[4]).write_text(s.SHAPES[sys.argv[2]][0](int(sys.argv[3])), encoding='utf-8')")
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), name, str(size), str(path)], check=True)


def run(path: Path, style: bool, limits: bool = False) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB of the jalint process itself, and the number of findings."""
    command = [sys.executable, "-m", "jalint", "check", str(path), "--no-cache", "--format", "concise"]
    if style:
        command += ["--extend-select", "style"]
    if not limits:
        command += ["--ignore", "file-too-large"]
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=path.parent) as process:
        # Counted line by line: holding 100,000 findings' output would grow this process, and with it the peak
        # the next jalint inherits (see build_file).
        findings = sum(1 for line in process.stdout if line.strip()) if process.stdout else 0
        _, _, usage = os.wait4(process.pid, 0)
        process.returncode = 0  # reaped by wait4
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss // 1024, findings


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    return math.log(large[1] / small[1]) / math.log(large[0] / small[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply every base size (0.25: a quick run).")
    parser.add_argument("--style", action="store_true", help="Also run every style rule.")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="Comma-separated shapes to run.")
    parser.add_argument("--keep", default=None, help="Write the generated files here and keep them.")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="jalint-sizes-"))
    folder.mkdir(parents=True, exist_ok=True)
    rules = "default rules + every style rule" if args.style else "default rules"
    print(f"Size bounds, {rules}, fresh process per run, `--no-cache --format concise`, scale {args.scale}.\n")
    print("| shape | size | file | wall | peak memory | findings |")
    print("|---|---:|---:|---:|---:|---:|")
    slopes: list[tuple[str, float, float]] = []
    for name in args.shapes.split(","):
        _, base, unit = SHAPES[name]
        points: list[tuple[int, float]] = []
        for factor in (1, 2, 4):
            size = max(1, int(base * args.scale * factor))
            path = folder / f"{name}-{size}.md"
            build_file(name, size, path)
            file_bytes = path.stat().st_size
            seconds, memory, findings = run(path, args.style)
            points.append((file_bytes, seconds))
            print(f"| {name} | {size:,} {unit} | {file_bytes / 1e6:.2f} MB | {seconds:.2f} s | {memory} MB | {findings} |",
                  flush=True)
            if not args.keep:
                path.unlink()
        slopes.append((name, exponent(points[0], points[-1]), points[-1][1] / (points[-1][0] / 1e6)))
    print("\nWith the default limits (file-too-large on):\n")
    print("| file | size | wall | peak memory | findings |")
    print("|---|---:|---:|---:|---:|")
    path = folder / "too-large.md"
    build_file("article", TOO_LARGE, path)
    million = folder / "million-lines.md"
    build_file("short-lines", 1_000_000, million)
    for label, file in (("a 50 MB article", path), ("1,000,000 short lines", million)):
        seconds, memory, findings = run(file, args.style, limits=True)
        print(f"| {label} | {file.stat().st_size / 1e6:.1f} MB | {seconds:.2f} s | {memory} MB | {findings} |")
        file.unlink()
    print("\n| shape | exponent (×4 size) | seconds per MB at the largest size |")
    print("|---|---:|---:|")
    for name, slope, per_mb in slopes:
        print(f"| {name} | {slope:.2f} | {per_mb:.2f} |")


if __name__ == "__main__":
    main()
