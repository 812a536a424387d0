"""## What it finds
Traces of the generation process left in a post: end markers, assistant chatter, prompt labels, placeholders.

- markers: `---END---`, `<|endoftext|>`, `<END>`, `[cite: …]`, Git conflict
  markers, a line that only says （続き） or （中略）;
- chatter: refusals and assistant talk in Japanese and English (承知いたしました。,
  以下が記事です, 申し訳ありませんが…できません, "I apologize", 文字数：約3000字)
  and the continuation prompt's own words (「既存の記事でも触れたように」,
  「提供されたテキスト」, 「…」から続きを書きます);
- template labels: 【リード文】, 【既存の記事の最後の部分】, メタディスクリプション：;
- placeholders: 〇〇, XX%, XXX, [要確認], TODO:, （ここに図を挿入）;
- a second front-matter block in the body (a `---` line followed by `title:`,
  `layout:`, `date:` …).

The phrases are data: `generation_leftover.toml` next to this module is a
Vale-like pack of checks (kind, tokens or regexes, scope, message) that a team
can extend; `extra-patterns` adds regexes from the config.

Only prose and front-matter string values are read: code blocks, inline code,
URLs, tables and HTML are masked (conflict markers, `<END>` and nested front
matter are matched on the lines as written, outside code blocks). A phrase
inside 「」『』“”, "…" or a blockquote is a quotation (an article about chatbots
may quote 「申し訳ありませんが…」), not a leftover. Template field names in a list
(`- リード文：…`) are glossary entries.

Placeholders such as 〇〇 are accepted when they illustrate: inside quotes
(「〇〇%向上」という見出し) or in a sentence that announces an example (例えば,
例：, 仮に, いわゆる, のような, といった). The corpus of generated posts uses 〇〇
this way almost always; a bare 〇〇 in a statement (アナリストの〇〇です) is an
unfilled fact and is reported.

## Why it matters
A reader who meets 「承知いたしました。続きを書きます。」 or `---END---` knows at
once that nobody read the post before it went out. Placeholders publish
unfinished facts, and a second front-matter block renders as stray text.

## Example
```markdown
地域の図書館でも、音声で蔵書を探せる仕組みが広がっています。

---END---

承知いたしました。以下が記事です。

導入した自治体は〇〇市で、利用者はXX%増えました。
```

## Use instead
```markdown
地域の図書館でも、音声で蔵書を探せる仕組みが広がっています。

例えば「〇〇という本はありますか」と話しかけるだけで、棚の場所が表示されます。
```

## Options
- `markers` (default true): report end markers, citation markers, Git conflict
  markers and lines that only say （続き） or （中略）.
- `chatter` (default true): report refusals and assistant talk, in Japanese and English.
- `template-labels` (default true): report prompt-template labels such as 【リード文】.
- `placeholders` (default true): report unfilled placeholders (〇〇, XX%, [要確認], TODO:).
- `nested-front-matter` (default true): report a `---` line followed by
  `title:`/`layout:`/`date:` … lines inside the body.
- `extra-patterns` (default `()`): more regexes (Python syntax, matched per
  line of prose and front-matter values); every match is reported, even inside quotes.

## Fix safety
Unsafe, and only when the leftovers are the whole line (`---END---`,
【既存の記事の最後の部分】, 「承知いたしました。続きを書きます。」): the fix deletes
the line. It is unsafe because the line might have been meant as content.
Other findings have no fix: what should replace a placeholder or chatter
sentence needs a human.
"""

from __future__ import annotations

import bisect

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from jalint.blocks import Block
from jalint.document import PROSE_BLOCKS, Document
from jalint.inline import MARKUP
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule, option

PACK = "generation_leftover.toml"
GROUPS = ("markers", "chatter", "template-labels", "placeholders", "nested-front-matter")
KINDS = ("existence", "sequence")
TEXTS = ("prose", "raw")
SCOPES = ("anywhere", "sentence-start", "line")

_OPEN_QUOTES = "「『“"
_CLOSE_QUOTES = "」』”"
_SENTENCE_END = "。！？!?"
# Words that announce an illustration: a placeholder in such a sentence is meant.
_EXAMPLE_CUE = re.compile(r"例えば|たとえば|例[:：]|（例|\(例|仮に|具体例|架空|いわゆる|といった|のような|みたいな")
# Blocks whose lines raw checks skip: code is shown, not published as text.
_OPAQUE_BLOCKS = frozenset({"code"})
_LINE_NOISE = f" \t\u3000{MARKUP}"


