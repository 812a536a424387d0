"""The month a post belongs to and its title, read from the front matter (else the file name).

The report charts findings per month of the posts' dates, so that a change in a
generation pipeline shows as a step. Only the month matters, so a date is taken
as written (a timestamp late on the last day of a month in UTC is not moved into
the next month by the site's time zone; `date-mismatch` deals with that).

The two top-level keys are read from their lines, not by a YAML parser: a
parser cost a third of a second over 800 posts, and a block that does not parse
(which `front-matter-syntax` reports) still has a readable `date:` line that
should not send the post to the "unknown" bucket.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import PurePosixPath
from typing import NamedTuple

_BLOCKS = (  # YAML between `---` lines (Jekyll, Hugo), TOML between `+++` (Hugo)
    re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", re.DOTALL | re.MULTILINE),
    re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*\r?$", re.DOTALL | re.MULTILINE),
)
_KEY_LINE = re.compile(r"^(title|date)[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.MULTILINE)
_MONTH_TEXT = re.compile(r"^['\"]?(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_COMMENT = re.compile(r"[ \t]+#.*$")
# Jekyll's `_posts/2024-03-05-slug.md`, also `2024-03-05_slug.md` or a bare `2024-03-05.md`.
_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[-_.]|$)")


class PostFacts(NamedTuple):
    title: str | None
    month: str | None  # "YYYY-MM"; None when neither the front matter nor the file name gives a date


def post_facts(text: str | None, path: str) -> PostFacts:
    """The title and month of a post; without its text (a missing file), the month of its file name."""
    keys = _front_matter_keys(text) if text is not None else {}
    title = _scalar(keys["title"]) if "title" in keys else None
    month = (month_of_text(keys["date"]) if "date" in keys else None) or month_of_file_name(path)
    return PostFacts(title or None, month)


def month_of_text(value: str) -> str | None:
    """`YYYY-MM` of a front-matter date value as written (`2024-03-05`, `"2024-03-05 10:00 +0900"`, …)."""
    match = _MONTH_TEXT.match(value)
    if match is None:
        return None
    try:
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3) or 1))
    except ValueError:
        return None  # month 13, or 30 February
    return f"{match.group(1)}-{int(match.group(2)):02d}"


def month_of_file_name(path: str) -> str | None:
    match = _NAME_DATE.match(PurePosixPath(path.replace("\\", "/")).name)
    if match is None:
        return None
    return month_of_text(match.group(0)[:10])


def _front_matter_keys(text: str) -> dict[str, str]:
    for block in _BLOCKS:
        if match := block.match(text):
            return {key: value for key, value in _KEY_LINE.findall(match.group(1))[::-1]}  # the first one wins
    return {}


def _scalar(value: str) -> str:
    """A title as the reader sees it: quotes and escapes of a quoted value undone, a comment dropped."""
    if value.startswith('"'):
        try:
            return json.loads(value).strip()  # YAML's and TOML's double-quoted escapes are JSON's for titles
        except ValueError:
            return value.strip('"').strip()
    if value.startswith("'"):
        return value[1:-1].replace("''", "'").strip() if value.endswith("'") else value[1:].strip()
    return _COMMENT.sub("", value).strip()
