"""## What it finds
A heading (a Markdown heading or a bold pseudo-heading) with no content before
the next heading of the same or a higher level, or before the end of the
document. A heading followed only by sub-headings that have content is fine,
and so is a bold pseudo-heading followed by further bold pseudo-headings with
content (bold lines carry no level, so the first may be their umbrella).
Horizontal rules and HTML comments are not content.

## Why it matters
Generation pipelines that restart or run out of tokens leave headings with
nothing under them: the reader sees a promised section that never comes, and
the table of contents lists an empty entry. A heading at the very end of a post
is a strong sign that the text was cut off.

## Example
```markdown
## 導入までの流れ

## 現場の反応

倉庫の担当者からは、入力の手間が減ったという声が多く聞かれました。
```

## Use instead
```markdown
## 導入までの流れ

最初の三か月は、一つの倉庫だけで試験的に運用しました。

## 現場の反応

倉庫の担当者からは、入力の手間が減ったという声が多く聞かれました。
```

## Options
None.

## Fix safety
Unsafe: deletes the heading line. It is unsafe because the better fix is often
to write the missing section, which only the author can do.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Finding, Fix, Rule
from jalint.sections import Heading, display_title, section_closers
from jalint.text import normalise

# Blocks that separate or annotate but say nothing.
_NOT_CONTENT = frozenset({"hr", "comment"})


def _has_content(doc: Document, first_block: int, end_block: int, heading_blocks: set[int]) -> bool:
    return any(
        doc.blocks[i].kind not in _NOT_CONTENT and i not in heading_blocks for i in range(first_block, end_block)
    )


def _describe(doc: Document, heading: Heading) -> str:
    # A bare `###` line is an empty heading; the model keeps the markers as its title.
    return f"見出し「{display_title(doc.text, heading)}」" if normalise(heading.title) else "空の見出し"


class DanglingHeading(Rule):
    name = "dangling-heading"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        headings = doc.outline
        heading_blocks = {h.block_index for h in headings}
        # Bold pseudo-headings carry no level of their own: a bold line directly
        # followed by other bold lines is often their umbrella heading, so only a
        # Markdown heading closes a pseudo-heading's section.
        closers = section_closers(headings, pseudo_closed_by_markdown_only=True)
        for position, heading in enumerate(headings):
            closing = None if closers[position] is None else headings[closers[position]]
            end_block = closing.block_index if closing else len(doc.blocks)
            if _has_content(doc, heading.block_index + 1, end_block, heading_blocks):
                continue
            block = doc.blocks[heading.block_index]
            where = f"次の見出し（{closing.line} 行目）まで" if closing else "記事の終わりまで"
            yield Finding(
                heading.span,
                f"{_describe(doc, heading)}から{where}本文がないので、"
                "本文を書き足すか見出しを削除してください。",
                fix=Fix.delete(doc.removal_span(block.line, block.end_line), "unsafe"),
            )
