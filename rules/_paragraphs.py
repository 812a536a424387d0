"""Shared analysis of a post's body paragraphs: which ones are copies of earlier text.

duplicate-paragraph reports the copies, duplicate-sentence skips text inside
them, and truncated-paragraph looks up where a cut-off paragraph restarts. The
analysis runs once per document (`Document.memo`).

Comparing every paragraph with every other is quadratic, and posts with
thousands of paragraphs exist. Candidates are found through an index of
content-defined samples (sentences, sentence starts and ends), so copies share
samples; only candidates are compared, with plain substring tests first and
rapidfuzz with a score cutoff last.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from itertools import chain
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz

from jalint.blocks import Block
from jalint.document import Document
from jalint.positions import Span
from jalint.sentences import Sentence
from jalint.text import is_mostly_ascii, normalise, normalise_with_breaks

SHINGLE = 8  # texts shorter than 3 * SHINGLE are looked up by scanning, not by samples
SAMPLE_CHARS = 12  # characters of a sentence's start and end used as samples
STOP_AFTER = 40  # a shingle in more paragraphs than this is boilerplate, not evidence
# Short cut-off texts are looked for by scanning paragraphs, at most this many comparisons per
# document in all. The corpus's worst post needs about 2,000, so the search is unchanged on real posts;
# a hostile file of a million short lines would otherwise scan every paragraph for every fragment
# (hours, not seconds). Past the budget a short fragment is judged by its own ending alone.
SHORT_SCAN_BUDGET = 100_000
TERMINALS = frozenset("。．.！？!?」』）)】〕”\"…:：")


@dataclass
class Paragraph:
    """A top-level body paragraph and its normalised text (or a heading line that holds body text)."""

    position: int  # index among the analysed paragraphs
    block: Block
    span: Span
    key: str
    breaks: frozenset[int] = frozenset()  # key positions that followed whitespace
    last_line_key: str = ""  # the normalised last line, for paragraphs of several lines

    @property
    def line(self) -> int:
        return self.block.line

    @property
    def is_paragraph(self) -> bool:
        """A real paragraph: the only kind that can be the earlier place of a copy, a restart or a cut-off text.

        A heading line holding copied body text is analysed only to be reported as a copy itself.
        """
        return self.block.kind == "paragraph"

    @property
    def complete(self) -> bool:
        """Ends like a finished sentence (or a label/quote), judged on the normalised text."""
        return bool(self.key) and self.key[-1] in TERMINALS


@dataclass
class Copy:
    """How a paragraph repeats earlier text.

    kind: "exact", "near" (similar above the threshold), "fragment" (contained in
    one earlier paragraph), "merged" (mostly made of earlier paragraphs).
    """

    paragraph: Paragraph
    kind: str
    sources: list[Paragraph]
    coverage: float = 1.0


@dataclass
class ParagraphIndex:
    paragraphs: list[Paragraph]
    copies: dict[int, Copy] = field(default_factory=dict)  # by paragraph position
    _shingles: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _samples: list[set[int]] = field(default_factory=list, repr=False)
    _scan_budget: int = field(default=SHORT_SCAN_BUDGET, repr=False)
    _continuations: dict[int, Paragraph | None] = field(default_factory=dict, repr=False)

    def candidates(self, paragraph: Paragraph, before: bool = True) -> list[Paragraph]:
        """Paragraphs sharing a sampled shingle with `paragraph` (earlier ones only by default)."""
        counts: dict[int, int] = defaultdict(int)
        for sample in self._samples[paragraph.position]:
            holders = self._shingles.get(sample, ())
            if len(holders) > STOP_AFTER:
                continue
            for position in holders:
                if position != paragraph.position and (not before or position < paragraph.position):
                    counts[position] += 1
        return [self.paragraphs[p] for p in sorted(counts)]

    def _scan_order(self, position: int) -> Iterator[Paragraph]:
        """Every paragraph after `position`, then every one before it, while the document's scan budget lasts."""
        paragraphs = self.paragraphs
        for index in chain(range(position + 1, len(paragraphs)), range(position)):
            if self._scan_budget <= 0:
                return
            self._scan_budget -= 1
            yield paragraphs[index]

    def continuation_of(self, paragraph: Paragraph) -> Paragraph | None:
        """Another paragraph holding this one's text and going on after it (where a cut-off text restarts).

        When the paragraph has several lines and the whole is found nowhere, its
        last line alone is tried: a label line can sit on top of the cut text.
        """
        if paragraph.position in self._continuations:  # asked by several rules: one answer, one scan
            return self._continuations[paragraph.position]
        found = self._continuation(paragraph, paragraph.key)
        if found is None and paragraph.last_line_key and paragraph.last_line_key != paragraph.key:
            found = self._continuation(paragraph, paragraph.last_line_key)
        self._continuations[paragraph.position] = found
        return found

    def _continuation(self, paragraph: Paragraph, key: str) -> Paragraph | None:
        if len(key) < 2:
            return None
        # Sampling can miss every shingle of a short text, so short texts scan all paragraphs
        # (only cut-off paragraphs are looked up, and short ones are few).
        position = paragraph.position
        if key == paragraph.key and len(key) >= 3 * SHINGLE:
            pool = self.candidates(paragraph, before=False)
            # Prefer the restart that follows the cut, then an earlier copy.
            ordered = sorted(pool, key=lambda other: (other.position < position, other.position))
        else:
            ordered = self._scan_order(position)
        for other in ordered:
            if other.position == paragraph.position or len(other.key) <= len(key) or not other.is_paragraph:
                continue
            at = other.key.find(key)
            if at < 0 or at + len(key) == len(other.key) or at + len(key) in other.breaks:
                continue  # no text after it, or what follows starts anew (a merged copy)
            if len(key) < SHINGLE and at != 0:
                continue  # a few characters mid-paragraph is chance, not a restart
            return other
        return None


