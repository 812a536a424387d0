"""## What it finds
A `<!-- jalint-disable ... -->`, `jalint-disable-next-line` or
`jalint-disable-file` comment that suppressed nothing, or that names a rule
that does not exist.

## Why it matters
Suppressions outlive the problems they silenced. A stale one hides the next real
finding at that place, and a misspelt rule name suppresses nothing at all.

## Example
```markdown
<!-- jalint-disable-next-line duplicate-paragraph -->
この段落は重複していません。
```

## Use instead
```markdown
この段落は重複していません。
```

## Options
None.

## Fix safety
No fix: deleting a comment is left to the author.
"""

from jalint.rule import Rule


class UnusedSuppression(Rule):
    name = "unused-suppression"
    category = "engine"
    scope = "engine"
    severity = "info"
