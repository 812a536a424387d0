"""## What it finds
A line that was meant as a Markdown heading but lacks the space after its `#`
marks (`##概要と背景`, `#**タイトル**`). CommonMark, GFM and kramdown's GFM mode
render such a line as plain text, so the section has no heading on the page.
Hashtag lines such as `#生成AI #LLM` are left alone.

## Why it matters
Generators often drop the space when they write headings in Japanese, where
words are not separated by spaces anyway. The post then loses its structure
(table of contents, anchors, visual sections) without anyone noticing in review.

## Example
```markdown
##概要と背景

地域の物流センターでは、出荷量の予測が課題でした。
```

## Use instead
```markdown
## 概要と背景

地域の物流センターでは、出荷量の予測が課題でした。
```

## Options
None.

## Fix safety
Safe: inserts the missing space after the `#` marks; nothing else changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.blocks import Block
from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule

_MISSING_SPACE = re.compile(r"^(#{1,6})(?=[^#\s])")
# Two or more tags, or one ASCII tag (#AI), is a hashtag line; 「#概要」 alone is a heading.
_HASHTAGS = re.compile(r"^(?:#[^\s#*]+(?:\s+#[^\s#*]+)+|#[A-Za-z0-9_]+)\s*$")


class AtxHeadingWithoutSpace(Rule):
    name = "atx-heading-without-space"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "block"
    severity = "warning"
    fix_safety = "safe"

    def check(self, block: Block, doc: Document) -> Iterator[Finding]:
        if block.kind != "paragraph" or not block.top_level:
            return
        for line in range(block.line, block.end_line + 1):
            text = doc.lines.line_text(line)
            match = _MISSING_SPACE.match(text)
            if not match or _HASHTAGS.match(text):
                continue
            start = doc.lines.line_start(line)
            marks = match.group(1)
            yield Finding(
                Span(start, doc.lines.line_end(line)),
                f"「{marks}」の後に空白がないため見出しとして表示されません。「{marks} 」のように空白を入れてください。",
                fix=Fix.insert(start + len(marks), " ", "safe"),
            )
