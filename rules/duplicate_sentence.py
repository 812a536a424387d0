"""## What it finds
A sentence of some length that repeats, word for word (after folding width and
whitespace), a sentence earlier in the body. Sentences inside a paragraph that
duplicate-paragraph already reports are left to that rule, and so is the
restart of a cut-off paragraph (truncated-paragraph names it).

## Why it matters
Generators close a paragraph with a question or a summary and then repeat it as
the opening of the next one, or reuse a stock sentence several times. One
repetition is enough for a reader to notice that nobody edited the text.

## Example
```markdown
需要予測の精度は、季節要因と天候データを加えたことで大きく改善しました。

その後、現場の担当者にも結果を共有し、翌月の発注計画を一緒に立てる会議を毎週開くようにしました。需要予測の精度は、季節要因と天候データを加えたことで大きく改善しました。
```

## Use instead
```markdown
需要予測の精度は、季節要因と天候データを加えたことで大きく改善しました。

その後、現場の担当者にも結果を共有し、翌月の発注計画を一緒に立てる会議を毎週開くようにしました。
```

## Options
- `min-chars` (default 25): sentences shorter than this (normalised) may repeat,
  so stock phrases such as 「詳しく見ていきましょう。」 are not reported.

## Fix safety
Unsafe (`--unsafe-fixes`, review with `--diff`): deletes the later copy, keeping
the first place as duplicate-paragraph does; which place should keep the
sentence is an editorial choice, hence unsafe. Only in paragraphs (an emptied
list item or table cell would be a new defect). `--fix` checks that no sentence
is lost (docs/repair.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Finding, Fix, option, Related, Rule, RuleOptions
from jalint.rules._paragraphs import Paragraph, analyse, copied_items, sentence_keys, sentences_in, through_spaces
from jalint.sentences import Sentence
from jalint.text import normalise


class Options(RuleOptions):
    min_chars: int = option(25, "Sentences shorter than this (normalised) are not compared.")


def _restart_pair(first: Paragraph | None, second: Paragraph | None) -> bool:
    """One of the two paragraphs is cut off and the other holds its text and goes on."""
    if first is None or second is None or first is second:
        return False
    return (not first.complete and first.key in second.key) or (not second.complete and second.key in first.key)


def _delete_repeat(doc: Document, sentence: Sentence) -> Fix | None:
    """Delete the later copy: the sentence (and the spaces after it), or its paragraph if it is all there is.

    Only in a paragraph: a list item or table cell left empty would be a new defect.
    """
    block = doc.blocks[sentence.block_index]
    if block.kind != "paragraph":
        return None
    others = [s for s in sentences_in(doc, sentence.block_index) if s is not sentence and normalise(s.text)]
    if others:
        return Fix.delete(through_spaces(doc, sentence.span.start, sentence.span.end))
    if block.top_level:
        return Fix.delete(doc.removal_span(block.line, block.end_line))
    return None


class DuplicateSentence(Rule[Options]):
    name = "duplicate-sentence"
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "warning"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        index = analyse(doc)
        copies = {id(copy.paragraph.block) for copy in index.copies.values()}
        items = [item.span for item in copied_items(doc)]
        paragraph_of = {id(p.block): p for p in index.paragraphs}
        seen: dict[str, Sentence] = {}
        for sentence, key in zip(doc.sentences, sentence_keys(doc), strict=True):
            if len(key) < self.options.min_chars:
                continue
            block = doc.blocks[sentence.block_index]
            if id(block) in copies or any(span.start <= sentence.span.start < span.end for span in items):
                continue  # the whole paragraph, list item or table row is a reported copy (duplicate-paragraph)
            first = seen.get(key)
            if first is None:
                seen[key] = sentence
                continue
            earlier = paragraph_of.get(id(doc.blocks[first.block_index]))
            if _restart_pair(earlier, paragraph_of.get(id(block))):
                continue
            line = doc.lines.line_of(first.span.start)
            yield Finding(
                sentence.span,
                f"この文は {line} 行目の文の繰り返しです。どちらか一方を削除してください。",
                related=(Related(first.span, f"既出の文（{line} 行目）"),),
                fix=_delete_repeat(doc, sentence),
            )
