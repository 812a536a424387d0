"""Stored code of generated dataclass and named-tuple methods (jalint.generated_code): same classes, never a failure.

Each case runs in a fresh interpreter: the store hooks two standard modules for
the whole process, and what one run compiled must not make another's pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "examples" / "_posts" / "2025-11-05-defective-post.md"

# Builds the classes after load(), describes how they behave, and saves what was compiled.
BUILD = """
import json, sys
from jalint import generated_code
loaded = generated_code.load()
import dataclasses, typing
from collections import namedtuple

@dataclasses.dataclass(frozen=True)
class Place:
    line: int
    column: int = 1
    note: str = "x"

@dataclasses.dataclass(order=True)
class Count:
    total: int
    names: list = dataclasses.field(default_factory=list)

class Word(typing.NamedTuple):
    surface: str
    start: int = 0

class Late(typing.NamedTuple):  # string annotations, as under `from __future__ import annotations`
    name: "str"
    parts: "list[int]" = ()

Pair = namedtuple("Pair", "left right", defaults=[None])
forward = [Late.__annotations__[name] for name in ("name", "parts")]
place, count = Place(3), Count(2)
frozen = False
try:
    place.line = 4
except dataclasses.FrozenInstanceError:
    frozen = True
count.names.append("a")
report = {
    "loaded": loaded,
    "compiled_now": len(generated_code._new),
    "repr": [repr(place), repr(count), repr(Word("猫")), repr(Pair(1))],
    "equal": [place == Place(3, 1, "x"), place != Place(4), hash(place) == hash(Place(3)), Count(1) < Count(2)],
    "frozen": frozen,
    "factory": [count.names, Count(5).names],
    "annotations": [type(Place.__init__.__annotations__["line"]).__name__,
                    sorted(Place.__init__.__annotations__)],
    "tuple": [Word("犬", 5)._asdict(), Pair(1, 2)._replace(right=3)],
    "forward": [repr(f) for f in forward] + [
        f.__forward_code__ == compile(f.__forward_arg__, "<string>", "eval") for f in forward
    ] + [typing.get_type_hints(Late) == {"name": str, "parts": list[int]}],
    "forward_from_table": ("eval", "list[int]") in {**generated_code._stored, **generated_code._new},
    "saved": generated_code.save(),
}
print(json.dumps(report, ensure_ascii=False))
"""


def _python(code: str, *, store: Path, **env: str) -> dict:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment.update(JALINT_CODE_STORE=str(store), **env)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_second_run_builds_the_same_classes_from_stored_code(tmp_path: Path) -> None:
    store = tmp_path / "code.bin"
    first = _python(BUILD, store=store)
    assert first["loaded"] == 0 and first["compiled_now"] > 0 and first["saved"] == first["compiled_now"]
    second = _python(BUILD, store=store)
    assert second["loaded"] >= first["saved"]
    assert second["compiled_now"] == 0 and second["saved"] == 0  # every method came from the store
    for key in ("repr", "equal", "frozen", "factory", "annotations", "tuple", "forward"):
        assert second[key] == first[key], key
    assert first["forward"] == ["ForwardRef('str')", "ForwardRef('list[int]')", True, True, True]
    assert first["forward_from_table"] and second["forward_from_table"]  # typing compiled through the store
    assert first["equal"] == [True, True, True, True] and first["frozen"] is True
    assert first["factory"] == [["a"], []]


def test_annotations_are_evaluated_as_dataclasses_would_without_this_modules_future_import(tmp_path: Path) -> None:
    # generated_code itself has `from __future__ import annotations`; the code it compiles must not inherit it.
    report = _python(BUILD, store=tmp_path / "code.bin")
    assert report["annotations"] == ["type", ["column", "line", "note", "return"]]


def test_the_same_classes_come_out_without_the_store(tmp_path: Path) -> None:
    stored = _python(BUILD, store=tmp_path / "code.bin")
    plain = _python(BUILD, store=tmp_path / "unused.bin", JALINT_NO_CODE_STORE="1")
    assert plain["loaded"] == 0 and plain["saved"] == 0 and not (tmp_path / "unused.bin").exists()
    for key in ("repr", "equal", "frozen", "factory", "annotations", "tuple", "forward"):
        assert plain[key] == stored[key], key


def test_a_damaged_or_foreign_store_is_ignored_and_replaced(tmp_path: Path) -> None:
    store = tmp_path / "code.bin"
    for content in (b"", b"\x00garbage", __import__("marshal").dumps(("another build", {("exec", "x"): b"?"}))):
        store.write_bytes(content)
        report = _python(BUILD, store=store)
        assert report["loaded"] == 0 and report["equal"] == [True, True, True, True]
        assert report["saved"] > 0


def test_an_entry_that_is_not_code_is_compiled_afresh(tmp_path: Path) -> None:
    store = tmp_path / "code.bin"
    _python(BUILD, store=store)
    marshal = __import__("marshal")
    tag, entries = marshal.loads(store.read_bytes())
    store.write_bytes(marshal.dumps((tag, {key: b"not code" for key in entries})))
    report = _python(BUILD, store=store)
    assert report["loaded"] == len(entries) and report["compiled_now"] == len(entries)
    assert report["equal"] == [True, True, True, True]


def test_unhook_gives_the_modules_their_builtins_back(tmp_path: Path) -> None:
    code = """
import json, collections, dataclasses, typing
from jalint import generated_code
generated_code.load()
hooked = ["exec" in vars(dataclasses), "eval" in vars(collections), "compile" in vars(typing)]
generated_code.unhook()
after = ["exec" in vars(dataclasses), "eval" in vars(collections), "compile" in vars(typing)]
print(json.dumps({"hooked": hooked, "after": after}))
"""
    report = _python(code, store=tmp_path / "code.bin")
    assert report == {"hooked": [True, True, True], "after": [False, False, False]}


def test_check_output_is_the_same_with_and_without_the_store(tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "jalint", "check", str(POST), "--no-cache", "--extend-select", "style",
               "--format", "json"]
    outputs = []
    for extra in ({"JALINT_NO_CODE_STORE": "1"}, {}, {}):  # without, first with (saves), second with (loads)
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                              env={**environment, "JALINT_CODE_STORE": str(tmp_path / "code.bin"), **extra})
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert (tmp_path / "code.bin").exists()
    assert outputs[0] == outputs[1] == outputs[2]
