"""Finding the files to check, resolving their config, and checking or fixing each.

The runner never raises for a bad file: I/O problems become `RunError`s (the
CLI prints them and exits 2), undecodable text becomes an `encoding` finding.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jalint.config import Config, Layer, find_config_file, load_config
from jalint.diagnostic import Diagnostic, FileResult
from jalint.engine import lint_decoded
from jalint.fixes import fix_until_stable, unified_diff, write_atomically
from jalint.globs import matches
from jalint.source import Source, decode, encode

STDIN = "-"


@dataclass(frozen=True)
class Target:
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
    """Caches the config for each folder: the `--config` file, or the nearest one."""

    def __init__(self, explicit: Path | None, cli: Layer) -> None:
        self.cli = cli
        self._explicit = self._load(explicit, explicit.parent if explicit else Path.cwd()) if explicit else None
        self._by_file: dict[Path | None, Config] = {}

    def _load(self, path: Path | None, root: Path) -> Config:
        config = load_config(path, root)
        config.cli = self.cli
        return config

    def for_folder(self, folder: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        found = _nearest_config(folder.resolve())
        if found not in self._by_file:
            self._by_file[found] = self._load(found, found.parent if found else Path.cwd())
        return self._by_file[found]


@lru_cache(maxsize=1024)
def _nearest_config(folder: Path) -> Path | None:
    return find_config_file(folder)


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
        path = Path(raw)
        if path.is_dir():
            found.searched_folders.append(raw)
            for file in _walk(path, resolver):
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    found.targets.append(Target(file, display_path(file), resolver.for_folder(file.parent)))
        elif path.exists():
            config = resolver.for_folder(path.parent)
            if config.is_excluded(path) or path.resolve() in seen:
                continue
            seen.add(path.resolve())
            found.targets.append(Target(path, display_path(path), config))
        else:
            found.errors.append(RunError(raw, "no such file or folder"))
    return found


def _walk(root: Path, resolver: ConfigResolver) -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(root, onerror=None):
        here = Path(folder)
        config = resolver.for_folder(here)
        subfolders[:] = sorted(d for d in subfolders if not config.is_excluded(here / d))
        for name in sorted(names):
            file = here / name
            relative = config.relative(file)
            if matches(relative, config.include) and not config.is_excluded(file):
                files.append(file)
    return files


def read_target(target: Target, stdin_bytes: bytes | None) -> bytes | RunError:
    if target.path is None:
        return stdin_bytes or b""
    try:
        return target.path.read_bytes()
    except OSError as error:
        return RunError(target.display, f"cannot read: {error.strerror or error}")


def check_target(target: Target, data: bytes, request: RunRequest) -> FileResult:
    """Lint (and with `request.fix`/`diff`, fix) one file's bytes."""
    active = target.config.active_rules(target.path or Path(target.display))
    decoded = decode(target.display, data)
    if not (request.fix or request.diff) or not isinstance(decoded, Source):
        return lint_decoded(target.display, decoded, active)

    def lint(text: str) -> list[Diagnostic]:
        source = Source(decoded.path, text, decoded.bom, decoded.newline)
        return lint_decoded(target.display, source, active).diagnostics

    fixed_text, remaining = fix_until_stable(decoded.text, lint, request.unsafe_fixes, decoded.newline)
    result = FileResult(target.display, remaining)
    if fixed_text == decoded.text:
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
