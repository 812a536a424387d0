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
  (「走ったり歩いたり」「紙やペンや定規」), and 「と」 joining nouns, which
  only ever lists items (「ペンとノートと消しゴム」「理論と実践とを」);
- 「〜かどうか」 (「使えるかどうか」);
- parallel 「も」 and 「か」 with only a short item between
  (「AもBも」「AにとってもBにとっても」「行くか行かないか」);
- two particles with a verb, adjective or auxiliary between them: each belongs
  to its own clause (「事業が頓挫しかけたことがあった」);
- two 「が」 of nested clauses: the second 「が」 has a verb of action of its
  own, and that clause closes (a relative clause, a clause made a noun with
  「の」, a quotation with 「と」) before the first 「が」's predicate comes
  (「当社が専門家が監修した教材を販売する」「担当者が部品が届いたと勘違いした」
  「それが職人が持つような勘」). Predicates of state take two 「が」 at once, so
  「どの案が将来性があるのか」「この機種が価格が安い」「AIが何ができて」 are
  still reported, unless the clause (with a verb) describes the noun that the
  first 「が」's predicate names with だ or と/に なる
  (「これらが現場が踏み切れない壁となった」);
- 「が」 of a clause made a noun by 「のは」, where a topic cannot take 「は」
  (「僕が最も関心があるのは」), and a sentence-initial 「それが」 before another
  subject, which works as a conjunction (「それがAlphaGoが王者を破り、…」);
- a comparison whose first 「が」 follows 方 (ほう) or comes before 最も/一番:
  「AMDの方がコスト効率が良い」「手作業より自動化したほうが精度が高い」
  「この機種が最も価格が安い」 name the winner and what it wins in (with a verb
  of state, 「この機種が最も価値がある」 wants 「に」, and inside a noun's
  description, 「最も価格が安い候補」, 「の」: both still reported);
- 「に」「と」「で」 that make an adverb rather than mark a role (「常に」
  「すぐに」「実際に」「不用意に」「〜を理由に」「漠然と」「急ピッチで」
  「手探りで」「無料で」「低遅延で」「API経由で」「ボタン一つで」, listed in
  `doubled_particle.toml`) or complete なる
  (「〜になる」「〜となる」), and 「に」「で」 of set phrases (「目に見える」
  「示唆に富む」「肌で感じる」, and 「で」 before 済む: 「画面操作で数クリックで済む」);
- 「に」 after a point in time (「2030年に」「この時間帯に」「創業期に」) against
  「に」 of a place or goal: two roles (「2030年に5兆円に届く」); two times
  (「2024年に5月に」) are still reported;
- 「に」 of purpose before a verb of going or coming (「現場に応援に入る」
  「A社にコンサルに入る」「東京に買い物に行く」) against 「に」 of a destination:
  two roles (「会議室に部屋に入る」 names two places and is still reported);
- 「で」 of a circumstance (「ユーザーの管理下でページ上で実行する」「厳しい
  条件下で工場で試す」「監督のもとで現場で働く」) against 「で」 of a place or
  means (「机の下で」 is a place and still counts as one);
- 「で」 of a conjunction after a clause (「〜を選ぶ上で」「〜が縮む中で」
  「〜を見直すことで」) and
  a particle that completes a conjunction (「または」 split as また + は);
- 「は」 of a denial or contrast (「容易ではない」「難しくはない」「そうは思わない」,
  and 「には」 before a verb denied in a clause of its own: 「人間にはAIにはできない
  領域が残る」; 「ここにはそこには置けない」 is still reported);
- 「と」 that quotes (「使えると考える」) against 「と」 that joins nouns
  (「AとB」): two different particles;
- a word said twice for emphasis (「それはそれは」);
- a question quoted as someone asks it, 「…？」 (「どちらが価値があるのか？」という問い):
  spoken words the writer reports (a quoted criterion without ？ is still
  reported).

A space after Japanese text (a bold label run into its paragraph:
「**二つの文化の狭間で** 現場で…」) separates like a 読点. Sentences inside
a blockquote are quotations, not the author's, and are skipped; headings and
tables are not read (as textlint, which reads paragraphs).

