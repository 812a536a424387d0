"""## What it finds
Emphasis in the mechanical style of generated text:

- an emoji followed by bold text (`✅ **完了**`, `⚠️ **注意**`);
- a bold information prefix: one of 注意, 重要, ポイント, メモ, 参考, 補足, 確認,
  推奨, 例 … in bold on its own (`**注意**してください`) or as a bold label
  (`**重要: 期限は金曜日です**`);
- bold text inside a heading (`## **導入の手順**`).

Paragraphs inside list items count. The opening of a list item
(`- **重要**: …`, `- ✅ …`) belongs to `ai-list-formatting` and is not reported
here, and a bold line that `pseudo-heading` reports as a heading is left to
that rule. Code, quotations in blockquotes and bold text inside inline code
are left alone.

## Why it matters
An emoji in front of bold text, or a bold 「重要」 in front of a sentence, is
emphasis that tells the reader nothing the sentence could not say. When every
paragraph shouts, nothing stands out. Headings are already emphasised, so bold
inside them adds only markup noise (and often renders no differently).

## Example
```markdown
## **申し込みの流れ**

⚠️ **締め切り**は月末です。**注意**してください。
```

## Use instead
```markdown
## 申し込みの流れ

締め切りは月末です。遅れた申し込みは受け付けません。
```

## Options
- `allows` (default none): textlint-style items (plain text or `/regex/flags`);
  a line that contains a match is not reported.
- `disable-emoji-emphasis-patterns` (default false): do not report emoji + bold.
- `disable-info-patterns` (default false): do not report bold information prefixes.
- `disable-heading-emphasis-patterns` (default false): do not report bold in headings.

The emoji and information words are data in `ai_emphasis.toml` next to this module.

## Fix safety
Safe, for bold inside a heading only: the fix removes the `**` (or `__`)
around the text and keeps the words. Other findings have no fix: what to say
instead of an emoji or a bold label is the writer's choice.

## textlint
Replaces `no-ai-emphasis-patterns` (@textlint-ja/textlint-rule-preset-ai-writing).
Supported options: `allows`, `disableEmojiEmphasisPatterns`,
`disableInfoPatterns`, `disableHeadingEmphasisPatterns`. Deliberate differences:
- The opening of a list item is left to `ai-list-formatting`: textlint's
  preset reports `- **重要**: …` under both rules, the same place twice.
- A bold-only line that `pseudo-heading` reports (`**注意**` alone above a
  paragraph) is left to that rule, which also offers the heading fix.
- Paragraphs in blockquotes are quotations and are not reported.
- A "heading" longer than 100 characters is a paragraph written after `#`
  (in the corpus, whole posts pasted on one heading line); its bold is not
  reported as heading emphasis, nor is a paragraph that became a setext
  heading by accident (`accidental-setext-heading` reports that).
- `allows` is tested against the line that holds the match, not the whole
  paragraph or list item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jalint.document import Document
from jalint.inline import MARKUP
from jalint.positions import Span
from jalint.rule import Finding, Fix, option, Rule, RuleOptions
from jalint.rules._ai_writing import emoji_pattern, list_emoji_pattern, list_label_spans, overlaps
from jalint.rules._prose import compile_allow, load_data, visible_length
from jalint.sections import pseudo_acts_as_heading, setext_is_accidental

# Longer "headings" are paragraphs written after `#` (often a whole post pasted on one
# line); their bold is the paragraph's emphasis, and the broken heading is the problem.
_HEADING_MAX = 100
_HEADING_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("ai_emphasis.toml")
    emoji = emoji_pattern(data["emoji"])
    emoji_bold = re.compile(f"(?P<emoji>{emoji.pattern})[ \\t]*\\*\\*(?P<text>[^*\\n]+)\\*\\*")
    words = "|".join(re.escape(w) for w in sorted(data["info-words"], key=len, reverse=True))
    info = re.compile(f"\\*\\*(?P<word>{words})(?:[:：][^*\\n]*)?\\*\\*")
    return emoji_bold, info


class Options(RuleOptions):
    allows: tuple[str, ...] = option((), "Items (text or /regex/) whose lines are not reported.")
    disable_emoji_emphasis_patterns: bool = option(False, "Do not report an emoji followed by bold text.")
    disable_info_patterns: bool = option(False, "Do not report bold information prefixes such as **注意**.")
    disable_heading_emphasis_patterns: bool = option(False, "Do not report bold text inside headings.")


class AiEmphasis(Rule[Options]):
    name = "ai-emphasis"
    category = "style"
    quiet_in_repeated_text = True
    scope = "document"
    severity = "warning"
    fix_safety = "safe"
    textlint = ("no-ai-emphasis-patterns",)
    textlint_options = {
        "allows": "allows",
        "disableEmojiEmphasisPatterns": "disable-emoji-emphasis-patterns",
        "disableInfoPatterns": "disable-info-patterns",
        "disableHeadingEmphasisPatterns": "disable-heading-emphasis-patterns",
    }
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        if "**" not in doc.text and "__" not in doc.text:
            return
        allowed = compile_allow(self.options.allows)
        if not self.options.disable_heading_emphasis_patterns:
            yield from self._headings(doc, allowed)
        if self.options.disable_emoji_emphasis_patterns and self.options.disable_info_patterns:
            return
        if "**" not in doc.text:
            return
        emoji_bold, info = _patterns()
        labels = None
        for span in self._prose_spans(doc):
            raw = doc.text[span.start : span.end]
            if "**" not in raw:
                continue
            hits: list[tuple[Span, str]] = []
            if not self.options.disable_emoji_emphasis_patterns:
                for match in emoji_bold.finditer(raw):
                    hits.append((self._span(span, match), f"絵文字と太字の組み合わせ「{match.group(0)}」は機械的な強調です。絵文字を外し、太字も本当に必要な語だけにしてください。"))
            if not self.options.disable_info_patterns:
                for match in info.finditer(raw):
                    hit = self._span(span, match)
                    if overlaps(hit, [h[0] for h in hits]):
                        continue
                    hits.append((hit, f"太字の「{match.group('word')}」を情報ラベルとして使っています。太字のラベルをやめ、伝えたい内容を文で書いてください。"))
            for hit, message in hits:
                if not self._is_markup(doc, hit):
                    continue
                if labels is None:
                    labels = list_label_spans(doc, list_emoji_pattern())
                if overlaps(hit, labels) or allowed(self._line(doc, hit)):
                    continue
                yield Finding(hit, message)

    @staticmethod
    def _span(base: Span, match: re.Match[str]) -> Span:
        return Span(base.start + match.start(), base.start + match.end())

    @staticmethod
    def _is_markup(doc: Document, span: Span) -> bool:
        """The `**` at the end of the match is real emphasis, not text inside inline code."""
        return doc.masked[span.end - 1] == MARKUP and doc.masked[span.end - 2] == MARKUP

    @staticmethod
    def _line(doc: Document, span: Span) -> str:
        return doc.lines.line_text(doc.lines.line_of(span.start))

    @staticmethod
    def _prose_spans(doc: Document) -> Iterator[Span]:
        headed = {
            heading.block_index
            for heading in doc.headings
            if heading.kind == "pseudo" and pseudo_acts_as_heading(doc.text, doc.lines, doc.blocks, heading)
        }
        for index, block in enumerate(doc.blocks):
            if block.content is None or block.container == "blockquote":
                continue
            if block.kind == "paragraph":
                yield block.content
            elif block.kind == "pseudo_heading" and index not in headed:
                yield block.span  # its content is the title without the `**`

    def _headings(self, doc: Document, allowed) -> Iterator[Finding]:  # noqa: ANN001 - compile_allow's test
        for block in doc.blocks:
            if block.kind != "heading" or block.content is None or block.container == "blockquote":
                continue
            raw = doc.text[block.content.start : block.content.end]
            if "**" not in raw and "__" not in raw:
                continue
            if visible_length(doc.masked[block.content.start : block.content.end]) > _HEADING_MAX:
                continue  # a whole paragraph (or post) on a heading line: not a heading's emphasis
            if setext_is_accidental(doc.lines, block):
                continue  # a paragraph above `---`: accidental-setext-heading reports it
            for match in _HEADING_BOLD.finditer(raw):
                span = self._span(block.content, match)
                if doc.masked[span.start] != MARKUP or doc.masked[span.end - 1] != MARKUP:
                    continue
                if allowed(raw):
                    continue
                yield Finding(
                    span,
                    f"見出しの中の太字「{match.group(0)}」は不要です。見出しはすでに強調されているので、"
                    f"「{match.group(2)}」の前後の {match.group(1)} を外してください。",
                    fix=Fix.replace(span, match.group(2)),
                )
