"""The repair safety net: no sentence of a post may be lost by a repair.

Why: the structural repairs (duplicate-paragraph, duplicate-heading,
truncated-paragraph) delete and move whole paragraphs of a generated post; a
wrong judgement there would silently delete what the writer said once. So the
promise is checked, not assumed: after a repair, every sentence of the
original must still stand in the post, either itself (an exact duplicate of it
was kept), or as the start of a kept sentence (it was a cut-off copy of it), or
as the end of one (a cut-off fragment was glued before it).
`jalint.fixes` refuses a repair that breaks this and reports it instead, and the
tests and the corpus measurement use the same function.

Sentences are compared as a reader sees them: the visible text (inline markup
and code masked out), width-folded and without whitespace (`jalint.text.normalise`).
Headings are not checked themselves, but a kept heading counts (a heading's
words run into a sentence). Front matter does not (repairs never touch it),
except that its title counts as kept: a body line that only repeats the title
stands there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from jalint.document import Document
from jalint.positions import Span
from jalint.source import Source
from jalint.text import normalise


def sentence_keys(doc: Document, within: Iterable[Span] | None = None, ignore: Iterable[Span] = (),
                  headings: bool = True) -> list[str]:
    """Normalised sentences (and headings) of the post, or only those overlapping `within` and not `ignore`."""
    spans = sorted(within) if within is not None else None
    ignored = sorted(ignore)
    keys = []
    for sentence in [*doc.sentences, *(doc.heading_sentences if headings else ())]:
        if spans is not None and not _overlaps(sentence.span, spans):
            continue
        if ignored and _overlaps(sentence.span, ignored):
            continue
        key = normalise(sentence.text)
        if key:
            keys.append(key)
    return keys


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in spans)


def lost_sentences(before: str, after: str, within: Iterable[Span] | None = None, ignore: Iterable[Span] = ()) -> list[str]:
    """Sentences of `before` (only those overlapping `within`, if given) that `after` no longer holds.

    Headings are not checked (a repeated or empty heading carries no text of its
    own), and sentences overlapping `ignore` are not either: text a rule was
    asked to remove outright (a generation leftover such as 「承知いたしました。」).

    A sentence is kept when `after` has it, or has a sentence that starts with
    it (the original was a cut-off copy of the kept one) or ends with it (a
    cut-off fragment was glued before it, and the sentence goes on after the
    fragment: another finding's business, not lost text); a heading's words
    run into the front of a sentence count as the heading plus the sentence.
    """
    original = sentence_keys(_document(before), within, ignore, headings=False)
    if not original:
        return []
    kept_doc = _document(after)
    kept = sorted({*sentence_keys(kept_doc), *_title_keys(kept_doc)})
    kept_backwards = sorted(key[::-1] for key in kept)
    headings = [key for key in {normalise(s.text) for s in kept_doc.heading_sentences} if key]

    def is_kept(key: str) -> bool:
        if _begins(kept, key) or _begins(kept_backwards, key[::-1]):
            return True
        # A heading's words run into the sentence after it (`**見出し** 本文…` on one line): both kept.
        return any(key.startswith(h) and len(h) < len(key) and is_kept(key[len(h):]) for h in headings)

    return [key for key in original if not is_kept(key)]


def _begins(keys: list[str], key: str) -> bool:
    """Some key of the sorted list equals `key` or starts with it."""
    at = bisect_left(keys, key)
    return at < len(keys) and keys[at].startswith(key)


def _title_keys(doc: Document) -> list[str]:
    """The front matter's title: a body line that only repeated it (title-repeated-in-body) is kept there."""
    title = doc.front_matter.get("title") if doc.front_matter is not None else None
    return [normalise(title)] if isinstance(title, str) and normalise(title) else []


def _document(text: str) -> Document:
    return Document(Source("", text, False, "\n"))
