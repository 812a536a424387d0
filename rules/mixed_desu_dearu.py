"""## What it finds
Sentences whose ending breaks the register of the rest of the text: a
「である」 sentence in a post written in です・ます, or a です・ます sentence in a
post written in the plain style (常体). The body, the headings and the list
items are judged separately, each against its own majority or against the style
a `prefer-in-*` option sets; mixing between them (a です・ます body with terse
list items) is fine.

What a finding can point at follows upstream's analyser, which looks at the
copulas です・ます and である, not at verbs:

- です・ます: a sentence ending in です or ます in any form (です, でした,
  でしょう, ます, ました, ません, ましょう; also 〜なんです, 〜ですよね);
- である: a sentence ending in the copula である (である, であった, であろう),
  also when only と and a verb of saying follow (〜であると言える,
  〜であると考えられる).

Plain endings that are not である — verbs and adjectives in the dictionary form
(する, した, ある, 高い) and the plain copula (だ, だった, ではない) — are never
reported (upstream treats them as neutral; `plain-copula` makes だ reportable),
but they do count for the plain side when the majority of a part is decided,
so a post written in だ・する with a few です・ます sentences reports those
sentences — except a polite question to the reader (「あなたはどう思いますか？」),
a recognised aside in a plain-style column. In headings plain endings do not
count at all (〜はどう変わる？ is headline style). Neutral: noun endings (体言止め), 〜ください, embedded questions
(〜が持続可能であるか。), a sentence left unfinished at 〜であり, a sentence that
ends in a closing quote 」』”, link text, and blockquotes. Not the post's own
voice either, so not counted: a sentence inside a quotation whose 「 stands on
an earlier line or in an earlier paragraph (「…試します。⏎結果は…報告します」と),
a note marked ※ (「※ 価格は税込みです」), a greeting (「どうも、編集部の田中です。」), a short boxed section set off by a
horizontal rule that links elsewhere (the site's 「## ご相談を承ります」 box or
a list of recommended books: at most three sentences), and a sentence that
`generation-leftover` reports (「〜から続きを書きます。」, to be deleted).

Only the end of a sentence decides its style: 〜であるため、〜です。 is a
です・ます sentence (`strict` counts every である and です・ます inside
sentences as well). When neither style has a clear majority (the smaller one
is more than a third), the part is reported once, at the first sentence of the
smaller side, asking to choose one style and rewrite the sentences of the other.

## Why it matters
Japanese prose keeps one register: switching between 「です・ます」 and
「である」 inside a section reads as careless or as two texts stitched
together, which is exactly what it often is in generated posts.

## Example
```markdown
新しい配送システムは来月から動き始めます。倉庫の作業は半分になる見込みです。ただし初期費用は想定より大きいのである。
```

## Use instead
```markdown
新しい配送システムは来月から動き始めます。倉庫の作業は半分になる見込みです。ただし初期費用は想定より大きくなります。

- 作業時間を測定する
- 改善点を洗い出す
```

## Options
- `prefer-in-body` (default `""`): the style the body must use: `"である"`,
  `"ですます"`, or `""` to follow the body's own majority.
- `prefer-in-header` (default `""`): the same for headings.
- `prefer-in-list` (default `""`): the same for list items.
- `strict` (default false): count every である and です・ます, not only at the
  end of a sentence (〜ですが、, 〜であり、, 〜であるため); counts become 箇所.
- `plain-copula` (default false): report the plain copula (だ, だった, だろう,
  ではない, じゃない) at the end of a sentence as である style too.

When a `prefer-in-*` style is set and most of that part is written in the other
style, the part is reported once (at its first sentence in the wrong style)
instead of once per sentence: the whole part needs rewriting.

## Fix safety
No fix: changing the register means rewriting the sentence, not swapping a word.

## textlint
Replaces `no-mix-dearu-desumasu` (textlint-rule-no-mix-dearu-desumasu, in
textlint-rule-preset-japanese and textlint-rule-preset-ja-technical-writing).
Supported options: `preferInHeader`, `preferInBody`, `preferInList`, `strict`.
Deliberate differences:

- Counts are per sentence, and every form of です・ます counts (〜ました。 and
  〜ません。 are です・ます sentences; upstream counts only the dictionary forms
  です and ます, so a post in the past tense looked neutral to it).
- 〜であった。 counts as である (upstream's look-ahead stops at た and drops it
  in non-strict mode).
- Plain verb and adjective endings decide the majority (never reported): a
  post in だ・する style with 「〜と考えています。」 now reports the polite
  sentence, which upstream could not see, and a です・ます minority there is
  not mistaken for the majority.
- Polite questions to the reader are not reported in a plain-style part
  (upstream, blind to the plain majority, never reached them either).
- Neutral where upstream counts: 〜であるか。 (embedded question), 〜であり at
  the end of an unfinished paragraph, a sentence ending in a quotation
  (「…である」), link text, headline-style verb endings in headings.
- Bold-only lines that act as headings are judged with the headings, and list
  items per paragraph (upstream reads the whole list item source).
- A part written mostly against its `prefer-in-*` style gives one finding
  instead of one per sentence (the team's `preferInBody: "である"` turned each
  consistent です・ます post into dozens of findings), and so does a part with
  no clear majority.
- `plain-copula` is an addition; upstream never counts だ.
- Quotations cut by a line or paragraph break, ※ notes, greetings, short ruled-off
  boxes with a link and generation leftovers are not counted (upstream reads
  every sentence of the Paragraph nodes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from jalint.document import Document
from jalint.inline import MARKUP
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._prose import runs_on, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token

DESUMASU = "ですます"
DEARU = "である"
PLAIN = "plain"  # a plain (常体) ending that is not である: counts for the majority, never reported
_STYLES = ("", DESUMASU, DEARU)
_LABEL = {DESUMASU: "「です・ます」調", DEARU: "「である」調"}
_PARTS = (("body", "本文"), ("header", "見出し"), ("list", "箇条書き"))

_LINK = re.compile(r"\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_POLITE = frozenset({"助動詞-デス", "助動詞-マス"})
_QUOTE_CLOSERS = frozenset("」』”\"")
_OPENER_OF = {"）": "（", ")": "(", "】": "【", "］": "［", "]": "[", "〕": "〔"}
# Verbs of saying/thinking that may follow 〜であると at the end (upstream counts these too).
_SAYING = frozenset({"言う", "言える", "考える", "思う", "見る", "見做す", "捉える", "分かる", "判る", "結論付ける"})


class Options(RuleOptions):
    prefer_in_header: str = option("", 'Style headings must use: "である", "ですます" or "" (majority).')
    prefer_in_body: str = option("", 'Style the body must use: "である", "ですます" or "" (majority).')
    prefer_in_list: str = option("", 'Style list items must use: "である", "ですます" or "" (majority).')
    strict: bool = option(False, "Count である and です・ます inside sentences too, not only at the end.")
    plain_copula: bool = option(False, "Count だ, だった, だろう, ではない endings as である style.")

    def __post_init__(self) -> None:
        for name in ("prefer_in_header", "prefer_in_body", "prefer_in_list"):
            value = getattr(self, name)
            if value not in _STYLES:
                key = name.replace("_", "-")
                raise ValueError(f'rules.mixed-desu-dearu.{key} must be "である", "ですます" or "", not {value!r}')


class Hit(NamedTuple):
    """One style marker: the tokens that carry it and where the phrase shown in the message starts."""

    style: str
    span: Span
    phrase_at: int  # offset of the phrase shown in the message (the word before the marker, then the marker)
    question: bool = False  # the sentence asks (〜ますか？): a question to the reader


class MixedDesuDearu(Rule[Options]):
    name = "mixed-desu-dearu"
    category = "style"
    scope = "document"
    quiet_in_repeated_text = True
    severity = "warning"
    needs_tokens = True
    fix_safety = "none"
    textlint = ("no-mix-dearu-desumasu",)
    textlint_options = {
        "preferInHeader": "prefer-in-header",
        "preferInBody": "prefer-in-body",
        "preferInList": "prefer-in-list",
        "strict": "strict",
    }
    Options = Options

    def check(self, doc: Document, _: object) -> Iterator[Finding]:
        hits: dict[str, list[Hit]] = {"body": [], "header": [], "list": []}
        block_marks: dict[int, list[tuple[int, int]]] = {}  # block -> its quotation marks
        block_links: dict[int, list[tuple[int, int]]] = {}  # block -> its links
        asides = _aside_blocks(doc)
        for sentence in doc.prose_sentences:
            container = doc.blocks[sentence.block_index].container
            if container == "blockquote" or sentence.block_index in asides:
                continue
            found = self._hits(doc, sentence)
            if found:
                quote_marks = block_marks.get(sentence.block_index)
                if quote_marks is None:
                    quote_marks = block_marks[sentence.block_index] = _quote_marks(doc, sentence.block_index)
                if (quote_marks and _quoted(quote_marks, sentence)) or _NOTE_OR_GREETING.match(sentence.text):
                    continue
            if found and sentence.block_index not in block_links:
                block_links[sentence.block_index] = _link_ranges(doc, sentence)
            links = block_links[sentence.block_index] if found else []
            if links:  # link text is a title quoted from elsewhere (upstream ignores Link nodes too)
                found = [hit for hit in found if not any(a <= hit.span.start < b for a, b in links)]
            hits["list" if container == "list_item" else "body"].extend(found)
        for sentence in doc.heading_sentences:
            if sentence.block_index in asides:
                continue
            # Headlines end in plain verbs by convention (〜はどう変わる？): only markers count there.
            hits["header"].extend(hit for hit in self._hits(doc, sentence) if hit.style != PLAIN)
        prefer = {
            "body": self.options.prefer_in_body,
            "header": self.options.prefer_in_header,
            "list": self.options.prefer_in_list,
        }
        for part, label in _PARTS:
            findings = list(self._judge(doc, label, hits[part], prefer[part]))
            if findings and part != "header":
                # A sentence `generation-leftover` reports (「〜から続きを書きます。」) is to be deleted,
                # not restyled, and is no voice of the post: judge the part again without it.
                leftovers = doc.memo("ai-stock-phrase:leftovers", _leftover_spans)
                dropped = [s.span for s in doc.prose_sentences if _overlaps(s.span, leftovers)] if leftovers else []
                kept = [hit for hit in hits[part] if not _overlaps(hit.span, dropped)]
                if len(kept) < len(hits[part]):
                    findings = list(self._judge(doc, label, kept, prefer[part]))
            yield from findings

    # -- judging one part ---------------------------------------------------
    def _judge(self, doc: Document, part: str, hits: list[Hit], prefer: str) -> Iterator[Finding]:
        polite = [hit for hit in hits if hit.style == DESUMASU]
        plain = [hit for hit in hits if hit.style != DESUMASU]
        if not polite and (not plain or not prefer):
            return
        unit = "箇所" if self.options.strict else "文"
        counts = f"{_LABEL[DESUMASU]}が{len(polite)}{unit}、{_LABEL[DEARU]}が{len(plain)}{unit}"
        # Upstream's tie-break: equal counts keep です・ます.
        majority = DESUMASU if len(polite) >= len(plain) else DEARU
        if prefer:
            wrong = polite if prefer == DEARU else plain
            if prefer != majority:  # most of the part is in the other style: one finding for all of it
                first = wrong[0]
                yield Finding(
                    first.span,
                    f"{part}は{_LABEL[prefer]}に揃える設定ですが、{counts}です。"
                    f"「{_phrase(doc, first)}」から{part}全体を{_LABEL[prefer]}に書き換えてください。",
                )
                return
            for hit in _reportable(wrong):
                yield Finding(
                    hit.span,
                    f"{part}は{_LABEL[prefer]}に揃える設定です（{counts}）。"
                    f"「{_phrase(doc, hit)}」を{_LABEL[prefer]}に書き換えてください。",
                )
            return
        if not polite or not plain:
            return
        minority = plain if majority == DESUMASU else polite
        if len(minority) * 3 > len(hits):  # no clear majority: say so once
            reportable = _reportable(minority)
            first = next((hit for hit in reportable if not hit.question), (reportable or minority)[0])
            yield Finding(
                first.span,
                f"{part}は{counts}で、文体が揃っていません。どちらか一方に決めて、"
                f"もう一方の文（「{_phrase(doc, first)}」など）を書き換えてください。",
            )
            return
        for hit in _reportable(minority):
            if hit.question and majority == DEARU:
                # 「あなたはどう思いますか？」 in a plain-style column is a recognised aside to the reader.
                continue
            yield Finding(hit.span, f"{part}は{counts}です。「{_phrase(doc, hit)}」を{_LABEL[majority]}に揃えてください。")

    # -- markers in one sentence --------------------------------------------
    def _hits(self, doc: Document, sentence: Sentence) -> list[Hit]:
        tokens = doc.sentence_tokens(sentence)
        # A line that stops without 。 runs on into the next in the rendered paragraph
        # (「AはBである⏎CはDです。」 is one sentence): its last word ends nothing.
        ending = None if runs_on(doc, sentence, quotation_ends=True) else self._ending(doc, tokens)
        if not self.options.strict:
            return [ending] if ending else []
        markers = self._all_markers(doc, tokens)
        if ending and ending.style == PLAIN:
            markers.append(ending)
        return markers

    def _ending(self, doc: Document, tokens: list[Token]) -> Hit | None:
        """The style of the sentence's final predicate, or None when it is neutral."""
        end = _predicate_end(tokens)
        if end < 0:
            return None
        last = end
        while last >= 0 and tokens[last].pos == "助詞" and tokens[last].pos_detail in ("終助詞", "準体助詞"):
            last -= 1
        if last < 0:
            return None
        first = last
        while first >= 0 and tokens[first].pos == "助動詞":
            first -= 1
        chain = tokens[first + 1 : last + 1]
        polite = [i for i, token in enumerate(chain) if token.conjugation_type in _POLITE]
        if polite:
            hit = _hit(doc, tokens, DESUMASU, first + 1 + polite[0], last)
            asks = tokens[end].surface == "か" or (end + 1 < len(tokens) and tokens[end + 1].surface in ("？", "?"))
            if asks:
                hit = hit._replace(question=True)
            return hit
        dearu = _dearu_before(tokens, first, chain)
        if tokens[end].surface == "か" and last < end:
            # 〜が持続可能であるか。 is an embedded question, not a statement in one style
            # (〜であろうか。 is a rhetorical question in である style).
            if dearu is not None and tokens[dearu + 1].conjugation == "意志推量形":
                return _hit(doc, tokens, DEARU, dearu, last)
            return None
        if dearu is not None:
            return _hit(doc, tokens, DEARU, dearu, last)
        copula = _plain_copula(tokens, first, last)
        if copula is not None:
            return _hit(doc, tokens, DEARU if self.options.plain_copula else PLAIN, copula, last)
        final = tokens[last]
        if final.pos in ("動詞", "形容詞", "助動詞") and final.conjugation.startswith("終止形"):
            return _hit(doc, tokens, PLAIN, last, last)
        return None

    def _all_markers(self, doc: Document, tokens: list[Token]) -> list[Hit]:
        """Strict mode: every polite auxiliary run and every である, wherever it stands."""
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.conjugation_type in _POLITE:
                j = i
                while j + 1 < len(tokens) and tokens[j + 1].pos == "助動詞":
                    j += 1
                hits.append(_hit(doc, tokens, DESUMASU, i, j))
                i = j + 1
                continue
            if _is_dearu_at(tokens, i):
                j = i + 1
                while j + 1 < len(tokens) and tokens[j + 1].conjugation_type == "助動詞-タ":
                    j += 1
                hits.append(_hit(doc, tokens, DEARU, i, j))
                i = j + 1
                continue
            if self.options.plain_copula and _is_plain_copula_at(tokens, i):
                hits.append(_hit(doc, tokens, DEARU, i, i))
            i += 1
        return hits


