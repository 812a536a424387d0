"""Gitignore-style glob matching for include/exclude patterns (`**` spans folders).

Python 3.11 has no `PurePath.full_match`, and `fnmatch` lets `*` cross `/`,
which makes `drafts/*.md` match nested folders too.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    pattern = pattern.strip().removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def matches(path: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether the POSIX relative `path` matches any pattern (a folder pattern covers its contents)."""
    return any(_compile(pattern).match(path) for pattern in patterns)
