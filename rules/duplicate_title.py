"""## What it finds
Two posts of the corpus with the same or nearly the same title (after folding
width, case, spaces and punctuation; rapidfuzz similarity at or above
`threshold`). The later post (by path, which starts with the date in Jekyll)
is reported, with the earlier post's title as related place. This is a corpus
rule: it runs when several posts are checked, or with `--corpus`/`corpus`.

## Why it matters
Pipelines that generate a post per news item write the same headline twice.
Search engines then pick one of the two pages at random, and readers see the
same title twice in lists and feeds.

## Example
```markdown
<!-- file: _posts/2025-03-01-forecast.md -->
---
title: "物流AIの導入事例：需要予測で在庫を2割削減"
---

本文です。
<!-- file: _posts/2025-04-01-forecast-again.md -->
---
title: "物流AIの導入事例：需要予測で在庫を２割削減！"
---

別の本文です。
```

## Use instead
```markdown
<!-- file: _posts/2025-03-01-forecast.md -->
---
title: "物流AIの導入事例：需要予測で在庫を2割削減"
---

本文です。
<!-- file: _posts/2025-04-01-forecast-again.md -->
---
title: "需要予測の一年後：在庫削減の効果は続いたか"
---

別の本文です。
```

The example's posts are separated by `<!-- file: NAME -->` lines.

## Options
- `threshold` (default 92.0): similarity (0-100) at or above which two titles
  count as the same. Titles whose numbers differ (「Pi 2.0」, 「Pi 3.0」) never do.

## Fix safety
No fix: which post to rename or merge is an editorial choice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, process

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import option, Rule, RuleOptions

_NOISE = re.compile(r"[\s\W_]+")
_NUMBERS = re.compile(r"[0-9]+")


def same_numbers(a: str, b: str) -> bool:
    """Whether two folded texts carry the same numbers: 「Pi 2.0」 and 「Pi 3.0」 are two products, never one text."""
    return _NUMBERS.findall(a) == _NUMBERS.findall(b)


def title_key(title: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", title)).casefold()


class Options(RuleOptions):
    threshold: float = option(92.0, "Similarity (0-100) at or above which two titles count as the same.")


class DuplicateTitle(Rule[Options]):
    name = "duplicate-title"
    category = "front-matter"
    scope = "corpus"
    severity = "warning"
    Options = Options

    def summarize(self, doc: Document) -> Any:
        entry = doc.front_matter.entries.get("title") if doc.front_matter else None
        if entry is None or not isinstance(entry.value, str) or not title_key(entry.value):
            return {"items": []}
        return {"items": [{"span": [entry.value_span.start, entry.value_span.end], "title": entry.value}]}

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[CorpusFinding]:
        posts = [(path, item) for path in sorted(summaries) for item in summaries[path].get("items", [])]
        keys = [title_key(item["title"]) for _, item in posts]
        first_by_key: dict[str, int] = {}
        for index, key in enumerate(keys):
            first_by_key.setdefault(key, index)
        for index, (path, item) in enumerate(posts):
            if path not in targets:
                continue
            earlier = first_by_key[keys[index]]
            if earlier == index and index:
                # Near matches among earlier titles: rapidfuzz's C loop with a score cutoff.
                match = process.extractOne(
                    keys[index], keys[:index], scorer=fuzz.ratio, score_cutoff=self.options.threshold
                )
                # 「Pi 2.0」 and 「Pi 3.0」 are two products: titles whose numbers differ are different titles.
                if match and same_numbers(match[0], keys[index]):
                    earlier = first_by_key[match[0]]
            if earlier == index:
                continue
            other_path, other = posts[earlier]
            yield CorpusFinding(
                path, item,
                f"タイトル「{item['title']}」が別の記事（{other_path}）とほぼ同じなので、内容に合わせて書き分けるか記事を統合してください。",
                ((other_path, other, "同じタイトルの記事"),),
            )
