"""## What it finds
A sentence that uses the conjunctive particle が (〜したが、〜ですが、) twice
or more: 「〜しましたが、〜でしたが、〜」. The case particle が
(「費用がかかる」) does not count; the tagger tells them apart.

Not counted: が inside a quotation 「」『』 (a quoted utterance is its own
sentence), and the paired concessive 〜ようが〜ようが (「雨が降ろうが風が吹こうが」),
which is one idiom, not two clauses strung together.

## Why it matters
The conjunctive が is the weakest link in Japanese: it joins two clauses
without saying whether they contrast or merely follow each other. Two of them
in one sentence make the reader hold three clauses and guess both relations;
editors split such sentences first.

## Example
```markdown
新機能は便利ですが、設定項目が多いですが、慣れれば問題なく使えます。
```

## Use instead
```markdown
新機能は便利です。設定項目は多いものの、慣れれば問題なく使えます。
```

## Options
- `separator-chars` (default `。 ． ！ ？ ! ?`): the characters that end a
  sentence, also inside brackets. A list without some of jalint's sentence ends
  reads the sentences between as one: with `["。"]`,
  「…したが，…なかった．…なかったが，…」 is one sentence with two が.

## Fix safety
No fix: where to split the sentence, and which relation the second が meant,
is the writer's decision.

## textlint
Replaces `no-doubled-conjunctive-particle-ga`
(textlint-rule-no-doubled-conjunctive-particle-ga, in
textlint-rule-preset-ja-technical-writing). Supported option: `separatorChars`
(upstream's default leaves out ．, which jalint's includes: a Japanese text
that ends sentences with ． is read as upstream reads it only with that option).
Like upstream, the finding points at the first が, a sentence is split again at
its separators inside brackets, and blockquotes are skipped. Deliberate differences (precision):
が inside 「」『』 quotations and the 〜ようが〜ようが idiom are not counted.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import sentences_read_as_one, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token

_QUOTE_OPEN = frozenset("「『")
_QUOTE_CLOSE = frozenset("」』")


class Options(RuleOptions):
    separator_chars: tuple[str, ...] = option(("。", "．", "！", "？", "!", "?"), "Characters that end a sentence.")


class DoubledConjunctiveGa(Rule[Options]):
    name = "doubled-conjunctive-ga"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-doubled-conjunctive-particle-ga",)
    textlint_options = {"separatorChars": "separator-chars"}
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        separators = frozenset(self.options.separator_chars)
        run = sentences_read_as_one(doc, sentence, separators)
        if sum(part.text.count("が") for part in run) < 2:
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        for group in _clauses([token for part in run for token in doc.sentence_tokens(part)], separators):
            if len(group) < 2:
                continue
            first, second = group[0], group[1]
            yield Finding(
                first[1],
                f"1文に逆接の接続助詞「が」が{len(group)}回あります（「{first[0]}」「{second[0]}」）。"
                "文を分けるか、「ものの」「一方で」などに言い換えてください。",
            )


def _clauses(tokens: list[Token], separators: frozenset[str]) -> list[list[tuple[str, Span]]]:
    """Conjunctive が particles per sentence piece (split again at the separators inside brackets)."""
    groups: list[list[tuple[str, Span]]] = [[]]
    depth = 0
    for i, token in enumerate(tokens):
        surface = token.surface
        if surface in _QUOTE_OPEN:
            depth += 1
        elif surface in _QUOTE_CLOSE:
            depth = max(0, depth - 1)
        elif surface in separators:
            groups.append([])
        elif (
            depth == 0
            and surface == "が"
            and token.pos_detail == "接続助詞"
            and not (i > 0 and tokens[i - 1].conjugation == "意志推量形")
        ):
            groups[-1].append((_phrase(tokens, i), Span(token.start, token.end)))
    return groups


def _phrase(tokens: list[Token], i: int) -> str:
    """The が with the two words before it, for the message (「便利ですが」)."""
    start = i
    while start > 0 and start > i - 2 and tokens[start - 1].pos not in ("補助記号", "記号", "空白"):
        start -= 1
    return visible_text("".join(token.surface for token in tokens[start : i + 1])).strip()
