"""Names the command line needs before it runs anything, and suggestions for a mistyped one.

They live apart from the modules that use them so that `jalint --version`,
`--help` and `explain` can build the command line without importing the
engine, the reporters or any rule (issue 9: start-up).
"""

from __future__ import annotations


FORMATS = ("text", "concise", "json", "github", "sarif", "rdjson")
SEVERITIES = ("error", "warning", "info")
TOO_LARGE_RULE = "file-too-large"  # the engine reports it; the report leaves such files unread
BASELINE_NAME = ".jalint-baseline.json"


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """` Did you mean 'x'?` for the closest choice, or "" when none is close."""
    import difflib  # deferred: only a misspelt name needs it

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""
