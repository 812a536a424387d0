"""## What it finds
Redundant expressions, words that can go without changing what a sentence says:

- 「〜することができる」 (→ 「〜できる」), in every form: することができます,
  することができない, することができた;
- 「〜することが可能だ」 and 「〜することが不可能だ」 (→ 「〜できる」「〜できない」);
- 「〜であると言える」 / 「〜であると言えます」 (keep 「である」 or 「と言える」);
- 「〜であると考えている」 / 「〜であると考えています」 closing a sentence;
- 「[サ変名詞]を行う」 (「確認を行う」 → 「確認する」) and 「[サ変名詞]を実行する」
  (「分析を実行する」 → 「分析する」).

The patterns are data: `redundant_expression.toml` next to this module lists
them as token sequences on the shared morphological analysis, so every
conjugation is found. Paragraphs, including those in list items, are read;
headings, tables and blockquotes are not.

Kept quiet: katakana and Latin nouns (「アップデートを行う」, 「APIを実行する」)
and 「処理を行う」 / 「処理を実行する」, as upstream does by default; 「することも
できる」 and 「することはできない」, where も and は carry meaning; 「計画を実行する」
and the like, where what is carried out is a thing, not the act the noun names;
「であると考えている人」, where the phrase describes someone's view.

## Why it matters
Padding such as 「することができる」 and 「を行う」 makes generated prose longer
and vaguer without adding anything; an editor cuts it first.

## Example
```markdown
このツールでは、ログを自動で解析することができます。
```

## Use instead
```markdown
このツールでは、ログを自動で解析できます。
```

## Options
- `allows` (default none): textlint-style items (text or `/regex/flags`) tested
  against the matched text, e.g. `"/^議論を行/"`; a match is not reported. They
  add to the built-in allows of each pattern.
- `disable` (default none): pattern ids to turn off, by this rule's id
  (`sahen-wo-okonau`) or upstream's (`dict5`).

## Fix safety
「することができる」 → 「できる」 keeps the conjugation (することができます →
できます). It is safe right after a サ変 noun (解析することができます →
解析できます) and unsafe elsewhere (「仕事をすることができる」 → 「仕事をできる」
may read better as 「仕事ができる」). 「であると考えています。」 → 「です。」 and
「であると考えている。」 → 「である。」 are unsafe: they drop who holds the view.
The other patterns have no fix (upstream has none): 「詳細な確認を行う」 needs
rewording, not a substitution.

## textlint
Replaces `ja-no-redundant-expression` (textlint-rule-ja-no-redundant-expression,
in textlint-rule-preset-ja-technical-writing). Options: `dictOptions` maps to
`disable` (`{"dict1": {"disabled": true}}`) and `allows` (per-dict allows become
one list); `allowNodeTypes` is fixed to what upstream skips by default
(blockquotes, code, link definitions). Deliberate differences, for precision:
- Only 「することが…」 is reported: upstream also reports 「することもできる」 and
  「することはできない」, where the particle adds meaning.
- 「であると考えている」 is reported only when it ends the sentence; upstream also
  reports 「〜であると考えている企業」, a description of someone else's view.
- 「を実行」 is not reported after nouns that name a thing to carry out
  (計画, 指示, 戦略, 方針 …): 「計画を実行する」 is not 「計画する」.
- 「であると言える」 is found in plain form too (upstream: only 言えます).
- The fix for 「であると考えています」 is 「です」, keeping the polite style
  (upstream writes 「である」 into a です/ます sentence).
- Link text is read as prose (upstream skips link nodes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule, option
from jalint.rules._phrase_lists import TokenPattern, compile_sequence, compile_token, followed, match_at
from jalint.rules._prose import compile_allow, load_data, visible_text
from jalint.sentences import Sentence
from jalint.tokens import Token


@dataclass(frozen=True)
class Options:
    allows: tuple[str, ...] = option((), "Text or /regex/flags: matches of these are not reported.")
    disable: tuple[str, ...] = option((), "Pattern ids to turn off (this rule's or textlint's dictN).")


@dataclass(frozen=True)
class Pattern:
    id: str
    textlint_id: str
    tokens: tuple[TokenPattern, ...]
    followed_by: tuple[tuple[TokenPattern, ...], ...]
    allowed: Callable[[str], bool]
    not_words: frozenset[str]
    cues: tuple[str, ...]
    compound: bool
    not_after: re.Pattern[str] | None
    message: str
    fix: str | None
    fix_safety: str
    safe_after: TokenPattern | None


@lru_cache(maxsize=1)
def _patterns() -> tuple[Pattern, ...]:
    result = []
    for entry in load_data("redundant_expression.toml")["pattern"]:
        safe_after = entry.get("safe-after")
        result.append(
            Pattern(
                id=entry["id"],
                textlint_id=entry.get("textlint-id", ""),
                tokens=compile_sequence(entry["tokens"]),
                followed_by=tuple(compile_sequence(alt) for alt in entry.get("followed-by", ())),
                allowed=compile_allow(entry.get("allows", ())),
                not_words=frozenset(entry.get("not-words", ())),
                cues=tuple(entry["cues"]),
                compound=bool(entry.get("compound")),
                not_after=re.compile(entry["not-after"]) if "not-after" in entry else None,
                message=entry["message"],
                fix=entry.get("fix"),
                fix_safety=entry.get("fix-safety", "unsafe"),
                safe_after=compile_token(safe_after) if safe_after else None,
            )
        )
    return tuple(result)


def _fill(template: str, match: tuple[Token | None, ...]) -> str:
    text = template
    for index, token in enumerate(match):
        text = text.replace(f"{{{index}}}", token.surface if token else "")
    return text


class RedundantExpression(Rule[Options]):
    name = "redundant-expression"
    category = "style"
    scope = "sentence"
    severity = "warning"
    needs_tokens = True
    fix_safety = "unsafe"
    textlint = ("ja-no-redundant-expression",)
    textlint_options: dict[str, str] = {}
    Options = Options

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        off = set(self.options.disable)
        self._patterns = tuple(p for p in _patterns() if p.id not in off and p.textlint_id not in off)
        self._allowed = compile_allow(self.options.allows)

    def check(self, sentence: Sentence, doc: Document) -> Iterator[Finding]:
        text = sentence.text
        patterns = [p for p in self._patterns if any(cue in text for cue in p.cues)]
        if not patterns or doc.blocks[sentence.block_index].container == "blockquote":
            return
        tokens = doc.sentence_tokens(sentence)
        index = 0
        while index < len(tokens):
            finding, stop = self._at(patterns, tokens, index, doc, sentence.span.start)
            if finding is not None:
                yield finding
                index = stop
            else:
                index += 1

    def _at(
        self, patterns: list[Pattern], tokens: list[Token], index: int, doc: Document, start: int
    ) -> tuple[Finding | None, int]:
        for pattern in patterns:
            found = match_at(pattern.tokens, tokens, index)
            if found is None:
                continue
            if pattern.followed_by and not followed(pattern.followed_by, tokens, found.stop):
                continue
            first, last = tokens[found.start], tokens[found.stop - 1]
            if first.surface in pattern.not_words:
                continue
            noun = first.surface
            begin = first.start
            if pattern.compound:
                head = _compound_start(tokens, index)
                if _coordinated(tokens, head):
                    continue
                begin = tokens[head].start
                noun = doc.text[begin : first.end]
            # The amount may stand before the compound (巨額の|追加投資) or open it (巨額|投資).
            if pattern.not_after is not None and any(
                pattern.not_after.search(visible_text(doc.masked[start:end])) for end in {begin, first.start}
            ):
                continue
            written = doc.text[first.start : last.end]
            if pattern.allowed(written) or (self.options.allows and self._allowed(written)):
                continue
            replacement = _fill(pattern.fix, found.tokens) if pattern.fix is not None else None
            shown, fixed = _shown(doc, tokens, found.start, found.stop, replacement)
            message = (
                _fill(pattern.message.replace("{0}", noun), found.tokens)
                .replace("{match}", shown)
                .replace("{fixed}", fixed)
            )
            fix = None
            if replacement is not None:
                before = tokens[index - 1] if index > 0 else None
                safety = pattern.fix_safety
                if before is not None and pattern.safe_after is not None and pattern.safe_after.test(before):
                    safety = "safe"
                fix = Fix.replace(Span(first.start, last.end), replacement, safety)
            return Finding(Span(begin, last.end), message, fix=fix), found.stop
        return None, index + 1


_COORDINATORS = frozenset({"や", "と", "・", "及び", "および", "並びに", "ならびに", "または", "又は", "か", "、", "，"})


def _compound_start(tokens: list[Token], index: int) -> int:
    """Index of the first token of the compound noun that token `index` ends (データ|生成)."""
    while index > 0:
        before = tokens[index - 1]
        if before.end != tokens[index].start or before.pos not in ("名詞", "接頭辞"):
            break
        index -= 1
    return index


def _coordinated(tokens: list[Token], head: int) -> bool:
    """The noun at `head` is the last of a list (分析や|予測, 分析・|予測)."""
    return head >= 2 and tokens[head - 1].surface in _COORDINATORS and tokens[head - 2].pos == "名詞"


def _shown(
    doc: Document, tokens: list[Token], start: int, stop: int, replacement: str | None
) -> tuple[str, str]:
    """The match as a reader knows it, and its rewrite: 「解析することができます」, 「解析できます」.

    With a fix the noun before the match is shown too; the auxiliaries after it
    always are, so that the phrase is not cut mid-word (「であると言え|ます」).
    """
    head = ""
    if replacement is not None and start > 0 and tokens[start - 1].pos == "名詞":
        head = tokens[start - 1].surface
    end = stop
    while end < len(tokens) and tokens[end].pos == "助動詞":
        end += 1
    tail = doc.text[tokens[stop - 1].end : tokens[end - 1].end] if end > stop else ""
    written = doc.text[tokens[start].start : tokens[stop - 1].end]
    return f"{head}{written}{tail}", f"{head}{replacement or ''}{tail}"
