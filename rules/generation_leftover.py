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
can extend; `extra-patterns` adds regexes from the config. A check runs only on
posts that hold literal text every match of its regexes needs, derived from the
regexes themselves (see the pack's header); this never changes the findings,
but a pattern without such text runs on every post.

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
the line; a second front matter in the body goes whole (its `---` lines and
the `key: value` lines between, when it closes within 40 lines). It is unsafe
because the line might have been meant as content. The continuation prompt's
own words pointing back (「既存の記事でも触れたように、」「既存の記事でも触れましたが、」
「既存の記事で触れた〇〇」) are reworded to 「前述のとおり、」 / 「前述の〇〇」, also
unsafe: a person checks the post did say it earlier. Other findings have no fix: what should replace a placeholder or chatter
sentence needs a human.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import cache, cached_property, lru_cache
from pathlib import Path
from re import _constants as sre  # `re`'s own parser, read by the prefilter
from re import _parser
from typing import Any, NamedTuple

from jalint.blocks import Block
from jalint.bundled_data import load_derived
from jalint.document import PROSE_BLOCKS, Document
from jalint.inline import MARKUP
from jalint.lazy_regex import LazyPattern
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._prose import data_path, load_data

Regex = re.Pattern[str] | LazyPattern  # the pack's own patterns compile on first use; user patterns at once

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


class Options(RuleOptions):
    markers: bool = option(True, "Report end, citation and conflict markers.")
    chatter: bool = option(True, "Report refusals and assistant chatter.")
    template_labels: bool = option(True, "Report prompt-template labels such as 【リード文】.")
    placeholders: bool = option(True, "Report unfilled placeholders such as 〇〇 and XX%.")
    nested_front_matter: bool = option(True, "Report a second front-matter block in the body.")
    extra_patterns: tuple[str, ...] = option((), "More regexes to report in prose and front-matter values.", regex=True)


class Check(NamedTuple):
    """One entry of the pack, compiled."""

    id: str
    group: str
    kind: str
    text: str
    scope: str
    regexes: tuple[Regex, ...]
    skip_quoted: bool
    skip_examples: bool
    skip_lists: bool
    message: str
    # The prefilter (see _prefilter): a text can only match if, for every group,
    # it holds one of the group's strings; no groups means the check always runs.
    anchors: tuple[tuple[str, ...], ...] = ()
    folded: bool = False  # the anchors are case-folded: look for them in the folded text


class Hit(NamedTuple):
    span: Span
    check: Check


# -- the pack -----------------------------------------------------------------
@lru_cache(maxsize=1)
def load_pack() -> tuple[Check, ...]:
    """The checks of the bundled pack; a malformed entry fails loudly (it is our data)."""
    data = load_data(PACK)
    entries = data["check"]
    # Reading every regex's parse tree costs ~10 ms a run: derived once per install.
    prefilters = load_derived(data_path(PACK), "prefilters", lambda: [_prefilter(_regexes(e)) for e in entries],
                              Path(__file__))
    return tuple(_compile(entry, anchors, folded) for entry, (anchors, folded) in zip(entries, prefilters, strict=True))


def _flags(entry: dict) -> int:
    return re.MULTILINE | (re.IGNORECASE if entry.get("ignorecase") else 0)


def _regexes(entry: dict) -> tuple[Regex, ...]:
    """The regexes of a check: one per line of a sequence, else all its patterns as one alternation."""
    flags = _flags(entry)
    sources = [re.escape(token) for token in entry.get("tokens", ())]
    if entry.get("kind", "existence") == "sequence":
        return tuple(LazyPattern(source, flags) for source in sources + entry.get("lines", []))
    sources += entry.get("patterns", [])
    return (LazyPattern("|".join(f"(?:{s})" for s in sources), flags),)


def _compile(entry: dict, anchors: tuple[tuple[str, ...], ...], folded: bool) -> Check:
    check_id = entry["id"]
    kind = entry.get("kind", "existence")
    text = entry.get("text", "prose")
    scope = entry.get("scope", "anywhere")
    group = entry["group"]
    for value, allowed in ((kind, KINDS), (text, TEXTS), (scope, SCOPES), (group, GROUPS)):
        if value not in allowed:
            raise ValueError(f"{PACK}: check {check_id}: {value!r} is not one of {allowed}")
    regexes = _regexes(entry)
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
        anchors=anchors,
        folded=folded,
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
    anchors, folded = _prefilter((regex,))
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
        anchors=anchors,
        folded=folded,
    )


# -- prefilter ------------------------------------------------------------------
# Most checks match in almost no post, yet each regex scans every post's whole
# text (`re` skips ahead fast only over a literal prefix). So each check keeps
# anchors: literal strings of which every match must contain one, read from its
# parsed regex. Literals in a row make a string; an alternation needs a string
# from each branch; optional parts, zero-minimum repeats and lookarounds give
# nothing. A check runs only on texts that hold an anchor, which C-speed `in`
# tests (or, for many anchors, one literal alternation) find far faster than
# the check's own regex. The derivation only ever drops knowledge: what it does
# not understand contributes nothing, and a check without anchors always runs.
# So it can let a check run for nothing, never hide a match.

