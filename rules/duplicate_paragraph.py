"""## What it finds
A body paragraph whose text repeats an earlier paragraph of the same post.
Paragraphs are compared after normalisation: full-width and half-width forms
are folded (NFKC), whitespace and emphasis markers are ignored.

## Why it matters
Generation pipelines that "continue" an article often append text that is
already there. Readers notice at once, and search engines treat the page as
low quality. The later copy is reported; the first copy is the related place.

## Example
```markdown
生成AIの導入では、まず対象業務を絞り込むことが大切です。

効果測定の指標も最初に決めておきます。

生成AIの導入では、まず対象業務を絞り込むことが大切です。
```

## Use instead
```markdown
生成AIの導入では、まず対象業務を絞り込むことが大切です。

効果測定の指標も最初に決めておきます。
```

## Options
- `min-chars` (default 20): paragraphs shorter than this (after normalisation)
  are not compared, so short stock phrases such as 「以下に示します。」 may repeat.

## Fix safety
Unsafe: deletes the later copy. It is unsafe because the author may have meant
to keep the later place and delete the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Related, Rule, option
from jalint.text import normalise

@dataclass(frozen=True)
class Options:
    min_chars: int = option(20, "Paragraphs shorter than this (normalised) are not compared.")


class DuplicateParagraph(Rule[Options]):
    name = "duplicate-paragraph"
    category = "structure"
    scope = "document"
    severity = "error"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        first_seen: dict[str, Span] = {}
        for _index, block in doc.paragraphs:
            span = block.content or block.span
            key = normalise(doc.plain(span))
            if len(key) < self.options.min_chars:
                continue
            original = first_seen.get(key)
            if original is None:
                first_seen[key] = span
                continue
            first_line = doc.lines.line_of(original.start)
            yield Finding(
                span,
                f"この段落は {first_line} 行目の段落と同じ内容です。重複している方を削除してください。",
                related=(Related(original, "最初に現れた同じ段落"),),
                fix=Fix.delete(doc.removal_span(block.line, block.end_line), "unsafe"),
            )
