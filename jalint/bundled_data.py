"""The rules' bundled word lists (`rules/*.toml`), parsed once per install rather than once per run.

Why: `tomllib` parses in Python, and the packs a run with the prose rules reads
(about 115 kB: phrase lists, statistic cues, tag words) cost it 20-25 ms, more
than tagging a short post. A parsed pack is stored beside its file the way
Python stores bytecode: `__pycache__/<name>.<cache tag>.marshal`, valid while
the file's size and modification time are those recorded, rewritten when they
change. Reading a stored pack is a `marshal.loads`, under a millisecond.

As with bytecode, nothing is written under `PYTHONDONTWRITEBYTECODE` / `-B` or
where the folder is read-only, a damaged or stale store is ignored and
replaced, and a pack holding values `marshal` cannot store (TOML dates) is
simply parsed every time.

What a rule derives from a pack at some cost (generation-leftover's prefilter
strings, read from every regex's parse tree) is stored the same way with
`load_derived`, valid while both the pack and the code that derives it are
unchanged.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jalint import marshal_store

_FORMAT = 1


def _store_for(path: Path, derived: str = "") -> Path:
    tag = sys.implementation.cache_tag or "python"
    name = f"{path.stem}.{derived}" if derived else path.stem
    return path.parent / "__pycache__" / f"{name}.{tag}.marshal"


def _stamp(*paths: Path) -> tuple[int, ...]:
    stamp = [_FORMAT]
    for path in paths:
        stat = path.stat()
        stamp += [stat.st_size, stat.st_mtime_ns]
    return tuple(stamp)


def load_toml(path: Path) -> dict[str, Any]:
    """The TOML file at `path`, from its stored parse when that is current."""
    return _stored(_store_for(path), _stamp(path), lambda: _parse_toml(path), dict)


def _parse_toml(path: Path) -> dict[str, Any]:
    import tomllib  # deferred: read only when the stored parse is missing or stale

    return tomllib.loads(path.read_text(encoding="utf-8"))


def load_derived(path: Path, name: str, derive: Callable[[], Any], code: Path) -> Any:
    """What `derive` computes from the pack at `path`, stored under `name` while pack and `code` are unchanged.

    `code` is the source file of `derive`: editing how a value is derived makes
    the stored one stale, as editing the pack does.
    """
    return _stored(_store_for(path, name), _stamp(path, code), derive, object)


def _stored(store: Path, stamp: tuple[int, ...], compute: Callable[[], Any], kind: type) -> Any:
    data = marshal_store.read(store, stamp)
    if data is not marshal_store.MISSING and isinstance(data, kind):
        return data
    data = compute()
    if not sys.dont_write_bytecode:
        marshal_store.write(store, stamp, data)  # a TOML date is not storable: parsed every time
    return data
