"""## What it finds
A paragraph that ends in a predicate and a colon (`実行します:`,
`以下の3点です：`, `例えば:`) directly above a list, code block, blockquote or
table, the English construction "as follows:" carried into Japanese.

A colon after a noun is a caption and is left alone (`使用方法:`,
`主な変更点：`, `手順（概要）:`), as are English captions (`Step 1:`), captions of
one or two characters (`例:`), and a bold label that `pseudo-heading` reports as
a heading. Only top-level paragraphs are read, as textlint does: inside a list
item a colon before a nested list is an item's caption.

## Why it matters
In Japanese a sentence ends with 。; a colon after 「〜します」 reads as a
translation from English and leaves the sentence hanging. Either end the
sentence (「次の手順で実行します。」) or make the line a caption (「実行手順:」).

## Example
```markdown
設定ファイルを次のように書き換えます：

- 保存先を変える
- 文字コードを UTF-8 にする
```

## Use instead
```markdown
設定ファイルを次のように書き換えます。

- 保存先を変える
- 文字コードを UTF-8 にする

変更する項目:

- 通知の宛先
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a sentence that contains a match is not reported.
- `disable-code-block` (default false): do not report a colon before a code block.
- `disable-list` (default false): do not report a colon before a list.
- `disable-quote` (default false): do not report a colon before a blockquote.
- `disable-table` (default false): do not report a colon before a table.

## Fix safety
Safe, and only when the sentence ends in a polite predicate (です, ます,
ました, でした, ください, ましょう): the fix replaces the colon with 。, which
ends the sentence without changing what it says. Other findings (例えば:,
〜として:) have no fix, because they need a rewritten sentence.

## textlint
Replaces `no-ai-colon-continuation` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableCodeBlock`, `disableList`,
`disableQuote`, `disableTable`. The part of speech of the last word comes from
the shared UniDic analysis (textlint uses kuromoji with IPADIC): suffixes that
make nouns (使い方), 形状詞 (重要) and closing brackets count as nouns, as
IPADIC's nouns would. Deliberate differences: the message quotes only the
last sentence before the colon (textlint quotes the whole paragraph); a
bold-only line above the block is read too (textlint sees it as a paragraph
as well), except when `pseudo-heading` reports it; a fix is offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.inline import MASKS
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._prose import compile_allow, visible_text
from jalint.sections import pseudo_acts_as_heading
from jalint.tokens import Token

_COLONS = ":："
_SENTENCE_END = re.compile(r"[。．！？!?\n]")
_ENGLISH = re.compile(r"^[A-Za-z0-9\s\-_.]+$")
# Parts of speech that end a caption rather than a sentence.
_NOUN_LIKE = frozenset({"名詞", "代名詞", "形状詞", "記号", "補助記号", "接頭辞"})
_POLITE_ENDINGS = frozenset({"です", "ます", "ました", "でした", "ください", "ましょう"})
_NEXT_KINDS = {"list_item": "list", "code": "code", "blockquote": "quote", "table": "table"}
_KIND_NAMES = {"list": "箇条書き", "code": "コードブロック", "quote": "引用", "table": "表"}


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    disable_code_block: bool = option(False, "Do not report a colon before a code block.")
    disable_list: bool = option(False, "Do not report a colon before a list.")
    disable_quote: bool = option(False, "Do not report a colon before a blockquote.")
    disable_table: bool = option(False, "Do not report a colon before a table.")


# A bold caption naming the audience of the list below it, not a clause left hanging.
_AUDIENCE_CAPTION = re.compile(r"(?:にとって|向けに?|の方へ|の皆さんへ|の場合)\s*$")


class ColonContinuation(Rule[Options]):
    name = "colon-continuation"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    fix_safety = "safe"
    needs_tokens = True
    textlint = ("no-ai-colon-continuation",)
    textlint_options = {
        "allows": "allows",
        "disableCodeBlock": "disable-code-block",
        "disableList": "disable-list",
        "disableQuote": "disable-quote",
        "disableTable": "disable-table",
    }
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        if ":" not in doc.text and "：" not in doc.text:
            return
        disabled = {
            kind
            for kind, off in (
                ("list", self.options.disable_list),
                ("code", self.options.disable_code_block),
                ("quote", self.options.disable_quote),
                ("table", self.options.disable_table),
            )
            if off
        }
        allowed = compile_allow(self.options.allows)
        blocks = doc.blocks
        for index, block in enumerate(blocks[:-1]):
            if not block.top_level or block.kind not in ("paragraph", "pseudo_heading") or block.content is None:
                continue
            following = _NEXT_KINDS.get(blocks[index + 1].kind)
            if following is None or following in disabled:
                continue
            colon = self._final_colon(doc, block)
            if colon is None:
                continue
            if block.kind == "pseudo_heading" and self._acts_as_heading(doc, index):
                continue
            if block.kind == "pseudo_heading" and _AUDIENCE_CAPTION.search(doc.plain(Span(block.span.start, colon))):
                continue  # 「**投資家にとって：**」 names who the list is for; 「投資家にとって。」 would not fit
            finding = self._check_sentence(doc, index, colon, following, allowed)
            if finding:
                yield finding

    @staticmethod
    def _final_colon(doc: Document, block) -> int | None:  # noqa: ANN001 - a Block
        """Offset of the colon that ends the block's visible text, if any."""
        masked = doc.masked
        end = block.span.end
        position = end - 1
        while position >= block.span.start and (masked[position] in MASKS or masked[position] in " \t\n　"):
            if masked[position] in "\ue001":  # inline code at the end: not prose
                return None
            position -= 1
        if position < block.span.start:
            return None
        if masked[position] in _COLONS:
            return position
        # A pseudo-heading's colon can sit outside its (masked) title: `**手順**:`.
        raw = doc.text[block.span.start : end].rstrip(" \t\n*_")
        if block.kind == "pseudo_heading" and raw and raw[-1] in _COLONS:
            return block.span.start + len(raw) - 1
        return None

    @staticmethod
    def _acts_as_heading(doc: Document, index: int) -> bool:
        for heading in doc.headings:
            if heading.block_index == index and heading.kind == "pseudo":
                return pseudo_acts_as_heading(doc.text, doc.lines, doc.blocks, heading)
        return False

    def _check_sentence(self, doc: Document, index: int, colon: int, following: str, allowed) -> Finding | None:  # noqa: ANN001
        block = doc.blocks[index]
        start = block.content.start if block.content and block.content.start <= colon else block.span.start
        head = doc.masked[start:colon]
        breaks = list(_SENTENCE_END.finditer(head))
        sentence_start = start + (breaks[-1].end() if breaks else 0)
        sentence = visible_text(doc.masked[sentence_start:colon]).strip().strip("*_ ")
        if not sentence or len(sentence) <= 2 or (_ENGLISH.match(sentence) and re.search("[A-Za-z]", sentence)):
            return None
        if allowed(sentence):
            return None
        last = self._last_word(doc, index, sentence_start, colon)
        if last is None or last.pos in _NOUN_LIKE or (last.pos == "接尾辞" and last.pos_detail == "名詞的"):
            return None
        tail = sentence[-20:]
        mark = doc.text[colon]
        fix = Fix.replace(Span(colon, colon + 1), "。") if last.surface in _POLITE_ENDINGS else None
        # A sentence that ends in です/ます takes 。 in place of the colon; a phrase (「解決策としては：」) does not,
        # and becomes a noun caption or a full sentence instead.
        mend = (
            "コロンを「。」にするか、「次のとおりです。」のような文で導いてください。"
            if fix is not None
            else "名詞で終わる見出し（「〜の視点：」など）にするか、「次のとおりです。」で終わる文で導いてください。"
        )
        return Finding(
            Span(colon, colon + 1),
            f"「{tail}{mark}」のように、名詞で終わらない文にコロンを付けて{_KIND_NAMES[following]}へ続けるのは英語の構文です。" + mend,
            fix=fix,
        )

    @staticmethod
    def _last_word(doc: Document, index: int, start: int, colon: int) -> Token | None:
        words = [t for t in doc.block_tokens(index) if start <= t.start and t.end <= colon and t.surface.strip("\ue000\ue001 ")]
        return words[-1] if words else None
