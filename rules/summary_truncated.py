"""## What it finds
An `excerpt` or `description` that was cut off:

- it ends in `...` (three ASCII dots) after an unfinished sentence, the way
  `text[:120] + "..."` leaves it, or in `…` after a word that cannot end a
  sentence (a case particle, a verb in its continuative form, a word cut in
  two);
- it ends in 、, in a broken character (U+FFFD, what a cut through a UTF-8
  byte sequence leaves) or with a 「 or （ left open;
- its last word cannot end a sentence: a case or conjunctive particle, a
  continuative form (「活発化してい」), a word cut in two, or a binding particle
  such as は after an earlier sentence ended with 。;
- a long last sentence (60 characters or more, with 、) ends in a noun with no
  predicate.

Headline-style summaries are left alone: 「…の真意とは」, 「…その真意は」 without
an earlier 。, a noun phrase, a question, or a teaser ending in 「…のか…」.

## Why it matters
The excerpt and description are what feeds, search results and social cards
show. A cut-off summary looks broken, and when the cut goes through a
multi-byte character the card shows a replacement character.

## Example
```markdown
---
title: "倉庫の検品をAIで自動化した中堅物流会社の一年"
description: "北関東の物流会社が画像認識による検品を導入しました。導入から一年で誤出荷は減り、現場の作業時間も大きく..."
---

本文です。
```

## Use instead
```markdown
---
title: "倉庫の検品をAIで自動化した中堅物流会社の一年"
description: "北関東の物流会社が画像認識による検品を導入しました。誤出荷と作業時間がどう変わったかを、一年分の記録から振り返ります。"
---

本文です。
```

## Options
- `keys` (default `("excerpt", "description")`): front-matter keys checked.

## Fix safety
No fix: the missing end of the sentence is not known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._front_matter_checks import SUMMARY_KEYS, string_entry, unbalanced_bracket
from jalint.rules._truncation import (
    CLOSERS,
    JAPANESE,
    LONG_UNFINISHED,
    SENTENCE_END,
    TAGGED_TAIL,
    cut_word,
    open_token,
    last_sentence,
)
from jalint.tokens import Token, tokenize

_ELLIPSIS = re.compile(r"(?:\.{2,}|…+|‥+)$")
_COMPLETE = frozenset(SENTENCE_END + CLOSERS + "…‥")
# Endings that close a headline-style summary: 「…の真意とは」, 「…って」.
_HEADLINE_ENDINGS = ("とは", "って", "には", "では")
# Particles a headline-style summary may end in; after a sentence ended with 。 they mean a cut.
_TEASER_PARTICLES = frozenset({"係助詞", "副助詞", "終助詞"})
# Auxiliaries that end a modern sentence; classical ones such as じ or き at the end
# are the first kana of a word that was cut (「感じたんじ」, 「見直すき」).
_FINAL_AUXILIARIES = frozenset(
    {"た", "だ", "です", "ます", "ない", "ぬ", "ん", "う", "よう", "らしい", "まい", "でしょう"}
)
_CLASSICAL_AUXILIARIES = frozenset({"じ", "き", "けり", "む", "べし", "り", "たり", "なり"})


class Options(RuleOptions):
    keys: tuple[str, ...] = option(SUMMARY_KEYS, "Front-matter keys checked.")


class SummaryTruncated(Rule[Options]):
    name = "summary-truncated"
    category = "front-matter"
    scope = "front_matter"
    needs_tokens = True
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        for key in self.options.keys:
            entry = string_entry(front_matter, key)
            if entry is None:
                continue
            reason = truncation(entry.value)
            if reason:
                yield Finding(
                    entry.value_span,
                    f"`{key}` が途中で切れている（{reason}）ので、最後まで書いた要約に直してください。",
                )


def truncation(value: str) -> str | None:
    """Why a summary looks cut off, or None."""
    text = value.strip()
    if text.endswith("\ufffd"):
        return "壊れた文字（U+FFFD）で終わっています"
    ellipsis = _ELLIPSIS.search(text)
    if ellipsis:
        return _cut_before_ellipsis(text[: ellipsis.start()].rstrip(), ellipsis.group())
    return _open_end(text)


def _cut_before_ellipsis(before: str, ellipsis: str) -> str | None:
    if not before or not JAPANESE.search(before):
        return None
    ascii_dots = ellipsis.startswith(".")
    shown = "..." if ascii_dots else ellipsis
    if before[-1] in SENTENCE_END or (before[-1] in CLOSERS and before[-2:-1] in tuple(SENTENCE_END)):
        return None
    if ascii_dots:
        # ASCII dots after Japanese text are what `text[:n] + "..."` leaves: only a
        # finished sentence (a sentence-final particle, です/ます/た) may stand before them.
        if before[-1] in CLOSERS or _open_end(before) or not _finished(before):
            return f"文の途中が「{shown}」で省略されています"
        return None
    if before[-1] in _COMPLETE:
        return None
    return f"文の途中が「{shown}」で省略されています" if _open_end(before, teaser=True) else None


def _finished(text: str) -> bool:
    """Whether `text` ends the way a finished sentence does: a sentence-final particle, です, ます, た."""
    if text.endswith(_HEADLINE_ENDINGS):
        return True
    tokens = _tokens(text)
    if not tokens or _fragment(tokens):
        return False
    last = tokens[-1]
    if last.pos == "助詞":
        return last.pos_detail == "終助詞"
    # A plain verb or adjective (「新しい...」, 「提供開始する...」) may equally be cut before
    # the noun it modifies, and ASCII dots make a cut far more likely than a style.
    return last.pos == "助動詞" and last.surface in _FINAL_AUXILIARIES


def _fragment(tokens: list[Token]) -> str | None:
    """A word cut where MeCab reads the rest as an old auxiliary or particle: 「見直すき」, 「削除さ」, 「実現す」."""
    if len(tokens) < 2:
        return None
    last, before = tokens[-1], tokens[-2]
    cut = (
        (last.pos == "助動詞" and last.surface in _CLASSICAL_AUXILIARIES)
        or (last.surface == "さ" and last.pos_detail == "終助詞" and before.pos == "名詞")
        # する cut to its classical す: 「実現す」, 「関す」.
        or (last.pos == "動詞" and last.surface.endswith("す") and last.lemma in ("為る", last.surface + "る"))
    )
    return f"「{before.surface}{last.surface}」で単語が途切れています" if cut else None


def _open_end(text: str, teaser: bool = False) -> str | None:
    """Why `text` stops mid-sentence; `teaser` lets an ending such as 「その未来は…」 pass."""
    last = text[-1]
    if last in "、，,":
        return "読点で終わっています"
    tail, had_sentence = last_sentence(text)
    open_at = unbalanced_bracket(tail)
    if open_at is not None and tail[open_at] in "「『（(【":
        return f"「{tail[open_at]}」が閉じていません"
    if last in _COMPLETE or text.endswith(_HEADLINE_ENDINGS):
        return None
    tokens = _tokens(text)
    if not tokens:
        return None
    token = tokens[-1]
    if (
        token.pos == "助詞"
        and token.pos_detail in _TEASER_PARTICLES
        and (teaser or not had_sentence)
        and not _fragment(tokens)
    ):
        return None
    reason = _fragment(tokens) or open_token(token) or cut_word(tokens) or _cut_latin(tokens, had_sentence)
    if (
        reason is None
        and token.pos in ("名詞", "接尾辞")
        and len(tail) >= LONG_UNFINISHED
        and "、" in tail
        and not re.search(r"[:：]", tail)
    ):
        return "長い文が述語のないまま終わっています"
    return reason


def _cut_latin(tokens: list[Token], had_sentence: bool) -> str | None:
    """A lone Latin letter after Japanese text, in running text: 「思われていたL」."""
    if not had_sentence or len(tokens) < 2:
        return None
    last, before = tokens[-1], tokens[-2]
    lone_letter = len(last.surface) == 1 and last.surface.isascii() and last.surface.isalpha()
    if lone_letter and JAPANESE.search(before.surface[-1]):
        return f"「{before.surface}{last.surface}」で単語が途切れています"
    return None


def _tokens(text: str) -> list[Token]:
    tail = text[-TAGGED_TAIL:]
    return [t for t in tokenize(tail, 0) if t.surface.strip()]