## The message
It quotes both particles with the words before them and names a mend. Where
the sentence's structure settles it, the mend is shown on the writer's words:
a 「が」 holder of what the second 「が」 names, before できる or a noun of
worth with ある/ない (`worth_nouns` in `doubled_particle.toml`), takes 「に」
(「どの案が将来性があるのか」 → 「案に将来性がある」); what one excels in takes
「に」 (「段取りが優れている」 → 「段取りに優れる」); a second 「が」 inside a
noun's description becomes 「の」 (「最も価格が安い候補」 → 「価格の安い候補」);
the 「で」 of 「〜との間で」 goes, 「と」 naming the partner alone
(「A社との間で5年間で」 → 「A社と、5年間で」).
Otherwise it names the usual mends of the particle: が → に, の or は; で →
により, なら or の; から → をもとに, 以来 or の (〜 for a range); への → に対する.

## Why it matters
Two identical particles close together make the reader re-parse the sentence:
which noun does the second 「で」 belong to? A double 「が」 usually means the
subject should take 「は」 or 「の」 (「この機種が価格が安い」). It is also
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
- `strict` (default false): also report the accepted uses listed above
  (particles this rule tells apart by kind, such as 「に」 of a time and of a
  goal, still never pair), and no longer count a 読点 in the interval, as
  upstream's strict mode does: 「電話で、メールで」 is a pair.
- `allow` (default none): particles never reported, e.g. `["も", "や"]`.
- `separator-characters` (default `. ． 。 ? ! ？ ！`): characters that end a
  sentence (also inside quotes) and so separate particles; a list without
  some of jalint's sentence ends (。．！？!?) reads the sentences between as
  one: with `["。"]`, 「料金はプランで．地域で変わります。」 is one sentence.
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
  false alarm. Nested subjects whose inner clause closes first (「当社が専門家が
  監修した教材」) are accepted for the same reason, and so is a comparison
  (「Aの方が」「Aが最も」) whose second 「が」 names what A wins in. Likewise 「〜ようになる」
  「〜になる」「〜ではない」 are never counted against a nearby 「に」 or 「は」.
- 「に」 of a point in time is not the 「に」 of a place or goal
  (「2030年に5兆円に届く」), and 「で」 of manner is not the 「で」 of a place
  or means (「世界中で急ピッチで進む」); textlint reports both.
- 「AとBと」「AとBとC」 (the full parallel form) are accepted; textlint
  reports them.
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
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Related, Rule, RuleOptions
from jalint.rules._particle_mend import mend, noun_start, plain_text
from jalint.rules._prose import load_data, sentences_read_as_one, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token


class Options(RuleOptions):
    min_interval: int = option(1, "Particles (or 読点, brackets) apart that still count as in a row.")
    strict: bool = option(False, "Also report the accepted uses (の, を, て, parallel particles, clauses).")
    allow: tuple[str, ...] = option((), "Particles never reported, e.g. も or や.")
    separator_characters: tuple[str, ...] = option(
        (".", "．", "。", "?", "!", "？", "！"), "Characters that end a sentence (also inside quotes)."
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
# 連体化「の」, 「を」 and 「て」 (upstream's exceptions), adverb-making 「に」「と」「で」 (two adverbs
# in a row, 「最初に一気に」, are not the doubled case role this rule is about) and 格助詞「と」 after
# a noun, which only ever joins items (「AとBと」「AとBとC」, the full parallel form).
_ALWAYS_ACCEPTED = frozenset(
    {"の/格助詞", "を/格助詞", "て/接続助詞", "に/副詞化", "と/副詞化", "で/副詞化", "では/否定", "には/否定",
     "と/格助詞", "で/成句", "で/接続"}
)
# Set phrases whose 「に」 or 「で」 belongs to the phrase, not to the sentence's case frame:
# (noun before the particle, lemma of the verb after it).
_SET_PHRASES = frozenset({("目", "見える"), ("手", "入る"), ("手", "入れる"), ("身", "付く"), ("身", "付ける"),
                          ("気", "掛ける"), ("気", "入る"), ("耳", "する"), ("口", "する"),
                          ("肌", "感ずる"), ("身", "感ずる"), ("肌身", "感ずる"), ("目", "見る"), ("耳", "聞く")})
# Verbs of 「Nで済む」 (N suffices): 「GUI操作で数クリックで済む」 names the means and then what is enough.
_SUFFICE = frozenset({"済む", "足りる", "事足りる"})
# Verbs that make an adjective of 「Nに」: 「示唆に富む」「魅力に満ちた」 describe, they add no goal.
_ADJECTIVAL_VERBS = frozenset({"富む", "満ちる", "溢れる", "長ける"})
# Nouns that, after a clause, make 「で」 a conjunction: 「〜を目指す上で」「競争が激化する中で」
# 「〜を受けることで」 (the means is the whole clause).
_CONJUNCTIVE_NOUNS = frozenset({"上", "うえ", "中", "なか", "一方", "反面", "こと", "事"})
# Prefixes that make an adjective of a noun: 「不用意に」「非同期に」 are adverbs like 「静かに」.
_ADJECTIVE_PREFIXES = frozenset({"不", "無", "非", "未"})
# Counters that make a number a point in time: 「2025年に」「9月に」「3時に」.
_TIME_COUNTERS = frozenset({"年", "月", "日", "時", "分", "秒", "世紀", "年度", "年代", "週", "時半"})
# Verbs of state: 「AがBがある」「AがBができる」 is one predicate with two が (the doubled case),
# not a clause of its own.
_STATIVE = frozenset({"有る", "居る", "出来る", "分かる", "要る", "見える", "聞こえる", "異なる", "違う", "足りる"})
# Adverbs of a superlative: 「Aが最もコスト効率が高い」 compares.
_SUPERLATIVES = frozenset({"最も", "一番"})
# Kana of the e-row: a 下一段 lemma reads …エル (使える is not one: its lemma is 使う).
_E_ROW = frozenset("エケセテネヘメレゲゼデベペェ")
_LONGEST_COMPOUND_TOKENS = 5
# Parts of speech `_units` reads: particles, and the symbols among which separators are found.
_SELECTED = frozenset({"助詞", "補助記号", "記号"})


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], ...]:
    """Compounds, their first characters and their prefixes; adverbial, time, manner and purpose nouns."""
    data = load_data("doubled_particle.toml")
    compounds = frozenset(data["compounds"])
    prefixes = frozenset(c[:length] for c in compounds for length in range(2, len(c) + 1))
    return (compounds, frozenset(c[0] for c in compounds), prefixes, frozenset(data["adverbial_nouns"]),
            frozenset(data["time_nouns"]), frozenset(data["manner_nouns"]), frozenset(data["purpose_nouns"]))


