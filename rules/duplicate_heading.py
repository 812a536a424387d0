"""## What it finds
A heading (a Markdown heading or a bold pseudo-heading) whose text repeats an
earlier heading of the same post. Texts are compared after normalisation
(full-width and half-width forms folded, case, spaces and emphasis markers
ignored, a trailing colon dropped). The later heading is reported; the earlier
one is the related place.

Headings under the same parent (or both at the top) are always compared. A
repeat under a different parent is reported only when its section also copies
the text of the first one (a restarted section): the same sub-headings with
their own text under each case study (「課題」「成果」) are structure, not a
defect.

## Why it matters
When a generation pipeline restarts a section, it writes the heading again,
usually followed by copies of the paragraphs below the first one. Two sections
with the same title also give the same anchor twice, so links into the page
jump to the wrong place.

## Example
```markdown
## 導入の効果

出荷ミスは半年で三割ほど減りました。

## 導入の効果

出荷ミスは半年で三割ほど減りました。
```

## Use instead
```markdown
## 導入の効果

出荷ミスは半年で三割ほど減りました。

## 今後の課題

繁忙期の入力遅れは、まだ解消できていません。
```

## Options
- `siblings-only` (default false): only compare headings under the same parent
  heading, so that a copied section under another parent is not reported
  either.

## Fix safety
Unsafe (`--unsafe-fixes`, review with `--diff`), in two cases only: when every
sentence, table and code block under the repeated heading already stands
earlier in the post (a restarted section), the later section goes whole; when
the repeated heading directly follows the section it repeats (same level,
nothing between), only the heading goes and its paragraphs continue that
section. Otherwise the sections differ, and deleting, merging or renaming is an
editorial decision: no fix. `--fix` checks that no sentence is lost
(docs/repair.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from jalint.blocks import Block
from jalint.document import Document
from jalint.rule import Finding, Fix, option, Related, Rule, RuleOptions
from jalint.sections import Heading, display_title, section_closers
from jalint.text import normalise

_TRAILING_COLON = re.compile(r"[:：]+$")
MIN_SENTENCE_CHARS = 8  # shorter sentences (「はい。」) repeat by chance
SHARED_TEXT = 0.5  # share of the smaller section's sentences that makes it a copy
# Blocks without sentences whose text still tells two sections apart.
_WHOLE_BLOCKS = frozenset({"table", "code", "html"})
# A title is compared with at most this many earlier headings of the same title. Real posts repeat a
# title a handful of times; a file of 100,000 「## まとめ」 under different parents would otherwise
# compare every pair.
MAX_EARLIER_SAME_TITLE = 50


class Options(RuleOptions):
    siblings_only: bool = option(False, "Only compare headings that share the same parent heading.")


def heading_key(heading: Heading) -> str:
    return _TRAILING_COLON.sub("", normalise(heading.title))


def parents(headings: list[Heading]) -> list[int | None]:
    """Index of each heading's parent (the nearest earlier heading of a higher level)."""
    result: list[int | None] = []
    stack: list[int] = []
    for index, heading in enumerate(headings):
        while stack and headings[stack[-1]].level >= heading.level:
            stack.pop()
        result.append(stack[-1] if stack else None)
        stack.append(index)
    return result


def section_ends(headings: list[Heading], block_count: int) -> list[int]:
    """Block index where each heading's section ends (next heading of the same or a higher level)."""
    return [block_count if closer is None else headings[closer].block_index for closer in section_closers(headings)]


def section_texts(doc: Document, first_block: int, end_block: int) -> set[str]:
    """Normalised sentences of a section, plus whole tables and code blocks."""
    texts = {key for _, key in _keys_between(doc, first_block, end_block) if len(key) >= MIN_SENTENCE_CHARS}
    for block in doc.blocks[first_block + 1 : end_block]:
        if block.kind in _WHOLE_BLOCKS:
            texts.add(normalise(doc.text[block.span.start : block.span.end]))
    return texts


def repeats_content(earlier: set[str], later: set[str]) -> bool:
    """A restarted section copies the first one's text; a repeated structure (「課題」 per case) does not.

    Without text on either side nothing tells the two apart, so it counts as structure.
    """
    if not earlier or not later:
        return False
    return len(earlier & later) >= SHARED_TEXT * min(len(earlier), len(later))


class _Outline:
    """The post's headings with their parents and section ends, for comparing sections."""

    def __init__(self, doc: Document, headings: list[Heading]) -> None:
        self.doc = doc
        self.headings = headings
        self.parents = parents(headings)
        self.ends = section_ends(headings, len(doc.blocks))
        self._texts: dict[int, set[str]] = {}

    def texts(self, index: int) -> set[str]:
        texts = self._texts.get(index)
        if texts is None:
            texts = self._texts[index] = section_texts(self.doc, self.headings[index].block_index, self.ends[index])
        return texts


