"""## What it finds
An opening bracket or quote that is never closed in its paragraph, or a
closing 」 or 』 with no opening one.

The pairs are 「」 『』 （） () 【】 ［］ [] ｛｝ {} 〚〛 «» ‹› “” and the ASCII
double quote. Paragraphs and list items are
checked; code, URLs, link text and targets, HTML, headings, tables and
quotations in a blockquote are not.

A paragraph that stops without finishing its sentence while a 「 or （ in it is
still open (a quotation or aside cut off with the paragraph) is left to
`truncated-paragraph` and `truncated-document`, which report the cut; so is the
」 that closes it in one of the next two paragraphs. A quotation opened in one
paragraph and closed in the next or the one after (its first part ends with
？ or 。, so nothing looks cut) is one finding, at the closer, naming the
paragraph where it opened: the text was split or something was spliced in
between. A bracket in text the post already said (a copied paragraph or
fragment) is reported at its first place only: the copy is
duplicate-paragraph's, and its fix is deleting it. A `[` that opens its line
(or list item) and is never closed is a link cut off, most often the last item
of a related-posts list: its message asks to finish the link or delete the
line, since a 「]」 alone would not make a link. A stray 」 in a paragraph that
opens with a particle (its beginning cut off, the 「 with it) gets a message
that says so and asks to restore or delete the paragraph; one in a paragraph
that continues a paragraph cut off mid-sentence names that paragraph and asks
to join the two.

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
- a paragraph that ends without finishing its sentence while a 「 or （ is
  open is the truncation rules' finding, not this one's (upstream reports the
  bracket); the 」 that closes that cut quotation in one of the next two
  paragraphs is not reported either, and a quotation split across paragraphs
  is one finding at its closer (upstream reports the opener alone);
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
from typing import NamedTuple

from jalint.document import Document
from jalint.inline import MASKS
from jalint.positions import Span
from jalint.rule import Finding, Related, Rule
from jalint.rules._ai_writing import LIST_MARKER
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
# Paragraphs an opener left open may wait for its closer: the next one, or the one after a paragraph spliced in.
_WAIT = 2


class _Open(NamedTuple):
    """An opener still open at the end of its paragraph, not reported yet: a later paragraph may close it."""

    char: str
    offset: int  # in the file
    cut: bool  # its paragraph stops mid-sentence with it open: the truncation rules report the cut
    waited: int = 0  # paragraphs since its own


class UnmatchedBracket(Rule):
    name = "unmatched-bracket"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    textlint = ("no-unmatched-pair",)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        waiting: list[_Open] = []  # openers finished paragraphs left open, kept for a closer in the next ones
        quotes = [block.span for block in doc.blocks if block.kind == "blockquote"]
        for index, block in enumerate(doc.blocks):
            quoted = block.container == "blockquote" or any(q.contains(block.span) for q in quotes)
            if block.kind != "paragraph" or block.content is None or quoted:
                if block.kind not in ("list_item", "blockquote"):  # containers come before their paragraphs
                    yield from _unclosed(doc, waiting)
                    waiting = []
                continue
            span = block.content
            text = doc.masked[span.start : span.end]
            waiting = [o._replace(waited=o.waited + 1) for o in waiting]
            yield from _unclosed(doc, [o for o in waiting if o.waited > _WAIT])
            waiting = [o for o in waiting if o.waited <= _WAIT]
            if _SIGNIFICANT.intersection(text):
                skipped = skipped_spans(doc.text[span.start : span.end], emphasis=False)
                opens, strays = _unmatched(text, span.start, skipped)
                for char, offset in strays:
                    at = next((k for k in range(len(waiting) - 1, -1, -1) if PAIRS.get(waiting[k].char) == char), None)
                    if at is None:
                        yield _stray(doc, char, offset, index)
                    else:
                        opened = waiting.pop(at)
                        if not opened.cut:  # a cut quotation closing later is the cut's finding, not this one's
                            yield _split(doc, opened, char, offset)
                waiting += opens
        yield from _unclosed(doc, waiting)


def _unclosed(doc: Document, openers: list[_Open]) -> Iterator[Finding]:
    for opened in openers:
        if opened.cut:
            continue
        span = Span(opened.offset, opened.offset + 1)
        if opened.char == "[" and _opens_line(doc, opened.offset):
            # 「- [記事のタイトル…」 with no 「](…)」: a link cut off, most often the last item of a related-posts list
            yield Finding(span, "リンクが途中で切れていて「[」が閉じておらずリンク先もないので、リンクを完成させるか、この行を削除してください。")
            continue
        close = PAIRS.get(opened.char, '"')
        yield Finding(
            span,
            f"「{opened.char}」が閉じていません。対応する「{close}」を補うか、不要な「{opened.char}」を削除してください。",
        )


def _opens_line(doc: Document, offset: int) -> bool:
    """Only spaces or a list marker stand before `offset` on its line."""
    prefix = doc.text[doc.text.rfind("\n", 0, offset) + 1 : offset]
    return not prefix.strip() or LIST_MARKER.fullmatch(prefix) is not None


def _stray(doc: Document, char: str, offset: int, index: int) -> Finding:
    opener = _CLOSERS[char]
    cut = _cut_paragraph_before(doc, index)
    if cut is not None:  # 「…そして時に私たちに」 ⏎ 「提案」や「示唆」を与え…」: one paragraph split at a cut
        return Finding(
            Span(offset, offset + 1),
            f"閉じかっこ「{char}」に対応する「{opener}」がなく、前の段落が文の途中で切れてこの段落がその続きから"
            "始まっているので、二つをつなげてかっこの対応を確かめてください。",
            related=(Related(cut, "途中で切れた前の段落"),),
        )
    if _starts_mid_sentence(doc, index):  # 「の説明可能なAI（XAI）」の導入も…」: the opener went with the lost beginning
        return Finding(
            Span(offset, offset + 1),
            f"閉じかっこ「{char}」に対応する「{opener}」がなく、段落が文の途中から始まっているので、"
            "欠けた書き出しを補って段落を書き直すか、削除してください。",
        )
    return Finding(
        Span(offset, offset + 1),
        f"閉じかっこ「{char}」に対応する「{opener}」がありません。「{opener}」を補うか、「{char}」を削除してください。",
    )


def _cut_paragraph_before(doc: Document, index: int) -> Span | None:
    """The paragraph right before block `index`, when it stops without finishing its sentence."""
    if index == 0 or doc.blocks[index - 1].kind != "paragraph" or doc.blocks[index - 1].content is None:
        return None
    content = doc.blocks[index - 1].content
    text = doc.masked[content.start : content.end]
    return content if text.strip(MASKS + " \u3000\n") and _cut_off_tail(text) is not None else None


def _starts_mid_sentence(doc: Document, index: int) -> bool:
    """The paragraph opens with a particle or an auxiliary (「の説明可能なAI…」): its beginning was cut off."""
    tokens = doc.block_tokens(index)
    return bool(tokens) and tokens[0].pos in ("助詞", "助動詞")


def _split(doc: Document, opened: _Open, char: str, offset: int) -> Finding:
    """A closer that answers an opener of an earlier paragraph: the text was split (or spliced) in between."""
    line = doc.lines.line_of(opened.offset)
    return Finding(
        Span(offset, offset + 1),
        f"閉じかっこ「{char}」は{line} 行目の段落で開いた「{opened.char}」を閉じていますが、間で段落が切れているので、"
        "二つをつなげるか、間に入った文を削除してください。",
        related=(Related(Span(opened.offset, opened.offset + 1), f"開いたままの「{opened.char}」"),),
    )


def _unmatched(text: str, base: int, skipped: list[tuple[int, int]]) -> tuple[list[_Open], list[tuple[str, int]]]:
    """One paragraph: the openers it leaves open and its stray closers (file offsets).

    A paragraph cut in the middle of 「…」 (or in a quotation it holds) and
    continued later is one problem, the cut, which the truncation rules report:
    its open 「 and （ are marked `cut`, and close later silently or not at all.
    """
    open_: list[tuple[str, int]] = []  # (opener, offset), innermost last
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
                strays.append((ch, base + i))
    cut = _cut_off_tail(text) is not None
    return [_Open(ch, base + i, cut and ch in _CUT_OFF_OPENERS) for ch, i in open_], strays


def _cut_off_tail(text: str) -> int | None:
    """Where the unfinished last sentence starts when the paragraph does not end a sentence, else None."""
    visible = text.rstrip(MASKS + " \t\n　")
    if visible.rstrip("".join(_CLOSERS) + '"' + MASKS)[-1:] in tuple(_TERMINATORS):
        return None
    return max(visible.rfind(ch) for ch in _TERMINATORS) + 1
