"""## What it finds
A file that is not UTF-8 text: Shift_JIS, EUC-JP or UTF-16 text, invalid UTF-8
byte sequences, or binary data.

## Why it matters
Static site generators read posts as UTF-8. A Shift_JIS post renders as
mojibake, and a binary file in the posts folder is usually an accident. jalint
does not guess encodings: it reports the file instead of skipping it silently.

## Example
A post saved by an old editor in Shift_JIS (the bytes `82 a0` for 「あ」).

## Use instead
Save the file as UTF-8 (a BOM and CRLF line endings are accepted).

## Options
None.

## Fix safety
No fix: re-encoding needs a human to confirm the original encoding.
"""

from jalint.rule import Rule


class Encoding(Rule):
    name = "encoding"
    category = "engine"
    scope = "engine"
    severity = "error"
