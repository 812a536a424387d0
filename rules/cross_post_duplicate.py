"""## What it finds
A body paragraph that also stands in another post of the corpus, word for word
(after folding width, whitespace and emphasis) or nearly (most of its
sentences, sentence starts and sentence ends are shared). The later post (by
path, which starts with the date in Jekyll) is reported, with the other post
as related place. Paragraphs that appear in more than `max-posts` posts are
boilerplate (a template's call to action) and are left alone, and so are the
appended parts of a post (related posts, book and consulting blocks).

This is a corpus rule: it runs when several posts are checked, or with
`--corpus`/`corpus`; each post contributes only hashes of its paragraphs.

## Why it matters
Generators reuse their own paragraphs across posts on the same topic. Search
engines treat such pages as duplicate content, and readers who follow the
related links read the same text twice.

## Example
```markdown
<!-- file: _posts/2025-03-01-forecast.md -->
---
title: 需要予測の導入
---

需要予測を導入した倉庫では、欠品と過剰在庫がともに減り、現場の残業時間も目に見えて短くなりました。担当者は空いた時間で棚の配置を見直しています。

<!-- file: _posts/2025-04-01-routes.md -->
---
title: 配送ルートの見直し
---

需要予測を導入した倉庫では、欠品と過剰在庫がともに減り、現場の残業時間も目に見えて短くなりました。担当者は空いた時間で棚の配置を見直しています。
```

## Use instead
```markdown
<!-- file: _posts/2025-03-01-forecast.md -->
---
title: 需要予測の導入
---

需要予測を導入した倉庫では、欠品と過剰在庫がともに減り、現場の残業時間も目に見えて短くなりました。担当者は空いた時間で棚の配置を見直しています。

<!-- file: _posts/2025-04-01-routes.md -->
---
title: 配送ルートの見直し
---

配送ルートを毎朝組み直すようにしてから、走行距離が一割ほど短くなりました。
```

The example's posts are separated by `<!-- file: NAME -->` lines.

## Options
- `min-chars` (default 50): paragraphs shorter than this (normalised) are not compared.
- `similarity` (default 0.5): share of sentence samples two paragraphs must
  have in common (Jaccard) to count as near copies.
- `max-posts` (default 3): a paragraph found in more posts than this is boilerplate.

## Fix safety
No fix: which post should keep the paragraph is an editorial choice.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import Rule, option
from jalint.rules._truncation import DEFAULT_APPENDIX_HEADINGS, appendix_blocks
from jalint.text import normalise

_SENTENCE_END = re.compile(r"(?<=[。．！？!?])")
SAMPLE_CHARS = 12
MIN_SHARED = 3


@dataclass(frozen=True)
class Options:
    min_chars: int = option(50, "Paragraphs shorter than this (normalised) are not compared.")
    similarity: float = option(0.5, "Share of sentence samples two paragraphs must share to be near copies.")
    max_posts: int = option(3, "A paragraph found in more posts than this is boilerplate.")


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def samples(key: str) -> list[int]:
    """Stable (cross-process) samples: each sentence, its start and its end."""
    found: set[int] = set()
    for sentence in _SENTENCE_END.split(key):
        if sentence:
            found.add(_crc(sentence))
            if len(sentence) > SAMPLE_CHARS:
                found.add(_crc("^" + sentence[:SAMPLE_CHARS]))
                found.add(_crc("$" + sentence[-SAMPLE_CHARS:]))
    return sorted(found)


class CrossPostDuplicate(Rule[Options]):
    name = "cross-post-duplicate"
    category = "structure"
    scope = "corpus"
    severity = "warning"
    Options = Options

    def summarize(self, doc: Document) -> Any:
        appended = appendix_blocks(doc, DEFAULT_APPENDIX_HEADINGS)
        items = []
        for index, block in enumerate(doc.blocks):
            if block.kind != "paragraph" or not block.top_level or index in appended:
                continue
            span = block.content or block.span
            key = normalise(doc.plain(span))
            if len(key) < self.options.min_chars:
                continue
            items.append({"span": [span.start, span.end], "h": _crc(key), "n": len(key), "s": samples(key)})
        return {"items": items}

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[CorpusFinding]:
        paragraphs = [(path, item) for path in sorted(summaries) for item in summaries[path].get("items", [])]
        posts_by_hash: dict[int, set[str]] = defaultdict(set)
        for path, item in paragraphs:
            posts_by_hash[item["h"]].add(path)
        index: dict[int, list[int]] = defaultdict(list)
        for position, (_, item) in enumerate(paragraphs):
            for sample in item["s"]:
                index[sample].append(position)
        first_exact: dict[int, int] = {}
        for position, (path, item) in enumerate(paragraphs):
            first_exact.setdefault(item["h"], position)
            if path not in targets or len(posts_by_hash[item["h"]]) > self.options.max_posts:
                continue
            other = self._earlier_copy(paragraphs, index, position, first_exact)
            if other is None:
                continue
            other_path, other_item = paragraphs[other]
            line = other_item["loc"][0]
            yield CorpusFinding(
                path, item,
                f"この段落は別の記事 {other_path}（{line} 行目）とほぼ同じ内容です。記事間の重複をなくしてください。",
                ((other_path, other_item, "同じ段落のある記事"),),
            )

    def _earlier_copy(
        self, paragraphs: list[tuple[str, Any]], index: dict[int, list[int]], position: int, first_exact: dict[int, int]
    ) -> int | None:
        path, item = paragraphs[position]
        exact = first_exact[item["h"]]
        if exact != position and paragraphs[exact][0] != path:
            return exact
        mine = set(item["s"])
        shared: dict[int, int] = defaultdict(int)
        for sample in mine:
            holders = index[sample]
            if len(holders) > 50:  # a stock phrase, not evidence
                continue
            for other in holders:
                if other < position and paragraphs[other][0] != path:
                    shared[other] += 1
        for other, count in sorted(shared.items()):
            theirs = paragraphs[other][1]
            if not 0.8 <= theirs["n"] / item["n"] <= 1.25:
                continue
            union = len(mine) + len(theirs["s"]) - count
            # At least three shared samples: one sentence's start and end alone is a stock frame.
            if count >= MIN_SHARED and union and count / union >= self.options.similarity:
                return other
        return None