# -- token patterns ----------------------------------------------------------
def _link_ranges(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    block = doc.blocks[sentence.block_index]
    span = block.content or block.span
    raw = doc.text[span.start : span.end]
    if "](" not in raw:
        return []
    return [(span.start + m.start(), span.start + m.end()) for m in _LINK.finditer(raw)]


@lru_cache(maxsize=1)
def _leftover_rule() -> Rule:
    from jalint.rules.generation_leftover import GenerationLeftover  # only when a part mixes styles

    return GenerationLeftover()


def _leftover_spans(doc: Document) -> list[Span]:
    """Spans `generation-leftover` reports with its default options (the memo is shared with ai-stock-phrase)."""
    return [finding.span for finding in _leftover_rule().check(doc, doc)]


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(other.start < span.end and span.start < other.end for other in others)


_ASIDE_CHARS = 300  # visible characters of a boxed section's text, at most
_ASIDE_SENTENCES = 3


def _aside_blocks(doc: Document) -> set[int]:
    """Blocks of short boxed sections: a heading set off by a horizontal rule, a few sentences and a link.

    Posts carry the site's own boxes (「## 導入のご相談を承ります」 + a contact link,
    a list of recommended books) between 「---」 rules; they are written in the
    site's register, not the post's.
    """
    blocks = doc.blocks
    if not any(block.kind == "hr" for block in blocks):
        return set()
    asides: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        end = index + 1
        while end < len(blocks) and blocks[end].kind not in ("heading", "hr"):
            end += 1
        ruled = (index > 0 and blocks[index - 1].kind == "hr") or (end < len(blocks) and blocks[end].kind == "hr")
        if not ruled or end == index + 1:
            continue
        start, stop = blocks[index].span.end, blocks[end - 1].span.end
        if "](" not in doc.text[start:stop]:
            continue
        text = visible_text(_LINK_TARGET.sub("", doc.masked[start:stop]))
        if len(text.strip()) <= _ASIDE_CHARS and sum(text.count(mark) for mark in "。！？") <= _ASIDE_SENTENCES:
            asides.update(range(index, end))
    return asides


# A note marked ※ (「※ 上記リンクは広告です」) is an annotation, and a greeting that opens a column
# (「どうも、編集部の田中です。」) a set phrase, polite in any register.
_NOTE_OR_GREETING = re.compile(
    rf"[\s{MARKUP}*_]*(?:※|(?:こんにちは|こんばんは|おはようございます|はじめまして|初めまして|どうも|やあ)"
    rf"[{MARKUP}]*[、，。！!])"
)


_QUOTE_MARKS = re.compile(r"[「『“」』”]")
_QUOTE_OPENERS = frozenset("「『“")


def _quote_marks(doc: Document, block_index: int) -> list[tuple[int, int]]:
    """(offset, +1 opening / -1 closing) quotation marks of a block that may cut a quotation; [] when none can.

    On one line with as many closing marks as opening ones, the splitter keeps
    every quotation inside one sentence: nothing to look at.
    """
    block = doc.blocks[block_index]
    span = block.content or block.span
    text = doc.masked[span.start : span.end]
    opened = text.count("「") + text.count("『") + text.count("“")
    closed = text.count("」") + text.count("』") + text.count("”")
    if not closed or (opened == closed and "\n" not in text):
        return []
    return [(span.start + m.start(), 1 if m.group() in _QUOTE_OPENERS else -1) for m in _QUOTE_MARKS.finditer(text)]


def _quoted(marks: list[tuple[int, int]], sentence: Sentence) -> bool:
    """The sentence stands inside a quotation opened before it, on an earlier line or in an earlier paragraph.

    「…試します。⏎結果は…報告します」 (the splitter starts afresh at a line break),
    or a 「 left open in an earlier paragraph: a 」 later in the paragraph closes
    a quotation that was open when the sentence ended. The quoted sentences are
    not the post's own register.
    """
    end = sentence.span.end
    depth = 0  # quotations opened in the block and open at the end of the sentence
    outer_open = True  # the block does not close a quotation from before it until then
    balance = 0
    for offset, delta in marks:
        if offset < end:
            if delta > 0:
                depth += 1
            elif depth:
                depth -= 1
            else:
                outer_open = False
            continue
        balance += delta
        if balance < 0:
            return depth > 0 or outer_open
    return False


def _reportable(hits: list[Hit]) -> list[Hit]:
    """The hits a finding may point at: です・ます and である markers (plain verb endings are neutral upstream)."""
    return [hit for hit in hits if hit.style != PLAIN]


def _predicate_end(tokens: list[Token]) -> int:
    """Index of the last word of the sentence, skipping punctuation and a closing aside; -1 for a quotation."""
    i = len(tokens) - 1
    while i >= 0:
        token = tokens[i]
        if token.pos in ("補助記号", "記号", "空白") or not token.surface.strip():
            closer = token.surface.strip()
            if closer in _QUOTE_CLOSERS:
                return -1
            opener = _OPENER_OF.get(closer)
            if opener:
                j = i - 1
                while j >= 0 and tokens[j].surface != opener:
                    j -= 1
                i = j - 1 if j >= 0 else i - 1
                continue
            i -= 1
            continue
        return i
    return -1


def _is_dearu_at(tokens: list[Token], i: int) -> bool:
    """で (copula) + ある at index i."""
    if i + 1 >= len(tokens):
        return False
    copula, verb = tokens[i], tokens[i + 1]
    return (
        copula.surface == "で"
        and copula.conjugation_type == "助動詞-ダ"
        and verb.pos == "動詞"
        and verb.lemma == "有る"
    )


def _dearu_before(tokens: list[Token], first: int, chain: list[Token]) -> int | None:
    """Start index of a sentence-final である (optionally 〜であると言える), else None."""
    types = {token.conjugation_type for token in chain}
    if not types - {"助動詞-タ"} and first >= 1 and _is_dearu_at(tokens, first - 1):
        form = tokens[first].conjugation
        # 〜であり (連用形) with nothing after is an unfinished sentence, not a style.
        if form.startswith(("終止形", "連体形", "意志推量形")) or (chain and form.startswith("連用形")):
            return first - 1
        return None
    if types - {"助動詞-タ", "助動詞-レル"}:
        return None
    # 〜であると言える / 〜であると考えられる: と + a verb of saying, nothing else after である.
    j = first
    while j >= 0 and tokens[j].pos in ("動詞", "助動詞") and tokens[j].conjugation_type not in ("助動詞-ナイ", "助動詞-ヌ"):
        if tokens[j].pos == "動詞" and tokens[j].lemma in _SAYING:
            k = j - 1
            while k >= 0 and tokens[k].pos == "助詞" and tokens[k].surface in ("は", "も"):
                k -= 1
            if k >= 2 and tokens[k].surface == "と" and tokens[k].pos == "助詞" and _is_dearu_at(tokens, k - 2):
                return k - 2
            return None
        j -= 1
    return None


def _plain_copula(tokens: list[Token], first: int, last: int) -> int | None:
    """Start index of a sentence-final だ / だった / だろう / ではない / じゃない, else None."""
    for i in range(first + 1, last + 1):
        if _is_plain_copula_at(tokens, i):
            return i
    # では(ない) / じゃ(ない): ない (+た) closes the sentence.
    j = last
    while j > first and tokens[j].conjugation_type == "助動詞-タ":
        j -= 1
    if j >= 1 and tokens[j].lemma == "無い" and tokens[j].pos == "形容詞":
        before = tokens[j - 1]
        if before.surface == "じゃ" and before.conjugation_type == "助動詞-ダ":
            return j - 1
        if before.surface == "は" and j >= 2 and tokens[j - 2].surface == "で" and tokens[j - 2].pos in ("助動詞", "助詞"):
            return j - 2
    return None


def _is_plain_copula_at(tokens: list[Token], i: int) -> bool:
    token = tokens[i]
    return token.conjugation_type == "助動詞-ダ" and token.surface in ("だ", "だっ", "だろう")


def _hit(doc: Document, tokens: list[Token], style: str, start: int, end: int) -> Hit:
    """A marker from token `start` to `end`; the phrase adds the word before it for context."""
    span = Span(tokens[start].start, tokens[end].end)
    phrase_start = start
    while phrase_start > 0 and phrase_start > start - 3 and tokens[phrase_start - 1].pos not in ("補助記号", "記号", "空白"):
        phrase_start -= 1
        if tokens[phrase_start].pos != "接尾辞":
            break
    return Hit(style, span, tokens[phrase_start].start)


def _phrase(doc: Document, hit: Hit) -> str:
    """The marker as a reader finds it, with the word before it: 「円安であった」."""
    phrase = visible_text(doc.masked[hit.phrase_at : hit.span.end]).strip()
    return phrase or doc.masked[hit.span.start : hit.span.end]

