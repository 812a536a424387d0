"""Helpers shared by the front-matter rules: string values, their exact place, and comparison keys.

A parsed front-matter value is not always the text of its span: quotes,
escapes and folded scalars sit between them. `scalar_text` finds the characters
of the value inside the span when they are written out verbatim, so rules can
point at (and fix) a few characters of a title instead of the whole line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

import yaml

from jalint.document import Document
from jalint.frontmatter import Entry, FrontMatter
from jalint.positions import Span
from jalint.text import normalise

SUMMARY_KEYS = ("excerpt", "description")

# Brackets a Japanese title or summary opens and must close (full-width, plus ASCII round ones).
BRACKETS = {"「": "」", "『": "』", "（": "）", "【": "】", "〔": "〕", "［": "］", "《": "》", "〈": "〉", "(": ")"}
_CLOSERS = {close: open_ for open_, close in BRACKETS.items()}
# An unmatched ASCII ")" is usually a list marker or an emoticon, not a cut.
_LENIENT_CLOSERS = frozenset(")")

_LABEL = re.compile(r"^(タイトル|題名|見出し|title|excerpt|description|概要|要約|抜粋)\s*[:：]\s*", re.IGNORECASE)
_WRAPPED = re.compile(r"^[「『\"“'](.*)[」』\"”']$", re.DOTALL)
_END_PUNCTUATION = "。．.！!？?"


class ScalarText(NamedTuple):
    """A string value with the file span of its characters (inside any quotes).

    `verbatim` is True when `text[span]` is exactly the value, so an offset into
    the value is an offset into the file; otherwise only `span` as a whole is known.
    """

    value: str
    span: Span
    verbatim: bool

    def locate(self, start: int, end: int) -> Span:
        """The file span of `value[start:end]` (the whole value when not verbatim)."""
        if not self.verbatim:
            return self.span
        return Span(self.span.start + start, self.span.start + end)


def string_entry(front_matter: FrontMatter, key: str) -> Entry | None:
    """The entry for `key` when its value is a non-blank string."""
    entry = front_matter.entries.get(key)
    if entry is None or not isinstance(entry.value, str) or not entry.value.strip():
        return None
    return entry


def scalar_text(doc: Document, entry: Entry) -> ScalarText:
    """Where the characters of a string value are in the file."""
    raw = doc.text[entry.value_span.start : entry.value_span.end]
    start = entry.value_span.start
    inner = raw
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        inner, start = raw[1:-1], start + 1
    value = entry.value
    if inner == value:
        return ScalarText(value, Span(start, start + len(inner)), True)
    stripped = inner.strip()
    if stripped == value:
        offset = start + inner.index(stripped)
        return ScalarText(value, Span(offset, offset + len(stripped)), True)
    return ScalarText(value, entry.value_span, False)


def reparses_as(front_matter: FrontMatter, key: str, raw: str, expected: str) -> bool:
    """Whether `raw`, written as the value of `key`, reads back as `expected` (for safe fixes)."""
    try:
        if front_matter.format == "toml":
            import tomllib  # deferred: TOML front matter is rare

            return tomllib.loads(f"{key} = {raw}\n").get(key) == expected
        return yaml.safe_load(f"{key}: {raw}\n") == {key: expected}
    except (yaml.YAMLError, ValueError, TypeError):  # tomllib.TOMLDecodeError is a ValueError
        return False


def comparison_key(text: str) -> str:
    """A title or summary as compared for sameness.

    Width, case, spaces and emphasis marks are folded (`normalise`); a label such
    as 「タイトル：」, quotes around the whole text and the final 。 or ？ are
    dropped, since none of them makes a summary say something new.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    text = _LABEL.sub("", text)
    wrapped = _WRAPPED.match(text)
    if wrapped and balanced(wrapped.group(1)):
        text = wrapped.group(1)
    return normalise(text).rstrip(_END_PUNCTUATION)


def unbalanced_bracket(text: str) -> int | None:
    """Index of the first bracket in `text` that is not closed (or not opened), if any."""
    stack: list[tuple[str, int]] = []
    for index, ch in enumerate(text):
        if ch in BRACKETS:
            stack.append((ch, index))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            elif any(open_ == _CLOSERS[ch] for open_, _ in stack):
                return stack[-1][1]  # closes an outer bracket: the inner one was left open
            elif ch not in _LENIENT_CLOSERS:
                return index
    return stack[0][1] if stack else None


def balanced(text: str) -> bool:
    return unbalanced_bracket(text) is None


def type_name(value: Any) -> str:
    """A value's type as a writer would call it, for messages."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "真偽値"
    if isinstance(value, int | float):
        return "数値"
    if isinstance(value, str):
        return "文字列"
    if isinstance(value, list):
        return "リスト"
    if isinstance(value, dict):
        return "キーと値の組"
    return "日付" if hasattr(value, "year") else type(value).__name__