@dataclass(frozen=True)
class Options:
    markers: bool = option(True, "Report end, citation and conflict markers.")
    chatter: bool = option(True, "Report refusals and assistant chatter.")
    template_labels: bool = option(True, "Report prompt-template labels such as 【リード文】.")
    placeholders: bool = option(True, "Report unfilled placeholders such as 〇〇 and XX%.")
    nested_front_matter: bool = option(True, "Report a second front-matter block in the body.")
    extra_patterns: tuple[str, ...] = option((), "More regexes to report in prose and front-matter values.", regex=True)


@dataclass(frozen=True)
class Check:
    """One entry of the pack, compiled."""

    id: str
    group: str
    kind: str
    text: str
    scope: str
    regexes: tuple[re.Pattern[str], ...]
    skip_quoted: bool
    skip_examples: bool
    skip_lists: bool
    message: str


@dataclass(frozen=True)
class Hit:
    span: Span
    check: Check


# -- the pack -----------------------------------------------------------------
@lru_cache(maxsize=1)
def load_pack() -> tuple[Check, ...]:
    """The checks of the bundled pack; a malformed entry fails loudly (it is our data)."""
    data = tomllib.loads(resources.files("jalint.rules").joinpath(PACK).read_text(encoding="utf-8"))
    return tuple(_compile(entry) for entry in data["check"])


def _compile(entry: dict) -> Check:
    check_id = entry["id"]
    kind = entry.get("kind", "existence")
    text = entry.get("text", "prose")
    scope = entry.get("scope", "anywhere")
    group = entry["group"]
    for value, allowed in ((kind, KINDS), (text, TEXTS), (scope, SCOPES), (group, GROUPS)):
        if value not in allowed:
            raise ValueError(f"{PACK}: check {check_id}: {value!r} is not one of {allowed}")
    flags = re.MULTILINE | (re.IGNORECASE if entry.get("ignorecase") else 0)
    sources = [re.escape(token) for token in entry.get("tokens", ())]
    sources += entry.get("lines" if kind == "sequence" else "patterns", [])
    if kind == "sequence":
        regexes = tuple(re.compile(source, flags) for source in sources)
    else:
        regexes = (re.compile("|".join(f"(?:{s})" for s in sources), flags),)
    return Check(
        id=check_id,
        group=group,
        kind=kind,
        text="raw" if kind == "sequence" else text,
        scope=scope,
        regexes=regexes,
        skip_quoted=entry.get("quotes", "skip") == "skip",
        skip_examples=entry.get("examples", "report") == "skip",
        skip_lists=entry.get("lists", "report") == "skip",
        message=entry["message"],
    )


@lru_cache(maxsize=8)
def _extra_check(patterns: tuple[str, ...]) -> Check | None:
    """User regexes as one check, reported even inside quotes (the team asked for them)."""
    if not patterns:
        return None
    try:
        regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.MULTILINE)
    except re.error as error:
        raise ValueError(f"rules.generation-leftover.extra-patterns: invalid regex ({error})") from error
    return Check(
        id="extra-pattern",
        group="extra",
        kind="existence",
        text="prose",
        scope="anywhere",
        regexes=(regex,),
        skip_quoted=False,
        skip_examples=False,
        skip_lists=False,
        message="設定で禁止されたパターン「{text}」が残っています。書き直すか削除してください。",
    )


# -- the rule -----------------------------------------------------------------
class GenerationLeftover(Rule[Options]):
    name = "generation-leftover"
    category = "structure"
    scope = "document"
    severity = "error"
    fix_safety = "unsafe"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        checks = self._active_checks()
        hits = list(_prose_hits(doc, [c for c in checks if c.text == "prose"]))
        hits += _raw_hits(doc, [c for c in checks if c.text == "raw"])
        hits += _front_matter_hits(doc, [c for c in checks if c.text == "prose"])
        fixed_lines: set[int] = set()
        for hit in _one_per_line(doc, _without_overlaps(hits)):
            yield Finding(hit.span, _message(doc, hit), fix=_line_fix(doc, hit, hits, fixed_lines))

    def _active_checks(self) -> list[Check]:
        enabled = {group for group in GROUPS if getattr(self.options, group.replace("-", "_"))}
        checks = [check for check in load_pack() if check.group in enabled]
        extra = _extra_check(self.options.extra_patterns)
        return checks + [extra] if extra else checks


