"""## What it finds
Front matter that does not parse: invalid YAML (or TOML between `+++`), a block
opened with `---` but never closed, or front matter that is not a mapping of
keys to values.

## Why it matters
Jekyll and Hugo stop the build or, worse, render the whole block as body text.
Every other front-matter check depends on the block parsing.

## Example
```markdown
---
title: "AI導入の基本
tags: [AI, 業務効率化
---
```

## Use instead
```markdown
---
title: "AI導入の基本"
tags: [AI, 業務効率化]
---
```

## Options
None.

## Fix safety
No fix: the intended structure is not known.
"""

from collections.abc import Iterator

from jalint.frontmatter import FrontMatter
from jalint.rule import Finding, Rule


class FrontMatterSyntax(Rule):
    name = "front-matter-syntax"
    category = "front-matter"
    scope = "front_matter"
    severity = "error"

    def check(self, front_matter: FrontMatter, doc) -> Iterator[Finding]:  # noqa: ANN001
        problem = front_matter.problem
        if problem is not None:
            yield Finding(problem.span, problem.message)
