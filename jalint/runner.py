"""Finding the files to check, resolving their config, and checking or fixing each.

The runner never raises for a bad file: I/O problems become `RunError`s (the
CLI prints them and exits 2), undecodable text becomes an `encoding` finding.
"""

from __future__ import annotations

from collections import Counter

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from jalint.config import Config, Layer, find_config_file, load_config
from jalint.diagnostic import Diagnostic, FileResult
from jalint.engine import lint_decoded, too_large
from jalint.fixes import fix_until_stable, unified_diff, write_atomically
from jalint.globs import matches
from jalint.source import Source, decode, encode

STDIN = "-"


class Target(NamedTuple):
    """One file to check: where to read it, how to name it, which config applies."""

    path: Path | None  # None: standard input
    display: str
    config: Config


@dataclass
class RunError:
    path: str
    message: str


@dataclass
class RunRequest:
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False


@dataclass
class Discovery:
    targets: list[Target] = field(default_factory=list)
    errors: list[RunError] = field(default_factory=list)
    searched_folders: list[str] = field(default_factory=list)


class ConfigResolver:
    """Caches the config for each folder: the `--config` file, or the nearest one.

    The folder -> config-file lookups are cached on the resolver, not per process:
    a process that runs several checks (tests, an editor integration) must see a
    `.jalint.toml` created or deleted between runs.
    """

    def __init__(self, explicit: Path | None, cli: Layer) -> None:
        self.cli = cli
        self._explicit = self._load(explicit, explicit.parent if explicit else Path.cwd()) if explicit else None
        self._by_file: dict[Path | None, Config] = {}
        self._nearest: dict[Path, Path | None] = {}

    def _load(self, path: Path | None, root: Path) -> Config:
        config = load_config(path, root)
        config.cli = self.cli
        return config

    def for_folder(self, folder: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        folder = folder.resolve()
        if folder not in self._nearest:
            self._nearest[folder] = find_config_file(folder)
        found = self._nearest[folder]
        if found not in self._by_file:
            self._by_file[found] = self._load(found, found.parent if found else Path.cwd())
        return self._by_file[found]


def display_path(path: Path) -> str:
    return path.as_posix()


def discover(paths: tuple[str, ...], resolver: ConfigResolver, stdin_filename: str | None) -> Discovery:
    found = Discovery()
    seen: set[Path] = set()
    for raw in paths or (".",):
        if raw == STDIN:
            named = Path(stdin_filename) if stdin_filename else None
            config = resolver.for_folder(named.parent if named else Path.cwd())
            found.targets.append(Target(None, stdin_filename or STDIN, config))
            continue
        try:
            _discover_path(raw, resolver, found, seen)
        except OSError as error:
            # e.g. a name too long or a loop of symlinks: report the path, go on with the rest.
            found.errors.append(RunError(raw, f"cannot read: {error.strerror or error}"))
    return found


def _discover_path(raw: str, resolver: ConfigResolver, found: Discovery, seen: set[Path]) -> None:
    path = Path(raw)
    if path.is_dir():
        found.searched_folders.append(raw)
        for file in _walk(path, resolver, found.errors):
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.targets.append(Target(file, display_path(file), resolver.for_folder(file.parent)))
    elif path.exists():
        config = resolver.for_folder(path.parent)
        if config.is_excluded(path) or path.resolve() in seen:
            return
        seen.add(path.resolve())
        found.targets.append(Target(path, display_path(path), config))
    else:
        found.errors.append(RunError(raw, "no such file or folder"))


def _is_excluded_folder(config: Config, folder: Path) -> bool:
    """Match a folder as `relative/`, so patterns such as `node_modules/` prune it.

    Without the trailing slash `node_modules/` matches only the files inside, and
    the walk would still descend into every excluded tree (and read any config
    file found there).
    """
    return matches(config.relative(folder) + "/", config.exclude)


def _walk(root: Path, resolver: ConfigResolver, errors: list[RunError]) -> list[Path]:
    """Files to check under `root`; unreadable folders become errors, not silent gaps."""

    def unreadable(error: OSError) -> None:
        where = display_path(Path(error.filename or root))
        errors.append(RunError(where, f"cannot read: {error.strerror or error}"))

    files = []
    for folder, subfolders, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        config = resolver.for_folder(here)
        subfolders[:] = sorted(d for d in subfolders if not _is_excluded_folder(config, here / d))
        for name in sorted(names):
            file = here / name
            relative = config.relative(file)
            if matches(relative, config.include) and not config.is_excluded(file) and _is_regular(file):
                files.append(file)
    return files


def _is_regular(file: Path) -> bool:
    """Skip FIFOs, sockets and devices named `*.md` (reading a FIFO blocks the run).

    A broken link is kept, so that reading it reports the error instead of hiding it.
    """
    try:
        return file.is_file() or not file.exists()
    except OSError:
        return False


def read_target(target: Target, stdin_bytes: bytes | None) -> bytes | RunError:
    if target.path is None:
        return stdin_bytes or b""
    try:
        return target.path.read_bytes()
    except OSError as error:
        return RunError(target.display, f"cannot read: {error.strerror or error}")


def check_target(target: Target, data: bytes, request: RunRequest) -> FileResult:
    """Lint (and with `request.fix`/`diff`, fix) one file's bytes.

    With `--fix` on standard input, `fixed_bytes` is always set, to the input
    itself when nothing was fixed: a filter such as `jalint check --fix - < a.md
    > b.md` must never produce an empty file.
    """
    active = target.config.active_rules(target.path or Path(target.display))
    oversized = too_large(target.display, len(data), active, data)
    if oversized is not None:
        if request.fix and not request.diff and target.path is None:
            oversized.fixed_bytes = data  # a filter passes what it does not lint through unchanged
        return oversized
    decoded = decode(target.display, data)
    echo_stdin = request.fix and not request.diff and target.path is None
    if not (request.fix or request.diff) or not isinstance(decoded, Source):
        result = lint_decoded(target.display, decoded, active)
        if echo_stdin:
            result.fixed_bytes = data
        return result

    last: list[FileResult] = []

    def lint(text: str) -> list[Diagnostic]:
        source = Source(decoded.path, text, decoded.bom, decoded.newline)
        last[:] = [lint_decoded(target.display, source, active)]
        return last[0].diagnostics

    verified = frozenset(name for name, rule in active.items() if rule.rule.fix_keeps_every_sentence)
    applied: Counter = Counter()
    fixed_text, remaining = fix_until_stable(decoded.text, lint, request.unsafe_fixes, decoded.newline, verified,
                                             applied)
    result = FileResult(target.display, remaining, summaries=last[0].summaries if last else {},
                        repaired=dict(applied))
    if fixed_text == decoded.text:
        if echo_stdin:
            result.fixed_bytes = data
        return result
    if request.diff:
        result.diff = unified_diff(target.display, decoded.text, fixed_text)
        # --diff reports what would remain unfixed, like a dry run of --fix.
        return result
    result.fixed = True
    result.fixed_bytes = encode(decoded, fixed_text)
    if target.path is not None:
        write_atomically(target.path, result.fixed_bytes)
    return result
