"""## What it finds
Half-width katakana and punctuation (U+FF61–U+FF9F: ｶﾀｶﾅ, ｰ, ﾞﾟ, ｡｢｣､･) in
prose, one finding per run.

Paragraphs, list items, headings and table cells
are checked; code and quotations in a blockquote are not. A run inside text
that the `mojibake` rule reports as Shift_JIS mojibake is left to that rule.

## Why it matters
Half-width kana are a relic of old terminals. In a post they look cramped,
break search (ｶﾀｶﾅ does not match カタカナ) and are read out oddly by screen
readers. Text pasted from old systems or generated from them brings them in.

## Example
```markdown
ﾃﾞｰﾀの取り込みには専用のﾂｰﾙを使います。
```

## Use instead
```markdown
データの取り込みには専用のツールを使います。
```

## Options
None.

## Fix safety
Safe: each run is replaced by its full-width form (Unicode NFKC), which
composes a kana and its voiced mark into one character (ｶﾞ → ガ). When a
voiced mark cannot be composed (ｱﾞ, or a lone ﾞ), there is no fix: the result
would be a decomposed character, which `mojibake` reports.

## textlint
Replaces `no-hankaku-kana` (textlint-rule-no-hankaku-kana, in
textlint-rule-preset-ja-technical-writing). No options upstream. Deliberate
differences: upstream reads only plain text directly in a paragraph, so it
misses half-width kana in headings, table cells, link text and bold text;
here they are reported too, because they are just as wrong there. Upstream
fixes an uncomposable voiced mark to a decomposed character (ｱﾞ → ア +
U+3099); here there is no fix for that run.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule
from jalint.rules._counting import prose_regions

_HALFWIDTH_RUN = re.compile("[\uff61-\uff9f]+")
_COMBINING_VOICE = frozenset("\u3099\u309a")


def _mojibake_spans(doc: Document) -> list[Span]:
    """What the mojibake rule reports (its default options): garbled text is that rule's business."""
    from jalint.rules.mojibake import Mojibake

    return [finding.span for finding in Mojibake().check(doc, doc)]


class HalfwidthKana(Rule):
    name = "halfwidth-kana"
    category = "style"
    scope = "document"
    severity = "warning"
    fix_safety = "safe"
    textlint = ("no-hankaku-kana",)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        mojibake: list[Span] | None = None
        for region in prose_regions(doc):
            for match in _HALFWIDTH_RUN.finditer(region.text):
                span = Span(region.start + match.start(), region.start + match.end())
                if mojibake is None:
                    mojibake = doc.memo("halfwidth-kana:mojibake", _mojibake_spans)
                if any(span.overlaps(other) for other in mojibake):
                    continue
                run = match.group()
                full = unicodedata.normalize("NFKC", run)
                if _COMBINING_VOICE & set(full):
                    yield Finding(span, f"半角カナ「{run}」があります。全角カナで書き直してください。")
                else:
                    yield Finding(
                        span,
                        f"半角カナ「{run}」があります。全角の「{full}」に直してください。",
                        fix=Fix.replace(span, full),
                    )