def _message(doc: Document, hit: Hit) -> str:
    text = doc.text[hit.span.start : hit.span.end].split("\n")[-1 if hit.check.kind == "sequence" else 0]
    return hit.check.message.replace("{text}", text.strip())


def _one_per_line(doc: Document, hits: list[Hit]) -> list[Hit]:
    """Keep the first hit of each group on a line: one chatter sentence often matches
    several phrases, and one finding per line is what a writer needs to act on."""
    seen: set[tuple[int, str]] = set()
    kept: list[Hit] = []
    for hit in hits:
        key = (doc.lines.line_of(hit.span.start), hit.check.group)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per place: the earliest, longest hit wins when checks overlap."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.span.start, -h.span.end)):
        if kept and hit.span.start < kept[-1].span.end:
            continue
        kept.append(hit)
    return kept


# -- prose ----------------------------------------------------------------------
def _prose_blocks(doc: Document) -> Iterator[Block]:
    for block in doc.blocks:
        if block.kind in PROSE_BLOCKS and block.content is not None:
            yield block


def _prose_hits(doc: Document, checks: list[Check]) -> Iterator[Hit]:
    """Each check runs once over the whole masked text; matches are then judged in their block.

    Matches are rare, so finding them in one pass and locating their block by
    bisection is much cheaper than running every pattern over every block.
    """
    blocks = [b for b in _prose_blocks(doc)] if checks else []
    if not blocks:
        return
    starts = [b.content.start for b in blocks]
    for check in checks:
        for match in check.regexes[0].finditer(doc.masked, blocks[0].content.start):
            position = bisect.bisect_right(starts, match.start()) - 1
            if position < 0:
                continue
            block = blocks[position]
            content = block.content
            if match.end() > content.end:
                continue
            text = doc.masked[content.start : content.end]
            for hit in _judge(text, content.start, check, match.start() - content.start, match.end() - content.start, block.container):
                yield hit


def _judge(text: str, base: int, check: Check, start: int, end: int, container: str) -> Iterator[Hit]:
    """The hit for one match in one piece of prose, unless scope, quotes, examples or lists rule it out."""
    if start == end or not _in_scope(text, start, end, check.scope):
        return
    if check.skip_lists and container == "list_item":
        return
    if check.skip_quoted and (container == "blockquote" or _inside_quotes(text, start)):
        return
    if check.skip_examples and _announces_example(text, start):
        return
    yield Hit(Span(base + start, base + end), check)


def _scan(text: str, base: int, checks: list[Check], container: str = "") -> Iterator[Hit]:
    """Existence checks over one piece of prose (a front-matter value)."""
    for check in checks:
        for match in check.regexes[0].finditer(text):
            yield from _judge(text, base, check, match.start(), match.end(), container)


def _in_scope(text: str, start: int, end: int, scope: str) -> bool:
    if scope == "anywhere":
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip(_LINE_NOISE)
    if scope == "sentence-start":
        return not before or before[-1] in _SENTENCE_END
    line_end = text.find("\n", end)
    after = text[end : len(text) if line_end < 0 else line_end].strip(_LINE_NOISE)
    return not before and not after


def _inside_quotes(text: str, offset: int) -> bool:
    """True inside 「」『』“” or "", also when the opening bracket was cut off earlier.

    Generated posts often split a quotation across paragraphs (a truncated
    paragraph followed by its restart), so a closing bracket with no opening one
    before it means the text from the paragraph start is quoted.
    """
    if text.count('"', 0, offset) % 2:
        return True
    depth = 0
    for ch in text[:offset]:
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES and depth:
            depth -= 1
    if depth:
        return True
    for ch in text[offset:]:
        if ch in _OPEN_QUOTES:
            return False
        if ch in _CLOSE_QUOTES:
            return True
    return False


def _announces_example(text: str, offset: int) -> bool:
    """True when the sentence around `offset` says it is an example."""
    start = max(text.rfind(mark, 0, offset) for mark in _SENTENCE_END + "\n") + 1
    ends = [i for i in (text.find(mark, offset) for mark in _SENTENCE_END + "\n") if i >= 0]
    return bool(_EXAMPLE_CUE.search(text, start, min(ends) if ends else len(text)))


# -- raw lines ----------------------------------------------------------------------
def _raw_lines(doc: Document) -> list[int]:
    """Body lines outside code and HTML blocks."""
    opaque: set[int] = set()
    for block in doc.blocks:
        if block.kind in _OPAQUE_BLOCKS:
            opaque.update(range(block.line, block.end_line + 1))
    return [n for n in range(doc.body_start_line, doc.lines.line_count + 1) if n not in opaque]


