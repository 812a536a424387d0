"""## What it finds
Markdown inside the front-matter `title`, `excerpt` or `description`: a
heading marker at the start (`## `), bold (`**…**`), a link (`[text](url)`,
also an image `![alt](src)`) or inline code in backticks.

Brackets that are not a link (「[速報]」, 「【2026年版】」), a `#` that is not a
heading marker (「C#」, 「#AI」 hashtags) and single `*` or `_` are left alone.

## Why it matters
Themes print these values as plain text in the page head, in cards, feeds and
search results, so the markup shows literally: 「## EU AI法の要点」 or
「**3つの対策**」. Generated front matter often copies the first line of the
body, heading marker and all.

## Example
```markdown
---
title: "**生成AI**で変わる問い合わせ対応"
description: "## 問い合わせ対応の自動化  コールセンターでの導入事例を紹介します。"
---

本文です。
```

## Use instead
```markdown
---
title: "生成AIで変わる問い合わせ対応"
description: "コールセンターでの導入事例から、問い合わせ対応を自動化する手順を紹介します。"
---

本文です。
```

## Options
- `keys` (default `("title", "excerpt", "description")`): front-matter keys
  checked.

## Fix safety
Safe: removes the markup characters inside the value and keeps the text
(`**強調**` → `強調`, `[名前](https://…)` → `名前`, `` `code` `` → `code`, a leading
`## ` is dropped). Only the characters inside the quotes change, and the fix
is offered only when the edited value reads back as exactly the stripped text
(not for escaped or folded values).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.positions import Span
from jalint.rule import Edit, Finding, Fix, option, Rule, RuleOptions
from jalint.rules._front_matter_checks import reparses_as, scalar_text, string_entry

# Each pattern keeps group "keep" (the text a reader should see) and drops the rest.
_MARKUP = (
    # At the start, or where a line break was flattened into two spaces: 「…です。  ### 次の節」.
    ("見出し記号", re.compile(r"(?:\A[ \t]*|(?<=[ \t]{2}))#{1,6}[ \t]+(?P<keep>)")),
    ("画像", re.compile(r"!\[(?P<keep>[^\]\n]*)\]\([^()\s]+(?:[ \t]+\"[^\"]*\")?\)")),
    ("リンク", re.compile(r"\[(?P<keep>[^\]\n]+)\]\([^()\s]+(?:[ \t]+\"[^\"]*\")?\)")),
    ("太字", re.compile(r"\*\*(?=\S)(?P<keep>[^*\n]+?)(?<=\S)\*\*")),
    ("コード", re.compile(r"(?P<ticks>`+)(?P<keep>[^`\n]+?)(?P=ticks)")),
)


class Options(RuleOptions):
    keys: tuple[str, ...] = option(("title", "excerpt", "description"), "Front-matter keys checked.")


class Markup(NamedTuple):
    kind: str
    start: int
    end: int
    keep_start: int
    keep_end: int


def find_markup(text: str) -> list[Markup]:
    """Non-overlapping markup in `text`, in order."""
    found: list[Markup] = []
    for kind, pattern in _MARKUP:
        for match in pattern.finditer(text):
            if any(match.start() < m.end and m.start < match.end() for m in found):
                continue  # an image is not also a link; bold inside a link stays with the link
            found.append(Markup(kind, match.start(), match.end(), match.start("keep"), match.end("keep")))
    return sorted(found, key=lambda m: m.start)


def strip_markup(text: str, markup: list[Markup]) -> str:
    parts, at = [], 0
    for m in markup:
        parts += [text[at : m.start], text[m.keep_start : m.keep_end]]
        at = m.end
    parts.append(text[at:])
    return "".join(parts)


class FrontMatterMarkup(Rule[Options]):
    name = "front-matter-markup"
    category = "front-matter"
    scope = "front_matter"
    fix_safety = "safe"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        for key in self.options.keys:
            entry = string_entry(front_matter, key)
            if entry is None:
                continue
            markup = find_markup(entry.value)
            if not markup:
                continue
            scalar = scalar_text(doc, entry)
            kinds = "・".join(dict.fromkeys(m.kind for m in markup))
            first = markup[0]
            yield Finding(
                scalar.locate(first.start, first.end),
                f"`{key}` に Markdown の{kinds}があり、カードや検索結果にそのまま表示されるので、記号を外してください。",
                fix=self._fix(front_matter, doc, key, entry.value_span),
            )

    @staticmethod
    def _fix(front_matter: FrontMatter, doc: Document, key: str, value_span: Span) -> Fix | None:
        """Edits inside the scalar, found on the raw text so quotes and escapes stay as written."""
        raw = doc.text[value_span.start : value_span.end]
        if "\n" in raw:
            return None  # block and folded scalars: leave them to the writer
        quote = 1 if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'" else 0
        inner = raw[quote : len(raw) - quote]
        markup = find_markup(inner)
        if not markup:
            return None
        value = front_matter.entries[key].value
        expected = strip_markup(value, find_markup(value))
        new_raw = raw[:quote] + strip_markup(inner, markup) + raw[len(raw) - quote :]
        if not reparses_as(front_matter, key, new_raw, expected if quote else expected.strip()):
            return None
        base = value_span.start + quote
        edits = []
        for m in markup:
            if m.start < m.keep_start:
                edits.append(Edit(Span(base + m.start, base + m.keep_start), ""))
            if m.keep_end < m.end:
                edits.append(Edit(Span(base + m.keep_end, base + m.end), ""))
        return Fix(tuple(edits), "safe")