@lru_cache(maxsize=8)
def _spacers(options: Options) -> tuple[frozenset[str], bool]:
    """Separator characters, and whether any is a letter or digit (then not tagged as a symbol)."""
    # Upstream's strict mode stops counting 読点 in the interval: 「電話で、メールで」 is a pair there.
    commas = frozenset() if options.strict else frozenset(options.comma_characters)
    spacers = commas | frozenset(options.separator_characters) | _COLONS
    return spacers, any(character.isalnum() for character in spacers)


class _Unit:
    """A countable item: a particle (several in a row read as one) or a spacer (読点, bracket, 句点)."""

    __slots__ = ("compound", "first", "last", "surface", "_key")

    def __init__(self, surface: str, first: int, last: int, compound: bool = False) -> None:
        self.surface = surface  # "" for a spacer
        self.first = first  # index of its first token
        self.last = last  # index of its last token
        self.compound = compound
        self._key: str | None = None

    def key(self, tokens: list[Token]) -> str:
        """Surface and kind; computed only for the few units that meet an earlier one of the same surface."""
        if self._key is None:
            self._key = _unit_key(self, tokens)
        return self._key


def _unit_key(unit: _Unit, tokens: list[Token]) -> str:
    first, last = unit.first, unit.last
    if unit.compound:
        if first and tokens[first - 1].pos in ("副詞", "形状詞"):
            return unit.surface + "/副詞化"  # 依然として, 断固として
        return unit.surface
    key = "+".join(_particle_key(tokens, index) for index in range(first, last + 1))
    if unit.surface in ("では", "には") and _denied(tokens, last + 1):
        # 〜ではない: the copula, denied; 「Aにはあるが、Bにはない」「人間にはAIにはできない領域が残る」:
        # the contrast of a denial
        return unit.surface + "/否定"
    return key


def _denied(tokens: list[Token], index: int) -> bool:
    """A denial starts at `index`: ない/ある (「〜ではない」「Bにはない」), or a verb denied at once
    (「できない」「分かりません」) that closes a clause of its own: a predicate follows later in the
    sentence, which the first 「には」 belongs to (「人間にはAIにはできない領域が残る」). Both 「には」
    of 「ここにはそこには置けない」 belong to its one predicate: that is still a doubled 「には」.
    """
    if index >= len(tokens):
        return False
    if tokens[index].lemma in _NEGATION:
        return True
    if tokens[index].pos != "動詞":
        return False
    auxiliaries = []
    end = index + 1
    while end < len(tokens) and tokens[end].pos == "助動詞" and len(auxiliaries) < 2:
        auxiliaries.append(tokens[end].lemma)
        end += 1
    if not (auxiliaries[:1] in (["ない"], ["ず"], ["ぬ"]) or auxiliaries[:2] == ["ます", "ず"]):
        return False
    return any(_is_predicate(t) for t in tokens[end:] if t.pos != "助動詞")


