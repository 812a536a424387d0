"""Shared helpers of the tag rules: read a post's tags with their spans, compare them, delete one.

Private to `tag-unsupported` and `tag-duplicate`. The front-matter parser gives
item spans for YAML lists only; TOML arrays and Jekyll's space-separated tag
strings are located here in the value text, so every tag can be pointed at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from jalint.document import Document
from jalint.frontmatter import Entry, FrontMatter
from jalint.positions import Span
from jalint.text import normalise


class Tag(NamedTuple):
    """One tag as written, with the span of its list item (quotes included)."""

    text: str
    span: Span
    entry: Entry


def read_tags(front_matter: FrontMatter, doc: Document, keys: tuple[str, ...]) -> list[Tag]:
    """The tags under the first of `keys` that is present, in list order."""
    for key in keys:
        entry = front_matter.entries.get(key)
        if entry is not None:
            return _tags_of(entry, doc.text, front_matter.content_span.end)
    return []


def _tags_of(entry: Entry, text: str, limit: int) -> list[Tag]:
    value = entry.value
    if isinstance(value, str):
        # Jekyll splits a tag string on whitespace: `tags: AI 物流` is two tags.
        return _locate(entry, value.split(), text, limit)
    if not isinstance(value, list):
        return []
    if entry.items:
        return [Tag(_as_text(item.value), item.span, entry) for item in entry.items if _as_text(item.value)]
    return _locate(entry, [_as_text(v) for v in value], text, limit)


def _as_text(value: object) -> str:
    """Scalars become the string Jekyll would print; nested lists or mappings are no tag."""
    if isinstance(value, str):
        return value.strip()
    if value is None or isinstance(value, list | dict):
        return ""
    return str(value)


def _locate(entry: Entry, values: list[str], text: str, limit: int) -> list[Tag]:
    """Find each value, in order, between the key and the end of the front matter.

    For TOML arrays (always quoted) and tag strings (never quoted). A value we
    cannot find as written (escapes) ends the search: the tags found so far are kept.
    """
    tags: list[Tag] = []
    offset = entry.value_span.start
    for value in values:
        if not value:
            continue
        escaped = re.escape(value)
        match = re.compile(rf"([\"']){escaped}\1|{escaped}").search(text, offset, limit)
        if match is None:
            break
        tags.append(Tag(value, Span(match.start(), match.end()), entry))
        offset = match.end()
    return tags


def tag_key(text: str) -> str:
    """What makes two tags the same for a reader: width, case and spacing folded."""
    return normalise(text)


# -- searchable text ---------------------------------------------------------
_NOISE = re.compile(r"[*_~#>`|\[\]]+")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"https?://[^\s)>\]」』]+")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACES = re.compile(r"[^\S\n]+")
_LONE_SPACE = re.compile(r"(?<![a-z0-9]) | (?![a-z0-9])")
_SENTENCE_END = re.compile(r"[。!?\n]+")  # after NFKC: ！ and ？ are ! and ?


def searchable(text: str, sentences: bool = False) -> str:
    """NFKC, casefold, markup dropped; spaces kept only between ASCII words.

    Dropping every space (as `normalise` does) would glue English words, so
    `EU AI Act is` could never be told from `euaiactis`; keeping a space only
    between ASCII letters or digits lets 「生成 AI」 still equal 「生成AI」.
    With `sentences`, each sentence or line ends in one newline; otherwise
    newlines are spaces like any other.
    """
    # Line by line: NFKC of one long string is several times slower than of its lines.
    folded = "\n".join(unicodedata.normalize("NFKC", line) for line in text.split("\n"))
    folded = _NOISE.sub(" ", folded.casefold())
    folded = _SENTENCE_END.sub("\n", folded) if sentences else folded.replace("\n", " ")
    return _LONE_SPACE.sub("", _SPACES.sub(" ", folded)).strip()


def strip_links(text: str) -> str:
    """Drop what a reader does not read: link targets, bare URLs, HTML comments."""
    return _URL.sub(" ", _LINK_TARGET.sub("] ", _COMMENT.sub(" ", text)))


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa"  # ー (U+30FC) is left out: コンピュータ-ー is the same word


def occurrences(text: str, needle: str, katakana_boundary: bool = False) -> Iterator[int]:
    """Where `needle` occurs in `text`, as a whole word where it begins or ends with an ASCII letter or digit.

    「RAG」 must not be found in "storage", nor 「Meta」 in "metadata"; a plural
    "s" is allowed ("LLMs"). Japanese has no spaces between words; with
    `katakana_boundary`, a katakana word must at least not run on into more
    katakana, so that 「ガイド」 is not found in 「ガイドライン」.
    """
    if not needle:
        return
    check_start = _is_word_char(needle[0])
    check_end = _is_word_char(needle[-1])
    check_katakana = katakana_boundary and _is_katakana(needle[-1])
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        if check_end and text[end : end + 1] == "s" and not _is_word_char(text[end + 1 : end + 2] or " "):
            end += 1
        ok = not (check_start and start > 0 and _is_word_char(text[start - 1]))
        ok = ok and not (check_end and end < len(text) and _is_word_char(text[end]))
        ok = ok and not (check_katakana and end < len(text) and _is_katakana(text[end]))
        if ok:
            yield start
        start = text.find(needle, start + 1)


def occurs(text: str, needle: str, katakana_boundary: bool = False) -> bool:
    return next(occurrences(text, needle, katakana_boundary), None) is not None


# -- deleting an item ----------------------------------------------------------
_FLOW_SEPARATOR = re.compile(r"\s*,\s*")
_BLOCK_PREFIX = re.compile(r"[ \t]*-[ \t]+")


def item_removal(tags: list[Tag], tag: Tag, doc: Document) -> Span | None:
    """The span that deletes `tag` and its separator, or None when the layout is unusual.

    A flow list (`[a, b]`, also TOML) loses `, b` (the separator before the item,
    or after it for the first item); a block list (`- b`) loses the item's whole
    line. Anything else (comments, items sharing a line, a tag string) gets no fix.
    """
    text, lines = doc.text, doc.lines
    line_start = lines.line_start(lines.line_of(tag.span.start))
    if _BLOCK_PREFIX.fullmatch(text[line_start : tag.span.start]):
        end_line = lines.line_of(max(tag.span.end - 1, tag.span.start))
        if text[tag.span.end : lines.line_end(end_line)].strip():
            return None
        return Span(line_start, lines.line_end_with_newline(end_line))
    siblings = [t for t in tags if t.entry is tag.entry]
    position = next(i for i, t in enumerate(siblings) if t is tag)
    if position > 0:
        previous = siblings[position - 1]
        if _FLOW_SEPARATOR.fullmatch(text[previous.span.end : tag.span.start]):
            return Span(previous.span.end, tag.span.end)
    elif len(siblings) > 1:
        following = siblings[1]
        if _FLOW_SEPARATOR.fullmatch(text[tag.span.end : following.span.start]):
            return Span(tag.span.start, following.span.start)
    return None
