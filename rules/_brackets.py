"""What unmatched-bracket and its copy test share: the pairs, where a paragraph was cut, and a repeated join.

Kept apart from the rule so that `_bracket_copies` can read paragraph ends and
overlaps the way the rule does without importing it.
"""

from __future__ import annotations

from jalint.inline import MASKS
from jalint.rules._prose import UNSEEN

PAIRS = {
    "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "［": "］", "[": "]",
    "｛": "｝", "{": "}", "〚": "〛", "«": "»", "‹": "›", "“": "”",
}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
TERMINATORS = "。．！？!?"


def cut_off_tail(text: str) -> int | None:
    """Where the unfinished last sentence starts when the paragraph does not end a sentence, else None."""
    visible = text.rstrip(UNSEEN)
    if visible.rstrip("".join(CLOSERS) + '"' + MASKS)[-1:] in tuple(TERMINATORS):
        return None
    return max(visible.rfind(ch) for ch in TERMINATORS) + 1


def overlap(tail: str, head: str, shortest: int, longest: int) -> int:
    """How many characters `head` opens with that `tail` ends with (the longest such run), 0 if under `shortest`.

    A continuation written after a cut often repeats the cut words (「…避けては通」 ⏎ 「避けては通れない…」).
    """
    for length in range(min(len(tail), len(head), longest), shortest - 1, -1):
        if tail.endswith(head[:length]):
            return length
    return 0
