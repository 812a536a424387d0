"""Lint one synthetic post with thousands of paragraphs to show there is no quadratic blow-up.

    python benchmarks/big_post.py [--paragraphs 3000] [--keep PATH]

The post mixes unique paragraphs (built from a vocabulary, so no two are
alike), exact copies, merged copies and cut-off paragraphs with restarts,
which is what the structure rules have to compare. Prints wall time and the
findings per rule.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SUBJECTS = ["物流センター", "需要予測", "配送計画", "在庫管理", "現場の担当者", "経営陣", "新しい仕組み", "データ基盤",
            "検品作業", "倉庫の自動化", "顧客対応", "月次の集計"]
VERBS = ["を見直しました", "が大きく改善しました", "の負担が減りました", "に課題が残りました", "を段階的に導入しました",
         "の精度が上がりました", "を全社に広げました", "について議論を重ねました"]
TIMES = ["初年度は", "二年目には", "導入直後は", "繁忙期には", "先月は", "試験運用の間は", "本格運用の後は"]


def sentence(rng: random.Random, serial: int) -> str:
    return f"{rng.choice(TIMES)}{rng.choice(SUBJECTS)}{rng.choice(VERBS)}（記録{serial}）。"


def build(paragraphs: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    body: list[str] = []
    serial = 0
    while len(body) < paragraphs:
        roll = rng.random()
        if roll < 0.05 and len(body) > 10:
            body.append(rng.choice(body))  # exact copy
        elif roll < 0.07 and len(body) > 10:
            body.append(" ".join(rng.sample(body[-10:], 3)))  # merged copy
        elif roll < 0.09:
            serial += 1
            full = "".join(sentence(rng, serial * 10 + i) for i in range(3))
            body.append(full[: len(full) // 2])  # cut off ...
            body.append(full)  # ... and restarted
        else:
            serial += 1
            body.append("".join(sentence(rng, serial * 10 + i) for i in range(rng.randint(2, 4))))
        if len(body) % 40 == 0:
            body.append(f"## 第{len(body) // 40}章")
    front = "---\ntitle: 大きな記事\ndate: 2025-01-01 10:00:00 +0900\ntags: [物流]\n---\n\n"
    return front + "\n\n".join(body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=3000)
    parser.add_argument("--keep", help="also write the post here")
    args = parser.parse_args()
    text = build(args.paragraphs)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "big-post.md"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "jalint", "check", str(path), "--format", "concise"],
                             capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
    counts = Counter(line.split()[2] for line in run.stdout.splitlines() if line.count(":") >= 3)
    print(f"{args.paragraphs} paragraphs, {len(text):,} characters: {elapsed:.2f} s wall (exit {run.returncode})")
    for rule, count in counts.most_common():
        print(f"  {count:6}  {rule}")
    if run.stderr.strip():
        print(run.stderr.strip()[:500])


if __name__ == "__main__":
    main()
