"""## What it finds
The same unsourced figure phrase (「75%以上の企業」, 「市場規模は2440億ドル」) in many
posts of the corpus: at least `min-posts` posts state it without a source
(as judged by unsupported-statistic). Each use in a checked post is reported,
with other posts that use it as related places.

This is a corpus rule: it runs when several posts are checked, or with
`--corpus`/`corpus`.

## Why it matters
A figure that recurs word for word across unrelated articles without a source
was put there by a template or a text substitution (a pipeline once replaced
「多くの企業」 with 「75%以上の企業」 everywhere). Readers cannot tell it from a real
statistic, and one correction has to be made in every post.

## Example
```markdown
<!-- file: _posts/2025-03-01-a.md -->
物流の現場では、いまや83%以上の倉庫が人手不足に悩んでいます。
<!-- file: _posts/2025-03-02-b.md -->
小売の世界でも、83%以上の倉庫が新しい仕組みを探しています。
<!-- file: _posts/2025-03-03-c.md -->
地方では83%以上の倉庫が古い設備を使い続けています。
```

## Use instead
```markdown
<!-- file: _posts/2025-03-01-a.md -->
物流の現場では、多くの倉庫が人手不足に悩んでいます。
<!-- file: _posts/2025-03-02-b.md -->
倉庫業協会の2024年の調査によると、83%以上の倉庫が新しい仕組みを探しています。
<!-- file: _posts/2025-03-03-c.md -->
地方では古い設備を使い続ける倉庫が少なくありません。
```

The example's posts are separated by `<!-- file: NAME -->` lines.

## Options
- `min-posts` (default 3): how many posts must state the same unsourced figure
  phrase before it is reported; round figures with one significant digit
  (「10億ドル」, 「20%削減」) need three times as many, since unrelated posts share
  them by chance, and bare multiples such as 「2倍」 never count.

## Fix safety
No fix: the figure needs a source or a rewrite by a person.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import option, Rule, RuleOptions
from jalint.rules._statistics import Settings, shared_candidates
from jalint.text import normalise

# A bare multiple (「2倍」) recurs by coincidence in unrelated claims; it is no sign of a template.
_GENERIC = re.compile(r"^[0-9０-９.．]+倍$")
MAX_RELATED = 5
ROUND_FACTOR = 3  # round figures (「10億ドル」「20%削減」) coincide more often: they need this many times the posts
_NUMBER = re.compile(r"[0-9][0-9,.]*")


def _is_round(phrase: str) -> bool:
    """One significant digit (1, 20, 300, 5000): a figure unrelated posts share by chance."""
    numbers = _NUMBER.findall(phrase)
    return bool(numbers) and all(len(n.replace(",", "").replace(".", "").strip("0")) <= 1 for n in numbers)


class Options(RuleOptions):
    min_posts: int = option(3, "How many posts must state the same unsourced figure before it is reported.")


class RepeatedStatistic(Rule[Options]):
    name = "repeated-statistic"
    category = "claims"
    scope = "corpus"
    severity = "warning"
    Options = Options

    def summarize(self, doc: Document) -> Any:
        items = []
        for candidate in shared_candidates(doc, Settings()):
            if candidate.verdict in ("unattributed", "repeat") and not _GENERIC.match(candidate.phrase):
                items.append({"span": [candidate.span.start, candidate.span.end], "phrase": candidate.phrase})
        return {"items": items}

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[CorpusFinding]:
        uses: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for path in sorted(summaries):
            for item in summaries[path].get("items", []):
                uses[normalise(item["phrase"])].append((path, item))
        for key, group in uses.items():
            posts = sorted({path for path, _ in group})
            needed = self.options.min_posts * ROUND_FACTOR if _is_round(key) else self.options.min_posts
            if len(posts) < needed:
                continue
            for path, item in group:
                if path not in targets:
                    continue
                others = [(p, i) for p, i in group if p != path]
                related = tuple(
                    (p, i, f"同じ数値「{i['phrase']}」を出典なしで使っている記事") for p, i in others[:MAX_RELATED]
                )
                yield CorpusFinding(
                    path, item,
                    f"出典のない数値「{item['phrase']}」が {len(posts)} 記事で使われています。"
                    "テンプレートや置換で入った数値でないか確かめ、出典を示すか書き換えてください。",
                    related,
                )
