"""Text normalisation shared by rules that compare what a reader would call "the same text"."""

from __future__ import annotations

import re
import unicodedata

from jalint.inline import MASKS

_WHITESPACE = re.compile(r"\s+")
_NOISE = re.compile(rf"[\s{MASKS}*_~#>]+")


def normalise(text: str) -> str:
    """Fold width (NFKC) and case; drop whitespace, mask characters and Markdown emphasis marks."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def is_mostly_ascii(text: str, threshold: float = 0.8) -> bool:
    """True for English (or code-like) text, which Japanese prose rules should leave alone."""
    letters = _WHITESPACE.sub("", text)
    if not letters:
        return False
    return len(letters.encode("ascii", "ignore")) / len(letters) >= threshold


def normalise_with_breaks(text: str) -> tuple[str, frozenset[int]]:
    """`normalise(text)` plus the key positions that whitespace preceded in the text.

    Merged copies join paragraphs with a space; knowing where spaces were lets a
    rule tell "this text goes on mid-sentence" from "a new paragraph starts here".
    """
    folded = unicodedata.normalize("NFKC", text)
    breaks: set[int] = set()
    removed = 0
    for match in _NOISE.finditer(folded):
        kept_before = match.start() - removed
        removed += match.end() - match.start()
        if kept_before and any(ch.isspace() for ch in match.group()):
            breaks.add(kept_before)
    stripped = _NOISE.sub("", folded)
    key = stripped.casefold()
    if len(key) != len(stripped):  # a rare letter whose case fold changes length (ß): positions would drift
        return key, frozenset()
    return key, frozenset(b for b in breaks if b < len(key))


# A prompt template's label before a title or field (「タイトル：」「【記事タイトル】」): generation
# leftover, not text of the post (title-repeated-in-body strips it; the repair check does not count it).
TEMPLATE_LABEL = re.compile(r"^[【\[]?(?:記事)?タイトル(?:案)?[】\]]?\s*[:：]?\s*")