def _raw_hits(doc: Document, checks: list[Check]) -> list[Hit]:
    """Line checks over the raw body; each pattern runs once over the text, matches are judged per line."""
    if not checks:
        return []
    lines = _raw_lines(doc)
    allowed = set(lines)
    body_start = doc.lines.line_start(doc.body_start_line) if doc.body_start_line <= doc.lines.line_count else len(doc.text)
    hits: list[Hit] = []
    for check in checks:
        if check.kind == "sequence":
            hits.extend(_sequence_hits(doc, lines, check))
            continue
        for match in check.regexes[0].finditer(doc.text, body_start):
            if "\n" in match.group():
                # A pattern such as `^\s*<END>` can start on the blank line above: judge line by line.
                first, last = doc.lines.line_of(match.start()), doc.lines.line_of(match.end())
                for number in range(first, last + 1):
                    if number in allowed:
                        hits.extend(_line_hits(doc, number, check))
                continue
            number = doc.lines.line_of(match.start())
            if number in allowed:
                hits.extend(_line_hits(doc, number, check, match))
    return hits


def _line_hits(doc: Document, number: int, check: Check, match: re.Match[str] | None = None) -> Iterator[Hit]:
    """Hits of `check` on one raw line (for `match`, found in the whole text, or by searching the line)."""
    line_start = doc.lines.line_start(number)
    text = doc.lines.line_text(number)
    spans = (
        [(match.start() - line_start, match.end() - line_start)]
        if match is not None
        else [m.span() for m in check.regexes[0].finditer(text)]
    )
    for start, end in spans:
        if end > start and end <= len(text) and _in_scope(text, start, end, check.scope):
            yield Hit(Span(line_start + start, line_start + end), check)


def _sequence_hits(doc: Document, lines: list[int], check: Check) -> Iterator[Hit]:
    """Consecutive lines matching the check's line regexes, one after another."""
    available = set(lines)
    count = len(check.regexes)
    for first in lines:
        numbers = range(first, first + count)
        if all(n in available and regex.search(doc.lines.line_text(n)) for n, regex in zip(numbers, check.regexes, strict=True)):
            yield Hit(doc.lines.lines_span(first, first + count - 1), check)


# -- front matter --------------------------------------------------------------------
def _front_matter_hits(doc: Document, checks: list[Check]) -> Iterator[Hit]:
    """Prose checks over each string value (and string list item) of the front matter."""
    front_matter = doc.front_matter
    if front_matter is None or not checks:
        return
    for entry in front_matter.entries.values():
        spans = [entry.value_span] if isinstance(entry.value, str) else []
        spans += [item.span for item in entry.items if isinstance(item.value, str)]
        for span in spans:
            yield from _value_hits(doc, span, checks)


def _value_hits(doc: Document, span: Span, checks: list[Check]) -> Iterator[Hit]:
    """A value starts like a sentence once its YAML quote is skipped; "line" checks
    (a line that only says （続き）) do not apply to values."""
    raw = doc.text[span.start : span.end]
    lead = len(raw) - len(raw.lstrip("\"' "))
    value_checks = [check for check in checks if check.scope != "line"]
    yield from _scan(raw[lead:].rstrip("\"' "), span.start + lead, value_checks)


# -- fix -------------------------------------------------------------------------------
def _line_fix(doc: Document, hit: Hit, hits: list[Hit], fixed_lines: set[int]) -> Fix | None:
    """Delete the line when leftovers are all it holds (once per line)."""
    if hit.check.kind == "sequence" or _in_front_matter(doc, hit.span):
        return None
    line = doc.lines.line_of(hit.span.start)
    if line in fixed_lines or doc.lines.line_of(hit.span.end) != line:
        return None
    start, end = doc.lines.line_start(line), doc.lines.line_end(line)
    covered = [False] * (end - start)
    for other in hits:
        for i in range(max(other.span.start, start), min(other.span.end, end)):
            covered[i - start] = True
    line_text = doc.text[start:end]
    rest = "".join(ch for ch, hit_here in zip(line_text, covered, strict=True) if not hit_here)
    if rest.strip(" \t\u3000>-*_#" + _SENTENCE_END + "、。"):
        return None
    fixed_lines.add(line)
    return Fix.delete(doc.removal_span(line, line), "unsafe")


def _in_front_matter(doc: Document, span: Span) -> bool:
    return doc.front_matter is not None and doc.front_matter.span.contains(span)
