"""## What it finds
Tags across the corpus that differ only by width, case, spaces or separators
(「生成AI」 and 「生成ＡＩ」, "LLM" and "llm", 「AI 倫理」 and 「AI倫理」). Each use of a
less common spelling is reported, naming the spelling most posts use. With
`report-singletons`, tags used by only one post are reported too (as a hint:
a tag that groups nothing).

This is a corpus rule: it runs when several posts are checked, or with
`--corpus`/`corpus`.

## Why it matters
Static site generators build one tag page per spelling, so variants split a
topic's posts over several pages and tag clouds show the same tag twice.

## Example
```markdown
<!-- file: _posts/2025-03-01-a.md -->
---
tags: [生成AI, 物流]
---
<!-- file: _posts/2025-03-02-b.md -->
---
tags: [生成AI]
---
<!-- file: _posts/2025-03-03-c.md -->
---
tags: [生成ＡＩ]
---
```

## Use instead
```markdown
<!-- file: _posts/2025-03-01-a.md -->
---
tags: [生成AI, 物流]
---
<!-- file: _posts/2025-03-02-b.md -->
---
tags: [生成AI]
---
<!-- file: _posts/2025-03-03-c.md -->
---
tags: [生成AI]
---
```

The example's posts are separated by `<!-- file: NAME -->` lines.

## Options
- `report-singletons` (default false): also report tags that only one post uses.
- `key` (default "tags"): the front-matter list to compare (e.g. "categories").

## Fix safety
No fix: which spelling the site wants is the team's decision (most posts'
spelling is only a suggestion).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from jalint.corpus import CorpusFinding
from jalint.document import Document
from jalint.rule import option, Rule, RuleOptions

_SEPARATORS = re.compile(r"[\s・\-_‐－/／.．]+")


def variant_key(tag: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", tag)).casefold()


class Options(RuleOptions):
    report_singletons: bool = option(False, "Also report tags that only one post uses.")
    key: str = option("tags", "The front-matter list to compare.")


class TagVariant(Rule[Options]):
    name = "tag-variant"
    category = "front-matter"
    scope = "corpus"
    severity = "warning"
    Options = Options

    def summarize(self, doc: Document) -> Any:
        entry = doc.front_matter.entries.get(self.options.key) if doc.front_matter else None
        items = []
        for item in entry.items if entry is not None else ():
            if isinstance(item.value, str) and item.value.strip():
                items.append({"span": [item.span.start, item.span.end], "tag": item.value.strip()})
        return {"items": items}

    def check_corpus(self, summaries: dict[str, Any], targets: set[str]) -> Iterator[CorpusFinding]:
        uses: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for path in sorted(summaries):
            for item in summaries[path].get("items", []):
                uses[variant_key(item["tag"])].append((path, item))
        for group in uses.values():
            spellings = Counter(item["tag"] for _, item in group)
            posts = {path for path, _ in group}
            if len(spellings) > 1:
                yield from self._variants(group, spellings, targets)
            elif self.options.report_singletons and len(posts) == 1:
                path, item = group[0]
                if path in targets:
                    yield CorpusFinding(
                        path, item,
                        f"タグ「{item['tag']}」を使っている記事はこの記事だけです。既存のタグにまとめられないか確認してください。",
                    )

    def _variants(
        self, group: list[tuple[str, dict[str, Any]]], spellings: Counter[str], targets: set[str]
    ) -> Iterator[CorpusFinding]:
        # The most used spelling wins; ties go to the first in sorted order, so runs agree.
        preferred = sorted(spellings.items(), key=lambda pair: (-pair[1], pair[0]))[0][0]
        example = next((path, item) for path, item in group if item["tag"] == preferred)
        for path, item in group:
            if item["tag"] != preferred and path in targets:
                yield CorpusFinding(
                    path, item,
                    f"タグ「{item['tag']}」は「{preferred}」（{spellings[preferred]} 記事）の表記ゆれです。表記を揃えてください。",
                    ((example[0], example[1], f"「{preferred}」を使っている記事"),),
                )
