"""## What it finds
The same or nearly the same excerpt, description or summary in two posts of
the corpus (after folding width, case, spaces and punctuation; rapidfuzz
similarity at or above `threshold`). The later post (by path, which starts with
the date in Jekyll) is reported at its value, with the earlier post's value as
related place. Values whose numbers differ never count as the same. This is a
corpus rule: it runs when several posts are checked, or with
`--corpus`/`corpus`.

## Why it matters
The excerpt or description becomes the page's meta description and the text
of cards and feeds. Pipelines that fill it from a prompt template write the
same sentence for many posts (「…の最新動向について詳しく解説します。」);
search engines report duplicate meta descriptions and show the same snippet
for different pages, and readers cannot tell the posts apart in a list.
excerpt-duplicates-title compares an excerpt with its own title only.

## Example
```markdown
<!-- file: _posts/2025-03-01-retail.md -->
---
title: "小売店の需要予測にAIを使う"
excerpt: "AI活用の最新動向と、企業が今すぐ取り組むべきポイントを詳しく解説します。"
---

本文です。
<!-- file: _posts/2025-04-01-clinic.md -->
---
title: "診療所の予約受付をAIに任せる"
excerpt: "AI活用の最新動向と、企業が今すぐ取り組むべきポイントを詳しく解説します。"
---

別の本文です。
```

## Use instead
```markdown
<!-- file: _posts/2025-03-01-retail.md -->
---
title: "小売店の需要予測にAIを使う"
excerpt: "天候と販促の記録から発注量を決める、小さな小売店の需要予測の始め方を紹介します。"
---

本文です。
<!-- file: _posts/2025-04-01-clinic.md -->
---
title: "診療所の予約受付をAIに任せる"
excerpt: "電話の予約受付をAIに任せた診療所で、受付の待ち時間がどう変わったかをまとめました。"
---

別の本文です。
```

The example's posts are separated by `<!-- file: NAME -->` lines.

## Options
- `keys` (default `("excerpt", "description", "summary")`): the front-matter
  keys that hold a post's summary; values under any of them are compared with
  each other.
- `threshold` (default 90.0): similarity (0-100) at or above which two values
  count as the same.
- `min-chars` (default 12): shorter values (after folding) are not compared: a
  one-word description is a label, not a summary.

## Fix safety
No fix: the summary has to be written for the post.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz, process

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import option, Rule, RuleOptions
from jalint.rules.duplicate_title import same_numbers, title_key

class Options(RuleOptions):
    keys: tuple[str, ...] = option(("excerpt", "description", "summary"),
                                   "Front-matter keys that hold a post's summary.")
    threshold: float = option(90.0, "Similarity (0-100) at or above which two values count as the same.")
    min_chars: int = option(12, "Shorter values (after folding) are not compared.")


class DuplicateExcerpt(Rule[Options]):
    name = "duplicate-excerpt"
    category = "front-matter"
    scope = "corpus"
    severity = "warning"
    Options = Options

    def summarize(self, doc: Document) -> Any:
        items = []
        entries = doc.front_matter.entries if doc.front_matter else {}
        for key in self.options.keys:
            entry = entries.get(key)
            if entry is None or not isinstance(entry.value, str):
                continue
            if len(title_key(entry.value)) >= self.options.min_chars:
                items.append({"span": [entry.value_span.start, entry.value_span.end], "key": key, "text": entry.value})
        return {"items": items}

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[CorpusFinding]:
        values = [(path, item) for path in sorted(summaries) for item in summaries[path].get("items", [])]
        keys = [title_key(item["text"]) for _, item in values]
        first_by_key: dict[str, int] = {}
        seen: list[str] = []  # distinct folded values so far, in order (rapidfuzz searches them in C)
        reported: set[str] = set()
        for index, (path, item) in enumerate(values):
            earlier: int | None = first_by_key.get(keys[index])
            if earlier is None:
                earlier = self._near_earlier(keys[index], path, seen, first_by_key, values)
                first_by_key[keys[index]] = index
                seen.append(keys[index])
            if earlier is None or values[earlier][0] == path:
                continue  # new text, or the same text under two keys of one post (not a copy between posts)
            if path not in targets or path in reported:
                continue
            reported.add(path)  # one finding a post: its excerpt and description are usually the same text
            other_path, other = values[earlier]
            yield CorpusFinding(
                path, item,
                f"`{item['key']}` が別の記事 {other_path} の `{other['key']}` とほぼ同じ文なので、"
                "検索結果で区別できるよう、この記事の内容に合わせて書き直してください。",
                ((other_path, other, "同じ要約の記事"),),
            )

    def _near_earlier(self, key: str, path: str, seen: list[str], first_by_key: dict[str, int],
                      values: list[tuple[str, Any]]) -> int | None:
        """The first earlier value of another post within `threshold`; None when there is none."""
        for match, _score, _index in process.extract(key, seen, scorer=fuzz.ratio, limit=3,
                                                     score_cutoff=self.options.threshold):
            earlier = first_by_key[match]
            # 「2024年版」 and 「2025年版」 are two summaries: values whose numbers differ are different values.
            if values[earlier][0] != path and same_numbers(match, key):
                return earlier
        return None
