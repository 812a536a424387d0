"""Block structure from markdown-it-py's line maps, with exact spans.

markdown-it-py is a CommonMark parser; its block tokens carry the source lines
they came from. The front matter is replaced by blank lines before parsing, so
those line numbers are file line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt

from jalint.positions import LineIndex, Span

PROSE_KINDS = frozenset({"paragraph", "heading"})


@dataclass
class Block:
    """One block-level element.

    `line`/`end_line` are 1-based and inclusive. `container` names the nearest
    enclosing list item or blockquote ("" at top level). `content` is the span
    of the text without container prefixes on the first line (for headings, the
    title text).
    """

    kind: str  # heading, paragraph, list_item, blockquote, table, code, html, hr
    span: Span
    line: int
    end_line: int
    container: str = ""
    level: int = 0  # headings: 1-6
    setext: bool = False
    info: str = ""  # fenced code: the info string
    content: Span | None = None
    children: list[Block] = field(default_factory=list, repr=False)

    @property
    def top_level(self) -> bool:
        return not self.container


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Only block structure is used (inline markup is masked by jalint.inline, with
    # exact offsets), so skip markdown-it's inline pass: a quarter of the parse time.
    return parser.disable(["inline", "text_join"], ignoreInvalid=True)


_ATX_MARKERS = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+")
_ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*$")


def parse_blocks(text: str, lines: LineIndex, body_start_line: int) -> list[Block]:
    """Blocks of the body (the lines from `body_start_line` on), in document order."""
    blank_prefix = "\n" * (body_start_line - 1)
    body = text[lines.line_start(body_start_line) :] if body_start_line <= lines.line_count else ""
    tokens = _parser().parse(blank_prefix + body)
    blocks: list[Block] = []
    containers: list[str] = []
    for index, token in enumerate(tokens):
        if token.nesting == -1 and token.type in ("list_item_close", "blockquote_close"):
            containers.pop()
            continue
        if token.map is None or token.nesting == -1:
            continue
        first, last = token.map[0] + 1, token.map[1]
        last = max(first, _trim_blank_tail(lines, first, last))
        span = lines.lines_span(first, last)
        container = containers[-1] if containers else ""
        kind = _KINDS.get(token.type)
        if token.type in ("list_item_open", "blockquote_open"):
            containers.append(kind)
        if kind is None:
            continue
        block = Block(kind, span, first, last, container)
        if kind == "heading":
            block.level = int(token.tag[1])
            block.setext = token.markup in ("=", "-")
            block.content = _heading_content(lines, first, block.setext, last)
            if block.setext:
                block.end_line = last
        elif kind == "paragraph":
            inline = tokens[index + 1]
            block.content = _paragraph_content(lines, first, last, inline.content)
        elif kind == "code":
            block.info = token.info.strip()
        elif kind == "html" and token.content.lstrip().startswith("<!--"):
            block.kind = "comment"
        blocks.append(block)
    return blocks


_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "hr": "hr",
}


def _trim_blank_tail(lines: LineIndex, first: int, last: int) -> int:
    while last > first and not lines.line_text(last).strip():
        last -= 1
    return last


def _heading_content(lines: LineIndex, line: int, setext: bool, underline: int) -> Span:
    """The heading's text; a setext heading's runs over every line above its underline.

    A generated post's accidental setext heading is often a whole paragraph
    (「…です。\n…ですか？\n---」): all its lines are the heading's text, as
    rendered, so the prose rules read them all.
    """
    raw = lines.line_text(line)
    start = lines.line_start(line)
    if setext:
        stripped = raw.strip()
        offset = raw.find(stripped) if stripped else 0
        end = start + offset + len(stripped)
        if underline - 1 > line:
            closing = lines.line_text(underline - 1)
            end = lines.line_start(underline - 1) + len(closing.rstrip())
        return Span(start + offset, end)
    marker = _ATX_MARKERS.match(raw)
    begin = marker.end() if marker else len(raw) - len(raw.lstrip())
    closing = _ATX_CLOSING.search(raw)
    end = closing.start() if closing and closing.start() >= begin else len(raw.rstrip())
    return Span(start + begin, start + max(begin, end))


def _paragraph_content(lines: LineIndex, first: int, last: int, inline: str) -> Span:
    """Span from the paragraph's first content character to its end.

    The first source line may carry a list marker or `>`; markdown-it's inline
    content tells where the prose begins.
    """
    raw = lines.line_text(first)
    head = inline.split("\n", 1)[0].strip()
    offset = raw.find(head) if head else -1
    if offset < 0:
        offset = len(raw) - len(raw.lstrip())
    return Span(lines.line_start(first) + offset, lines.line_end(last))
