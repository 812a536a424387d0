"""The HTML report (`jalint report`): one self-contained page for people who read findings, not fix them.

It is a client of the same run as `jalint check` (the CLI collects the findings;
this package only turns them into a page) or of that run's saved JSON output.
Both ways go through the JSON schema's finding dicts (`jalint.reporters.json_format`),
so a report built `--from` a file cannot drift from one built by running the checks.
The engine knows nothing of this package.
"""
