"""Morphological tokens from fugashi + unidic-lite, made lazily and once per process.

The tagger is the most expensive part of a run, so it is created on first use
(never at import) and shared by every document in the process. MeCab prints
just the columns jalint reads (see `tagger`), so no Python object is built per
word before the token itself.

UniDic's feature columns (unidic-lite 1.0.8 = UniDic 2.1.2) used here:
0 pos1, 1 pos2, 2 pos3, 4 cType, 5 cForm, 6 lForm (reading of the lemma),
7 lemma, 10 orthBase. Unknown words carry only the first six columns.
"""

from __future__ import annotations

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


# Separator between every printed field, the last field of a morpheme included:
# a private-use character that `tokenize` removes from the text first, so no
# surface can contain it. One flat `split` then gives every field of every word.
_SEP = "\ue003"
_FIELDS = 10  # unknown flag, 8 feature columns, surface


@lru_cache(maxsize=1)
def tagger():  # noqa: ANN201 - fugashi's tagger type is only known after import
    """MeCab with unidic-lite, printing `unknown flag, the 8 columns jalint reads, surface` per morpheme.

    MeCab formats its own output in C; splitting that one string at a single
    separator costs a fraction of iterating fugashi's node objects and splitting
    each word's full feature string. `%f[i]` prints "" for UniDic's "*".
    """
    import fugashi  # deferred: importing MeCab and the dictionary costs start-up time
    import unidic_lite

    folder = unidic_lite.DICDIR
    columns = _SEP.join(f"%f[{i}]" for i in (0, 1, 2, 4, 5, 6, 7, 10))
    known = f"0{_SEP}{columns}{_SEP}%m{_SEP}"
    unknown = f"1{_SEP}%f[0]{_SEP}%f[1]{_SEP}%f[2]{_SEP}%f[4]{_SEP}%f[5]{_SEP * 4}%m{_SEP}"  # unknown words have 6 columns
    return fugashi.GenericTagger(
        f'-r {folder}/mecabrc -d {folder} -O "" --node-format={known} --unk-format={unknown} --eos-format='
    )


def tokenize(masked: str, base: int) -> list[Token]:
    """Tokens of masked text; mask runs are whitespace (markup) or a neutral noun (code)."""
    prepared = masked.replace(MARKUP, " ").replace(CODE, "Ｘ").replace("\n", " ")
    if _SEP in prepared:
        prepared = prepared.replace(_SEP, " ")
    fields = tagger().parse(prepared).split(_SEP)
    tokens: list[Token] = []
    append = tokens.append
    offset = 0
    find = prepared.find
    words = iter(fields)
    new = tuple.__new__  # Token's own __new__ is a Python function with defaults: a third slower per word
    for unknown, pos, pos_detail, pos3, ctype, cform, reading, lemma, orth_base, surface in zip(*[words] * _FIELDS):
        # MeCab skips whitespace before a word; find() also survives any character
        # it normalises on the way.
        found = find(surface, offset)
        start = found if found >= 0 else offset
        offset = start + len(surface)
        append(new(Token, (masked[start:offset], base + start, base + offset, pos, pos_detail, cform,
                           lemma or surface, unknown == "1", pos3, ctype, reading, orth_base or surface)))
    return tokens
