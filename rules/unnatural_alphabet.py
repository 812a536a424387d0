"""## What it finds
One Latin letter standing alone between Japanese characters, the trace of a
slip of the Japanese input method: 「リイr−ス」, 「対応でｋない」, 「確認sます」.
Paragraphs and headings are read; inline code and URLs never count.

Not reported, as letters that are meant:
- vowels and n (the input method turns a stray one into kana) and capitals,
  half- or full-width (「Aさん」, 「B社」, 「シリーズD」, 「X線」);
- letters in known words and notations: 「C言語」, 「x軸」, 「y座標」, 「eコマース」,
  「k近傍法」, 「t検定」, 「p値」, a variable after 変数 or 点 (「変数kを」), a
  unit after a number (「５ｍ」);
- the team's own `allow` items.

The lists are data: `unnatural_alphabet.toml` next to this module.

## Why it matters
A stray letter inside a Japanese word is a typo the reader sees at once, and
a spell checker that reads only English or only Japanese misses it.

## Example
```markdown
新しい機能のリイrースは来月です。
```

## Use instead
```markdown
新しい機能のリリースは来月です。Aさんの担当で、C言語のライブラリも更新します。
```

## Options
- `allow` (default: the vowels, n and capital letters): textlint-style items,
  plain text or `/regex/`; a letter inside a match is not reported. Setting it
  replaces the default list, as in textlint (keep `"/[A-ZＡ-Ｚ]/"` to keep
  capitals allowed).
- `allow-common-case` (default true): also allow the built-in known words and
  notations (C言語, x軸, eコマース, units after numbers …).

## Fix safety
No fix: which key was meant is a guess.

## textlint
Replaces `ja-unnatural-alphabet` (textlint-rule-ja-unnatural-alphabet, in
textlint-rule-preset-ja-technical-writing). Supported options: `allow`,
`allowCommonCase`. Deliberate differences:
- Full-width capitals (「Ａさん」) are allowed like half-width ones.
- More known notations are allowed by default: eコマース, k近傍法, t検定, p値,
  variables after 変数/点/関数, and a unit letter after a number (「５ｍ」;
  textlint counts full-width digits as Japanese and reports it).
- Quotations in a blockquote and tables are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import load_data, readable_sentences, textlint_pattern, visible_text

_DEFAULT_LETTERS: tuple[str, ...] = tuple(load_data("unnatural_alphabet.toml")["letters"])
# Characters a Japanese input method produces; full-width forms (digits, ！, （) count, as upstream.
_JAPANESE = r"[々〇〻\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEFぁ-んァ-ヶー。、・−]"
_LONE_LETTER = re.compile(f"(?<={_JAPANESE})[a-zA-Zａ-ｚＡ-Ｚ](?={_JAPANESE})")


class Options(RuleOptions):
    allow: tuple[str, ...] = option(_DEFAULT_LETTERS, "Letters or words (text or /regex/) not to report.")
    allow_common_case: bool = option(True, "Also allow the built-in known words (C言語, x軸, eコマース …).")


@lru_cache(maxsize=8)
def _allow_patterns(items: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(textlint_pattern(item) for item in items)


class UnnaturalAlphabet(Rule[Options]):
    name = "unnatural-alphabet"
    category = "style"
    scope = "document"
    severity = "warning"
    fix_safety = "none"
    textlint = ("ja-unnatural-alphabet",)
    textlint_options = {"allow": "allow", "allowCommonCase": "allow-common-case"}
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        items = self.options.allow
        if self.options.allow_common_case:
            items = items + tuple(load_data("unnatural_alphabet.toml")["common"])
        allow = _allow_patterns(items)
        for sentence in readable_sentences(doc):
            text = sentence.text
            hits = list(_LONE_LETTER.finditer(text))
            if not hits:
                continue
            allowed = [(m.start(), m.end()) for pattern in allow for m in pattern.finditer(text) if m.end() > m.start()]
            for hit in hits:
                at = hit.start()
                if any(start <= at < end for start, end in allowed):
                    continue
                context = visible_text(text[max(0, at - 2) : at + 3])
                yield Finding(
                    Span(sentence.span.start + at, sentence.span.start + at + 1),
                    f"日本語の中に不自然なアルファベット「{hit.group(0)}」があります（「{context}」）。"
                    "入力ミスなら直してください。",
                )
