"""The document model every rule reads: text, front matter, blocks, sections, sentences.

All parts are computed on first access and cached on the instance, so a run
that selects only front-matter rules never parses Markdown, and one without
token rules never starts the tagger.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

from jalint.blocks import Block, parse_blocks
from jalint.frontmatter import FrontMatter, find_front_matter
from jalint.inline import MARKUP, mask_inline, strip_masks
from jalint.positions import LineIndex, Span
from jalint.sections import Heading, Section, build_headings, build_sections, split_pseudo_headings
from jalint.sentences import Sentence, split_sentences
from jalint.source import Source, lines_view
from jalint.tokens import Token, shifted, tokenize

_EVERYTHING_BUT_NEWLINES = re.compile(r"[^\r\n]")
# Blocks whose text is prose a reader reads as sentences.
PROSE_BLOCKS = frozenset({"paragraph", "heading", "pseudo_heading"})


class Document:
    """One decoded post. Offsets everywhere are code points into `text`."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.path = source.path
        self.text = lines_view(source.text)
        self.lines = LineIndex(self.text)
        self._token_cache: dict[Span, list[Token]] = {}
        self._block_tokens: dict[int, tuple[list[Token], list[int]]] = {}
        self._tagged_texts: dict[str, tuple[int, list[Token]]] = {}  # masked block text -> (offset, tokens)
        self._sentence_tokens: dict[tuple[int, int, int], list[Token]] = {}
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[Document], Any]) -> Any:
        """Compute a per-document analysis once and share it between rules.

        Rules that depend on the same analysis (e.g. which paragraphs are copies)
        call this with the same key; the first caller pays for it.
        """
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    # -- front matter -------------------------------------------------------
    @cached_property
    def front_matter(self) -> FrontMatter | None:
        return find_front_matter(self.text, self.lines)

    @cached_property
    def body_start_line(self) -> int:
        """First line after the front matter (1 when there is none)."""
        if self.front_matter is None:
            return 1
        return self.lines.line_of(self.front_matter.span.end) + 1

    @cached_property
    def body_span(self) -> Span:
        if self.body_start_line > self.lines.line_count:
            return Span(len(self.text), len(self.text))
        return Span(self.lines.line_start(self.body_start_line), len(self.text))

    @property
    def title(self) -> str | None:
        value = self.front_matter.get("title") if self.front_matter else None
        return value if isinstance(value, str) else None

    # -- blocks -------------------------------------------------------------
    @cached_property
    def blocks(self) -> list[Block]:
        blocks = parse_blocks(self.text, self.lines, self.body_start_line)
        return split_pseudo_headings(blocks, self.lines)

    @cached_property
    def masked(self) -> str:
        """Same length as `text`: prose as is, inline markup and non-prose masked."""
        chars = list(_EVERYTHING_BUT_NEWLINES.sub(MARKUP, self.text))
        for block in self.blocks:
            if block.kind in PROSE_BLOCKS and block.content is not None:
                start, end = block.content.start, block.content.end
                chars[start:end] = self._prose_chars(start, end)
        return "".join(chars)

    def _prose_chars(self, start: int, end: int) -> str:
        raw = self.text[start:end]
        lines = raw.split("\n")
        # Continuation lines of a list item or blockquote carry indentation and `>`.
        for i in range(1, len(lines)):
            stripped = lines[i].lstrip(" \t>")
            lines[i] = MARKUP * (len(lines[i]) - len(stripped)) + stripped
        return mask_inline("\n".join(lines))

    def plain(self, span: Span) -> str:
        """What a reader sees in `span`: markup removed, code kept as placeholders."""
        return strip_masks(self.masked[span.start : span.end])

    def block_text(self, block: Block) -> str:
        return self.plain(block.content or block.span)

    @cached_property
    def paragraphs(self) -> list[tuple[int, Block]]:
        """Top-level body paragraphs with their block index."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind == "paragraph" and b.top_level]

    # -- headings and sections ---------------------------------------------
    @cached_property
    def headings(self) -> list[Heading]:
        """Every heading-like block; see `outline` for those that structure the post."""
        return build_headings(self.blocks, self.lines, self.text, lambda span: self.plain(span).strip())

    @cached_property
    def outline(self) -> list[Heading]:
        """The headings a reader sees as section headings (bold sentences and accidental setext excluded)."""
        return [heading for heading in self.headings if heading.structural]

    @cached_property
    def sections(self) -> list[Section]:
        return build_sections(self.headings, self.blocks, len(self.text))

    # -- sentences and tokens ----------------------------------------------
    @cached_property
    def sentences(self) -> list[Sentence]:
        result: list[Sentence] = []
        for index, block in enumerate(self.blocks):
            if block.kind == "paragraph" and block.content is not None:
                span = block.content
                result.extend(split_sentences(self.masked[span.start : span.end], span.start, index))
        return result

    def tokens(self, span: Span) -> list[Token]:
        """Tokens of `span` (usually a sentence); each span is tagged at most once."""
        cached = self._token_cache.get(span)
        if cached is None:
            cached = tokenize(self.masked[span.start : span.end], span.start)
            self._token_cache[span] = cached
        return cached

    def block_tokens(self, index: int) -> list[Token]:
        """Tokens of block `index`'s prose (paragraph or heading content), tagged once per document.

        This is the one morphological analysis the prose rules share: the first
        rule that asks tags the block, every later rule reads the same tokens.
        """
        return self._tagged_block(index)[0]

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        """Tokens inside `sentence`, sliced from its block's shared analysis (once: a dozen rules ask)."""
        key = (sentence.block_index, sentence.span.start, sentence.span.end)
        cached = self._sentence_tokens.get(key)
        if cached is not None:
            return cached
        tokens, starts = self._tagged_block(sentence.block_index)
        first = bisect.bisect_left(starts, sentence.span.start)
        last = bisect.bisect_left(starts, sentence.span.end, first)
        while last > first and tokens[last - 1].end > sentence.span.end:
            last -= 1
        cached = self._sentence_tokens[key] = tokens[first:last]
        return cached

    def _tagged_block(self, index: int) -> tuple[list[Token], list[int]]:
        tagged = self._block_tokens.get(index)
        if tagged is None:
            block = self.blocks[index]
            span = block.content or block.span
            masked = self.masked[span.start : span.end]
            earlier = self._tagged_texts.get(masked)
            if earlier is not None:  # a copy of a block tagged before: same words, other offsets
                tokens = shifted(earlier[1], span.start - earlier[0])
            else:
                tokens = tokenize(masked, span.start) if len(span) else []
                self._tagged_texts[masked] = (span.start, tokens)
            tagged = (tokens, [t.start for t in tokens])
            self._block_tokens[index] = tagged
        return tagged

    @cached_property
    def prose_sentences(self) -> list[Sentence]:
        """The sentences prose rules read: paragraphs, plus heading-like lines that are really prose.

        A whole paragraph written in bold, or a sentence above an accidental `---`,
        looks like a heading to the parser but is read as text; textlint checks it
        as a paragraph too. A line ending in a comma runs on into the next line.
        """
        indexes = [i for i, block in enumerate(self.blocks) if block.kind == "paragraph"]
        indexes.extend(heading.block_index for heading in self.headings if not heading.structural)
        return [s for index in sorted(indexes) for s in self._block_sentences(index, join_lines=True)]

    @cached_property
    def heading_sentences(self) -> list[Sentence]:
        """The headings that structure the post (Markdown and bold pseudo-headings), for prose rules."""
        return [s for heading in self.outline for s in self._block_sentences(heading.block_index)]

    def _block_sentences(self, index: int, join_lines: bool = False) -> list[Sentence]:
        content = self.blocks[index].content
        if content is None:
            return []
        return split_sentences(self.masked[content.start : content.end], content.start, index, join_lines)

    def removal_span(self, first_line: int, last_line: int) -> Span:
        """Span that deletes lines `first..last` and the blank lines after them.

        Deleting the trailing blank lines too keeps one blank line between the
        neighbours, and a run of several blank lines before the deleted lines
        shrinks to one (generated posts often leave two after a cut-off
        paragraph): a repair leaves one blank line where it deleted. At the end
        of the file the blank lines before go instead, and the file keeps its
        final newline.
        """
        lines = self.lines

        def blank(line: int) -> bool:
            return not lines.line_text(line).strip()

        end = last_line
        while end < lines.line_count and blank(end + 1):
            end += 1
        if end < lines.line_count:
            first = first_line
            while first > 2 and blank(first - 1) and blank(first - 2):
                first -= 1
            return Span(lines.line_start(first), lines.line_start(end + 1))
        start = first_line
        while start > 1 and blank(start - 1):
            start -= 1
        begin = lines.line_end(start - 1) if start > 1 else 0
        return Span(begin, lines.line_end(last_line))
