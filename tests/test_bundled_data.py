"""Parsed word lists stored like bytecode (jalint.bundled_data): always the file's current content."""

from __future__ import annotations

import datetime
import sys
import tomllib
from pathlib import Path

import pytest

from jalint import bundled_data
from jalint.bundled_data import load_toml


@pytest.fixture(autouse=True)
def writes_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_a_parsed_pack_is_stored_and_read_back(tmp_path: Path) -> None:
    pack = tmp_path / "words.toml"
    pack.write_text('phrases = ["かもしれない", "と思われる"]\n[limits]\nmax = 3\n', encoding="utf-8")
    first = load_toml(pack)
    store = bundled_data._store_for(pack)
    assert store.exists() and first == tomllib.loads(pack.read_text(encoding="utf-8"))
    assert load_toml(pack) == first


def test_an_edited_pack_is_parsed_again(tmp_path: Path) -> None:
    pack = tmp_path / "words.toml"
    pack.write_text('phrases = ["かもしれない"]\n', encoding="utf-8")
    load_toml(pack)
    pack.write_text('phrases = ["かもしれない", "だろう"]\n', encoding="utf-8")
    assert load_toml(pack) == {"phrases": ["かもしれない", "だろう"]}


def test_a_damaged_store_is_ignored_and_replaced(tmp_path: Path) -> None:
    pack = tmp_path / "words.toml"
    pack.write_text("max = 7\n", encoding="utf-8")
    load_toml(pack)
    store = bundled_data._store_for(pack)
    for damaged in (b"", b"\x00garbage", store.read_bytes()[:5]):
        store.write_bytes(damaged)
        assert load_toml(pack) == {"max": 7}


def test_dates_are_parsed_every_time_and_nothing_is_written_without_bytecode(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dated = tmp_path / "dated.toml"
    dated.write_text("since = 2025-01-01\n", encoding="utf-8")
    assert load_toml(dated) == {"since": datetime.date(2025, 1, 1)}
    assert not bundled_data._store_for(dated).exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    plain = tmp_path / "plain.toml"
    plain.write_text("max = 1\n", encoding="utf-8")
    assert load_toml(plain) == {"max": 1}
    assert not bundled_data._store_for(plain).exists()


def test_a_derived_value_is_stored_until_the_pack_or_its_code_changes(tmp_path: Path) -> None:
    pack = tmp_path / "words.toml"
    pack.write_text('phrases = ["かもしれない"]\n', encoding="utf-8")
    code = tmp_path / "rule.py"
    code.write_text("# derives the phrase lengths\n", encoding="utf-8")
    calls: list[int] = []

    def derive() -> list[int]:
        calls.append(1)
        return [len(p) for p in load_toml(pack)["phrases"]]

    assert bundled_data.load_derived(pack, "lengths", derive, code) == [6]
    assert bundled_data.load_derived(pack, "lengths", derive, code) == [6]
    assert len(calls) == 1  # the second read came from the store
    code.write_text("# derives the phrase lengths, differently now\n", encoding="utf-8")
    assert bundled_data.load_derived(pack, "lengths", derive, code) == [6]
    assert len(calls) == 2  # edited code: derived again
    pack.write_text('phrases = ["かもしれない", "だろう"]\n', encoding="utf-8")
    assert bundled_data.load_derived(pack, "lengths", derive, code) == [6, 3]
    assert len(calls) == 3


def test_a_derived_value_marshal_cannot_store_is_computed_every_time(tmp_path: Path) -> None:
    pack = tmp_path / "words.toml"
    pack.write_text("max = 1\n", encoding="utf-8")
    value = bundled_data.load_derived(pack, "object", lambda: object(), pack)
    assert value is not None and not bundled_data._store_for(pack, "object").exists()
