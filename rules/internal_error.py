"""## What it finds
A rule that crashed on this file. jalint reports the crash as a finding and goes
on with the other rules and files instead of stopping with a traceback.

## Why it matters
One bug in one rule must not hide every other finding in a CI run. The message
names the rule and the error so it can be reported.

## Example
Any input that triggers a bug in a rule.

## Use instead
Report the file and the message to the jalint maintainers; meanwhile ignore the
failing rule for that file with an `[[overrides]]` entry.

## Options
None.

## Fix safety
No fix.
"""

from jalint.rule import Rule


class InternalError(Rule):
    name = "internal-error"
    category = "engine"
    scope = "engine"
    severity = "error"
