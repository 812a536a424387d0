"""Headings (Markdown and bold pseudo-headings), which of them structure the post, and sections.

A section is a heading and everything after it up to the next heading of the
same or a higher level. Generated posts write section headings as bold-only
lines (`**見出し**`), so the model recognises those as pseudo-headings; but
not every bold line or setext heading is a heading to the reader:

- a bold line that is a sentence (ends in 。), a long emphasised remark, a bold
  link, a parenthetical note, or a colon label that captions a list or runs
  into the next line is prose;
- a setext heading whose text reads as a paragraph is a paragraph with an
  accidental `---` under it.

Headings that do structure the post are `structural`; only they open sections.
Rules share these judgements instead of importing each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jalint.blocks import Block
from jalint.positions import LineIndex, Span

PSEUDO_HEADING = re.compile(r"^[ \t]*(\*\*|__)(?P<title>(?:(?!\1).)+?)\1[ \t]*[:：]?[ \t]*\r?$")

PSEUDO_MAX_CHARS = 60  # a longer bold line is an emphasised sentence
SETEXT_MAX_TITLE_CHARS = 40  # a longer single line above `---` is a paragraph
QUESTION_TITLE_CHARS = 20  # a ？/！ line this long (or with 、) is a remark, not a title

_TRAILING_COLON = re.compile(r"[ \t]*[:：][ \t]*$")
_LINE_ENDS_IN_COLON = re.compile(r"[:：][ \t]*(\*\*|__)?[ \t]*$")
_SENTENCE_END = re.compile(r"[。．.]$")
_INNER_SENTENCE_END = re.compile(r"[。．][^。．]")
_EXCLAIM_END = re.compile(r"[？！?!]$")
_LINK_ONLY = re.compile(r"^!?\[[^\]]*\]\([^)]*\)$")
_EMPHASIS = re.compile(r"\*\*|__")
_INLINE_MARKS = re.compile(r"[*_`]+")
_PARENTHETICAL = re.compile(r"^[（(].*[）)]$")
_MARKER = re.compile(r"^[-=*_]{3,}|[-=*_]{3,}$")  # `---END---` above `===` is no title
_CLOSERS = "」』）)】\"'”"
_CAPTIONED_KINDS = frozenset({"list_item", "table", "code"})


@dataclass
class Heading:
    """A heading; `title_span` covers the title without `#` or `**` markers."""

    kind: str  # "atx", "setext" or "pseudo"
    level: int
    line: int
    span: Span
    title_span: Span
    title: str
    block_index: int
    structural: bool = True  # False: prose that only looks like a heading


@dataclass
class Section:
    """A structural heading and its content; `own_blocks` stop at the first sub-heading."""

    heading: Heading
    span: Span
    own_blocks: list[int] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)


def split_pseudo_headings(blocks: list[Block], lines: LineIndex) -> list[Block]:
    """Turn the bold first line of a top-level paragraph into a `pseudo_heading` block.

    The rest of the paragraph (text written on the very next line) stays a paragraph.
    """
    result: list[Block] = []
    for block in blocks:
        if block.kind != "paragraph" or not block.top_level:
            result.append(block)
            continue
        match = PSEUDO_HEADING.match(lines.line_text(block.line))
        if not match:
            result.append(block)
            continue
        line_start = lines.line_start(block.line)
        title = Span(line_start + match.start("title"), line_start + match.end("title"))
        result.append(
            Block("pseudo_heading", lines.lines_span(block.line, block.line), block.line, block.line, content=title)
        )
        if block.end_line > block.line:
            rest = lines.lines_span(block.line + 1, block.end_line)
            result.append(Block("paragraph", rest, block.line + 1, block.end_line, content=rest))
    return result


def display_title(text: str, heading: Heading) -> str:
    """The title as written, for messages: emphasis markers and a trailing colon removed."""
    raw = text[heading.title_span.start : heading.title_span.end]
    return _TRAILING_COLON.sub("", _EMPHASIS.sub("", raw)).strip()


def pseudo_acts_as_heading(
    text: str, lines: LineIndex, blocks: list[Block], heading: Heading, max_chars: int = PSEUDO_MAX_CHARS
) -> bool:
    """Whether a bold-only line works as a section heading (and is not emphasised prose)."""
    raw = text[heading.title_span.start : heading.title_span.end].strip()
    if _LINK_ONLY.match(raw) or _PARENTHETICAL.match(heading.title):
        return False
    title = _TRAILING_COLON.sub("", heading.title).rstrip(_CLOSERS + " ")
    if not title or len(heading.title) > max_chars:
        return False
    if _SENTENCE_END.search(title) or _INNER_SENTENCE_END.search(title):
        return False
    return not _is_label(lines, blocks, heading)


def _is_label(lines: LineIndex, blocks: list[Block], heading: Heading) -> bool:
    """A bold label ending in a colon that names what follows rather than opening a section.

    Above a list, table or code block it is that block's caption. With text on
    the very next line, Markdown joins the two into one paragraph, so the page
    shows a run-in label (「**課題**: 本文…」), the same as one written on a line.
    """
    if not _LINE_ENDS_IN_COLON.search(lines.line_text(heading.line)):
        return False
    if heading.line < lines.line_count and lines.line_text(heading.line + 1).strip():
        return True
    following = heading.block_index + 1
    return following < len(blocks) and blocks[following].kind in _CAPTIONED_KINDS


def setext_is_accidental(lines: LineIndex, block: Block, max_title_chars: int = SETEXT_MAX_TITLE_CHARS) -> bool:
    """True for a top-level setext heading whose text reads as a paragraph, not a title."""
    if block.kind != "heading" or not block.setext or not block.top_level:
        return False
    text_lines = [lines.line_text(line).strip() for line in range(block.line, block.end_line)]
    if len(text_lines) > 1:
        return True
    visible = _INLINE_MARKS.sub("", text_lines[0]).strip() if text_lines else ""
    if len(visible) > max_title_chars or _MARKER.search(visible):
        return True
    core = visible.rstrip(_CLOSERS + " ")
    if _SENTENCE_END.search(core) or _INNER_SENTENCE_END.search(core):
        return True
    return bool(_EXCLAIM_END.search(core)) and ("、" in core or len(core) >= QUESTION_TITLE_CHARS)


def section_closers(headings: list[Heading], pseudo_closed_by_markdown_only: bool = False) -> list[int | None]:
    """For each heading, the position of the later heading that closes its section, or None at the post's end.

    A section runs to the next heading of the same or a higher level. Searching
    forward from every heading costs time quadratic in the number of headings (a
    post of 100,000 headings took minutes); one pass that keeps the still-open
    headings by level costs n times the number of levels. With
    `pseudo_closed_by_markdown_only`, a bold pseudo-heading's section is closed
    only by a Markdown heading (see dangling-heading).
    """
    closers: list[int | None] = [None] * len(headings)
    if not headings:
        return closers
    deepest = max(h.level for h in headings)
    open_any: list[list[int]] = [[] for _ in range(deepest + 1)]  # by level: closed by any heading
    open_markdown: list[list[int]] = [[] for _ in range(deepest + 1)]  # by level: closed by Markdown headings only
    for position, heading in enumerate(headings):
        closes_pseudo = heading.kind != "pseudo"
        for level in range(heading.level, deepest + 1):
            waiting = open_any[level]
            for earlier in waiting:
                closers[earlier] = position
            waiting.clear()
            if closes_pseudo:
                waiting = open_markdown[level]
                for earlier in waiting:
                    closers[earlier] = position
                waiting.clear()
        if pseudo_closed_by_markdown_only and heading.kind == "pseudo":
            open_markdown[heading.level].append(position)
        else:
            open_any[heading.level].append(position)
    return closers


def build_headings(blocks: list[Block], lines: LineIndex, text: str, title_of: Callable[[Span], str]) -> list[Heading]:
    """Every heading-like block in order, marked structural or not.

    A pseudo-heading sits one level below the last structural Markdown heading
    (level 2 when there is none).
    """
    headings: list[Heading] = []
    last_real_level = 1
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.top_level and block.content is not None:
            kind = "setext" if block.setext else "atx"
            heading = Heading(kind, block.level, block.line, block.span, block.content, title_of(block.content), index)
            heading.structural = not setext_is_accidental(lines, block)
            if heading.structural:
                last_real_level = block.level
            headings.append(heading)
        elif block.kind == "pseudo_heading" and block.content is not None:
            level = min(last_real_level + 1, 6)
            heading = Heading("pseudo", level, block.line, block.span, block.content, title_of(block.content), index)
            heading.structural = pseudo_acts_as_heading(text, lines, blocks, heading)
            headings.append(heading)
    return headings


def build_sections(headings: list[Heading], blocks: list[Block], body_end: int) -> list[Section]:
    """Sections of the structural headings, in document order (parents before children)."""
    outline = [h for h in headings if h.structural]
    sections: list[Section] = []
    stack: list[Section] = []
    closers = section_closers(outline)
    for position, heading in enumerate(outline):
        closer = closers[position]
        end = body_end if closer is None else outline[closer].span.start
        next_any = outline[position + 1].block_index if position + 1 < len(outline) else len(blocks)
        section = Section(heading, Span(heading.span.start, max(heading.span.end, end)))
        section.own_blocks = list(range(heading.block_index + 1, next_any))
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop()
        if stack:
            section.parent = stack[-1]
            stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
    return sections
