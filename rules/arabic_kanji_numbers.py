"""## What it finds
Numbers in the wrong notation for their use, after the JTF style guide
(日本語標準スタイルガイド 2.2.2, 算用数字と漢数字の使い分け): a count written
in kanji (「二つの方法」「三回」「一億円」), or an idiom written with an
Arabic numeral (「1部の」「第3者」).

- Counts: a kanji number before one of these counters: 「一つ」「二十回」
  「三か月」 (ヶ月, カ月 too) 「四番目」「十進法」「三次元」「第二章」
  「第一節」, and kanji numbers with 万, 億 or 兆 (「一億二千万人」, one
  finding for the whole number). A number that could be any other number is a
  count and is written in Arabic numerals.
- Idioms and set terms: 「世界1」「1時的」「1部分」「第3者」「1種の」
  「1部の」「1番に」「数10倍」 (also 数10年, 数100万) 「2次関数」「5大陸」.
  These are words, not counts, and keep their kanji.

A kanji number is only reported when the morphological analysis reads it as a
number on its own: the 一 of 「統一」「同一回線」, 「数十万」 and 「何百万」
(approximate numbers), 「一回り」 and 「三回忌」 are not counts. Idioms keep
their kanji and are not reported: 「一つひとつ」「一つ一つ」「何一つ」
「一つも」「ただ一つ」「二つ返事」「五つ星」「八百万の神」 (the list is
`arabic_kanji_numbers.toml`), approximate pairs such as 「一つや二つ」, 「一つ」
right after a noun, which stresses how little it takes (「ボタン一つで」
「設定一つとっても」), 「一つになる」 in the sense of uniting
(「〜の一つになる」, one of several, is a count and is reported) and a
simile of unity (「工場全体を一つの生命体のように捉える」). 「第二章」 in
quotation brackets is a figure of speech or a title and is left alone.

Paragraphs, list items and headings are checked, bold text included; code,
link text, tables, quotations in a blockquote and the front matter are not.

## Why it matters
Technical writing keeps numbers that count in Arabic numerals so that they
stand out and compare at a glance (「3つの手順」「2回目」), and keeps kanji
where the number is part of a word (「一部の」「第三者」), where a numeral
would read as a count that is not there. Mixing 「一つ」 and 「1つ」 in one
post looks careless.

## Example
```markdown
この手順は二つの段階に分かれ、一か月ごとに見直します。
1部の利用者には、第3者の審査が入ります。
```

## Use instead
```markdown
この手順は2つの段階に分かれ、1か月ごとに見直します。
一部の利用者には、第三者の審査が入ります。
```

## Options
- `allow` (default none): words in which a number is left alone, as text or
  `/regex/flags` (a finding inside a match is not reported), for a team's own
  idioms and names.

## Fix safety
Safe: the number is rewritten in the other notation and nothing else changes
(「一億二千万」 → 「1億2000万」, 「数10年」 → 「数十年」).

## textlint
Replaces `arabic-kanji-numbers` (textlint-rule-preset-ja-technical-writing,
which takes it from textlint-rule-preset-jtf-style 3, rule 2.2.2). No options
upstream. It looks for the same words and fixes them the same way, with these
deliberate differences:

- every occurrence is reported; upstream reports only the first match of each
  pattern in a text node, so a paragraph with 「一つ」 twice got one finding.
- the kanji number must be a number on its own to the morphological analysis,
  so 「同一回線」 and 「零一万物」 are not read as 「一回」 and 「一万」, and
  「一回り」「三回忌」 are words; upstream matches the characters. 「数十万」
  and 「何百万」 are skipped where they stand, not (as upstream) by turning off
  the 万/億/兆 check for the whole text node when they appear anywhere in it.
- more idioms keep their kanji: upstream knows 「一つひとつ」「ただ一つ」
  「二つ返事」 and a few others, but reports 「一つ一つ」「何一つ」「一つも」,
  「一つや二つ」, 「プロンプト一つで」「コスト一つとっても」 (emphasis, not a
  count), 「チームが一つになる」 (uniting), a quoted 「第二章」 used as a
  figure of speech, and 「八百万の神」 (as 「800万」). On the 100 posts
  compared in docs/style-parity.md these are the 15 places only textlint
  reports (mostly 「一つ一つ」); the other 160 both report.
- 千 counts as a kanji digit, and a number like 「一億二千万」 is one finding
  fixed whole (upstream fixes 「一億」 alone and leaves 「二千万」).
- 「世界1位」, 「第1種」 and 「11部の」 are not reported (upstream reports
  「世界1」, 「1種」 and 「1部の」 inside them); 「数10倍」 is only reported when
  数 is the prefix 「several」, not the end of a noun such as 「人数」.
- headings and bold text are checked (upstream reads only plain paragraph
  text); link text and tables are skipped, as upstream does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._counting import inside, prose_regions, skipped_spans
from jalint.rules._prose import load_data, textlint_pattern
from jalint.tokens import Token

_KANJI = "〇一二三四五六七八九十百千壱弐参拾"
_NUM = f"[{_KANJI}]+"
_DIGITS = {"〇": 0, "一": 1, "壱": 1, "二": 2, "弐": 2, "三": 3, "参": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "千": 1000}
_BIG = "兆億万"

# Kanji that should be Arabic numerals: a number before a counter, or a number with 万/億/兆.
# Every branch starts with a literal or a character class, so `re` scans for its first characters.
_TO_ARABIC = re.compile(
    rf"第(?P<ordinal>{_NUM})(?:章|節)"
    rf"|[{_KANJI}]++(?:(?P<big>[{_BIG}](?:{_NUM}[{_BIG}])*(?:{_NUM})?)"
    r"|(?P<counter>つ|回|か月|ヶ月|カ月|ヵ月|ケ月|番目|進法|次元))"
)
# Arabic numerals that should be kanji: idioms and set terms (JTF 2.2.2's list). In the last four
# branches the digit is the match's first character; a digit, 第 or a decimal point before it is a count.
_TO_KANJI = re.compile(
    r"世界(?P<world>1)(?![0-9０-９.．,，位番])"
    r"|第(?P<third>3)者"
    r"|数(?P<several>10{1,3})[倍兆億万年]"
    r"|1(?P<one>時的|部分|部の|番に)"
    r"|1(?P<kind>種)(?![類目])"
    r"|[0-9](?P<degree>次関数)"
    r"|5(?P<continents>大陸)"
)
_DIGIT_FIRST = frozenset({"one", "kind", "degree", "continents"})
_BEFORE_A_COUNT = frozenset("0123456789０１２３４５６７８９.．,，第")
# Another count right before or after 〜つ: an approximate pair (一つや二つ, 二つ三つ) or 一つ一つ.
_COUNT_AFTER = re.compile(rf"[やか]?(?:{_NUM}|ひと|ふた|みっ|よっ|[0-9０-９]+)つ")
_COUNT_BEFORE = re.compile(rf"(?:{_NUM}|ひと|ふた|みっ|よっ|[0-9０-９]+)つ[やか]?$")
_OPENING = "「『“"
_CLOSING = "」』”"
# A noun right before 一つ (no particle): 「X一つで」「X一つとっても」, emphasis rather than a count.
_NOUN_END = re.compile("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\u3005\u30a1-\u30fa\u30fc\u4e00-\u9fff]")
# 一つになる / 一つにする / 一つとして without 「の」 before: uniting, or 「not a single」.
_UNITE = re.compile(r"[にと](?:な[らりるれろっ]|す[るれ]|し(?:た|て(?!も)))")
# 一つの…のように: a simile of unity (「工場全体を一つの生命体のように捉える」), no count.
_AS_ONE = re.compile(r"の[^、。「」『』]{1,12}?のよう[にな]")


class Options(RuleOptions):
    allow: tuple[str, ...] = option((), "Words (or /regex/) in which a number is left alone.")


def _idiom_pattern() -> re.Pattern[str]:
    idioms = sorted(load_data("arabic_kanji_numbers.toml")["idioms"], key=len, reverse=True)
    return re.compile("|".join(re.escape(item) for item in idioms))


_IDIOMS = _idiom_pattern()


def kanji_to_int(text: str) -> int:
    """A kanji number below 10000: 「二十」 → 20, 「百八」 → 108, 「二〇二五」 → 2025."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            digit = _DIGITS[ch] if digit is None else digit * 10 + _DIGITS[ch]
    return total + (digit or 0)


