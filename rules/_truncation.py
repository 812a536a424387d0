"""Shared evidence that a paragraph stops mid-sentence, and where the article proper ends.

Used by truncated-paragraph and truncated-document. A missing 。 alone is weak
evidence (textlint's ja-no-mixed-period flags it, and about a third of what it
flags is fine: labels, captions, list intros, 体言止め). Evidence here is one of:

- the text goes on elsewhere: another paragraph holds this one's text and
  continues after it (a cut-off paragraph that was restarted);
- the last sentence ends in 、 or with an unclosed 「 or （;
- an earlier sentence of the paragraph ended properly but the last did not;
- the last word is grammatically open (tokens): a case, binding or
  conjunctive particle, a continuative or attributive form, an adverb, a
  prenominal, a conjunction or a prefix.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jalint.blocks import Block
from jalint.document import Document
from jalint.inline import CODE, MASKS
from jalint.positions import Span
from jalint.rules._paragraphs import Paragraph, ParagraphIndex
from jalint.rule import Finding, option, Related, RuleOptions
from jalint.text import is_mostly_ascii, normalise
from jalint.tokens import Token

SENTENCE_END = "。．！？!?"
CLOSERS = "」』）)】〕”’\"'"
COMPLETE = frozenset(SENTENCE_END + CLOSERS + "…‥.:：;；")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々〆ー「『（]")
CAPTION = re.compile(r"^(図|表|写真|出典|参考|引用|注|※|Source|Figure|Table)\s*[0-9０-９:：.．]*")
OPEN_PARTICLES = frozenset({"格助詞", "係助詞", "副助詞", "接続助詞", "準体助詞"})
OPEN_POS = frozenset({"副詞", "連体詞", "接続詞", "接頭辞", "代名詞"})
OPEN_FORMS = ("連用形", "連体形", "未然形", "仮定形", "意志推量形")
TAGGED_TAIL = 60  # characters before the end that are tokenised
LONG_UNFINISHED = 60  # characters of a last sentence that cannot be a title or label
CUT_AFTER = frozenset({"が", "を", "に", "は", "も", "で", "と", "へ"})
INTRO_FOLLOWERS = frozenset({"list_item", "table", "code"})

DEFAULT_APPENDIX_HEADINGS = (
    r"^関連(記事|リンク|情報|書籍|コンテンツ)",
    r"あわせて読みたい|合わせて読みたい|こちらもおすすめ|おすすめ(書籍|の本|記事)|関連するおすすめ",
    r"ご相談|ご提案|お手伝い|お問い合わせ|問い合わせ|発信中|承っています",
    r"^(参考|出典|引用)(文献|資料|リンク|元)?$|^参考にした",
    r"^(著者|執筆者|監修者)(紹介|プロフィール)?$|この記事を書いた人|^プロフィール$|^免責",
    r"^(References|Related( posts| articles)?|Sources|Further reading)$",
)
END_MARKER = re.compile(r"^-{2,}\s*END\s*-{2,}$|^\[END\]$", re.IGNORECASE)


class AppendixOptions(RuleOptions):
    """Options of the truncation rules: where a post's appended part starts."""

    appendix_headings: tuple[str, ...] = option(
        DEFAULT_APPENDIX_HEADINGS,
        "Regular expressions for headings that start a post's appended part.",
        regex=True,
    )


class Cut(NamedTuple):
    """A paragraph judged cut off: why, and where its text goes on (if anywhere)."""

    block: Block
    span: Span
    reason: str
    restart: Paragraph | None = None

    def finding(self, message: str, restart_label: str) -> Finding:
        """The finding for this cut, with the restart (if any) as related place."""
        related = ()
        if self.restart is not None:
            related = (Related(self.restart.span, f"{restart_label}（{self.restart.line} 行目）"),)
        return Finding(self.span, message.format(reason=self.reason), related=related)


