"""Text normalisation shared by rules that compare what a reader would call "the same text"."""

from __future__ import annotations

import re
import unicodedata

from jalint.inline import MASKS

_NOISE = re.compile(rf"[\s{MASKS}*_~#>]+")


def normalise(text: str) -> str:
    """Fold width (NFKC) and case; drop whitespace, mask characters and Markdown emphasis marks."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def is_mostly_ascii(text: str, threshold: float = 0.8) -> bool:
    """True for English (or code-like) text, which Japanese prose rules should leave alone."""
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return False
    return sum(ch.isascii() for ch in letters) / len(letters) >= threshold


def normalise_with_breaks(text: str) -> tuple[str, frozenset[int]]:
    """`normalise(text)` plus the key positions that whitespace preceded in the text.

    Merged copies join paragraphs with a space; knowing where spaces were lets a
    rule tell "this text goes on mid-sentence" from "a new paragraph starts here".
    """
    folded = unicodedata.normalize("NFKC", text)
    chars: list[str] = []
    breaks: set[int] = set()
    pending = False
    for ch in folded:
        if _NOISE.fullmatch(ch):
            pending = pending or ch.isspace()
            continue
        if pending:
            breaks.add(len(chars))
            pending = False
        chars.append(ch.casefold())
    return "".join(chars), frozenset(breaks)
