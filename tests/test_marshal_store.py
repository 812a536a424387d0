"""The store behind bundled word lists, regex programs and generated code: a tag, never a failure."""

from __future__ import annotations

from pathlib import Path

from jalint import marshal_store
from jalint.marshal_store import MISSING


def test_a_value_reads_back_under_its_own_tag_only(tmp_path: Path) -> None:
    path = tmp_path / "__pycache__" / "words.bin"
    assert marshal_store.read(path, "v1") is MISSING  # nothing written yet
    assert marshal_store.write(path, "v1", {"語": [1, 2]})
    assert marshal_store.read(path, "v1") == {"語": [1, 2]}
    assert marshal_store.read(path, "v2") is MISSING
    assert not list(path.parent.glob("*.tmp"))  # the temporary file was renamed into place


def test_a_stored_none_is_not_mistaken_for_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.bin"
    assert marshal_store.write(path, 1, None)
    assert marshal_store.read(path, 1) is None


def test_a_damaged_file_reads_as_nothing(tmp_path: Path) -> None:
    path = tmp_path / "damaged.bin"
    for content in (b"", b"\x00\x01garbage", b"\xe9"):
        path.write_bytes(content)
        assert marshal_store.read(path, "v1") is MISSING


def test_what_marshal_cannot_store_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "object.bin"
    assert not marshal_store.write(path, "v1", object())
    assert not path.exists()


def test_a_folder_it_cannot_write_into_writes_nothing(tmp_path: Path) -> None:
    # A file where the folder should be fails as a read-only install does (OSError), for root too.
    blocker = tmp_path / "__pycache__"
    blocker.write_text("not a folder", encoding="utf-8")
    assert not marshal_store.write(blocker / "x.bin", "v1", [1])
    assert blocker.read_text(encoding="utf-8") == "not a folder"
