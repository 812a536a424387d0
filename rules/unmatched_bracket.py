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
duplicate-paragraph's, and its fix is deleting it.

Where a bracket is broken because the generator cut or copied the text, the
message names the cut and the repair, not just the bracket:

- a bracket broken in a copy of text an earlier, finished paragraph holds
  (brackets, lead-in dots and spaces aside; a section generated twice, the
  copy differing only where it broke) names that paragraph and asks to
  delete the copy rather than mend the bracket when all of the paragraph is
  the copy (also after the tail of a cut item stuck on its front up to the
  bracket, and with the paragraph a cut split it from read joined); when only
  the sentence is a copy, in a paragraph that may be a rewrite whose next
  sentence leans on it, it asks to mend the bracket as the original has it
  or to delete the paragraph if it is a copy;
- a `[` that opens its line (or list item) and is never closed is a link cut
  off, most often the last item of a related-posts list: the message asks to
  finish the link or delete the line, since a 「]」 alone would not make a
  link; when an earlier line holds the whole link (the list was generated
  twice), it asks to delete the line and names that line;
- a 「 or （ that opens a paragraph written again from the start of the
  paragraph cut off before it, or of its cut sentence (「…ただし、月末の」 ⏎
  「「ただし、月末の…」), has nothing to close: the message asks to delete it
  and names the cut paragraph;
- a stray 」 in a paragraph that opens with a particle (its beginning cut
  off, the 「 with it) gets a message that says so and asks to restore or
  delete the paragraph; one in a paragraph that continues a paragraph cut off
  mid-sentence names that paragraph and asks to join the two, and where the
  continuation opens with a short quoted word (「提案」や…), to put the 「
  back before it;
- a quotation split across paragraphs asks to join them, or to delete the
  paragraph spliced in between.

When the second paragraph opens by repeating the words the first ends with
(「…出荷の件数を」 ⏎ 「件数を確かめて…」」), the message names those words, to
drop when joining.

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
from jalint.rules._bracket_copies import find_copy
from jalint.rules._brackets import CLOSERS as _CLOSERS
from jalint.rules._brackets import PAIRS, cut_off_tail, overlap
from jalint.rules._brackets import TERMINATORS as _TERMINATORS
from jalint.rules._counting import inside, skipped_spans
from jalint.rules._prose import UNSEEN

_REPORTED_STRAYS = frozenset("」』")
_SIGNIFICANT = frozenset(PAIRS) | frozenset(_CLOSERS) | {'"'}
_SIGNIFICANT_RE = re.compile("[" + re.escape("".join(sorted(_SIGNIFICANT))) + "]")
_CUT_OFF_OPENERS = frozenset("「（")  # what the truncation rules recognise at a paragraph's end
# Paragraphs an opener left open may wait for its closer: the next one, or the one after a paragraph spliced in.
_WAIT = 2


class _Open(NamedTuple):
    """An opener still open at the end of its paragraph, not reported yet: a later paragraph may close it."""

    char: str
    offset: int  # in the file
    cut: bool  # its paragraph stops mid-sentence with it open: the truncation rules report the cut
    waited: int = 0  # paragraphs since its own
    block: int = -1  # index of its paragraph's block


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
                opens = [o._replace(block=index) for o in opens]
                for char, offset in strays:
                    at = next((k for k in range(len(waiting) - 1, -1, -1) if PAIRS.get(waiting[k].char) == char), None)
                    if at is None:
                        yield _stray(doc, char, offset, index)
                    else:
                        opened = waiting.pop(at)
                        if not opened.cut:  # a cut quotation closing later is the cut's finding, not this one's
                            yield _split(doc, opened, char, offset, index)
                waiting += opens
        yield from _unclosed(doc, waiting)


def _unclosed(doc: Document, openers: list[_Open]) -> Iterator[Finding]:
    for opened in openers:
        if opened.cut:
            continue
        span = Span(opened.offset, opened.offset + 1)
        if opened.char == "[" and _opens_line(doc, opened.offset):
            yield _cut_link(doc, span)
            continue
        copy = _copy(doc, opened.char, opened.offset, opened.block)
        if copy is not None:
            yield copy
            continue
        restarted = _restarted_paragraph(doc, opened)
        if restarted is not None:  # 「…ただし、倫理的な ⏎ 「ただし、倫理的な…」: the restart opens with a stray 「
            cut, whole = restarted
            what = "段落" if whole else "文"
            yield Finding(
                span,
                f"この段落は{doc.lines.line_of(cut.start)} 行目で途中で切れた{what}の書き直しで、冒頭の"
                f"「{opened.char}」には閉じる相手がないので、削除してください。",
                related=(Related(cut, "途中で切れた前の段落"),),
            )
            continue
        close = PAIRS.get(opened.char, '"')
        yield Finding(
            span,
            f"「{opened.char}」が閉じていません。対応する「{close}」を補うか、不要な「{opened.char}」を削除してください。",
        )


