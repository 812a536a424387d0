"""## What it finds
An article whose text proper ends mid-sentence. The last prose paragraph before
the appended part of the post (related-post links, book or consulting blocks,
an `---END---` marker) is judged with the same evidence as
truncated-paragraph: it ends in 、, leaves a bracket open, ends after a
finished sentence without its own 。, or ends on a grammatically open word.

## Why it matters
A generator that hit its token limit leaves the conclusion unfinished; the
post looks abandoned exactly where readers decide whether to trust it.

## Example
```markdown
## まとめ

需要予測は在庫の削減に効果がありました。次の課題は、現場の判断をどう
```

## Use instead
```markdown
## まとめ

需要予測は在庫の削減に効果がありました。次の課題は、現場の判断をどう取り入れるかです。
```

## Options
- `appendix-headings` (default: 関連記事, あわせて読みたい, おすすめ書籍,
  ご相談 … as regular expressions): headings that start the appended part of a
  post; the article proper ends before the first of them.

## Fix safety
No fix: the missing ending is unknown.

## textlint
Together with truncated-paragraph, replaces `ja-no-mixed-period`
(textlint-rule-ja-no-mixed-period, in textlint-rule-preset-ja-technical-writing)
for the article's last paragraph: it reports the ending only when it is really
cut off, not every paragraph without 。 (see truncated-paragraph).
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Finding, Rule
from jalint.rules._paragraphs import analyse
from jalint.rules._truncation import AppendixOptions as Options
from jalint.rules._truncation import article_paragraphs, judge


class TruncatedDocument(Rule[Options]):
    name = "truncated-document"
    textlint = ("ja-no-mixed-period",)
    category = "structure"
    scope = "document"
    severity = "error"
    needs_tokens = True
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        index = analyse(doc)
        paragraphs = article_paragraphs(doc, index, self.options.appendix_headings)
        if not paragraphs:
            return
        paragraph, _next = paragraphs[-1]
        cut = judge(doc, index, paragraph, None)
        if cut is not None:
            yield cut.finding("記事本文が文の途中で終わっています（{reason}）。結びの文を書き足してください。", "同じ文章の続き")
