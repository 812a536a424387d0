"""## What it finds
ら抜き言葉: the potential form of a 一段 verb or of 来る without its 「ら」:
「見れる」「食べれない」「来れた」「決めれる」 for 「見られる」「食べられない」
「来られた」「決められる」. The potential forms of 五段 verbs (「走れる」「帰れる」
「書ける」) are correct and are not reported, nor are verbs that merely end in
れる (「入れる」「忘れる」「晴れる」).

UniDic reads 「食べれる」 as one word whose lemma is 食べる; the rule reports
such a word when its lemma is a 一段 verb (a verb whose stem ends in an i- or
e-row kana, like 食べる or 起きる, one of the one-kanji 一段 verbs 見る 着る 寝る
出る 似る 煮る 得る 経る, or 来る). When UniDic splits the word instead
(「借り」+「れる」), the 未然形 of a 一段 verb followed by the auxiliary れる is
reported. Quotations in a blockquote are left alone.

## Why it matters
ら抜き言葉 are spoken Japanese. In written prose, especially a post that
explains or advises, they read as casual or careless, and some readers take
them as mistakes.

## Example
```markdown
この画面では過去の履歴も見れるので、設定を変えれるか確かめてください。
```

## Use instead
```markdown
この画面では過去の履歴も見られるので、設定を変えられるか確かめてください。
```

## Options
None.

## Fix safety
Unsafe: the fix inserts the 「ら」 (見れる → 見られる). The result is the
standard potential form, but 「られる」 can also read as passive or honorific,
so a writer may prefer another wording (見ることができる).

## textlint
Replaces `no-dropping-the-ra` (textlint-rule-no-dropping-the-ra, in
textlint-rule-preset-japanese and textlint-rule-preset-ja-technical-writing).
It has no options. textlint has no fix; this rule offers an unsafe one.
Differences: textlint looks for IPADIC's 一段 未然形 + 接尾「れる」 and names
見れる and 来れる by hand; UniDic reads every ら抜き form as one word, so this
rule decides from the lemma, which also catches 「考えれる」「決めれる」.
Hiragana spellings other than 「これる」 (みれる, たべれる) are not reported:
without the kanji the lemma cannot be checked safely. 「いれる」 (居る) is not
reported, since it is far more often 入れる written in kana.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, NoOptions, Rule
from jalint.sentences import Sentence
from jalint.tokens import Token

# Kana that end the stem of a 一段 verb (い段 and え段).
_ICHIDAN_KANA = frozenset("いきぎしじちぢにひびぴみりえけげせぜてでねへべぺめれ")
# 一段 verbs written with one kanji and る, which the stem test cannot see.
_ONE_KANJI_ICHIDAN = frozenset({"見る", "着る", "寝る", "出る", "似る", "煮る", "得る", "経る", "干る", "射る", "診る", "観る", "視る"})
# 五段 verbs whose stem ends in an i- or e-row kana.
_GODAN_EXCEPTIONS = frozenset({"混じる", "交じる", "捩じる", "詰る", "嘲る"})
_KURU_SPELLINGS = {"来れる": "来", "これる": "こ"}


def _ichidan(lemma: str) -> bool:
    if lemma in _ONE_KANJI_ICHIDAN or lemma == "来る":
        return True
    return len(lemma) >= 2 and lemma[-1] == "る" and lemma[-2] in _ICHIDAN_KANA and lemma not in _GODAN_EXCEPTIONS


def _stem(token: Token) -> str | None:
    """The part of a one-word ら抜き form before its 「れ」, or None when the word is not one."""
    if token.pos != "動詞" or token.conjugation_type != "下一段-ラ行" or token.base == token.lemma:
        return None
    if token.lemma == "来る":
        return _KURU_SPELLINGS.get(token.base)
    if not token.base.endswith("れる") or not _ichidan(token.lemma):
        return None
    stem = token.base[:-2]
    return stem if stem == token.lemma[:-1] and token.surface.startswith(stem + "れ") else None


def _split_form(previous: Token, token: Token) -> bool:
    """「借り」+「れる」: a 一段 (or 〜じる) 未然形 followed by the auxiliary れる."""
    if token.pos != "助動詞" or token.lemma != "れる" or previous.pos != "動詞":
        return False
    # For 一段 verbs the 未然形 and 連用形 look alike, and UniDic picks either.
    if not previous.conjugation.startswith(("未然形", "連用形")):
        return False
    kind = previous.conjugation_type
    return kind.startswith(("上一段", "下一段", "カ行変格")) or (kind == "サ行変格" and previous.surface.endswith("じ"))


def _attached(token: Token, following: Token) -> bool:
    return following.start == token.end and following.pos == "助動詞" and not token.conjugation.startswith(
        ("終止形", "連体形")
    )


class RaNuki(Rule[NoOptions]):
    name = "ra-nuki"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "unsafe"
    textlint = ("no-dropping-the-ra",)

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        if "れ" not in sentence.text or doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        for index, token in enumerate(tokens):
            # Both forms need a token that the cheap tests below rule out for almost every word.
            if token.conjugation_type != "下一段-ラ行" and token.lemma != "れる":
                continue
            stem = _stem(token)
            if stem is not None:
                fixed = stem + "ら" + token.surface[len(stem) :]
                # Name the form with what follows it (「来れない」), as a reader sees it.
                tail, last = "", token
                for following in tokens[index + 1 : index + 4]:
                    if not _attached(last, following):
                        break
                    tail, last = tail + following.surface, following
                yield self._finding(Span(token.start, token.end), token.surface, fixed, tail)
            elif index and _split_form(tokens[index - 1], token):
                previous = tokens[index - 1]
                span = Span(previous.start, token.end)
                yield self._finding(span, previous.surface + token.surface, previous.surface + "ら" + token.surface)

    @staticmethod
    def _finding(span: Span, written: str, fixed: str, tail: str = "") -> Finding:
        return Finding(
            span,
            f"「{written}{tail}」はら抜き言葉です。「{fixed}{tail}」にしてください。",
            fix=Fix.replace(span, fixed, applicability="unsafe"),
        )
