"""Shared pieces of the AI-writing rules (ai-list-formatting, ai-emphasis, hype-expression, ...).

These rules replace @textlint-ja/textlint-rule-preset-ai-writing. What they
share: the opening of each list item (marker, bold label, emoji), quotation
awareness, and the list-label spans that `ai-emphasis` leaves to
`ai-list-formatting` so one place is reported once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rules._prose import load_data

_OPEN_QUOTES = "「『“"
_CLOSE_QUOTES = "」』”"
# A list marker at the start of a list item's first line (no blockquote prefix).
LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# `**ラベル**:` / `**ラベル:**` / `**ラベル** - ` at the start of an item's text.
BOLD_LABEL = re.compile(
    r"\*\*(?P<label>[^*\n]+?)\*\*(?:[ \t]*(?P<sep>[:：])|[ \t]+(?P<dash>[-—–])(?=[ \t]))"
    r"|\*\*(?P<label2>[^*\n]+?)(?P<sep2>[:：])[ \t]*\*\*"
)


def emoji_pattern(emojis: Iterable[str]) -> re.Pattern[str]:
    """One regex for a list of emoji, each with or without its variation selector (U+FE0F)."""
    # Longest first (a longer emoji may start with a shorter one), then by code point: the pattern's text
    # must not depend on set order, which changes between processes (and a changed text is compiled anew).
    bare = sorted({e.replace("\ufe0f", "") for e in emojis}, key=lambda e: (-len(e), e))
    return re.compile("(?:" + "|".join(re.escape(e) for e in bare) + ")\ufe0f?")


@lru_cache(maxsize=1)
def list_emoji_pattern() -> re.Pattern[str]:
    """The emoji that `ai-list-formatting` reports at the start of a list item."""
    return emoji_pattern(load_data("ai_list_formatting.toml")["emoji"])


def in_quote(text: str, index: int) -> bool:
    """Whether `index` of `text` lies inside 「」『』“” opened earlier in `text`."""
    head = text[:index]
    return any(head.count(o) > head.count(c) for o, c in zip(_OPEN_QUOTES, _CLOSE_QUOTES, strict=True))


class ItemOpening(NamedTuple):
    """The first line of a list item: where its text starts after the marker."""

    block_index: int
    line: int
    line_start: int
    text: str  # the whole first line as written
    body: int  # index in `text` where the item's own text starts


def item_openings(doc: Document) -> list[ItemOpening]:
    """Every list item's first line outside blockquotes, once per document."""
    return doc.memo("ai-writing:item-openings", _item_openings)


def _item_openings(doc: Document) -> list[ItemOpening]:
    result = []
    for index, block in enumerate(doc.blocks):
        if block.kind != "list_item" or block.container == "blockquote":
            continue
        text = doc.lines.line_text(block.line)
        marker = LIST_MARKER.match(text)
        if marker is None:  # `> - item` or a marker on a line we cannot read: not ours
            continue
        result.append(ItemOpening(index, block.line, doc.lines.line_start(block.line), text, marker.end()))
    return result


def bold_label(opening: ItemOpening) -> tuple[Span, str, str] | None:
    """(span, label, separator) of a bold label opening the item, if any."""
    match = BOLD_LABEL.match(opening.text, _after_symbols(opening.text, opening.body))
    if match is None:
        return None
    label = match.group("label") or match.group("label2")
    separator = match.group("sep") or match.group("dash") or match.group("sep2")
    start = opening.line_start + match.start()
    return Span(start, opening.line_start + match.end()), label.strip(), separator


def _after_symbols(text: str, position: int) -> int:
    """Skip a leading emoji or other pictograph (and the spaces after it): `- 🚀 **新機能**: …`."""
    start = position
    while position < len(text) and (unicodedata.category(text[position]) == "So" or text[position] in "\ufe0f\u200d"):
        position += 1
    if position == start:
        return start
    while position < len(text) and text[position] in " \t":
        position += 1
    return position


def emoji_label(opening: ItemOpening, pattern: re.Pattern[str]) -> tuple[Span, str] | None:
    """(span, emoji) of an emoji opening the item (before or just inside a bold label)."""
    position = opening.body
    text = opening.text
    if text.startswith("**", position):
        position += 2
    while position < len(text) and text[position] in " \t":
        position += 1
    match = pattern.match(text, position)
    if match is None:
        return None
    return Span(opening.line_start + match.start(), opening.line_start + match.end()), match.group(0)


def list_label_spans(doc: Document, emoji: re.Pattern[str]) -> list[Span]:
    """Spans ai-list-formatting reports by default (bold labels and opening emoji)."""
    spans = []
    for opening in item_openings(doc):
        label = bold_label(opening)
        if label:
            spans.append(label[0])
        mark = emoji_label(opening, emoji)
        if mark:
            spans.append(mark[0])
    return spans


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def iter_regex(pattern: re.Pattern[str], text: str, base: int) -> Iterator[tuple[Span, re.Match[str]]]:
    for match in pattern.finditer(text):
        yield Span(base + match.start(), base + match.end()), match
