"""Regenerate the README rule table: `python -m tests.update_readme`."""

import re
from pathlib import Path

from jalint.cli import rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"

text = README.read_text(encoding="utf-8")
text = re.sub(
    r"(<!-- rules-table:start -->\n).*?(<!-- rules-table:end -->)",
    lambda m: m.group(1) + rules_markdown() + "\n" + m.group(2),
    text,
    flags=re.DOTALL,
)
README.write_text(text, encoding="utf-8")
