"""## What it finds
A front-matter `title` that was cut off or spliced together:

- it contains a broken character (U+FFFD), what cutting a title by bytes
  through a multi-byte character leaves;
- a bracket is left open or closes without opening (「…, （…, 【…);
- a question (or a sentence) is spliced into a phrase: 「…その真意は？の進化と
  実用化への道筋」, 「…とは？（OpenAI・Google）による業務効率化」, 「…課題と機会。の最新
  動向」 (a `？` or `。` followed, outside 「」, by の, が, による, を and the like;
  a bracketed keyword list in between does not count);
- particles collide where a fixed phrase was glued to a cut title:
  「…Thinkingはの可能」, 「…その全貌とはが変えるビジネスの未来」;
- it ends in a dangling particle (「…の」, 「…が」, 「…を」, 「…は」), a colon, a
  prenominal or prefix (「…舞台裏：その」), or a word cut in two (「…AIモ」,
  「…システムを導」). Endings that headlines use on
  purpose are fine: 「…とは」, 「…って」, 「…こと」, 「…へ」, 「…まで」, 「…から」.

The ending is checked for each part of a title separated by ｜ or |, and for
the text before a bracketed keyword list such as 「（OpenAI・Google）」; text in
brackets is skipped.

## Why it matters
The title is the most visible line of a post: the page heading, the browser
tab, the search result and the social card. A cut or spliced title reads as
broken, and pipelines that shorten titles by bytes or glue a fixed phrase to
a question produce such titles by the hundred.

## Example
```markdown
---
title: "2026年物流倉庫のAI導入、その効果は？の全貌と実践的な活用法"
---

本文です。
```

## Use instead
```markdown
---
title: "物流倉庫のAI導入、その効果は？ 現場の数字で検証する"
---

本文です。
```

## Options
- `particles-after-question` (default の, が, を, は, も, で, へ, による,
  により, によって, とともに): what may not directly follow a `？`, `?` or `。`
  outside 「」. Plain に and と are left out on purpose: 「…か？と問う」,
  「…か？との声」 quote a question, and 「なぜ？に答える」 is casual but fine.
- `allowed-endings` (default 「とは」, 「って」, 「こと」, 「へ」, 「まで」, 「から」, 「など」,
  「のか」, 「のは」): title endings that are never reported as dangling.

## Fix safety
No fix: the intended title is not known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._front_matter_checks import BRACKETS, scalar_text, string_entry, unbalanced_bracket
from jalint.rules._truncation import JAPANESE, cut_word
from jalint.tokens import Token, tokenize

# Particles that leave a title hanging when they end it (by surface; the token must be a particle).
# より is left out: 「開発現場より」 (from the field) is a headline style.
DANGLING = frozenset({"が", "を", "に", "で", "の", "と", "や", "は", "も", "て", "けど", "ので", "ながら"})
# An aside in brackets: what comes before it must still end properly (「…を導（AI規制）」).
_PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")
_SEGMENT_BREAK = re.compile(r"[｜|]")
# A bracketed list of keywords: 「（OpenAI・Google）」, 「（LLM・RAG）」.
_KEYWORD_LIST = re.compile(r"[（(][^（）()・]+(?:・[^（）()・]+)+[）)]")
_OPENERS = frozenset(BRACKETS)
ADVICE = "切れた部分を補うか一つの題に書き直してください。"


class Options(RuleOptions):
    particles_after_question: tuple[str, ...] = option(
        ("の", "が", "を", "は", "も", "で", "へ", "による", "により", "によって", "とともに"),
        "Particles that may not directly follow a ？ or 。.",
    )
    allowed_endings: tuple[str, ...] = option(
        ("とは", "って", "こと", "へ", "まで", "から", "など", "のか", "のは"),
        "Title endings never reported as dangling.",
    )


class TitleTruncated(Rule[Options]):
    name = "title-truncated"
    category = "front-matter"
    scope = "front_matter"
    needs_tokens = True
    Options = Options

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        entry = string_entry(front_matter, "title")
        if entry is None:
            return
        title = scalar_text(doc, entry)
        problem = self._problem(title.value)
        if problem is not None:
            reason, start, end = problem
            yield Finding(title.locate(start, end), f"タイトル{reason}ので、{ADVICE}")

    def _problem(self, title: str) -> tuple[str, int, int] | None:
        """(why, start, end): what is wrong and where in the title."""
        broken = title.find("\ufffd")
        if broken >= 0:
            return "に壊れた文字（U+FFFD）があり途中で切れている", broken, broken + 1
        # Keyword lists such as 「（OpenAI・Google）」 sit between a cut and the glued phrase.
        compact = _Compact(title)
        spliced = self._spliced_question(compact.text)
        if spliced is not None:
            joined = compact.text[spliced : spliced + 3]
            return f"が「{joined}…」のように文の後へ別の句を継ぎ足した形になっている", *compact.span(spliced, spliced + 2)
        stacked = _stacked_particles(compact.text)
        if stacked is not None:
            start, end = stacked
            joined = compact.text[start:end]
            return f"が「{joined}」のように助詞が重なり、別の句を継ぎ足した形になっている", *compact.span(start, end)
        open_at = unbalanced_bracket(title)
        if open_at is not None:
            side = "閉じて" if title[open_at] in _OPENERS else "開いて"
            return f"の括弧「{title[open_at]}」が{side}いない", open_at, open_at + 1
        return self._dangling(title)

    def _spliced_question(self, title: str) -> int | None:
        """Index of a ？ (or a 。) that a particle continues: 「…真意は？の進化」, 「…課題と機会。の最新動向」."""
        depth = 0
        particles = tuple(self.options.particles_after_question)
        for index, ch in enumerate(title):
            if ch in "「『":
                depth += 1
            elif ch in "」』":
                depth = max(0, depth - 1)
            elif ch in "？?。" and depth == 0 and index > 0:
                rest = title[index + 1 :]
                if ch == "?" and not JAPANESE.search(title[index - 1]):
                    continue  # an English question such as "Why AI?" is quoted as a name
                if rest.startswith(particles):
                    return index
        return None

    def _dangling(self, title: str) -> tuple[str, int, int] | None:
        """A part of the title that stops on a particle, a colon or half a word.

        Parts end at ｜ and before a keyword list in brackets (「…を導（AI規制・AI人材）」).
        """
        masked = _PARENTHETICAL.sub(lambda m: " " * len(m.group()), title)
        ends = [m.start() for m in _KEYWORD_LIST.finditer(title)]
        ends += [m.start() for m in _SEGMENT_BREAK.finditer(masked)] + [len(title)]
        start = 0
        for end in sorted(set(ends)):
            found = self._open_end(masked[start:end], start)
            if found is not None:
                return found
            if masked[end : end + 1] in ("｜", "|"):
                start = end + 1
        return None

    def _open_end(self, segment: str, offset: int) -> tuple[str, int, int] | None:
        text = segment.rstrip()
        if not text.strip():
            return None
        end = offset + len(text)
        if text[-1] in ":：、，,":
            return f"が「{text[-1]}」で途切れている", end - 1, end
        if text.endswith(self.options.allowed_endings):
            return None
        tokens = [t for t in tokenize(text, offset) if t.surface.strip()]
        if not tokens:
            return None
        last = tokens[-1]
        if last.pos == "助詞" and last.surface in DANGLING and last.pos_detail != "終助詞":
            return f"が助詞「{last.surface}」で途切れている", last.start, last.end
        if last.pos in ("連体詞", "接頭辞"):
            return f"が「{last.surface}」で途切れている", last.start, last.end
        if cut_word(tokens) or _cut_katakana(tokens):
            before = tokens[-2]
            return f"が「{before.surface}{last.surface}」と単語の途中で途切れている", before.start, last.end
        return None


class _Compact:
    """The title without keyword lists in brackets, mapping its offsets back to the title."""

    def __init__(self, title: str) -> None:
        removed = {i for m in _KEYWORD_LIST.finditer(title) for i in range(m.start(), m.end())}
        self.kept = [i for i in range(len(title)) if i not in removed]
        self.text = "".join(title[i] for i in self.kept)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.kept[start], self.kept[end - 1] + 1


def _stacked_particles(title: str) -> tuple[int, int] | None:
    """A binding は directly followed by の, が, を or に: 「…Thinkingはの可能」, 「…とはが変える」.

    Where a question or a 「…とは」 title was cut and a fixed phrase glued on, the
    particles collide. 「ならではの」 (after the conjunctive で) is Japanese, so it is left alone.
    """
    tokens = tokenize(title, 0)
    for before, binding, case in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if (
            binding.surface == "は"
            and binding.pos_detail == "係助詞"
            and case.surface in ("の", "が", "を", "に")
            and case.pos_detail == "格助詞"
            and before.surface != "で"
        ):
            return binding.start, case.end
    return None


def _cut_katakana(tokens: list[Token]) -> bool:
    """A lone katakana at the end, not part of a katakana word: 「…AIモ」 (モデル cut)."""
    if len(tokens) < 2:
        return False
    last, before = tokens[-1], tokens[-2]
    lone = len(last.surface) == 1 and "\u30a1" <= last.surface <= "\u30f6"
    return lone and not ("\u30a1" <= before.surface[-1] <= "\u30fc")
