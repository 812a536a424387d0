"""## What it finds
Exclamation and question marks in prose: `!` `！` `?` `？`, each one
reported.

Paragraphs, list items, headings and table cells are checked; code,
URLs, link text, `*emphasis*`, quotations in a blockquote, HTML and the front
matter are not. Names that contain the mark, such as Yahoo!, are allowed.

## Why it matters
Technical and business writing states things; 「すごいです！」 and rhetorical
「〜とは？」 headings read as advertising and are a hallmark of generated
posts. A heading that names the topic and a sentence that gives the answer
serve the reader better.

## Example
```markdown
## 生成AIで何が変わる？

導入はとても簡単です！
```

## Use instead
```markdown
## 生成AIで変わる三つの業務

導入は簡単です。Yahoo!のサービスとも連携できます。
```

## Options
- `allow` (default none): words in which a mark is fine, as text or `/regex/flags`
  (Yahoo! is always allowed).
- `allow-half-width-exclamation` (default false): allow `!`.
- `allow-full-width-exclamation` (default false): allow `！`.
- `allow-half-width-question` (default false): allow `?`.
- `allow-full-width-question` (default false): allow `？`.

## Fix safety
No fix: a question or exclamation has to be rewritten as a statement, which
only the writer can do.

## textlint
Replaces `no-exclamation-question-mark`
(textlint-rule-no-exclamation-question-mark, in
textlint-rule-preset-ja-technical-writing; the team config also disallows the
full-width marks). Supported options: `allow`, `allowHalfWidthExclamation`,
`allowFullWidthExclamation`, `allowHalfWidthQuestion`,
`allowFullWidthQuestion`; the built-in allowed word Yahoo! is kept. Like
upstream it reads every text node except code, HTML and front matter, and
skips link text, `*emphasis*` and blockquotes. No deliberate differences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._counting import inside, prose_regions, skipped_spans
from jalint.rules._prose import textlint_pattern

BUILTIN_ALLOWED = ("Yahoo!",)
_NAMES = {
    "!": "感嘆符「!」",
    "！": "感嘆符「！」",
    "?": "疑問符「?」",
    "？": "疑問符「？」",
}
_ADVICE = {
    "!": "強調は言葉で表し、感嘆符を外してください。",
    "?": "問いかけではなく、答えを述べる文に書き換えてください。",
}


class Options(RuleOptions):
    allow: tuple[str, ...] = option((), "Words (or /regex/) in which a mark is allowed.")
    allow_half_width_exclamation: bool = option(False, "Allow `!`.")
    allow_full_width_exclamation: bool = option(False, "Allow `！`.")
    allow_half_width_question: bool = option(False, "Allow `?`.")
    allow_full_width_question: bool = option(False, "Allow `？`.")


def _allowed_spans(text: str, items: tuple[str, ...]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for item in items for m in textlint_pattern(item).finditer(text)]


class ExclamationQuestionMark(Rule[Options]):
    name = "exclamation-question-mark"
    category = "style"
    scope = "document"
    severity = "warning"
    textlint = ("no-exclamation-question-mark",)
    textlint_options = {
        "allow": "allow",
        "allowHalfWidthExclamation": "allow-half-width-exclamation",
        "allowFullWidthExclamation": "allow-full-width-exclamation",
        "allowHalfWidthQuestion": "allow-half-width-question",
        "allowFullWidthQuestion": "allow-full-width-question",
    }
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        options = self.options
        marks = "".join(
            mark
            for mark, allowed in (
                ("!", options.allow_half_width_exclamation),
                ("！", options.allow_full_width_exclamation),
                ("?", options.allow_half_width_question),
                ("？", options.allow_full_width_question),
            )
            if not allowed
        )
        if not marks:
            return
        pattern = re.compile("[" + re.escape(marks) + "]")
        allow = BUILTIN_ALLOWED + options.allow
        for region in prose_regions(doc):
            if not pattern.search(region.text):
                continue
            raw = doc.text[region.start : region.start + len(region.text)]
            skipped = skipped_spans(raw) + _allowed_spans(raw, allow)
            for match in pattern.finditer(region.text):
                if skipped and inside(skipped, match.start(), match.end()):
                    continue
                mark = match.group()
                start = region.start + match.start()
                yield Finding(
                    Span(start, start + 1),
                    f"{_NAMES[mark]}があります。{_ADVICE['!' if mark in '!！' else '?']}",
                )
