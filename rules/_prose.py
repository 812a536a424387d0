"""Shared pieces of the prose (`style`) rules: visible text, textlint-style allow lists, word lists.

The prose rules replace textlint's Japanese presets. They read sentences
(`doc.prose_sentences`: paragraphs, as textlint's Paragraph nodes, and bold or
setext lines that are prose rather than headings) and the one
shared morphological analysis (`doc.sentence_tokens`, `doc.block_tokens`);
none of them calls the tagger itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from jalint.bundled_data import load_toml
from jalint.document import Document
from jalint.inline import CODE, MARKUP, MASKS
from jalint.sentences import CLOSERS, TERMINATORS, Sentence

_HERE = Path(__file__).parent
_TEXTLINT_REGEX = re.compile(r"^/(.*)/([a-z]*)$", re.DOTALL)

# Latin-letter words that name no party: 「AIは…」 as a subject is the writer's own claim, while
# 「Googleは…」 reports someone else's (hype-expression, weak-phrase).
GENERIC_ACRONYMS = ("AI", "IT", "DX", "IoT", "LLM", "API", "GPU", "CPU", "NPU", "SaaS")


def sentences_read_as_one(doc: Document, sentence: Sentence, separators: frozenset[str]) -> list[Sentence]:
    """The prose sentences a rule reads as one when only `separators` end a sentence, starting at `sentence`.

    jalint splits at every one of 。．！？!?; textlint rules take the list of
    characters that end a sentence as an option (max-ten's `kuten`,
    no-doubled-joshi's `separatorCharacters`, …), and a narrower list joins the
    sentences between: with only 。, 「A．B．」 is one sentence. The run starts at
    `sentence` and takes the following sentences of the same block while the one
    before ends with a character not in `separators`. [] when `sentence`
    continues a run an earlier sentence starts (the rule read it there). When
    `separators` holds every character jalint splits at, each sentence is its own run.
    """
    if TERMINATORS <= separators:
        return [sentence]
    key = "read-as-one:" + "".join(sorted(separators))
    runs = doc.memo(key, lambda d: _runs_read_as_one(d, separators))
    return runs.get(sentence.span.start, [])


def _runs_read_as_one(doc: Document, separators: frozenset[str]) -> dict[int, list[Sentence]]:
    runs: dict[int, list[Sentence]] = {}
    current: list[Sentence] = []
    for sentence in doc.prose_sentences:
        if current and current[-1].block_index == sentence.block_index and final_mark(current[-1]) not in separators:
            current.append(sentence)
            continue
        current = [sentence]
        runs[sentence.span.start] = current
    return runs


def previous_sentence(doc: Document, sentence: Sentence) -> Sentence | None:
    """The prose sentence before `sentence` in its block, or None (see `_neighbours_by_start`)."""
    return doc.memo("prose:neighbours", _neighbours_by_start).get(sentence.span.start, (None, None))[0]


def next_sentence(doc: Document, sentence: Sentence) -> Sentence | None:
    """The prose sentence after `sentence` in its block, or None.

    Rules that read a sentence with its context (the hype claim sized by the next sentence, the concession
    an escalation follows) ask this; the index is built once per document.
    """
    return doc.memo("prose:neighbours", _neighbours_by_start).get(sentence.span.start, (None, None))[1]


def _neighbours_by_start(doc: Document) -> dict[int, tuple[Sentence | None, Sentence | None]]:
    prose = doc.prose_sentences
    result: dict[int, tuple[Sentence | None, Sentence | None]] = {}
    for i, sentence in enumerate(prose):
        before = prose[i - 1] if i and prose[i - 1].block_index == sentence.block_index else None
        after = prose[i + 1] if i + 1 < len(prose) and prose[i + 1].block_index == sentence.block_index else None
        result[sentence.span.start] = (before, after)
    return result


@lru_cache(maxsize=1)
def _end_marker_line() -> re.Pattern[str]:
    """A line that is only an end-of-output marker, built from generation-leftover's own lists (its
    `end-marker` tokens and `end-marker-line` patterns), so the two rules never disagree on what one is."""
    checks = {check["id"]: check for check in load_data("generation_leftover.toml")["check"]}
    tokens = [re.escape(token) for token in checks["end-marker"].get("tokens", [])]
    lines = [pattern.strip("^$") for pattern in checks["end-marker-line"].get("patterns", [])]
    return re.compile(r"\s*(?:" + "|".join(tokens + lines) + r")\s*", re.IGNORECASE)


def cut_leftover_spans(doc: Document) -> list[tuple[int, int]]:
    """Paragraphs right after an end-of-output marker (`---END---`) that stop mid-sentence: fragments of a
    discarded generation, whose fix is deleting them (generation-leftover and the truncation rules report
    them), not rewording a phrase in them. Computed once per document."""
    return doc.memo("prose:cut-leftovers", _cut_leftover_spans)


def _cut_leftover_spans(doc: Document) -> list[tuple[int, int]]:
    if "END" not in doc.text and "end" not in doc.text:  # the markers, in either case
        return []
    blocks = doc.blocks
    last_sentence: dict[int, Sentence] = {}
    for sentence in doc.prose_sentences:
        last_sentence[sentence.block_index] = sentence
    return [
        (blocks[index].span.start, blocks[index].span.end)
        for index, last in last_sentence.items()
        if index
        and blocks[index - 1].kind == "paragraph"
        and _end_marker_line().fullmatch(doc.text, blocks[index - 1].span.start, blocks[index - 1].span.end) is not None
        and not final_mark(last)
    ]


def readable_sentences(doc: Document) -> Iterator[Sentence]:
    """Headings, then the prose sentences, outside blockquotes (quotations are not the author's words)."""
    for sentence in [*doc.heading_sentences, *doc.prose_sentences]:
        if doc.blocks[sentence.block_index].container != "blockquote":
            yield sentence


def visible_length(masked: str) -> int:
    """Characters a reader counts: markup, link targets, URLs, inline code and line breaks count as nothing."""
    return len(masked) - masked.count(MARKUP) - masked.count(CODE) - masked.count("\n")


def visible_text(masked: str) -> str:
    """The masked text without mask characters (offsets are lost: for comparisons only)."""
    return masked.replace(MARKUP, "").replace(CODE, "")


def shown_text(doc: Document, start: int, end: int) -> str:
    """The text a message quotes: as written, without Markdown markup (link targets, `[`, `**`, tags).

    A phrase can run into a link or out of bold (「[省略することが可能](https://…)だ」); quoting the
    raw slice puts `](https://…)` in the message. Inline code stays as written.
    """
    text, masked = doc.text[start:end], doc.masked[start:end]
    if MARKUP not in masked:
        return text
    return "".join(char for char, mask in zip(text, masked, strict=True) if mask != MARKUP)


def textlint_pattern(item: str) -> re.Pattern[str]:
    """An item of a textlint-style list: `/regex/flags` is a pattern, anything else literal text."""
    parsed = _TEXTLINT_REGEX.match(item)
    if parsed:
        return re.compile(parsed.group(1), re.IGNORECASE if "i" in parsed.group(2) else 0)
    return re.compile(re.escape(item))


def compile_allow(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A test for textlint's `allows` lists: whether a matched text (or its sentence) is allowed."""
    compiled = [textlint_pattern(item) for item in patterns]
    if not compiled:
        return lambda text: False
    return lambda text: any(pattern.search(text) for pattern in compiled)


def is_textlint_pattern_valid(item: str) -> str | None:
    """None when `item` compiles as an allow entry; else the reason (for config validation)."""
    try:
        textlint_pattern(item)
    except re.error as error:
        return str(error)
    return None


@lru_cache(maxsize=None)
def data_path(name: str) -> Path:
    """Where a rule's bundled word list `name` lives."""
    return _HERE / name


def load_data(name: str) -> dict:
    """A rule's word list: `rules/<name>.toml`, read once per process (parsed once per install)."""
    return load_toml(data_path(name))


def line_of_masked(masked: str, index: int) -> int:
    """0-based line number of `index` inside a multi-line masked text."""
    return masked.count("\n", 0, index)


# What a reader does not see around text: spaces, line breaks and masked markup or code.
UNSEEN = " \t\u3000\n" + MASKS


def runs_on(doc: Document, sentence: Sentence, quotation_ends: bool = False) -> bool:
    """`sentence` stops at a line break inside its block with no 。！？ before it, so it ends nothing.

    Markdown joins the lines of a paragraph: 「AはBである⏎CはDです。」 renders as one
    sentence, and textlint reads it so. A closing bracket after 。 (「…です。」) has
    ended; with `quotation_ends`, a closing bracket alone counts as an end too (a
    line that is a whole quotation, for a judgement of its style).
    """
    block = doc.blocks[sentence.block_index]
    rest = doc.masked[sentence.span.end : (block.content or block.span).end]
    following = rest.lstrip(UNSEEN)
    if not following or "\n" not in rest[: len(rest) - len(following)]:
        return False
    return ends_open(sentence, quotation_ends)


def ends_open(sentence: Sentence, quotation_ends: bool = False) -> bool:
    """`sentence` has no 。！？ at its end (markup, spaces and closing brackets after one do not count).

    With `quotation_ends`, a closing bracket alone counts as an end too.
    """
    if quotation_ends:
        visible = sentence.text.rstrip(MASKS + " \u3000")
        return visible[-1:] not in TERMINATORS and visible[-1:] not in CLOSERS
    return not final_mark(sentence)


def final_mark(sentence: Sentence) -> str:
    """The 。！？ that ends `sentence`, "" when none (markup, spaces and closing brackets after it do not count)."""
    tail = sentence.text.rstrip(MASKS + " \u3000").rstrip("".join(CLOSERS) + MASKS)
    return tail[-1] if tail[-1:] in TERMINATORS else ""
