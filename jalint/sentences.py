"""Japanese-aware sentence splitting over masked prose.

A sentence ends after 。．！？!? (plus any closing brackets or quotes right
after), or at a line end. Terminators inside 「」『』（）() do not end a sentence,
so quoted speech stays whole. Code and URLs are masked before this runs, so
their punctuation never splits anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from jalint.inline import MASKS
from jalint.positions import Span

TERMINATORS = frozenset("。．！？!?")
CLOSERS = frozenset("」』）)】〕］”’")
_OPEN_TO_CLOSE = {"「": "」", "『": "』", "（": "）", "(": ")"}
_SKIP = set(" \t\r\u3000" + MASKS)


@dataclass(frozen=True)
class Sentence:
    """A sentence span; `text` is the masked text of that span."""

    span: Span
    text: str
    block_index: int


def split_sentences(masked: str, base: int, block_index: int) -> list[Sentence]:
    """Split the masked text of one block; offsets are shifted by `base`."""
    sentences: list[Sentence] = []
    start = 0
    stack: list[str] = []
    i = 0
    length = len(masked)

    def emit(end: int) -> None:
        s, e = start, end
        while s < e and masked[s] in _SKIP:
            s += 1
        while e > s and masked[e - 1] in _SKIP:
            e -= 1
        if e > s:
            sentences.append(Sentence(Span(base + s, base + e), masked[s:e], block_index))

    while i < length:
        ch = masked[i]
        if ch == "\n":
            emit(i)
            stack.clear()
            start = i + 1
        elif ch in _OPEN_TO_CLOSE:
            stack.append(_OPEN_TO_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in TERMINATORS and not stack:
            end = i + 1
            while end < length and (masked[end] in TERMINATORS or masked[end] in CLOSERS):
                end += 1
            emit(end)
            start = end
            i = end
            continue
        i += 1
    emit(length)
    return sentences
