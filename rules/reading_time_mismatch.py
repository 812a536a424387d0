"""## What it finds
A declared reading time (`reading_time`, in minutes) that does not fit the
length of the body.

The body is measured as a reader sees it: front matter, fenced code blocks,
HTML comments and tags, link targets, URLs, Markdown symbols and whitespace are
left out; Japanese is read at `chars-per-minute` characters a minute, a Latin
word (a run of letters or digits) at `words-per-minute` words.

The declared time is accepted when it is within `tolerance` of the estimate
(by default between two thirds and one and a half times it) or within
`min-difference` minutes of it, the estimate rounded up or down included, so
ordinary differences in reading speed and rounding are never reported.

## Why it matters
Generation pipelines often write a fixed reading time, or compute it once and
then keep appending text, so a post that takes forty minutes promises twenty.
Readers plan by that number, and a large gap usually means the body has grown
by repeated paragraphs that should be removed.

## Example
```markdown
---
title: "物流倉庫の需要予測"
reading_time: 20
---

需要予測を導入した倉庫では、欠品と過剰在庫がともに減りました。
```

## Use instead
```markdown
---
title: "物流倉庫の需要予測"
reading_time: 1
---

需要予測を導入した倉庫では、欠品と過剰在庫がともに減りました。
```

## Options
- `keys` (default `["reading_time", "readingTime", "read_time"]`): front-matter
  keys holding the reading time; the first one present is checked. A number
  or a string such as `"8分"` or `"8 min"` is understood; anything else is skipped.
- `chars-per-minute` (default 500): Japanese reading speed. 400-600 is usual;
  500 fits the posts whose reading time was computed when they were written.
- `words-per-minute` (default 200): reading speed for Latin words.
- `tolerance` (default 0.5): accepted deviation as a share of the estimate,
  applied both ways (0.5 accepts from estimate / 1.5 to estimate × 1.5).
- `min-difference` (default 2): a difference of this many minutes or less is
  always accepted.

## Fix safety
Unsafe: replaces the number with the estimate, rounded up. The estimate
depends on the reading speed, and when the body has grown by repeated text
the right fix is to remove that text instead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import NamedTuple

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._tags import strip_links

_MINUTES = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:分|min(?:ute)?s?)?\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_HTML_TAG = re.compile(r"<[^<>\n]+>")  # no `<` inside: linear on a line of `<<<<`
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.,][A-Za-z0-9]+)*")
# What a reader does not read: whitespace and Markdown symbols.
_UNREAD = re.compile(r"[\s#*_>`|~=\[\]\-]+")
_SKIPPED_BLOCKS = frozenset({"code"})  # HTML comments go with strip_links


class Options(RuleOptions):
    keys: tuple[str, ...] = option(
        ("reading_time", "readingTime", "read_time"), "Front-matter keys holding the reading time in minutes."
    )
    chars_per_minute: int = option(500, "Japanese reading speed in characters per minute.")
    words_per_minute: int = option(200, "Reading speed for Latin words, in words per minute.")
    tolerance: float = option(0.5, "Accepted deviation as a share of the estimate, both ways.")
    min_difference: float = option(2.0, "A difference of this many minutes or less is always accepted.")

    def __post_init__(self) -> None:
        if self.chars_per_minute <= 0 or self.words_per_minute <= 0:
            raise ValueError("rules.reading-time-mismatch: reading speeds must be greater than 0")
        if self.tolerance < 0 or self.min_difference < 0:
            raise ValueError("rules.reading-time-mismatch: tolerance and min-difference must not be negative")


class Length(NamedTuple):
    chars: int  # Japanese and other non-Latin characters
    words: int  # Latin words


def measure(doc: Document) -> Length:
    """The body as a reader reads it: without code, comments, markup and link targets."""
    text = doc.text
    pieces = []
    cursor = doc.body_span.start
    # Parsing the Markdown only to find code costs more than the rest: skip it without fences.
    fenced = "```" in text or "~~~" in text
    for block in doc.blocks if fenced else ():
        if block.kind in _SKIPPED_BLOCKS and block.span.end > cursor:
            pieces.append(text[cursor : max(cursor, block.span.start)])
            cursor = block.span.end
    pieces.append(text[cursor:])
    body = _HTML_TAG.sub(" ", strip_links("\n".join(pieces)))
    words = len(_LATIN_WORD.findall(body))
    chars = len(_UNREAD.sub("", _LATIN_WORD.sub("", body)))
    return Length(chars, words)


def declared_minutes(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and (match := _MINUTES.match(value)):
        return float(match.group(1))
    return None


class ReadingTimeMismatch(Rule[Options]):
    name = "reading-time-mismatch"
    category = "front-matter"
    scope = "front_matter"
    severity = "info"
    fix_safety = "unsafe"
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        entry = next((front_matter.entries[k] for k in self.options.keys if k in front_matter.entries), None)
        declared = declared_minutes(entry.value) if entry else None
        if entry is None or declared is None or declared < 0:
            return
        length = measure(doc)
        options = self.options
        estimate = length.chars / options.chars_per_minute + length.words / options.words_per_minute
        # Reading times are whole minutes: the estimate rounded either way is as good.
        candidates = (estimate, math.floor(estimate), math.ceil(estimate))
        if any(self._close(declared, minutes) for minutes in candidates):
            return
        rounded = max(1, math.ceil(estimate))
        fix = self._fix(doc, entry.value_span, rounded)
        words = f"と英単語 {length.words:,} 語" if length.words >= options.words_per_minute else ""
        yield Finding(
            entry.value_span,
            f"{entry.key} は {declared:g} 分ですが、本文は約 {length.chars:,} 字{words}で読むのに約 {rounded} 分"
            "かかるので、値を直すか、本文に重複した段落などがないか確かめてください。",
            fix=fix,
        )

    def _close(self, declared: float, estimate: float) -> bool:
        if abs(declared - estimate) <= self.options.min_difference:
            return True
        return estimate / (1 + self.options.tolerance) <= declared <= estimate * (1 + self.options.tolerance)

    @staticmethod
    def _fix(doc: Document, span: Span, minutes: int) -> Fix | None:
        number = _NUMBER.search(doc.text, span.start, span.end)
        if number is None:
            return None
        return Fix.replace(Span(number.start(), number.end()), str(minutes), "unsafe")
