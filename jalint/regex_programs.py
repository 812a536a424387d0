"""Compiled regular-expression programs kept between runs, as Python keeps bytecode in `__pycache__`.

Why: `re` parses and compiles every pattern in Python, and a class over the CJK
range (`[一-龥]`) alone costs a millisecond. A one-post `check` with the prose
rules compiles about 500 patterns (the rules' phrase packs and character
classes, markdown-it's and PyYAML's own): 130 of its 550 ms, the largest single
cost of a pre-commit run. A compiled program depends only on the pattern's text,
its flags and the Python build, so it can be stored like bytecode: `load()` puts
the stored programs into `re`'s own cache before anything compiles, so every
`re.compile` of a stored pattern (ours or a library's) is a dictionary hit;
`save()` stores the programs of patterns this run compiled that were not stored.

How it stays safe:
- The file names the Python build (`sys.version`, `_sre.MAGIC`, `_sre.CODESIZE`);
  another build ignores it and writes its own.
- Reading never fails a run: a missing, truncated or foreign file, or an entry
  the engine refuses, means `re` compiles as it always does.
- Written only where Python would write bytecode (not under
  `PYTHONDONTWRITEBYTECODE` or `-B`; `JALINT_NO_REGEX_CACHE=1` turns both load
  and save off), into the package's own `__pycache__` (or the file
  `JALINT_REGEX_PROGRAMS` names), through a temporary file and an atomic
  rename, so concurrent runs read the old file or the new one.
- It uses two internals of CPython's `re` that have kept their shape from 3.11
  to 3.13: the module cache `re._cache` and `_sre.compile`, the entry point
  `re` itself ends in. Where either is missing, `load` and `save` do nothing.
  tests/test_regex_programs.py checks a stored pattern matches exactly as a
  freshly compiled one.
- A pattern a library builds from a set (markdown-it's inline terminators) is
  spelled in another order in every process, since string hashing is salted
  per process. Storing each spelling would rewrite the file on every run and
  grow it until every load paid for thousands of dead entries; so a new
  pattern that is a reordering of a stored one is compiled as usual and not
  stored (such patterns are character classes: cheap to compile).
"""

from __future__ import annotations

import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

from jalint import marshal_store

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python implementation: nothing to store
    _sre = None  # type: ignore[assignment]

# At most this many programs are kept: runs with other rules or config patterns add
# theirs, and a file past the limit starts again from the patterns of the run saving it.
MAX_PROGRAMS = 3000
_FORMAT = 2  # 2: stores written before reorderings were refused hold hundreds of them

_loaded: set[tuple[Any, ...]] = set()
_stored: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _enabled() -> bool:
    return (_sre is not None and isinstance(getattr(re, "_cache", None), dict)
            and not os.environ.get("JALINT_NO_REGEX_CACHE"))


def _build_tag() -> str:
    return f"{_FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"


def store_path() -> Path:
    """`jalint/__pycache__/regex-programs.<cache tag>.bin`, beside the package's bytecode.

    `JALINT_REGEX_PROGRAMS` names another file (tests; an install whose package folder is read-only).
    """
    override = os.environ.get("JALINT_REGEX_PROGRAMS")
    if override:
        return Path(override)
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).resolve().parent / "__pycache__" / f"regex-programs.{tag}.bin"


def load() -> int:
    """Put the stored programs into `re`'s cache; returns how many (0 when there is nothing usable)."""
    if not _enabled() or _loaded:
        return 0
    # `re` keeps 512 patterns and drops the oldest past that; a run with the prose rules compiles more, so
    # some would be gone before `save()` and compiled (and stored) a run later, rewriting the file each time.
    if isinstance(getattr(re, "_MAXCACHE", None), int) and re._MAXCACHE < MAX_PROGRAMS:
        re._MAXCACHE = MAX_PROGRAMS
    entries = marshal_store.read(store_path(), _build_tag())
    if not isinstance(entries, dict):
        return 0
    code_type = "I" if _sre.CODESIZE == 4 else "H"
    cache = re._cache
    try:
        for key, (flags, code, groups, groupindex, indexgroup) in entries.items():
            kind, pattern, given_flags = key
            cache[(str if kind == "s" else bytes), pattern, given_flags] = _sre.compile(
                pattern, flags, array(code_type, code).tolist(), groups, groupindex, indexgroup)
            _loaded.add(key)
    except Exception:  # noqa: BLE001 - a foreign or damaged entry: undo and let `re` compile as usual
        for kind, pattern, given_flags in _loaded:
            cache.pop(((str if kind == "s" else bytes), pattern, given_flags), None)
        _loaded.clear()
        return 0
    _stored.update(entries)
    return len(_loaded)


def save() -> int:
    """Store the programs of patterns compiled since `load()` that are not stored yet; returns how many."""
    if not _enabled() or sys.dont_write_bytecode:
        return 0
    new: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for (pattern_type, pattern, flags) in list(re._cache):
        key = ("s" if pattern_type is str else "b", pattern, flags)
        if key in _loaded or key in _stored or flags & re.DEBUG:
            continue
        program = _program(pattern, flags)
        if program is not None:
            new[key] = program
    if new:
        spellings = {_letters(key) for key in _stored}
        new = {key: program for key, program in new.items() if _letters(key) not in spellings}
    if not new:
        return 0
    entries = dict(_stored) if len(_stored) + len(new) <= MAX_PROGRAMS else {}
    entries.update(new)
    if not marshal_store.write(store_path(), _build_tag(), entries):
        return 0  # a read-only install: run as before, uncached
    _stored.update(new)
    return len(new)


def _letters(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """A stored key with its pattern's characters sorted: equal for two orderings of one set."""
    kind, pattern, flags = key
    return kind, flags, "".join(sorted(pattern)) if isinstance(pattern, str) else bytes(sorted(pattern))


def _program(pattern: str | bytes, flags: int) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` hands to `_sre.compile` for this pattern, in storable form."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
    except Exception:  # noqa: BLE001 - whatever `re` itself would raise was raised when it compiled
        return None
    groupindex = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code_type = "I" if _sre.CODESIZE == 4 else "H"
    return (int(flags | parsed.state.flags), array(code_type, code).tobytes(), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))
