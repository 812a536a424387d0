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
"""

from __future__ import annotations

import marshal
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

_FORMAT = 1


def _store_for(path: Path) -> Path:
    tag = sys.implementation.cache_tag or "python"
    return path.parent / "__pycache__" / f"{path.stem}.{tag}.marshal"


def load_toml(path: Path) -> dict[str, Any]:
    """The TOML file at `path`, from its stored parse when that is current."""
    stat = path.stat()
    stamp = (_FORMAT, stat.st_size, stat.st_mtime_ns)
    store = _store_for(path)
    try:
        recorded, data = marshal.loads(store.read_bytes())
        if recorded == stamp and isinstance(data, dict):
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if not sys.dont_write_bytecode:
        _write(store, stamp, data)
    return data


def _write(store: Path, stamp: tuple[int, int, int], data: dict[str, Any]) -> None:
    try:
        payload = marshal.dumps((stamp, data))
    except ValueError:  # a TOML date or time: not storable, parse it every time
        return
    temporary = store.with_name(f"{store.name}.{os.getpid()}.tmp")
    try:
        store.parent.mkdir(exist_ok=True)
        temporary.write_bytes(payload)
        os.replace(temporary, store)
    except OSError:  # a read-only install
        temporary.unlink(missing_ok=True)
