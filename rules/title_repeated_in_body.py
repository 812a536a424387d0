"""## What it finds
A body that opens by repeating the front-matter `title`, exactly or nearly
(fuzzy similarity of at least `threshold` after normalisation), whether the
first line is plain text, bold, a Markdown heading or wrapped in 「」, and
whether a prompt template's label stands before it (「タイトル：…」) or on the
line above it (「【記事タイトル】」, reported itself by generation-leftover).

It also finds a first line that is the title with decorations added or
removed: a pipeline that rewrites titles for search (「2026年」 in front,
「の最新動向と企業への影響」 behind) leaves the original title as the body's
first line. The shorter of the two must then appear almost unchanged in the
longer one and cover at least `min-coverage` of it.

## Why it matters
The theme already prints the title above the post. Generated posts often
start the body with the title again, so readers see it twice and the page gets
a second, competing `<h1>` or a stray first paragraph.

## Example
```markdown
---
title: "地方の物流倉庫はAIで何が変わるのか"
---

**地方の物流倉庫はAIで何が変わるのか**

人手不足に悩む地方の倉庫で、需要予測の導入が進んでいます。
```

## Use instead
```markdown
---
title: "地方の物流倉庫はAIで何が変わるのか"
---

人手不足に悩む地方の倉庫で、需要予測の導入が進んでいます。
```

## Options
- `threshold` (default 90): minimum similarity (rapidfuzz `fuzz.ratio`, 0-100)
  between the normalised title and the first line of the body; the same
  threshold applies to `fuzz.partial_ratio` for a decorated title.
- `min-coverage` (default 0.3): for a decorated title, the shorter text must be
  at least this share (0-1) of the longer one, so that a first heading that
  names only one word of the title is not taken for a repeat.

## Fix safety
Unsafe: deletes the repeated line. It is unsafe because a near match may carry
a subtitle or wording the author wants to keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from jalint.blocks import Block
from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Related, Rule, RuleOptions
from jalint.text import TEMPLATE_LABEL, normalise

# Blocks that do not open the body for a reader.
_SKIPPED = frozenset({"comment"})
_OPENING = frozenset({"heading", "pseudo_heading", "paragraph"})
_WRAPPERS = re.compile(r"^[「『\"“]+|[」』\"”]+$")
_TRAILING_COLON = re.compile(r"[:：]+$")
# A decorated-title match needs this many characters on the shorter side: short
# phrases such as 「生成AI」 occur in titles by chance.
MIN_CONTAINED_CHARS = 8
_BOUNDARIES = frozenset("。．.！!？?、，,：:；;」』）)】］]｜|／/〜~–—-")


class Options(RuleOptions):
    threshold: float = option(90.0, "Minimum fuzz.ratio (0-100) between the normalised title and the first body line.")
    min_coverage: float = option(
        0.3, "For a decorated title: the shorter text's minimum share (0-1) of the longer one."
    )


def comparable(text: str) -> str:
    """Normalised text without the quotes or colon that wrap a repeated title."""
    key = _TRAILING_COLON.sub("", normalise(text))
    return _WRAPPERS.sub("", key)


def repeats_title(title: str, line: str, threshold: float, min_coverage: float) -> bool:
    """The line is the title, nearly, or the title with words added or removed around it."""
    if not title or not line:
        return False
    if fuzz.ratio(title, line) >= threshold:
        return True
    shorter, longer = (line, title) if len(line) <= len(title) else (title, line)
    if len(shorter) < MIN_CONTAINED_CHARS or len(shorter) < min_coverage * len(longer):
        return False
    found = fuzz.partial_ratio_alignment(shorter, longer)
    if found.score < threshold:
        return False
    if shorter is line:
        return True  # the original title, before a pipeline decorated it
    return _title_opens_line(title, line, found.dest_start, found.dest_end)


def _title_opens_line(title: str, line: str, start: int, end: int) -> bool:
    """A title followed by a subtitle, not a sentence that merely starts with the title's words.

    「生成AIの業務活用が広がっています。」 begins with the title 「生成AIの業務活用」 but
    goes on with a particle; a repeated title ends at punctuation.
    """
    if start > 1:
        return False
    return end >= len(line) or line[end] in _BOUNDARIES or title[-1] in _BOUNDARIES


def first_body_block(doc: Document) -> Block | None:
    return next((b for b in doc.blocks if b.kind not in _SKIPPED), None)


def first_line_span(doc: Document, block: Block) -> Span:
    """The block's first line as a reader sees it: heading or bold title text, or the paragraph's first line."""
    if block.content is not None and block.kind in ("heading", "pseudo_heading"):
        return block.content
    start = block.content.start if block.content is not None else doc.lines.line_start(block.line)
    return Span(start, doc.lines.line_end(block.line))


def removal(doc: Document, block: Block) -> Span:
    """Delete the whole block when it is just the title, else only its first line."""
    if block.kind != "paragraph" or block.end_line == block.line:
        return doc.removal_span(block.line, block.end_line)
    return Span(doc.lines.line_start(block.line), doc.lines.line_start(block.line + 1))


class TitleRepeatedInBody(Rule[Options]):
    name = "title-repeated-in-body"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        title = doc.title
        opening = opening_line(doc)
        if not title or opening is None:
            return
        block, span = opening
        line = comparable(TEMPLATE_LABEL.sub("", doc.plain(span).strip()))
        if not repeats_title(comparable(title), line, self.options.threshold, self.options.min_coverage):
            return
        entry = doc.front_matter.entries.get("title") if doc.front_matter else None
        related = (Related(entry.value_span, "front matter の title"),) if entry else ()
        number = doc.lines.line_of(span.start)
        if number == block.line:
            fix = Fix.delete(removal(doc, block), "unsafe")
        else:  # the line under a label line of the same paragraph: that line alone
            fix = Fix.delete(Span(doc.lines.line_start(number), doc.lines.line_start(number + 1)), "unsafe")
        yield Finding(
            Span(doc.lines.line_start(number), doc.lines.line_end(number)),
            f"本文の冒頭がタイトル「{title}」の繰り返しになっているので、"
            "この行を削除してください。",
            related=related,
            fix=fix,
        )


def opening_line(doc: Document) -> tuple[Block, Span] | None:
    """The block and line a reader meets first, past a prompt template's label line (「【記事タイトル】」).

    The label is generation-leftover's finding; the title under it, on the next
    line or in the next block, is this rule's.
    """
    block = first_body_block(doc)
    if block is None or block.kind not in _OPENING:
        return None
    span = first_line_span(doc, block)
    text = doc.plain(span).strip()
    if not text or TEMPLATE_LABEL.sub("", text).strip():
        return block, span
    if block.end_line > block.line:
        number = block.line + 1
        return block, Span(doc.lines.line_start(number), doc.lines.line_end(number))
    following = next((b for b in doc.blocks if b.line > block.end_line and b.kind not in _SKIPPED), None)
    if following is None or following.kind not in _OPENING:
        return None
    return following, first_line_span(doc, following)