def _particle_key(tokens: list[Token], index: int) -> str:
    """Surface and kind, with the distinctions IPADIC makes and UniDic does not."""
    adverbial_nouns, time_nouns, manner_nouns, purpose_nouns = _lists()[3:]
    token = tokens[index]
    surface, detail = token.surface, token.pos_detail
    before = tokens[index - 1] if index else None
    if before is not None and before.pos == "接続詞":
        return surface + "/接続詞"  # 「または」 split as また + は: part of the conjunction
    if detail == "格助詞" and before is not None:
        if surface == "に":
            if _adverbial_ni(tokens, index, adverbial_nouns):
                return "に/副詞化"  # 常に, 実際に, 最初に, すぐに, 出さずに, 〜を理由に
            if _time_ni(tokens, index, time_nouns):
                return "に/時"  # 2025年に, この時間帯に: a time, not a place or goal
            if _purpose_ni(tokens, index, purpose_nouns):
                return "に/目的"  # 応援に入る, 買い物に行く: a purpose, not a place or goal
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
    if surface == "で" and before is not None:
        if detail == "接続助詞":
            return "て/接続助詞"  # the voiced form of 「て」 (読んで)
        if detail == "格助詞":
            if index + 1 < len(tokens) and (before.surface, tokens[index + 1].lemma) in _SET_PHRASES:
                return "で/成句"  # 肌で感じる: part of the set phrase
            if index + 1 < len(tokens) and tokens[index + 1].lemma in _SUFFICE:
                return "で/成句"  # 数クリックで済む: what suffices, not a means or a place
            if before.surface in _CONJUNCTIVE_NOUNS and index >= 2 and tokens[index - 2].conjugation.startswith("連体形"):
                return "で/接続"  # 目指す上で, 激化する中で: a conjunction, not a place or means
            if _word_before(tokens, index, manner_nouns):
                return "で/副詞化"  # 急ピッチで, 手探りで: an adverb of manner, not a place or means
            if before.lemma == "下" and (before.pos == "接尾辞" or before.surface == "もと"):
                return "で/状況"  # 管理下で, 条件下で, 監督のもとで: a circumstance, not a place or means
    return f"{surface}/{detail}"


def _adverbial_ni(tokens: list[Token], index: int, adverbial_nouns: frozenset[str]) -> bool:
    """「に」 that makes an adverb of what precedes it (IPADIC's 副詞化, or part of a 副詞)."""
    before = tokens[index - 1]
    if before.pos in ("副詞", "形状詞") or (before.pos == "助動詞" and before.lemma == "ず"):
        return True  # すぐに, 不用意に, 静かに, 出さずに
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if after is not None and ((before.surface, after.lemma) in _SET_PHRASES or after.lemma in _ADJECTIVAL_VERBS):
        return True  # 目に見える, 手に入れる, 示唆に富む: the 「に」 is part of the set phrase
    two_before = tokens[index - 2] if index >= 2 else None
    counted = two_before is not None and two_before.pos_detail == "数詞"  # 3時に is a time, not 時に
    if (before.surface in adverbial_nouns and not counted) or (
        before.pos in ("名詞", "接尾辞") and before.pos3 == "副詞可能"
    ):
        return True
    if two_before is None or before.pos != "名詞":
        return False
    # 「不用意に」「非同期に」: a prefix makes an adjective of the noun.
    # 「〜を理由に」「〜を基に」「〜を機に」: a noun between 「を」 and 「に」 makes one adverbial phrase.
    return (two_before.pos == "接頭辞" and two_before.surface in _ADJECTIVE_PREFIXES) or two_before.surface == "を"


def _time_ni(tokens: list[Token], index: int, time_nouns: frozenset[str]) -> bool:
    """「に」 after a point in time (「2025年に」「9月に」「この時間帯に」): a role of its own."""
    before = tokens[index - 1]
    if before.surface in _TIME_COUNTERS and index >= 2 and tokens[index - 2].pos_detail == "数詞":
        return True
    return _word_before(tokens, index, time_nouns)


