"""## What it finds
Double negatives: a negation negated again, as in 〜なくはない, 〜なくもない,
〜ないでもない, 〜ないものではない, 〜ないことはない, 〜ないこともない,
〜ないわけではない, 〜ないわけでもない, 〜ないとは言い切れない and
〜ないとは限らない, including their polite forms (〜ないわけではありません).
The patterns are token sequences in `double_negative.toml` beside this module.

Not reported: 〜ないわけではない after 〜からといって in the same sentence
(「資格を取ったからといって、失敗しないわけではない」): it denies an inference,
and an affirmative would lose that logic. The stock concession that opens a
paragraph of problems (「もちろん、課題がないわけではありません。」, with a noun
of `concession-nouns` in `double_negative.toml`) is reported from its second use
in a post on, with the first as the related place: once, it is an idiom careful
editors leave alone (two fresh readers of the corpus called it optional polish,
30 times out of 30); said again, it is a writing tic. Its hopeful twin
(「しかし、希望がないわけではありません」, a noun of `hopeful-nouns` in the same
file) says cautious hope and is left alone (two readers of two called it right).
A repeat is not reported where the writer marks it as a callback
(「前述したように」「繰り返しになりますが」「冒頭でも触れたように」: a recap, not
a tic) or where the next sentence nearly repeats the one after the first
concession (the passage is a regenerated copy, whose fix is deleting it: the
duplicate rules' case). No double negative is reported where the next sentence
opens with むしろ or それどころか (「決して乗り越えられないものではありません。
むしろ、…」: the first half of a build-up, which the affirmative would break;
every reader who met one said so), and 〜ないものではない is not reported where
the next sentence ends on the affirmative potential itself (「克服できないもの
ではありません。…があれば、必ず乗り越えられます。」: the writer already says it). A
concession in verb form opened by もちろん (「もちろん、私も不安を感じないわけでは
ありません」) counts as a stock concession: left alone as the post's first.
Two more idioms are left alone by default, on the word of two readers of two
who called neither a fault: the rebuttal that denies a charge against someone
named with も (「EUもその点を考慮していないわけではない」: the writer answers an
objection the reader may hold, and 「考慮している」 alone loses the answer), and
the risk hedge 〜ないとも限らない (「問題が起きないとも限らない」), a set phrase
for "it may well happen" (〜ないとは限らない, "not necessarily", is still
reported). So is the emphatic 「決して〜ないものではない」 ("by no means
impossible"), a figure three of the five readers who met it left alone.

The message offers the affirmative where it can be built: after a potential
verb, 〜ないものではない becomes the potential form itself
(「乗り越えられないものではない」 → 「乗り越えられる」, 「克服できないものではありません」
→ 「克服できます」).

## Why it matters
A double negative makes the reader undo two negations to find a weak
affirmative; in explanatory prose it usually hides a claim the writer did not
want to make plainly. Saying the positive statement, with its real degree
(「一部にはある」「場合によっては起こる」), is clearer.

## Example
```markdown
導入コストが回収できないわけではありません。
```

## Use instead
```markdown
導入コストは3年ほどで回収できます。
```

## Options
- `stock-concession` (default false): also report the first stock concession
  of a post and the hopeful 「希望がないわけではない」, as textlint's rule would
  (it matches the plain form only).
- `rebuttals` (default false): also report the rebuttal
  「XもYしていないわけではない」.
- `risk-hedges` (default false): also report 〜ないとも限らない.
- `emphatic` (default false): also report 「決して〜ないものではない」.
- `allows` (default none): text (or `/regex/flags`) that, when it occurs in the
  matched phrase, silences the finding, e.g. `"限らない"` to accept
  〜ないとは限らない as a hedge.

## Fix safety
No fix: the affirmative that replaces a double negative needs the writer's
judgement about how strong the claim is.

## textlint
Replaces `no-double-negative-ja` (textlint-rule-no-double-negative-ja, in
textlint-rule-preset-japanese). Upstream has no options; `allows` is an
addition. Deliberate differences: the polite endings 〜ありません / 〜ません count
as the second negation (upstream only matches ない, so
「ないわけではありません」 passed while 「ないわけではない」 was reported), and
blockquotes are skipped (quoted text is not the writer's).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Related, Rule, RuleOptions
from jalint.rules._paragraphs import in_repeated_text
from jalint.rules._prose import compile_allow, load_data, next_sentence, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token

_NEGATION_LEMMAS = frozenset({"ない", "無い"})
# 「決して」 before 〜ないものではない makes the emphatic "by no means impossible", a figure three readers of five
# left alone.
_EMPHATIC = frozenset({"決して", "けっして"})


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Text or /regex/ that silences a match (textlint `allows` style).")
    stock_concession: bool = option(False, "Also report a post's first 「課題がないわけではありません」.")
    rebuttals: bool = option(False, "Also report the rebuttal 「XもYしていないわけではない」.")
    risk_hedges: bool = option(False, "Also report the risk hedge 〜ないとも限らない.")
    emphatic: bool = option(False, "Also report the emphatic 「決して〜ないものではない」.")


class Matcher(NamedTuple):
    lemma: frozenset[str] = frozenset()
    surface: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()
    conjugation: str = ""
    optional: bool = False
    negation: bool = False


class Pattern(NamedTuple):
    label: str
    matchers: tuple[Matcher, ...]


def _as_set(value: object) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


@lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    data = load_data("double_negative.toml")
    return tuple(
        Pattern(
            entry["label"],
            tuple(
                Matcher(
                    lemma=_as_set(item.get("lemma")),
                    surface=_as_set(item.get("surface")),
                    pos=_as_set(item.get("pos")),
                    conjugation=item.get("conjugation", ""),
                    optional=item.get("optional", False),
                    negation=item.get("negation", False),
                )
                for item in entry["tokens"]
            ),
        )
        for entry in data["pattern"]
    )


class DoubleNegative(Rule[Options]):
    name = "double-negative"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-double-negative-ja",)
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        if "ない" not in text and "なく" not in text and "無" not in text:
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        allowed = compile_allow(self.options.allows)
        i = 0
        while i < len(tokens):
            if tokens[i].lemma not in _NEGATION_LEMMAS:
                i += 1
                continue
            found = _match_any(tokens, i)
            if found is None:
                i += 1
                continue
            label, end = found
            start = i - 1 if i > 0 and tokens[i - 1].pos in ("動詞", "形容詞", "助動詞", "名詞", "形状詞") else i
            phrase = visible_text(doc.masked[tokens[start].start : tokens[end - 1].end]).strip()
            if self._idiom(tokens, i, label) or _escalated(doc, sentence):
                i = end
                continue
            if not allowed(phrase) and not _refutes_inference(doc, sentence, tokens[start].start, label):
                finding = self._finding(doc, sentence, tokens, i, (start, end), phrase, label)
                if finding is not None:
                    yield finding
            i = end

    def _idiom(self, tokens: list[Token], i: int, label: str) -> bool:
        """The double negative at tokens[i] is one of the idioms left alone unless an option asks for it."""
        if "わけ" in label:
            if not self.options.stock_concession and _hopeful(tokens, i):
                return True  # 「希望がないわけではない」: cautious hope, an idiom two readers of two found right
            return not self.options.rebuttals and _rebuttal(tokens, i)
        if "限らない" in label and not self.options.risk_hedges:
            return i + 2 < len(tokens) and tokens[i + 2].surface == "も"  # 〜ないとも限らない
        if "ものでは" in label and not self.options.emphatic:
            return any(token.surface in _EMPHATIC for token in tokens[:i])  # 「決して乗り越えられないものではない」
        return False

    def _finding(
        self, doc: Document, sentence: Sentence, tokens: list[Token], i: int, bounds: tuple[int, int], phrase: str,
        label: str,
    ) -> Finding | None:
        span = Span(tokens[bounds[0]].start, tokens[bounds[1] - 1].end)
        concession = _concession_noun(tokens, i) if "わけ" in label else None
        if concession is None and not self.options.stock_concession and "わけ" in label and _granted(tokens):
            first = _first_concession(doc)
            if first is not None and first.span.start == tokens[i].start:
                return None  # 「もちろん、私だって〜ないわけではありません」: the post's first concession, in verb form
        if concession is None or self.options.stock_concession:
            potential = _affirmative_potential(doc, tokens, i, "ません" in phrase) if "ものでは" in label else None
            if potential is not None and _affirmed_next(doc, sentence):
                return None  # 「克服できないものではありません。…があれば、必ず乗り越えられます。」
            if potential is not None:
                begin, affirmative = potential
                written = visible_text(doc.masked[begin : span.end])
                return Finding(
                    span,
                    f"「{written}」は二重否定で回りくどいので、「{affirmative}」と言い切るか、何があればそうできるのかを書いてください。",
                )
            return Finding(span, f"「{phrase}」は二重否定（{label}）です。肯定の形で、どの程度そうなのかを言い切ってください。")
        first = _first_concession(doc)
        if first is None or first.span.start >= span.start:
            return None  # the post's first stock concession: an idiom, left alone
        if _recalls(sentence) or _opens_a_copy(doc, sentence, first):
            return None
        line = doc.lines.line_of(first.span.start)
        polite = "ません" in phrase
        noun, noun_start = concession
        return Finding(
            Span(noun_start, span.end),
            f"「{noun}が{phrase}」と、{line} 行目と同じ形の決まった譲歩を繰り返しています。"
            f"「{noun}も{'あります' if polite else 'ある'}」のように肯定の形で言い切ってください。",
            related=(Related(first.span, "1度目の譲歩"),),
        )


def _affirmative_potential(doc: Document, tokens: list[Token], i: int, polite: bool) -> tuple[int, str] | None:
    """(where the verb starts, 「乗り越えられる」) for 「乗り越えられないものではない」: the potential verb, said plainly.

    〜ないものではない almost always denies an impossibility (「克服できないものではない」); the
    affirmative is the potential form itself. Only forms whose stem is the 未然形 (一段 verbs, られる,
    できる, 得る) are rebuilt; anything else keeps the general message.
    """
    start = i - 1
    if start < 0 or tokens[start].pos not in ("動詞", "助動詞"):
        return None
    last = tokens[start]
    if last.lemma == "得る" and last.surface == "え":
        ending = "えます" if polite else "うる"  # 「解決しえない」 → 「解決しうる」
    elif "一段" in last.conjugation_type or last.lemma in ("られる", "れる", "出来る"):
        ending = last.surface + ("ます" if polite else "る")
    else:
        return None
    while start > 0 and tokens[start - 1].pos in ("動詞", "助動詞") and tokens[start - 1].end == tokens[start].start:
        start -= 1
    if start > 0 and tokens[start].lemma in ("為る", "出来る") and tokens[start - 1].pos == "名詞":
        start -= 1  # 「克服できる」, 「解決しうる」: the verbal noun belongs to the verb
    head = visible_text(doc.masked[tokens[start].start : last.start])
    return tokens[start].start, head + ending


# 「AだからといってBないわけではない」 denies an inference (A does not rule B out): its two negations
# carry the logic, and an affirmative would lose it.
_INFERENCE_MARKERS = ("からといって", "からと言って", "からって")


def _concession_noun(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """The noun of a stock concession 「(もちろん、)課題がないわけではない」 whose ない is tokens[i], and where it starts."""
    if i < 2 or tokens[i - 1].pos != "助詞" or tokens[i - 1].surface not in ("が", "も"):
        return None
    nouns = _concession_nouns()
    word = tokens[i - 2].surface
    if word in nouns:
        return word, tokens[i - 2].start
    if i >= 3 and tokens[i - 3].surface + word in nouns:
        return tokens[i - 3].surface + word, tokens[i - 3].start
    return None


@lru_cache(maxsize=1)
def _concession_nouns() -> frozenset[str]:
    return frozenset(load_data("double_negative.toml")["concession_nouns"])


@lru_cache(maxsize=1)
def _hopeful_nouns() -> frozenset[str]:
    return frozenset(load_data("double_negative.toml")["hopeful_nouns"])


def _hopeful(tokens: list[Token], i: int) -> bool:
    """「希望が(も)ないわけではない」: the ない at tokens[i] follows a noun of hope and が or も."""
    return i >= 2 and tokens[i - 1].surface in ("が", "も") and tokens[i - 2].surface in _hopeful_nouns()


def _granted(tokens: list[Token]) -> bool:
    """The sentence opens with もちろん: 「もちろん、私だって懐疑的にならないわけではありません」 concedes like a stock noun."""
    return bool(tokens) and tokens[0].lemma == "勿論"


# Words with which a writer marks a repeat as a deliberate callback: 「前述したように、課題がないわけではありません」.
_CALLBACKS = ("前述", "先述", "既述", "繰り返しになりますが", "繰り返しますが", "触れたように", "触れましたが",
              "述べたように", "述べましたが", "冒頭でも", "冒頭で")


def _recalls(sentence: Sentence) -> bool:
    """The repeated concession says it repeats (「前述したように」「繰り返しになりますが」): a recap, not a tic."""
    return any(marker in sentence.text for marker in _CALLBACKS)


# Openers of a sentence that escalates what the understatement before it conceded: 「課題がないわけでは
# ありません。むしろ、…山積しています。」 The affirmative 「課題もあります」 would clash with the escalation.
_ESCALATIONS = frozenset({"むしろ", "寧ろ", "それどころか"})


_COPY_SIMILARITY = 80  # rapidfuzz ratio from which the sentences after two concessions are one passage twice


def _escalated(doc: Document, sentence: Sentence) -> bool:
    """The next sentence opens with むしろ or それどころか: the double negative sets up a build-up.

    「課題がないわけではありません。むしろ、…山積しています」「決して乗り越えられないものではありません。
    むしろ、…」: the understatement is the first half of a "not X, rather Y" figure, and the affirmative
    the message would offer breaks it (every reader of the corpus who saw one said so).
    """
    following = next_sentence(doc, sentence)
    if following is None:
        return False
    tokens = doc.sentence_tokens(following)
    return bool(tokens) and visible_text(tokens[0].surface) in _ESCALATIONS


_POTENTIAL_LEMMAS = frozenset({"られる", "れる", "出来る", "得る"})
_SENTENCE_ENDINGS = frozenset({"ます", "です", "だ", "た", "でしょう", "う"})


def _affirmed_next(doc: Document, sentence: Sentence) -> bool:
    """The next sentence ends on a potential verb, not negated: 「…があれば、必ず乗り越えられます。」

    After 「克服できないものではありません」 such a sentence already says what the message would ask for
    (the affirmative and what makes it true); rewriting the first would only repeat the second.
    """
    following = next_sentence(doc, sentence)
    if following is None:
        return False
    tail = [t for t in doc.sentence_tokens(following) if t.pos not in ("補助記号", "記号")]
    while tail and tail[-1].lemma in _SENTENCE_ENDINGS:
        tail.pop()
    return bool(tail) and tail[-1].lemma in _POTENTIAL_LEMMAS


def _opens_a_copy(doc: Document, sentence: Sentence, first: _Concession) -> bool:
    """A repeated concession whose next sentence copies what followed the first: a regenerated passage.

    A next sentence that repeats the one after the first concession, word for word or nearly
    (「600億円という投資が…」 after 「600億円という巨額の投資が…」), means the passage is a copy:
    deleting it is the fix, which duplicate-sentence and duplicate-paragraph ask for.
    """
    following = next_sentence(doc, sentence)
    if following is None:
        return False
    if in_repeated_text(doc, following.span):
        return True
    earlier = next_sentence(doc, first.sentence)
    return earlier is not None and fuzz.ratio(visible_text(earlier.text), visible_text(following.text)) >= _COPY_SIMILARITY


def _rebuttal(tokens: list[Token], i: int) -> bool:
    """「EUもその点を考慮していないわけではない」: 〜ていない after a noun marked with も, a charge denied.

    The ない at tokens[i] follows the いる of 〜ている, and a noun or pronoun with も stands earlier in
    the sentence; the stock concession (「課題もないわけではない」, も right before ない) is not one.
    """
    if i < 3 or tokens[i - 1].lemma != "居る" or tokens[i - 2].surface not in ("て", "で"):
        return False
    return any(
        tokens[j].surface == "も" and tokens[j].pos == "助詞" and tokens[j - 1].pos in ("名詞", "代名詞", "接尾辞")
        for j in range(1, i - 2)
    )


class _Concession(NamedTuple):
    """A stock concession: the span of its ない and the sentence it stands in."""

    span: Span
    sentence: Sentence


def _first_concession(doc: Document) -> _Concession | None:
    """The post's first stock concession, computed once per document."""
    return doc.memo("double-negative:first-concession", _find_first_concession)


