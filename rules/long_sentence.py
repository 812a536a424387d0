"""## What it finds
A sentence longer than `max` characters (default 100). Sentences are split the
Japanese way (after 。！？, not inside a 「」『』（） that closes on its line; a
quotation that is the whole line is read as its sentences). A line of a
paragraph that stops without 。！？ runs on into the next line, as the rendered
paragraph does (Markdown joins the lines of a paragraph, and the line break
shows as a space, which counts one character). A bold line with text on the
very next line is part of that paragraph too: the page shows
「**対象：** 本文…」 on one line, so without 。！？ at its end the bold line
counts with the sentence under it (pseudo-heading reports such a line when it
stands for a heading; once it is a `##` heading, the sentence is measured on its
own). What a reader does not read as prose does not count: inline code, URLs,
link targets, Markdown markup and HTML tags.
Quotations in a blockquote are not the author's sentences and are left alone.

## Why it matters
Generated Japanese prose strings clauses together with 、 and 〜ことで until a
sentence carries three ideas; a reader loses the subject halfway. Long
sentences are the first thing an editor splits.

## Example
```markdown
生成AIを業務に導入する際には、まず現場の担当者が日々どのような作業にどれだけの時間を使っているかを丁寧に洗い出したうえで、自動化によって削減できる工数と品質への影響を試算し、経営層と合意してから段階的に展開していく必要があります。
```

## Use instead
```markdown
生成AIを業務に導入する前に、現場の作業と時間を洗い出します。次に、削減できる工数と品質への影響を試算します。経営層と合意してから、段階的に展開します。
```

## Options
- `max` (default 100): the longest sentence allowed, in characters (code points).
- `skip-patterns` (default none): textlint-style patterns (`/regex/flags` or plain
  text) whose matches are not counted, e.g. `"/（[^）]*）/"` for parenthesised asides.
- `skip-url-string-link` (default true): URLs the page shows as text (a bare
  URL, `<https://…>`, a link whose text is its URL) do not count; `false`
  counts them, as textlint's `skipUrlStringLink: false` does. Link targets
  never count.

## Fix safety
No fix: where to split a sentence is a writer's decision.

## textlint
Replaces `sentence-length` (textlint-rule-sentence-length, in both
textlint-rule-preset-japanese and textlint-rule-preset-ja-technical-writing).
Supported options: `max`, `skipPatterns`, `skipUrlStringLink`. Deliberate differences: inline code does not count (textlint
counts its text), the text of bold or italic markup is split at 。 like any
other text (textlint measures `**一文目。二文目。**` as one sentence), a quotation that is a whole
line counts sentence by sentence, and a name's initials (「T. Rowe」) do not end
a sentence (textlint's splitter ends it there). docs/style-parity.md counts each
difference on the corpus. As upstream,
a line break without 。！？ before it does not end a sentence (and counts as one
character), a bold line runs on into the text under it, and a paragraph or
list item that is nothing but one link (a reference list's `[長い記事の題](URL)`)
is not measured: its text is a title, not a sentence of the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.inline import MASKS, URL
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import ends_open, runs_on, textlint_pattern, visible_length, visible_text
from jalint.sentences import Sentence

class Options(RuleOptions):
    max: int = option(100, "Longest sentence allowed, in characters.")
    skip_patterns: tuple[str, ...] = option((), "Text (or /regex/) whose matches do not count.")
    skip_url_string_link: bool = option(True, "URLs shown as text (bare, or a link's text) do not count.")


# One Markdown link (inline, reference or autolink) and nothing else, optionally bold or italic.
_ONLY_A_LINK = re.compile(r"[*_]*(?:\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])|<[a-z]+://[^>\s]+>)[*_]*", re.IGNORECASE)


def _only_a_link(doc: Document, block_index: int) -> bool:
    block = doc.blocks[block_index]
    span = block.content or block.span
    return _ONLY_A_LINK.fullmatch(doc.text[span.start : span.end].strip()) is not None


def _skipped(text: str, patterns: tuple[str, ...]) -> int:
    return sum(len(m.group(0)) for item in patterns for m in textlint_pattern(item).finditer(text))


class LongSentence(Rule[Options]):
    name = "long-sentence"
    category = "style"
    scope = "document"
    severity = "warning"
    textlint = ("sentence-length",)
    textlint_options = {"max": "max", "skipPatterns": "skip-patterns", "skipUrlStringLink": "skip-url-string-link"}
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        for run in _running_sentences(doc):
            if doc.blocks[run[0].block_index].container == "blockquote":
                continue
            length = _rendered_length(run)
            if not self.options.skip_url_string_link:
                length += sum(_shown_url_length(doc, sentence) for sentence in run)
            if length <= self.options.max or _only_a_link(doc, run[0].block_index):
                continue
            if self.options.skip_patterns:
                length -= sum(_skipped(sentence.text, self.options.skip_patterns) for sentence in run)
                if length <= self.options.max:
                    continue
            if run[-1].block_index != run[0].block_index:
                message = (
                    f"太字の行が次の行の文とつながって1文として表示され、合わせて{length}文字あり、"
                    f"上限の{self.options.max}文字を超えています。太字の行を見出し（##）にするか、文を分けてください。"
                )
            else:
                message = f"1文が{length}文字あり、上限の{self.options.max}文字を超えています。文を分けるか言葉を削ってください。"
            yield Finding(Span(_start(doc, run[0]), run[-1].span.end), message)


_EDGE = frozenset(MASKS) | {" ", "\t"}  # what may stand between a sentence's span and a link beside it


def _shown_url_length(doc: Document, sentence: Sentence) -> int:
    """Characters of the URLs the page shows in a sentence (bare, `<…>` or a link's text), not link targets.

    A sentence's span leaves out markup at its edges, where a link often stands
    (「詳細は [https://…](https://…)」), so the span is widened over the masked
    text (and spaces) on both sides first.
    """
    masked, start, end = doc.masked, sentence.span.start, sentence.span.end
    while start > 0 and masked[start - 1] in _EDGE:
        start -= 1
    while end < len(masked) and masked[end] in _EDGE:
        end += 1
    text = doc.text[start:end]
    return sum(len(match.group()) for match in URL.finditer(text) if not text.endswith("](", 0, match.start()))


def _start(doc: Document, sentence: Sentence) -> int:
    """Where a run begins: a bold line's sentence at its line (the `**` the reader sees as the start), else itself."""
    block = doc.blocks[sentence.block_index]
    if block.kind == "pseudo_heading" and not visible_text(doc.masked[block.span.start : sentence.span.start]).strip():
        return block.span.start
    return sentence.span.start


def _rendered_length(run: list[Sentence]) -> int:
    """Characters the page shows: a line break inside the sentence renders as a space and counts one, as in textlint."""
    return sum(visible_length(sentence.text) + sentence.text.count("\n") for sentence in run) + len(run) - 1


def _running_sentences(doc: Document) -> Iterator[list[Sentence]]:
    """The prose sentences, those cut only by a line break joined with the next (one rendered sentence).

    A bold line with text on the very next line is one Markdown paragraph with
    that text, and the page shows the two run in (「**見出し** 本文…」): without
    a 。！？ at its end, the bold line counts with the sentence under it.
    """
    run: list[Sentence] = []
    for sentence in _sentences(doc):
        if run and not _continues(doc, run[-1], sentence):
            yield run
            run = []
        run.append(sentence)
    if run:
        yield run


def _sentences(doc: Document) -> list[Sentence]:
    """The prose sentences, with those of a bold line standing as a heading that has text right under it."""
    run_in = [s for s in doc.heading_sentences if _has_run_in_text(doc, s.block_index)]
    if not run_in:
        return doc.prose_sentences
    return sorted([*doc.prose_sentences, *run_in], key=lambda sentence: sentence.span.start)


def _has_run_in_text(doc: Document, block_index: int) -> bool:
    """A bold-line block whose paragraph goes on, on the very next line (split off it by the parser)."""
    block = doc.blocks[block_index]
    following = doc.blocks[block_index + 1] if block_index + 1 < len(doc.blocks) else None
    return (
        block.kind == "pseudo_heading"
        and following is not None
        and following.kind == "paragraph"
        and following.line == block.line + 1
    )


def _continues(doc: Document, previous: Sentence, sentence: Sentence) -> bool:
    if sentence.block_index == previous.block_index:
        return runs_on(doc, previous)
    return (
        sentence.block_index == previous.block_index + 1
        and _has_run_in_text(doc, previous.block_index)
        and ends_open(previous)
    )
