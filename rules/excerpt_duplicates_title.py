"""## What it finds
An `excerpt` or `description` in the front matter that only repeats the
`title`:

- the same text (after folding width, spaces, quotes around the whole text and
  a final 。 or ？);
- a part of the title, such as the title without the 「2026年」 or the
  「…の最新動向と企業への影響」 a pipeline added around it, covering at least
  `min-share` of the title;
- nearly the same text (rapidfuzz similarity at or above `threshold`), and
  not longer than the title;
- the title followed by nothing but template text such as
  「…について詳細に分析します」 (`templates`);
- the whole title word for word at its start, glued to more text
  (`title-at-start`).

The excerpt is reported, with the title as the related place.

## Why it matters
Themes, feeds, search results and social cards print the excerpt or
description right under the title. When it repeats the title, readers see the
same line twice and learn nothing about the article; search engines replace
such descriptions with text of their own choosing.

## Example
```markdown
---
title: "中小企業の生成AI導入、最初の一歩はどこから？"
excerpt: "中小企業の生成AI導入、最初の一歩はどこから？"
---

本文です。
```

## Use instead
```markdown
---
title: "中小企業の生成AI導入、最初の一歩はどこから？"
excerpt: "対象業務の選び方、費用の目安、社内ルールづくりまで、従業員50人規模の会社が生成AIを導入する手順を説明します。"
---

本文です。
```

## Options
- `keys` (default `("excerpt", "description")`): front-matter keys checked
  against the title.
- `threshold` (default 90.0): similarity (0-100, rapidfuzz `ratio`, or
  `partial_ratio` for a summary shorter than the title) at or above which a
  summary counts as nearly the same as the title.
- `min-share` (default 0.5): a summary that is a part of the title (or nearly
  so) must cover at least this share of the title to count as a repeat, so
  that one shared phrase does not.
- `templates` (default: 「…について詳細に分析します」, 「…について詳しく解説します」,
  「…を解説します」 and similar): stock sentences where `…` (or `...`) stands for
  the title; a summary that is one of them around the title, or around a part
  of it that counts as a repeat (see `min-share`), is reported. A lead-in such
  as 「本記事では、」 before the template is ignored.
- `title-at-start` (default true): also report a summary that starts with
  the whole title and goes on without a break.

## Fix safety
No fix: only the writer can say what the summary should say.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, option, Related, Rule, RuleOptions
from jalint.rules._front_matter_checks import SUMMARY_KEYS, comparison_key, string_entry
from jalint.text import normalise

DEFAULT_TEMPLATES = (
    "…について詳細に分析します",
    "…について詳しく分析します",
    "…について分析します",
    "…について詳しく解説します",
    "…について解説します",
    "…を詳しく解説します",
    "…を解説します",
    "…について考察します",
    "…について紹介します",
    "…についてまとめました",
    "…について詳しく見ていきます",
    "…について掘り下げます",
)
# Openers that add nothing before a template: 「本記事では、…について解説します」.
_LEAD_IN = re.compile(r"^(本記事では|この記事では|今回は|本稿では|ここでは)、?")
# A title shorter than this (after folding) is too generic to be recognised inside a longer summary.
MIN_TITLE_AT_START = 10


class Options(RuleOptions):
    keys: tuple[str, ...] = option(SUMMARY_KEYS, "Front-matter keys compared with the title.")
    threshold: float = option(90.0, "Similarity (0-100) at or above which a summary is nearly the title.")
    min_share: float = option(0.5, "Share (0-1) of the title a summary that is part of it must cover.")
    templates: tuple[str, ...] = option(
        DEFAULT_TEMPLATES, "Stock sentences; … stands for the title (or a part of it)."
    )
    title_at_start: bool = option(True, "Also report a summary that starts with the whole title.")


class ExcerptDuplicatesTitle(Rule[Options]):
    name = "excerpt-duplicates-title"
    category = "front-matter"
    scope = "front_matter"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        title_entry = string_entry(front_matter, "title")
        if title_entry is None:
            return
        title = comparison_key(title_entry.value)
        if not title:
            return
        related = (Related(title_entry.value_span, "タイトル"),)
        for key in self.options.keys:
            entry = string_entry(front_matter, key)
            if entry is None:
                continue
            how = self._repeat(comparison_key(entry.value), title)
            if how:
                yield Finding(entry.value_span, f"`{key}` が{how}", related=related)

    def _repeat(self, summary: str, title: str) -> str | None:
        """How `summary` repeats `title`, or None when it says something of its own."""
        if not summary:
            return None
        same = self._same(summary, title) or self._template(summary, title)
        if same:
            return f"{same}、記事の要点を伝える別の文に書き換えてください。"
        if self.options.title_at_start and len(title) >= MIN_TITLE_AT_START and summary.startswith(title):
            return "タイトルをそのまま繰り返して始まっているので、繰り返しを削って記事の要点から書き始めてください。"
        return None

    def _same(self, summary: str, title: str) -> str | None:
        options = self.options
        if summary == title:
            return "タイトルと同じ文なので"
        if len(summary) > len(title):
            ratio = fuzz.ratio(summary, title)
            return f"タイトルとほぼ同じ文（類似度 {ratio:.0f}%）なので" if ratio >= options.threshold else None
        if len(summary) < options.min_share * len(title):
            return None
        if summary in title:
            return "タイトルの一部をそのまま繰り返しているので"
        ratio = fuzz.ratio(summary, title)
        if ratio >= options.threshold:
            return f"タイトルとほぼ同じ文（類似度 {ratio:.0f}%）なので"
        if fuzz.partial_ratio(summary, title) >= options.threshold:
            return "タイトルの一部をほぼそのまま繰り返しているので"
        return None

    def _template(self, summary: str, title: str) -> str | None:
        text = _LEAD_IN.sub("", summary)
        for template in self.options.templates:
            before, after = (normalise(part) for part in template.replace("...", "…").partition("…")[::2])
            if not (text.startswith(before) and text.endswith(after)) or len(text) < len(before) + len(after):
                continue
            middle = text[len(before) : len(text) - len(after)]
            if not middle or self._same(middle, title):
                phrase = template.replace("…", "").strip()
                return f"タイトルに定型文「{phrase}」を付けただけなので"
        return None
