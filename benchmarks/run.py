"""jalint's speed and memory on a corpus of posts, side by side with textlint.

    python benchmarks/run.py [--corpus ../shared/corpus] [--skip-textlint] [--copies 3] [--textlint-dir DIR]

Prints a Markdown report (docs/performance.md keeps the latest one):

- the whole corpus, every default rule, cold cache, `-j auto` and `-j 1`;
- the same with a warm cache (nothing changed);
- the corpus copied N times (default 3), to show cost grows linearly;
- `jalint check one-post.md` on the median-sized post, as pre-commit runs it
  (a cold process), and jalint's own start-up (`jalint --version`);
- the same corpus with the prose rules on: the config `jalint migrate textlint`
  writes from the corpus's `.textlintrc.json`, and `--extend-select style`;
- every output format on a warm cache, as a ratio to `concise`;
- one median post with the prose rules on, and the floor it is compared with:
  Python start-up plus fugashi tagging that post's text, in the same run, and
  that floor plus importing the libraries every check needs (what bounds it);
  and the same post in a regular install (a scratch environment `pip install`s
  this checkout into, as pre-commit does), against the floor in that environment;
- textlint on the same posts with the corpus's `.textlintrc.json`
  (installed with npm into a scratch folder by this script);
- peak memory of each run, summed over the process and all its workers
  (sampled from /proc).

Run it on an otherwise idle machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTLINT_PACKAGES = [
    "textlint@14",
    "textlint-rule-preset-japanese",
    "textlint-rule-preset-ja-technical-writing",
    "@textlint-ja/textlint-rule-preset-ai-writing",
]


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float  # resident memory summed over the process tree
    exit_code: int
    peak_pss_mb: float = 0.0  # proportional set size summed: pages shared between processes counted once


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """Resident memory (RSS) and proportional set size (PSS) of `root` and all its descendants, from /proc (Linux).

    Summing RSS counts every page the workers share (the MeCab dictionary, mapped
    by each of them from the same file; the parent's memory before the fork) once
    per process; summing PSS counts each page once, shared in parts among its
    processes. Both are reported."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    rss = pss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def measure(label: str, command: list[str], cwd: Path | None = None, env: dict | None = None) -> Measure:
    """Wall time and peak memory (whole process tree) of one command."""
    peak = peak_pss = 0
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = _tree_memory_kb(process.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return Measure(label, elapsed, peak / 1024, code, peak_pss / 1024)


def posts_of(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.md") if p.name != "README.md")


def jalint(*args: str) -> list[str]:
    return [sys.executable, "-m", "jalint", "check", *args, "--format", "concise"]


def ensure_textlint(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--silent", *TEXTLINT_PACKAGES], cwd=folder, check=True)
    return binary


ROUNDS = 7


def regular_install(folder: Path) -> Path | None:
    """A scratch virtual environment with jalint installed from this checkout as pre-commit installs a hook.

    pre-commit (and `pip install jalint`) make a regular install; the development
    environment's editable install adds a path finder that every start-up imports
    (with pathlib, about 15 ms). Its Python, or None when pip cannot install.
    """
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True)
        installed = subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], capture_output=True,
                                   text=True)
        if installed.returncode != 0:
            print(f"(no regular install: pip said {installed.stderr.strip()[-300:]})", file=sys.stderr)
            return None
    return python


def one_post(posts: list[Path], env: dict, installed: Path | None = None) -> dict:
    """The median-sized post, one fresh process per run, as pre-commit runs it; the kinds of run interleaved.

    Interleaving (default, style, floor, ... in turn, ROUNDS times) keeps a slow
    moment of a shared machine from landing on one kind of run only. One warm-up
    run first writes what `pip install` and a first run leave behind (bytecode,
    stored regex programs and parsed word lists); "first run after install" runs
    without the stored regex programs and generated code.
    """
    median = sorted(posts, key=lambda p: p.stat().st_size)[len(posts) // 2]
    floor_code = ("import sys, fugashi; t = fugashi.Tagger(); "
                  "[w.feature_raw for w in t(open(sys.argv[1], encoding='utf-8').read())]")
    kinds = {
        "floor": [sys.executable, "-c", floor_code, str(median)],
        # What no jalint run can go below: the floor plus importing the libraries every check needs
        # (the CLI, the Markdown and YAML parsers, the fuzzy matcher), before any of jalint's own code.
        "libraries": [sys.executable, "-c", "import click, markdown_it, yaml, rapidfuzz; " + floor_code, str(median)],
        "default": jalint(str(median), "--no-cache"),
        "style": jalint(str(median), "--no-cache", "--extend-select", "style"),
        **({"floor, regular install": [str(installed), "-c", floor_code, str(median)],
            "style, regular install": [str(installed.parent / "jalint"), "check", str(median), "--no-cache",
                                       "--extend-select", "style", "--format", "concise"]}
           if installed is not None else {}),
        "--version": [sys.executable, "-m", "jalint", "--version"],
        "explain": [sys.executable, "-m", "jalint", "explain", "long-sentence"],
        "import click": [sys.executable, "-c", "import click"],
    }
    subprocess.run(kinds["style"], env=env, capture_output=True, check=False)
    if "style, regular install" in kinds:  # writes the stored regex programs into that install
        subprocess.run(kinds["style, regular install"], env=env, capture_output=True, check=False)
    runs: dict[str, list[Measure]] = {kind: [] for kind in [*kinds, "style, first run after install"]}
    for _ in range(ROUNDS):
        for kind, command in kinds.items():
            runs[kind].append(measure(kind, command, env=env))
        runs["style, first run after install"].append(
            measure("style, first run after install", kinds["style"],
                    env={**env, "JALINT_NO_REGEX_CACHE": "1", "JALINT_NO_CODE_STORE": "1"}))
    return {"post": median, "runs": runs}


FORMATS = ("concise", "text", "json", "github", "sarif")
FORMAT_ROUNDS = 5


def warm_formats(corpus: Path, env: dict) -> dict[str, float]:
    """Warm-cache runs over the corpus in every format, the formats interleaved, median of FORMAT_ROUNDS."""
    def command(output_format: str) -> list[str]:
        return [sys.executable, "-m", "jalint", "check", str(corpus), "--format", output_format]

    subprocess.run(command("concise"), env=env, capture_output=True, check=False)  # fills the cache
    runs: dict[str, list[float]] = {f: [] for f in FORMATS}
    for _ in range(FORMAT_ROUNDS):
        for output_format in FORMATS:
            runs[output_format].append(measure(output_format, command(output_format), env=env).seconds)
    return {f: statistics.median(seconds) for f, seconds in runs.items()}


def print_formats(formats: dict[str, float]) -> None:
    concise = formats["concise"]
    print(f"\nWarm cache, whole corpus, by output format (median of {FORMAT_ROUNDS}, formats interleaved):\n")
    print("| format | wall | vs concise |")
    print("|---|---:|---:|")
    for output_format, seconds in formats.items():
        print(f"| {output_format} | {seconds:.2f} s | {seconds / concise:.2f}x |")


def print_one_post(single: dict) -> None:
    median, runs = single["post"], single["runs"]
    seconds = {kind: statistics.median(m.seconds for m in measures) for kind, measures in runs.items()}
    peak = {kind: max(m.peak_mb for m in measures) for kind, measures in runs.items()}
    floor_s = seconds["floor"]
    print(f"\nOne median post ({median.name}, {median.stat().st_size / 1000:.0f} kB), a fresh process per run, "
          f"no result cache, median of {ROUNDS} (kinds of run interleaved):\n")
    print("| run | wall | vs floor | peak memory |")
    print("|---|---:|---:|---:|")
    for kind, label in (("floor", "floor: Python start + fugashi tagging the post"),
                        ("libraries", "the floor + importing click, markdown-it, PyYAML, rapidfuzz"),
                        ("default", "jalint, default rules"),
                        ("style", "jalint, every style rule too"),
                        ("style, first run after install", "jalint, every style rule, first run after install "
                                                           "(no stored regex programs or generated code)")):
        print(f"| {label} | {seconds[kind]:.3f} s | {seconds[kind] / floor_s:.2f}x | {peak[kind]:.0f} MB |")
    if "style, regular install" in seconds:
        regular_floor = seconds["floor, regular install"]
        for kind, label in (("floor, regular install", "floor, in a regular install's environment"),
                            ("style, regular install", "jalint, every style rule, regular install "
                                                       "(as pre-commit installs it)")):
            print(f"| {label} | {seconds[kind]:.3f} s | {seconds[kind] / regular_floor:.2f}x of its floor | "
                  f"{peak[kind]:.0f} MB |")
    click_s = seconds["import click"]
    print(f"\nStart-up (median of {ROUNDS}): `jalint --version` {seconds['--version']:.3f} s "
          f"({seconds['--version'] / click_s:.2f}x), `jalint explain long-sentence` {seconds['explain']:.3f} s "
          f"({seconds['explain'] / click_s:.2f}x), against `python -c 'import click'` {click_s:.3f} s.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--skip-textlint", action="store_true")
    parser.add_argument("--skip-copies", action="store_true", help="Skip the corpus x N run.")
    parser.add_argument("--textlint-dir", default=str(Path(tempfile.gettempdir()) / "jalint-textlint"))
    parser.add_argument("--one-post-only", action="store_true",
                        help="Only the one-post and start-up runs (a minute instead of half an hour).")
    parser.add_argument("--skip-regular-install", action="store_true",
                        help="Do not build the scratch environment with a regular install for the one-post runs.")
    parser.add_argument("--formats-only", action="store_true",
                        help="Only the warm runs in every output format (a minute).")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    posts = posts_of(corpus)
    size_mb = sum(p.stat().st_size for p in posts) / 1e6
    jobs = len(os.sched_getaffinity(0))
    work = Path(tempfile.mkdtemp(prefix="jalint-bench-"))
    env = {**os.environ, "JALINT_CACHE_DIR": str(work / "cache"), "JALINT_NO_PROGRESS": "1"}
    # Measure what users run: `pip install` compiles every module to bytecode, so a
    # start-up reads .pyc files. A sandbox that sets PYTHONDONTWRITEBYTECODE would
    # instead compile every module from source on every start; one `jalint rules`
    # run (which imports every module) writes the bytecode first.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "jalint", "rules"], env=env, check=True, capture_output=True)

    def installed() -> Path | None:
        return None if args.skip_regular_install else regular_install(work / "installed")

    rows: list[tuple[Measure, int, float]] = []
    if args.formats_only or args.one_post_only:
        try:
            if args.formats_only:
                print_formats(warm_formats(corpus, env))
            if args.one_post_only:
                print_one_post(one_post(posts, env, installed()))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        shutil.rmtree(work / "cache", ignore_errors=True)
        rows.append((measure(f"jalint, cold cache, -j auto ({jobs})", jalint(str(corpus)), env=env), len(posts), size_mb))
        rows.append((measure("jalint, warm cache, nothing changed", jalint(str(corpus)), env=env), len(posts), size_mb))
        rows.append((measure("jalint, no cache, -j 1", jalint(str(corpus), "--no-cache", "-j", "1"), env=env),
                     len(posts), size_mb))
        migrated = work / "migrated.jalint.toml"
        subprocess.run([sys.executable, "-m", "jalint", "migrate", "textlint", str(corpus / ".textlintrc.json"),
                        "-o", str(migrated)], check=True, capture_output=True)
        rows.append((measure("jalint + prose rules (migrated textlint config), cold, -j auto",
                             jalint(str(corpus), "--no-cache", "--config", str(migrated)), env=env),
                     len(posts), size_mb))
        rows.append((measure("jalint + every style rule, cold, -j auto",
                             jalint(str(corpus), "--no-cache", "--extend-select", "style"), env=env),
                     len(posts), size_mb))
        if not args.skip_copies:
            copies = work / "copies"
            for n in range(args.copies):
                shutil.copytree(corpus / "_posts", copies / f"copy{n}" / "_posts")
            shutil.copy(corpus / "_config.yml", copies / "_config.yml")
            rows.append((measure(f"jalint, corpus x{args.copies}, cold cache, -j auto",
                                 jalint(str(copies), "--no-cache"), env=env),
                         len(posts) * args.copies, size_mb * args.copies))
        formats = warm_formats(corpus, env)
        single = one_post(posts, env, installed())
        textlint = None
        if not args.skip_textlint:
            binary = ensure_textlint(Path(args.textlint_dir))
            config = corpus / ".textlintrc.json"
            textlint = measure("textlint (3 Japanese presets)", [str(binary), "--config", str(config),
                                                                 "--format", "compact", *map(str, posts)],
                               cwd=Path(args.textlint_dir))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"Corpus: {len(posts)} posts, {size_mb:.1f} MB, {jobs} cores; Python {sys.version.split()[0]}\n")
    print("| run | posts | wall | posts/s | MB/s | peak memory, RSS summed | peak memory, PSS summed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for m, count, mb in rows:
        print(f"| {m.label} | {count} | {m.seconds:.2f} s | {count / m.seconds:.0f} | {mb / m.seconds:.2f} | "
              f"{m.peak_mb:.0f} MB | {m.peak_pss_mb:.0f} MB |")
    if textlint is not None:
        print(f"| {textlint.label} | {len(posts)} | {textlint.seconds:.2f} s | {len(posts) / textlint.seconds:.1f} | "
              f"{size_mb / textlint.seconds:.2f} | {textlint.peak_mb:.0f} MB | {textlint.peak_pss_mb:.0f} MB |")
        print(f"\njalint cold `-j auto` is {textlint.seconds / rows[0][0].seconds:.1f}x faster than textlint.")
        style_row = rows[3][0]
        print(f"jalint with the prose rules (migrated config) is {textlint.seconds / style_row.seconds:.1f}x faster "
              "than textlint.")
        print(f"jalint with every style rule is {textlint.seconds / rows[4][0].seconds:.1f}x faster than textlint.")
    print_formats(formats)
    print_one_post(single)
    print("Bytecode is cached (as after `pip install`); PYTHONDONTWRITEBYTECODE is unset for every run.")


if __name__ == "__main__":
    main()
