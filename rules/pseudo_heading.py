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

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule, option
from jalint.rules.accidental_setext_heading import is_accidental_setext
from jalint.sections import Heading

DEFAULT_MAX_CHARS = 60

_TRAILING_COLON = re.compile(r"[ \t]*[:：][ \t]*$")
_LINE_ENDS_IN_COLON = re.compile(r"[:：][ \t]*(\*\*|__)?[ \t]*$")
_SENTENCE_END = re.compile(r"[。．.]$")
_INNER_SENTENCE_END = re.compile(r"。.")
_LINK_ONLY = re.compile(r"^!?\[[^\]]*\]\([^)]*\)$")
_EMPHASIS = re.compile(r"\*\*|__")
_PARENTHETICAL = re.compile(r"^[（(].*[）)]$")
_CLOSERS = "」』）)】\"'”"
# What a colon label may introduce without being a section heading.
_CAPTIONED_KINDS = frozenset({"list_item", "table", "code"})


@dataclass(frozen=True)
class Options:
    max_chars: int = option(DEFAULT_MAX_CHARS, "Bold lines longer than this are emphasised sentences, not headings.")


def acts_as_heading(doc: Document, heading: Heading, max_chars: int = DEFAULT_MAX_CHARS) -> bool:
    """Whether a pseudo-heading of the document model really works as a section heading.

    The model splits off every bold-only first line; emphasised sentences, bold
    links and list captions among them are prose, which the heading rules must
    neither report nor treat as section boundaries.
    """
    raw = doc.text[heading.title_span.start : heading.title_span.end].strip()
    if _LINK_ONLY.match(raw) or _PARENTHETICAL.match(heading.title):
        return False
    title = _TRAILING_COLON.sub("", heading.title).rstrip(_CLOSERS + " ")
    if not title or len(heading.title) > max_chars:
        return False
    if _SENTENCE_END.search(title) or _INNER_SENTENCE_END.search(title):
        return False
    return not _is_label(doc, heading)


def _is_label(doc: Document, heading: Heading) -> bool:
    """A bold label ending in a colon that names what follows rather than opening a section.

    Above a list, table or code block it is that block's caption. With text on
    the very next line, Markdown joins the two into one paragraph, so the page
    shows a run-in label (「**課題**: 本文…」), the same as one written on a line.
    """
    if not _LINE_ENDS_IN_COLON.search(doc.lines.line_text(heading.line)):
        return False
    if heading.line < doc.lines.line_count and doc.lines.line_text(heading.line + 1).strip():
        return True
    following = heading.block_index + 1
    return following < len(doc.blocks) and doc.blocks[following].kind in _CAPTIONED_KINDS


def display_title(doc: Document, heading: Heading) -> str:
    """The title as written, for messages: inline code stays readable, emphasis markers and a trailing colon go."""
    raw = doc.text[heading.title_span.start : heading.title_span.end]
    return _TRAILING_COLON.sub("", _EMPHASIS.sub("", raw)).strip()


def structural_headings(doc: Document) -> list[Heading]:
    """The headings a reader sees as section headings, with pseudo-heading levels from them.

    Markdown headings count unless they are accidental setext headings (a
    paragraph above `---`); pseudo-headings count when `acts_as_heading`. A
    pseudo-heading sits one level below the last counted Markdown heading (2
    when there is none). Shared by the heading rules through `Document.memo`.
    """
    return doc.memo("heading-rules:structural-headings", _compute_structural_headings)


def _compute_structural_headings(doc: Document) -> list[Heading]:
    result: list[Heading] = []
    last_real_level = 1
    for heading in doc.headings:
        if heading.kind == "pseudo":
            if acts_as_heading(doc, heading):
                result.append(dataclasses.replace(heading, level=min(last_real_level + 1, 6)))
        elif not is_accidental_setext(doc, doc.blocks[heading.block_index]):
            last_real_level = heading.level
            result.append(heading)
    return result


def heading_lines(doc: Document, heading: Heading) -> tuple[int, int]:
    """First and last line of a heading (a setext heading includes its underline)."""
    block = doc.blocks[heading.block_index]
    return block.line, block.end_line


class PseudoHeading(Rule[Options]):
    name = "pseudo-heading"
    category = "structure"
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        levels = {h.block_index: h.level for h in structural_headings(doc) if h.kind == "pseudo"}
        for heading in doc.headings:
            if heading.kind != "pseudo" or not acts_as_heading(doc, heading, self.options.max_chars):
                continue
            level = levels.get(heading.block_index, heading.level)
            yield self._finding(doc, heading, level)

    def _finding(self, doc: Document, heading: Heading, level: int) -> Finding:
        line_text = doc.lines.line_text(heading.line)
        start = doc.lines.line_start(heading.line) + len(line_text) - len(line_text.lstrip())
        end = doc.lines.line_end(heading.line)
        raw_title = doc.text[heading.title_span.start : heading.title_span.end]
        replacement = "#" * level + " " + _TRAILING_COLON.sub("", raw_title).strip()
        if heading.line < doc.lines.line_count and doc.lines.line_text(heading.line + 1).strip():
            replacement += "\n"  # text on the next line would otherwise run into the heading's paragraph
        title = display_title(doc, heading)
        span = Span(start, end)
        return Finding(
            span,
            f"太字だけの行「{title}」が見出しの代わりになっているので、"
            f"「{'#' * level} {title}」のような Markdown の見出しにしてください。",
            fix=Fix.replace(span, replacement, "unsafe"),
        )
