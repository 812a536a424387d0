"""## What it finds
A sentence with more than `max` 読点 (、, default 3).

The finding points at the first 読点 over the limit; a sentence with twice as many is reported again
at the next one past another `max`. A 読点 between two nouns is a list
separator, not a pause, and does not count (「東京、大阪、名古屋」), also when a
bracketed note follows the noun (「データ（A）、モデル（B）」); with
`prefixed-list-items`, also when the next noun starts with a prefix
(「低遅延、高効率」). A 読点 after a formal noun that closes
a clause (「その場合、」「そのため、」「もちろんのこと、」「事実上、」) is read
as upstream reads it (a noun, so it does not count) unless
`count-clause-pauses` is on. Quotations in a blockquote are left alone.

## Why it matters
Each 読点 adds a clause the reader has to keep in mind. Generated Japanese
prose strings four, five or six clauses together with 、 where an editor
would end the sentence and start a new one.

## Example
```markdown
新しい仕組みは、導入が簡単で、運用の負担も小さく、既存の業務にもなじみやすいので、多くの部署で採用が進んでいます。
```

## Use instead
```markdown
新しい仕組みは導入が簡単で、運用の負担も小さいのが特長です。既存の業務にもなじみやすいため、多くの部署で採用が進んでいます。
```

## Options
- `max` (default 3): the most 読点 allowed in one sentence.
- `strict` (default false): count 読点 between nouns too.
- `touten` (default `、`): the character counted as 読点 (e.g. `，`).
- `kuten` (default `。`): the character that ends a sentence (e.g. `．`); with
  another kuten, 。 no longer ends one (only the kuten and ！？ do), as upstream
  reads it.
- `prefixed-list-items` (default false): read a 読点 before a noun with a prefix
  (「低遅延、高効率、低消費電力」) as a list separator. UniDic and IPADIC both tag
  高/低/非 as prefixes, so upstream counts these 読点; this is the better
  reading of a list but off by default to report the same places as textlint.
- `count-clause-pauses` (default false): count the 読点 after a formal noun that
  closes a clause (「そのため、」「その場合、」「事実上、」). A reader pauses there, so
  this is the stricter reading; it is off by default to report the same places
  as textlint (with it on, 96.4% of places agree instead of 98.8%).

## Fix safety
No fix: where to split a sentence is a writer's decision.

## textlint
Replaces `max-ten` (textlint-rule-max-ten, in textlint-rule-preset-japanese
and textlint-rule-preset-ja-technical-writing, both with `max: 3`). Supported
options: `max`, `strict`, `touten`, `kuten`. Like upstream, a 読点 between two
nouns (brackets skipped) does not count, and the count restarts after 。？！?!
inside a quotation. The nouns are UniDic's: nouns, pronouns, 形状詞 (静か、
丁寧) and noun-like suffixes, which is what IPADIC, the dictionary upstream
uses, mostly files under 名詞. Deliberate differences, each one a place where
upstream miscounts:
- 「そのため、多くの企業が」「結局のところ、AIは」: upstream takes the formal
  noun before the 読点 for a list item and does not count it; so does this rule
  by default, and `count-clause-pauses` counts it.
- 「低遅延、高効率、低消費電力」「半導体材料、高効率な」: IPADIC tags 高 and 低
  as prefixes, so upstream counts these list separators; so does this rule by
  default, and `prefixed-list-items` reads them as a list.
- 「正直、AIは」: IPADIC tags 正直 as a noun and skips the 読点; UniDic reads
  the adverb, and it counts. Where kuromoji mis-tags a noun as a verb
  (「生活習慣、好み、目標」) upstream counts and this rule does not.
- A line break inside a paragraph ends a sentence (upstream counts on across
  the break); inline code is a noun here, so `a`、`b`、`c` is a list.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import sentences_read_as_one
from jalint.sentences import Sentence
from jalint.tokens import Token

# UniDic parts of speech that IPADIC (which upstream's kuromoji uses) calls 名詞.
_NOUNS = frozenset({"名詞", "代名詞", "形状詞"})
_NOUN_SUFFIXES = frozenset({"名詞的", "形状詞的"})
_BRACKETS = frozenset({"括弧開", "括弧閉"})
# Demonstratives UniDic files under 形状詞 (IPADIC: 連体詞): 「どんなに、」 is no noun.
_DEMONSTRATIVES = frozenset({"どんな", "こんな", "そんな", "あんな"})
# Formal nouns close a clause: the 読点 after 「場合、」「ため、」「のこと、」 is a pause, not a list separator.
_CLAUSE_NOUNS = frozenset({"事", "為", "場合", "時", "所", "物", "訳", "筈"})
_RESETS = frozenset("?!？！")


class Options(RuleOptions):
    max: int = option(3, "Most 読点 allowed in one sentence.")
    strict: bool = option(False, "Count 読点 between two nouns too.")
    touten: str = option("、", "The character counted as 読点.")
    kuten: str = option("。", "The character that ends a sentence.")
    count_clause_pauses: bool = option(False, "Count the 読点 after 「そのため」「場合」 and other formal nouns.")
    prefixed_list_items: bool = option(False, "Read 「低遅延、高効率」 (a noun with a prefix after 、) as a list.")


def _is_noun(token: Token) -> bool:
    if token.lemma in _DEMONSTRATIVES:
        return False
    return token.pos in _NOUNS or (token.pos == "接尾辞" and token.pos_detail in _NOUN_SUFFIXES)


def _sandwiched(tokens: list[Token], index: int, clause_pauses: bool, prefixed: bool = False) -> bool:
    """Whether the 読点 at `index` separates two nouns (list items), brackets skipped."""
    before = _neighbour(tokens, index, -1)
    if before is None:
        return False
    token = tokens[before]
    if not _is_noun(token):
        return False
    if clause_pauses and (token.lemma in _CLAUSE_NOUNS or (token.pos == "接尾辞" and token.lemma == "上")):
        return False  # 「場合、」「そのため、」「事実上、」 end a clause
    after = _neighbour(tokens, index, 1, skip_prefix=prefixed)
    if after is None:
        return False
    if tokens[after].pos == "動詞":
        # 「話し方」: a verb stem and a noun suffix make one noun.
        following = tokens[after + 1] if after + 1 < len(tokens) else None
        return following is not None and following.pos == "接尾辞" and following.pos_detail == "名詞的"
    return _is_noun(tokens[after])


def _neighbour(tokens: list[Token], index: int, step: int, skip_prefix: bool = False) -> int | None:
    """Index of the nearest token before (step -1) or after (+1), brackets skipped.

    Looking ahead with `skip_prefix`, a prefix is skipped too: 「高効率」「耐衝撃」
    start with a prefix in UniDic but are nouns in a list (IPADIC, which
    upstream uses, tags 耐 as a noun but 高 as a prefix).
    """
    index += step
    while 0 <= index < len(tokens):
        token = tokens[index]
        if token.pos_detail not in _BRACKETS and token.surface not in ("(", ")") and (step < 0 or not skip_prefix or token.pos != "接頭辞"):
            return index
        index += step
    return None


class TooManyTouten(Rule[Options]):
    name = "too-many-touten"
    category = "style"
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    textlint = ("max-ten",)
    textlint_options = {"max": "max", "strict": "strict", "touten": "touten", "kuten": "kuten"}
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        touten, limit = self.options.touten, self.options.max
        run = [sentence]
        if self.options.kuten != "。":  # only that kuten (and ！？) ends a sentence: 。 no longer does
            run = sentences_read_as_one(doc, sentence, _RESETS | {self.options.kuten})
            if not run:
                return
        if sum(s.text.count(touten) for s in run) <= limit or doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = [token for s in run for token in doc.sentence_tokens(s)]
        resets = _RESETS | {self.options.kuten}
        counted: list[list[Token]] = [[]]  # counted 読点 per stretch between resets
        for index, token in enumerate(tokens):
            if token.surface == touten:
                if self.options.strict or not _sandwiched(
                    tokens, index, self.options.count_clause_pauses, self.options.prefixed_list_items
                ):
                    counted[-1].append(token)
            elif token.surface in resets:
                counted.append([])
        for stretch in counted:
            for over in stretch[limit :: limit + 1]:
                yield Finding(
                    Span(over.start, over.end),
                    f"1文に読点「{touten}」が{len(stretch)}個あります（上限{limit}）。"
                    "文を分けるか読点を減らしてください。",
                )