# Verbs of going and coming that take a 「に」 of purpose: 「現場に応援に入る」「東京に買い物に行く」.
_MOTION_VERBS = frozenset({"行く", "来る", "入る", "出る", "向かう", "出掛ける", "戻る", "帰る", "参る", "伺う", "駆け付ける"})


def _purpose_ni(tokens: list[Token], index: int, purpose_nouns: frozenset[str]) -> bool:
    """「に」 of purpose before a verb of motion: 「応援に入る」「遊びに行く」, beside a 「に」 of destination.

    The activity is a verbal noun (応援, 視察, 買い物), a verb's stem (遊び) or a noun of
    `purpose_nouns` (コンサル, which the tagger splits); 「会議室に部屋に入る」 names two places and is
    still doubled.
    """
    if index + 1 >= len(tokens) or tokens[index + 1].lemma not in _MOTION_VERBS:
        return False
    before = tokens[index - 1]
    if before.pos3 == "サ変可能" or (before.pos == "動詞" and before.conjugation.startswith("連用形")):
        return True
    return _word_before(tokens, index, purpose_nouns)


def _word_before(tokens: list[Token], index: int, words: frozenset[str]) -> bool:
    """The one or two tokens before `index` spell one of `words` (「時間帯」 is 時間 + 帯)."""
    before = tokens[index - 1].surface
    return before in words or (index >= 2 and tokens[index - 2].surface + before in words)


def _compound_end(tokens: list[Token], index: int, compounds: frozenset[str], prefixes: frozenset[str]) -> int:
    """Index of the last token of a compound particle starting at `index` (-1 when none)."""
    text = tokens[index].surface
    found = -1
    for last in range(index + 1, min(index + _LONGEST_COMPOUND_TOKENS, len(tokens))):
        text += tokens[last].surface
        if text in compounds:
            found = last
        elif text not in prefixes:
            break
    return found


def _units(
    tokens: list[Token], spacers: frozenset[str], wordlike_spacers: bool
) -> tuple[list[str], list[int], list[int], set[int]]:
    """The countable items in order, as parallel lists: surface ("" for a 読点, 句点, colon or bracket),
    first and last token index, and the positions that are compound particles.

    Plain lists, not objects: a post has hundreds of particles and only a few ever meet
    another of the same surface, so `_Unit`s are made for those alone.
    """
    compounds, compound_starts, prefixes = _lists()[:3]
    surfaces: list[str] = []
    firsts: list[int] = []
    lasts: list[int] = []
    compound: set[int] = set()
    joinable = -2  # index of the last token a following particle joins onto
    skip = -1  # last token of a compound particle already read
    count = len(tokens)
    # Only particles and separators matter: pick them out in one pass at C speed (t[3] is the
    # part of speech; separators are symbols unless configured otherwise).
    if wordlike_spacers:
        selected = [i for i, t in enumerate(tokens) if t[3] in _SELECTED or t[0] in spacers]
    else:
        selected = [i for i, t in enumerate(tokens) if t[3] in _SELECTED]
    for index in selected:
        if index <= skip:
            continue
        token = tokens[index]
        if token.pos != "助詞":
            if token.surface in spacers or token.pos_detail in _BRACKETS:  # a 読点, 句点, colon or bracket
                surfaces.append("")
                firsts.append(index)
                lasts.append(index)
            continue
        if token.pos_detail == "準体助詞":
            continue
        surface = token.surface
        if surface in compound_starts and index + 1 < count and surface + tokens[index + 1].surface in prefixes:
            end = _compound_end(tokens, index, compounds, prefixes)
            if end >= 0:
                compound.add(len(surfaces))
                surfaces.append("".join(t.surface for t in tokens[index : end + 1]))
                firsts.append(index)
                lasts.append(end)
                joinable = end if tokens[end].pos == "助詞" else -2
                skip = end
                continue
        if joinable == index - 1 and surfaces:
            surfaces[-1] += surface
            lasts[-1] = index
        else:
            surfaces.append(surface)
            firsts.append(index)
            lasts.append(index)
        joinable = index
    return surfaces, firsts, lasts, compound


def _is_predicate(token: Token) -> bool:
    if token.pos in ("動詞", "形容詞"):
        return True
    return token.pos == "助動詞" and not token.conjugation.startswith("連用形-ニ")


def _active_verb(token: Token) -> bool:
    """A verb of action or change, which brings its own subject; not a verb of state or a potential form."""
    if token.pos != "動詞" or token.lemma in _STATIVE:
        return False
    # Potential forms (使える, 話せる) are 下一段 forms of a 五段 lemma (使う, 話す).
    reading = token.reading
    return not (
        token.conjugation_type.startswith("下一段")
        and not (len(reading) >= 2 and reading[-1] == "ル" and reading[-2] in _E_ROW)
    )


