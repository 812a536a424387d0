"""Linting an editor's document: the text as the editor holds it, the config of the file's folder.

Kept apart from the protocol (jalint.server.app) so it can be used and tested
without a client: it turns (path, text) into jalint's own results and knows
nothing of LSP. The config resolver lives as long as the server and is
replaced when a config file changes, like a fresh `jalint check` would see it.

Corpus rules (cross-post-duplicate, duplicate-title, …) compare the document
with the posts of the config's `corpus` folders, as a pre-commit run on one
file does: their summaries come from jalint's cache (linted once, then read
back), kept in memory until the config changes; the document's own summary is
made from the text in the editor.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from jalint.cache import Cache, default_cache_folder
from jalint.config import ActiveRule, Config, ConfigError, Layer
from jalint.corpus import run_corpus_rules
from jalint.diagnostic import Diagnostic, FileResult
from jalint.engine import lint_decoded, too_large
from jalint.execution import run_targets
from jalint.fixes import fix_until_stable
from jalint.runner import ConfigResolver, RunRequest, discover
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
        self._corpora: dict[tuple[Path, ...], list[FileResult]] = {}
        self._corpus_lock = threading.Lock()  # lints run in worker threads; the run of a corpus is not reentrant

    def reload_config(self) -> None:
        """Forget every config (and corpus) read so far: the next lint reads them again."""
        self._resolver = ConfigResolver(None, self._cli)
        self._corpora.clear()

    def _rules_for(self, path: Path) -> tuple[Config, dict[str, ActiveRule]]:
        """The config of `path`'s folder and the rules it turns on (raises ConfigError)."""
        config = self._resolver.for_folder(path.parent)
        return config, config.active_rules(path)

    def lint(self, path: Path, text: str) -> Linted:
        try:
            config, active = self._rules_for(path)
        except ConfigError as error:
            return Linted(None, None, error)
        data = text.encode("utf-8", "surrogatepass")
        oversized = too_large(path.as_posix(), len(data), active, data)
        if oversized is not None:
            return Linted(oversized, None)
        decoded = decode(path.as_posix(), data)
        if not isinstance(decoded, Source):  # not text jalint can read: the engine's finding says why
            return Linted(lint_decoded(path.as_posix(), decoded, active), None)
        result = lint_decoded(path.as_posix(), decoded, active)
        corpus_rules = {name: rule for name, rule in active.items() if rule.rule.scope == "corpus"}
        if corpus_rules and config.corpus:
            self._add_corpus_findings(result, decoded.text, config, corpus_rules)
        return Linted(result, decoded)

    def _add_corpus_findings(self, result: FileResult, text: str, config: Config,
                             rules: dict[str, ActiveRule]) -> None:
        own = Path(result.path).resolve()
        others = [r for r in self._corpus(config) if Path(r.path).resolve() != own]
        lines = text.split("\n")

        def line_of(path: str, number: int) -> str:
            return lines[number - 1] if path == result.path and 0 < number <= len(lines) else ""

        for diagnostic in run_corpus_rules(rules.values(), [result, *others], {result.path}, line_of):
            severity = rules[diagnostic.rule].severity
            if diagnostic.severity != severity:
                diagnostic = replace(diagnostic, severity=severity)
            result.diagnostics.append(diagnostic)
        result.diagnostics.sort(key=lambda d: d.sort_key)

    def _corpus(self, config: Config) -> list[FileResult]:
        """The results (with summaries) of the posts in the config's corpus folders, from jalint's cache."""
        key = tuple(config.corpus)
        with self._corpus_lock:
            if key not in self._corpora:
                targets = discover(tuple(str(folder.resolve()) for folder in key), self._resolver, None).targets
                cache = Cache(default_cache_folder(config.path.parent if config.path else config.root))
                self._corpora[key] = run_targets(targets, RunRequest(), cache, jobs=1).results
            return self._corpora[key]

    def fix_all(self, path: Path, text: str, unsafe: bool = False) -> str | None:
        """The document with every safe fix applied (as `jalint check --fix`), or None when nothing changes."""
        try:
            _, active = self._rules_for(path)
        except ConfigError:
            return None
        data = text.encode("utf-8", "surrogatepass")
        if too_large(path.as_posix(), len(data), active, data) is not None:
            return None
        decoded = decode(path.as_posix(), data)
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
