"""Linting an editor's document: the text as the editor holds it, the config of the file's folder.

Kept apart from the protocol (jalint.server.app) so it can be used and tested
without a client: it turns (path, text) into jalint's own results and knows
nothing of LSP. The config resolver lives as long as the server and is
replaced when a config file changes, like a fresh `jalint check` would see it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import NamedTuple

from jalint.config import ConfigError, Layer
from jalint.diagnostic import Diagnostic, FileResult
from jalint.engine import lint_decoded
from jalint.fixes import fix_until_stable
from jalint.runner import ConfigResolver
from jalint.source import Source, decode, encode


class Linted(NamedTuple):
    """One lint of one version of a document."""

    result: FileResult | None  # None when the config could not be read
    source: Source | None
    config_error: ConfigError | None = None


class DocumentLinter:
    """Lints documents by path and text with the config jalint would use for that path."""

    def __init__(self, cli: Layer | None = None) -> None:
        self._cli = cli or Layer()
        self._resolver = ConfigResolver(None, self._cli)

    def reload_config(self) -> None:
        """Forget every config read so far: the next lint reads them again."""
        self._resolver = ConfigResolver(None, self._cli)

    def lint(self, path: Path, text: str) -> Linted:
        try:
            config = self._resolver.for_folder(path.parent)
            active = config.active_rules(path)
        except ConfigError as error:
            return Linted(None, None, error)
        decoded = decode(path.as_posix(), text.encode("utf-8", "surrogatepass"))
        if not isinstance(decoded, Source):  # not text jalint can read: the engine's finding says why
            return Linted(lint_decoded(path.as_posix(), decoded, active), None)
        return Linted(lint_decoded(path.as_posix(), decoded, active), decoded)

    def fix_all(self, path: Path, text: str, unsafe: bool = False) -> str | None:
        """The document with every safe fix applied (as `jalint check --fix`), or None when nothing changes."""
        try:
            config = self._resolver.for_folder(path.parent)
            active = config.active_rules(path)
        except ConfigError:
            return None
        decoded = decode(path.as_posix(), text.encode("utf-8", "surrogatepass"))
        if not isinstance(decoded, Source):
            return None

        def lint(current: str) -> list[Diagnostic]:
            return lint_decoded(path.as_posix(), Source(decoded.path, current, decoded.bom, decoded.newline),
                                active).diagnostics

        verified = frozenset(name for name, rule in active.items() if rule.rule.fix_keeps_every_sentence)
        fixed, _ = fix_until_stable(decoded.text, lint, unsafe, decoded.newline, verified, Counter())
        if fixed == decoded.text:
            return None
        return encode(decoded, fixed).decode("utf-8")
