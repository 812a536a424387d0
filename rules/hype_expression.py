"""## What it finds
Hype words that generated posts use in place of facts, in three groups:

- absoluteness: 革命的な, 画期的な, 圧倒的な, ゲームチェンジャー, 世界初の,
  究極の, 完璧な, 最高の, 最先端の, 大幅に, and 完全に where it promises a total
  change (完全に解決, 完全に置き換える);
- abstract effects: 魔法のように, 奇跡的な, 驚異的な, 可能性を解き放つ,
  潜在能力を引き出す, 民主化する, スーパーチャージ;
- predictions and authority: 業界を再定義, 未来を変える, パラダイムシフト,
  不可避の, 新たな基準を設定, 次世代の, フロンティアを開拓, 根本的に変革.

A word is left alone where it does not make a claim: inside a quotation
(「」『』“” or a blockquote: someone else's words, or the word discussed as a
word), in a negated sentence (完璧な方法ではない, 完璧な方法など、ありません),
in a concession or doubt (どんな画期的な技術にも課題がある,
本当にゲームチェンジャーになるには), in a question about the claim
(本当に未来を変えるのか？), 大幅に in a sentence that gives a number, 最高の
after 過去・史上・歴代 (a record) or in a clause that states an aim
(最高の安全性が求められる), 完璧な after 一見, and 完全に describing a state
(完全にオフライン). 最先端の and 次世代の are reported only before a vague noun
(最先端の技術, 次世代のソリューション): 最先端のモデル, 最先端の研究, 次世代の
デバイス or 次世代の技術者 name the state of the art or the next generation of a
thing or of people.

## Why it matters
Hype words promise without telling: a reader learns that something is
「革命的」 but not what changed. In generated posts they pile up until nothing
stands out; an editor replaces each with the fact it stands for (a number, a
comparison, a concrete change).

## Example
```markdown
この画期的なツールは、経理の仕事を完全に自動化します。
```

## Use instead
```markdown
このツールは、請求書の読み取りと仕訳の入力を自動化します。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a sentence that contains a match is not reported.
- `disable-absoluteness-patterns` (default false): do not report the absoluteness group.
- `disable-abstract-patterns` (default false): do not report the abstract-effect group.
- `disable-predictive-patterns` (default false): do not report the prediction group.
- `extra-phrases` (default none): more words to report (plain text), e.g. `"飛躍的に"`.

The words and their exceptions are data in `hype_expression.toml` next to this module.

## Fix safety
No fix: the fact that replaces a hype word has to come from the writer.

## textlint
Replaces `no-ai-hype-expressions` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableAbsolutenessPatterns`,
`disableAbstractPatterns`, `disabledPredictivePatterns` (upstream's spelling,
mapped to `disable-predictive-patterns`). Deliberate differences:
- More words: 革命的 in every form, 画期的, 圧倒的な (textlint has only 革命的な).
- 完全に only before a verb of total change; textlint reports every 完全に,
  including 完全にオフラインで動く, which states a fact.
- The exceptions above (quotations, negation, questions, numbers, records,
  product generations) are not in textlint: 「年平均30%増と大幅に伸びた」 or
  「過去最高の売上」 are facts, and 「本当に未来を変えるのか？」 doubts the hype.
- 最先端の only before a vague noun (技術, ソリューション, サービス …);
  textlint reports 最先端のクローズドモデルと比べると, a plain comparison with
  the state of the art.
- 次世代の likewise only before a vague noun.
- 民主化 only as a verb (民主化する), as in textlint; the noun (AIの民主化) names
  a movement.
- `allows` is tested against the sentence; textlint tests the text node,
  which can be a whole paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Rule, option
from jalint.rules._ai_writing import in_quote
from jalint.rules._prose import compile_allow, load_data, visible_text
from jalint.sentences import Sentence

# 「かもしれません」「違いない」「少ない」end in a negative form but do not negate the claim.
_NEGATED = re.compile(r"(?<!しれ)(?<!違い)(?<![少危])ない|(?<!しれ)ません|ず[、。]|ずに|なかっ|ではなく|じゃなく|とは限ら|とは言え|とはいえ|わけでは")
_QUESTION = re.compile(r"のか|かどうか|か[？?]")
# A quantity, not any digit: dates (2025年8月) and model names (MI350, Ernie 5) quantify nothing.
_NUMBER = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９.])[0-9０-９][0-9０-９,，.．]*\s*"
    r"(?:%|％|倍|割|円|ドル|ユーロ|元|億|万|兆|千|百|件|社|人|名|台|個|本|秒|分|時間|日間|週間|か月|ヶ月|カ月|年間|回|点|"
    r"ポイント|パーセント|[KMGTP]B|ms|W|kW|MW|GW|Hz|GHz|トークン|行|文字|ページ)"
    r"|[一二三四五六七八九十]割|[二三四五六七八九十]倍|半分|半減"
)
# 「どんな画期的な技術にも」: a concession about any such thing, not a claim about one.
# 「本当にゲームチェンジャーとなるには」 doubts the claim.
_CONCESSIVE = re.compile(r"(?:どんな|どれほど|いかに|いくら)に?$|本当に$")
_CLAUSE_END = re.compile(r"[、。，．！？!?]")


@dataclass(frozen=True)
class Entry:
    group: str
    pattern: re.Pattern[str]
    advice: str
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    not_in_clause: re.Pattern[str] | None = None
    skip_quantified: bool = False


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    result = []
    for raw in load_data("hype_expression.toml")["entry"]:
        result.append(
            Entry(
                raw["group"],
                re.compile(raw["pattern"]),
                raw["advice"],
                re.compile(raw["not-before"]) if "not-before" in raw else None,
                re.compile(raw["not-after"]) if "not-after" in raw else None,
                re.compile(raw["not-in-clause"]) if "not-in-clause" in raw else None,
                raw.get("quantified") == "skip",
            )
        )
    return tuple(result)


@dataclass(frozen=True)
class Options:
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    disable_absoluteness_patterns: bool = option(False, "Do not report 革命的な, 究極の, 完璧な ….")
    disable_abstract_patterns: bool = option(False, "Do not report 魔法のように, 驚異的な ….")
    disable_predictive_patterns: bool = option(False, "Do not report 未来を変える, パラダイムシフト ….")
    extra_phrases: tuple[str, ...] = option((), "More hype words to report (plain text).")


class HypeExpression(Rule[Options]):
    name = "hype-expression"
    category = "style"
    scope = "sentence"
    severity = "warning"
    fix_safety = "none"
    textlint = ("no-ai-hype-expressions",)
    textlint_options = {
        "allows": "allows",
        "disableAbsolutenessPatterns": "disable-absoluteness-patterns",
        "disableAbstractPatterns": "disable-abstract-patterns",
        "disabledPredictivePatterns": "disable-predictive-patterns",
    }
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        disabled = {
            group
            for group, off in (
                ("absoluteness", self.options.disable_absoluteness_patterns),
                ("abstract", self.options.disable_abstract_patterns),
                ("predictive", self.options.disable_predictive_patterns),
            )
            if off
        }
        extra = tuple(
            Entry("extra", re.compile(re.escape(word)), "具体的な事実で書き換えてください。")
            for word in self.options.extra_phrases
            if word
        )
        self._entries = tuple(e for e in entries() if e.group not in disabled) + extra
        self._allowed = compile_allow(self.options.allows)
        self._prefilter = re.compile("|".join(e.pattern.pattern for e in self._entries)) if self._entries else None

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        if self._prefilter is None or not self._prefilter.search(text):
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        if self.options.allows and self._allowed(visible_text(text)):
            return
        for entry in self._entries:
            for match in entry.pattern.finditer(text):
                if self._excused(entry, text, match):
                    continue
                word = match.group(0)
                start = sentence.span.start + match.start()
                yield Finding(
                    Span(start, start + len(word)),
                    f"「{word}」は誇張した表現です。{entry.advice}",
                )

    @staticmethod
    def _excused(entry: Entry, text: str, match: re.Match[str]) -> bool:
        if in_quote(text, match.start()):
            return True
        before = text[max(0, match.start() - 6) : match.start()]
        if _CONCESSIVE.search(before) or (entry.not_before and entry.not_before.search(before)):
            return True
        if entry.not_after and entry.not_after.match(text, match.end()):
            return True
        if entry.skip_quantified and _NUMBER.search(text):
            return True
        clause_end = _CLAUSE_END.search(text, match.end())
        rest = text[match.end() : clause_end.end() if clause_end else len(text)]
        if entry.not_in_clause and entry.not_in_clause.search(rest):
            return True
        # A negation may come after a comma: 完璧な方法など、どこにもありません。
        return bool(_NEGATED.search(text, match.end(), match.end() + 30) or _QUESTION.search(rest))