_SENTENCE_END = re.compile(r"(?<=[。．！？!?])")


def _samples(key: str) -> set[int]:
    """Content-defined samples: the start, the end and the whole of each sentence.

    Copies share whole sentences; near copies with edited endings (です→だ) share
    sentence starts; fragments that begin mid-sentence share sentence ends; a
    cut-off text shares its first sentence's start with its restart. A handful
    of samples per paragraph keeps the index small.
    """
    samples: set[int] = set()
    for sentence in _SENTENCE_END.split(key):
        if not sentence:
            continue
        samples.add(hash(sentence))
        if len(sentence) > SAMPLE_CHARS:
            samples.add(hash(("start", sentence[:SAMPLE_CHARS])))
            samples.add(hash(("end", sentence[-SAMPLE_CHARS:])))
    return samples


def _coverage(key: str, parts: list[str]) -> float:
    """Share of `key` covered by occurrences of `parts` (overlaps counted once)."""
    covered = [False] * len(key)
    for part in parts:
        start = key.find(part)
        while start >= 0:
            for i in range(start, start + len(part)):
                covered[i] = True
            start = key.find(part, start + len(part))
    return sum(covered) / len(key) if key else 0.0


# A heading line is read as a paragraph too when it holds body text: this many 。 at least, and this long.
# Generators that lose line breaks glue whole copied passages (sub-headings and all) onto a heading line:
# 「## 見出し 本文。本文。### 小見出し 本文。…」, thousands of characters rendered as one heading.
_BODY_SENTENCES_IN_HEADING = 2
_BODY_CHARS_IN_HEADING = 60


def holds_body_text(doc: Document, block: Block) -> bool:
    """A top-level `#` heading whose line carries paragraphs of body text, not a title.

    Setext headings are left out: a paragraph over a stray `---` is accidental-setext-heading's case.
    """
    if block.kind != "heading" or block.setext or not block.top_level or block.content is None:
        return False
    text = doc.plain(block.content)
    return text.count("。") >= _BODY_SENTENCES_IN_HEADING and len(text) >= _BODY_CHARS_IN_HEADING


def build_index(doc: Document) -> ParagraphIndex:
    paragraphs = []
    blocks = [b for b in doc.blocks if (b.kind == "paragraph" and b.top_level) or holds_body_text(doc, b)]
    for block in blocks:
        span = block.content or block.span
        plain = doc.plain(span)
        key, breaks = normalise_with_breaks(plain)
        if key:
            last_line = normalise(plain.rsplit("\n", 1)[-1]) if "\n" in plain.strip() else ""
            paragraphs.append(Paragraph(len(paragraphs), block, span, key, breaks, last_line))
    index = ParagraphIndex(paragraphs)
    for paragraph in paragraphs:
        samples = _samples(paragraph.key)
        index._samples.append(samples)
        for sample in samples:
            index._shingles.setdefault(sample, []).append(paragraph.position)
    return index


