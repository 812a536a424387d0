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
    pos3: str = ""  # 品詞細分類2 (一般, 副詞可能, ...)
    conjugation_type: str = ""  # 活用型 (下一段-バ行, 助動詞-ナイ, ...)
    reading: str = ""  # reading of the lemma in katakana (lForm)
    base: str = ""  # dictionary form in the surface's own spelling (orthBase)


# MeCab prints three fields per morpheme, each ended by _SEP: the whitespace it
# skipped before the word, the surface, and the word's features joined by
# _JOIN (in Token's order from `pos` on). Both are private-use characters that
# `tokenize` removes from the text first, so no surface can contain them. One
# flat `split` gives every field of every word, and the offsets follow from the
# lengths alone.
_SEP = "\ue003"
_JOIN = "\ue004"
_COLUMNS = (0, 1, 5, 7, 2, 4, 6, 10)  # pos1, pos2, cForm, lemma, pos3, cType, lForm, orthBase

# A post has ~10,000 words but ~1,200 distinct feature records: each record is
# split once and its tuple shared by every word that has it. Unknown words print
# their own surface as lemma and base, so the table grows with the text's
# vocabulary; it is emptied when it gets large.
_features: dict[str, tuple[str, ...]] = {}
_MAX_FEATURES = 200_000


@lru_cache(maxsize=1)
def tagger():  # noqa: ANN201 - fugashi's tagger type is only known after import
    """MeCab with unidic-lite, printing `skipped whitespace, surface, features` per morpheme.

    MeCab formats its own output in C; splitting that one string costs a
    fraction of iterating fugashi's node objects and splitting each word's full
    feature string. `%f[i]` prints "" for UniDic's "*"; `%pS` is the whitespace
    MeCab skipped before the word.
    """
    import fugashi  # deferred: importing MeCab and the dictionary costs start-up time
    import unidic_lite

    folder = unidic_lite.DICDIR
    known = _JOIN.join(f"%f[{i}]" for i in _COLUMNS)
    # Unknown words have 6 columns: no lemma, reading or orthBase; the surface stands for lemma and base.
    unknown = _JOIN.join(("%f[0]", "%f[1]", "%f[5]", "%m", "%f[2]", "%f[4]", "", "%m"))
    return fugashi.GenericTagger(
        f'-r {folder}/mecabrc -d {folder} -O "" --node-format=%pS{_SEP}%m{_SEP}{known}{_SEP} '
        f"--unk-format=%pS{_SEP}%m{_SEP}{unknown}{_SEP} --eos-format="
    )


def tokenize(masked: str, base: int) -> list[Token]:
    """Tokens of masked text; mask runs are whitespace (markup) or a neutral noun (code)."""
    prepared = masked.replace(MARKUP, " ").replace(CODE, "Ｘ").replace("\n", " ")
    if _SEP in prepared or _JOIN in prepared:
        prepared = prepared.replace(_SEP, " ").replace(_JOIN, " ")
    fields = tagger().parse(prepared).split(_SEP)
    if len(_features) > _MAX_FEATURES:
        _features.clear()
    features = _features
    known = features.get
    tokens: list[Token] = []
    append = tokens.append
    offset = 0
    new = tuple.__new__  # Token's own __new__ is a Python function with defaults: a third slower per word
    words = iter(fields)
    for space, surface, record in zip(words, words, words):
        start = offset + len(space)
        offset = start + len(surface)
        shared = known(record)
        if shared is None:
            shared = features[record] = tuple(record.split(_JOIN))
        # The surface is sliced from the masked text: a code mask was tagged as Ｘ.
        append(new(Token, (masked[start:offset], base + start, base + offset, *shared)))
    return tokens


def shifted(tokens: list[Token], delta: int) -> list[Token]:
    """The same tokens `delta` code points further on: the analysis of a copy of an already tagged text.

    Generated posts repeat paragraphs (a quarter of the prose the style rules
    tag in the corpus is a copy of a block tagged earlier in the same post);
    MeCab gives the same words for the same text, so only the offsets change.
    """
    new = tuple.__new__
    return [new(Token, (t[0], t[1] + delta, t[2] + delta, *t[3:])) for t in tokens]
