"""Morphological tokens from fugashi + unidic-lite, made lazily and once per process.

The tagger is the most expensive part of a run, so it is created on first use
(never at import) and shared by every document in the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jalint.inline import CODE, MARKUP


@dataclass(frozen=True)
class Token:
    """One morpheme; `start`/`end` are offsets into the file text."""

    surface: str
    start: int
    end: int
    pos: str  # 品詞 (名詞, 助詞, 動詞, ...)
    pos_detail: str  # 品詞細分類 (格助詞, 普通名詞, ...)
    conjugation: str  # 活用形 (連用形-一般, ...), "" when none
    lemma: str
    unknown: bool = False  # not in the dictionary: often a word cut in two (「モデ」)


@lru_cache(maxsize=1)
def tagger():  # noqa: ANN201 - fugashi's Tagger type is only known after import
    import fugashi  # deferred: importing MeCab and the dictionary costs start-up time

    return fugashi.Tagger()


def _field(value: object) -> str:
    return "" if value in (None, "*") else str(value)


def tokenize(masked: str, base: int) -> list[Token]:
    """Tokens of a masked sentence; mask runs are whitespace or a neutral noun."""
    prepared = masked.replace(MARKUP, " ").replace(CODE, "Ｘ")
    tokens: list[Token] = []
    offset = 0
    for word in tagger()(prepared):
        surface = word.surface
        # MeCab reports the skipped whitespace, but find() also survives any
        # character it normalises on the way.
        found = prepared.find(surface, offset)
        start = found if found >= 0 else offset + len(word.white_space)
        offset = start + len(surface)
        feature = word.feature
        tokens.append(
            Token(
                surface=masked[start:offset],
                start=base + start,
                end=base + offset,
                pos=_field(feature.pos1),
                pos_detail=_field(feature.pos2),
                conjugation=_field(feature.cForm),
                lemma=_field(feature.lemma) or surface,
                unknown=bool(getattr(word, "is_unk", False)),
            )
        )
    return tokens
