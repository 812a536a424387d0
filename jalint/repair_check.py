"""The repair safety net: no sentence of a post may be lost by a repair.

Why: the structural repairs (duplicate-paragraph, duplicate-heading,
truncated-paragraph, dangling-heading, ...) delete and move whole paragraphs of
a generated post; a wrong judgement there would silently delete what the
writer said once. So the promise is checked, not assumed: after a repair, every
sentence of the original must still stand in the post, whole and in one piece
(an exact duplicate of it was kept, it was a cut-off copy of a kept sentence,
or a fragment or label was glued to it). `jalint.fixes` refuses a repair that
breaks this and reports it instead, and the tests and the corpus measurement
(benchmarks/repair_corpus.py) use the same function.

Text is compared as a reader sees it: the visible text (inline markup and code
masked out), width-folded and without whitespace (`jalint.text.normalise`).
The front matter counts as kept text: a body line that only repeated the title
stands there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.source import Source
from jalint.text import TEMPLATE_LABEL, normalise


def sentence_keys(doc: Document, ignore: Iterable[Span] = (), headings: bool = True) -> list[str]:
    """Normalised sentences (and headings) of the post, except those overlapping `ignore`."""
    ignored = sorted(ignore)
    keys = []
    per_heading = Counter(h.block_index for h in doc.heading_sentences)
    heading_sentences = [h for h in doc.heading_sentences
                         if headings or per_heading[h.block_index] > 1 or _carries_prose(h.text)]
    for sentence in [*doc.sentences, *heading_sentences]:
        if ignored and _overlaps(sentence.span, ignored):
            continue
        key = normalise(sentence.text)
        if key:
            keys.append(key)
    return keys


def _carries_prose(heading: str) -> bool:
    """A heading line that holds a sentence: a paragraph a generator ran into a heading (`### A ### B 本文。`).

    Checked for headings of one sentence (a heading line split into several
    sentences holds prose by that alone). A question or exclamation that only
    closes the heading (「…の終着点とは？」, the most common form of a generated
    heading) makes no sentence of it: such a heading with nothing under it is
    what dangling-heading deletes.
    """
    return "。" in heading or len(heading) > _LONGEST_HEADING


_LONGEST_HEADING = 80


def _overlaps(span: Span, spans: list[Span]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in spans)


def lost_sentences(before: str, after: str, ignore: Iterable[Span] = ()) -> list[str]:
    """Sentences of `before` that `after` no longer holds.

    A sentence is kept when its visible text still stands, whole and in one
    piece, in the visible text of `after` (front matter title included): as a
    sentence of its own (an exact duplicate was kept), as the start of a longer
    one (it was a cut-off copy), as the end of one (a fragment was glued before
    it), or beside the labels and headings it had been run into (`**見出し：**
    本文` on one line). A short sentence (under `SHORT` characters, such as
    「はい。」) must be a kept sentence or the start of one, since its characters
    easily stand inside some other sentence.

    Headings are not checked (a repeated or empty heading carries no text of its
    own) unless they hold sentences (a paragraph run into a heading line), and
    sentences overlapping `ignore` are not either: text a rule was asked to
    remove outright (a generation leftover such as 「承知いたしました。」).
    """
    original_doc = _document(before)
    original = sentence_keys(original_doc, ignore, headings=False)
    if not original:
        return []
    kept_doc = _document(after)
    # The visible body, and the raw text too: front matter (title, description) and list numbers count as kept.
    visible = _loose(normalise(kept_doc.masked) + "\0" + normalise(after))
    whole = sorted(set(sentence_keys(kept_doc)))
    headings = {normalise(h.title) for h in (*kept_doc.outline, *original_doc.outline)} - {""}

    @lru_cache(maxsize=None)  # the splits below revisit the same pieces
    def is_kept(key: str) -> bool:
        if not key or (len(key) >= SHORT and _loose(key) in visible):
            return True
        unlabelled = TEMPLATE_LABEL.sub("", key)
        if unlabelled != key:  # 「タイトル：」 before a title is a leftover of the prompt, not text
            return is_kept(unlabelled)
        at = bisect_left(whole, key)
        if at < len(whole) and whole[at].startswith(key):  # the same sentence, or a cut-off copy of it
            return True
        # Headings run into the line (`### 見出し ### 見出し 本文…`): each heading and the rest, one by one.
        if any(key.startswith(h) and is_kept(key[len(h) :].lstrip(_LABEL_ENDS)) for h in headings if h != key):
            return True
        # Pieces glued at a closing quote or a label's colon (「題名」 run into the next sentence): each kept.
        return any(is_kept(key[: at + 1]) and is_kept(key[at + 1 :])
                   for at, char in enumerate(key[:-1]) if char in _PIECE_ENDS and at + 1 >= SHORT)

    return [key for key in original if not is_kept(key)]


def _loose(text: str) -> str:
    """Without colons: the masking of inline markup takes a colon right after `**` with it, or not."""
    return text.replace(":", "")


SHORT = 8  # characters; a shorter sentence (「はい。」) must be a kept sentence or the start of one
_LABEL_ENDS = ":-"  # what joins a label to its text, after width folding (：→:)
_PIECE_ENDS = "」』):"  # where two kept pieces may have been glued into one sentence


@lru_cache(maxsize=4)  # the original post is compared with every pass of a repair
def _document(text: str) -> Document:
    return Document(Source("", text, False, "\n"))
