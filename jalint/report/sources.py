"""Reading a post's source for the report: the same decoding the engine uses, so columns line up.

The engine's positions are code points into the decoded text with any BOM
removed and lone CRs read as line breaks (`jalint.source`); the page counts
lines the same way. A post that is gone or not UTF-8 gets no source view: its
findings are still listed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jalint.names import TOO_LARGE_RULE
from jalint.report.dates import post_facts
from jalint.report.model import Finding, Post
from jalint.source import BOM, lines_view


def read_text(path: Path) -> str | None:
    """The text the engine linted, or None for a file it could not read as UTF-8.

    Decoded as `jalint.source.decode` does (UTF-8, BOM dropped, lone CRs read as
    line breaks), without its binary sniffing: counting control characters in
    Python cost a quarter of a second over 800 posts, and a file that decodes as
    UTF-8 without a NUL byte is worth showing even if the engine called it binary.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\x00" in data[:8192]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return lines_view(text.removeprefix(BOM))


def posts_of(findings: list[Finding], locate: Callable[[str], Path | None]) -> list[Post]:
    """Group findings (sorted by path, as every run sorts them) into posts and read each post's source.

    `locate` names the file a reported path is read from (None: no file, such as standard input).
    """
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding["path"], []).append(finding)
    posts = []
    for path, found in grouped.items():
        file = locate(path)
        # A file over file-too-large's limit was not linted: its tens of megabytes would only swell the page.
        unread = file is None or any(f["rule"] == TOO_LARGE_RULE for f in found)
        text = None if unread else read_text(file)
        facts = post_facts(text, path)
        posts.append(Post(path, found, text, facts.title, facts.month))
    return posts
