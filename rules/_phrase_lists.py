"""Token-sequence patterns for the phrase-list rules (weak-phrase, redundant-expression, word-misuse).

A phrase that inflects is a list of token patterns in the rule's TOML file,
matched on the shared morphological analysis (UniDic via fugashi). Each token
pattern is an inline table whose keys all have to hold (a list means "one of"):

- `surface`, `lemma`, `base`: the token's text, UniDic lemma, dictionary form;
- `pos`: `品詞`, `品詞/細分類` or `品詞/細分類/細分類2` (a prefix of the token's);
- `conj`: the start of the conjugation form (`終止形`, `連用形`, …);
- `optional = true`: the token may be absent (a 、 inside the phrase).

An entry may also say what must (`followed-by`) or must not (`not-followed-by`)
come right after the phrase; `{ end = true }` there means the end of the
sentence or a closing mark.

Phrases that never inflect are plain text and matched with `in`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from jalint.tokens import Token

TokenTest = Callable[[Token], bool]
# What ends a clause for `{ end = true }`: sentence marks and closing brackets.
_END_SURFACES = frozenset("。．！？!?」』）)】")
_OPEN_QUOTES = "「『“"
_CLOSE_QUOTES = "」』”"


class TokenPattern(NamedTuple):
    test: TokenTest
    optional: bool = False
    end: bool = False  # matches the end of the sentence (consumes nothing)


class Match(NamedTuple):
    start: int  # index of the first token
    stop: int  # index after the last token
    tokens: tuple[Token | None, ...]  # one per pattern: None where an optional token was absent


def _values(spec: dict, key: str) -> tuple[str, ...] | None:
    value = spec.get(key)
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def compile_token(spec: dict[str, Any]) -> TokenPattern:
    """One token pattern from its TOML table; unknown keys fail loudly (they are our data)."""
    unknown = set(spec) - {"surface", "lemma", "base", "pos", "conj", "optional", "end"}
    if unknown:
        raise ValueError(f"unknown token pattern keys: {sorted(unknown)}")
    if spec.get("end"):
        return TokenPattern(test=lambda token: False, end=True)
    surface = _values(spec, "surface")
    lemma = _values(spec, "lemma")
    base = _values(spec, "base")
    pos = _values(spec, "pos")
    conj = _values(spec, "conj")

    def test(token: Token) -> bool:
        if surface is not None and token.surface not in surface:
            return False
        if lemma is not None and token.lemma not in lemma:
            return False
        if base is not None and token.base not in base:
            return False
        if pos is not None:
            full = f"{token.pos}/{token.pos_detail}/{token.pos3}"
            if not any(full.startswith(p) for p in pos):
                return False
        if conj is not None and not token.conjugation.startswith(conj):
            return False
        return True

    return TokenPattern(test=test, optional=bool(spec.get("optional")))


def compile_sequence(specs: Sequence[dict]) -> tuple[TokenPattern, ...]:
    return tuple(compile_token(spec) for spec in specs)


def at_end(tokens: Sequence[Token], index: int) -> bool:
    """The sentence ends at `index`: no token left, or a closing mark comes next."""
    return index >= len(tokens) or tokens[index].surface in _END_SURFACES


def match_at(patterns: Sequence[TokenPattern], tokens: Sequence[Token], index: int) -> Match | None:
    """The sequence matched at token `index`, optional tokens taken when present."""
    found = _match(patterns, 0, tokens, index)
    if found is None:
        return None
    stop, taken = found
    return Match(index, stop, tuple(taken))


def _match(patterns: Sequence[TokenPattern], p: int, tokens: Sequence[Token], i: int) -> tuple[int, list] | None:
    if p == len(patterns):
        return i, []
    pattern = patterns[p]
    if pattern.end:
        if not at_end(tokens, i):
            return None
        rest = _match(patterns, p + 1, tokens, i)
        return None if rest is None else (rest[0], [None, *rest[1]])
    if i < len(tokens) and pattern.test(tokens[i]):
        rest = _match(patterns, p + 1, tokens, i + 1)
        if rest is not None:
            return rest[0], [tokens[i], *rest[1]]
    if pattern.optional:
        rest = _match(patterns, p + 1, tokens, i)
        if rest is not None:
            return rest[0], [None, *rest[1]]
    return None


def followed(alternatives: Sequence[tuple[TokenPattern, ...]], tokens: Sequence[Token], index: int) -> bool:
    """Some alternative sequence matches right at `index`."""
    return any(match_at(alternative, tokens, index) is not None for alternative in alternatives)


def required_surfaces(specs: Sequence[dict]) -> tuple[str, ...]:
    """Texts one of which every match contains: the surfaces of its most selective fixed token.

    A cheap `in` test on the sentence rules most sentences out before any
    token is looked at; () when no token names its surface (always look).
    """
    best: tuple[str, ...] = ()
    for spec in specs:
        surfaces = _values(spec, "surface")
        if spec.get("optional") or spec.get("end") or not surfaces:
            continue
        if not best or min(map(len, surfaces)) > min(map(len, best)):
            best = surfaces
    return best


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the insides of 「」『』“” (outermost pairs)."""
    if not any(mark in text for mark in _OPEN_QUOTES):  # most sentences quote nothing: skip the walk
        return []
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, char in enumerate(text):
        if char in _OPEN_QUOTES:
            if depth == 0:
                start = i
            depth += 1
        elif char in _CLOSE_QUOTES and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:  # an unclosed quote runs to the end of the sentence
        spans.append((start, len(text)))
    return spans


def inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in spans)
