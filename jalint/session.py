"""One run of the checker: find the files, lint them (cached, in parallel), then the corpus phase.

The CLI commands (`check`, `baseline create`, `baseline prune`) share this, so
a baseline is made from exactly what `check` would report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jalint.cache import Cache, default_cache_folder
from jalint.config import ActiveRule, Layer
from jalint.corpus import run_corpus_rules
from jalint.diagnostic import SEVERITY_RANK, FileResult
from jalint.execution import run_targets
from jalint.runner import ConfigResolver, Discovery, RunError, RunRequest, Target, discover


@dataclass
class Options:
    paths: tuple[str, ...]
    cli: Layer
    config_path: Path | None = None
    stdin_filename: str | None = None
    request: RunRequest = field(default_factory=RunRequest)
    jobs: int = 1
    use_cache: bool = True
    corpus: tuple[str, ...] = ()
    fail_level: str | None = None


@dataclass
class Collected:
    found: Discovery
    results: list[FileResult]
    errors: list[RunError]
    fail_rank: dict[str, int]
    cache: Cache

    @property
    def stdin_results(self) -> list[FileResult]:
        stdin_names = {t.display for t in self.found.targets if t.path is None}
        return [r for r in self.results if r.path in stdin_names]


def collect(
    options: Options, read_stdin: Callable[[], bytes], advance: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Collected:
    """Raises ConfigError for configuration problems; everything else is in the result."""
    resolver = ConfigResolver(options.config_path, options.cli)
    found = discover(options.paths, resolver, options.stdin_filename)
    targets = found.targets
    stdin_bytes = read_stdin() if any(t.path is None for t in targets) else None
    cache = Cache(_cache_folder(targets, options) if options.use_cache else None)
    context = _corpus_context(targets, resolver, options)
    if on_total:
        on_total(len(targets) + len(context))
    outcome = run_targets(targets, options.request, cache, options.jobs, stdin_bytes, advance)
    results = outcome.results
    errors = list(found.errors) + outcome.errors
    corpus_rules = _corpus_rules(targets)
    if corpus_rules and (len(targets) > 1 or context):
        background = run_targets(context, RunRequest(), cache, options.jobs, None, advance).results if context else []
        _add_corpus_findings(results, background, corpus_rules, targets, cache)
    fail_rank = {
        t.display: SEVERITY_RANK[options.fail_level or t.config.fail_level] for t in targets
    }
    return Collected(found, results, errors, fail_rank, cache)


def _cache_folder(targets: list[Target], options: Options) -> Path:
    config = targets[0].config if targets else None
    root = config.path.parent if config is not None and config.path is not None else Path.cwd()
    return default_cache_folder(root)


def _corpus_context(targets: list[Target], resolver: ConfigResolver, options: Options) -> list[Target]:
    """Posts that corpus rules compare against without reporting on them (`--corpus`, config `corpus`)."""
    folders = [str(p) for p in options.corpus]
    for target in targets:
        folders.extend(str(p) for p in target.config.corpus)
    if not folders:
        return []
    seen = {t.path.resolve() for t in targets if t.path is not None}
    context = []
    for target in discover(tuple(dict.fromkeys(folders)), resolver, None).targets:
        if target.path is not None and target.path.resolve() not in seen:
            seen.add(target.path.resolve())
            context.append(target)
    return context


def _corpus_rules(targets: list[Target]) -> dict[str, ActiveRule]:
    rules: dict[str, ActiveRule] = {}
    for target in targets:
        for name, rule in target.config.active_rules(target.path or Path(target.display)).items():
            if rule.rule.scope == "corpus":
                rules.setdefault(name, rule)
    return rules


def _add_corpus_findings(
    results: list[FileResult], background: list[FileResult], rules: dict[str, ActiveRule], targets: list[Target],
    cache: Cache,
) -> None:
    by_path = {r.path: r for r in results}
    target_names = {t.display for t in targets}
    active_for = {t.display: t.config.active_rules(t.path or Path(t.display)) for t in targets}
    # When no file changed, neither did the corpus findings: a warm run reads them back
    # instead of comparing every post with every other again.
    key = cache.corpus_key(list(rules.values()), list(target_names), results + background)
    found = cache.get_corpus(key) if key else None
    if found is None:
        found = list(run_corpus_rules(rules.values(), results + background, target_names, _line_reader(targets)))
        if key:
            cache.put_corpus(key, found)
    for diagnostic in found:
        file_rules = active_for.get(diagnostic.path, {})
        if diagnostic.rule in file_rules and diagnostic.path in by_path:
            severity = file_rules[diagnostic.rule].severity
            by_path[diagnostic.path].diagnostics.append(
                diagnostic if diagnostic.severity == severity else _with_severity(diagnostic, severity)
            )
    for result in results:
        result.diagnostics.sort(key=lambda d: d.sort_key)


def _line_reader(targets: list[Target]):  # noqa: ANN202
    """Lines of target files for corpus findings' carets, read only when needed.

    Only the last file read is kept: `run_corpus_rules` asks file by file.
    """
    paths = {t.display: t.path for t in targets if t.path is not None}
    current: list = [None, []]  # display name, its lines

    def line(display: str, number: int) -> str:
        if current[0] != display:
            try:
                lines = paths[display].read_text(encoding="utf-8-sig").splitlines()
            except (KeyError, OSError, UnicodeDecodeError):
                lines = []
            current[:] = [display, lines]
        lines = current[1]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    return line


def _with_severity(diagnostic, severity: str):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(diagnostic, severity=severity)
