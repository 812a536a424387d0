"""## What it finds
A line made only of bold text (`**見出し**`, optionally followed by `：` or
`:`) that acts as a section heading where a Markdown heading belongs.

Bold lines that are not headings are left alone: a bold sentence (ending in
。 or holding more than one sentence), a bold line longer than `max-chars`, a
bold link (a call to action or a book link), a bold note in parentheses, and a
label ending in a colon that introduces a list, table or code block
(`**手順:**` above a list) or has its text on the very next line (Markdown
renders that as a run-in label, the same as `**期待効果**: 本文…` written on
one line, which is left alone too).

## Why it matters
A bold line looks like a heading but is a paragraph: it is missing from the
table of contents and the page outline, screen readers and search engines do
not see a section, and heading checks (empty or repeated sections) cannot see
it either. When text follows on the very next line, Markdown even renders the
"heading" and the text as one paragraph.

## Example
```markdown
## 導入の背景

**現場が抱えていた課題**

受注の確認を電話とファクスで行っていたため、転記の誤りが月に数件ありました。
```

## Use instead
```markdown
## 導入の背景

### 現場が抱えていた課題

受注の確認を電話とファクスで行っていたため、転記の誤りが月に数件ありました。
```

## Options
- `max-chars` (default 60): bold lines with more characters than this (markup
  not counted) are emphasised sentences, not headings.

## Fix safety
Unsafe: replaces the bold line with an ATX heading one level below the last
Markdown heading before it (`##` when there is none) and drops a trailing
colon. The level is a guess from context and may not be what the author meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.sections import PSEUDO_MAX_CHARS, Heading, display_title, pseudo_acts_as_heading

_TRAILING_COLON = re.compile(r"[ \t]*[:：][ \t]*$")


class Options(RuleOptions):
    max_chars: int = option(PSEUDO_MAX_CHARS, "Bold lines longer than this are emphasised sentences, not headings.")


class PseudoHeading(Rule[Options]):
    name = "pseudo-heading"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        for heading in doc.headings:
            if heading.kind == "pseudo" and pseudo_acts_as_heading(
                doc.text, doc.lines, doc.blocks, heading, self.options.max_chars
            ):
                yield self._finding(doc, heading, heading.level)

    def _finding(self, doc: Document, heading: Heading, level: int) -> Finding:
        line_text = doc.lines.line_text(heading.line)
        start = doc.lines.line_start(heading.line) + len(line_text) - len(line_text.lstrip())
        end = doc.lines.line_end(heading.line)
        raw_title = doc.text[heading.title_span.start : heading.title_span.end]
        replacement = "#" * level + " " + _TRAILING_COLON.sub("", raw_title).strip()
        if heading.line < doc.lines.line_count and doc.lines.line_text(heading.line + 1).strip():
            replacement += "\n"  # text on the next line would otherwise run into the heading's paragraph
        title = display_title(doc.text, heading)
        span = Span(start, end)
        return Finding(
            span,
            f"太字だけの行「{title}」が見出しの代わりになっているので、"
            f"「{'#' * level} {title}」のような Markdown の見出しにしてください。",
            fix=Fix.replace(span, replacement, "unsafe"),
        )
