"""## What it finds
An opening bracket or quote that is never closed in its paragraph, or a
closing 」 or 』 with no opening one.

The pairs are 「」 『』 （） () 【】 ［］ [] ｛｝ {} 〚〛 «» ‹› “” and the ASCII
double quote. Paragraphs and list items are
checked; code, URLs, link text and targets, HTML, headings, tables and
quotations in a blockquote are not.

A paragraph that stops in the middle of a 「…」 or （…） at its very end, or
that a 「 or （ opens and that stops without finishing its sentence (a quotation
or aside cut off with the paragraph), is left to `truncated-paragraph` and
`truncated-document`, which report the cut. A bracket in text the post already
said (a copied paragraph or fragment) is reported at its first place only: the
copy is duplicate-paragraph's, and its fix is deleting it.

## Why it matters
A bracket left open makes the reader look for where the quotation or the
aside ends; often a sentence was cut or edited and half of a pair went with
it.

## Example
```markdown
この手法は「検索拡張生成と呼ばれ、多くの企業で使われています。次の段落で詳しく説明します。
```

## Use instead
```markdown
この手法は「検索拡張生成」と呼ばれ、多くの企業で使われています。次の段落で詳しく説明します。
```

## Options
None.

## Fix safety
No fix: only the writer knows where the quotation or the aside was meant to end.

## textlint
Replaces `no-unmatched-pair` (@textlint-rule/textlint-rule-no-unmatched-pair,
in textlint-rule-preset-ja-technical-writing). No options upstream. Like
upstream, pairs are matched within a paragraph (upstream's sentences never
end inside an open bracket), an interleaved 「（」） is accepted, and code,
link text, blockquotes and HTML comments are skipped. Deliberate differences:
- a paragraph that ends inside an open 「 or （ without finishing its sentence
  is the truncation rules' finding, not this one's (upstream reports the
  bracket); a stray 」 in the next paragraph, closing that cut quotation, is
  not reported either;
- brackets of the same kind nest: in 「A「B」 the first 「 is unclosed
  (upstream ignores the inner 「 and pairs the 」 with the first);
- a stray closing 」 or 』 is reported (upstream reports only unclosed
  openers; a stray ) ] } is still left alone, since 1) and a) number items);
- brackets inside **bold** and *emphasis* count (upstream skips them), and
  “” is a pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.inline import MASKS
from jalint.positions import Span
from jalint.rule import Finding, Rule
from jalint.rules._counting import inside, skipped_spans

PAIRS = {
    "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "［": "］", "[": "]",
    "｛": "｝", "{": "}", "〚": "〛", "«": "»", "‹": "›", "“": "”",
}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_REPORTED_STRAYS = frozenset("」』")
_SIGNIFICANT = frozenset(PAIRS) | frozenset(_CLOSERS) | {'"'}
_SIGNIFICANT_RE = re.compile("[" + re.escape("".join(sorted(_SIGNIFICANT))) + "]")
_TERMINATORS = "。．！？!?"
_CUT_OFF_OPENERS = frozenset("「（")  # what the truncation rules recognise at a paragraph's end


class UnmatchedBracket(Rule):
    name = "unmatched-bracket"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    textlint = ("no-unmatched-pair",)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        carried: list[str] = []  # brackets left open by a cut-off paragraph just before
        quotes = [block.span for block in doc.blocks if block.kind == "blockquote"]
        for block in doc.blocks:
            quoted = block.container == "blockquote" or any(q.contains(block.span) for q in quotes)
            if block.kind != "paragraph" or block.content is None or quoted:
                if block.kind not in ("list_item", "blockquote"):  # containers come before their paragraphs
                    carried = []
                continue
            span = block.content
            text = doc.masked[span.start : span.end]
            if not _SIGNIFICANT.intersection(text):
                carried = []
                continue
            skipped = skipped_spans(doc.text[span.start : span.end], emphasis=False)
            findings, carried = _unmatched(text, span.start, skipped, carried)
            yield from findings


def _unmatched(
    text: str, base: int, skipped: list[tuple[int, int]], carried: list[str]
) -> tuple[list[Finding], list[str]]:
    """Findings for one paragraph, and the brackets its cut-off end leaves open for the next one.

    A paragraph cut in the middle of 「…」 and continued in the next paragraph
    is one problem, the cut, which the truncation rules report: the brackets
    it leaves open are `carried` into the next paragraph and close there silently.
    """
    open_: list[tuple[str, int]] = [(ch, -1) for ch in carried]  # (opener, offset), innermost last
    strays: list[tuple[str, int]] = []
    for match in _SIGNIFICANT_RE.finditer(text):
        i, ch = match.start(), match.group()
        if skipped and inside(skipped, i, i + 1):
            continue
        if ch == '"':
            at = next((k for k in range(len(open_) - 1, -1, -1) if open_[k][0] == '"'), None)
            if at is None:
                open_.append((ch, i))
            else:
                del open_[at]
        elif ch in PAIRS:
            open_.append((ch, i))
        else:
            opener = _CLOSERS[ch]
            at = next((k for k in range(len(open_) - 1, -1, -1) if open_[k][0] == opener), None)
            if at is not None:
                del open_[at]
            elif ch in _REPORTED_STRAYS:
                strays.append((ch, i))
    cut_from = _cut_off_tail(text)
    findings: list[Finding] = []
    left_open: list[str] = []
    for ch, i in sorted(open_ + strays, key=lambda item: item[1]):
        if i < 0:
            continue  # carried from the previous paragraph and not closed here either
        if ch in _CLOSERS:
            message = f"閉じかっこ「{ch}」に対応する「{_CLOSERS[ch]}」がありません。「{_CLOSERS[ch]}」を補うか、「{ch}」を削除してください。"
        elif cut_from is not None and ch in _CUT_OFF_OPENERS and (i >= cut_from or not text[:i].strip(MASKS + " \t　")):
            left_open.append(ch)  # the paragraph is cut off here: the truncation rules report it
            continue
        else:
            close = PAIRS.get(ch, '"')
            message = f"「{ch}」が閉じていません。対応する「{close}」を補うか、不要な「{ch}」を削除してください。"
        findings.append(Finding(Span(base + i, base + i + 1), message))
    return findings, left_open


def _cut_off_tail(text: str) -> int | None:
    """Where the unfinished last sentence starts when the paragraph does not end a sentence, else None."""
    visible = text.rstrip(MASKS + " \t\n　")
    if visible.rstrip("".join(_CLOSERS) + '"' + MASKS)[-1:] in tuple(_TERMINATORS):
        return None
    return max(visible.rfind(ch) for ch in _TERMINATORS) + 1
