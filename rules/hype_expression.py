"""## What it finds
Hype words that generated posts use in place of facts, in three groups:

- absoluteness: 革命的な, 画期的な, 圧倒的な (before a promised benefit: 圧倒的な性能,
  圧倒的な競争優位), ゲームチェンジャー, 世界初の, 究極の, 完璧な, 最高の, 最先端の
  (before a noun of marketing copy: 最先端のソリューション), 大幅に, and 完全に where
  it promises a total change (完全に解決, 完全に置き換える);
- abstract effects: 魔法のように, 奇跡的な, 驚異的な, 可能性を解き放つ,
  潜在能力を引き出す, 民主化する, スーパーチャージ;
- predictions and authority: 業界を再定義, 未来を変える, パラダイムシフト,
  不可避の, 新たな基準を設定, 次世代の (before a noun of marketing copy),
  フロンティアを開拓, 根本的に変革.

A word is left alone where it does not make a claim:
- someone else's words or the word discussed as a word: a quotation (「」『』“”
  or a blockquote);
- a denial: a negated clause (完璧な方法ではない, 完璧な方法など、ありません) or
  sentence (〜わけではありません, 〜てはなりません), or a clause that calls the thing
  hard or impossible (完璧な計画を作るのは困難だ);
- doubt or a question: どんな画期的な技術にも課題がある, 本当にゲームチェンジャー
  になるには, 本当に未来を変えるのか？, ゲームチェンジャーとなり得るかを見極める;
- a hypothesis: もし…, 〜とすれば, 〜なら、, a word inside a condition
  (大幅に強化できれば, 驚異的なスコアを出したとしても), a scenario;
- an aim, a hope, a requirement or a strategy: 最高の体験を提供しようとしている,
  究極の環境を目指す, 未来を変えることを願う, 求められるのは圧倒的な効率だ,
  〜という戦略だ, and an analogy (〜ようなものだ, 〜かのようだ);
- a concession the writer then limits: 確かに画期的だ, 画期的な手法ですが、まだ…;
- a look back: at many events (画期的な技術が生まれる瞬間を何度も見てきました), at
  one event of the past (2019年の大会での圧倒的な成果は、今でも覚えている);
- a figure in the sentence or the next one of the paragraph (quantities with
  their unit, 51.2Tbpsという, $5, 100分の1, 数時間から数秒へ, 無料) backs 大幅に,
  驚異的な, 圧倒的な, 画期的な, 革命的な, ゲームチェンジャー and 最高の; so does a
  back reference (先ほど触れた圧倒的な成長);
- word by word: 大幅に in a forecast, a hope, an aim or a recommendation (大幅に
  削減する可能性がある, 大幅に増やすべきだ) or after a condition (見つかれば、リスクを
  大幅に下げられる); 最高の after 過去・史上・歴代・以来 (a record), before ケース or
  人材, or in an aim (最高の安全性が求められる); 完璧な after 一見 or ほぼ; 究極の
  before 目標・目的・問い・選択 (the final aim, a dilemma); 画期的な where the
  sentence says what is new (〜という点で画期的, Transformerのような画期的な技術);
  圧倒的な after 長年・かつて (history); パラダイムシフト in a sentence that says what
  changes into what (〜から〜へのパラダイムシフト, 〜というパラダイムシフト) or listed as an idea
  (新しい技術やパラダイムシフトに対応する); 完全に describing a state (完全にオフライン).

最先端の and 次世代の are reported only before a noun of marketing copy
(ソリューション, イノベーション, サービス, 製品, 体験): 最先端の技術, 最先端のモデル,
最先端の研究, 次世代のデバイス, 次世代の技術者 name the state of the art or the
next generation of a thing or of people. 圧倒的な is reported only before a
promised benefit (性能, 速度, 効率, コスト, 競争優位, 強み …): 圧倒的なシェア,
圧倒的な存在感 and 圧倒的な資金力 describe who leads a market.

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
- The exceptions above (quotations, denials, doubt, hypotheses, aims,
  concessions, looks back, figures, records, product generations) are not in
  textlint: 「年平均30%増と大幅に伸びた」 or 「過去最高の売上」 are facts, and
  「本当に未来を変えるのか？」 doubts the hype.
- 最先端の and 次世代の only before a noun of marketing copy; textlint reports
  最先端のクローズドモデルと比べると (a plain comparison with the state of the
  art) and 最先端の技術に触れる (the state of the art as a field).
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
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._ai_writing import in_quote
from jalint.rules._prose import compile_allow, load_data, visible_text
from jalint.sentences import Sentence

# 「かもしれません」「違いない」「少ない」end in a negative form but do not negate the claim.
_NEGATED = re.compile(
    r"(?<!しれ)(?<!違い)(?<![少危])ない|(?<!しれ)ません|ず[、。]|ずに|ことなく|なかっ|ではなく|じゃなく|とは限ら|とは言え|とはいえ|わけでは"
)
# A sentence that ends by denying its whole statement, however far from the word:
# 「単に最先端の技術を開発することだけを意味するわけではありません」.
_DENIED = re.compile(r"(?:わけ|もの|こと)(?:では|じゃ)(?:ない|ありません)|とは限ら(?:ない|ません)|(?:ては|では)(?:ならない|なりません)")
# An indirect question about the claim: 「ゲームチェンジャーとなり得るかを見極める」.
_QUESTION = re.compile(r"のか|かどうか|か[？?]|(?<=[るたいう])か(?:を|が|は|に|、)")
# A hypothesis, not a claim: 「もしこの技術が普及すれば、まさにゲームチェンジャーです」,
# 「H100よりも大幅に低いコストで動くのであれば」, 「驚異的なスコアを出したとしても」.
_HYPOTHESIS_BEFORE = re.compile(r"もし|仮に|とすれば|としたら|とすると|であれば|[るたいだ]なら、|目指すのは|狙いは|求められるのは|必要なのは")
_HYPOTHESIS_AFTER = re.compile(
    r"(?<!なけ)れば|[せてめ]ば|(?<!例)(?<!と言)(?<!とい)えば|(?<!も)たら|なら(?!な|ず|では|ぬ)|としても|場合"
)
_SCENARIO = re.compile(r"シナリオ|仮説")
# A concession the writer then limits: 「確かに画期的なアプローチだ」「画期的な技術ですが、まだ…」.
_GRANTED_BEFORE = re.compile(r"確かに|たしかに")
_GRANTED_AFTER = re.compile(r"(?:です|だ|である|ではある|でした|だった|った)(?:が|けど|けれど|けれども)、?$")
# What it would take: 「スマートグラスがスマートフォンを完全に置き換えるには、まだ時間がかかる」.
_REQUIREMENT = re.compile(r"(?:る|なる)には、?$")
# Looking back on many such events is no claim about one: 「スタートアップが画期的な技術を
# 発表する瞬間を何度も見てきました」.
_RECOLLECTION = re.compile(r"見てきまし|見てきた|目にしてきた|目の当たりにしてきた|見届けてきた")
# A look back at an event of the past (「2020年のCASP14での圧倒的な成果は、今でも覚えている」
# 「AlphaGoが世界チャンピオンを破るという驚異的な出来事もありました」) praises no product of
# today; an entry with `past = "keep"` (大幅に, a reported change) is still reported.
_HISTORY = re.compile(r"当時|かつて|その後|今でも|覚えて|(?:19|20)[0-9]{2}年")
_PAST_END = re.compile(r"(?:た|ました|でした|だった)(?:よ|ね|な)?[。．！!]?$")
_MEMORY = re.compile(r"覚えて|思い出")
# A word that refers back to what the post has already shown (先ほどNVIDIAの圧倒的な成長に
# 触れましたが) repeats a claim backed there.
_BACK_REFERENCE = re.compile(r"先ほど|前述|上述|既に触れ|すでに触れ")
# An aim, a hope or someone's strategy claims nothing yet: 「最高の体験を提供しようとしている」
# 「究極の統合環境を目指す」「最高の性能を提供して開発者を引きつける、という戦略だ」
# 「画期的な製品が生まれることを期待しています」; nor does an analogy (「熟練の職人が最高の成果を
# 出すようなものだ」).
_AIM = re.compile(
    r"(?:よう|おう)と(?:し|する|努|考え)|目指|という(?:戦略|狙い)|ようなもの|(?<=[るけせてね])よう(?:、|に(?!な))"
    r"|ことを、?(?:心から|強く)?(?:期待|願|祈)|かのよう"
)
# A quantity, not any digit: dates (2025年8月) and model names (MI350, Ernie 5) quantify nothing.
_NUMBER = re.compile(
    r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９.])[0-9０-９][0-9０-９,，.．]*\s*"
    r"(?:%|％|倍|割|円|ドル|ユーロ|元|億|万|兆|千|百|件|社|人|名|台|個|本|秒|分|時間|日間|週間|か月|ヶ月|カ月|年間|回|点|"
    r"ポイント|パーセント|[KMGTP]B|ms|W|kW|MW|GW|Hz|GHz|[KMGTPE]?FLOPS|[KMGTP]?TOPS|トークン|行|文字|ページ|"
    r"チャンネル|パラメータ|コア|ビット|nm|[KMGT]?bps|[KMGT]B/s|という)"
    r"|[$＄¥￥€£]\s*[0-9０-９]|分の[1１一]|数(?:秒|分|時間|日|週間|か月|ヶ月|倍|割|十倍|百倍|千倍)|無料"
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
    not_in_rest: re.Pattern[str] | None = None
    not_in_head: re.Pattern[str] | None = None
    skip_quantified: bool = False
    keep_past: bool = False


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
                re.compile(raw["not-in-rest"]) if "not-in-rest" in raw else None,
                re.compile(raw["not-in-head"]) if "not-in-head" in raw else None,
                raw.get("quantified") == "skip",
                raw.get("past") == "keep",
            )
        )
    return tuple(result)


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    disable_absoluteness_patterns: bool = option(False, "Do not report 革命的な, 究極の, 完璧な ….")
    disable_abstract_patterns: bool = option(False, "Do not report 魔法のように, 驚異的な ….")
    disable_predictive_patterns: bool = option(False, "Do not report 未来を変える, パラダイムシフト ….")
    extra_phrases: tuple[str, ...] = option((), "More hype words to report (plain text).")


def _next_sentence(doc: Document, sentence: Sentence) -> str:
    """The prose sentence after `sentence` in the same block, or ""."""
    sentences = doc.memo("hype-expression:next", _following_by_start)
    return sentences.get(sentence.span.start, "")


def _following_by_start(doc: Document) -> dict[int, str]:
    prose = doc.prose_sentences
    return {
        s.span.start: prose[i + 1].text
        for i, s in enumerate(prose[:-1])
        if prose[i + 1].block_index == s.block_index
    }


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
        following: str | None = None
        for entry in self._entries:
            for match in entry.pattern.finditer(text):
                if self._excused(entry, text, match):
                    continue
                if entry.skip_quantified:
                    # The figure may come in the very next sentence: 「大幅に短縮できた。具体的には、
                    # 従来の3分の1です」.
                    if following is None:
                        following = _next_sentence(doc, sentence)
                    if _NUMBER.search(following):
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
        if entry.not_in_rest and entry.not_in_rest.search(text, match.end()):
            return True
        head = text[: match.start()]
        if entry.not_in_head and entry.not_in_head.search(head):
            return True
        if _HYPOTHESIS_BEFORE.search(head) or _HYPOTHESIS_AFTER.search(rest) or _AIM.search(text, match.end()):
            return True
        if _GRANTED_BEFORE.search(head) or _GRANTED_AFTER.search(rest) or _REQUIREMENT.search(rest):
            return True
        if _RECOLLECTION.search(text) or _SCENARIO.search(text) or _BACK_REFERENCE.search(head):
            return True
        if not entry.keep_past and _HISTORY.search(text) and (_PAST_END.search(text.rstrip()) or _MEMORY.search(text)):
            return True
        if _DENIED.search(text[-16:]):
            return True
        # A negation may come after a comma: 完璧な方法など、どこにもありません。
        return bool(_NEGATED.search(text, match.end(), match.end() + 30) or _QUESTION.search(rest))
