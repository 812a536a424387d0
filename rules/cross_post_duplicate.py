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
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import Any

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import option, Rule, RuleOptions
from jalint.rules._truncation import DEFAULT_APPENDIX_HEADINGS, appendix_blocks
from jalint.text import normalise

_SENTENCE_END = re.compile(r"(?<=[。．！？!?])")
SAMPLE_CHARS = 12
MIN_SHARED = 3
STOCK_PHRASE = 50  # a sample held by more paragraphs than this is a stock phrase, not evidence


class Options(RuleOptions):
    min_chars: int = option(50, "Paragraphs shorter than this (normalised) are not compared.")
    similarity: float = option(0.5, "Share of sentence samples two paragraphs must share to be near copies.")
    max_posts: int = option(3, "A paragraph found in more posts than this is boilerplate.")


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


SAMPLE_WIDTH = 8  # hex digits of one CRC-32 sample


def samples(key: str) -> str:
    """Stable (cross-process) samples: each sentence, its start and its end, as 8-hex-digit CRCs in one string.

    One string per paragraph instead of a list of ints: the parent holds the
    summaries of every post of the run, and a list of a dozen ints costs three
    times as much memory (and cache JSON) as their hex digits.
    """
    found: set[int] = set()
    for sentence in _SENTENCE_END.split(key):
        if sentence:
            found.add(_crc(sentence))
            if len(sentence) > SAMPLE_CHARS:
                found.add(_crc("^" + sentence[:SAMPLE_CHARS]))
                found.add(_crc("$" + sentence[-SAMPLE_CHARS:]))
    return "".join(f"{value:08x}" for value in sorted(found))


def _each_sample(packed: str) -> list[str]:
    return [packed[i : i + SAMPLE_WIDTH] for i in range(0, len(packed), SAMPLE_WIDTH)]


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
        exact = _exact_copies(paragraphs)
        copies = {**self._near_copies(paragraphs, set(exact)), **exact}
        for position, other in sorted(copies.items()):
            path, item = paragraphs[position]
            if path not in targets or len(posts_by_hash[item["h"]]) > self.options.max_posts:
                continue
            other_path, other_item = paragraphs[other]
            yield CorpusFinding(
                path, item,
                f"この段落は別の記事 {other_path}（{other_item['loc'][0]} 行目）とほぼ同じ内容です。"
                "記事間の重複をなくしてください。",
                ((other_path, other_item, "同じ段落のある記事"),),
            )

    def _near_copies(self, paragraphs: list[tuple[str, Any]], exact: set[int]) -> dict[int, int]:
        """Later paragraph -> earliest near copy in another post, from samples shared across posts.

        Only samples that occur in two or more posts are looked at, so the work
        grows with the number of shared samples, not with the corpus size; pairs
        whose later paragraph is an exact copy (reported as such) are not counted.
        """
        pairs: Counter[tuple[int, int]] = Counter()
        for holders in _shared_sample_index(paragraphs).values():
            # One paragraph per post: copies inside a post are duplicate-paragraph's business.
            per_post = list({paragraphs[p][0]: p for p in reversed(holders)}.values())
            if len(per_post) > STOCK_PHRASE:
                continue  # a stock phrase, not evidence
            for first, second in combinations(sorted(per_post), 2):
                if second not in exact:
                    pairs[(first, second)] += 1
        copies: dict[int, int] = {}
        for (first, second), count in sorted(pairs.items()):
            if count < MIN_SHARED or second in copies:
                continue  # three shared samples at least: a sentence's start and end alone is a stock frame
            mine, theirs = paragraphs[second][1], paragraphs[first][1]
            if not 0.8 <= theirs["n"] / mine["n"] <= 1.25:
                continue
            union = (len(mine["s"]) + len(theirs["s"])) // SAMPLE_WIDTH - count
            if union and count / union >= self.options.similarity:
                copies[second] = first
        return copies


def _exact_copies(paragraphs: list[tuple[str, Any]]) -> dict[int, int]:
    """Later paragraph -> first paragraph of another post with the same normalised text."""
    first_of: dict[int, int] = {}
    copies: dict[int, int] = {}
    for position, (path, item) in enumerate(paragraphs):
        first = first_of.setdefault(item["h"], position)
        if first != position and paragraphs[first][0] != path:
            copies[position] = first
    return copies


def _shared_sample_index(paragraphs: list[tuple[str, Any]]) -> dict[str, list[int]]:
    """Sample -> paragraphs holding it (in order), for samples that occur in at least two posts."""
    first_post: dict[str, str] = {}
    shared: set[str] = set()
    for path, item in paragraphs:
        for sample in _each_sample(item["s"]):
            if first_post.setdefault(sample, path) != path:
                shared.add(sample)
    index: dict[str, list[int]] = defaultdict(list)
    for position, (_, item) in enumerate(paragraphs):
        for sample in _each_sample(item["s"]):
            if sample in shared:
                index[sample].append(position)
    return index
