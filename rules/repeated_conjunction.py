"""## What it finds
Two sentences of the same paragraph that open with the same conjunction
(接続詞), one right after the other or with one sentence without a
conjunction between them: 「しかし、〜。しかし、〜。」, 「しかし、〜。〜。しかし、〜。」.
The conjunction is the first word of the sentence as the tagger reads it
(しかし, また, さらに, そして, 一方, つまり …); sentences in different
paragraphs or list items are not compared, and blockquotes are skipped.

Two parallel examples, each with its turn, are left alone: when the sentences
before the two conjunctions open with the same frame (「販売店であれば、AIが…。
しかし、…。工場であれば、AIが…。しかし、…。」), the second conjunction mirrors
the first on purpose. So are pairs in a list whose items end on 「こと」
(「手順を記録すること。そして、〜。部品を点検すること。そして、〜。」), and a
そして after a sentence that starts a sequence (「まずは〜。そして、〜。」: the
next step, whatever そして came before).

When the sentence between two しかし concedes (「しかし、A。確かにB。しかし、C。」),
the message says which to change: the second しかし answers the concession, so
the first is the one to drop or replace.

A sentence repeated word for word (or nearly) after itself is a duplicate,
not a habit of conjunctions: `duplicate-sentence` reports it, this rule does
not.

## Why it matters
A conjunction tells the reader how a sentence relates to the one before.
The same one twice in a row either says the same thing twice (また、また) or
hides a different relation behind a habit (しかし、しかし); generated prose
does this often, and the repetition is the first thing a reader hears.

## Example
```markdown
自動化で作業時間は短くなりました。しかし、初期費用は想定を超えました。しかし、運用が安定すれば回収できる見込みです。
```

## Use instead
```markdown
自動化で作業時間は短くなりました。しかし、初期費用は想定を超えました。それでも、運用が安定すれば回収できる見込みです。
```

Conjunctions that add one more point (また, さらに, 加えて, なお) count only
between neighbours: 「A。また、B。Bの説明。また、C。」 lists parallel points,
each with its explanation, and a reader of the corpus called two of three
such findings false (the contrastive しかし and the chaining そして stay
reported across a sentence: 22 of 24 true).

## Options
- `sentences-between` (default 1): how many sentences without an opening
  conjunction may stand between the two; 0 compares neighbours only, -1 any
  number in the paragraph (textlint's reading).
- `adjacent-only` (default 「また」「さらに」「加えて」「なお」): conjunctions
  compared with the next sentence only, whatever `sentences-between` says;
  `[]` treats them like the others.

## Fix safety
No fix: whether to drop the conjunction or choose another one depends on what
the writer meant.

## textlint
Replaces `no-doubled-conjunction` (textlint-rule-no-doubled-conjunction, in
textlint-rule-preset-ja-technical-writing). It has no options. Deliberate
differences (precision): only a conjunction that opens the sentence counts
(upstream compares the first 接続詞 anywhere in the sentence, so 「AまたはB。
CまたはD。」 was reported), and the last conjunction is remembered across one
sentence without one, not across the whole paragraph (upstream reported a
しかし five sentences after the one before; `sentences-between = -1`
restores that). Two sentences that are the same
sentence repeated (identical, or at least 90% alike once spaces are ignored)
are not reported: that is a duplicate, which `duplicate-sentence` reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Related, Rule, RuleOptions
from jalint.rules._prose import visible_text
from jalint.sentences import TERMINATORS, Sentence


class Options(RuleOptions):
    sentences_between: int = option(
        1, "Sentences without an opening conjunction that may stand between the two (-1: any in the paragraph)."
    )
    adjacent_only: tuple[str, ...] = option(
        ("また", "さらに", "加えて", "なお"), "Additive conjunctions compared with the next sentence only."
    )


class RepeatedConjunction(Rule[Options]):
    name = "repeated-conjunction"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-doubled-conjunction",)
    Options = Options

    def check(self, doc: Document, _: object) -> Iterator[Finding]:
        previous: _Opening | None = None
        between = 0  # sentences without an opening conjunction since `previous`
        last: Sentence | None = None  # the sentence read just before this one
        for sentence in doc.prose_sentences:
            before, last = (last if last is not None and last.block_index == sentence.block_index else None), sentence
            if doc.blocks[sentence.block_index].container == "blockquote":
                previous = None
                continue
            opening = _opening_conjunction(doc, sentence)
            if opening is None:
                between += 1
                if 0 <= self.options.sentences_between < between:
                    previous = None
                continue
            word, span = opening
            if (
                previous is not None
                and previous.block == sentence.block_index
                and previous.word == word
                and (between == 0 or word not in self.options.adjacent_only)
                and not _near_identical(previous.sentence, sentence)
                and not (between and _parallel_frames(previous.before, before))
                and not (between and word in _NEXT_STEP and _starts_a_sequence(before))
            ):
                where = "前の文" if between == 0 else f"{between + 1}文前の文"
                yield Finding(span, _message(where, word, before if between else None),
                              related=(Related(previous.span, f"{where}の「{word}」"),))
            previous = _Opening(sentence.block_index, word, span, sentence, before)
            between = 0


class _Opening(NamedTuple):
    """A sentence that opens with a conjunction, and the sentence before it in its block (None at its start)."""

    block: int
    word: str
    span: Span
    sentence: Sentence
    before: Sentence | None


# 「まずは〜こと。そして、〜。」: after a sentence that starts a sequence, そして is its next step, whatever came
# before (three readers of four called such a repeat deliberate).
_NEXT_STEP = frozenset({"そして", "それから"})
_SEQUENCE_STARTS = ("まずは", "最初に", "第一に", "はじめに", "初めに", "一つ目は")
# A sentence between that concedes (「確かに〜。」「もちろん〜。」) makes the second しかし the answer to it: the
# first one is the one to drop or change (the readers of round AB and V).
_CONCESSIONS = ("確かに", "たしかに", "もちろん", "勿論", "無論")
_ADVERSATIVES = frozenset({"しかし", "だが", "ですが", "けれども", "ところが", "でも"})


def _starts_a_sequence(sentence: Sentence | None) -> bool:
    """「小さな班なら、まずは〜こと。」: the sentence sets out the first step of a sequence."""
    if sentence is None:
        return False
    text = visible_text(sentence.text)
    return any(word in text for word in _SEQUENCE_STARTS) or text.lstrip().startswith("まず")


def _opens(sentence: Sentence | None, words: tuple[str, ...]) -> bool:
    return sentence is not None and visible_text(sentence.text).lstrip().startswith(words)


def _message(where: str, word: str, between: Sentence | None) -> str:
    """One sentence: the repeat, and which of the two to change when the sentence between says which."""
    if word in _ADVERSATIVES and _opens(between, _CONCESSIONS):
        return (f"{where}と同じ接続詞「{word}」で文が始まっていますが、間の文が譲歩なので、"
                f"2つ目は残して1つ目の「{word}」を削るか別の接続詞に言い換えてください。")
    return f"{where}と同じ接続詞「{word}」で文が始まっているので、どちらかを削るか、別の接続詞に言い換えてください。"


_LIST_ITEM_ENDING = "こと"  # a sentence ended on こと (体言止め) is an item of a list: 「〜を持つこと。」
_FINAL_MARKS = "".join(TERMINATORS) + " \u3000"  # what may follow a list item's こと
_FRAME_HEAD = 25  # characters of a sentence's start compared for a shared frame
_FRAME_SHARED = 6  # characters in common from which two sentences open the same way


def _parallel_frames(first: Sentence | None, second: Sentence | None) -> bool:
    """The sentences before the two conjunctions open with the same frame: parallel examples, repeated on purpose.

    「コンサルタントであれば、AIが…。しかし、…。弁護士であれば、AIが…。しかし、…。」 sets two cases
    side by side, each with its turn; the second しかし mirrors the first (three readers of three).
    """
    if first is None or second is None:
        return False
    a, b = (visible_text(s.text).strip() for s in (first, second))
    if all(text.rstrip(_FINAL_MARKS).endswith(_LIST_ITEM_ENDING) for text in (a, b)):
        return True  # 「〜を理解すること。そして、〜。〜を持つこと。そして、〜。」: items of a list, in pairs
    a, b = a[:_FRAME_HEAD], b[:_FRAME_HEAD]
    shared = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    # Two cases in one frame differ where they start (「販売店であれば」「工場であれば」); two sentences that
    # open alike (「Appleは長年…」「Appleはプライバシーを…」) go on about one subject, not two cases.
    return shared.size >= _FRAME_SHARED and (shared.a, shared.b) != (0, 0)


_SAME = 0.9  # similarity from which two sentences are one sentence repeated


def _near_identical(first: Sentence, second: Sentence) -> bool:
    """The second sentence repeats the first (word for word or nearly): a duplicate, not a conjunction habit."""
    a, b = (re.sub(r"\s+", "", visible_text(s.text)) for s in (first, second))
    if a == b:
        return True
    if min(len(a), len(b)) < _SAME * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _SAME


def _opening_conjunction(doc: Document, sentence: Sentence) -> tuple[str, Span] | None:
    tokens = doc.sentence_tokens(sentence)
    if not tokens or tokens[0].pos != "接続詞":
        return None
    token = tokens[0]
    word = visible_text(token.surface).strip()
    return (word, Span(token.start, token.end)) if word else None