def visible_text(doc: Document, span: Span) -> str:
    """The paragraph's prose; an `---END---` line at its end is a marker, not text."""
    text = doc.plain(span).replace(CODE, "").strip()
    lines = text.rsplit("\n", 1)
    if len(lines) == 2 and END_MARKER.match(lines[1].strip()):
        text = lines[0].rstrip()
    return text


def last_sentence(text: str) -> tuple[str, bool]:
    """The text after the last sentence end, and whether an earlier sentence ended with 。 or ！.

    A ？ does not count: title-like lines such as 「…の真意は？未来をどう変えるのか」
    end a question and go on with a noun phrase on purpose.
    """
    cut = max(text.rfind(ch) for ch in SENTENCE_END)
    if cut < 0:
        return text, False
    declared = max(text.rfind(ch) for ch in "。．！!") >= 0
    return text[cut + 1 :].lstrip("".join(CLOSERS) + " 　"), declared


def open_ending(doc: Document, span: Span, text: str) -> str | None:
    """Why the end of `text` (the plain text of `span`) is open, or None."""
    last = text[-1]
    if last in "、，,":
        return "読点で終わっています"
    tail, had_sentence = last_sentence(text)
    if tail.count("「") > tail.count("」") or tail.count("（") > tail.count("）"):
        return "かぎ括弧や丸括弧が閉じていません"
    if last in "&＆/／+＋=＝":
        return f"「{last}」で終わっています"
    if not JAPANESE.search(last) and not last.isalnum():
        return None  # ends in a symbol such as → or ♪: a label or a call to action
    if had_sentence and len(tail) >= 2:
        return "前の文は句点で終わっているのに、最後の文が途中で終わっています"
    # Only the end matters; tagging the last stretch keeps merged 5,000-character lines cheap.
    end_span = Span(max(span.start, span.end - TAGGED_TAIL), span.end)
    tokens = [t for t in doc.tokens(end_span) if t.surface.strip(MASKS + " 　")]
    if not tokens:
        return None
    reason = open_token(tokens[-1]) or cut_word(tokens)
    if (
        reason is None
        and tokens[-1].pos in ("名詞", "接尾辞")
        and len(tail) >= LONG_UNFINISHED
        and "、" in tail
        and not re.search(r"[:：]", tail)  # 「ラベル：説明」 lines end in nouns on purpose
    ):
        # Titles and labels that end in a noun are short; running text this long
        # that ends in a noun without 。 lost its predicate.
        return "長い文が述語のないまま終わっています"
    return reason


def cut_word(tokens: list[Token]) -> str | None:
    """A word cut to one character: after a case or binding particle (「…AIが得」), or a lone kana."""
    if len(tokens) < 2:
        return None
    last, before = tokens[-1], tokens[-2]
    if len(last.surface) == 1 and before.pos == "助詞" and before.surface in CUT_AFTER and JAPANESE.match(last.surface):
        return f"「{before.surface}{last.surface}」で単語が途切れています"
    if len(last.surface) == 1 and "\u3041" <= last.surface <= "\u309f" and last.pos in ("名詞", "接尾辞"):
        # MeCab makes a lone hiragana a noun or suffix only when a word was cut: 「革命を起こ」.
        return f"「{before.surface}{last.surface}」で単語が途切れています"
    return None


def open_token(token: Token) -> str | None:
    if token.pos == "助詞" and token.pos_detail in OPEN_PARTICLES:
        return f"助詞「{token.surface}」で終わっています"
    if token.pos in OPEN_POS:
        return f"{token.pos}「{token.surface}」で終わっています"
    if token.pos in ("動詞", "形容詞", "助動詞", "形状詞") and token.conjugation.startswith(OPEN_FORMS):
        if token.conjugation.startswith("連体形") and token.pos == "助動詞" and token.surface in ("た", "だ", "です", "ます"):
            return None  # 連体形 and 終止形 share these surfaces; at the end they close the sentence
        return f"「{token.surface}」（{token.conjugation.split('-')[0]}）で終わっています"
    return None


