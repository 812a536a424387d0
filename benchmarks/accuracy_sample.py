"""Print a random sample of one rule's findings on a corpus, with context, for precision reviews.

    python benchmarks/accuracy_sample.py RULE [--corpus ../shared/corpus] [-n 20] [--seed 1] [--grep TEXT]

Each finding shows the flagged line (and the related places) so a reviewer can
mark it as a true or false positive; docs/accuracy.md records the results.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rule")
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--grep", default="", help="only findings whose message contains this")
    parser.add_argument("--width", type=int, default=160)
    args = parser.parse_args()
    run = subprocess.run(
        [sys.executable, "-m", "jalint", "check", args.corpus, "--no-cache", "--select", args.rule, "--format", "json"],
        capture_output=True, text=True, check=False,
    )
    findings = [f for f in json.loads(run.stdout)["findings"] if args.grep in f["message"]]
    posts = {f["path"] for f in findings}
    print(f"{args.rule}: {len(findings)} findings in {len(posts)} posts")
    kinds = Counter(f["message"].split("（")[0][-25:] for f in findings)
    for kind, count in kinds.most_common(8):
        print(f"  {count:6}  …{kind}")
    random.seed(args.seed)
    for number, f in enumerate(random.sample(findings, min(args.n, len(findings))), 1):
        lines = Path(f["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
        text = lines[f["line"] - 1] if f["line"] - 1 < len(lines) else ""
        print(f"\n#{number} {f['path']}:{f['line']}:{f['column']}  {f['message']}")
        print(f"   > {_clip(text, args.width)}")
        for related in f["related"][:4]:
            other = Path(related["path"]).read_text(encoding="utf-8", errors="replace").splitlines()
            print(f"   ~ {related['line']}: {_clip(other[related['line'] - 1], args.width)}")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width // 2] + " … " + text[-width // 2 :]


if __name__ == "__main__":
    main()