def find_copies(index: ParagraphIndex, min_chars: int, near_threshold: float, merged_coverage: float) -> None:
    """Fill `index.copies`: for each paragraph, the earlier text it repeats, if any."""
    first_by_key: dict[str, Paragraph] = {}
    for paragraph in index.paragraphs:
        key = paragraph.key
        if len(key) < min_chars or is_mostly_ascii(key):
            first_by_key.setdefault(key, paragraph)
            continue
        if key in first_by_key:
            index.copies[paragraph.position] = Copy(paragraph, "exact", [first_by_key[key]])
            continue
        if paragraph.is_paragraph:
            first_by_key[key] = paragraph
        copy = _compare(index, paragraph, min_chars, near_threshold, merged_coverage)
        if copy is not None:
            index.copies[paragraph.position] = copy


def _compare(
    index: ParagraphIndex, paragraph: Paragraph, min_chars: int, near_threshold: float, merged_coverage: float
) -> Copy | None:
    key = paragraph.key
    contained: list[Paragraph] = []
    best_near: tuple[float, Paragraph] | None = None
    for other in index.candidates(paragraph):
        if not other.is_paragraph:
            continue
        if key in other.key:
            # Text first seen inside a merged copy has no settled home: deleting the
            # merged copy may be the fix, so only an original container counts.
            if other.position not in index.copies:
                return Copy(paragraph, "fragment", [other], len(key) / len(other.key))
            continue
        if len(other.key) >= min_chars and other.key in key:
            contained.append(other)
            continue
        if 0.8 <= len(key) / len(other.key) <= 1.25:
            score = fuzz.ratio(key, other.key, score_cutoff=near_threshold)
            if score and (best_near is None or score > best_near[0]):
                best_near = (score, other)
    if contained:
        copy = _merged(paragraph, contained, merged_coverage)
        if copy is not None:
            return copy
    if best_near is not None and not is_restart(best_near[1], paragraph):
        return Copy(paragraph, "near", [best_near[1]], best_near[0] / 100)
    return None


def is_restart(cut: Paragraph, full: Paragraph) -> bool:
    """`full` restarts the cut-off `cut`: it begins with (nearly) all of it and goes on.

    Such a pair is one defect, reported by truncated-paragraph on the cut-off
    paragraph with the restart as related place, not as a copy.
    """
    return not cut.complete and len(full.key) > len(cut.key) and full.key.startswith(cut.key[:-1] or cut.key)


def _merged(paragraph: Paragraph, contained: list[Paragraph], threshold: float) -> Copy | None:
    sources = [other for other in contained if not (len(contained) == 1 and is_restart(other, paragraph))]
    # Keep one source per text: drop later equal copies and texts inside a longer source
    # (a cut-off paragraph inside its restart).
    sources = [
        s for s in sources
        if not any(
            s is not t and s.key in t.key and (len(t.key) > len(s.key) or t.position < s.position)
            for t in sources
        )
    ]
    if not sources:
        return None
    coverage = _coverage(paragraph.key, [s.key for s in sources])
    if coverage < threshold:
        return None
    sources.sort(key=lambda s: paragraph.key.find(s.key))
    return Copy(paragraph, "merged", sources, coverage)


def analyse(doc: Document, min_chars: int = 20, near_threshold: float = 90.0, merged_coverage: float = 0.6) -> ParagraphIndex:
    """The memoised analysis with the given thresholds."""
    key = f"paragraph-copies:{min_chars}:{near_threshold}:{merged_coverage}"

    def compute(document: Document) -> ParagraphIndex:
        index = document.memo("paragraph-index", build_index)
        result = ParagraphIndex(index.paragraphs, {}, index._shingles, index._samples)
        find_copies(result, min_chars, near_threshold, merged_coverage)
        return result

    return doc.memo(key, compute)


# A merged paragraph whose earlier parts cover this share of it is a copy as a whole.
FULLY_COVERED = 0.98


def repeated_spans(doc: Document) -> list[tuple[Span, bool]]:
    """Paragraphs, list items and table rows that repeat earlier text of the post (duplicate-paragraph's
    copies, default thresholds), each with whether the whole of it repeats (else a merged paragraph that adds
    text of its own)."""
    return [
        (copy.paragraph.span, copy.kind != "merged" or copy.coverage >= FULLY_COVERED)
        for copy in analyse(doc).copies.values()
    ] + [(item.span, True) for item in copied_items(doc)]