def appendix_blocks(doc: Document, patterns: tuple[str, ...]) -> set[int]:
    """Indices of blocks outside the article proper.

    An appended part starts at a heading such as 関連記事 or おすすめ書籍 and runs
    up to the next ordinary heading or horizontal rule. An `---END---` marker is
    no boundary: completion jobs wrote on after it, and readers see that text. Completion jobs sometimes appended more article text after a book
    block, so the run ends at the next heading that is neither appendix-like nor
    a link (book headings are links), whatever its level.
    """
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    starts = {h.block_index: h for h in doc.outline}
    blocks = doc.blocks
    excluded: set[int] = set()
    inside = False
    for index, block in enumerate(blocks):
        heading = starts.get(index)
        if heading is not None:
            title = heading.title.strip(" 　#*:：")
            raw_title = doc.text[heading.title_span.start : heading.title_span.end].strip()
            inside = any(p.search(title) for p in compiled) or (inside and raw_title.startswith("["))
        elif block.kind == "hr" and inside:
            inside = False  # appended blocks are fenced by rules; text after one is article again
            excluded.add(index)
            continue
        if inside:
            excluded.add(index)
            j = index - 1
            while j >= 0 and blocks[j].kind in ("hr", "html", "comment") and j not in excluded:
                excluded.add(j)
                j -= 1
    return excluded


def is_prose(doc: Document, block: Block, title_key: str) -> bool:
    """A paragraph a reader reads as running text (not a label, caption, link or title)."""
    text = visible_text(doc, block.content or block.span)
    if len(text) < 2 or not JAPANESE.search(text) or (len(text) > 20 and is_mostly_ascii(text)):
        return False
    if CAPTION.match(text) or "→" in text[-3:]:
        return False
    key = normalise(text)
    if title_key and (key == title_key or (len(key) >= 0.6 * len(title_key) and key in title_key)):
        return False  # the title repeated as a line: title-repeated-in-body reports it
    return True


def judge(doc: Document, index: ParagraphIndex, paragraph: Paragraph, next_block: Block | None) -> Cut | None:
    """Whether `paragraph` is cut off, with the evidence."""
    block = paragraph.block
    if paragraph.complete:
        return None
    restart = index.continuation_of(paragraph)
    if restart is not None:
        return Cut(block, paragraph.span, f"{restart.line} 行目で同じ文章が続きから書き直されています", restart)
    if next_block is not None and next_block.kind in INTRO_FOLLOWERS:
        return None  # introduces a list, table or code block
    text = visible_text(doc, paragraph.span)
    if not text or text[-1] in COMPLETE:
        return None
    span = paragraph.span
    if block.end_line > block.line and END_MARKER.match(doc.lines.line_text(block.end_line).strip()):
        span = Span(span.start, doc.lines.line_end(block.end_line - 1))
    reason = open_ending(doc, span, text)
    return Cut(block, paragraph.span, reason) if reason else None


def article_paragraphs(
    doc: Document, index: ParagraphIndex, patterns: tuple[str, ...]
) -> list[tuple[Paragraph, Block | None]]:
    """Prose paragraphs of the article proper, each with the block that follows it (shared per document)."""
    return doc.memo(f"article-paragraphs:{patterns!r}", lambda d: _article_paragraphs(d, index, patterns))


def _article_paragraphs(
    doc: Document, index: ParagraphIndex, patterns: tuple[str, ...]
) -> list[tuple[Paragraph, Block | None]]:
    excluded = appendix_blocks(doc, patterns)
    title_key = normalise(doc.title or "")
    by_block = {id(p.block): p for p in index.paragraphs}
    blocks = doc.blocks
    result = []
    for i, block in enumerate(blocks):
        if i in excluded:
            continue
        paragraph = by_block.get(id(block))
        if paragraph is not None and paragraph.is_paragraph and is_prose(doc, block, title_key):
            result.append((paragraph, blocks[i + 1] if i + 1 < len(blocks) else None))
    return result
