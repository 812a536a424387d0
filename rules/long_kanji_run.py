"""## What it finds
A run of more than `max` kanji in a row (default 6, so 7 or more), such as
「大規模言語模型評価基盤」.

Kanji are the CJK unified ideographs (extensions
and compatibility ideographs included) plus 々, 〇 and 〻. Paragraphs, list
items, headings and table cells are checked; code, link text, `*emphasis*`
and quotations in a blockquote are not, and inline markup breaks a run.

## Why it matters
A long string of kanji has no kana to show where one word ends and the next
begins, so the reader has to parse it like a compound noun in a contract.
Generated text stacks nouns this way (「業務効率化推進施策」) where a person
would write 「業務の効率化を進める施策」.

## Example
```markdown
今期は全社業務効率化推進計画を策定しました。
```

## Use instead
```markdown
今期は、全社で業務の効率化を進める計画を策定しました。
```

## Options
- `max` (default 6): the longest run of kanji allowed.
- `allow` (default none): words that may appear in a run, as text or
  `/regex/flags` (e.g. `"倍精度浮動小数点数"`). An allowed word is cut out of
  the run and the pieces left over are checked on their own, so
  「倍精度浮動小数点数型」 passes when the word is allowed.
- `skip-names` (default false): leave alone a run that ends like an official
  name of a law or an organisation (…法, …機構, …研究所, …委員会; the list is
  `long_kanji_run.toml`), such as 「個人情報保護法」 or 「経済協力開発機構」,
  which the writer cannot rephrase. Off by default, as upstream reports them.

## Fix safety
No fix: adding kana or rephrasing is a writer's decision.

## textlint
Replaces `max-kanji-continuous-len` (textlint-rule-max-kanji-continuous-len,
in textlint-rule-preset-ja-technical-writing with `max: 6`; the rule's own
default is 5). Supported options: `max`, `allow`. Like upstream it reads
every text node except code, HTML and front matter, and skips link text,
`*emphasis*` and blockquotes. Deliberate differences: upstream allows a word
only when it is the whole run, here an allowed word can be part of a longer
run (the rest must still be short enough), and `/regex/` items are accepted;
a kanji outside the Basic Multilingual Plane (𠮷) counts as one character,
not two. `skip-names` is an addition (off by default).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, option, Rule, RuleOptions
from jalint.rules._counting import inside, prose_regions, skipped_spans
from jalint.rules._prose import load_data, textlint_pattern

_KANJI_RUN = re.compile(r"[々〇〻\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")


class Options(RuleOptions):
    max: int = option(6, "Longest run of kanji allowed.")
    allow: tuple[str, ...] = option((), "Words (or /regex/) allowed inside a run.")
    skip_names: bool = option(False, "Leave alone runs that end like the name of a law or organisation.")


def _allow_patterns(items: tuple[str, ...]) -> list[re.Pattern[str]]:
    return [textlint_pattern(item) for item in items]


def _longest_rest(run: str, patterns: list[re.Pattern[str]]) -> int:
    """Length of the longest piece of `run` left after cutting out allowed words."""
    covered = [False] * len(run)
    for pattern in patterns:
        for match in pattern.finditer(run):
            for i in range(match.start(), match.end()):
                covered[i] = True
    longest = current = 0
    for flag in covered:
        current = 0 if flag else current + 1
        longest = max(longest, current)
    return longest


class LongKanjiRun(Rule[Options]):
    name = "long-kanji-run"
    category = "style"
    scope = "document"
    severity = "warning"
    textlint = ("max-kanji-continuous-len",)
    textlint_options = {"max": "max", "allow": "allow"}
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        limit = self.options.max
        too_long = re.compile(_KANJI_RUN.pattern.rstrip("+") + "{%d,}" % (limit + 1))
        allowed = _allow_patterns(self.options.allow)
        names = tuple(load_data("long_kanji_run.toml")["name_endings"]) if self.options.skip_names else ()
        for region in prose_regions(doc):
            if not too_long.search(region.text):
                continue
            raw = doc.text[region.start : region.start + len(region.text)]
            skipped = skipped_spans(raw)
            for match in too_long.finditer(region.text):
                run = match.group()
                if skipped and inside(skipped, match.start(), match.end()):
                    continue
                if allowed and _longest_rest(run, allowed) <= limit:
                    continue
                if names and run.endswith(names):
                    continue
                yield Finding(
                    Span(region.start + match.start(), region.start + match.end()),
                    f"漢字が{len(run)}文字続いています（上限{limit}）：「{run}」。"
                    "助詞や送り仮名を補うか、言い換えてください。",
                )
