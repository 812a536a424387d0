"""## What it finds
The same tag twice in one post's `tags`, also when the copies differ only in
width, case or spacing: 「生成AI」 and 「生成ＡＩ」, "LLM" and "llm",
「生成 AI」 and 「生成AI」.

## Why it matters
Jekyll and Hugo make one tag page per spelling, so a post tagged both "LLM"
and "llm" appears on two tag pages and each lists only part of the site's
posts. Exact repeats are harmless to the build but show the tags were
generated without a check; themes may also print the tag twice.

## Example
```markdown
---
title: "中小企業の生成AI活用"
tags: ["生成AI", "LLM", "生成ＡＩ", "llm"]
---

生成AIとLLMを業務に取り入れる中小企業が増えています。
```

## Use instead
```markdown
---
title: "中小企業の生成AI活用"
tags: ["生成AI", "LLM"]
---

生成AIとLLMを業務に取り入れる中小企業が増えています。
```

## Options
- `keys` (default `["tags"]`): front-matter keys holding the tags; the first
  one present is checked.

## Fix safety
Safe: deletes the later copy with its separator (`, "llm"` in a flow list,
the whole `- llm` line in a block list), keeping the first spelling. Lists
laid out in other ways (comments, several items on one line of a block list,
a space-separated tag string) get no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, Fix, option, Related, Rule, RuleOptions
from jalint.rules._tags import Tag, item_removal, read_tags, tag_key


class Options(RuleOptions):
    keys: tuple[str, ...] = option(("tags",), "Front-matter keys holding the tags; the first present is checked.")


class TagDuplicate(Rule[Options]):
    name = "tag-duplicate"
    category = "front-matter"
    scope = "front_matter"
    severity = "warning"
    fix_safety = "safe"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        tags = read_tags(front_matter, doc, self.options.keys)
        first: dict[str, Tag] = {}
        for tag in tags:
            key = tag_key(tag.text)
            if not key:
                continue
            original = first.setdefault(key, tag)
            if original is tag:
                continue
            same = "と同じ" if original.text == tag.text else "と表記違いの同じ"
            removal = item_removal(tags, tag, doc)
            yield Finding(
                tag.span,
                f"タグ「{tag.text}」は「{original.text}」{same}タグなので、"
                "こちらを削除してください。",
                related=(Related(original.span, f"最初のタグ「{original.text}」"),),
                fix=Fix.delete(removal, "safe") if removal else None,
            )
