"""Regular expressions compiled on first use, for the big bundled pattern packs.

Compiling is the largest single cost of checking one post: `re` parses and
optimises every pattern in Python, and a class such as `[一-龥]` alone takes a
millisecond or more. The packs hold hundreds of patterns of which a post uses
a fraction (an exclusion's `after` is only read once its `figure` matched), so
a pattern is compiled the first time something searches with it. Packs are our
own data and a test compiles every pattern of every pack (a typo still fails
the suite); user-given patterns are compiled at once, where a mistake can be
reported as a configuration error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


class LazyPattern:
    """A stand-in for `re.Pattern` that compiles itself when first searched with."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled().match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> re.Match[str] | None:
        return self.compiled().fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**63 - 1) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text, pos, endpos)

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        return self.compiled().sub(replacement, text, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"
