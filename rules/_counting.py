"""Shared pieces of the counting and character rules: where prose text is, and which parts to leave alone.

textlint's character rules read every `Str` node: paragraph and list text,
headings and table cells, but not code, HTML or front matter. Several of them
skip text inside links, images, blockquotes and `*emphasis*`. `prose_regions`
gives the same text here: the masked prose of paragraph and heading blocks and
the inline-masked text of tables, with file offsets, minus blockquotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from jalint.blocks import Block
from jalint.document import Document
from jalint.inline import mask_inline
from jalint.positions import Span

_TEXT_BLOCKS = frozenset({"paragraph", "heading", "pseudo_heading"})
# Link text `[text](target)` / `[text][ref]` (one nested bracket pair allowed), not images.
_LINK_TEXT = re.compile(r"(?<![!\\])\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\](?:\([^)\n]*\)|\[[^\[\]\n]*\])")
# `*emphasis*` with single asterisks (`**strong**` is not emphasis).
_EMPHASIS = re.compile(r"(?<![*\\])\*(?![*\s])([^*\n]+?)(?<![*\s\\])\*(?!\*)")


class Region(NamedTuple):
    """Prose of one block: `text` is masked and same-length, `start` its file offset."""

    block_index: int
    block: Block
    start: int
    text: str


def _quote_spans(doc: Document) -> list[Span]:
    return [block.span for block in doc.blocks if block.kind == "blockquote"]


def prose_regions(doc: Document, tables: bool = True, quotes: bool = False) -> Iterator[Region]:
    """Paragraph, heading and (optionally) table text, blockquotes left out unless `quotes`."""
    quoted = [] if quotes else _quote_spans(doc)
    for index, block in enumerate(doc.blocks):
        if block.kind in _TEXT_BLOCKS and block.content is not None:
            span = block.content
            text = doc.masked[span.start : span.end]
        elif tables and block.kind == "table":
            span = block.span
            text = mask_inline(doc.text[span.start : span.end])
        else:
            continue
        if quoted and any(q.contains(span) for q in quoted):
            continue
        yield Region(index, block, span.start, text)


def skipped_spans(raw: str, links: bool = True, emphasis: bool = True) -> list[tuple[int, int]]:
    """(start, end) offsets in `raw` of link texts and `*emphasis*`, which textlint's Str rules skip."""
    spans: list[tuple[int, int]] = []
    if links and "[" in raw:
        spans += [(m.start(1), m.end(1)) for m in _LINK_TEXT.finditer(raw)]
    if emphasis and "*" in raw:
        spans += [(m.start(1), m.end(1)) for m in _EMPHASIS.finditer(raw)]
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
