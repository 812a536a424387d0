"""jalint: a text-quality linter for long-form Japanese Markdown articles."""

__version__ = "0.1.0"
