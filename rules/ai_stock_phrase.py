"""## What it finds
Stock phrases that generated posts put into real prose: closing questions
(いかがでしたでしょうか), announcements between sections of what the post is
about to do (〜について詳しく解説します, 〜を見ていきましょう, 掘り下げていきましょう),
and set closings (参考になれば幸いです, 最後まで読んでいただきありがとうございました,
〜してみてはいかがでしょうか). The list is data (`ai_stock_phrase.toml`) and a
team adds its own phrases with `extra-phrases`.

An announcement in the lead is not reported: there 「本記事では、〜を掘り下げて
いきます」 tells the reader what the post covers, a convention that still does
its work. The lead is the opening paragraphs before the first section heading
(a title heading at the very top does not end it), or only the first three
when that heading comes more than six paragraphs in; a sentence about the post
itself (この記事では, 本記事では, 本稿では) and a later copy of a lead sentence
(a second version of the post glued on below) count as the lead too. Between
sections the same announcement only delays the point and is reported
(「まず、技術的な側面から見ていきましょう。」 under a heading). An announcement
that ends the paragraph right above a list, the sub-headings of its section or
a paragraph that counts off a first item (「1つは…」) introduces them, so its message asks for a sentence that says what follows
(「主な方式は次の三つです」) instead of deleting it.

Phrases in a quotation (「」『』“” or a blockquote) are quoted, not written,
and are left alone. 「〜ていきます」 is the writer's announcement only when no
one else is the topic of the sentence: 「開発者は、…深く掘り下げていきます」
says what developers do and is not reported (今回は, 私は are the post's or the
writer's own). 「〜てみてはいかがでしょうか」 is reported as
the vague invitation to reflect (考えてみては, 捉えてみては, 目を向けてみては,
「〜か、改めて検討してみては」), not as a concrete recommendation (「まずは一つの
部署で導入を検討してみては」, 「このフレームワークを試してみては」).

Other rules' findings are not repeated: generation leftovers (assistant
chatter such as 承知しました or 以下が記事です, prompt labels, placeholders)
belong to `generation-leftover`, and a paragraph that `duplicate-paragraph`
reports as a copy of earlier text is to be deleted, its phrases reported at
their first place already (in a paragraph that only partly repeats earlier
ones, the sentences found earlier in the post are skipped, its own are not).

## Why it matters
A reader recognises these phrases as filler from templates and generated
text; each one delays the point by a sentence and makes the post sound like
every other post. An editor deletes the announcement and starts with the
content, and ends with the point instead of a question to the reader.

## Example
```markdown
在庫の数え直しに、毎月半日かかっていました。

## 台帳をまとめる

では、台帳をまとめる手順を見ていきましょう。

いかがでしたでしょうか。
```

## Use instead
```markdown
在庫の数え直しに、毎月半日かかっていました。本記事では、その手間をなくした方法を順に見ていきます。

## 台帳をまとめる

入荷と出荷を同じ台帳に記録すると、数え直しが要らなくなります。

まずは一つの倉庫で台帳をまとめることから始めてください。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a sentence that contains a match is not reported.
- `extra-phrases` (default none): more phrases to report (plain text), e.g.
  `"と言えるでしょう"`, `"ではないでしょうか"`.

## Fix safety
No fix: deleting an announcement usually means rewriting the sentence around it.

## textlint
Gives a home to `ai-generated-phrases` with `customPhrases`, which the team's
.textlintrc configured but which does not exist in
@textlint-ja/textlint-rule-preset-ai-writing 1.7, so textlint silently
checked nothing. `customPhrases` maps to `extra-phrases`. Deliberate
differences from what that config asked for: the generation leftovers in its
list (記事を作成しました, "The article has been", "Please review") are reported
by `generation-leftover` where they are leftovers, and the very common hedges
(と言えるでしょう, ではないでしょうか) are not in the default list because
most of their uses are sound prose; both can still be added as `extra-phrases`.
An announcement in the lead is left alone on purpose (precision: a reviewer
reading strictly did not want 「本記事では〜を解説していきます」 changed there).
The `after`, `writer` and lead conditions above apply to the built-in
phrases only; a team's `extra-phrases` are reported wherever they stand (outside
quotations, leftovers and copies).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._ai_writing import in_quote, overlaps
from jalint.rules._paragraphs import bare
from jalint.rules._prose import compile_allow, load_data, next_sentence, visible_text
from jalint.sentences import Sentence

_EXTRA_ADVICE = "決まり文句を削るか、具体的な内容に書き換えてください。"


class _Phrase(NamedTuple):
    pattern: re.Pattern[str]
    advice: str
    after: re.Pattern[str] | None = None  # the text before the phrase has to end like this
    writer: bool = False  # the writer's own announcement: not when someone else is the topic
    scope: bool = False  # an announcement of what the post covers: not in the lead (`_in_lead`)


@lru_cache(maxsize=1)
def _phrases() -> tuple[_Phrase, ...]:
    return tuple(
        _Phrase(
            re.compile(p["pattern"]),
            p["advice"],
            re.compile(f"(?:{p['after']})") if "after" in p else None,
            bool(p.get("writer")),
            bool(p.get("scope")),
        )
        for p in load_data("ai_stock_phrase.toml")["phrase"]
    )


# 「開発者は、」: a topic before the phrase. Words naming the post, the writer or the time are not
# someone else (今回は, 今日は, 私は); では / には / とは are no topic of the sentence.
_TOPIC = re.compile(r"([一-龠々ァ-ヶーA-Za-z0-9]+)は[、，]")
_WRITER_TOPICS = frozenset({
    "今回", "今日", "本日", "今", "本記事", "本稿", "本章", "本節", "記事", "私", "私たち", "我々", "筆者",
    "ここ", "ここから", "以下", "次", "まず", "最後", "後半", "前半", "以降", "今後",
})


def _someone_else(text: str) -> bool:
    """The sentence before a phrase has a topic other than the post, the writer or the time."""
    return any(topic not in _WRITER_TOPICS for topic in _TOPIC.findall(text))


# The lead: the first paragraphs of the post, before its first section heading (a title heading at
# the top does not end it). All of it when that heading comes within _LEAD_MAX paragraphs, else the
# first _LEAD_FIRST (the rest is already the body of a post without early headings).
_LEAD_FIRST = 3
_LEAD_MAX = 6
_COPY_MIN = 20  # a shorter sentence is a copy only when equal (「具体的に見ていきましょう」 is no quote of a lead)
# 「この記事では、」: a sentence about the post itself states its scope wherever it stands (a second
# version of the post glued on after a rule repeats its lead further down).
_POST_TOPIC = re.compile(r"(?:この記事|本記事|本稿|当記事)(?:で|に)は")


def _lead(doc: Document) -> tuple[frozenset[int], tuple[str, ...]]:
    """Block indexes of the lead paragraphs, and the texts of their sentences (for repeated copies)."""
    structural = {heading.block_index for heading in doc.outline}
    run: list[int] = []
    for index, block in enumerate(doc.blocks):
        if index in structural:
            if run:
                break
        elif block.kind == "paragraph" and block.top_level:
            run.append(index)
    else:
        run = run[:_LEAD_FIRST]  # no heading after the opening paragraphs
    if len(run) > _LEAD_MAX:
        run = run[:_LEAD_FIRST]
    blocks = frozenset(run)
    return blocks, tuple(bare(s.text) for s in doc.sentences if s.block_index in blocks)


def _in_lead(sentence: Sentence, doc: Document) -> bool:
    """The sentence is part of the lead, or a copy of one of its sentences, or is about the post itself.

    There 「本記事では〜を掘り下げていきます」 tells the reader what the post covers: a convention that
    still does its work, not filler to delete.
    """
    if _POST_TOPIC.search(sentence.text):
        return True
    blocks, texts = doc.memo("ai-stock-phrase:lead", _lead)
    if sentence.block_index in blocks:
        return True
    # A copy, maybe without its first words (「この記事では、」) or its full stop.
    text = bare(sentence.text)
    return any(
        text == lead or min(len(text), len(lead)) >= _COPY_MIN and (lead.endswith(text) or text.endswith(lead))
        for lead in texts
    )


# An announcement that ends the paragraph right above a list or a run of sub-headings introduces them: deleting
# it would leave them with no lead-in, so the advice is to say what follows (a reader of round AD).
_LIST_LEAD_ADVICE = "予告の代わりに、続く項目が何かを言う文（「主な方式は次の三つです」など）にしてください。"


# Openings of a paragraph that counts off the first of several items.
_FIRST_ITEM = ("1つは", "一つは", "1つ目は", "一つ目は", "第一に", "第1に", "まず1つ", "まず一つ")


def _leads_a_list(doc: Document, sentence: Sentence) -> bool:
    """The sentence ends its paragraph, and a list, a sub-heading of its section (a bold label line too) or a
    paragraph that counts off a first item comes right after it; a heading of the same level or above starts the
    next section, which it does not lead."""
    block = doc.blocks[sentence.block_index]
    following = sentence.block_index + 1
    after = next_sentence(doc, sentence)
    if after is not None:  # 「…見ていきましょう。1つは**診断支援**です。」: the items are counted off next
        return visible_text(after.text).lstrip().startswith(_FIRST_ITEM)
    if block.content is None or following >= len(doc.blocks):
        return False
    if doc.blocks[following].kind == "list_item":
        return True
    paragraph = doc.blocks[following]
    if paragraph.kind == "paragraph" and paragraph.content is not None and visible_text(
        doc.masked[paragraph.content.start : paragraph.content.end]
    ).lstrip().startswith(_FIRST_ITEM):
        return True
    heading = next((h for h in doc.headings if h.block_index == following), None)
    if heading is None:
        return False
    section = next((h for h in reversed(doc.outline) if h.block_index < sentence.block_index), None)
    return section is None or heading.level > section.level


def _leftover_spans(doc: Document) -> list[Span]:
    """Spans `generation-leftover` reports with its default options (computed once per document)."""
    from jalint.rules.generation_leftover import GenerationLeftover  # only when a phrase matched

    return [finding.span for finding in GenerationLeftover().check(doc, doc)]


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose sentences are not reported.")
    extra_phrases: tuple[str, ...] = option((), "More stock phrases to report (plain text).")


class AiStockPhrase(Rule[Options]):
    name = "ai-stock-phrase"
    category = "style"
    quiet_in_repeated_text = True
    scope = "sentence"
    severity = "warning"
    fix_safety = "none"
    textlint = ("ai-generated-phrases",)
    textlint_options = {"allows": "allows", "customPhrases": "extra-phrases"}
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        extra = tuple(_Phrase(re.compile(re.escape(p)), _EXTRA_ADVICE) for p in self.options.extra_phrases if p)
        self._entries = _phrases() + extra
        self._prefilter = re.compile("|".join(f"(?:{p.pattern.pattern})" for p in self._entries))
        self._allowed = compile_allow(self.options.allows)

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        # One search of the whole post, shared by its sentences, before any per-sentence search.
        if not doc.memo(f"ai-stock-phrase:{id(self)}", lambda d: bool(self._prefilter.search(d.masked))):
            return
        text = sentence.text
        if not self._prefilter.search(text):
            return
        if doc.blocks[sentence.block_index].container == "blockquote":
            return
        if self.options.allows and self._allowed(visible_text(text)):
            return
        for phrase in self._entries:
            for match in phrase.pattern.finditer(text):
                if in_quote(text, match.start()):
                    continue
                before = visible_text(text[: match.start()])
                if phrase.after is not None and not phrase.after.search(before):
                    continue
                if phrase.writer and _someone_else(before):
                    continue
                if phrase.scope and _in_lead(sentence, doc):
                    continue
                span = Span(sentence.span.start + match.start(), sentence.span.start + match.end())
                if overlaps(span, doc.memo("ai-stock-phrase:leftovers", _leftover_spans)):
                    continue
                advice = _LIST_LEAD_ADVICE if phrase.scope and _leads_a_list(doc, sentence) else phrase.advice
                yield Finding(span, f"「{match.group(0)}」は生成された文章によくある決まり文句です。{advice}")