_FEW_ANCHORS = 5  # up to this many strings, one `in` each beats a pass of an alternation regex
_MAX_SPELLINGS = 8  # variants of a literal spelled out: each is one more string to look for
_LONG_ENOUGH = 6  # a literal this long is already rare in prose: spelling out more only adds strings
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_Items = Iterable[tuple[Any, Any]]  # a parsed (sub)pattern: (opcode, argument) pairs


def _prefilter(regexes: tuple[Regex, ...]) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """The anchor groups of a check's regexes, and whether they are case-folded.

    The anchors of a case-sensitive regex may be folded too (an occurrence in
    the text is still one in the folded text), so one flag per check suffices.
    """
    folded = any(regex.flags & re.IGNORECASE for regex in regexes)
    groups = (_anchors(regex, folded) for regex in regexes)
    return tuple(group for group in groups if group), folded


def _anchors(regex: Regex, folded: bool) -> tuple[str, ...]:
    """Strings one of which every match of `regex` contains; () to always run the regex."""
    items = list(_flat(_parser.parse(regex.pattern, regex.flags)))
    if items and items[0][0] is sre.LITERAL and not regex.flags & re.IGNORECASE:
        return ()  # `re` already jumps between occurrences of a literal prefix: a prefilter would scan twice
    required = _required(items)
    return tuple(sorted(_minimal({_fold(s) for s in required}) if folded else required))


def _fold(text: str) -> str:
    """Text case-folded so that the letters `re.IGNORECASE` equates become equal.

    `casefold()` does that for every letter but the Turkish İ and ı, which `re`
    equates with i; they are mapped first. (A case-insensitive regex would
    spare the folding but is far slower: `re` cannot skip ahead by a cased
    first letter.)
    """
    return text.replace("İ", "i").replace("ı", "i").casefold()


def _flat(items: _Items) -> Iterator[tuple[Any, Any]]:
    """Parsed items with groups opened up: a group matches its items in sequence.

    A group that switches case sensitivity (`(?i:…)`) stays closed and so contributes nothing.
    """
    for op, av in items:
        if op is sre.SUBPATTERN and not (av[1] | av[2]) & sre.SRE_FLAG_IGNORECASE:
            yield from _flat(av[3])
        else:
            yield op, av


def _required(items: _Items) -> set[str]:
    """Strings one of which every match of the sequence `items` contains (empty: none known).

    Literal text in a row is a requirement, with its few variants spelled out
    (`承知(?:いた)?しました`: 承知しました or 承知いたしました); a repeated or
    alternative sub-pattern gives its own. Every one is required, so the most
    selective is kept: the longest (up to _LONG_ENOUGH), then the fewest strings.
    """
    groups: list[set[str]] = []
    runs = {""}  # the literal text just before this item, in each of its spellings

    def settle() -> None:
        nonlocal runs
        if "" not in runs:
            groups.append(runs)
        runs = {""}

    for op, av in _flat(items):
        spellings = _spellings(op, av)
        if spellings is not None:
            # A variant multiplies the strings to look for: spell it out only while the run is short.
            short = min(map(len, runs)) < _LONG_ENOUGH
            joined = _product(runs, spellings) if len(spellings) == 1 or short else None
            if joined is None:
                settle()
                joined = spellings
            runs = joined
        elif op in _REPEATS and av[0] >= 1:
            body = _sequence_spellings(av[2])
            first = _power(body, av[0]) if body is not None else None
            if first is not None:
                # The first copies follow the run directly; what comes after them may not.
                joined = _product(runs, first)
                if joined is None:
                    settle()
                    joined = first
                runs = joined
                settle()
            else:
                settle()
                groups.append(body if body is not None else _required(av[2]))
        else:
            settle()
            if op is sre.BRANCH:
                alternatives = [_required(branch) for branch in av[1]]
                if all(alternatives):
                    groups.append(set().union(*alternatives))
    settle()
    kept = [_minimal(group) for group in groups if group and "" not in group]
    return max(kept, key=lambda group: (min(min(map(len, group)), _LONG_ENOUGH), -len(group)), default=set())


