"""## What it finds
Hedges that keep a sentence from saying what it means: 「〜かもしれない」 in
every inflection (かもしれません, かも知れず), a sentence that ends in 「かも」,
「〜と思う」 and 「〜と思います」 closing the writer's own statement,
「〜と思われる」, and the double hedge 「可能性を示唆する」. Headings are read
too.

The phrases are data: `weak_phrase.toml` next to this module lists them as
token sequences, matched on the shared morphological analysis so that every
conjugated form is found; `extra-phrases` adds plain phrases from the config.

Not reported: a concession (「〜かもしれませんが、…」 grants the other side a
point before the writer's claim), a phrase inside 「」『』“” (a quotation, or the phrase being
talked about), quotations in a blockquote, 「思う」 that describes rather than
hedges (「思うように進まない」「と思う人も多い」), 「どう思いますか」, which
asks the reader, and 「あなたもそう思いますよね」, which speaks for the reader.

## Why it matters
Generated posts hedge by reflex: a paragraph of 「〜かもしれません」 reads as
if the writer does not know the subject. An editor asks for each hedge whether
there is a reason for doubt; if there is, it belongs in the sentence, and if
not, the sentence should say its claim plainly.

## Example
```markdown
この設定を変えると、処理が速くなるかもしれません。
```

## Use instead
```markdown
この設定を変えると、処理が速くなります。手元の計測では2割ほど短縮しました。
```

## Options
- `extra-phrases` (default none): more weak phrases, matched as plain text (or
  `/regex/flags`), e.g. `"と考えられる"`.
- `allows` (default none): text (or `/regex/flags`) that, when found in a
  sentence, keeps the sentence from being reported.

## Fix safety
No fix: whether to assert, give the reason for doubt or delete the sentence is
the writer's decision.

## textlint
Replaces `ja-no-weak-phrase` (textlint-rule-ja-no-weak-phrase, in
textlint-rule-preset-ja-technical-writing), which has no options. Deliberate
differences, all for precision or coverage of the same intent:
- 「思う」 is reported only when it closes the writer's clause (before 。, 、, が,
  けど, よ/ね, のです); upstream reports every dictionary-form 思う, including
  「思うように」 and 「そう思う人」.
- A concession, 「〜かもしれないが、…」, is not reported: it grants a point to
  the other side and is not a hedge on the writer's claim.
- 「思いますか」 (a question to the reader) and 「思う」 after あなた/皆さん/読者
  (the reader's thought) are not reported.
- 「可能性を示唆」 is found with any form of する (示唆します, 示唆された);
  upstream only finds 「示唆している」.
- 「と思われる」 is added: the classic hedge of report writing, same intent.
- Phrases inside quotation marks, blockquotes and tables are skipped: they are
  quoted or mentioned, not the writer's own hedges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Rule, option
from jalint.rules._phrase_lists import (
    TokenPattern,
    compile_sequence,
    followed,
    inside,
    match_at,
    quoted_spans,
    required_surfaces,
)
from jalint.rules._prose import compile_allow, load_data, readable_sentences, textlint_pattern, visible_text
from jalint.sentences import Sentence



@dataclass(frozen=True)
class Options:
    extra_phrases: tuple[str, ...] = option((), "More weak phrases: plain text or /regex/flags.")
    allows: tuple[str, ...] = option((), "Text or /regex/flags that keeps a sentence from being reported.")


@dataclass(frozen=True)
class Phrase:
    show: str
    tokens: tuple[TokenPattern, ...]
    followed_by: tuple[tuple[TokenPattern, ...], ...]
    not_followed_by: tuple[tuple[TokenPattern, ...], ...]
    needs: tuple[str, ...]  # one of these texts is in every sentence the phrase matches
    not_after: tuple[str, ...]  # earlier in the sentence, these make the phrase someone else's thought
    advice: str


@lru_cache(maxsize=1)
def _phrases() -> tuple[Phrase, ...]:
    return tuple(
        Phrase(
            show=entry["show"],
            tokens=compile_sequence(entry["tokens"]),
            followed_by=tuple(compile_sequence(alt) for alt in entry.get("followed-by", ())),
            not_followed_by=tuple(compile_sequence(alt) for alt in entry.get("not-followed-by", ())),
            needs=required_surfaces(entry["tokens"]) or (entry["show"][:1],),
            not_after=tuple(entry.get("not-after", ())),
            advice=entry["advice"],
        )
        for entry in load_data("weak_phrase.toml")["phrase"]
    )


@lru_cache(maxsize=8)
def _extra(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(textlint_pattern(item) for item in patterns)


def _named(doc: Document, tokens: list, start: int, stop: int) -> str:
    """The phrase as written, with the auxiliaries that finish its inflection (かもしれ|ません)."""
    while stop < len(tokens) and tokens[stop].pos == "助動詞":
        stop += 1
    return doc.text[tokens[start].start : tokens[stop - 1].end]


class WeakPhrase(Rule[Options]):
    name = "weak-phrase"
    category = "style"
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("ja-no-weak-phrase",)
    textlint_options: dict[str, str] = {}
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self._allowed = compile_allow(self.options.allows)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        allowed = self._allowed
        extra = _extra(self.options.extra_phrases)
        for sentence in readable_sentences(doc):
            if self.options.allows and allowed(visible_text(sentence.text)):
                continue
            yield from self._check_sentence(sentence, doc, extra)

    def _check_sentence(
        self, sentence: Sentence, doc: Document, extra: tuple[re.Pattern[str], ...]
    ) -> Iterator[Finding]:
        text = sentence.text
        candidates = [p for p in _phrases() if any(n in text for n in p.needs)]
        quotes = quoted_spans(text) if ("「" in text or "『" in text or "“" in text) else []
        base = sentence.span.start
        if candidates:
            tokens = doc.sentence_tokens(sentence)
            for index in range(len(tokens)):
                for phrase in candidates:
                    found = match_at(phrase.tokens, tokens, index)
                    if found is None:
                        continue
                    if phrase.followed_by and not followed(phrase.followed_by, tokens, found.stop):
                        continue
                    if phrase.not_followed_by and followed(phrase.not_followed_by, tokens, found.stop):
                        continue
                    first, last = tokens[found.start], tokens[found.stop - 1]
                    if inside(quotes, first.start - base):
                        continue
                    before = text[: first.start - base]
                    if any(word in before for word in phrase.not_after):
                        continue
                    yield Finding(
                        Span(first.start, last.end),
                        f"弱い表現「{_named(doc, tokens, found.start, found.stop)}」があります。{phrase.advice}",
                    )
                    break
        for regex in extra:
            for hit in regex.finditer(text):
                if hit.end() == hit.start() or inside(quotes, hit.start()):
                    continue
                yield Finding(
                    Span(base + hit.start(), base + hit.end()),
                    f"弱い表現「{hit.group(0)}」があります。言い切るか、根拠を示してください。",
                )
