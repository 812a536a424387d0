"""Compiled code of the methods `dataclasses` and `namedtuple` generate, kept between runs.

Why: on Python 3.11 `@dataclass` writes the source of `__init__`, `__repr__`,
`__eq__` (and, frozen, `__setattr__`, `__delattr__`, `__hash__`) and compiles
each with `exec`; `namedtuple` compiles its `__new__` with `eval`. A one-post
`check` with the prose rules builds about 30 dataclasses (jalint's and
markdown-it's) and 60 named tuples: 100 `exec` and 60 `eval` calls, about 15 ms
of a 300 ms run, spent compiling the same few lines of source every time. A code
object depends only on its source text, the compiler flags and the Python build,
and `marshal` stores it as `.pyc` files do; so `load()` makes those two modules
compile through a table of stored code objects, and `save()` stores the code
this run compiled that was not stored yet. `exec`/`eval` still run the code in
the caller's namespaces, so the classes built are the same.

How it stays safe:
- The file names the Python build (`sys.version`, the bytecode cache tag) and the
  optimisation level (`-O` changes the code of `assert`); another build ignores
  it and writes its own.
- The source is compiled as `exec`/`eval` would compile it from those modules:
  neither has a `from __future__` import, so `dont_inherit=True` (no flags of
  this module's own `from __future__ import annotations`), and the file name
  `<string>`.
- It hooks only the exact calls it knows: the module-level name `exec` in
  `dataclasses._create_fn`, `eval` in `collections.namedtuple` and `compile`
  in `typing.ForwardRef` (which a `NamedTuple` class calls for each field's
  string annotation under `from __future__ import annotations`: 336 compiles,
  4 ms of a one-post run, for 55 classes). Where a Python spells them
  otherwise, nothing is hooked and they compile as always.
- Reading never fails a run: a missing, truncated or foreign file means the
  source is compiled as usual. Written only where Python would write bytecode
  (not under `PYTHONDONTWRITEBYTECODE` or `-B`; `JALINT_NO_CODE_STORE=1` turns
  load and save off), into the package's own `__pycache__` (or the file
  `JALINT_CODE_STORE` names), through a temporary file and an atomic rename.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from jalint import marshal_store

MAX_ENTRIES = 2000  # a store past this starts again from the code of the run saving it
_FORMAT = 1

# Stored entries stay marshalled bytes until a class asks for them: reading 160 code objects at
# once costs about 4 ms, a lookup and one `marshal.loads` a few microseconds.
_stored: dict[tuple[str, str], bytes] = {}
_new: dict[tuple[str, str], CodeType] = {}
_hooked: list[tuple[Any, str]] = []


def _enabled() -> bool:
    return not os.environ.get("JALINT_NO_CODE_STORE")


def _build_tag() -> str:
    return f"{_FORMAT}|{sys.version}|{sys.implementation.cache_tag}|{sys.flags.optimize}"


def store_path() -> Path:
    """`jalint/__pycache__/generated-code.<cache tag>.bin`, beside the package's bytecode."""
    override = os.environ.get("JALINT_CODE_STORE")
    if override:
        return Path(override)
    tag = sys.implementation.cache_tag or "python"
    return Path(__file__).resolve().parent / "__pycache__" / f"generated-code.{tag}.bin"


def compiled(source: str, mode: str) -> CodeType:
    """The code of `source` as `exec`/`eval` in `dataclasses`/`collections` would compile it, stored or new."""
    key = (mode, source)
    code = _new.get(key)
    if code is not None:
        return code
    stored = _stored.get(key)
    if stored is not None:
        try:
            code = marshal.loads(stored)
        except (EOFError, ValueError, TypeError):
            code = None
        if isinstance(code, CodeType):
            return code
        del _stored[key]
    code = _new[key] = compile(source, "<string>", mode, dont_inherit=True)
    return code


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002 - exec's own names
    exec(compiled(source, "exec") if isinstance(source, str) else source, globals, locals)  # noqa: S102


def _eval(source: Any, globals: Any = None, locals: Any = None) -> Any:  # noqa: A002 - eval's own names
    return eval(compiled(source, "eval") if isinstance(source, str) else source, globals, locals)  # noqa: S307


def _compile(source: Any, filename: str, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, **more: Any) -> Any:
    """`compile` as `typing.ForwardRef` calls it for every string annotation of a `NamedTuple` field."""
    if isinstance(source, str) and filename == "<string>" and mode == "eval" and not flags and optimize == -1 \
            and not more:
        return compiled(source, "eval")
    # typing has no `from __future__` import to pass on (this module's own must not be inherited).
    return compile(source, filename, mode, flags, True, optimize, **more)


def _hook() -> None:
    """Shadow the builtins in the modules whose generated code is stored, where they call them as expected."""
    if _hooked:
        return
    import collections
    import dataclasses
    import typing

    forward_ref = getattr(getattr(typing, "ForwardRef", None), "__init__", None)
    targets = ((dataclasses, getattr(dataclasses, "_create_fn", None), "exec", _exec),
               (collections, getattr(collections, "namedtuple", None), "eval", _eval),
               (typing, forward_ref, "compile", _compile))
    for module, function, name, replacement in targets:
        code = getattr(function, "__code__", None)
        if code is not None and name in code.co_names and name not in vars(module):
            setattr(module, name, replacement)
            _hooked.append((module, name))


def unhook() -> None:
    """Give `dataclasses`, `collections` and `typing` their builtins back (tests)."""
    while _hooked:
        module, name = _hooked.pop()
        if vars(module).get(name) in (_exec, _eval, _compile):
            delattr(module, name)


def load() -> int:
    """Hook the two modules and read the stored code; returns how many entries were read."""
    if not _enabled():
        return 0
    _hook()
    if _stored:
        return 0
    entries = marshal_store.read(store_path(), _build_tag())
    if not isinstance(entries, dict):
        return 0
    for key, code in entries.items():
        if (isinstance(key, tuple) and len(key) == 2 and key[0] in ("exec", "eval") and isinstance(key[1], str)
                and isinstance(code, bytes)):
            _stored[key] = code
    return len(_stored)


def save() -> int:
    """Store the code compiled since `load()` that was not stored; returns how many entries were added."""
    if not _enabled() or sys.dont_write_bytecode or not _new:
        return 0
    entries = dict(_stored) if len(_stored) + len(_new) <= MAX_ENTRIES else {}
    try:
        entries.update((key, marshal.dumps(code)) for key, code in _new.items())
    except ValueError:  # a code object marshal refuses: store nothing this run
        return 0
    if not marshal_store.write(store_path(), _build_tag(), entries):
        return 0  # a read-only install: run as before
    added = len(_new)
    _stored.update(entries)
    _new.clear()
    return added
