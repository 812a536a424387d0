"""## What it finds
Common misuses of Japanese words and idioms, each with the accepted form:
「的を得る」 (→ 的を射る), 「汚名挽回」 (→ 汚名返上), 「怒り心頭に達する」
(→ 発する), 「取り付く暇もない」 (→ 島), 「固定概念」 (→ 固定観念), 「〜に関わらず」
(→ 〜にかかわらず), 「書きずらい」 (→ 書きづらい), 「ルールを適応する」 (→ 適用),
「可変する」, and about eighty more.

The pairs are data: `word_misuse.toml` next to this module lists them as text
or regex pairs, plus a few token sequences where parts of speech tell a
misuse from a correct use (「AIを業務に適応させる」 is correct; 「規則を適応する」
is not). Teams add pairs with `extra-pairs`.

Paragraphs and headings are read. Not reported: text inside 「」『』“” (an
article about wording quotes the wrong form on purpose) and quotations in a
blockquote.

## Why it matters
A misused idiom tells the reader that nobody checked the text, and it can
change the meaning (「気が置けない」 and 「役不足」 are famous for it). These are
cheap to fix once found.

## Example
```markdown
彼の指摘は的を得たものでした。
```

## Use instead
```markdown
彼の指摘は的を射たものでした。
```

## Options
- `extra-pairs` (default none): more pairs as `"wrong=right"` (plain text), e.g.
  `"シュミレーション=シミュレーション"`; reported with a safe fix.
- `allows` (default none): text or `/regex/flags`; a sentence that contains a
  match is not reported.

## Fix safety
Each pair says how sure its fix is. Safe where only the wording changes and
the wrong form has no other reading (「絶対絶命」 → 「絶体絶命」,
「にも関わらず」 → 「にもかかわらず」, 「書きずらい」 → 「書きづらい」); unsafe where a
literal reading exists (「目を止める」 can mean stopping one's eyes) or the
rest of the sentence may need to follow; none where the correction needs
rewording (「明るみになった」 → 「明るみに出た」 changes the verb's form,
「可変する」).

## textlint
Replaces `ja-no-abusage` (textlint-rule-ja-no-abusage, in
textlint-rule-preset-ja-technical-writing), which has no options. The list
covers the same documented pairs, written anew, with these deliberate
differences:
- Added well-known pairs upstream lacks: 「的を得る」, 「汚名挽回」,
  「二の舞を踏む」, 「明るみになる」, 「過半数を超える」, 「〜に関わらず」.
- 「自分本位」 is not reported: dictionaries list it as a word.
- 「AIを業務に適応させる」 is not reported: 「適応させる」 (make something
  adapt) is correct; upstream reports every 「を適応」.
- 「空気に触れる」 and 「恩を着せる」 are not reported (upstream's patterns
  catch them).
- Text in quotation marks and blockquotes is skipped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._phrase_lists import TokenPattern, compile_sequence, followed, inside, match_at, quoted_spans
from jalint.rules._prose import compile_allow, load_data, readable_sentences, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token

# The inflection after a matched stem (的を得|た), for the message only: up to a particle.
_FOLLOWING_KANA = re.compile(r"[ぁ-ゖ]{0,3}")
_PARTICLES = "をがはにのもでとへや"


def _tail(text: str, end: int) -> str:
    if end == 0 or not ("ぁ" <= text[end - 1] <= "ゖ" or "\u4e00" <= text[end - 1] <= "\u9fff"):
        return ""  # a katakana or Latin word does not inflect
    kana = _FOLLOWING_KANA.match(text, end).group(0)
    for index, char in enumerate(kana):
        if char in _PARTICLES:
            return kana[:index]
    return kana


class Options(RuleOptions):
    extra_pairs: tuple[str, ...] = option((), 'More misuses as "wrong=right" (plain text).')
    allows: tuple[str, ...] = option((), "Text or /regex/flags that keeps a sentence from being reported.")


class Pair(NamedTuple):
    regex: re.Pattern[str]
    right: str | None  # a re.sub template
    note: str
    fix: str  # safe | unsafe | none
    label: str = "誤用"
    literals: tuple[str, ...] = ()  # a match contains one of these; () when patterns say otherwise

    def possible_in(self, text: str) -> bool:
        if self.literals:
            return any(literal in text for literal in self.literals)
        return self.regex.search(text) is not None


class TokenPair(NamedTuple):
    show: str
    tokens: tuple[TokenPattern, ...]
    not_followed_by: tuple[tuple[TokenPattern, ...], ...]
    right: str | None
    note: str
    fix: str
    needs: str  # text every match contains
    label: str = "誤用"


class Lists(NamedTuple):
    pairs: tuple[Pair, ...]
    token_pairs: tuple[TokenPair, ...]


def _pair(entry: dict) -> Pair:
    sources = [re.escape(word) for word in entry.get("wrong", ())] + list(entry.get("patterns", ()))
    right = entry.get("right")
    if "wrong" in entry and right is not None:
        right = right.replace("\\", "\\\\")
    return Pair(
        re.compile("|".join(f"(?:{s})" for s in sources)),
        right,
        entry.get("note", ""),
        entry.get("fix", "unsafe"),
        entry.get("label", "誤用"),
        () if entry.get("patterns") else tuple(entry.get("wrong", ())),
    )


def _token_pair(entry: dict) -> TokenPair:
    # The longest text a match must contain: a rare word rules out more sentences than 「を」.
    surfaces = [
        spec["surface"] if isinstance(spec["surface"], str) else os.path.commonprefix(list(spec["surface"]))
        for spec in entry["tokens"] if spec.get("surface")
    ]
    needs = max(surfaces, key=len, default="")
    return TokenPair(
        show=entry["show"],
        tokens=compile_sequence(entry["tokens"]),
        not_followed_by=tuple(compile_sequence(alt) for alt in entry.get("not-followed-by", ())),
        right=entry.get("right"),
        note=entry.get("note", ""),
        fix=entry.get("fix", "unsafe"),
        needs=needs or entry["show"][-2:],
        label=entry.get("label", "誤用"),
    )


@lru_cache(maxsize=8)
def _lists(extra: tuple[str, ...]) -> Lists:
    data = load_data("word_misuse.toml")
    pairs = [_pair(entry) for entry in data.get("pair", ())]
    for item in extra:
        wrong, _, right = item.partition("=")
        if wrong:
            pairs.append(Pair(re.compile(re.escape(wrong)), right.replace("\\", "\\\\") or None, "",
                              "safe" if right else "none", literals=(wrong,)))
    token_pairs = tuple(_token_pair(entry) for entry in data.get("token-pair", ()))
    return Lists(tuple(pairs), token_pairs)


class WordMisuse(Rule[Options]):
    name = "word-misuse"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    needs_tokens = True
    fix_safety = "safe"
    textlint = ("ja-no-abusage",)
    textlint_options: dict[str, str] = {}
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self._allowed = compile_allow(self.options.allows)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        lists = _lists(self.options.extra_pairs)
        sentences = list(readable_sentences(doc))
        # One search over all the sentences at once first: most posts hold no listed
        # text at all, and searching every sentence for every pair was this rule's
        # whole cost. A line break between sentences keeps a pattern from running
        # across two of them.
        joined = "\n".join(sentence.text for sentence in sentences)
        candidates = tuple(pair for pair in lists.pairs if pair.possible_in(joined))
        token_candidates = tuple(pair for pair in lists.token_pairs if pair.needs in joined)
        if not (candidates or token_candidates):
            return
        for sentence in sentences:
            text = sentence.text
            pairs = tuple(pair for pair in candidates if pair.possible_in(text))
            token_pairs = [pair for pair in token_candidates if pair.needs in text]
            if not (pairs or token_pairs):
                continue
            if self.options.allows and self._allowed(visible_text(text)):
                continue
            quotes = quoted_spans(text)
            if pairs:
                yield from self._text_pairs(sentence, pairs, quotes)
            if token_pairs:
                yield from self._token_pairs(sentence, doc, token_pairs, quotes)

    def _text_pairs(self, sentence: Sentence, pairs: tuple[Pair, ...], quotes: list) -> Iterator[Finding]:
        text = sentence.text
        base = sentence.span.start
        for pair in pairs:
            for hit in pair.regex.finditer(text):
                if hit.end() == hit.start() or inside(quotes, hit.start()):
                    continue
                right = hit.expand(pair.right) if pair.right is not None else None
                tail = _tail(text, hit.end())
                span = Span(base + hit.start(), base + hit.end())
                yield _finding(span, hit.group(0), right, tail, pair)

    def _token_pairs(
        self, sentence: Sentence, doc: Document, pairs: list[TokenPair], quotes: list
    ) -> Iterator[Finding]:
        tokens = doc.sentence_tokens(sentence)
        base = sentence.span.start
        for index in range(len(tokens)):
            for pair in pairs:
                found = match_at(pair.tokens, tokens, index)
                if found is None:
                    continue
                if pair.not_followed_by and followed(pair.not_followed_by, tokens, found.stop):
                    continue
                first, last = tokens[found.start], tokens[found.stop - 1]
                if inside(quotes, first.start - base):
                    continue
                written = doc.text[first.start : last.end]
                right = _fill(pair.right, found.tokens) if pair.right is not None else None
                tail = _tail(doc.text, last.end) if right is not None else ""
                yield _finding(Span(first.start, last.end), written, right, tail, pair)
                break


def _fill(template: str, tokens: tuple[Token | None, ...]) -> str:
    text = template
    for index, token in enumerate(tokens):
        surface = token.surface if token else ""
        text = text.replace(f"{{{index}:づ}}", surface.replace("ず", "づ", 1))
        text = text.replace(f"{{{index}}}", surface)
    return text


def _finding(span: Span, written: str, right: str | None, tail: str, pair: Pair | TokenPair) -> Finding:
    if right is None:
        return Finding(span, f"「{written}」は{pair.label}です。{pair.note}".rstrip())
    message = f"「{written}{tail}」は{pair.label}です。「{right}{tail}」としてください。{pair.note}".rstrip()
    fix = Fix.replace(span, right, pair.fix) if pair.fix in ("safe", "unsafe") else None
    return Finding(span, message, fix=fix)
