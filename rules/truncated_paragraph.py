"""## What it finds
A body paragraph that stops mid-sentence or mid-word, before the last paragraph
of the article (that one is truncated-document's). A missing 。 alone is not
enough; the rule needs evidence:

- the same text goes on elsewhere: another paragraph repeats this one and
  continues (a cut-off paragraph that was restarted; it is named as related);
- the paragraph ends in 、 or leaves 「 or （ open;
- an earlier sentence of the paragraph ends with 。 but the last does not;
- the last word is grammatically open (from the tokens): a case, binding or
  conjunctive particle (が, を, は, て …), a continuative or attributive form,
  an adverb, a prenominal, a conjunction or a prefix.

Not reported: list intros (a paragraph followed by a list, table or code),
captions (図1, 出典 …), link-only and call-to-action lines, labels, English
text, headings, quotes, and 体言止め (a paragraph ending in a noun with no other
evidence).

## Why it matters
Generators stop at a token limit mid-word, and "completion" jobs then restart
the paragraph further down. The reader sees a sentence break off. textlint's
ja-no-mixed-period finds these too, but about a third of what it flags is fine.

## Example
```markdown
配送計画の自動化で、ドライバーの待機時間は大幅に

需要予測の精度は、季節要因を入れることで改善しました。
```

## Use instead
```markdown
配送計画の自動化で、ドライバーの待機時間は大幅に減りました。

需要予測の精度は、季節要因を入れることで改善しました。
```

## Options
- `appendix-headings` (default: 関連記事, あわせて読みたい, おすすめ書籍,
  ご相談 … as regular expressions): headings that start the appended part of a
  post (related posts, books, consulting); paragraphs from there on are not
  judged.

## Fix safety
Unsafe, and only where the text is restarted (`--unsafe-fixes`; review with
`--diff`): the complete restart takes the fragment's place and leaves its own
(or, when it stands earlier, the fragment goes), so the article keeps one whole
copy where the reader met it first. Without a restart the missing words are
unknown: no fix. `--fix` checks that no sentence of the post is lost (see
docs/repair.md).

## textlint
Together with truncated-document, replaces `ja-no-mixed-period`
(textlint-rule-ja-no-mixed-period, in textlint-rule-preset-ja-technical-writing).
That rule reports every paragraph that does not end in 。, which includes
labels, captions and lines ending in a URL or an emoji; on the sampled corpus
28% of its reports were not cut-offs (docs/accuracy.md). This rule reports
only paragraphs with evidence of a cut, so `periodMark` and its allow lists
have no equivalent.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Edit, Finding, Fix, Rule
from jalint.rules._paragraphs import analyse
from jalint.rules._truncation import AppendixOptions as Options
from jalint.rules._truncation import Cut, article_paragraphs, judge


def repair(doc: Document, cut: Cut) -> Fix | None:
    """Keep one complete copy of a restarted paragraph, where the reader meets it first.

    A restart further down takes the fragment's place and leaves its own; a
    restart further up already stands first, so the fragment just goes. Without
    a restart the missing words are unknown: no fix.
    """
    restart = cut.restart
    if restart is None:
        return None
    fragment = cut.block
    if restart.block.line < fragment.line:
        return Fix.delete(doc.removal_span(fragment.line, fragment.end_line))
    complete = doc.text[restart.block.span.start : restart.block.span.end]
    return Fix(
        (Edit(fragment.span, complete), Edit(doc.removal_span(restart.block.line, restart.block.end_line), "")),
        "unsafe",
    )


class TruncatedParagraph(Rule[Options]):
    name = "truncated-paragraph"
    textlint = ("ja-no-mixed-period",)
    category = "structure"
    fix_keeps_every_sentence = True
    scope = "document"
    severity = "error"
    needs_tokens = True
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        index = analyse(doc)
        paragraphs = article_paragraphs(doc, index, self.options.appendix_headings)
        for paragraph, next_block in paragraphs[:-1]:  # the last one is truncated-document's
            cut = judge(doc, index, paragraph, next_block)
            if cut is not None:
                finding = cut.finding(
                    "段落が文の途中で切れています（{reason}）。文を完成させるか、途中までの段落を削除してください。",
                    "書き直された続き",
                )
                yield finding._replace(fix=repair(doc, cut))
