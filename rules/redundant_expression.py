"""## What it finds
Redundant expressions, words that can go without changing what a sentence says:

- 「〜することができる」 (→ 「〜できる」), in every form: することができます,
  することができない, することができた;
- 「〜することが可能だ」 and 「〜することが不可能だ」 (→ 「〜できる」「〜できない」);
- 「〜であると言える」 / 「〜であると言えます」 (keep 「である」 or 「と言える」);
- 「〜であると考えている」 / 「〜であると考えています」 closing a sentence;
- 「[サ変名詞]を行う」 (「確認を行う」 → 「確認する」) and 「[サ変名詞]を実行する」
  (「分析を実行する」 → 「分析する」).

The patterns are data: `redundant_expression.toml` next to this module lists
them as token sequences on the shared morphological analysis, so every
conjugation is found. Paragraphs, including those in list items, are read;
headings, tables and blockquotes are not.

Kept quiet: katakana and Latin nouns (「アップデートを行う」, 「APIを実行する」)
and 「処理を行う」 / 「処理を実行する」, as upstream does by default; 「することも
できる」 and 「することはできない」, where も and は carry meaning; 「計画を実行する」
and the like (「推論を実行する」, 「行動を実行する」), where what is carried out is a
thing, not the act the noun names; 「であると考えている人」, where the phrase
describes someone's view.

「を行う」 / 「を実行する」 are reported only where 「〜する」 fits the noun as it
stands: 「定期的な監査を行う」 (→ 定期的に監査する), 「モデルの更新を行う」 (→ モデルを
更新する), 「新人への指導を行う」 (→ 新人に指導する) and 「データに基づいた判断を行う」
(→ 基づいて判断する) are reported; a modifier that would not turn into an adverb
saying the same is not (「高度な推論」, 「多大な投資」, 「最終的な確認」, 「この調査」,
「求められる対応」, 「最適化された提案」, 「精度の高い予測」, 「誤った修正」,
「強化するような投資」, 「戦略的投資」), nor two modifiers (「新人へのこまめな指導」,
「丁寧で柔軟な対応」), nor an amount, a pointer or a quantifier (「数億ドル規模の投資」,
「以下の改善」, 「全ての開発」), nor an 「Xの」 that is not the object (「顧客の対応」 is
「顧客に対応する」, 「施設の実験」), nor the last of a list (「再学習やアルゴリズムの
更新を行う」, 「在庫の確認や細かく分けた出荷の調整を行う」, 「設計、実装、そして継続的な
改善を行う」), which needs rewording, unless the list is two verbal nouns joined by ・,
which take する as a whole (「研究・開発を行う」 → 「研究・開発する」, and with their object
「データの抽出・検証を行う」 → 「データを抽出・検証する」; three or more read stiff as one verb). A compound noun is reported only when it is a
fixed term (`compound-terms` in the data: 意思決定,
資金調達, 情報収集 …) or a prefix and a noun (再学習): 「AI開発する」, 「診断支援する」
and 「品質改善する」 are stiff, and their rewrite (「AIを開発する」) is more than a cut.
A listed term whose plain form splits it is offered that form (`compound-splits`:
「部品交換を行う」 → 「部品を交換する」, 「設備投資を行う」 → 「設備に投資する」); the
others take する whole (「意思決定する」).

The message gives the whole rewrite in the form written, ready to paste: the
modifier (「適切な評価を行う」 → 「適切に評価する」, 「前提とした設計を行う」 →
「前提として設計する」) and the verb (「行います」 → 「します」, 「行って」 → 「して」,
「行える」 → 「できる」, 「行わない」 → 「しない」, 「行うことができる」 → 「できる」); a
form with no natural counterpart (the imperative 「行え」) is not reported.
「することが可能になります」 → 「できるようになります」 and 「することが不可能だ」 →
「できない」 likewise. 「であると言えるでしょうか」 is not reported: in a question,
whether it can be said is what is asked.

## Why it matters
Padding such as 「することができる」 and 「を行う」 makes generated prose longer
and vaguer without adding anything; an editor cuts it first.

## Example
```markdown
このツールでは、ログを自動で解析することができます。
```

## Use instead
```markdown
このツールでは、ログを自動で解析できます。
```

## Options
- `allows` (default none): textlint-style items (text or `/regex/flags`) tested
  against the matched text, e.g. `"/^議論を行/"`; a match is not reported. They
  add to the built-in allows of each pattern.
- `disable` (default none): pattern ids to turn off, by this rule's id
  (`sahen-wo-okonau`) or upstream's (`dict5`).

## Fix safety
「することができる」 → 「できる」 keeps the conjugation (することができます →
できます). It is safe right after a サ変 noun (解析することができます →
解析できます) and unsafe elsewhere (「仕事をすることができる」 → 「仕事をできる」
may read better as 「仕事ができる」). 「であると考えています。」 → 「です。」 and
「であると考えている。」 → 「である。」 are unsafe: they drop who holds the view.
The other patterns have no fix (upstream has none): 「詳細な確認を行う」 needs
rewording, not a substitution.

## textlint
Replaces `ja-no-redundant-expression` (textlint-rule-ja-no-redundant-expression,
in textlint-rule-preset-ja-technical-writing). Options: `dictOptions` maps to
`disable` (`{"dict1": {"disabled": true}}`) and `allows` (per-dict allows become
one list); `allowNodeTypes` is fixed to what upstream skips by default
(blockquotes, code, link definitions). Deliberate differences, for precision:
- Only 「することが…」 is reported: upstream also reports 「することもできる」 and
  「することはできない」, where the particle adds meaning.
- 「であると考えている」 is reported only when it ends the sentence; upstream also
  reports 「〜であると考えている企業」, a description of someone else's view.
- 「を実行」 is not reported after nouns that name a thing to carry out
  (計画, 指示, 戦略, 方針, 推論, 行動 …): 「計画を実行する」 is not 「計画する」.
- 「を行う」 / 「を実行する」 are not reported where the noun carries a modifier
  that does not turn into an adverb (「高度な推論を行う」, 「求められる対応を行う」),
  an amount (「数億ドル規模の投資」), an 「Xの」 that is not its object (「全ての開発」,
  「顧客の対応」), or follows another act in a list (「再学習やアルゴリズムの更新を
  行う」; a list of two verbal nouns joined by ・ is reported, 「研究・開発を行う」);
  upstream reports them all.
- Compound nouns are reported only when they are fixed terms (「意思決定を行う」);
  upstream also reports 「AI開発を行う」 and 「診断支援を行う」, whose 「〜する」 is stiff.
- The message gives the rewrite in the written form (「指導を行える」 → 「指導できる」,
  「することが可能になります」 → 「できるようになります」); upstream names only the
  expression.
- 「であると言えるでしょうか」 (a question) is not reported.
- 「であると言える」 is found in plain form too (upstream: only 言えます).
- The fix for 「であると考えています」 is 「です」, keeping the polite style
  (upstream writes 「である」 into a です/ます sentence).
- Link text is read as prose (upstream skips link nodes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._phrase_lists import TokenPattern, compile_sequence, compile_token, followed, match_at
from jalint.rules._prose import compile_allow, load_data, shown_text, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Text or /regex/flags: matches of these are not reported.")
    disable: tuple[str, ...] = option((), "Pattern ids to turn off (this rule's or textlint's dictN).")


class Pattern(NamedTuple):
    id: str
    textlint_id: str
    tokens: tuple[TokenPattern, ...]
    followed_by: tuple[tuple[TokenPattern, ...], ...]
    allowed: Callable[[str], bool]
    not_words: frozenset[str]
    cues: tuple[str, ...]
    compound: bool
    not_after: re.Pattern[str] | None
    plain_noun: bool
    message: str
    fix: str | None
    fix_safety: str
    safe_after: TokenPattern | None
    rewrite: str


@lru_cache(maxsize=1)
def _patterns() -> tuple[Pattern, ...]:
    result = []
    for entry in load_data("redundant_expression.toml")["pattern"]:
        safe_after = entry.get("safe-after")
        result.append(
            Pattern(
                id=entry["id"],
                textlint_id=entry.get("textlint-id", ""),
                tokens=compile_sequence(entry["tokens"]),
                followed_by=tuple(compile_sequence(alt) for alt in entry.get("followed-by", ())),
                allowed=compile_allow(entry.get("allows", ())),
                not_words=frozenset(entry.get("not-words", ())),
                cues=tuple(entry["cues"]),
                compound=bool(entry.get("compound")),
                not_after=re.compile(entry["not-after"]) if "not-after" in entry else None,
                plain_noun=bool(entry.get("plain-noun")),
                message=entry["message"],
                fix=entry.get("fix"),
                fix_safety=entry.get("fix-safety", "unsafe"),
                safe_after=compile_token(safe_after) if safe_after else None,
                rewrite=entry.get("rewrite", ""),
            )
        )
    return tuple(result)


def _fill(template: str, match: tuple[Token | None, ...]) -> str:
    text = template
    for index, token in enumerate(match):
        text = text.replace(f"{{{index}}}", token.surface if token else "")
    return text


class RedundantExpression(Rule[Options]):
    name = "redundant-expression"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "unsafe"
    textlint = ("ja-no-redundant-expression",)
    textlint_options: dict[str, str] = {}
    textlint_structured_options = {"dictOptions": ("disable", "allows")}
    Options = Options

    @classmethod
    def translate_textlint_option(cls, key: str, value: Any) -> dict[str, Any] | None:
        """`dictOptions: {dictN: {disabled, allows}}` -> `disable` (the dict ids) and `allows` (all dicts' items)."""
        if key != "dictOptions" or not isinstance(value, dict):
            return None
        disable = [name for name, entry in value.items() if isinstance(entry, dict) and entry.get("disabled")]
        allows = [item for entry in value.values() if isinstance(entry, dict) for item in entry.get("allows", [])]
        return {**({"disable": disable} if disable else {}), **({"allows": allows} if allows else {})}

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        off = set(self.options.disable)
        self._patterns = tuple(p for p in _patterns() if p.id not in off and p.textlint_id not in off)
        self._allowed = compile_allow(self.options.allows)

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        patterns = [p for p in self._patterns if any(cue in text for cue in p.cues)]
        if not patterns or doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        index = 0
        while index < len(tokens):
            finding, stop = self._at(patterns, tokens, index, doc, sentence.span.start)
            if finding is not None:
                yield finding
                index = stop
            else:
                index += 1

    def _at(
        self, patterns: list[Pattern], tokens: list[Token], index: int, doc: Document, start: int
    ) -> tuple[Finding | None, int]:
        for pattern in patterns:
            found = match_at(pattern.tokens, tokens, index)
            if found is None:
                continue
            if pattern.followed_by and not followed(pattern.followed_by, tokens, found.stop):
                continue
            if pattern.rewrite == "question" and _asks(tokens, found.stop):
                continue  # 「倫理的であると言えるでしょうか」: whether it can be said is the question
            first, last = tokens[found.start], tokens[found.stop - 1]
            if first.surface in pattern.not_words:
                continue
            noun = first.surface
            noun_fixed = noun
            begin = first.start
            shown_begin = begin
            ends = {begin}  # where the text tested by `not-after` ends
            verb: tuple[int, str] | None = None
            if pattern.rewrite in ("okonau", "jikkou"):
                # 「指導を行える」 → 「指導できる」: the message gives the rewrite of the verb as written.
                verb = _okonau(tokens, found.stop - 1) if pattern.rewrite == "okonau" else _jikkou(tokens, found.stop)
                if verb is None:
                    continue
            if pattern.compound:
                head = _compound_start(tokens, index)
                if not _compound_reads(doc, tokens, head, index):
                    continue
                listed = _coordinated(tokens, head)
                if listed:
                    # 「抽出・検証を行う」 → 「抽出・検証する」; 「分析や予測を行う」 has no such rewrite.
                    head = _verbal_noun_list_start(tokens, head)
                    if head < 0:
                        continue
                begin = tokens[head].start
                noun = shown_text(doc, begin, first.end)
                noun_fixed = _split_compound(noun)  # 「部品交換」 → 「部品を交換」(する)
                if pattern.plain_noun:
                    outer = _adjective_start(doc, tokens, head)
                    if outer < 0 or not _plain_noun(doc, tokens, outer) or _listed_before(tokens, outer):
                        continue
                    ends.add(tokens[outer].start)
                    # Say the whole rewrite: 「適切な評価を行う」 → 「適切に評価する」, not 「評価する」 alone.
                    if outer > 0 and tokens[outer - 1].surface == "の" and index > head and not listed:
                        # 「AIの導入支援を行う」: 「AIを導入支援する」 is stiff, 「導入を支援する」 a rewrite; a list
                        # joined by ・ takes its object whole (「データの抽出・検証」 → 「データを抽出・検証する」)
                        continue
                    lead = _lead(doc, tokens, outer)
                    if lead is not None and index > head and _youna(tokens, outer):
                        continue  # 「どのような資金調達を行う」: 「どのように資金調達する」 asks something else, stiffly
                    if lead is not None:
                        shown_begin, lead_fixed = lead
                        compound = shown_text(doc, tokens[outer].start, first.end)
                        noun_fixed = lead_fixed + _split_compound(compound)
                        noun = shown_text(doc, shown_begin, first.end)
                ends.add(begin)
            # The amount may stand before the compound (巨額の|追加投資) or open it (巨額|投資).
            if pattern.not_after is not None and any(
                pattern.not_after.search(visible_text(doc.masked[start:end])) for end in ends
            ):
                continue
            written = doc.text[first.start : last.end]
            if pattern.allowed(written) or (self.options.allows and self._allowed(written)):
                continue
            replacement = _fill(pattern.fix, found.tokens) if pattern.fix is not None else None
            end = last.end
            if verb is not None:
                stop, verb_fixed = verb
                end = tokens[stop - 1].end
                shown, fixed = shown_text(doc, min(begin, shown_begin), end), noun_fixed + verb_fixed
            elif pattern.rewrite == "kanou":
                kanou = _kanou(doc, tokens, found.start, found.stop)
                if kanou is None:
                    continue
                shown, fixed = kanou
            else:
                shown, fixed = _shown(doc, tokens, found.start, found.stop, replacement)
            message = (
                _fill(pattern.message.replace("{0}", noun, 1).replace("{0}", noun_fixed, 1), found.tokens)
                .replace("{match}", shown)
                .replace("{fixed}", fixed)
            )
            fix = None
            if replacement is not None:
                before = tokens[index - 1] if index > 0 else None
                safety = pattern.fix_safety
                if before is not None and pattern.safe_after is not None and pattern.safe_after.test(before):
                    safety = "safe"
                fix = Fix.replace(Span(first.start, last.end), replacement, safety)
            return Finding(Span(min(begin, shown_begin), end), message, fix=fix), found.stop
        return None, index + 1


_COORDINATORS = frozenset({"や", "と", "・", "及び", "および", "並びに", "ならびに", "または", "又は", "か", "、", "，"})


def _compound_start(tokens: list[Token], index: int) -> int:
    """Index of the first token of the compound noun that token `index` ends (データ|生成)."""
    while index > 0:
        before = tokens[index - 1]
        if before.end != tokens[index].start or before.pos not in ("名詞", "接頭辞"):
            break
        index -= 1
    return index


def _coordinated(tokens: list[Token], head: int) -> bool:
    """The noun at `head` is the last of a list (分析や|予測, 分析・|予測)."""
    if head < 2 or tokens[head - 1].surface not in _COORDINATORS or tokens[head - 2].pos != "名詞":
        return False
    return tokens[head - 1].pos != "補助記号" or tokens[head - 2].pos3 != "副詞可能"  # 「毎週、点検」 is no list


def _verbal_noun_list_start(tokens: list[Token], head: int) -> int:
    """The first item of a list of single verbal nouns joined by ・ that ends at `head`, or -1.

    Such a list of two takes 「する」 as a whole (抽出・検証する, 設計・開発する); a list
    joined by や or と, holding other nouns, or of three acts or more does not
    (分析や予測する; 企画・演出・監修する reads stiff).
    """
    if tokens[head].pos3 != "サ変可能":
        return -1
    items = 1
    while head >= 2 and tokens[head - 1].surface == "・" and tokens[head - 2].pos3 == "サ変可能":
        if tokens[head - 2].end != tokens[head - 1].start or tokens[head - 1].end != tokens[head].start:
            return -1
        head -= 2
        items += 1
    if items > 2:
        return -1  # 「企画・演出・監修を行う」: three acts or more read stiff as one verb (a reviewer's borderline)
    if head > 0 and (tokens[head - 1].surface in _COORDINATORS or tokens[head - 1].pos in ("名詞", "接頭辞")) \
            and tokens[head - 1].end == tokens[head].start:
        return -1  # the list goes on with another kind of item, or its first item is a compound
    return head


# Passive and causative endings before た: 「最適化された提案」 is no 「最適化して提案する」.
_PASSIVE = frozenset({"れ", "られ", "せ", "させ"})
_ADJECTIVE_PARTS = frozenset({"名詞", "接頭辞", "形状詞", "接尾辞"})
_NOUN_PARTS = frozenset({"名詞", "接頭辞", "接尾辞"})


@lru_cache(maxsize=1)
def _adverb_modifiers() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("redundant_expression.toml")
    return frozenset(data["adverb-modifiers"]), frozenset(data["not-adverb-modifiers"])


def _adjective_start(doc: Document, tokens: list[Token], head: int) -> int:
    """-1 when a 的 word is part of the noun (「戦略的|投資」, 「科学的|発見」), else `head`.

    「戦略的投資する」 does not read, and 「戦略的に投資する」 fits some (戦略的) but not
    others (「科学的に発見する」, 「人道的に支援する」): left alone.
    """
    if head > 0 and tokens[head - 1].surface == "的" and tokens[head - 1].pos == "接尾辞":
        return -1
    return head


def _plain_noun(doc: Document, tokens: list[Token], head: int) -> bool:
    """The noun at `head` can become 「〜する」 as it stands: nothing modifies it that would not turn into an adverb.

    「定期的な監査を行う」 → 「定期的に監査する」 and 「モデルの更新を行う」 → 「モデルを更新する」
    read well; 「高度な推論を行う」 (「高度に推論する」), 「この調査を行う」, 「求められる対応を行う」
    and 「パーソナライズされた提案を行う」 need rewording, as does a quoted modifier (「「プロアクティブ
    な」提案を行う」), and 「再学習やアルゴリズムの更新を行う」 names two acts.
    """
    if head == 0:
        return True
    before = tokens[head - 1]
    if before.pos == "連体詞" or (before.pos == "形容詞" and not before.conjugation.startswith("連用形")):
        return False
    if before.pos == "助動詞" and before.surface == "な":
        return _adverb(doc, tokens, head - 1)
    if before.pos == "助動詞" and before.surface in ("た", "だ"):
        if head >= 3 and tokens[head - 2].lemma == "言う" and tokens[head - 3].surface == "と":
            return False  # 「AやBといった評価」 names examples: no clause to turn into 〜て
        if head >= 2 and tokens[head - 2].surface in _PASSIVE:
            return False
        return _clause_argument(tokens, head - 1)
    if before.conjugation.startswith("連体形") and before.pos in ("動詞", "助動詞"):
        return False
    if before.pos_detail == "括弧閉" and before.end == tokens[head].start:
        return False  # 「「プロアクティブな」提案を行う」: a quoted modifier, which 「〜する」 cannot keep as it is
    if before.surface == "の" and before.pos == "助詞":
        if head < 2 or tokens[head - 2].pos3 == "副詞可能" or tokens[head].surface in _not_object_nouns():
            return False  # 「全ての開発」「今年の投資」, 「顧客の対応」 (→ 顧客に対応する), 「施設の実験」
        if tokens[head - 2].pos == "助詞":  # 「新人への指導」 → 「新人に指導する」; 「までの」 has no such form
            return tokens[head - 2].surface in _PARTICLE_NO and head >= 3 and tokens[head - 3].pos in _NOUN_PARTS
        return not _acts_listed(tokens, head - 1)
    return True


@lru_cache(maxsize=1)
def _not_object_nouns() -> frozenset[str]:
    return frozenset(load_data("redundant_expression.toml")["not-object-nouns"])


def _youna(tokens: list[Token], head: int) -> bool:
    """「どのような|分析」: 「ような」 stands right before the noun at `head`."""
    return head >= 2 and tokens[head - 1].surface == "な" and tokens[head - 2].pos_detail == "助動詞語幹"


def _clause_argument(tokens: list[Token], ta: int) -> bool:
    """The clause ending in 「た」 at `ta` has an argument: 「データに基づいた」, 「検索に特化した」.

    Only then does 〜て read as the manner of the act (データに基づいて判断する);
    a bare 「誤った修正」 or 「独立した検索」 is a description (誤って修正する says
    something else).
    """
    index = ta
    while index > 0 and tokens[index - 1].pos in ("動詞", "助動詞") and tokens[index - 1].end == tokens[index].start:
        index -= 1
    if index > 0 and tokens[index - 1].pos in _NOUN_PARTS and tokens[index - 1].end == tokens[index].start:
        index = _compound_start(tokens, index - 1)  # 「特化|した」
    return index > 1 and tokens[index - 1].surface in _CLAUSE_PARTICLES and tokens[index - 1].pos == "助詞"


def _lead(doc: Document, tokens: list[Token], head: int) -> tuple[int, str] | None:
    """What must change before the noun at `head` when 〜を行う becomes 〜する: (where it starts, its new form).

    「適切な|評価」 → 「適切に」, 「どのような|分析」 → 「どのように」, 「モデルの|更新」 → 「モデルを」,
    「前提とした|設計」 → 「前提として」; None when the noun stands alone.
    """
    if head == 0:
        return None
    before = tokens[head - 1]
    if before.pos == "助動詞" and before.surface == "な":
        start = head - 1
        while start > 0 and tokens[start - 1].pos in _ADJECTIVE_PARTS and tokens[start - 1].end == tokens[start].start:
            start -= 1
        if tokens[start].pos_detail == "助動詞語幹" and start > 0:  # どのような, 次のような
            start = _phrase_before(tokens, start)
        return tokens[start].start, shown_text(doc, tokens[start].start, before.start) + "に"
    if before.surface == "の" and before.pos == "助詞" and head >= 3 and tokens[head - 2].surface in _PARTICLE_NO:
        start = _compound_start(tokens, head - 3)  # 「新人への指導」 → 「新人に指導する」
        return tokens[start].start, shown_text(doc, tokens[start].start, tokens[head - 2].start) + _PARTICLE_NO[tokens[head - 2].surface]
    if before.surface == "の" and before.pos == "助詞" and head >= 2 and tokens[head - 2].pos == "形状詞":
        return tokens[head - 2].start, tokens[head - 2].surface + "に"  # 「独自の規制」 → 「独自に規制する」
    if before.surface == "の" and before.pos == "助詞" and head >= 2 and tokens[head - 2].pos in _NOUN_PARTS:
        start = head - 2  # the whole object, suffixes included (「効率|化|の」, 「最適|化|の」)
        while start > 0 and tokens[start - 1].pos in _ADJECTIVE_PARTS and tokens[start - 1].end == tokens[start].start:
            start -= 1
        return tokens[start].start, shown_text(doc, tokens[start].start, before.start) + "を"
    if before.pos == "助動詞" and before.surface in ("た", "だ") and head >= 2:
        start = head - 2
        while start > 0 and tokens[start - 1].pos in ("動詞", "助動詞") and tokens[start - 1].end == tokens[start].start:
            start -= 1
        if start > 1 and tokens[start - 1].surface in _CLAUSE_PARTICLES and tokens[start - 2].pos in _NOUN_PARTS:
            start = _compound_start(tokens, start - 2)  # 「前提と|した」, 「データに|基づいた」
        elif start > 0 and tokens[start - 1].pos in _NOUN_PARTS and tokens[start - 1].end == tokens[start].start:
            start = _compound_start(tokens, start - 1)  # 「特化|した」
        return tokens[start].start, shown_text(doc, tokens[start].start, before.start) + ("て" if before.surface == "た" else "で")
    return None


# 「Xへの指導」 → 「Xに指導する」: the particle before 「の」 and the one the verb takes instead.
_PARTICLE_NO = {"へ": "に", "と": "と", "で": "で", "から": "から"}

# The particle that ties a clause's object or complement to its verb (「前提と」「データに」「成長を」);
# a subject (が) stays where it is: 「AIが誤った修正」 is not 「AIが誤って修正する」.
_CLAUSE_PARTICLES = frozenset({"と", "に", "を", "で", "へ", "から"})


def _phrase_before(tokens: list[Token], start: int) -> int:
    """Start of what 「よう」 at `start` needs to be read: 「どの」, or 「次の」 (a noun and の)."""
    previous = tokens[start - 1]
    if previous.pos == "連体詞":
        return start - 1
    if previous.surface == "の" and start > 1 and tokens[start - 2].pos in _NOUN_PARTS:
        return _compound_start(tokens, start - 2)
    return start


def _adverb(doc: Document, tokens: list[Token], na: int) -> bool:
    """The word before 「な」 at `na` turns into an adverb that says the same (適切な → 適切に)."""
    adverbs, not_adverbs = _adverb_modifiers()
    start = na
    while start > 0 and tokens[start - 1].pos in _ADJECTIVE_PARTS and tokens[start - 1].end == tokens[start].start:
        start -= 1
        if tokens[start].pos == "形状詞" and tokens[start].pos_detail == "助動詞語幹":  # どのような, 次のような
            # 「強化するような投資」 describes a kind: 「強化するように投資する」 says something else.
            return start > 0 and (tokens[start - 1].pos == "連体詞" or tokens[start - 1].surface == "の")
    if start == na:
        return False
    if start > 0 and _modified(tokens[start - 1]):
        return False  # 「新人へのリアルタイムな指導」, 「丁寧で共感的な対応」: more than the adverb changes
    word = doc.text[tokens[start].start : tokens[na - 1].end]
    if word.endswith("的"):
        return not word.endswith(tuple(not_adverbs))  # 「自ら物理的な実験」 too
    return word in adverbs


def _modified(token: Token) -> bool:
    """`token`, right before 「Xな」, ties something more to the noun: 「Aの」, 「丁寧で」, 「速く」, 「分散的に」."""
    if token.pos == "助詞" and token.surface == "の":
        return True
    if token.pos == "助動詞" and token.surface in ("で", "に"):
        return True  # 「丁寧で」; 「分散的に自律的な交渉」 would stack two adverbs
    return token.pos == "形容詞" and token.conjugation.startswith("連用形")


def _acts_listed(tokens: list[Token], no: int) -> bool:
    """「再学習や|アルゴリズムの|更新」: the noun phrase ending in 「の」 at `no` follows another act in a list.

    The item before the list mark is an act when it is a サ変 noun (再学習) or,
    like the noun itself, has a 「の」 phrase of its own (「データの見直しや」).
    """
    index = no
    while index > 0:
        token = tokens[index - 1]
        if token.surface == "と" and tokens[index].surface == "の":  # 「事例との照合」
            index -= 1
            continue
        if token.surface in _COORDINATORS and token.pos != "名詞":
            last = index - 2
            if last >= 1 and tokens[last].surface in _COORDINATORS and tokens[last].pos != "名詞":
                last -= 1  # 「調整や、」
            if last < 0 or tokens[last].pos != "名詞":
                return False
            if tokens[last].pos3 == "サ変可能":
                return True
            first = _compound_start(tokens, last)  # 「データの見直し」, not 「防ぐための代替案」
            return first > 1 and tokens[first - 1].surface == "の" and tokens[first - 2].surface != "ため"
        if token.pos not in _ADJECTIVE_PARTS and not (token.surface == "の" and token.pos == "助詞"):
            return False
        index -= 1
    return False


def _shown(
    doc: Document, tokens: list[Token], start: int, stop: int, replacement: str | None
) -> tuple[str, str]:
    """The match as a reader knows it, and its rewrite: 「解析することができます」, 「解析できます」.

    With a fix the noun before the match is shown too; the auxiliaries after it
    always are, so that the phrase is not cut mid-word (「であると言え|ます」).
    """
    head = ""
    if replacement is not None and start > 0 and tokens[start - 1].pos == "名詞":
        head = tokens[start - 1].surface
    end = stop
    while end < len(tokens) and tokens[end].pos == "助動詞":
        end += 1
    tail = shown_text(doc, tokens[stop - 1].end, tokens[end - 1].end) if end > stop else ""
    written = shown_text(doc, tokens[start].start, tokens[stop - 1].end)
    return f"{head}{written}{tail}", f"{head}{replacement or ''}{tail}"


# 「行う」 as written → 「する」 in the same form; the auxiliaries after it stay (行い|ます → し|ます).
_OKONAU = {"終止形": "する", "連体形": "する", "連用形": "し", "仮定形": "すれ", "意志推量形": "しよう"}
# 「行わ」 before these auxiliaries: 行わない → しない, 行わず → せず, 行われる → される, 行わせる → させる.
_OKONAWA = {"ない": "し", "ず": "せ", "ぬ": "せ", "れる": "さ", "せる": "さ", "しめる": "せ"}


def _okonau(tokens: list[Token], verb: int) -> tuple[int, str] | None:
    """(end of what is shown, its rewrite) for the verb 「行う」 at `verb`: 「行います」 → 「します」.

    None for a form with no natural 「する」 counterpart (the imperative 「行え」).
    """
    token = tokens[verb]
    after = tokens[verb + 1] if verb + 1 < len(tokens) else None
    if token.base in ("行える", "おこなえる"):  # the potential: 行える → できる, 行えない → できない
        stem = "行え" if token.surface.startswith("行え") else "おこなえ"
        if not token.surface.startswith(stem):
            return None
        head = "でき" + token.surface[len(stem) :]
    elif token.conjugation.startswith("未然形"):
        if after is None or after.pos != "助動詞" or after.lemma not in _OKONAWA:
            return None
        head = _OKONAWA[after.lemma]
    else:
        kind = next((k for k in _OKONAU if token.conjugation.startswith(k)), None)
        if kind is None:
            return None
        head = _OKONAU[kind]
        if kind in ("終止形", "連体形"):
            able = _koto_ga_dekiru(tokens, verb + 1)
            if able is not None:
                return able
    return _with_tail(tokens, verb + 1, head)


def _koto_ga_dekiru(tokens: list[Token], index: int) -> tuple[int, str] | None:
    """「検証を行うことができます」 → 「検証できます」, not 「検証することができます」 (redundant again)."""
    found = match_at(_KOTO_GA_DEKIRU(), tokens, index)
    if found is None:
        return None
    able = tokens[found.stop - 1]
    return _with_tail(tokens, found.stop, able.surface)


@lru_cache(maxsize=1)
def _KOTO_GA_DEKIRU() -> tuple[TokenPattern, ...]:  # noqa: N802 (a constant, compiled once)
    return compile_sequence(
        [
            {"lemma": "事", "pos": "名詞"},
            {"surface": "が", "pos": "助詞"},
            {"surface": ["、", "，", ","], "optional": True},
            {"lemma": "出来る", "pos": "動詞"},
        ]
    )


# The auxiliaries shown with the verb, so that the phrase is not cut mid-word (行い|ます, 行っ|た);
# a modal such as べき or だろう stays outside: 「監査を行うべき」 → 「監査する」 + べき.
_VERB_AUXILIARIES = frozenset({"ます", "た", "ない", "ず", "ぬ", "ん", "れる", "られる", "せる", "させる", "う", "たい"})
_VERB_PARTICLES = frozenset({"て", "で", "ば", "たり", "だり"})


def _asks(tokens: list[Token], index: int) -> bool:
    """A question particle closes the predicate at `index` (「言えるでしょうか」, 「言えますか」)."""
    for token in tokens[index : index + 3]:
        if token.surface == "か" and token.pos == "助詞":
            return True
        if token.pos != "助動詞":
            return False
    return False


def _with_tail(tokens: list[Token], index: int, head: str) -> tuple[int, str]:
    """Extend the shown text over the auxiliaries at `index` (and one て/ば/たり that closes them)."""
    tail = ""
    while index < len(tokens):
        token = tokens[index]
        if token.start != tokens[index - 1].end:
            break
        if token.pos == "助動詞" and token.lemma in _VERB_AUXILIARIES:
            tail += token.surface
            index += 1
            continue
        if token.pos == "助詞" and token.surface in _VERB_PARTICLES:
            tail += token.surface
            index += 1
        break
    return index, head + tail


def _jikkou(tokens: list[Token], after: int) -> tuple[int, str] | None:
    """(end of what is shown, its rewrite) for 「を実行」 ending before `after`: 「を実行します」 → 「します」.

    None unless 「実行」 is the verb 「実行する」 (or 「実行できる」): 「実行中」 and 「実行に移す」 are not.
    """
    if after >= len(tokens):
        return None
    token = tokens[after]
    if token.pos != "動詞" or token.lemma not in ("為る", "出来る") or token.start != tokens[after - 1].end:
        return None
    return _with_tail(tokens, after + 1, token.surface)


# 「可能」 + the auxiliary after it → the same form of 「できる」 (「不可能」: of 「できない」).
_KANOU = {
    "です": "できます", "でし": "できまし", "でしょ": "できるでしょ", "でしょう": "できるでしょう",
    "だ": "できる", "だっ": "でき", "な": "できる", "に": "できるように", "で": "でき",
    "だろ": "できるだろ", "だろう": "できるだろう",
}
_FUKANOU = {
    "です": "できません", "でし": "できませんでし", "でしょ": "できないでしょ", "でしょう": "できないでしょう",
    "だ": "できない", "だっ": "できなかっ", "な": "できない", "に": "できなく", "で": "できず",
    "だろ": "できないだろ", "だろう": "できないだろう",
}


def _kanou(doc: Document, tokens: list[Token], start: int, stop: int) -> tuple[str, str] | None:
    """「検出することが可能です」 → 「検出できます」; None for a form with no plain 「できる」 counterpart."""
    if stop >= len(tokens):
        return None
    word = tokens[stop - 1]
    negative = word.lemma in ("不可能", "不可", "不能") or tokens[stop - 2].surface == "不"
    auxiliary = tokens[stop]
    if auxiliary.surface == "で" and stop + 1 < len(tokens) and tokens[stop + 1].lemma == "有る":
        end, rewrite = stop + 2, "できない" if negative else "できる"  # 可能である → できる
        if tokens[stop + 1].surface != "ある":
            return None
    else:
        rewrite = (_FUKANOU if negative else _KANOU).get(auxiliary.surface)
        if rewrite is None:
            return None
        end = stop + 1
    while end < len(tokens) and tokens[end].pos == "助動詞" and tokens[end].lemma in ("た", "う"):
        rewrite += tokens[end].surface
        end += 1
    head = tokens[start - 1].surface if start > 0 and tokens[start - 1].pos == "名詞" else ""
    return head + shown_text(doc, tokens[start].start, tokens[end - 1].end), head + rewrite


def _compound_reads(doc: Document, tokens: list[Token], head: int, noun: int) -> bool:
    """The compound noun from `head` to `noun` reads well with 「する」.

    A single noun does, and one after a prefix (再学習) or after 「自ら」; a longer
    compound only when it is a fixed term (意思決定する, 資金調達する): 「AI開発する」,
    「診断支援する」 and 「パイロット導入する」 are stiff, and their rewrite
    (「AIを開発する」, 「診断を支援する」) is more than dropping 「を行う」.
    """
    if head > 0 and tokens[head - 1].pos == "接尾辞" and tokens[head - 1].end == tokens[head].start:
        return False  # 「一次|審査」: a compound 「〜する」 reads stiffly in
    while head < noun and tokens[head].pos3 == "副詞可能":  # 「自ら|調整」
        head += 1
    if all(tokens[i].pos == "接頭辞" for i in range(head, noun)):
        return True
    return doc.text[tokens[head].start : tokens[noun].end] in _compound_terms()


@lru_cache(maxsize=1)
def _compound_terms() -> frozenset[str]:
    return frozenset(load_data("redundant_expression.toml")["compound-terms"])


@lru_cache(maxsize=1)
def _compound_splits() -> tuple[tuple[str, str], ...]:
    """Compound terms whose rewrite splits them, and what comes before する (longest first)."""
    pairs = load_data("redundant_expression.toml")["compound-splits"]
    return tuple(sorted(((term, split) for term, split in pairs), key=lambda pair: -len(pair[0])))


def _split_compound(text: str) -> str:
    """「毎月部品交換」 → 「毎月部品を交換」: the listed term that ends `text`, split; `text` as it is otherwise."""
    for term, split in _compound_splits():
        if text.endswith(term):
            return text[: -len(term)] + split
    return text


_LIST_MARKS = frozenset({"や", "・", "及び", "および", "並びに", "ならびに", "または", "又は"})


def _listed_before(tokens: list[Token], head: int) -> bool:
    """The noun phrase at `head` is the last of a list that opens earlier in the clause.

    「fine-tuningやプロンプトの改善」, 「診断支援や個別化された治療計画の提案」: 「〜を
    改善する」 alone would drop the first act. The clause ends at a 読点 (unless a
    list mark stands right before it: 「調整や、」) or a 句点.
    """
    index = head - 1
    while index >= 0:
        token = tokens[index]
        if token.surface in _LIST_MARKS and token.pos in ("助詞", "補助記号"):
            return True
        if token.pos == "補助記号" and token.pos_detail in ("読点", "句点"):
            if index == 0 or token.pos_detail == "句点":
                return False
            previous = tokens[index - 1]
            # 「調整や、」; 「運用、監視、そして継続的な改善」: a list of acts, which 〜する would break
            return previous.surface in _LIST_MARKS or (previous.pos == "名詞" and previous.pos3 == "サ変可能")
        index -= 1
    return False
