"""Sample the figures `unsupported-statistic` reports and the ones it lets pass, for a precision review.

    python benchmarks/statistic_sample.py [--corpus ../shared/corpus] [-n 30] [--seed 1]
        [--group reported|passed|both] [--reason TEXT] [--tsv FILE]

The rule's analysis (`jalint.rules._statistics.candidates`) gives every figure
in a post with a verdict: "unattributed" (reported), "attributed" or
"excluded" (not reported, with the cue or exclusion that decided). The script
prints counts per verdict and reason, then a random sample of each group with
its sentence and the sentence before, so a reviewer can mark each one:

- reported: is it really a claim about the world without a source? (precision)
- passed: was it really attributed, or legitimately not a claim? (agreement)

`--tsv` writes every candidate (path, line, verdict, reason, phrase, sentence)
for ad-hoc grepping.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from jalint.document import Document
from jalint.inline import strip_masks
from jalint.rules._statistics import Candidate, candidates
from jalint.rules.unsupported_statistic import Options, settings_for
from jalint.source import decode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("-n", type=int, default=30, help="sample size per group")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--group", choices=("reported", "passed", "both"), default="both")
    parser.add_argument("--reason", default="", help="only candidates whose reason contains this")
    parser.add_argument("--width", type=int, default=220)
    parser.add_argument("--tsv", help="write every candidate to this file")
    args = parser.parse_args()

    rows = list(_collect(Path(args.corpus)))
    reported = [r for r in rows if r[1].verdict == "unattributed"]
    passed = [r for r in rows if r[1].verdict in ("attributed", "excluded")]
    repeats = sum(1 for r in rows if r[1].verdict == "repeat")
    posts = {path for path, _, _ in reported}
    print(
        f"{len(rows)} figures: {len(reported)} reported in {len(posts)} posts "
        f"(+{repeats} repeats shown as related places), {len(passed)} attributed or excluded"
    )
    for verdict in ("attributed", "excluded"):
        reasons = Counter(_reason_kind(c) for _, c, _ in rows if c.verdict == verdict)
        print(f"  {verdict}: " + ", ".join(f"{reason} {count}" for reason, count in reasons.most_common(12)))
    if args.tsv:
        _write_tsv(Path(args.tsv), rows)
    random.seed(args.seed)
    groups = {"reported": reported, "passed": passed}
    for name, group in groups.items():
        if args.group not in (name, "both"):
            continue
        pool = [r for r in group if args.reason in r[1].reason]
        print(f"\n=== {name}: {min(args.n, len(pool))} of {len(pool)} ===")
        for number, (path, candidate, doc) in enumerate(random.sample(pool, min(args.n, len(pool))), 1):
            _show(number, path, candidate, doc, args.width)


def _collect(corpus: Path):  # noqa: ANN202 - yields (path, Candidate, Document)
    settings = settings_for(Options())
    files = sorted(corpus.rglob("*.md")) if corpus.is_dir() else [corpus]
    for file in files:
        decoded = decode(str(file), file.read_bytes())
        if not hasattr(decoded, "text"):
            continue
        doc = Document(decoded)
        for candidate in candidates(doc, settings):
            yield str(file), candidate, doc


def _reason_kind(candidate: Candidate) -> str:
    return candidate.reason.split(" (")[0]


def _show(number: int, path: str, candidate: Candidate, doc: Document, width: int) -> None:
    line = doc.lines.line_of(candidate.span.start)
    sentences = doc.sentences
    index = sentences.index(candidate.sentence)
    verdict = candidate.verdict + (f": {candidate.reason}" if candidate.reason else "")
    print(f"\n#{number} {path}:{line}  「{candidate.phrase}」  [{verdict}]")
    if index > 0:
        print(f"   < {_clip(strip_masks(sentences[index - 1].text), width)}")
    print(f"   > {_clip(strip_masks(candidate.sentence.text), width)}")


def _write_tsv(target: Path, rows: list) -> None:  # noqa: ANN001
    with target.open("w", encoding="utf-8") as out:
        for path, candidate, doc in rows:
            line = doc.lines.line_of(candidate.span.start)
            sentence = strip_masks(candidate.sentence.text).replace("\t", " ")
            out.write(f"{path}\t{line}\t{candidate.verdict}\t{candidate.reason}\t{candidate.phrase}\t{sentence}\n")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width // 2] + " … " + text[-width // 2 :]


if __name__ == "__main__":
    sys.exit(main())