def _nested_clause(second: _Unit, tokens: list[Token]) -> bool:
    """The second 「が」 has its own verb, and that clause closes before the sentence goes on.

    「資金源が国が支援するファンド」「当社が価格が上がると見ている」: 国が belongs to 支援する,
    資金源が to a later predicate; the two subjects are nested, not doubled. Verbs of state
    (「AがBがある」「AがBができる」) and adjectives (「AがBが安い」) take both 「が」 at once, so
    the clause must start with a verb of action or change.
    """
    count = len(tokens)
    index = second.last + 1
    inner = True  # still looking for the second 「が」's own predicate
    while True:
        while index < count and not _is_predicate(tokens[index]):
            token = tokens[index]
            if token.pos_detail == "句点" or (inner and token.pos_detail == "読点") or (
                token.pos == "助詞" and token.surface in ("が", "は", "も")
            ):
                return False  # another subject or topic, or the sentence ends: not one simple clause
            index += 1
        active = verb = False
        while index < count:
            token = tokens[index]
            if _is_predicate(token):
                active = active or _active_verb(token)
                verb = verb or token.pos == "動詞"
            elif token.pos_detail == "助動詞語幹" and index + 1 < count and tokens[index + 1].pos == "助動詞":
                pass  # 持つような, できそうな: よう and そう go on into their な
            elif not (token.surface in ("て", "で") and token.pos_detail == "接続助詞"
                      and index + 1 < count and tokens[index + 1].pos_detail == "非自立可能"):
                break  # 狙っている, 変えていく: the chain goes on through 「て」 and an auxiliary verb
            index += 1
        if index >= count or (inner and not active and not (verb and _predicative_head(tokens, index))):
            return False
        inner = False
        last, after = tokens[index - 1], tokens[index]
        if last.conjugation.startswith("連体形"):
            if after.pos in ("名詞", "代名詞", "連体詞", "接頭辞") or after.pos_detail == "括弧開":
                return True  # a relative clause: 国が支援するファンド
            if after.pos_detail == "準体助詞" and index + 1 < count and tokens[index + 1].pos_detail in (
                "格助詞", "係助詞"
            ):
                return True  # a clause made a noun: AIが画像を生成するのを見た
        if after.surface == "と" and last.conjugation.startswith("終止形"):
            return True  # a quotation or condition: 当社が価格が上がると見ている (「と」 格助詞 or 接続助詞)
        if not (last.conjugation.startswith("連用形") or after.surface in ("て", "で", "つつ", "ながら")):
            return False
        # 「日本がカナダから学びつつ、強みを活かせる領域だと」: read on through the connective.


def _predicative_head(tokens: list[Token], index: int) -> bool:
    """A relative clause whose noun is what the first 「が」's predicate says of it (「…となる」「…だ」).

    「これらが企業が踏み切れない壁となってきた」: a verb of state inside the clause could take both
    「が」 (「企業が英語が話せる」), but a noun that is itself the predicate of the sentence, with
    だ or と/に なる, leaves the first 「が」 its own predicate: the subjects are nested, not doubled.
    Asked only for a clause with a verb: 「Aが最もROIが高い施策だ」 wants 「ROIの高い施策」.
    """
    if not tokens[index - 1].conjugation.startswith("連体形"):
        return False
    count = len(tokens)
    nominal = index
    while nominal < count and tokens[nominal].pos in ("名詞", "接頭辞", "接尾辞", "連体詞"):
        nominal += 1
    if nominal == index or nominal >= count:
        return False
    after = tokens[nominal]
    if after.pos == "助動詞" and after.lemma in ("だ", "です", "である"):
        return True
    return after.surface in ("と", "に") and nominal + 1 < count and tokens[nominal + 1].lemma == "成る"


