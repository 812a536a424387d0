"""Whether a broken bracket stands in a copy of a sentence the post already has: then the copy goes, not the bracket.

Generators that loop rewrite whole sections, and a copy often differs from its
original only where it broke: a 」 lost, a paragraph cut and continued, a
「...」 lead-in. The engine's repeated-text test only knows copies word for
word, so such a copy reaches unmatched-bracket, whose local repair (add the
」, join the two paragraphs) would rebuild yet another copy. Readers asked for
the repair that fits: delete the copy, and name where the sentence already is.

A sentence counts as a copy when, with brackets, lead-in dots and spaces left
out, it stands whole in an earlier paragraph that ends its last sentence
(`_MIN_CHARS` characters at least, so a short stock phrase is no evidence).
An earlier paragraph cut off mid-sentence is no original: a paragraph that
restarts it is the version to keep.
"""

from __future__ import annotations

from typing import NamedTuple

from jalint.document import Document
from jalint.inline import MASKS
from jalint.positions import Span
from jalint.rules._brackets import CLOSERS, TERMINATORS, cut_off_tail, overlap

_IGNORED = frozenset("「」『』（）()【】［］[]\"“”…・.． \u3000\n\t") | frozenset(MASKS)
_MIN_CHARS = 20  # characters a copied sentence must have (brackets aside) to count as evidence


def _normal(text: str) -> str:
    return "".join(ch for ch in text if ch not in _IGNORED)


def _sentence_around(doc: Document, block: int, offset: int) -> tuple[int, int]:
    """The stretch of block `block` from the sentence end before `offset` to the 。 after it (file offsets).

    Only 。 ends the stretch after the bracket: a quotation holding ？ (「なぜ…？もっと…？」と問う) is one sentence.
    """
    content = doc.blocks[block].content
    assert content is not None
    text = doc.masked[content.start : content.end]
    at = offset - content.start
    back = at
    while back > 0 and text[back - 1] in CLOSERS:
        back -= 1
    if back > 0 and text[back - 1] == "。":  # 「…断言できます。」」: the closer ends the sentence before it
        at = back - 1
    start = text.rfind("。", 0, at) + 1
    end = text.find("。", at)
    return content.start + start, content.start + (end + 1 if end >= 0 else len(text))


class Copy(NamedTuple):
    """Where the text a broken bracket stands in was said before, and how much of it is the copy."""

    original: Span  # the earlier paragraph
    # "paragraph": the whole paragraph (after a leading fragment); "joined paragraphs": it and the cut one
    # before; "sentence"; "joined": the two halves of a cut sentence
    scope: str


def find_copy(doc: Document, offset: int, block: int, joined_from: int | None = None) -> Copy | None:
    """The earlier finished paragraph that holds the text around the bracket at `offset` (brackets aside).

    `joined_from` is the block of a cut paragraph this one continues: the two are read joined first
    (the whole paragraph a cut split), then the halves of the sentence the cut split. Otherwise the
    whole paragraph is tried, also without a leading fragment that ends at the bracket
    (「の説明可能なAI（XAI）」の導入も…」: a cut item's tail stuck on the front of a copied paragraph),
    then the sentence around the bracket.
    """
    content = doc.blocks[block].content
    assert content is not None
    start, end = _sentence_around(doc, block, offset)
    whole = _normal(doc.masked[content.start : content.end])
    sentence = _normal(doc.masked[start:end])
    before = doc.blocks[joined_from].content if joined_from is not None else None
    if joined_from is not None and before is not None and start == content.start:
        text = doc.masked[before.start : before.end]
        original = _earlier_holding(doc, _join(_normal(text), whole), joined_from)
        if original is not None:
            return Copy(original, "joined paragraphs")
        tail = _normal(text[max(text.rfind(ch) for ch in TERMINATORS) + 1 :])
        original = _earlier_holding(doc, _join(tail, sentence), joined_from)
        return Copy(original, "joined") if original is not None else None
    wholes = [whole, _normal(doc.masked[offset + 1 : content.end])] if start == content.start else [whole]
    for candidate in wholes:
        original = _earlier_holding(doc, candidate, block)
        if original is not None:
            return Copy(original, "paragraph")
    original = _earlier_holding(doc, sentence, block)
    return Copy(original, "sentence") if original is not None else None


def _earlier_holding(doc: Document, text: str, before: int) -> Span | None:
    """The first finished paragraph before block `before` whose text (brackets aside) holds `text`."""
    if len(text) < _MIN_CHARS:
        return None
    for earlier in doc.blocks[:before]:
        if earlier.kind == "paragraph" and earlier.content is not None:
            paragraph = doc.masked[earlier.content.start : earlier.content.end]
            if text in _normal(paragraph) and cut_off_tail(paragraph) is None:
                return earlier.content
    return None


def _join(tail: str, head: str) -> str:
    """The two halves of a sentence split by a cut, without the words the second repeats from the first."""
    return tail + head[overlap(tail, head, 1, len(head)) :]
