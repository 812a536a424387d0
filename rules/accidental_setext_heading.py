"""## What it finds
A line of prose directly above a line of only `---` (or `===`), which Markdown
renders as a setext heading although a paragraph followed by a horizontal rule
was meant. A short, title-like single line (no sentence-final 。, not longer
than `max-title-chars`) above the underline is taken as an intentional setext
heading and left alone; several lines, a sentence, a question or exclamation
with a clause break, and a separator-like marker (`---END---`) are not.

## Why it matters
Generated posts often close a part with a question to the reader and then a
`---` separator, with no blank line in between. The renderer turns the whole
paragraph into a large `<h2>` (an `<h1>` for `===`): the page shows a shouting
sentence, the table of contents gains a bogus entry, and the separator is gone.

## Example
```markdown
あなたの職場では、AIをどのように活用していますか？ぜひ考えてみてください。
---

## 次の話題
```

## Use instead
```markdown
あなたの職場では、AIをどのように活用していますか？ぜひ考えてみてください。

---

## 次の話題
```

## Options
- `max-title-chars` (default 40): a single line without sentence punctuation
  and at most this many characters above the underline counts as an
  intentional setext heading (「はじめに」 above `===`).

## Fix safety
Safe: inserts a blank line before the underline, so the text stays a paragraph
and `---` becomes the horizontal rule that was meant (a `===` line becomes a
line of text). Nothing is deleted.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.blocks import Block
from jalint.document import Document
from jalint.frontmatter import is_front_matter_copy
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.sections import SETEXT_MAX_TITLE_CHARS, setext_is_accidental



class Options(RuleOptions):
    max_title_chars: int = option(
        SETEXT_MAX_TITLE_CHARS,
        "A single line without sentence punctuation up to this long is an intentional setext heading.",
    )


class AccidentalSetextHeading(Rule[Options]):
    name = "accidental-setext-heading"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "block"
    severity = "warning"
    fix_safety = "safe"
    Options = Options

    def check(self, block: Block, doc: Document) -> Iterator[Finding]:
        if not setext_is_accidental(doc.lines, block, self.options.max_title_chars):
            return
        if is_front_matter_copy(doc.lines, block.line, block.end_line - 1):
            return  # a copied front matter: generation-leftover reports it (and deletes it whole)
        underline = doc.lines.line_text(block.end_line).strip()
        first = doc.lines.line_text(block.line)
        start = doc.lines.line_start(block.line) + len(first) - len(first.lstrip())
        yield Finding(
            Span(start, doc.lines.line_end(block.end_line - 1)),
            f"直後の「{underline}」の行のせいでこの文が見出しとして表示されるので、"
            "段落と区切り線のつもりなら間に空行を入れてください。",
            fix=Fix.insert(doc.lines.line_start(block.end_line), "\n", "safe"),
        )
