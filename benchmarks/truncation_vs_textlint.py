"""Compare truncated-paragraph/-document with textlint's ja-no-mixed-period on sampled posts.

    python benchmarks/truncation_vs_textlint.py [--corpus ../shared/corpus] [-n 40] [--seed 42] [--textlint-dir DIR]

Installs textlint and textlint-rule-ja-no-mixed-period with npm into a scratch
folder (reused when --textlint-dir already has them), lints the same random
posts with both tools and lists, paragraph by paragraph, what each one flags.
A paragraph flagged only by textlint is printed for review: docs/accuracy.md
records how many of those were real cut-offs (recall) and how many of both
tools' flags were not (precision).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

PACKAGES = ["textlint@14", "textlint-rule-ja-no-mixed-period"]


def ensure_textlint(folder: Path) -> Path:
    binary = folder / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=folder, check=True, capture_output=True)
        subprocess.run(["npm", "install", "--silent", *PACKAGES], cwd=folder, check=True)
    (folder / ".textlintrc.json").write_text('{"rules": {"ja-no-mixed-period": true}}\n', encoding="utf-8")
    return binary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("-n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--textlint-dir", default="/tmp/jalint-textlint")
    args = parser.parse_args()
    folder = Path(args.textlint_dir)
    textlint = ensure_textlint(folder)
    posts = sorted(str(p) for p in Path(args.corpus).rglob("*.md") if p.name != "README.md")
    random.seed(args.seed)
    sample = random.sample(posts, min(args.n, len(posts)))
    run = subprocess.run([str(textlint), "--config", str(folder / ".textlintrc.json"), "--format", "json", *sample],
                         capture_output=True, text=True, check=False, cwd=folder)
    theirs = [(f["filePath"], m["line"]) for f in json.loads(run.stdout) for m in f["messages"]]
    ours_run = subprocess.run(
        [sys.executable, "-m", "jalint", "check", *sample, "--select", "truncated-paragraph,truncated-document",
         "--format", "json"], capture_output=True, text=True, check=False)
    ours = [(f["path"], f["line"], f["end_line"]) for f in json.loads(ours_run.stdout)["findings"]]

    def ours_hit(path: str, line: int) -> bool:
        return any(path == p and a <= line <= b for p, a, b in ours)

    only_textlint = [(p, line) for p, line in theirs if not ours_hit(p, line)]
    only_ours = [(p, a, b) for p, a, b in ours if not any(p == q and a <= line <= b for q, line in theirs)]
    print(f"{len(sample)} posts: ja-no-mixed-period {len(theirs)} flags, jalint {len(ours)} flags, "
          f"both {len(theirs) - len(only_textlint)}, only textlint {len(only_textlint)}, only jalint {len(only_ours)}")
    print("\nonly textlint (review: cut off or not?)")
    for path, line in only_textlint:
        print(f"  {Path(path).name[:40]}:{line}  {_line(path, line)}")
    print("\nonly jalint")
    for path, first, last in only_ours:
        print(f"  {Path(path).name[:40]}:{first}  {_line(path, last)}")
    print("\nflagged by jalint (review: cut off or not?)")
    for path, first, last in ours:
        print(f"  {Path(path).name[:40]}:{first}  {_line(path, last)}")


def _line(path: str, line: int) -> str:
    text = Path(path).read_text(encoding="utf-8").splitlines()[line - 1].strip()
    return text if len(text) <= 70 else text[:20] + " … " + text[-45:]


if __name__ == "__main__":
    main()