def in_repeated_text(doc: Document, span: Span) -> bool:
    """The span stands in text the post already said: a copied paragraph, a repeated sentence of a merged one,
    a sentence that repeats an earlier one word for word (what duplicate-sentence reports), or a heading that
    repeats an earlier one over a copied passage.

    Why prose rules ask: the copy is a generation defect duplicate-paragraph
    (or duplicate-sentence) reports, its fix is to delete it, and every phrase
    in it was reported at its first place already; a second report of the same
    phrase is noise. A paragraph reworded at its start and copied after it
    (「人材育成も急務です。…」 and 「そして、…のが人材育成です。…」 with the
    rest the same) is no copy of the whole, but its later sentences are repeats.
    """
    sentence = _sentence_at(doc, span.start)
    if sentence is not None and sentence.span.start in doc.memo("repeated-sentence-starts", _repeated_sentence_starts):
        return True
    headings = doc.memo("repeated-heading-spans", _repeated_heading_spans)
    if headings and any(start <= span.start < end for start, end in headings):
        return True
    found = _repeated_span_index(doc).first_containing(span.start)
    if found is None:
        return False
    copy, whole = found
    if whole:
        return True
    if sentence is None:
        return False
    first = doc.memo("first-occurrences", lambda d: {})
    for needle in (bare(sentence.text), _spaced_piece(sentence, span)):
        if needle not in first:
            first[needle] = doc.masked.find(needle) if needle else -1
        if 0 <= first[needle] and first[needle] + len(needle) <= copy.start:
            return True
    return False


# A heading title this long (normalised) is no generic label like 「メリット」: said twice, it was copied.
_LONG_HEADING_CHARS = 12


def _repeated_span_index(doc: Document) -> RepeatedSpans:
    return doc.memo("repeated-span-index", lambda d: RepeatedSpans(repeated_spans(d)))


def _repeated_heading_spans(doc: Document) -> list[tuple[int, int]]:
    """Headings that repeat an earlier heading's text: a long title, or one over a copied passage.

    A pasted copy of a section brings its heading along, and a restarted section
    repeats it (duplicate-heading reports both); a phrase in that heading was
    reported at the first one. A short heading said twice on purpose (「メリット」
    under each product) over new text keeps its reports.
    """
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for heading in doc.headings:
        key = normalise(heading.title)
        if key in seen:
            following = next((b for b in doc.blocks[heading.block_index + 1 :] if b.kind == "paragraph"), None)
            if len(key) >= _LONG_HEADING_CHARS or (following is not None and _repeated_span_index(doc).first_containing(
                (following.content or following.span).start
            ) is not None):
                block = doc.blocks[heading.block_index]
                spans.append((block.span.start, block.span.end))
        seen.add(key)
    return spans


def _spaced_piece(sentence: Sentence, span: Span) -> str:
    """The part of `sentence` around `span` between spaces, when long enough to be a sentence of its own.

    A merged paragraph glues the lines it copies with spaces, a heading's text
    included (「…思います。 ### 背景 まず、…見ていきましょう。」): the sentence as
    split holds the heading, the piece after the space is the earlier sentence.
    """
    text = sentence.text
    start, end = span.start - sentence.span.start, span.end - sentence.span.start
    left = max(text.rfind(" ", 0, start), text.rfind("\u3000", 0, start)) + 1
    if left == 0:
        return ""  # no space before: the whole sentence was the needle already
    right = min((i for i in (text.find(" ", end), text.find("\u3000", end)) if i >= 0), default=len(text))
    piece = bare(text[left:right])
    return piece if len(piece) >= REPEATED_SENTENCE_CHARS else ""


# Sentences shorter than this (normalised) may repeat as stock phrases (duplicate-sentence's default `min-chars`).
REPEATED_SENTENCE_CHARS = 25


def sentence_keys(doc: Document) -> list[str]:
    """Each sentence of `doc.sentences` as compared for repeats: its visible text, normalised (computed once)."""
    return doc.memo("sentence-plain-keys", lambda d: [normalise(d.plain(s.span)) for s in d.sentences])


