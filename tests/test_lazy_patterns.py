"""The bundled packs compile their patterns on first use; every one of them must still compile.

Without this, a typo in a rarely used exclusion would only fail on the post
that first reaches it (as an internal-error finding), not in the suite.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from jalint.lazy_regex import LazyPattern
from jalint.rules import _statistics, generation_leftover


def _lazy_patterns(value: object) -> list[LazyPattern]:
    if isinstance(value, LazyPattern):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for field in dataclasses.fields(value) for p in _lazy_patterns(getattr(value, field.name))]
    if isinstance(value, tuple | list):
        return [p for item in value for p in _lazy_patterns(item)]
    return []


@pytest.mark.parametrize("pack", [_statistics.load_pack, generation_leftover.load_pack], ids=["statistics", "leftover"])
def test_every_pack_pattern_compiles(pack) -> None:
    patterns = _lazy_patterns(pack())
    assert len(patterns) > 20  # the walk really reached the pack's patterns
    for pattern in patterns:
        assert isinstance(pattern.compiled(), re.Pattern), pattern.pattern


def test_lazy_pattern_behaves_like_the_compiled_one() -> None:
    lazy = LazyPattern(r"(\d+)件", re.MULTILINE)
    assert lazy._compiled is None  # nothing compiled before the first search
    assert lazy.search("全部で12件").group(1) == "12"
    assert [m.group(0) for m in lazy.finditer("3件と4件")] == ["3件", "4件"]
    assert lazy.sub("N件", "5件") == "N件"
    assert lazy.match("7件") and not lazy.match("x7件")
    assert lazy.fullmatch("8件") and lazy.flags == re.MULTILINE
