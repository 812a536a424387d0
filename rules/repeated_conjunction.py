"""## What it finds
Two consecutive sentences of the same paragraph that open with the same
conjunction (接続詞): 「しかし、〜。しかし、〜。」, 「また、〜。また、〜。」.
The conjunction is the first word of the sentence as the tagger reads it
(しかし, また, さらに, そして, 一方, つまり …); sentences in different
paragraphs or list items are not compared, and blockquotes are skipped.

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

## Options
None.

## Fix safety
No fix: whether to drop the conjunction or choose another one depends on what
the writer meant.

## textlint
Replaces `no-doubled-conjunction` (textlint-rule-no-doubled-conjunction, in
textlint-rule-preset-ja-technical-writing). It has no options. Deliberate
differences (precision): only a conjunction that opens the sentence counts
(upstream compares the first 接続詞 anywhere in the sentence, so 「AまたはB。
CまたはD。」 was reported), and a sentence without an opening conjunction
breaks the chain (upstream remembered the last conjunction across it, so
「しかし〜。〜。しかし〜。」 was reported). Two sentences that are the same
sentence repeated (identical, or at least 90% alike once spaces are ignored)
are not reported: that is a duplicate, which `duplicate-sentence` reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Related, Rule
from jalint.rules._prose import visible_text
from jalint.sentences import Sentence


class RepeatedConjunction(Rule):
    name = "repeated-conjunction"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-doubled-conjunction",)

    def check(self, doc: Document, _: object) -> Iterator[Finding]:
        previous: tuple[int, str, Span, Sentence] | None = None  # (block, conjunction, span, sentence)
        for sentence in doc.prose_sentences:
            if doc.blocks[sentence.block_index].container == "blockquote":
                previous = None
                continue
            opening = _opening_conjunction(doc, sentence)
            if opening is None:
                previous = None
                continue
            word, span = opening
            if (
                previous is not None
                and previous[0] == sentence.block_index
                and previous[1] == word
                and not _near_identical(previous[3], sentence)
            ):
                yield Finding(
                    span,
                    f"前の文と同じ接続詞「{word}」で文が始まっています。"
                    "どちらかを削るか、別の接続詞に言い換えてください。",
                    related=(Related(previous[2], f"前の文の「{word}」"),),
                )
            previous = (sentence.block_index, word, span, sentence)


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
