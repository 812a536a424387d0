"""Japanese-aware sentence splitting over masked prose.

A sentence ends after 。．！？!? (plus any closing brackets or quotes right
after), after a half-width period that ends an English sentence, or at a line
end. Terminators inside 「」『』（）() do not end a sentence, so quoted speech
stays whole (「「高い。」と言った。」 is one sentence). Two exceptions, both common
in generated posts: a bracket that is never closed on its line (a stray 「
opening a paragraph would otherwise make the whole paragraph one sentence), and
a quotation that is the whole line (「…ですか？…ですよ。」 is several sentences in
quotes, read as such). Code and URLs are masked before this runs, so their
punctuation never splits anything.
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
_EVENTS = re.compile(r"[\n。．！？!?「『（(」』）).]")
# A half-width period ends an English sentence inside Japanese prose when a word
# of two or more lower-case letters comes before it and a capital after a space
# (「…blocks. Smaller models…」); initials, Mr./Dr., e.g., U.S. and decimals do not.
_ENGLISH_STOP = re.compile(r"(?<=[a-z]{2})\.(?=[ \t]+[A-Z])")
_BRACKETS = re.compile(r"[\n「『（(」』）)]")
_OPENERS = re.compile(r"[「『（(]")
_CONTENT = re.compile("[^" + re.escape(_SKIP) + "]")
_NOT_TAIL = re.compile("[^" + re.escape(_SKIP + "".join(sorted(TERMINATORS | CLOSERS))) + "]")
_AFTER_TERMINATOR = re.compile(r"[。．！？!?」』）)】〕］”’]*")


class Sentence(NamedTuple):
    """A sentence span; `text` is the masked text of that span."""

    span: Span
    text: str
    block_index: int


_CONTINUES = frozenset("、，,")


def _runs_on(masked: str, start: int, newline: int, join_lines: bool) -> bool:
    """Whether the line ending at `newline` runs on into the next (a trailing comma, with `join_lines`)."""
    if not join_lines:
        return False
    line = masked[start:newline].rstrip(_SKIP)
    return line[-1:] in _CONTINUES


def _closed_brackets(masked: str, join_lines: bool) -> dict[int, int]:
    """Offset of each opening bracket that is closed on its line -> offset of its closer, in one pass.

    A closer that does not match the innermost open bracket closes the nearest
    one it does match; the brackets opened after that one stay unclosed.
    """
    closed: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    line_start = 0
    for event in _BRACKETS.finditer(masked):
        i = event.start()
        ch = masked[i]
        if ch == "\n":
            if not _runs_on(masked, line_start, i, join_lines):
                stack.clear()
            line_start = i + 1
        elif ch in _OPEN_TO_CLOSE:
            stack.append((_OPEN_TO_CLOSE[ch], i))
        else:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    closed[stack[depth][1]] = i
                    del stack[depth:]
                    break
    return closed


def _quotes_whole_line(masked: str, start: int, opener: int, closer: int) -> bool:
    """The bracket opens the sentence and closes at its line's end: a quoted line, not a quote in a sentence.

    Both checks stop at the first character that decides them, so a line of
    thousands of quotations costs no more than reading it.
    """
    first = _CONTENT.search(masked, start, opener + 1)
    if first is None or first.start() != opener:
        return False
    after = _NOT_TAIL.search(masked, closer + 1)
    return after is None or masked[after.start()] == "\n"


def _in_english_quotation(before: str) -> bool:
    """Whether a quotation opened with " or “ is still open: `He said "It is late. We go".` is one sentence."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


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
    closed = _closed_brackets(masked, join_lines) if _OPENERS.search(masked) else {}

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
            if _runs_on(masked, start, i, join_lines) and masked[start:i].strip(_SKIP):
                continue
            emit(i)
            stack.clear()
            start = i + 1
        elif ch in _OPEN_TO_CLOSE:
            closer = closed.get(i)
            if closer is not None and (stack or not _quotes_whole_line(masked, start, i, closer)):
                stack.append(_OPEN_TO_CLOSE[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch == ".":
            if not stack and _ENGLISH_STOP.match(masked, i) and not _in_english_quotation(masked[start:i]):
                emit(i + 1)
                start = i + 1
        elif ch in TERMINATORS and not stack:
            end = _AFTER_TERMINATOR.match(masked, i + 1).end()
            emit(end)
            start = position = end
    emit(len(masked))
    return sentences
