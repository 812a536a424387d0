"""Repair every post of a corpus in a scratch copy and measure what issue 10 asks (docs/repair.md).

    python benchmarks/repair_corpus.py [--corpus ../shared/corpus] [--show 10]

For each post: the structural findings before, `jalint check --fix --unsafe-fixes`
on the copy, the structural findings after, and the sentence invariant
(`jalint.repair_check.lost_sentences`, ignoring the text generation-leftover was
asked to remove). Prints the share of posts where the invariant holds, the share
of damaged posts that come out with no structural finding (with and without
truncated-document, which needs a writer), how many findings each rule had
before and after, and examples of what remains. The corpus itself is never
written.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jalint.positions import Span  # noqa: E402
from jalint.repair_check import lost_sentences  # noqa: E402
from jalint.source import DecodeProblem  # noqa: E402

STRUCTURAL = {"duplicate-paragraph", "duplicate-sentence", "duplicate-heading", "truncated-paragraph",
              "truncated-document", "accidental-setext-heading", "pseudo-heading", "generation-leftover",
              "dangling-heading", "title-repeated-in-body", "atx-heading-without-space", "repair-refused"}


def findings(folder: Path, *extra: str) -> dict[str, list[dict]]:
    done = subprocess.run([sys.executable, "-m", "jalint", "check", "--no-cache", "--format", "json", *extra,
                           str(folder)], capture_output=True, text=True, check=False, cwd=folder.parent)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr)
    by_post: dict[str, list[dict]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        by_post.setdefault(Path(finding["path"]).name, []).append(finding)
    return by_post


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--show", type=int, default=10, help="Examples of remaining findings to print per rule.")
    args = parser.parse_args()
    source = Path(args.corpus).resolve() / "_posts"
    work = Path(tempfile.mkdtemp(prefix="jalint-repair-"))
    try:
        posts = work / "_posts"
        shutil.copytree(source, posts)
        shutil.copy(source.parent / "_config.yml", work / "_config.yml")
        before = findings(posts)
        originals = {p.name: p.read_text(encoding="utf-8") for p in sorted(posts.glob("*.md"))}
        fixing = subprocess.run([sys.executable, "-m", "jalint", "check", "--no-cache", "--fix", "--unsafe-fixes",
                                 "--format", "json", str(posts)], capture_output=True, text=True, check=False, cwd=work)
        refusals = [f for f in json.loads(fixing.stdout)["findings"] if f["rule"] == "repair-refused"]
        after = findings(posts)
        kept, lost_examples, damaged, clean, clean_but_end = 0, [], 0, 0, 0
        counts_before, counts_after, remaining = Counter(), Counter(), {}
        blocking: Counter = Counter()  # the set of rules left in each damaged post that did not come out clean
        for name, original in originals.items():
            repaired = (posts / name).read_text(encoding="utf-8")
            structural_before = [f for f in before.get(name, []) if f["rule"] in STRUCTURAL]
            structural_after = [f for f in after.get(name, []) if f["rule"] in STRUCTURAL]
            counts_before.update(f["rule"] for f in structural_before)
            counts_after.update(f["rule"] for f in structural_after)
            for f in structural_after:
                remaining.setdefault(f["rule"], []).append(f"{name}:{f['line']}: {f['message'][:90]}")
            leftovers = [_span(original, f) for f in before.get(name, []) if f["rule"] == "generation-leftover"]
            leftovers += _prompt_vocabulary(original)
            lost = lost_sentences(original, repaired, ignore=leftovers)
            if lost:
                lost_examples.append((name, lost[:2]))
            else:
                kept += 1
            if structural_before:
                damaged += 1
                if not structural_after:
                    clean += 1
                else:
                    blocking[" + ".join(sorted({f["rule"] for f in structural_after}))] += 1
                if all(f["rule"] == "truncated-document" for f in structural_after):
                    clean_but_end += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = len(originals)
    print(f"posts: {total}; the sentence invariant holds on {kept} ({kept / total:.1%})")
    for name, lost in lost_examples[: args.show]:
        print(f"  lost in {name}: {lost}")
    print(f"repairs refused by the safety net (repair-refused): {len(refusals)} in "
          f"{len({f['path'] for f in refusals})} posts")
    for f in refusals[: args.show]:
        print(f"  {Path(f['path']).name}:{f['line']}: {f['message'][:100]}")
    print(f"damaged posts (a structural finding before): {damaged}")
    print(f"  no structural finding after: {clean} ({clean / damaged:.1%})")
    print(f"  at most truncated-document after (an ending a writer must finish): {clean_but_end} "
          f"({clean_but_end / damaged:.1%})")
    print("\nwhat is left in the damaged posts that did not come out clean (posts per set of rules):")
    for rules, count in blocking.most_common(12):
        print(f"  {count:4d}  {rules}")
    print("\n| rule | findings before | after |\n|---|---:|---:|")
    for rule in sorted(set(counts_before) | set(counts_after), key=lambda r: -counts_before[r]):
        print(f"| {rule} | {counts_before[rule]} | {counts_after[rule]} |")
    for rule, lines in sorted(remaining.items()):
        print(f"\nremaining {rule} ({len(lines)}):")
        for line in lines[: args.show]:
            print("  " + line)


# The continuation prompt's 「既存の記事」 wording, which generation-leftover rewords (「前述のとおり、」), and the
# pieces of it a cut leaves: a paragraph ending in 「既存」 or restarting at 「記事でも触れたが、」. The rule reports
# one finding a line, so a copy of the wording on the same line as another has no finding of its own; the
# sentences that hold it are what the rule was asked to change, not text a repair may lose.
_PROMPT_WORDING = re.compile(r"既存の?記事|既存\s*$|^\s*記事(?:で|でも|に|にも)(?:も)?(?:少し)?(?:触れ|述べ|紹介|言及|取り上げ)")


def _prompt_vocabulary(text: str) -> list[Span]:
    from jalint.document import Document
    from jalint.source import decode

    source = decode("post.md", text.encode("utf-8"))
    if isinstance(source, DecodeProblem):
        return []
    return [sentence.span for sentence in Document(source).sentences if _PROMPT_WORDING.search(sentence.text)]


def _span(text: str, finding: dict) -> Span:
    """A finding's span from its line/column (1-based, columns in characters)."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: finding["line"] - 1]) + finding["column"] - 1
    end = sum(len(line) for line in lines[: finding["end_line"] - 1]) + finding["end_column"] - 1
    return Span(start, max(end, start + 1))


if __name__ == "__main__":
    main()