def _find_first_concession(doc: Document) -> _Concession | None:
    for sentence in doc.prose_sentences:
        if "わけ" not in sentence.text or doc.blocks[sentence.block_index].container == "blockquote":
            continue
        tokens = doc.sentence_tokens(sentence)
        for i, token in enumerate(tokens):
            if token.lemma in _NEGATION_LEMMAS and (_concession_noun(tokens, i) is not None or _granted(tokens)):
                found = _match_any(tokens, i)
                if found is not None and "わけ" in found[0]:
                    return _Concession(Span(token.start, token.end), sentence)
    return None


def _refutes_inference(doc: Document, sentence: Sentence, start: int, label: str) -> bool:
    """The double negative is 〜ないわけではない after 〜からといって earlier in its sentence."""
    if "わけ" not in label:
        return False
    before = visible_text(doc.masked[sentence.span.start : start])
    return any(marker in before for marker in _INFERENCE_MARKERS)


def _match_any(tokens: list[Token], i: int) -> tuple[str, int] | None:
    for pattern in patterns():
        end = _match(pattern.matchers, tokens, i)
        if end is not None:
            return pattern.label, end
    return None


def _match(matchers: tuple[Matcher, ...], tokens: list[Token], i: int) -> int | None:
    """Index after the match of `matchers` starting at token i, or None."""
    if not matchers:
        return i
    matcher, rest = matchers[0], matchers[1:]
    if matcher.negation:
        width = _negation_width(tokens, i)
        return _match(rest, tokens, i + width) if width else None
    if i < len(tokens) and _accepts(matcher, tokens[i]):
        end = _match(rest, tokens, i + 1)
        if end is not None:
            return end
    return _match(rest, tokens, i) if matcher.optional else None


def _accepts(matcher: Matcher, token: Token) -> bool:
    return (
        (not matcher.lemma or token.lemma in matcher.lemma)
        and (not matcher.surface or token.surface in matcher.surface)
        and (not matcher.pos or token.pos in matcher.pos)
        and token.conjugation.startswith(matcher.conjugation)
    )


def _negation_width(tokens: list[Token], i: int) -> int:
    """Tokens taken by a final negation at i: ない/無い (1) or あり+ませ+ん (3); 0 when none."""
    if i >= len(tokens):
        return 0
    token = tokens[i]
    if token.lemma in _NEGATION_LEMMAS and token.pos in ("形容詞", "助動詞"):
        return 1
    if (
        token.lemma == "有る"
        and i + 2 < len(tokens)
        and tokens[i + 1].conjugation_type == "助動詞-マス"
        and tokens[i + 2].conjugation_type == "助動詞-ヌ"
    ):
        return 3
    if token.conjugation_type == "助動詞-マス" and i + 1 < len(tokens) and tokens[i + 1].conjugation_type == "助動詞-ヌ":
        return 2  # 言い切れません / 限りません
    return 0
