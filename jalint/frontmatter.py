"""Front matter: YAML between `---` lines (Jekyll, Hugo) or TOML between `+++` (Hugo).

Each top-level key keeps the span of its key and of its value (and of each item
of a list value), so front-matter rules can point at the offending tag itself.
Front matter that does not parse is kept as an error for `front-matter-syntax`
instead of raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from jalint.positions import LineIndex, Span


class Item(NamedTuple):
    """One element of a list value, with its span."""

    value: Any
    span: Span


class Entry(NamedTuple):
    """A top-level key with the spans of key and value."""

    key: str
    key_span: Span
    value: Any
    value_span: Span
    items: tuple[Item, ...] = ()


class SyntaxProblem(NamedTuple):
    message: str
    span: Span


@dataclass
class FrontMatter:
    """The parsed block; `span` covers it from the opening to the closing delimiter line."""

    format: str  # "yaml" or "toml"
    span: Span
    content_span: Span
    entries: dict[str, Entry] = field(default_factory=dict)
    problem: SyntaxProblem | None = None
    leading: Span | None = None  # blank lines before the opening delimiter (Jekyll and Hugo then ignore the block)

    def get(self, key: str, default: Any = None) -> Any:
        entry = self.entries.get(key)
        return entry.value if entry else default

    @property
    def data(self) -> dict[str, Any]:
        return {key: entry.value for key, entry in self.entries.items()}


_DELIMITERS = {"---": "yaml", "+++": "toml"}
# libyaml when PyYAML was built with it (several times faster); marks count characters in both.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_MAX_LEADING_BLANK_LINES = 20


def find_front_matter(text: str, lines: LineIndex) -> FrontMatter | None:
    """Locate and parse the block at the very top of the file, if any.

    A block preceded by blank lines only (a generator that starts its output
    with a newline) is still the post's front matter as its author meant it,
    though Jekyll and Hugo render it as text: it is returned with `leading`
    set, so that one finding names the cause (front-matter-placement) and the
    title, tag and excerpt checks still read it. It must then parse as keys and
    values: a `---` rule under a blank first line is no front matter.
    """
    first = lines.line_text(1).rstrip()
    kind = _DELIMITERS.get(first)
    if kind is None:
        return _after_blank_lines(text, lines)
    return _block_at(text, lines, 1, kind)


def _block_at(text: str, lines: LineIndex, opening: int, kind: str) -> FrontMatter | None:
    closers = ("---", "...") if kind == "yaml" else ("+++",)
    start = lines.line_start(opening)
    for line in range(opening + 1, lines.line_count + 1):
        if lines.line_text(line).rstrip() in closers:
            content = Span(lines.line_end_with_newline(opening), lines.line_start(line))
            block = FrontMatter(kind, Span(start, lines.line_end(line)), content)
            _parse(block, text)
            return block
    if opening > 1:
        return None
    # An opening `---` with no closer: Jekyll would render the whole file as text.
    delimiter = lines.line_text(1).rstrip()
    block = FrontMatter(kind, Span(0, lines.line_end(1)), Span(lines.line_end(1), lines.line_end(1)))
    block.problem = SyntaxProblem(
        f"フロントマターを閉じる {delimiter} の行がありません。本文の前に {delimiter} だけの行を置いてください。",
        Span(0, lines.line_end(1)),
    )
    return block


def _after_blank_lines(text: str, lines: LineIndex) -> FrontMatter | None:
    """The front matter under leading blank lines, when there is one that parses as keys and values."""
    for line in range(1, min(lines.line_count, _MAX_LEADING_BLANK_LINES + 1) + 1):
        stripped = lines.line_text(line).strip()
        if stripped:
            kind = _DELIMITERS.get(stripped) if line > 1 else None
            if kind is None or lines.line_text(line).rstrip() != stripped:
                return None
            block = _block_at(text, lines, line, kind)
            if block is None or block.problem is not None or not block.entries:
                return None
            block.leading = Span(0, block.span.start)
            return block
    return None


_COPIED_KEY_LINE = re.compile(r"^ {0,3}[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
_FENCE_LINE = re.compile(r"^ {0,3}---[ \t]*$")


def is_front_matter_copy(lines: LineIndex, first: int, last: int) -> bool:
    """Lines `first`..`last` are `key: value` lines right under a `---` line: a front matter copied into the body.

    Markdown reads such a block as a setext heading (the keys) over its closing
    `---`; generation-leftover reports it as the copy it is (with the keys
    indented by up to three spaces, as some pipelines write it).
    """
    if first < 2 or not _FENCE_LINE.match(lines.line_text(first - 1)):
        return False
    return all(_COPIED_KEY_LINE.match(lines.line_text(line)) for line in range(first, last + 1))


def _parse(block: FrontMatter, text: str) -> None:
    if block.format == "yaml":
        _parse_yaml(block, text)
    else:
        _parse_toml(block, text)


def _yaml_span(node: yaml.Node, base: int) -> Span:
    return Span(base + node.start_mark.index, base + node.end_mark.index)


def _parse_yaml(block: FrontMatter, text: str) -> None:
    base = block.content_span.start
    content = text[block.content_span.start : block.content_span.end]
    try:
        loader = _LOADER(content)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        context = getattr(error, "context_mark", None)
        if context is not None and (mark is None or mark.index >= len(content.rstrip())):
            # "unexpected end of stream": where the unclosed quote or bracket began says more.
            mark = context
        offset = base + (mark.index if mark else 0)
        offset = min(offset, block.content_span.end)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        if getattr(error, "context", None):
            problem = f"{error.context}: {problem}"
        block.problem = SyntaxProblem(
            f"フロントマターの YAML を解析できません（{problem}）。構文を直してください。",
            Span(offset, offset),
        )
        return
    except (ValueError, TypeError, RecursionError) as error:  # e.g. an impossible date
        block.problem = SyntaxProblem(
            f"フロントマターの値を読み取れません（{error}）。値を直してください。", block.content_span
        )
        return
    if root is None:
        return
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        block.problem = SyntaxProblem(
            "フロントマターがキーと値の組（マッピング）になっていません。`key: value` の形で書いてください。",
            _yaml_span(root, base),
        )
        return
    for key_node, value_node in root.value:
        key = str(key_node.value)
        items: tuple[Item, ...] = ()
        if isinstance(value_node, yaml.SequenceNode):
            values = data.get(key) if isinstance(data.get(key), list) else []
            items = tuple(
                Item(value, _yaml_span(node, base))
                for value, node in zip(values, value_node.value, strict=False)
            )
        block.entries[key] = Entry(
            key, _yaml_span(key_node, base), data.get(key), _yaml_span(value_node, base), items
        )


_TOML_KEY = re.compile(r"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)


def _parse_toml(block: FrontMatter, text: str) -> None:
    import tomllib  # deferred: front matter is YAML in most posts

    base = block.content_span.start
    content = text[block.content_span.start : block.content_span.end]
    try:
        data = tomllib.loads(content.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        block.problem = _toml_problem(str(error), content, base, block.content_span)
        return
    table_header = re.search(r"^[ \t]*\[", content, re.MULTILINE)
    top_level = content[: table_header.start()] if table_header else content
    for match in _TOML_KEY.finditer(top_level):
        key = match.group(1)
        if key not in data or key in block.entries:
            continue
        value_span = Span(base + match.start(2), base + match.end(2))
        items = _toml_items(data[key], match.group(2), value_span.start)
        block.entries[key] = Entry(key, Span(base + match.start(1), base + match.end(1)), data[key], value_span, items)


_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')


def _toml_items(value: Any, raw: str, start: int) -> tuple[Item, ...]:
    """Spans of the strings of a one-line TOML array (`tags = ["a", "b"]`), like YAML list items."""
    if not isinstance(value, list) or not raw.startswith("["):
        return ()
    literals = list(_TOML_STRING.finditer(raw))
    if len(literals) != len(value) or not all(isinstance(item, str) for item in value):
        return ()
    return tuple(Item(item, Span(start + m.start(), start + m.end())) for item, m in zip(value, literals, strict=True))


_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _toml_problem(error: str, content: str, base: int, content_span: Span) -> SyntaxProblem:
    """Point at the place tomllib names, and drop its position from the message.

    tomllib counts lines from the start of the front matter content, so its
    "(at line 1, ...)" is line 2 of the file; left in the message it contradicts
    the finding's own (file) line.
    """
    at = _TOML_ERROR_AT.search(error)
    span = content_span
    if at:
        error = error[: at.start()]
        lines = content.split("\n")  # CR stays at the line ends, so offsets match the file text
        line, column = int(at.group(1)), int(at.group(2))
        if line <= len(lines):
            offset = base + sum(len(text) + 1 for text in lines[: line - 1])
            offset += min(column - 1, len(lines[line - 1].rstrip("\r")))
            span = Span(offset, offset)
    return SyntaxProblem(f"フロントマターの TOML を解析できません（{error}）。構文を直してください。", span)