def _cut_link(doc: Document, span: Span) -> Finding:
    """「- [記事のタイトル…」 with no 「](…)」: a link cut off, most often the last item of a related-posts list.

    When an earlier line holds a whole link whose words start the same, the cut line is a copy of it (a
    related-posts list generated twice): finishing it would only repeat that link, so the message asks
    to delete the line and names the line that has it whole.
    """
    line_end = doc.text.find("\n", span.start)
    words = doc.text[span.start : line_end if line_end >= 0 else len(doc.text)].rstrip()
    whole = _whole_link(doc.text, words, span.start) if len(words) > _LINK_WORDS_MIN else -1
    if whole >= 0:
        return Finding(
            span,
            f"リンクが途中で切れていて、{doc.lines.line_of(whole)} 行目にある同じリンクの書きかけの写しなので、"
            "この行を削除してください。",
            related=(Related(Span(whole, whole + len(words)), "同じリンク"),),
        )
    return Finding(span, "リンクが途中で切れていて「[」が閉じておらずリンク先もないので、リンクを完成させるか、この行を削除してください。")


def _whole_link(text: str, words: str, before: int) -> int:
    """Where an earlier line holds a finished link whose text starts with `words` (「[タイトル」), or -1."""
    at = text.find(words, 0, before)
    while at >= 0:
        line_end = text.find("\n", at)
        rest = text[at + len(words) : line_end if line_end >= 0 else len(text)]
        if "](" in rest and "[" not in rest[: rest.index("](")]:
            return at
        at = text.find(words, at + 1, before)
    return -1


_LINK_WORDS_MIN = 4  # characters of link text (with its 「[」) that make a cut link a copy of an earlier one
_RESTART_MIN = 6  # characters a restarted paragraph must share with the opening of the one cut before it


def _restarted_paragraph(doc: Document, opened: _Open) -> tuple[Span, bool] | None:
    """The cut paragraph before, when the opener opens a paragraph that restarts it, and whether the
    restart starts from that paragraph's beginning (else from its cut sentence).

    「…ただし、倫理的なAIの利用、責任」 ⏎ 「「ただし、倫理的なAIの利用、責任ある開発…」: a generator
    cut a paragraph off and wrote it again from its start (or from the start of its cut sentence),
    with a stray 「 in front. A 」 cannot go anywhere sensible; the 「 has to go.
    """
    if opened.block < 0 or opened.char not in _CUT_OFF_OPENERS:
        return None
    content = doc.blocks[opened.block].content
    if content is None or doc.masked[content.start : opened.offset].strip(UNSEEN):
        return None  # the opener does not open its paragraph
    cut = _cut_paragraph_before(doc, opened.block)
    if cut is None:
        return None
    before = doc.masked[cut.start : cut.end].strip(UNSEEN)
    tail = before[(cut_off_tail(before) or 0) :]
    after = doc.masked[opened.offset + 1 : content.end]
    for start in (before, tail):
        head = start[:_RESTART_MIN]
        if len(head) == _RESTART_MIN and after.startswith(head):
            return cut, start is before
    return None


def _opens_line(doc: Document, offset: int) -> bool:
    """Only spaces or a list marker stand before `offset` on its line."""
    prefix = doc.text[doc.text.rfind("\n", 0, offset) + 1 : offset]
    return not prefix.strip() or LIST_MARKER.fullmatch(prefix) is not None