def to_arabic(text: str) -> str:
    """Every kanji number in `text` in Arabic numerals, 万/億/兆 kept: 「一億二千万」 → 「1億2000万」."""
    return re.sub(_NUM, lambda m: str(kanji_to_int(m.group())), text)


def int_to_kanji(value: int) -> str:
    """10 → 十, 100 → 百, 2 → 二, 1100 → 千百 (values below 10000)."""
    if value == 0:
        return "〇"
    names = "〇一二三四五六七八九"
    out = []
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        count, value = divmod(value, unit)
        if count:
            out.append(("" if count == 1 else names[count]) + name)
    if value:
        out.append(names[value])
    return "".join(out)


def _numbers_alone(starts: dict[int, Token], start: int, end: int) -> bool:
    """Whether [start, end) is exactly a run of number tokens (not 一 of 統一, not 十 of 数十)."""
    position = start
    while position < end:
        token = starts.get(position)
        if token is None or token.pos_detail != "数詞" or token.end > end:
            return False
        position = token.end
    return True


def _counter_is_word(starts: dict[int, Token], start: int, counter: str) -> bool:
    """Whether the counter stands alone: 回 of 一回, not of 一回り or 三回忌."""
    token = starts.get(start)
    return token is not None and counter.startswith(token.surface)


