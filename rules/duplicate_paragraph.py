"""## What it finds
A body paragraph that repeats text from earlier in the same post:

- an exact copy (after folding width, whitespace and emphasis markers);
- a near copy (rapidfuzz similarity at or above `near-threshold`);
- a merged copy: one paragraph (often one long line) mostly made of earlier
  paragraphs joined together; the message names the lines it holds;
- a fragment: a paragraph whose whole text stands inside an earlier one, such as
  the tail of an earlier paragraph repeated on its own.

The later copy is reported, with the earlier place(s) as related. The full
restart of a cut-off paragraph is not reported here: truncated-paragraph reports
the cut-off paragraph and names the restart.

## Why it matters
Pipelines that "continue" an article append text that is already there, again
and again. Readers notice at once, search engines rate the page as low quality,
and a plain diff review misses a copy that was merged onto one line.

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
- `min-chars` (default 20): paragraphs shorter than this (normalised) are not
  compared, so short stock phrases such as 「以下に示します。」 may repeat.
- `near-threshold` (default 90.0): similarity (0-100, rapidfuzz `ratio`) at or
  above which two paragraphs of similar length count as copies.
- `merged-coverage` (default 0.6): share of a paragraph that earlier paragraphs
  must cover for it to count as a merged copy.

## Fix safety
Unsafe: deletes an exact copy, a fragment, or a merged copy made entirely of
earlier paragraphs (near copies have no fix, since their differences may be
intended). It is unsafe because the author may prefer to keep the later place.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Finding, Fix, option, Related, Rule, RuleOptions
from jalint.rules._paragraphs import FULLY_COVERED, Copy, analyse


class Options(RuleOptions):
    min_chars: int = option(20, "Paragraphs shorter than this (normalised) are not compared.")
    near_threshold: float = option(90.0, "Similarity (0-100) at or above which paragraphs count as copies.")
    merged_coverage: float = option(0.6, "Share of a paragraph that earlier paragraphs must cover.")


def _lines(copy: Copy) -> str:
    return "、".join(str(source.line) for source in copy.sources)


def describe(copy: Copy) -> str:
    lines = _lines(copy)
    if copy.kind == "exact":
        return f"この段落は {lines} 行目の段落と同じ内容です。重複している方を削除してください。"
    if copy.kind == "near":
        return f"この段落は {lines} 行目の段落とほぼ同じ内容です（類似度 {copy.coverage:.0%}）。どちらかにまとめてください。"
    if copy.kind == "fragment":
        return f"この段落は {lines} 行目の段落の一部を繰り返しています。削除してください。"
    return (
        f"この段落は {lines} 行目の段落をつなげた重複です（{copy.coverage:.0%} が既出）。"
        "既出の部分を削除してください。"
    )


class DuplicateParagraph(Rule[Options]):
    name = "duplicate-paragraph"
    category = "structure"
    scope = "document"
    severity = "error"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        options = self.options
        index = analyse(doc, options.min_chars, options.near_threshold, options.merged_coverage)
        for copy in index.copies.values():
            paragraph = copy.paragraph
            related = tuple(
                Related(source.span, f"既出の段落（{source.line} 行目）") for source in copy.sources
            )
            deletable = copy.kind in ("exact", "fragment") or (
                copy.kind == "merged" and copy.coverage >= FULLY_COVERED
            )
            fix = Fix.delete(doc.removal_span(paragraph.block.line, paragraph.block.end_line)) if deletable else None
            yield Finding(paragraph.span, describe(copy), related=related, fix=fix)