def _repeated_sentence_starts(doc: Document) -> frozenset[int]:
    """Starts of the sentences that repeat an earlier one: a long one on its own, a short one (「高めるでしょう。」,
    left over where a paragraph break cut a sentence) only as part of a repeated run, beside a long sentence that
    stood beside its first place too."""
    sentences, keys = doc.sentences, sentence_keys(doc)
    # Prose that the parser read as a heading (a sentence above an accidental `---`, a bold
    # sentence) is text the post said too: a paragraph repeating it later is a repeat.
    prose_headings = [s for s in doc.prose_sentences if doc.blocks[s.block_index].kind != "paragraph"]
    if prose_headings:
        merged = sorted([*zip(sentences, keys), *((s, normalise(doc.plain(s.span))) for s in prose_headings)],
                        key=lambda pair: pair[0].span.start)
        sentences, keys = [pair[0] for pair in merged], [pair[1] for pair in merged]
    first: dict[str, int] = {}
    repeated: set[int] = set()
    for index, key in enumerate(keys):
        if not key:
            continue
        earlier = first.setdefault(key, index)
        if earlier != index and (len(key) >= REPEATED_SENTENCE_CHARS or _in_repeated_run(keys, earlier, index)):
            repeated.add(index)
    joined, ends = _joined_keys(keys)
    for index, key in enumerate(keys):
        opens_block = not index or sentences[index - 1].block_index != sentences[index].block_index
        if index not in repeated and opens_block and _ends_an_earlier_sentence(joined, ends, key, index):
            repeated.add(index)
    return frozenset(sentences[index].span.start for index in repeated)


_KEY_SEPARATOR = "\n"  # keys hold no whitespace (normalise drops it)


def _joined_keys(keys: list[str]) -> tuple[str, list[int]]:
    """The keys joined by a separator no key holds, and where each one ends in the joined text (one search in C
    instead of a Python loop over every earlier sentence)."""
    ends, position = [], 0
    for key in keys:
        position += len(key)
        ends.append(position)
        position += len(_KEY_SEPARATOR)
    return _KEY_SEPARATOR.join(keys) + _KEY_SEPARATOR, ends


def _ends_an_earlier_sentence(joined: str, ends: list[int], key: str, index: int) -> bool:
    """The sentence is the end of an earlier, longer one: 「の波を、ぜひ…」 left in a paragraph of its own where a
    copy of 「あなたも、この変革の波を、ぜひ…」 was cut at its start (a fragment no paragraph comparison finds
    when the earlier sentence stands in a merged copy)."""
    if len(key) < REPEATED_SENTENCE_CHARS or not index:
        return False
    needle, stop = key + _KEY_SEPARATOR, ends[index - 1] + len(_KEY_SEPARATOR)
    at = joined.find(needle, 0, stop)
    while at >= 0:
        if at and joined[at - 1] != _KEY_SEPARATOR:
            return True  # inside an earlier key, at its end: a proper suffix
        at = joined.find(needle, at + 1, stop)
    return False


def _in_repeated_run(keys: list[str], earlier: int, index: int) -> bool:
    """A long sentence next to `index` is the same as the one next to `earlier` (before or after it)."""
    return any(
        0 <= earlier + step < len(keys) and 0 <= index + step < len(keys) and earlier + step != index
        and len(keys[index + step]) >= REPEATED_SENTENCE_CHARS and keys[index + step] == keys[earlier + step]
        for step in (-1, 1)
    )


class RepeatedSpans:
    """`repeated_spans` sorted by start, to find the first (in their own order) that holds an offset.

    Prose rules ask once per finding; scanning every copy for every finding made
    a long post with thousands of findings and copies quadratic. Copies do not
    overlap in practice (a list item's paragraph is not analysed apart from it),
    so the walk left from the bisection point stops at once; it stays correct,
    only slower, where they do.
    """

    def __init__(self, spans: list[tuple[Span, bool]]) -> None:
        entries = sorted(enumerate(spans), key=lambda e: e[1][0].start)
        self.entries = [entry for _, entry in entries]
        self.order = [position for position, _ in entries]
        self.starts = [entry[0].start for entry in self.entries]
        self.reach: list[int] = []  # the furthest end among this entry and every one sorted before it
        furthest = -1
        for copy, _ in self.entries:
            furthest = max(furthest, copy.end)
            self.reach.append(furthest)

    def first_containing(self, offset: int) -> tuple[Span, bool] | None:
        best = None
        index = bisect_right(self.starts, offset) - 1
        while index >= 0 and self.reach[index] > offset:
            if self.entries[index][0].end > offset and (best is None or self.order[index] < self.order[best]):
                best = index
            index -= 1
        return None if best is None else self.entries[best]


def _sentence_at(doc: Document, offset: int) -> Sentence | None:
    starts = doc.memo("sentence-starts", lambda d: [s.span.start for s in d.sentences])
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < doc.sentences[index].span.end:
        return doc.sentences[index]
    return None


def bare(text: str) -> str:
    """A sentence without surrounding space and its closing mark, to find it inside other text."""
    return text.strip().rstrip("。．！？!?")