def _spellings(op: Any, av: Any) -> set[str] | None:
    """Every text one parsed item matches, when it is literal with few variants (else None)."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN and len(av) <= _MAX_SPELLINGS and all(kind is sre.LITERAL for kind, _ in av):
        return {chr(code) for _, code in av}
    if op is sre.BRANCH:
        variants: set[str] = set()
        for branch in av[1]:
            spelled = _sequence_spellings(branch)
            if spelled is None:
                return None
            variants |= spelled
        return variants if len(variants) <= _MAX_SPELLINGS else None
    if op in _REPEATS and av[1] <= 2:  # x?, x{2}
        body = _sequence_spellings(av[2])
        variants = set()
        for count in range(av[0], av[1] + 1):
            copies = _power(body, count) if body is not None else None
            if copies is None:
                return None
            variants |= copies
        return variants if len(variants) <= _MAX_SPELLINGS else None
    return None


def _sequence_spellings(items: _Items) -> set[str] | None:
    spelled: set[str] | None = {""}
    for op, av in _flat(items):
        spelled = _product(spelled, _spellings(op, av))
        if spelled is None:
            return None
    return spelled


def _product(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    """Each of `left` followed by each of `right`, unless that makes too many."""
    if left is None or right is None or len(left) * len(right) > _MAX_SPELLINGS:
        return None
    return {a + b for a in left for b in right}


def _power(spellings: set[str], count: int) -> set[str] | None:
    result: set[str] | None = {""}
    for _ in range(count):
        result = _product(result, spellings)
    return result


def _minimal(strings: set[str]) -> set[str]:
    """Without the strings that contain another one: finding that one is enough."""
    return {s for s in strings if not any(other != s and other in s for other in strings)}


class _Haystack:
    """A text that checks scan from `start`, case-folded once if a check needs it."""

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.start = start

    @cached_property
    def folded(self) -> str:
        return _fold(self.text[self.start :])

    def admits(self, check: Check) -> bool:
        """False when the text lacks the literals that every match of `check` needs."""
        if check.folded:
            return all(_holds_one(self.folded, 0, group) for group in check.anchors)
        return all(_holds_one(self.text, self.start, group) for group in check.anchors)


def _holds_one(text: str, start: int, group: tuple[str, ...]) -> bool:
    """True when `text` holds one of the strings of `group` after `start`."""
    if len(group) <= _FEW_ANCHORS:
        return any(text.find(anchor, start) >= 0 for anchor in group)
    return _alternation(group).search(text, start) is not None


@cache
def _alternation(group: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, group)))


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
    haystack = _Haystack(doc.masked, starts[0])
    for check in checks:
        if not haystack.admits(check):
            continue
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
    haystack = _Haystack(doc.text, body_start)
    for check in checks:
        if not haystack.admits(check):
            continue
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
    # Values are pieces of the front matter: a check that cannot match it cannot match them.
    haystack = _Haystack(doc.text[front_matter.span.start : front_matter.span.end])
    checks = [check for check in checks if haystack.admits(check)]
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
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:|^\s+\S|^\s*-\s|^\s*$")
_FENCE = re.compile(r"^ {0,3}---\s*$")
_MAX_FRONT_MATTER_LINES = 40


def _nested_front_matter_fix(doc: Document, hit: Hit) -> Fix | None:
    """Delete a copied front-matter block: its `---` line, its `key: value` lines and the closing `---`.

    Only when the block is closed within a few dozen lines and holds nothing but
    YAML-looking lines: otherwise the `---` may be a rule before prose.
    """
    first = doc.lines.line_of(hit.span.start)
    for line in range(first + 1, min(doc.lines.line_count, first + _MAX_FRONT_MATTER_LINES) + 1):
        text = doc.lines.line_text(line)
        if _FENCE.match(text):
            return Fix.delete(doc.removal_span(first, line), "unsafe")
        if not _KEY_LINE.match(text):
            return None
    return None


# The continuation prompt's 「既存の記事」 ("the existing article") is the part of this post written before:
# a clause that points back to it reads as 「前述のとおり、」 and an attributive one as 「前述の」, in any sentence.
_POINTED_BACK = (
    r"既存の?記事(?:で|でも|に|にも|内で|の中で)(?:も)?(?:少し|簡単に|何度か)?"
    r"(?:触れ|述べ|紹介し|言及し|解説し|取り上げ|強調し)(?:られ)?(?:て(?:き|い))?"
)
_REWRITES = (
    (re.compile(_POINTED_BACK + r"(?:た|ました|る|ます)(?:ように|とおり|通り|が|けれど|けど|ですが)、"), "前述のとおり、"),
    (re.compile(r"既存の?記事(?:に|で)も?あった(?:ように|とおり|通り)、"), "前述のとおり、"),
    (re.compile(_POINTED_BACK + r"た(?=[^、。ようとけ通がで])"), "前述の"),
)


def _rewrite_fix(doc: Document, hit: Hit) -> Fix | None:
    """Reword the prompt's 「既存の記事でも触れたように、」 to 「前述のとおり、」 (unsafe: a person checks the post
    really said it before); other wordings get no fix."""
    for pattern, replacement in _REWRITES:
        match = pattern.match(doc.text, hit.span.start)
        if match:
            return Fix.replace(Span(match.start(), match.end()), replacement, "unsafe")
    return None


def _line_fix(doc: Document, hit: Hit, hits: list[Hit], fixed_lines: set[int]) -> Fix | None:
    """Delete the line when leftovers are all it holds (once per line); a second front matter goes whole;
    the prompt's 「既存の記事でも触れたように」 is reworded."""
    if hit.check.group == "nested-front-matter":
        return _nested_front_matter_fix(doc, hit)
    if hit.check.id == "prompt-vocabulary":
        rewrite = _rewrite_fix(doc, hit)
        if rewrite is not None:
            return rewrite
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
