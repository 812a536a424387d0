"""Headings (Markdown and bold pseudo-headings) and the sections they open.

A section is a heading and everything after it up to the next heading of the
same or a higher level. A paragraph that starts with a line made only of bold
text (`**見出し**`, optionally with a trailing colon) is treated as a heading by
generated posts and their readers alike, so it opens a section too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jalint.blocks import Block
from jalint.positions import LineIndex, Span

PSEUDO_HEADING = re.compile(r"^[ \t]*(\*\*|__)(?P<title>(?:(?!\1).)+?)\1[ \t]*[:：]?[ \t]*\r?$")


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


@dataclass
class Section:
    """A heading and its content; `own_blocks` stop at the first sub-heading."""

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


def build_headings(blocks: list[Block], title_of) -> list[Heading]:  # noqa: ANN001
    """Headings in order; a pseudo-heading sits one level below the last real heading."""
    headings: list[Heading] = []
    last_real_level = 1
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.top_level and block.content is not None:
            last_real_level = block.level
            kind = "setext" if block.setext else "atx"
            headings.append(
                Heading(kind, block.level, block.line, block.span, block.content, title_of(block.content), index)
            )
        elif block.kind == "pseudo_heading" and block.content is not None:
            level = min(last_real_level + 1, 6)
            headings.append(
                Heading("pseudo", level, block.line, block.span, block.content, title_of(block.content), index)
            )
    return headings


def build_sections(headings: list[Heading], blocks: list[Block], body_end: int) -> list[Section]:
    """Sections in document order (parents before children)."""
    sections: list[Section] = []
    stack: list[Section] = []
    for position, heading in enumerate(headings):
        end = body_end
        for later in headings[position + 1 :]:
            if later.level <= heading.level:
                end = later.span.start
                break
        next_any = headings[position + 1].block_index if position + 1 < len(headings) else len(blocks)
        section = Section(heading, Span(heading.span.start, max(heading.span.end, end)))
        section.own_blocks = [
            i for i in range(heading.block_index + 1, next_any) if blocks[i].top_level or blocks[i].kind != "paragraph"
        ]
        while stack and stack[-1].heading.level >= heading.level:
            stack.pop()
        if stack:
            section.parent = stack[-1]
            stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
    return sections
