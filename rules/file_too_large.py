"""## What it finds
A file larger than the limits (`max-bytes`, 10 MB, and `max-lines`, 100,000
lines, by default). jalint reports it once, at line 1, and does not lint it.

## Why it matters
A generated post is a few dozen kilobytes; a file of tens of megabytes in the
posts folder is a dump, a log or a generator gone into a loop. Linting it would
cost minutes and gigabytes of memory in every pre-commit run and CI job, and
its findings would bury everything else. Below the limit every rule runs in
time linear in the file's size (docs/reliability.md gives the measured slopes),
so the limits are about what is worth reading, not a guard against a hang: a
million one-word lines (3 MB) would still take half a minute and a gigabyte of
memory, for nothing anyone will read.

## Example
A 50 MB `_posts/2025-01-01-export.md` written by a broken export script, or a
post in which a generator printed one word per line a million times.

## Use instead
Split the file, remove it from the posts folder, or raise the limit for it in
an `[[overrides]]` entry. Turning the rule off removes both limits.

## Options
`max-bytes`: the largest file, in bytes, that is linted (default 10,000,000).
`max-lines`: the most lines a linted file may have (default 100,000; the
largest of 800 real generated posts has under 2,000).

## Fix safety
No fix.
"""

from jalint.rule import option, Rule, RuleOptions


class Options(RuleOptions):
    max_bytes: int = option(10_000_000, "Largest file, in bytes, that is linted; larger files get this one finding.")
    max_lines: int = option(100_000, "Most lines a linted file may have; longer files get this one finding.")


class FileTooLarge(Rule[Options]):
    name = "file-too-large"
    category = "engine"
    scope = "engine"
    severity = "error"
    Options = Options
