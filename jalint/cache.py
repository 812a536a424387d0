"""Per-file results cached by content, so unchanged posts are not linted again.

A cache key covers everything a file's findings depend on: the bytes of the
file, the path it is reported under (file-name rules such as date-mismatch),
the resolved rules with their options and severities, each rule's outside
inputs (`Rule.context_key`, e.g. the site time zone from `_config.yml`), the
jalint version and a hash of jalint's own code (so an edited rule invalidates
old results during development). Never the modification time: CI checkouts
reset it.

Entries are small JSON files under `.jalint_cache/v1/`, written through a
temporary file and `os.replace`, so concurrent runs (pre-commit runs hooks in
parallel) never see half an entry; an unreadable entry is a miss.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jalint import __version__
from jalint.config import ActiveRule
from jalint.diagnostic import Diagnostic, FileResult, diagnostic_from_dict, diagnostic_to_dict
from jalint.digest import blake2b

# `json.dumps`, never `json.dump`: writing to a file goes through the pure-Python encoder (the C one is
# only used for a whole string), which made writing the cache a visible share of a cold run.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

CACHE_DIR_NAME = ".jalint_cache"
FORMAT = "v1"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of jalint's engine and rule sources (and data packs)."""
    import jalint
    import jalint.rules

    digest = blake2b(__version__.encode(), digest_size=16)
    for package in (jalint, jalint.rules):
        folder = Path(package.__file__).parent
        for file in sorted(folder.rglob("*")):
            if file.suffix in (".py", ".toml", ".txt") and "__pycache__" not in file.parts:
                digest.update(file.name.encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def rules_fingerprint(active: dict[str, ActiveRule], path: Path | None) -> str:
    """The resolved rule set: names, severities, options and outside inputs."""
    parts = []
    for name, rule in sorted(active.items()):
        parts.append(f"{name}|{rule.severity}|{rule.rule.options!r}|{rule.rule.context_key(path)}")
    return blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


class Cache:
    """A folder of cache entries; `None` folder means caching is off."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / FORMAT if folder is not None else None
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, display: str, data: bytes, active: dict[str, ActiveRule], path: Path | None) -> str:
        digest = blake2b(digest_size=20)
        for part in (code_fingerprint(), rules_fingerprint(active, path), display):
            digest.update(part.encode())
            digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        if self.folder is None:
            return None
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            result = FileResult(
                data["path"],
                [diagnostic_from_dict(d) for d in data["diagnostics"]],
                summaries=data.get("summaries", {}),
            )
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        if self.folder is None:
            return
        entry = self._entry(key)
        payload: dict[str, Any] = {
            "path": result.path,
            "diagnostics": [diagnostic_to_dict(d) for d in result.diagnostics],
            "summaries": result.summaries,
        }
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _ensure_gitignore(self.folder.parent)
            fd, temporary = _new_temporary(entry.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_encode(payload))
            os.replace(temporary, entry)
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache


    def corpus_key(self, rules: list[ActiveRule], targets: list[str], results: list[FileResult]) -> str | None:
        """Key of a corpus phase: its rules, the files reported on, and the cache key of every file it reads.

        None when some file has no cache key (caching off, or read from standard input).
        """
        if self.folder is None or any(not r.cache_key for r in results):
            return None
        digest = blake2b(b"corpus\0" + code_fingerprint().encode(), digest_size=20)
        for rule in rules:
            digest.update(f"{rule.name}|{rule.severity}|{rule.rule.options!r}\0".encode())
        for name in sorted(targets):
            digest.update(f"target|{name}\0".encode())
        for key in sorted(r.cache_key for r in results):
            digest.update(key.encode())
        return digest.hexdigest()

    def get_corpus(self, key: str) -> list[Diagnostic] | None:
        """The corpus findings stored under `key`; None on a miss (or an unreadable entry)."""
        if self.folder is None:
            return None
        try:
            data = json.loads((self.folder / "corpus" / f"{key}.json").read_text(encoding="utf-8"))
            return [diagnostic_from_dict(d) for d in data["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_corpus(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Store a corpus phase's findings; only the latest is kept (each run of a repository replaces it)."""
        if self.folder is None:
            return
        folder = self.folder / "corpus"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _ensure_gitignore(self.folder.parent)
            fd, temporary = _new_temporary(folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_encode({"diagnostics": [diagnostic_to_dict(d) for d in diagnostics]}))
            for old in folder.glob("*.json"):
                old.unlink(missing_ok=True)
            os.replace(temporary, folder / f"{key}.json")
        except OSError:
            pass


def _new_temporary(folder: Path) -> tuple[int, str]:
    """A new private file in `folder` for an atomic write, as `tempfile.mkstemp` makes one.

    Not `tempfile` itself: importing it pulls in shutil, bz2, lzma and zlib
    (about 3 ms of every cached pre-commit run's start-up) for one `os.open`.
    """
    while True:
        name = folder / f".entry.{os.getpid()}.{os.urandom(6).hex()}"
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(name)
        except FileExistsError:
            continue


def _ensure_gitignore(folder: Path) -> None:
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# Created by jalint: the cache is local to this machine.\n*\n", encoding="utf-8")


def default_cache_folder(root: Path) -> Path:
    override = os.environ.get("JALINT_CACHE_DIR")
    return Path(override) if override else root / CACHE_DIR_NAME


def clean(folder: Path) -> bool:
    """Remove the cache folder; True when there was one."""
    if not folder.exists():
        return False
    import shutil  # deferred: only `jalint clean` removes the folder

    shutil.rmtree(folder)
    return True