def _kept_count(text: str, start: int, end: int, number: str) -> bool:
    """〜つ that stays kanji: 一つ一つ, 一つや二つ, プロンプト一つで, and 一つになる (uniting) without の."""
    if _COUNT_AFTER.match(text, end) or _COUNT_BEFORE.search(text, max(0, start - 8), start):
        return True
    if number != "一" or start == 0:
        return False
    if _NOUN_END.match(text, start - 1):
        return True  # プロンプト一つで, 画像認識一つとっても: 「just that one thing」, emphasis
    if _AS_ONE.match(text, end):
        return True  # 一つの生命体のように: as one whole
    return _UNITE.match(text, end) is not None and text[start - 1] != "の"


class ArabicKanjiNumbers(Rule[Options]):
    name = "arabic-kanji-numbers"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "safe"
    textlint = ("arabic-kanji-numbers",)
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        allow = [textlint_pattern(item) for item in self.options.allow]
        for region in prose_regions(doc, tables=False):
            text = region.text
            to_arabic = list(_TO_ARABIC.finditer(text))
            to_kanji = [m for m in _TO_KANJI.finditer(text) if _idiom_in_digits(m, text)]
            if not to_arabic and not to_kanji:
                continue
            raw = doc.text[region.start : region.start + len(text)]
            kept = skipped_spans(raw, emphasis=False)
            kept += [(m.start(), m.end()) for m in _IDIOMS.finditer(text)]
            kept += [(m.start(), m.end()) for pattern in allow for m in pattern.finditer(raw)]
            if to_arabic:
                starts = {t.start: t for t in doc.block_tokens(region.block_index)}
                for match in to_arabic:
                    finding = self._to_arabic(match, text, starts, kept, region.start)
                    if finding is not None:
                        yield finding
            for match in to_kanji:
                if not inside(kept, match.start(), match.end()):
                    yield self._to_kanji(match, text, region.start)

    def _to_arabic(self, match: re.Match[str], text: str, starts: dict[int, Token],
                   kept: list[tuple[int, int]], base: int) -> Finding | None:
        start, end = match.span()
        if match.group("ordinal") is not None:
            number_start, number_end = match.span("ordinal")
            if not _counter_is_word(starts, base + number_end, text[number_end:end]):
                return None
            if 0 < start and end < len(text) and text[start - 1] in _OPENING and text[end] in _CLOSING:
                return None  # 「第二章」に入る: a figure of speech or a title, not a chapter reference
        elif match.group("big") is not None:
            number_start, number_end = start, end
            if text[start - 1 : start] in ("数", "何", "幾"):
                return None  # 数十万, 何百万: approximate
        else:
            number_start, number_end = start, match.start("counter")
            counter = match.group("counter")
            if not _counter_is_word(starts, base + number_end, counter):
                return None
            if counter == "つ" and _kept_count(text, start, end, text[start:number_end]):
                return None
        if not _numbers_alone(starts, base + number_start, base + number_end):
            return None
        if any(s < end and start < e for s, e in kept):
            return None
        written = text[start:end]
        expected = to_arabic(written)
        span = Span(base + start, base + end)
        return Finding(
            span,
            f"数を数える「{written}」が漢数字になっているので、算用数字の「{expected}」に直してください。",
            fix=Fix.replace(span, expected),
        )

    def _to_kanji(self, match: re.Match[str], text: str, base: int) -> Finding:
        start, end = match.span()
        group = match.lastgroup or ""
        number_start, number_end = (start, start + 1) if group in _DIGIT_FIRST else match.span(group)
        written = text[start:end]
        kanji = int_to_kanji(int(text[number_start:number_end]))
        expected = text[start:number_start] + kanji + text[number_end:end]
        return Finding(
            Span(base + start, base + end),
            f"慣用的な語の「{written}」が算用数字になっているので、漢数字の「{expected}」に直してください。",
            fix=Fix.replace(Span(base + number_start, base + number_end), kanji),
        )


def _idiom_in_digits(match: re.Match[str], text: str) -> bool:
    """Whether a `_TO_KANJI` match is the idiom, not part of a count (11部の, 第1種) or a noun (人数10万)."""
    start = match.start()
    if start == 0:
        return True
    group = match.lastgroup
    if group in _DIGIT_FIRST:
        return text[start - 1] not in _BEFORE_A_COUNT
    if group == "several":
        return _NOUN_END.match(text, start - 1) is None
    return True