def sentences_in(doc: Document, block_index: int) -> list[Sentence]:
    """The sentences of one block (the grouping is computed once per document)."""
    return doc.memo("sentences-by-block", _group_sentences).get(block_index, [])


def _group_sentences(doc: Document) -> dict[int, list[Sentence]]:
    grouped: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        grouped.setdefault(sentence.block_index, []).append(sentence)
    return grouped


def block_index_of(doc: Document, block: Block) -> int:
    """The index of a block in `doc.blocks`, by identity (Block equality compares every field)."""
    return doc.memo("block-indexes", lambda d: {id(b): i for i, b in enumerate(d.blocks)})[id(block)]


def through_spaces(doc: Document, start: int, end: int) -> Span:
    """The range and the spaces after it on its line (a merge joins paragraphs and sentences with a space)."""
    while end < len(doc.text) and doc.text[end] in " \u3000":
        end += 1
    return Span(start, end)


# -- list items and table rows -------------------------------------------------------
class ItemCopy(NamedTuple):
    """A list item or table row that repeats an earlier one of the post word for word."""

    kind: str  # "item" or "row"
    span: Span  # the later copy (what is reported)
    removal: Span  # its lines, for the fix (no blank line around them: the list or table goes on)
    first: Span  # the earlier one
    first_line: int


def copied_items(doc: Document, min_chars: int = 20) -> list[ItemCopy]:
    """List items (anywhere in the post) and table rows (within one table) that repeat an earlier one.

    Why apart from paragraphs: a copied bullet is one defect, but its sentences
    would each be a duplicate-sentence finding; reported here as one item it
    goes in one deletion, and duplicate-sentence skips its sentences. Only
    exact copies (after folding width, spaces and markup) of at least
    `min_chars` characters count: parallel items that differ in a word are
    a list's normal shape. A whole copied item is one finding, not one per
    nested item; header rows repeat across tables by design and are skipped,
    and so are items that are only a link (lists of related posts share them).
    """
    return doc.memo(f"copied-items:{min_chars}", lambda d: _copied_items(d, min_chars))


def _copied_items(doc: Document, min_chars: int) -> list[ItemCopy]:
    found: list[ItemCopy] = []
    first_item: dict[str, Block] = {}
    for block in doc.blocks:
        if block.kind == "list_item":
            if any(copy.span.start <= block.span.start < copy.span.end for copy in found):
                continue  # inside an item already reported whole
            key = normalise(doc.plain(block.span))
            if len(key) < min_chars or _LINK_ITEM.match(doc.text[block.span.start : block.span.end]):
                continue
            earlier = first_item.setdefault(key, block)
            if earlier is not block and not (earlier.span.start <= block.span.start < earlier.span.end):
                found.append(ItemCopy("item", _trimmed(doc, block.span), _lines_span(doc, block.line, block.end_line),
                                      _trimmed(doc, earlier.span), earlier.line))
        elif block.kind == "table":
            found.extend(_copied_rows(doc, block, min_chars))
    return found


# An item that is only a link: navigation (「あわせて読みたい」 and 「関連記事」 lists share links), not prose.
_LINK_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]\n]*\]\([^)\n]*\)[ \t]*\n?\Z")


def _copied_rows(doc: Document, table: Block, min_chars: int) -> list[ItemCopy]:
    found = []
    first_row: dict[str, int] = {}
    for line in range(table.line + 2, table.end_line + 1):  # after the header row and the delimiter row
        key = normalise(doc.lines.line_text(line).replace("|", " "))
        if len(key) < min_chars:
            continue
        earlier = first_row.setdefault(key, line)
        if earlier != line:
            span = _trimmed(doc, Span(doc.lines.line_start(line), doc.lines.line_end(line)))
            first = _trimmed(doc, Span(doc.lines.line_start(earlier), doc.lines.line_end(earlier)))
            found.append(ItemCopy("row", span, _lines_span(doc, line, line), first, earlier))
    return found


def _trimmed(doc: Document, span: Span) -> Span:
    text = doc.text[span.start : span.end]
    start = span.start + len(text) - len(text.lstrip())
    return Span(start, max(start, span.start + len(text.rstrip())))


def _lines_span(doc: Document, first: int, last: int) -> Span:
    """Lines `first..last` with their line breaks (at the end of the file, with the break before them)."""
    lines = doc.lines
    if last < lines.line_count:
        return Span(lines.line_start(first), lines.line_start(last + 1))
    return Span(lines.line_end(first - 1) if first > 1 else 0, lines.line_end(last))