def _stray(doc: Document, char: str, offset: int, index: int) -> Finding:
    opener = _CLOSERS[char]
    cut = _cut_paragraph_before(doc, index)
    if cut is not None:
        copy = _copy(doc, char, offset, index, index - 1, (Related(cut, "写しの前半の段落"),))
    else:
        copy = _copy(doc, char, offset, index)
    if copy is not None:
        return copy
    if cut is not None:  # 「…そして時に私たちに」 ⏎ 「提案」や「示唆」を与え…」: one paragraph split at a cut
        repeated = _repeated_opening(doc, index - 1, index)
        join = f"繰り返した「{repeated}」を除いて二つをつなげ、" if repeated else "二つをつなげ、"
        quoted = _quoted_opening(doc, index, offset) if not repeated else ""
        mend = f"「{quoted}」の前に「{opener}」を補ってください" if quoted else "かっこの対応を確かめてください"
        return Finding(
            Span(offset, offset + 1),
            f"閉じかっこ「{char}」に対応する「{opener}」がなく、前の段落が文の途中で切れてこの段落がその続きから"
            f"始まっているので、{join}{mend}。",
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


def _copy(
    doc: Document, char: str, offset: int, block: int, joined_from: int | None = None, related: tuple[Related, ...] = ()
) -> Finding | None:
    """The finding for a bracket broken in a copy of a sentence an earlier paragraph holds: delete the copy.

    Repairing the bracket (or joining the split paragraphs) would only rebuild the copy.
    """
    if block < 0:
        return None
    copy = find_copy(doc, offset, block, joined_from)
    if copy is None:
        return None
    line = doc.lines.line_of(copy.original.start)
    cut = doc.lines.line_of(doc.blocks[joined_from].span.start) if joined_from is not None else 0
    if copy.scope == "paragraph":
        message = f"「{char}」のある段落は{line} 行目の段落の写しなので、かっこを直すより、この段落を削除してください。"
    elif copy.scope == "joined paragraphs":
        message = (f"「{char}」のある段落は{cut} 行目の段落とつなげると{line} 行目の段落の写しなので、かっこを直すより、"
                   "二つの段落を削除してください。")
    elif copy.scope == "joined":
        message = (f"「{char}」のある文は{cut} 行目の段落から続く、{line} 行目の段落にある文の写しなので、"
                   "かっこを直すより、写しの方を削除してください。")
    else:
        # Only the sentence is a copy: the paragraph around it may be a rewrite whose next sentence leans on
        # this one (「彼らは…」), so the original's brackets are the repair, or the whole copied passage goes.
        message = (f"「{char}」のある文は{line} 行目の段落にある文の写しなので、そちらに合わせてかっこを直すか、"
                   "この段落が写しなら段落ごと削除してください。")
    return Finding(Span(offset, offset + 1), message, related=(Related(copy.original, "同じ文のある段落"), *related))


_QUOTED_WORD_MAX = 15  # characters a continuation may hold before its stray 」 to be read as the quoted word


def _quoted_opening(doc: Document, index: int, offset: int) -> str:
    """The word a continuation opens with and closes with a stray 」 (「提案」や…): the cut took its 「.

    「…そして時に私たちに」 ⏎ 「提案」や「示唆」を与え…」: nothing before 提案 can hold the opener, so it
    goes right before it. Only a short stretch without a sentence end or another bracket counts.
    """
    content = doc.blocks[index].content
    if content is None:
        return ""
    word = doc.masked[content.start : offset].strip(UNSEEN)
    if not word or len(word) > _QUOTED_WORD_MAX or any(ch in _SIGNIFICANT or ch in _TERMINATORS for ch in word):
        return ""
    return word


def _cut_paragraph_before(doc: Document, index: int) -> Span | None:
    """The paragraph right before block `index`, when it stops without finishing its sentence."""
    if index == 0 or doc.blocks[index - 1].kind != "paragraph" or doc.blocks[index - 1].content is None:
        return None
    content = doc.blocks[index - 1].content
    text = doc.masked[content.start : content.end]
    return content if text.strip(UNSEEN) and cut_off_tail(text) is not None else None


def _starts_mid_sentence(doc: Document, index: int) -> bool:
    """The paragraph opens with a particle or an auxiliary (「の説明可能なAI…」): its beginning was cut off."""
    tokens = doc.block_tokens(index)
    return bool(tokens) and tokens[0].pos in ("助詞", "助動詞")


def _split(doc: Document, opened: _Open, char: str, offset: int, index: int) -> Finding:
    """A closer that answers an opener of an earlier paragraph: the text was split (or spliced) in between.

    When the closer's paragraph comes right after the opener's, nothing stands between to delete:
    the two are to be joined, without the words the second one repeats from the end of the first
    (「…常に「なぜこのコードなのか？」 ⏎ 「...なぜこのコードなのか？もっと…」と」).
    """
    line = doc.lines.line_of(opened.offset)
    related = (Related(Span(opened.offset, opened.offset + 1), f"開いたままの「{opened.char}」"),)
    copy = _copy(doc, char, offset, index, opened.block, related)
    if copy is not None:
        return copy
    head = f"閉じかっこ「{char}」は{line} 行目の段落で開いた「{opened.char}」を閉じていますが、間で段落が切れているので、"
    if any(block.kind == "paragraph" for block in doc.blocks[opened.block + 1 : index]):
        return Finding(Span(offset, offset + 1), head + "間に入った段落を削除して二つをつなげてください。", related=related)
    repeated = _repeated_opening(doc, opened.block, index)
    mend = f"繰り返した「{repeated}」を除いて二つをつなげてください。" if repeated else "二つをつなげてください。"
    return Finding(Span(offset, offset + 1), head + mend, related=related)


_OVERLAP_MAX = 80  # longest repeat looked for (a restart of a whole sentence is duplicate-paragraph's)
_OVERLAP_MIN = 4  # characters a paragraph must repeat from the end of the one before to count as a restart
_LEAD_IN = "．.…・ \u3000"  # what a continuation may open with before the words it repeats (「...なぜ」)


def _repeated_opening(doc: Document, before: int, after: int) -> str:
    """The words paragraph `after` opens with that repeat the end of paragraph `before` (「避けては通」), or ""."""
    first, second = doc.blocks[before].content, doc.blocks[after].content
    if first is None or second is None:
        return ""
    tail = doc.masked[first.start : first.end].rstrip(UNSEEN)
    text = doc.masked[second.start : second.end]
    opening = text.lstrip(MASKS + _LEAD_IN + "\n")
    lead_in = text[: len(text) - len(opening)].strip(UNSEEN)  # 「...」, dropped with the words
    words = opening[: overlap(tail, opening, _OVERLAP_MIN, _OVERLAP_MAX)]
    return lead_in + words if words and not any(mask in words for mask in MASKS) else ""


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
    cut = cut_off_tail(text) is not None
    return [_Open(ch, base + i, cut and ch in _CUT_OFF_OPENERS) for ch, i in open_], strays