def repair(outline: _Outline, original: int, later: int) -> Fix | None:
    """Drop a restarted section whose text all stands earlier; merge a repeated heading into the section it repeats.

    A generator that restarts a section writes its heading (and often its
    paragraphs) again. When every sentence, table and code block under the
    later heading already stands earlier in the post, the later section goes
    whole. When the later heading directly follows the section it repeats (same
    level, nothing between), its paragraphs continue that section: only the
    repeated heading goes. Otherwise the sections differ and a person decides.
    """
    doc = outline.doc
    heading = outline.headings[later]
    first_block, end_block = heading.block_index, outline.ends[later]
    if _all_said_before(doc, first_block, end_block):
        last_line = doc.blocks[end_block - 1].end_line if end_block > first_block else heading.line
        return Fix.delete(doc.removal_span(heading.line, max(last_line, heading.line)))
    if outline.ends[original] == first_block and outline.headings[original].level == heading.level:
        block = doc.blocks[first_block]
        return Fix.delete(doc.removal_span(block.line, block.end_line))
    return None


def _all_said_before(doc: Document, first_block: int, end_block: int) -> bool:
    """Every sentence under the heading is a sentence said before it; so is every table and code block.

    Looked up in where each text first appears (one pass per document), not by
    collecting everything before the heading again for every repeated heading.
    """
    first_seen = doc.memo("sentence-first-blocks", _first_blocks)
    if any(first_seen[key] >= first_block for _, key in _keys_between(doc, first_block, end_block)):
        return False
    first_whole = doc.memo("whole-block-first-blocks", _first_whole_blocks)
    for index in range(first_block + 1, end_block):
        block = doc.blocks[index]
        if block.kind in _WHOLE_BLOCKS and first_whole[_whole_key(doc, block)] >= first_block:
            return False
    return True


def _sentence_keys(doc: Document) -> list[tuple[int, str]]:
    """(block index, normalised text) of every sentence, in order: computed once per document."""
    return [(sentence.block_index, key) for sentence in doc.sentences if (key := normalise(sentence.text))]


def _keys_between(doc: Document, first_block: int, end_block: int) -> list[tuple[int, str]]:
    """The sentence keys of blocks strictly between `first_block` and `end_block` (found by bisection)."""
    keyed = doc.memo("sentence-keys", _sentence_keys)
    blocks = doc.memo("sentence-key-blocks", lambda d: [block for block, _ in keyed])
    return keyed[bisect_right(blocks, first_block) : bisect_left(blocks, end_block)]


def _first_blocks(doc: Document) -> dict[str, int]:
    first: dict[str, int] = {}
    for block_index, key in doc.memo("sentence-keys", _sentence_keys):
        first.setdefault(key, block_index)
    return first


def _whole_key(doc: Document, block: Block) -> str:
    return doc.text[block.span.start : block.span.end].rstrip()


def _first_whole_blocks(doc: Document) -> dict[str, int]:
    """Where each table, code and HTML block's text first appears (a restarted section copies them whole)."""
    first: dict[str, int] = {}
    for index, block in enumerate(doc.blocks):
        if block.kind in _WHOLE_BLOCKS:
            first.setdefault(_whole_key(doc, block), index)
    return first


class DuplicateHeading(Rule[Options]):
    name = "duplicate-heading"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        outline = _Outline(doc, doc.outline)
        seen: dict[str, list[int]] = {}
        for index, heading in enumerate(outline.headings):
            key = heading_key(heading)
            if not key:
                continue
            earlier = seen.setdefault(key, [])
            original = next((i for i in earlier[:MAX_EARLIER_SAME_TITLE] if self._is_repeat(outline, i, index)), None)
            earlier.append(index)
            if original is None:
                continue
            first = outline.headings[original]
            yield Finding(
                heading.span,
                f"見出し「{display_title(doc.text, heading)}」は {first.line} 行目の見出しと同じなので、"
                "重複した節を削除するか見出しを言い換えてください。",
                related=(Related(first.span, "最初に現れた同じ見出し"),),
                fix=repair(outline, original, index),
            )

    def _is_repeat(self, outline: _Outline, first: int, later: int) -> bool:
        """Same parent: always a repeat. Different parents: only when the section's text is copied too."""
        if outline.parents[first] == outline.parents[later]:
            return True
        if self.options.siblings_only:
            return False
        return repeats_content(outline.texts(first), outline.texts(later))
