"""## What it finds
A sentence with more than `max` commas `,` (default 3).

The finding points at the last one. Commas in inline code, URLs and link targets do not count, nor do the
thousands separators of a number (1,200,000).

## Why it matters
A Japanese sentence that strings half-width commas together is usually a list
of English terms or a sentence that should have been two. Either way the
reader has to hold too many items at once.

## Example
```markdown
対応する形式はCSV, JSON, XML, YAML, TOMLです。
```

## Use instead
```markdown
対応する形式は次の5つです：CSV、JSON、XML、YAML、TOML。売上は1,200,000円、経費は350,000円でした。
```

## Options
- `max` (default 3): the most commas allowed in one sentence.

## Fix safety
No fix: whether to split the sentence, make a list or use 、 is a writer's decision.

## textlint
Replaces `max-comma` (textlint-rule-max-comma, in
textlint-rule-preset-ja-technical-writing, which sets `max: 3`; the rule's own
default is 4). Supported options: `max`. Like upstream, only the half-width
`,` counts (not `，` or `、`) and inline code does not. Deliberate differences:
thousands separators in numbers do not count (upstream reports
「売上は1,200,000円、経費は3,500,000円」); a line break inside a paragraph
ends a sentence; and upstream reports at a position relative to the sentence
but applied to the paragraph, which lands on the wrong line after the first
sentence of a multi-line paragraph; here it is the comma itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.sentences import Sentence

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


class Options(RuleOptions):
    max: int = option(3, "Most commas allowed in one sentence.")


class TooManyCommas(Rule[Options]):
    name = "too-many-commas"
    category = "style"
    scope = "sentence"
    severity = "warning"
    textlint = ("max-comma",)
    textlint_options = {"max": "max"}
    Options = Options

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        limit = self.options.max
        if text.count(",") <= limit:
            return
        grouping = {m.start() for m in _THOUSANDS.finditer(text)}
        commas = [i for i, ch in enumerate(text) if ch == "," and i not in grouping]
        if len(commas) <= limit:
            return
        start = sentence.span.start + commas[-1]
        yield Finding(
            Span(start, start + 1),
            f"1文にカンマ「,」が{len(commas)}個あります（上限{limit}）。文を分けるか、箇条書きや「、」を使ってください。",
        )
