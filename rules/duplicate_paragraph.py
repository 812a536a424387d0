"""## What it finds
A body paragraph that repeats text from earlier in the same post:

- an exact copy (after folding width, whitespace and emphasis markers);
- a near copy (rapidfuzz similarity at or above `near-threshold`);
- a merged copy: one paragraph (often one long line) mostly made of earlier
  paragraphs joined together; the message names the lines it holds;
- a fragment: a paragraph whose whole text stands inside an earlier one, such as
  the tail of an earlier paragraph repeated on its own;
- a list item that repeats an earlier item of the post, or a table row that
  repeats an earlier row of its table, word for word: one finding for the
  item, however many sentences it holds (duplicate-sentence then leaves them
  alone), and one for an item copied with its nested items;
- a heading line that holds copied body text: generators that lose line
  breaks glue whole passages, sub-headings and all, onto a heading line
  (「## まとめ 本文。本文。### 小見出し 本文。…」), which renders as one huge
  heading. A heading line counts as holding body text when its text has two
  「。」 or more and 60 characters or more; it is compared with the paragraphs
  before it and is never itself the earlier place of a paragraph.

The later copy is reported, with the earlier place(s) as related. The full
restart of a cut-off paragraph is not reported here: truncated-paragraph reports
the cut-off paragraph and names the restart.

## Why it matters
Pipelines that "continue" an article append text that is already there, again
and again. Readers notice at once, search engines rate the page as low quality,
and a plain diff review misses a copy that was merged onto one line.

## Example
```markdown
生成AIの導入では、まず対象業務を絞り込むことが大切です。

効果測定の指標も最初に決めておきます。

生成AIの導入では、まず対象業務を絞り込むことが大切です。
```

## Use instead
```markdown
生成AIの導入では、まず対象業務を絞り込むことが大切です。

効果測定の指標も最初に決めておきます。
```

## Options
- `min-chars` (default 20): paragraphs shorter than this (normalised) are not
  compared, so short stock phrases such as 「以下に示します。」 may repeat.
- `near-threshold` (default 90.0): similarity (0-100, rapidfuzz `ratio`) at or
  above which two paragraphs of similar length count as copies.
- `merged-coverage` (default 0.6): share of a paragraph that earlier paragraphs
  must cover for it to count as a merged copy.

## Fix safety
None for a heading line holding copied body text (where its title ends is
the writer's call). Otherwise unsafe: deletes an exact copy (a copied list item or table row: its lines only,
so the list or table goes on), a fragment, or a merged copy made entirely of
earlier paragraphs; from a merged copy that adds text of its own it deletes the
sentences that repeat earlier paragraphs and keeps the new ones in place. A
near copy is deleted only when each of its sentences still stands elsewhere in
the post (a difference in spacing or markup); where it words something
differently the repair is refused and reported (`repair-refused`), since the
difference may be intended. It is unsafe
because the author may prefer to keep the later place; `--fix` checks that no
sentence of the post is lost (docs/repair.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Edit, Finding, Fix, option, Related, Rule, RuleOptions
from jalint.rules._paragraphs import (
    FULLY_COVERED,
    Copy,
    analyse,
    block_index_of,
    copied_items,
    sentences_in,
    through_spaces,
)
from jalint.text import normalise


class Options(RuleOptions):
    min_chars: int = option(20, "Paragraphs shorter than this (normalised) are not compared.")
    near_threshold: float = option(90.0, "Similarity (0-100) at or above which paragraphs count as copies.")
    merged_coverage: float = option(0.6, "Share of a paragraph that earlier paragraphs must cover.")


def _lines(copy: Copy) -> str:
    return "、".join(str(source.line) for source in copy.sources)


def describe(copy: Copy) -> str:
    lines = _lines(copy)
    if copy.paragraph.block.kind == "heading":
        # A heading line that holds copied body text (its line breaks lost): what to keep is the title.
        share = f"（{copy.coverage:.0%} が既出）" if copy.kind in ("merged", "near") else ""
        return (
            f"この見出し行には {lines} 行目の段落の本文がつながっています{share}。"
            "見出しの文言だけを残して、既出の本文を削除してください。"
        )
    if copy.kind == "exact":
        return f"この段落は {lines} 行目の段落と同じ内容です。重複している方を削除してください。"
    if copy.kind == "near":
        return f"この段落は {lines} 行目の段落とほぼ同じ内容です（類似度 {copy.coverage:.0%}）。どちらかにまとめてください。"
    if copy.kind == "fragment":
        return f"この段落は {lines} 行目の段落の一部を繰り返しています。削除してください。"
    return (
        f"この段落は {lines} 行目の段落をつなげた重複です（{copy.coverage:.0%} が既出）。"
        "既出の部分を削除してください。"
    )


def keep_new_text(doc: Document, copy: Copy) -> Fix | None:
    """For a merged paragraph: delete what repeats earlier text, keep the rest in place.

    Three kinds of piece go: the text of each earlier paragraph it merged (as
    written there, its line breaks turned into the spaces a merge leaves), a
    bold label that repeats an earlier heading (`**見出し**` run into the line),
    and any sentence that stands whole in one of the merged paragraphs. What is
    left is what the post says only here; `--fix` checks nothing else is lost.
    """
    paragraph = copy.paragraph
    start, end = paragraph.span.start, paragraph.span.end
    raw = doc.text[start:end]
    ranges: list[tuple[int, int]] = []
    for source in copy.sources:
        written = doc.text[source.span.start : source.span.end].strip()
        for variant in dict.fromkeys((written, _LINE_BREAKS.sub(" ", written), _LINE_BREAKS.sub("", written))):
            at = raw.find(variant) if variant else -1
            if at >= 0:
                ranges.append((start + at, start + at + len(variant)))
                break
    headings = {normalise(h.title) for h in doc.outline if h.span.start < start}
    for label in _BOLD_LABEL.finditer(raw):
        if normalise(label.group(1)) in headings:
            ranges.append((start + label.start(), start + label.end()))
    for sentence in sentences_in(doc, block_index_of(doc, paragraph.block)):
        key = normalise(sentence.text)
        if key and any(key in source.key for source in copy.sources):
            ranges.append((sentence.span.start, sentence.span.end))
    merged = _merge((span.start, span.end) for span in (through_spaces(doc, *r) for r in ranges))
    if not merged:
        return None
    kept = "".join(doc.masked[a:b] for a, b in _gaps(merged, start, end))
    if not normalise(kept):
        return Fix.delete(doc.removal_span(paragraph.block.line, paragraph.block.end_line))
    return Fix(tuple(Edit(Span(a, b), "") for a, b in merged), "unsafe")


_LINE_BREAKS = re.compile(r"[ \t]*\n[ \t]*")
_BOLD_LABEL = re.compile(r"\*\*([^*\n]+)\*\*")


def _merge(ranges) -> list[tuple[int, int]]:  # noqa: ANN001 - an iterable of (start, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _gaps(ranges: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    gaps, cursor = [], start
    for a, b in ranges:
        gaps.append((cursor, a))
        cursor = b
    gaps.append((cursor, end))
    return [(a, b) for a, b in gaps if a < b]


class DuplicateParagraph(Rule[Options]):
    name = "duplicate-paragraph"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "error"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        options = self.options
        index = analyse(doc, options.min_chars, options.near_threshold, options.merged_coverage)
        for copy in index.copies.values():
            paragraph = copy.paragraph
            related = tuple(
                Related(source.span, f"既出の段落（{source.line} 行目）") for source in copy.sources
            )
            deletable = copy.kind in ("exact", "fragment") or (
                copy.kind == "merged" and copy.coverage >= FULLY_COVERED
            )
            if paragraph.block.kind == "heading":
                fix = None  # a heading line holding copied body text: where its title ends is the writer's call
            elif deletable:
                fix = Fix.delete(doc.removal_span(paragraph.block.line, paragraph.block.end_line))
            elif copy.kind == "merged":
                fix = keep_new_text(doc, copy)
            else:
                # A near copy may differ in words: its deletion goes through only if every one of its
                # sentences still stands in the post (jalint.fixes checks), else it is refused and reported.
                fix = Fix.delete(doc.removal_span(paragraph.block.line, paragraph.block.end_line))
            yield Finding(paragraph.span, describe(copy), related=related, fix=fix)
        for item in copied_items(doc, options.min_chars):
            what = "箇条書きの項目" if item.kind == "item" else "表の行"
            short = "項目" if item.kind == "item" else "行"
            yield Finding(
                item.span,
                f"この{what}は {item.first_line} 行目の{short}と同じ内容です。重複している方を削除してください。",
                related=(Related(item.first, f"既出の{short}（{item.first_line} 行目）"),),
                fix=Fix.delete(item.removal),
            )
