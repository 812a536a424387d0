"""Side by side: textlint with the content team's config and jalint with the migrated config, per textlint rule.

    python benchmarks/style_vs_textlint.py [--corpus ../shared/corpus] [-n 100] [--seed 8]
        [--rules sentence-length,max-ten] [--show 5] [--textlint-dir DIR] [--markdown]

Installs textlint and the three presets with npm into a scratch folder (reused
when it already has them), migrates the corpus's `.textlintrc.json` with
`jalint migrate textlint`, lints the same random posts with both tools and
prints, per textlint rule, the (file, line) places both report, only textlint
reports and only jalint reports, with the agreement (both / union). `--show N`
prints up to N differing places per rule with their source line, for review:
docs/style-parity.md records the explained differences.

jalint's places for a textlint rule are the findings of the jalint rules that
name it in `textlint` (see `jalint rules --format json`). A place is a file and
a range of lines (textlint's `loc.start.line`..`loc.end.line`, jalint's
`line`..`end_line`); two places are the same when their line ranges overlap, so
a sentence that textlint starts on a bold label line and jalint on the next
line is one place, not two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "textlint@14",
    "textlint-rule-preset-japanese@10",
    "textlint-rule-preset-ja-technical-writing@12",
    "@textlint-ja/textlint-rule-preset-ai-writing@1.7",
]


def ensure_textlint(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "textlint"
    preset = folder / "node_modules" / "@textlint-ja" / "textlint-rule-preset-ai-writing"
    if not binary.exists() or not preset.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--silent", *PACKAGES], cwd=folder, check=True)
    return binary


def _cache_key(config_text: str, post: str) -> str:
    digest = hashlib.sha256(config_text.encode("utf-8"))
    digest.update(Path(post).read_bytes())
    return digest.hexdigest()


def run_textlint(binary: Path, config: Path, posts: list[str], folder: Path) -> tuple[dict, list[str]]:
    """textlint places per rule id; posts textlint crashed on are listed, not fatal.

    textlint's messages for each post are kept in the scratch folder, keyed by the
    config, the installed packages and the post's bytes, so a second comparison (after a change to jalint)
    runs textlint only on posts it has not seen: the 800-post table then takes
    seconds instead of ten minutes.
    """
    places: dict[str, set[tuple[str, int]]] = defaultdict(set)
    crashed: list[str] = []
    store = folder / "results"
    store.mkdir(exist_ok=True)
    # The key also holds the installed packages' lock file: another textlint or preset version is another result.
    lock = folder / "package-lock.json"
    config_text = config.read_text(encoding="utf-8") + (lock.read_text(encoding="utf-8") if lock.exists() else "")
    keys = {post: _cache_key(config_text, post) for post in posts}
    messages: dict[str, list | None] = {}
    for post, key in keys.items():
        kept = store / f"{key}.json"
        if kept.exists():
            messages[post] = json.loads(kept.read_text(encoding="utf-8"))
    todo = [post for post in posts if post not in messages]
    batches = [todo[i : i + 20] for i in range(0, len(todo), 20)]
    while batches:
        batch = batches.pop()
        run = subprocess.run([str(binary), "--config", str(config), "--format", "json", *batch],
                             capture_output=True, text=True, check=False, cwd=folder)
        try:
            files = json.loads(run.stdout)
        except json.JSONDecodeError:
            if len(batch) == 1:
                messages[batch[0]] = None
                (store / f"{keys[batch[0]]}.json").write_text("null", encoding="utf-8")
            else:  # one post crashed the whole batch: split it to find which
                half = len(batch) // 2
                batches.extend([batch[:half], batch[half:]])
            continue
        by_path = {str(Path(item["filePath"]).resolve()): item["messages"] for item in files}
        for post in batch:
            found = by_path.get(str(Path(post).resolve()), [])
            messages[post] = found
            (store / f"{keys[post]}.json").write_text(json.dumps(found), encoding="utf-8")
    for post in posts:
        found = messages.get(post)
        if found is None:
            crashed.append(post)
            continue
        path = str(Path(post).resolve())
        for message in found:
            end = message.get("loc", {}).get("end", {}).get("line", message["line"])
            places[message["ruleId"].split("/")[-1]].add((path, message["line"], end))
    return places, crashed


# Rules that report a group of places once (ai-list-formatting: one finding per list, its other items
# related): each related place is a place the finding reports, as textlint reports every item.
REPORTS_GROUPS = {"ai-list-formatting"}


def run_jalint(config: Path, posts: list[str]) -> dict[str, list[tuple[str, int, int]]]:
    run = subprocess.run(
        [sys.executable, "-m", "jalint", "check", "--no-cache", "--config", str(config), "--format", "json",
         "--ignore", "structure,front-matter,claims", *posts],
        capture_output=True, text=True, check=False)
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for finding in json.loads(run.stdout)["findings"]:
        path = str(Path(finding["path"]).resolve())
        if finding["rule"] == "mojibake" and _flagged_char(path, finding) == "\ufffd":
            continue  # a replacement character: no textlint rule looks for those, so it is nobody's counterpart
        found[finding["rule"]].append((path, finding["line"], finding["end_line"]))
        if finding["rule"] in REPORTS_GROUPS:
            found[finding["rule"]].extend((path, r["line"], r["line"]) for r in finding.get("related", []))
    return found


def _flagged_char(path: str, finding: dict) -> str:
    try:
        line = Path(path).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        return line[finding["column"] - 1 : finding["column"]]
    except (OSError, IndexError, UnicodeDecodeError):
        return ""


def replacements() -> dict[str, list[str]]:
    from jalint.registry import all_rules

    mapping: dict[str, list[str]] = defaultdict(list)
    for rule in all_rules().values():
        for textlint_id in rule.textlint:
            mapping[textlint_id].append(rule.name)
    return mapping


def compare(theirs: set[tuple[str, int, int]], ours: list[tuple[str, int, int]]) -> tuple[set, set, set]:
    """(textlint places jalint also reports, textlint-only places, jalint-only places), as (path, line)."""
    by_path: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path, first, last in ours:
        by_path[path].append((first, last))
    theirs_by_path: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path, first, last in theirs:
        theirs_by_path[path].append((first, last))

    def overlaps(ranges: list[tuple[int, int]], first: int, last: int) -> bool:
        return any(a <= last and first <= b for a, b in ranges)

    both = {(p, a) for p, a, b in theirs if overlaps(by_path[p], a, b)}
    only_textlint = {(p, a) for p, a, b in theirs if not overlaps(by_path[p], a, b)}
    only_jalint = {(p, a) for p, a, b in ours if not overlaps(theirs_by_path[p], a, b)}
    return both, only_textlint, only_jalint


def source_line(path: str, line: int) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return lines[line - 1][:120]
    except (OSError, IndexError):
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--rules", default="", help="Only these textlint rule ids (comma-separated).")
    parser.add_argument("--show", type=int, default=0, help="Differing places to print per rule.")
    parser.add_argument("--textlint-dir", default=str(Path(tempfile.gettempdir()) / "jalint-textlint"))
    parser.add_argument("--markdown", action="store_true", help="Print the table as Markdown.")
    args = parser.parse_args()

    corpus = Path(args.corpus)
    folder = Path(args.textlint_dir)
    binary = ensure_textlint(folder)
    textlintrc = corpus / ".textlintrc.json"
    posts = sorted(str(p.resolve()) for p in (corpus / "_posts").rglob("*.md"))
    random.seed(args.seed)
    sample = sorted(random.sample(posts, min(args.n, len(posts))))

    with tempfile.TemporaryDirectory() as scratch:
        migrated = Path(scratch) / ".jalint.toml"
        subprocess.run([sys.executable, "-m", "jalint", "migrate", "textlint", str(textlintrc), "-o", str(migrated)],
                       check=True, capture_output=True)
        ours = run_jalint(migrated, sample)
    theirs, crashed = run_textlint(binary, textlintrc, sample, folder)

    mapping = replacements()
    wanted = [r for r in args.rules.split(",") if r] or sorted(set(theirs) | set(mapping))
    rows = []
    for textlint_id in wanted:
        jalint_rules = mapping.get(textlint_id, [])
        our_places = [place for name in jalint_rules for place in ours.get(name, [])]
        both, only_t, only_j = compare(theirs.get(textlint_id, set()), our_places)
        union = len(both) + len(only_t) + len(only_j)
        agreement = f"{100 * len(both) / union:.1f}%" if union else "-"
        rows.append((textlint_id, ", ".join(jalint_rules) or "(none)", len(both), len(only_t), len(only_j), agreement))
        if args.show and (only_t or only_j):
            print(f"\n## {textlint_id}")
            for label, places in (("only textlint", sorted(only_t)), ("only jalint", sorted(only_j))):
                for path, line in places[: args.show]:
                    print(f"  {label}: {Path(path).name}:{line}: {source_line(path, line)}")

    header = ("textlint rule", "jalint rule(s)", "both", "only textlint", "only jalint", "agreement")
    print(f"\n{len(sample)} posts (seed {args.seed}); textlint crashed on {len(crashed)}: "
          f"{', '.join(Path(c).name for c in crashed) or 'none'}")
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in rows:
            print("| " + " | ".join(str(cell) for cell in row) + " |")
    else:
        print(f"{header[0]:<36} {header[1]:<40} {'both':>6} {'only tl':>8} {'only jl':>8} {'agree':>7}")
        for row in rows:
            print(f"{row[0]:<36} {row[1]:<40} {row[2]:>6} {row[3]:>8} {row[4]:>8} {row[5]:>7}")


if __name__ == "__main__":
    main()
