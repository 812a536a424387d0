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
更新する) and 「データに基づいた判断を行う」 (→ 基づいて判断する) are reported;
a modifier that would not turn into an adverb saying the same is not (「高度な推論」,
「多大な投資」, 「最終的な確認」, 「この調査」, 「求められる対応」, 「最適化された提案」,
「精度の高い予測」), nor an amount or a pointer (「数億ドル規模の投資」, 「以下の改善」),
nor the second of two acts (「再学習やアルゴリズムの更新を行う」, 「原稿の見直しや図版の
修正を行う」), which needs rewording. The finding covers the modifier too and the
message gives the whole rewrite (「適切な評価を行う」 → 「適切に評価する」,
「前提とした設計を行う」 → 「前提として設計する」), not the noun alone.

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
  an amount (「数億ドル規模の投資」) or follows another act in a list
  (「再学習やアルゴリズムの更新を行う」); upstream reports them all.
- 「であると言える」 is found in plain form too (upstream: only 言えます).
- The fix for 「であると考えています」 is 「です」, keeping the polite style
  (upstream writes 「である」 into a です/ます sentence).
- Link text is read as prose (upstream skips link nodes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._phrase_lists import TokenPattern, compile_sequence, compile_token, followed, match_at
from jalint.rules._prose import compile_allow, load_data, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Text or /regex/flags: matches of these are not reported.")
    disable: tuple[str, ...] = option((), "Pattern ids to turn off (this rule's or textlint's dictN).")


@dataclass(frozen=True)
class Pattern:
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
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "unsafe"
    textlint = ("ja-no-redundant-expression",)
    textlint_options: dict[str, str] = {}
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
            first, last = tokens[found.start], tokens[found.stop - 1]
            if first.surface in pattern.not_words:
                continue
            noun = first.surface
            noun_fixed = noun
            begin = first.start
            shown_begin = begin
            ends = {begin}  # where the text tested by `not-after` ends
            if pattern.compound:
                head = _compound_start(tokens, index)
                if _coordinated(tokens, head):
                    continue
                begin = tokens[head].start
                noun = doc.text[begin : first.end]
                noun_fixed = noun
                if pattern.plain_noun:
                    outer = _adjective_start(doc, tokens, head)
                    if outer < 0 or not _plain_noun(doc, tokens, outer):
                        continue
                    ends.add(tokens[outer].start)
                    # Say the whole rewrite: 「適切な評価を行う」 → 「適切に評価する」, not 「評価する」 alone.
                    if outer > 0 and tokens[outer - 1].surface == "の" and index > head:
                        continue  # 「AIの導入支援を行う」: 「AIを導入支援する」 is stiff, 「導入を支援する」 a rewrite
                    lead = _lead(doc, tokens, outer)
                    if lead is not None:
                        shown_begin, lead_fixed = lead
                        noun_fixed = lead_fixed + doc.text[tokens[outer].start : first.end]
                        noun = doc.text[shown_begin : first.end]
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
            return Finding(Span(min(begin, shown_begin), last.end), message, fix=fix), found.stop
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
    return head >= 2 and tokens[head - 1].surface in _COORDINATORS and tokens[head - 2].pos == "名詞"


# Passive and causative endings before た: 「最適化された提案」 is no 「最適化して提案する」.
_PASSIVE = frozenset({"れ", "られ", "せ", "させ"})
_ADJECTIVE_PARTS = frozenset({"名詞", "接頭辞", "形状詞", "接尾辞"})
_NOUN_PARTS = frozenset({"名詞", "接頭辞", "接尾辞"})


@lru_cache(maxsize=1)
def _adverb_modifiers() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("redundant_expression.toml")
    return frozenset(data["adverb-modifiers"]), frozenset(data["not-adverb-modifiers"])


def _adjective_start(doc: Document, tokens: list[Token], head: int) -> int:
    """Where 「戦略的」 starts in 「戦略的|投資」 (-1 when it does not turn into an adverb); `head` when no 的 word."""
    if head == 0 or tokens[head - 1].surface != "的" or tokens[head - 1].pos != "接尾辞":
        return head
    start = head - 1
    while start > 0 and tokens[start - 1].pos in _NOUN_PARTS and tokens[start - 1].end == tokens[start].start:
        start -= 1
    if start == head - 1 or doc.text[tokens[start].start : tokens[head - 1].end] in _adverb_modifiers()[1]:
        return -1
    return start


def _plain_noun(doc: Document, tokens: list[Token], head: int) -> bool:
    """The noun at `head` can become 「〜する」 as it stands: nothing modifies it that would not turn into an adverb.

    「定期的な監査を行う」 → 「定期的に監査する」 and 「モデルの更新を行う」 → 「モデルを更新する」
    read well; 「高度な推論を行う」 (「高度に推論する」), 「この調査を行う」, 「求められる対応を行う」
    and 「パーソナライズされた提案を行う」 need rewording, and 「再学習やアルゴリズムの更新を行う」
    names two acts.
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
        return head < 2 or tokens[head - 2].surface not in _PASSIVE
    if before.conjugation.startswith("連体形") and before.pos in ("動詞", "助動詞"):
        return False
    if before.surface == "の" and before.pos == "助詞":
        return not _acts_listed(tokens, head - 1)
    return True


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
        return tokens[start].start, doc.text[tokens[start].start : before.start] + "に"
    if before.surface == "の" and before.pos == "助詞" and head >= 2 and tokens[head - 2].pos == "形状詞":
        return tokens[head - 2].start, tokens[head - 2].surface + "に"  # 「独自の規制」 → 「独自に規制する」
    if before.surface == "の" and before.pos == "助詞" and head >= 2 and tokens[head - 2].pos in _NOUN_PARTS:
        start = head - 2  # the whole object, suffixes included (「効率|化|の」)
        while start > 0 and tokens[start - 1].pos in _NOUN_PARTS and tokens[start - 1].end == tokens[start].start:
            start -= 1
        return tokens[start].start, doc.text[tokens[start].start : before.start] + "を"
    if before.pos == "助動詞" and before.surface in ("た", "だ") and head >= 2:
        start = head - 2
        while start > 0 and tokens[start - 1].pos in ("動詞", "助動詞") and tokens[start - 1].end == tokens[start].start:
            start -= 1
        if start > 1 and tokens[start - 1].surface in _CLAUSE_PARTICLES and tokens[start - 2].pos in _NOUN_PARTS:
            start = _compound_start(tokens, start - 2)  # 「前提と|した」, 「データに|基づいた」
        elif start > 0 and tokens[start - 1].pos in _NOUN_PARTS and tokens[start - 1].end == tokens[start].start:
            start = _compound_start(tokens, start - 1)  # 「特化|した」
        return tokens[start].start, doc.text[tokens[start].start : before.start] + ("て" if before.surface == "た" else "で")
    return None


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
        if tokens[start].pos == "形状詞" and tokens[start].pos_detail == "助動詞語幹":  # どのような, 〜のような
            return True
    if start == na:
        return False
    word = doc.text[tokens[start].start : tokens[na - 1].end]
    if word.endswith("的"):
        return word not in not_adverbs
    return word in adverbs


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
        if token.pos not in _NOUN_PARTS and not (token.surface == "の" and token.pos == "助詞"):
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
    tail = doc.text[tokens[stop - 1].end : tokens[end - 1].end] if end > stop else ""
    written = doc.text[tokens[start].start : tokens[stop - 1].end]
    return f"{head}{written}{tail}", f"{head}{replacement or ''}{tail}"
