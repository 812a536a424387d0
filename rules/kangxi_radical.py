"""## What it finds
Kangxi radical characters (U+2F00–U+2FD5) where the ordinary kanji was meant:
「⼈⼯知能」 typed with the radicals ⼈ and ⼯ instead of 人 and 工.

Every text node is checked, quotations included; code is not.

## Why it matters
The radicals look like kanji but are different characters, usually brought
in by copying from a PDF. Search, sorting, spell checking and screen readers
treat 「⼈⼯知能」 as a different word from 「人工知能」.

## Example
```markdown
⽣成AIの導⼊で業務が変わります。
```

## Use instead
```markdown
生成AIの導入で業務が変わります。
```

## Options
None.

## Fix safety
Safe: each radical is replaced by the kanji it stands for (its Unicode NFKC
form; ⼾ becomes 戸 and ⿊ becomes 黒, the forms Japanese uses), which looks
the same.

## textlint
Replaces `no-kangxi-radicals` (textlint-rule-no-kangxi-radicals, in
textlint-rule-preset-japanese). No options upstream. Same characters, same
places and the same replacements; no deliberate differences. Like upstream,
the CJK Radicals Supplement (U+2E80–U+2EFF, e.g. ⺟) is not reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from jalint.document import Document
from jalint.positions import Span
from jalint.rule import Finding, Fix, Rule
from jalint.rules._counting import prose_regions

_RADICAL = re.compile("[\u2f00-\u2fd5]")
# NFKC gives the traditional form for these two; Japanese writes the simplified one.
_JAPANESE_FORMS = {"\u2f3e": "戸", "\u2fca": "黒"}


def kanji_for(radical: str) -> str:
    return _JAPANESE_FORMS.get(radical) or unicodedata.normalize("NFKC", radical)


class KangxiRadical(Rule):
    name = "kangxi-radical"
    category = "style"
    scope = "document"
    severity = "warning"
    fix_safety = "safe"
    textlint = ("no-kangxi-radicals",)

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        for region in prose_regions(doc, quotes=True):
            for match in _RADICAL.finditer(region.text):
                radical = match.group()
                kanji = kanji_for(radical)
                start = region.start + match.start()
                span = Span(start, start + 1)
                yield Finding(
                    span,
                    f"康熙部首「{radical}」（U+{ord(radical):04X}）があります。漢字の「{kanji}」に直してください。",
                    fix=Fix.replace(span, kanji),
                )
