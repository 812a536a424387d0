"""Morphological tokens from fugashi + unidic-lite, made lazily and once per process.

The tagger is the most expensive part of a run, so it is created on first use
(never at import) and shared by every document in the process. Features are
read by splitting `feature_raw` once per word: fugashi's `.feature` named tuple
builds a Python object per attribute access and costs several times more.

UniDic's feature columns (unidic-lite 1.0.8 = UniDic 2.1.2) used here:
0 pos1, 1 pos2, 2 pos3, 3 pos4, 4 cType, 5 cForm, 6 lForm (reading of the
lemma), 7 lemma, 8 orth, 9 pron, 10 orthBase. Unknown words carry only the first
six columns.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import NamedTuple

from jalint.inline import CODE, MARKUP


class Token(NamedTuple):
    """One morpheme; `start`/`end` are offsets into the file text.

    A named tuple, not a dataclass: a post has thousands of tokens, and a frozen
    dataclass costs several times more to build.
    """

    surface: str
    start: int
    end: int
    pos: str  # 品詞 (名詞, 助詞, 動詞, ...)
    pos_detail: str  # 品詞細分類 (格助詞, 普通名詞, ...)
    conjugation: str  # 活用形 (連用形-一般, ...), "" when none
    lemma: str
    unknown: bool = False  # not in the dictionary: often a word cut in two (「モデ」)
    pos3: str = ""  # 品詞細分類2 (一般, 副詞可能, ...)
    conjugation_type: str = ""  # 活用型 (下一段-バ行, 助動詞-ナイ, ...)
    reading: str = ""  # reading of the lemma in katakana (lForm)
    base: str = ""  # dictionary form in the surface's own spelling (orthBase)

    @property
    def pos_key(self) -> str:
        """`品詞,細分類` as word lists name parts of speech."""
        return f"{self.pos},{self.pos_detail}"


@lru_cache(maxsize=1)
def tagger():  # noqa: ANN201 - fugashi's Tagger type is only known after import
    import fugashi  # deferred: importing MeCab and the dictionary costs start-up time

    return fugashi.Tagger()


def _columns(raw: str) -> list[str]:
    """UniDic's columns with "*" as "", padded to 11 (unknown words have 6)."""
    if '"' in raw:  # a quoted column (a comma or quote in the surface): rare, so csv only then
        columns = next(csv.reader([raw]))[:11]
    else:
        columns = raw.split(",", 11)[:11]
    if len(columns) < 11:
        columns.extend([""] * (11 - len(columns)))
    return ["" if value == "*" else value for value in columns]


def tokenize(masked: str, base: int) -> list[Token]:
    """Tokens of masked text; mask runs are whitespace (markup) or a neutral noun (code)."""
    prepared = masked.replace(MARKUP, " ").replace(CODE, "Ｘ").replace("\n", " ")
    tokens: list[Token] = []
    append = tokens.append
    offset = 0
    find = prepared.find
    for word in tagger()(prepared):
        surface = word.surface
        # MeCab reports the skipped whitespace, but find() also survives any
        # character it normalises on the way.
        found = find(surface, offset)
        start = found if found >= 0 else offset + len(word.white_space)
        offset = start + len(surface)
        pos, pos_detail, pos3, _pos4, ctype, cform, reading, lemma, _orth, _pron, orth_base = _columns(word.feature_raw)
        append(Token(masked[start:offset], base + start, base + offset, pos, pos_detail, cform, lemma or surface,
                     bool(word.is_unk), pos3, ctype, reading, orth_base or surface))
    return tokens
