"""## What it finds
The same particle (助詞) twice in a row in one sentence: 「停電で…ろうそくで」,
「姉は兄は」. "In a row" means no other particle, 読点, colon or bracket stands
between the two (`min-interval` 1); the words between do not count. A particle
is known by its form and its kind, so 格助詞の「と」 (「AとB」) and 接続助詞の
「と」 (「押すと開く」) are different particles. Particles that follow each other
(「には」「では」「とは」) are read as one unit, and so are compound particles
(「において」「にとって」「という」「として」, listed in `doubled_particle.toml`),
so 「ここには」 and 「そこに」 do not match.

Uses that careful writers choose on purpose are accepted (unless `strict`):

- 「の」 as a connective (「会社の規程の第3条」), 「を」 (「値を返す関数を呼ぶ」)
  and 「て」/「で」 joining verbs (「読んで試して」);
- parallel particles: 「たり」「や」「とか」「やら」「だの」「なり」
  (「走ったり歩いたり」「紙やペンや定規」);
- 「〜かどうか」 (「使えるかどうか」);
- parallel 「も」 and 「か」 with only a short item between
  (「AもBも」「AにとってもBにとっても」「行くか行かないか」);
- two particles with a verb, adjective or auxiliary between them: each belongs
  to its own clause (「事業が頓挫しかけたことがあった」);
- 「に」「と」 that make an adverb rather than mark a role (「常に」「すぐに」
  「実際に」「〜を理由に」「漠然と」) or complete なる (「〜になる」「〜となる」);
- 「は」 of a denial or contrast (「容易ではない」「難しくはない」「そうは思わない」);
- 「と」 that quotes (「使えると考える」) against 「と」 that joins nouns
  (「AとB」): two different particles.

Sentences inside a blockquote are quotations, not the author's, and are
skipped; headings and tables are not read (as textlint, which reads paragraphs).

## Why it matters
Two identical particles close together make the reader re-parse the sentence:
which noun does the second 「で」 belong to? A double 「が」 usually means the
subject should take 「は」 or 「の」 (「この機種が最も価格が安い」). It is also
a sign that one sentence carries two facts. Swapping one particle, reordering
or splitting the sentence reads better.

## Example
```markdown
台風の影響で臨時ダイヤで運行しています。
```

## Use instead
```markdown
台風の影響により、臨時ダイヤで運行しています。
```

## Options
- `min-interval` (default 1): how many particles (or 読点 and brackets) apart
  two identical particles may be and still count as "in a row"; 1 means
  nothing of that kind between them.
- `strict` (default false): also report the accepted uses listed above.
- `allow` (default none): particles never reported, e.g. `["も", "や"]`.
- `separator-characters` (default `. ． 。 ? ! ？ ！`): characters that end a
  sentence inside quotes and so separate particles.
- `comma-characters` (default `、 ，`): characters that separate particles
  like a 読点.

## Fix safety
No fix: which particle to change, or where to split, is the writer's choice.

## textlint
Replaces `no-doubled-joshi` (textlint-rule-no-doubled-joshi, in
textlint-rule-preset-japanese and textlint-rule-preset-ja-technical-writing).
Supported options: `min_interval`, `strict`, `allow`, `separatorCharacters`,
`commaCharacters`. The exceptions of the upstream README (連体化「の」, 「を」,
接続助詞「て」, 並立助詞, 〜かどうか, 連語) are kept, mapped from kuromoji's
IPADIC tags onto UniDic's:

- 連体化「の」 is UniDic's 格助詞「の」; 準体助詞「の」「ん」 (「使うのは」)
  is not a particle in IPADIC (名詞/非自立) and is not counted here either.
- IPADIC's 並立助詞 (たり, や, とか, だの, なり, やら) are UniDic 副助詞, so
  they are recognised by form.
- IPADIC's 連語 particles (「において」「という」) are one token; UniDic splits
  them (に + おい + て), so they are joined back from the list.
- IPADIC tags 「常に」「すぐに」 as adverbs and 「正確に」's 「に」 as 副詞化;
  UniDic gives noun + 格助詞「に」, so the adverb-making 「に」 is told apart
  by the word before it (副詞可能 nouns, adverbs, a short list).
- IPADIC splits 格助詞「と」 into 引用 and 一般; UniDic does not, so a 「と」
  after a noun joins, and one after a predicate or 」 quotes.

Deliberate differences, each for precision (textlint reports about 30 times
as many findings on the team's corpus, most of them on natural sentences):

- Two particles with a predicate between are accepted: 「光が当たる可能性が
  生まれる」 nests a clause, and textlint's report there is the rule's best-known
  false alarm. Likewise 「〜ようになる」「〜になる」「〜ではない」 are never
  counted against a nearby 「に」 or 「は」.
- 接続助詞「で」 (「読んで」) is the same particle as 「て」 and shares its
  exception (textlint flags 「並んで進んで」).
- The parallel exception holds for any number of items (「AやBやC」);
  textlint accepts only exactly two.
- 「AもBも」 and 「AかBか」 (textlint reports both unless `allow` lists them)
  are accepted when only a short item stands between them: this is the
  standard parallel construction, not a slip.
- 「〜かどうか」 is accepted wherever it occurs, not only when the sentence has
  exactly two 「か」.
- A colon (「倫理と社会：AIと人間」) separates like a 読点.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Related, Rule, option
from jalint.rules._prose import load_data
from jalint.sentences import Sentence
from jalint.tokens import Token


@dataclass(frozen=True)
class Options:
    min_interval: int = option(1, "Particles (or 読点, brackets) apart that still count as in a row.")
    strict: bool = option(False, "Also report the accepted uses (の, を, て, parallel particles, clauses).")
    allow: tuple[str, ...] = option((), "Particles never reported, e.g. も or や.")
    separator_characters: tuple[str, ...] = option(
        (".", "．", "。", "?", "!", "？", "！"), "Characters that end a sentence inside quotes."
    )
    comma_characters: tuple[str, ...] = option(("、", "，"), "Characters that separate particles like a 読点.")


# IPADIC's 並立助詞, which UniDic files under 副助詞.
_PARALLEL = frozenset({"たり", "だり", "や", "とか", "やら", "だの", "なり"})
# Parts of speech after which 「と」 joins nouns (AとB) rather than quoting (…と言う).
_NOMINAL = frozenset({"名詞", "代名詞", "接尾辞", "記号"})
_BRACKETS = frozenset({"括弧開", "括弧閉"})
_NEGATION = frozenset({"無い", "有る"})
# A colon ends a label (「倫理と社会：AIと人間」): the two sides are read apart, like after a 読点.
_COLONS = frozenset({"：", ":"})
# 連体化「の」, 「を」 and 「て」 (upstream's exceptions), and adverb-making 「に」「と」: two
# adverbs in a row (「最初に一気に」) are not the doubled case role this rule is about.
_ALWAYS_ACCEPTED = frozenset(
    {"の/格助詞", "を/格助詞", "て/接続助詞", "に/副詞化", "と/副詞化", "では/否定", "には/否定"}
)
# Set phrases whose 「に」 belongs to the phrase, not to the sentence's case frame:
# (noun before に, lemma of the verb after it).
_SET_PHRASES = frozenset({("目", "見える"), ("手", "入る"), ("手", "入れる"), ("身", "付く"), ("身", "付ける"),
                          ("気", "掛ける"), ("気", "入る"), ("耳", "する"), ("口", "する")})
_LONGEST_COMPOUND_TOKENS = 5


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("doubled_particle.toml")
    return frozenset(data["compounds"]), frozenset(data["adverbial_nouns"])


@dataclass
class _Unit:
    """A countable item: a particle (several in a row read as one) or a spacer (読点, bracket, 句点)."""

    key: str  # "" for a spacer
    surface: str
    start: int
    end: int
    first: int  # index of its first token
    last: int  # index of its last token


def _particle_key(tokens: list[Token], index: int, adverbial_nouns: frozenset[str]) -> str:
    """Surface and kind, with the distinctions IPADIC makes and UniDic does not."""
    token = tokens[index]
    surface, detail = token.surface, token.pos_detail
    before = tokens[index - 1] if index else None
    if detail == "格助詞" and before is not None:
        if surface == "に" and _adverbial_ni(tokens, index, adverbial_nouns):
            return "に/副詞化"  # 常に, 実際に, 最初に, すぐに, 出さずに, 〜を理由に
        if surface in ("に", "と") and index + 1 < len(tokens) and tokens[index + 1].lemma == "成る":
            return surface + "/成る"  # 〜になる, 一体となる: the complement of なる, not a place or partner
        if surface == "と" and before.pos in ("形状詞", "副詞"):
            return "と/副詞化"  # 漠然と, 着々と
    if surface == "と" and detail == "格助詞" and (before is None or before.pos not in _NOMINAL):
        return "と/引用"  # …と考える, 「…」と呼ぶ
    if surface == "は" and before is not None and (
        before.pos == "副詞" or (before.pos in ("助動詞", "形容詞") and before.conjugation.startswith("連用形"))
    ):
        return "は/対比"  # 容易ではない, 難しくはない, そうは思わない
    if surface == "が" and before is not None and _is_predicate(before) and before.conjugation.startswith("終止形"):
        return "が/接続助詞"  # 素晴らしいが: UniDic sometimes tags this 「が」 as 格助詞
    if surface == "で" and detail == "接続助詞":
        return "て/接続助詞"  # the voiced form of 「て」 (読んで)
    return f"{surface}/{detail}"


def _adverbial_ni(tokens: list[Token], index: int, adverbial_nouns: frozenset[str]) -> bool:
    """「に」 that makes an adverb of what precedes it (IPADIC's 副詞化, or part of a 副詞)."""
    before = tokens[index - 1]
    if before.pos in ("副詞", "形状詞") or (before.pos == "助動詞" and before.lemma == "ず"):
        return True  # すぐに, 不用意に, 静かに, 出さずに
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if after is not None and (before.surface, after.lemma) in _SET_PHRASES:
        return True  # 目に見える, 手に入れる: the 「に」 is part of the set phrase
    counted = index >= 2 and tokens[index - 2].pos_detail == "数詞"  # 3時に is a time, not 時に
    if (before.surface in adverbial_nouns and not counted) or (
        before.pos in ("名詞", "接尾辞") and before.pos3 == "副詞可能"
    ):
        return True
    # 「〜を理由に」「〜を基に」「〜を機に」: a noun between 「を」 and 「に」 makes one adverbial phrase.
    return before.pos == "名詞" and index >= 2 and tokens[index - 2].surface == "を"


def _compound_end(tokens: list[Token], index: int, compounds: frozenset[str]) -> int:
    """Index of the last token of a compound particle starting at `index` (-1 when none)."""
    text = tokens[index].surface
    found = -1
    for last in range(index + 1, min(index + _LONGEST_COMPOUND_TOKENS, len(tokens))):
        text += tokens[last].surface
        if text in compounds:
            found = last
    return found


def _units(tokens: list[Token], options: Options) -> list[_Unit]:
    compounds, adverbial_nouns = _lists()
    units: list[_Unit] = []
    joinable = -2  # index of the last token a following particle joins onto
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.pos == "助詞" and token.pos_detail != "準体助詞":
            end = _compound_end(tokens, index, compounds) if token.surface in ("に", "と", "を") else -1
            if end >= 0:
                text = "".join(t.surface for t in tokens[index : end + 1])
                key = text
                if index and tokens[index - 1].pos in ("副詞", "形状詞"):
                    key += "/副詞化"  # 依然として, 断固として
                units.append(_Unit(key, text, token.start, tokens[end].end, index, end))
                joinable = end if tokens[end].pos == "助詞" else -2
                index = end + 1
                continue
            key = _particle_key(tokens, index, adverbial_nouns)
            if joinable == index - 1 and units:
                unit = units[-1]
                unit.key += "+" + key
                unit.surface += token.surface
                unit.end = token.end
                unit.last = index
            else:
                units.append(_Unit(key, token.surface, token.start, token.end, index, index))
            joinable = index
            if units[-1].surface in ("では", "には") and index + 1 < len(tokens) and tokens[index + 1].lemma in _NEGATION:
                # 〜ではない: the copula, denied; 「Aにはあるが、Bにはない」: the contrast of a denial
                units[-1].key = units[-1].surface + "/否定"
        elif (
            (token.pos == "補助記号" and token.pos_detail in _BRACKETS)
            or token.surface in options.comma_characters
            or token.surface in options.separator_characters
            or token.surface in _COLONS
        ):
            units.append(_Unit("", token.surface, token.start, token.end, index, index))
        index += 1
    return units


def _is_predicate(token: Token) -> bool:
    if token.pos in ("動詞", "形容詞"):
        return True
    return token.pos == "助動詞" and not token.conjugation.startswith("連用形-ニ")


def _accepted(first: _Unit, second: _Unit, tokens: list[Token]) -> bool:
    """The upstream exceptions mapped onto UniDic, and the clause and parallel uses."""
    key = second.key
    if key in _ALWAYS_ACCEPTED:
        return True
    if "+" not in key and key.endswith("/副助詞") and second.surface in _PARALLEL:
        return True
    if second.surface == "か" and second.first > 0 and tokens[second.first - 1].surface == "どう":
        return True
    between = tokens[first.last + 1 : second.first]
    # A predicate between the two starts a new clause: in 「事業が頓挫したことがあった」
    # each 「が」 has its own verb, which is how Japanese nests clauses, not a slip.
    if any(_is_predicate(t) for t in between):
        return True
    # 「AもBも」「AかBか」: two short items side by side, the parallel construction.
    if second.surface.endswith(("も", "か")) and 0 < len(between) <= 6:
        return not any(t.pos == "接続詞" or t.pos_detail in ("読点", "句点", "括弧開") for t in between)
    return False


class DoubledParticle(Rule[Options]):
    name = "doubled-particle"
    category = "style"
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    textlint = ("no-doubled-joshi",)
    textlint_options = {
        "min_interval": "min-interval",
        "strict": "strict",
        "allow": "allow",
        "separatorCharacters": "separator-characters",
        "commaCharacters": "comma-characters",
    }
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        units = _units(tokens, self.options)
        last_seen: dict[str, int] = {}
        for position, unit in enumerate(units):
            if not unit.key:
                continue
            earlier = last_seen.get(unit.key)
            last_seen[unit.key] = position
            if earlier is None or position - earlier > self.options.min_interval:
                continue
            first = units[earlier]
            if unit.surface in self.options.allow:
                continue
            if not self.options.strict and _accepted(first, unit, tokens):
                continue
            yield _finding(first, unit, tokens, doc)


def _finding(first: _Unit, second: _Unit, tokens: list[Token], doc: Document) -> Finding:
    def with_word(unit: _Unit) -> str:
        start = tokens[unit.first - 1].start if unit.first > 0 else unit.start
        return doc.text[start : unit.end].replace("`", "").replace("*", "")

    return Finding(
        Span(second.start, second.end),
        f"助詞「{second.surface}」が続けて使われています（「{with_word(first)}」「{with_word(second)}」）。"
        "片方を別の言い方に替えるか、語順を入れ替えるか、文を分けてください。",
        related=(Related(Span(first.start, first.end), f"1つ目の「{first.surface}」"),),
    )