def _accepted(first: _Unit, second: _Unit, key: str, tokens: list[Token], text: str) -> bool:
    """The upstream exceptions mapped onto UniDic, and the clause and parallel uses."""
    if key in _ALWAYS_ACCEPTED:
        return True
    if "+" not in key and key.endswith("/副助詞") and second.surface in _PARALLEL:
        return True
    if second.surface == "か" and second.first > 0 and tokens[second.first - 1].surface == "どう":
        return True
    between = tokens[first.last + 1 : second.first]
    if len(between) == 1 and first.first > 0 and between[0].surface == tokens[first.first - 1].surface:
        return True  # 「それはそれは」: a word said twice for emphasis
    # A predicate between the two starts a new clause: in 「事業が頓挫したことがあった」
    # each 「が」 has its own verb, which is how Japanese nests clauses, not a slip.
    if any(_is_predicate(t) for t in between):
        return True
    # A space after Japanese text (「…の狭間で** 一方で」, a bold label run into its paragraph)
    # separates like a 読点.
    for index in range(first.last, second.first):
        gap = text[tokens[index].end : tokens[index + 1].start]
        if (" " in gap or "\u3000" in gap) and not tokens[index].surface[-1:].isascii():
            return True
    if _in_quoted_question(text, tokens[first.first].start, tokens[second.last].end):
        return True
    # 「AもBも」「AかBか」: two short items side by side, the parallel construction.
    if second.surface.endswith(("も", "か")) and 0 < len(between) <= 6:
        return not any(t.pos == "接続詞" or t.pos_detail in ("読点", "句点", "括弧開") for t in between)
    return key == "が/格助詞" and (
        _compared(first, tokens)
        or _superlative(first, second, tokens)
        or _connective_sore_ga(first, tokens)
        or _cleft(second, tokens)
        or _nested_clause(second, tokens)
    )


_QUESTION_ENDS = ("？", "?")
_QUOTE_REACH = 80  # characters a quotation may span either way of the pair


def _in_quoted_question(text: str, start: int, end: int) -> bool:
    """Both particles stand inside one 「…？」: a question quoted as someone asks it
    (「AIが作った絵と人間が描いた絵、どちらが価値があるのか？」), spoken words the writer reports, not
    the writer's own sentence (most readers of the corpus left it alone). A quoted criterion without
    ？ (「どの技術が将来性があるのか」を見極める) is still reported."""
    opening = text.rfind("「", max(0, start - _QUOTE_REACH), start)
    if opening < 0 or "」" in text[opening:start]:
        return False
    closing = text.find("」", end, end + _QUOTE_REACH)
    return closing > 0 and "「" not in text[end:closing] and text[:closing].rstrip().endswith(_QUESTION_ENDS)


def _connective_sore_ga(first: _Unit, tokens: list[Token]) -> bool:
    """「それが」 opening a sentence before another subject works as a conjunction (≈ところが):
    「それがAlphaGoが人類の王者を破り、…」. Three readers found the report off; a 読点 is the only mend."""
    return first.first == 1 and tokens[0].surface in ("それ", "其れ") and tokens[0].pos == "代名詞"


def _cleft(second: _Unit, tokens: list[Token]) -> bool:
    """The second 「が」's predicate is made a noun by 「のは」 (「僕が最も関心があるのは」).

    Inside such a clause a topic cannot take 「は」, so 「XがYがある」 is the form Japanese has
    there (「Xに」 does not fit an experiencer); readers called the report off every time.
    """
    index, count = second.last + 1, len(tokens)
    if index >= count or tokens[index].pos not in ("動詞", "形容詞"):
        return False
    index = _past_auxiliaries(tokens, index + 1)
    return (
        index + 1 < count
        and tokens[index].pos_detail == "準体助詞"
        and tokens[index + 1].surface == "は"
    )


def _past_auxiliaries(tokens: list[Token], index: int) -> int:
    """The index after the auxiliaries that finish a predicate starting at `index` (ある|ませ|ん)."""
    while index < len(tokens) and tokens[index].pos == "助動詞":
        index += 1
    return index


def _compared(first: _Unit, tokens: list[Token]) -> bool:
    """The first 「が」 follows 方 (ほう) of a comparison: 「AMDの方がコスト効率が良い」.

    A comparison names the winner with 〜の方が and what it wins in with the
    second 「が」; that is how Japanese compares, not a doubled subject, and two
    readers judged rewriting it optional polish. 「使い方が」 (方 read かた) is no comparison.
    """
    if first.first == 0:
        return False
    before = tokens[first.first - 1]
    return before.surface in ("方", "ほう") and before.pos == "名詞" and before.reading == "ホウ"


