"""## What it finds
Front matter that does not start on the first line of the file: blank lines
(or lines of spaces) stand before the opening `---` (YAML) or `+++` (TOML).
Reported once, on line 1.

## Why it matters
Jekyll and Hugo read front matter only when the file starts with its
delimiter. Under a blank line the block is body text: the page loses its
layout, title, date and tags, and the keys are printed at the top of the
article. Generators that start their output with a newline cause it. The
block itself is read as the post's front matter all the same, so the title,
tag and excerpt checks still run and nothing else is reported because of the
misplaced block (not a second front matter, not a setext heading).

## Example
```markdown

---
title: "生成AIの導入ガイド"
---
```

## Use instead
```markdown
---
title: "生成AIの導入ガイド"
---
```

## Options
None.

## Fix safety
Safe: deletes what stands before the opening delimiter, which is whitespace only.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, Fix, Rule


class FrontMatterPlacement(Rule):
    name = "front-matter-placement"
    category = "front-matter"
    scope = "front_matter"
    severity = "error"
    fix_safety = "safe"

    def check(self, front_matter: FrontMatter, doc: Document) -> Iterator[Finding]:
        leading = front_matter.leading
        if leading is None:
            return
        blank = doc.lines.line_of(front_matter.span.start) - 1
        delimiter = "---" if front_matter.format == "yaml" else "+++"
        yield Finding(
            leading,
            f"フロントマターの {delimiter} の前に空行が {blank} 行あり、Jekyll や Hugo が本文として表示してしまうので、"
            f"ファイルの1行目を {delimiter} にしてください。",
            fix=Fix.delete(leading, "safe"),
        )
