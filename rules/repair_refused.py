"""## What it finds
A repair that `--fix --unsafe-fixes` did not apply because it would have lost a
sentence: after it, some sentence of the post would no longer stand anywhere in
the post, neither itself nor as the start of a longer sentence. The finding
stands at the place of the refused repair and names the sentence.

## Why it matters
The structural repairs delete and move whole paragraphs and sections of a
generated post. They are meant to remove only what the post says twice; a
wrong judgement would silently delete what it says once. jalint checks every
repair against that promise before writing, and reports instead of writing
when it does not hold.

## Example
A merged paragraph whose "repeated" sentence differs from the earlier one in a
word the copy analysis ignores, so deleting it would lose that wording.

## Use instead
Read the two places named by the original finding and edit by hand; the rest
of the post's repairs were applied.

## Options
None.

## Fix safety
No fix.
"""

from jalint.rule import Rule


class RepairRefused(Rule):
    name = "repair-refused"
    category = "engine"
    scope = "engine"
    severity = "error"