def _superlative(first: _Unit, second: _Unit, tokens: list[Token]) -> bool:
    """「Aが最もコスト効率が高い」: the first 「が」 names the winner of a comparison, the second what it wins in.

    Only with an adjective that ends the clause: 「Aが最も価値がある」 wants 「Aに」 (a verb of
    state), and 「Aが最もROIが高い施策」 puts the comparison inside a noun's description, where
    「最もROIの高い施策」 reads better; both are still reported.
    """
    if not any(t.lemma in _SUPERLATIVES for t in tokens[first.last + 1 : second.first]):
        return False
    index, count = second.last + 1, len(tokens)
    while index < count and tokens[index].pos == "副詞":
        index += 1
    if index >= count or tokens[index].pos not in ("形容詞", "形状詞"):
        return False
    index = _past_auxiliaries(tokens, index + 1)
    last = tokens[index - 1]
    if last.pos == "形状詞":
        return False  # 「最も重要」 without だ: the sentence goes on as a noun phrase
    return not (last.conjugation.startswith("連体形") and index < count and tokens[index].pos in ("名詞", "代名詞"))


class DoubledParticle(Rule[Options]):
    name = "doubled-particle"
    category = "style"
    quiet_in_repeated_text = True
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
        options = self.options
        run = sentences_read_as_one(doc, sentence, frozenset(options.separator_characters))
        tokens = doc.sentence_tokens(sentence) if run == [sentence] else [t for part in run for t in doc.sentence_tokens(part)]
        surfaces, firsts, lasts, compound = _units(tokens, *_spacers(options))
        interval = options.min_interval
        if interval == 1:  # the default: only neighbours can pair, found at C speed
            candidates = [p for p in range(1, len(surfaces)) if surfaces[p] and surfaces[p] == surfaces[p - 1]]
        else:
            candidates = range(1, len(surfaces))
        if not candidates:
            return
        units: dict[int, _Unit] = {}

        def unit_at(position: int) -> _Unit:
            unit = units.get(position)
            if unit is None:
                unit = units[position] = _Unit(surfaces[position], firsts[position], lasts[position],
                                               position in compound)
            return unit

        for position in candidates:
            surface = surfaces[position]
            if not surface or surface in options.allow:
                continue
            # The nearest earlier unit of the same kind, if it is close enough: a unit of the
            # same kind has the same surface, so keys are only worked out for those.
            for earlier in range(position - 1, max(position - interval, 0) - 1, -1):
                if surfaces[earlier] != surface:
                    continue
                first, unit = unit_at(earlier), unit_at(position)
                key = unit.key(tokens)
                if first.key(tokens) != key:
                    continue
                if options.strict or not _accepted(first, unit, key, tokens, doc.text):
                    yield _finding(first, unit, tokens, doc)
                break


def _finding(first: _Unit, second: _Unit, tokens: list[Token], doc: Document) -> Finding:
    def with_word(unit: _Unit, floor: int) -> str:
        # The whole noun before the particle (「将来性が」, not 「性が」), a few words at most.
        word = max(noun_start(tokens, unit.first - 1, floor), unit.first - _WORDS_SHOWN) if unit.first > 0 else 0
        return _quoted_word(plain_text(doc, tokens[word].start, tokens[unit.last].end), tokens, unit, doc)

    advice = mend(second.surface, (first.first, first.last), (second.first, second.last), tokens, doc)
    return Finding(
        Span(tokens[second.first].start, tokens[second.last].end),
        f"助詞「{second.surface}」が続けて使われています（「{with_word(first, 0)}」「{with_word(second, first.last + 1)}」）。"
        f"{advice}",
        related=(Related(Span(tokens[first.first].start, tokens[first.last].end), f"1つ目の「{first.surface}」"),),
    )


_WORDS_SHOWN = 3  # words of the noun before a particle that the message quotes
_QUOTE_SHOWN = 10  # characters of a quotation shown before its particle in a message


def _quoted_word(word: str, tokens: list[Token], unit: _Unit, doc: Document) -> str:
    """「『…自動生成』が」 for a particle after a quotation: the message quotes its words, not a bare 」.

    The particle's word is the one token before it; after a closing bracket that token is the bracket
    alone (「」が」 in the message). The quotation's last words are shown instead, in 『』 so that they
    nest inside the message's own 「」.
    """
    if unit.first < 2 or tokens[unit.first - 1].surface not in ("」", "』"):
        return word
    close = tokens[unit.first - 1]
    opener = doc.text.rfind("「" if close.surface == "」" else "『", 0, close.start)
    inner = visible_text(doc.masked[opener + 1 : close.start]) if opener >= 0 else ""
    if not inner or "\n" in inner:
        return word
    if len(inner) > _QUOTE_SHOWN:
        inner = "…" + inner[-_QUOTE_SHOWN:]
    return f"『{inner}』{word[len(close.surface):]}"
