"""Same-length masking of inline Markdown, so rules see prose but offsets stay exact.

Masking replaces characters instead of removing them: `masked[i]` is the
character the reader sees at `text[i]`, or a mask character. Markup (emphasis
markers, link brackets and targets, HTML tags) becomes `MARKUP`; content that is
not prose but stands for something (inline code, URLs, footnote references)
becomes `CODE`, so sentence splitting never breaks inside it.
"""

from __future__ import annotations

import re

MARKUP = "\ue000"
CODE = "\ue001"
MASKS = MARKUP + CODE

_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Bracket contents exclude `[` (one nested pair allowed in link text): a line of
# `[[[[…]]]]` would otherwise be rescanned from every `[`, quadratic in its length.
IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)(?!\^)((?:[^\[\]\n]|\[[^\[\]\n]*\])+)(\]\([^)\n]*\)|\]\[[^\[\]\n]*\])")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")
URL = re.compile(r"https?://[^\s<>「」『』（）()、。，！？\"'\[\]]+")
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}|~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# Jekyll/Hugo template syntax, kramdown attribute lists and HTML comments are not
# prose. They are found with `_delimited`, not `.*?` patterns, which rescan the
# rest of the line from every unclosed opener (quadratic on a line of `{%{%{%…`).
_TEMPLATE_DELIMITERS = (("{%", "%}"), ("{{", "}}"), ("{:", "}"))


def _fill(chars: list[str], start: int, end: int, mask: str) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = mask


def _delimited(text: str, opener: str, closer: str) -> list[tuple[int, int]]:
    """(start, end) of each `opener … closer` pair within one line, in linear time.

    When a line has no closer after an opener, no later opener on that line has
    one either, so the search skips to the next line.
    """
    pairs = []
    position = 0
    find = text.find
    while (start := find(opener, position)) != -1:
        line_end = find("\n", start)
        if line_end == -1:
            line_end = len(text)
        end = find(closer, start + len(opener), line_end)
        if end == -1:
            position = line_end
            continue
        position = end + len(closer)
        pairs.append((start, position))
    return pairs


def mask_inline(text: str) -> str:
    """Mask inline markup in `text` (one block's prose, newlines kept)."""
    chars = list(text)
    taken = [False] * len(text)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def claim(start: int, end: int, mask: str) -> None:
        _fill(chars, start, end, mask)
        for i in range(start, end):
            taken[i] = True

    for match in _CODE_SPAN.finditer(text):
        ticks = len(match.group(1))
        claim(match.start(), match.start() + ticks, MARKUP)
        claim(match.start() + ticks, match.end() - ticks, CODE)
        claim(match.end() - ticks, match.end(), MARKUP)
    templates = sorted(pair for delimiters in _TEMPLATE_DELIMITERS for pair in _delimited(text, *delimiters))
    for start, end in templates:
        if free(start, end):
            claim(start, end, MARKUP)
    for match in _AUTOLINK.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(), match.end(), CODE)
    for start, end in _delimited(text, "<!--", "-->"):
        if free(start, end):
            claim(start, end, MARKUP)
    for match in IMAGE.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(), match.end(), CODE)
    for match in _FOOTNOTE_REF.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(), match.end(), CODE)
    for match in _LINK.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(1), match.end(1), MARKUP)
            claim(match.start(3), match.end(3), MARKUP)
    for match in _HTML_TAG.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(), match.end(), MARKUP)
    for match in URL.finditer(text):
        if free(match.start(), match.end()):
            claim(match.start(), match.end(), CODE)
    for pattern in (_EMPHASIS, _ESCAPE):
        for match in pattern.finditer(text):
            if free(match.start(), max(match.end(), match.start() + 1)):
                claim(match.start(), max(match.end(), match.start() + 1), MARKUP)
    return "".join(chars)


def strip_masks(text: str, keep_code: bool = True) -> str:
    """Text as a reader sees it: markup removed, code kept as one placeholder run."""
    text = text.replace(MARKUP, "")
    return text if keep_code else text.replace(CODE, "")
