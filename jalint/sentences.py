"""Japanese-aware sentence splitting over masked prose.

A sentence ends after 。．！？!? (plus any closing brackets or quotes right
after), or at a line end. Terminators inside 「」『』（）() do not end a sentence,
so quoted speech stays whole. Code and URLs are masked before this runs, so
their punctuation never splits anything.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jalint.inline import MASKS
from jalint.positions import Span

TERMINATORS = frozenset("。．！？!?")
CLOSERS = frozenset("」』）)】〕］”’")
_OPEN_TO_CLOSE = {"「": "」", "『": "』", "（": "）", "(": ")"}
_SKIP = " \t\r\u3000" + MASKS
# Only these characters can change the splitter's state; everything else is skipped in C.
_EVENTS = re.compile(r"[\n。．！？!?「『（(」』）)]")
_AFTER_TERMINATOR = re.compile(r"[。．！？!?」』）)】〕］”’]*")


class Sentence(NamedTuple):
    """A sentence span; `text` is the masked text of that span."""

    span: Span
    text: str
    block_index: int


_CONTINUES = frozenset("、，,")


def split_sentences(masked: str, base: int, block_index: int, join_lines: bool = False) -> list[Sentence]:
    """Split the masked text of one block; offsets are shifted by `base`.

    With `join_lines`, a line that ends in a comma (、，,) runs on into the next
    line, as the rendered paragraph does: 「効果は、⏎ 約3,000万円です。」 is one
    sentence. Prose rules read sentences this way; the duplicate and truncation
    rules compare lines as written.
    """
    sentences: list[Sentence] = []
    start = 0
    stack: list[str] = []

    def emit(end: int) -> None:
        piece = masked[start:end]
        stripped = piece.lstrip(_SKIP)
        s = start + len(piece) - len(stripped)
        e = s + len(stripped.rstrip(_SKIP))
        if e > s:
            sentences.append(Sentence(Span(base + s, base + e), masked[s:e], block_index))

    position = 0
    while True:
        event = _EVENTS.search(masked, position)
        if event is None:
            break
        i = event.start()
        ch = masked[i]
        position = i + 1
        if ch == "\n":
            if join_lines and masked[start:i].rstrip(_SKIP)[-1:] in _CONTINUES and masked[start:i].strip(_SKIP):
                continue
            emit(i)
            stack.clear()
            start = i + 1
        elif ch in _OPEN_TO_CLOSE:
            stack.append(_OPEN_TO_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in TERMINATORS and not stack:
            end = _AFTER_TERMINATOR.match(masked, i + 1).end()
            emit(end)
            start = position = end
    emit(len(masked))
    return sentences
