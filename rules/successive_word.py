"""## What it finds
The same word twice in a row, a typing slip: 「これはは」, 「確認するする」,
「問題あるある」. Words are the tokens of the morphological analysis, compared
by their written form, so 「すももももも」 (すもも + も + もも + も) is not a
repeat. Paragraphs and headings are read; quotations in a blockquote are not.

Repetition that is written on purpose is accepted:

- numbers (「九九」 is one word to a reader);
- katakana onomatopoeia (「カタカタ」「ザワザワ」), unless `allow-onomatopoeia`
  is off;
- adverbs, adjectives, adverbial nouns and interjections repeated for
  emphasis (「もっともっと」「長い長い」「毎年毎年」「はいはい」);
- a repetition the writer quotes as a word (「あるある」), the spoken
  contraction 「〜てて」 (「されてて」 for 「されていて」), and a copy that starts
  a longer word (「東京大学大学院」, where UniDic reads 大学 + 大学 + 院);
- words listed in `allow`;
- symbols (「……」「――」) and anything inside inline code or markup: the two
  copies must touch in the text as written.

## Why it matters
A doubled word is almost always an editing leftover: a phrase was rewritten
and one copy of the old word stayed. Readers stumble on it, and it looks
careless in a published post.

## Example
```markdown
この設定はは本番環境でも使えます。
```

## Use instead
```markdown
この設定は本番環境でも使えます。
```

## Options
- `allow-onomatopoeia` (default true): accept a katakana word repeated
  (「カタカタ」), as onomatopoeia cannot be told apart otherwise.
- `allow` (default none): words never reported; plain text or `/regex/flags`
  (textlint's RegExp-like strings), matched against the repeated word.

## Fix safety
Unsafe: the fix deletes the second copy. It is almost always what the
writer meant, but a repetition can be deliberate in ways the rule cannot see.

## textlint
Replaces `ja-no-successive-word` (textlint-rule-ja-no-successive-word, in
textlint-rule-preset-ja-technical-writing). Supported options:
`allowOnomatopee` (as `allow-onomatopoeia`) and `allow`. textlint has no fix;
this rule offers an unsafe one. Deliberate differences: the emphatic and
quoted repetitions above (「もっともっと」「長い長い」「あるある」) are
accepted, as are symbols (「……」, which UniDic splits in two); the two copies must be
adjacent in the text as written (textlint compares tokens of each text node,
which is the same in practice); headings are read, quotations in a
blockquote are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.inline import MASKS
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._prose import compile_allow
from jalint.sentences import Sentence
from jalint.tokens import Token


class Options(RuleOptions):
    allow_onomatopoeia: bool = option(True, "Accept a repeated katakana word (カタカタ) as onomatopoeia.")
    allow: tuple[str, ...] = option((), "Words never reported (text or /regex/flags).")


_KATAKANA = re.compile(r"^[ァ-ロワヲンヴー]+$")
# Parts of speech whose repetition is emphasis or punctuation, not a slip.
_REPEATABLE = frozenset({"副詞", "感動詞", "補助記号", "記号", "空白"})


_OPENING_QUOTES = "「『“\"'"
_CLOSING_QUOTES = "」』”\"'"


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _OPENING_QUOTES and text[end] in _CLOSING_QUOTES


class SuccessiveWord(Rule[Options]):
    name = "successive-word"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "unsafe"
    textlint = ("ja-no-successive-word",)
    textlint_options = {"allowOnomatopee": "allow-onomatopoeia", "allow": "allow"}
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        from jalint.rules._paragraphs import in_repeated_text  # the copy analysis; deferred: `explain` imports rules

        allowed = compile_allow(self.options.allow)
        for sentence in (*doc.sentences, *doc.heading_sentences):
            if doc.blocks[sentence.block_index].container == "blockquote":
                continue
            if in_repeated_text(doc, sentence.span):
                continue  # its findings would be dropped as repeated text (the rule is quiet there): not read at all
            yield from self._check_sentence(sentence, doc, allowed)

    def _check_sentence(self, sentence: Sentence, doc: Document, allowed) -> Iterator[Finding]:  # noqa: ANN001
        tokens = doc.sentence_tokens(sentence)
        for index in range(1, len(tokens)):
            previous, token = tokens[index - 1], tokens[index]
            if token.surface != previous.surface or token.start != previous.end:
                continue
            if self._accepted(previous, token, allowed):
                continue
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if after is not None and after.pos == "接尾辞" and after.start == token.end:
                continue  # 東京大学大学院: the second copy starts a longer word (大学 + 院)
            if _quoted(doc.text, previous.start, token.end):
                continue  # 「あるある」: the writer quotes the repetition itself
            word = token.surface
            yield Finding(
                Span(token.start, token.end),
                f"「{word}」が2回続いています（「{word}{word}」）。1つ削除してください。",
                fix=Fix.delete(Span(token.start, token.end)),
            )

    def _accepted(self, previous: Token, token: Token, allowed) -> bool:  # noqa: ANN001
        word = token.surface
        if any(mask in word for mask in MASKS):
            return True
        if token.pos in _REPEATABLE or previous.pos in _REPEATABLE:
            return True
        if token.pos_detail == "数詞" and previous.pos_detail == "数詞":
            return True
        if token.pos == previous.pos == "形容詞" or (
            token.pos == previous.pos == "名詞" and (token.pos3 == "副詞可能" or word.startswith("毎"))
        ):
            return True  # 長い長い道のり, 毎年毎年: emphasis
        if previous.lemma == "てる":
            return True  # されてて: the spoken contraction of されていて
        if self.options.allow_onomatopoeia and _KATAKANA.match(word):
            return True
        return allowed(word)
