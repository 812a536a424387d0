"""Awkward inputs: every one gives a clear message and the right exit code, never
a traceback. I/O problems exit 2; text that is not a readable UTF-8 post becomes
a finding (exit 1); empty or Markdown-free input is fine (exit 0).
"""

from __future__ import annotations

import errno
import json
import os
import random
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("proof_rules_only")

PARAGRAPH = "社内の問い合わせ対応に生成AIを試すなら、まず質問の種類を三つほどに絞るのが近道です。"
DUPLICATE = f"{PARAGRAPH}\n\n{PARAGRAPH}\n"


def concise(result) -> list[tuple[str, str, str]]:
    """(`path:line:col`, severity, rule) of each concise output line."""
    rows = []
    for line in result.stdout.splitlines():
        place, severity, rule = line.split(" ")[:3]
        rows.append((place.rstrip(":"), severity, rule))
    return rows


def message_of(result) -> str:
    (finding,) = json.loads(result.stdout)["findings"]
    return finding["message"]


def assert_clean_error(result, *parts: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("jalint: error: ")]
    assert errors, result.stderr
    for part in parts:
        assert any(part in line for line in errors), (part, result.stderr)


# -- paths -------------------------------------------------------------------------------


def test_missing_path(run, workdir):
    result = run("check", "nope.md")
    assert_clean_error(result, "jalint: error: nope.md: no such file or folder")


def test_missing_path_does_not_stop_the_other_files(run, workdir, write_post):
    write_post(workdir, "post.md", DUPLICATE)
    result = run("check", "nope.md", "post.md", "--format", "concise")
    assert_clean_error(result, "nope.md")
    assert concise(result) == [("post.md:3:1", "error", "duplicate-paragraph")]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(run, workdir, write_post):
    path = write_post(workdir, "post.md", DUPLICATE)
    path.chmod(0)
    try:
        assert_clean_error(run("check", "post.md"), "post.md: cannot read: Permission denied")
    finally:
        path.chmod(0o644)


def test_read_error(run, workdir, write_post, monkeypatch):
    write_post(workdir, "bad.md", DUPLICATE)
    write_post(workdir, "good.md", DUPLICATE)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "bad.md":
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = run("check", ".", "--format", "concise")
    assert_clean_error(result, f"bad.md: cannot read: {os.strerror(errno.EIO)}")
    # The other file is still checked and reported.
    assert concise(result) == [("good.md:3:1", "error", "duplicate-paragraph")]


def test_broken_symlink_in_a_folder(run, workdir, write_post):
    write_post(workdir, "posts/good.md", DUPLICATE)
    (workdir / "posts" / "gone.md").symlink_to(workdir / "nowhere.md")
    result = run("check", "posts", "--format", "concise")
    assert_clean_error(result, "posts/gone.md: cannot read: No such file or directory")
    assert concise(result) == [("posts/good.md:3:1", "error", "duplicate-paragraph")]


def test_broken_symlink_given_by_name(run, workdir):
    (workdir / "gone.md").symlink_to(workdir / "nowhere.md")
    assert_clean_error(run("check", "gone.md"), "gone.md: no such file or folder")


def test_path_too_long(run, workdir):
    name = "あ" * 300 + ".md"
    result = run("check", name)
    assert_clean_error(result, "cannot read: File name too long")


def test_unreadable_folder(run, workdir, write_post, monkeypatch):
    write_post(workdir, "posts/locked/post.md", DUPLICATE)
    write_post(workdir, "posts/open/post.md", DUPLICATE)
    real_scandir = os.scandir

    def scandir(path="."):  # noqa: ANN001, ANN202 - stands in for os.scandir
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("check", "posts", "--format", "concise")
    assert_clean_error(result, "posts/locked: cannot read: Permission denied")
    assert concise(result) == [("posts/open/post.md:3:1", "error", "duplicate-paragraph")]


def test_write_error_during_fix(run, workdir, write_post, monkeypatch):
    path = write_post(workdir, "post.md", DUPLICATE)

    def replace(source, target):  # noqa: ANN001, ANN202 - stands in for os.replace
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", replace)
    result = run("check", "--fix", "--unsafe-fixes", "post.md")
    assert_clean_error(result, "cannot write", os.strerror(errno.ENOSPC))
    assert path.read_text(encoding="utf-8") == DUPLICATE
    assert sorted(p.name for p in workdir.iterdir()) == ["post.md"]  # the temporary file is gone


def test_folder_without_markdown(run, workdir, write_post):
    write_post(workdir, "notes/readme.txt", "テキストです。\n")
    (workdir / "empty").mkdir()
    result = run("check", "notes", "empty", "--format", "concise")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "jalint: warning: no Markdown files found in notes, empty\n"


def test_rule_crash_is_a_finding_not_a_traceback(run, workdir, write_post, monkeypatch):
    from jalint.registry import all_rules

    def crash(self, doc, _):  # noqa: ANN001, ANN202
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(all_rules()["duplicate-paragraph"], "check", crash)
    write_post(workdir, "post.md", '---\ntitle: "閉じていない\n---\n\n' + DUPLICATE)
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    found = {(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("internal-error", 1), ("front-matter-syntax", 2)}  # the other rules still run
    message = next(f["message"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "internal-error")
    assert "duplicate-paragraph" in message and "ZeroDivisionError: boom" in message


def test_unexpected_error_in_main_is_one_line(workdir, monkeypatch, capsys):
    import jalint.cli
    import jalint.session

    def explode(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("unexpected")

    monkeypatch.setattr(jalint.session, "collect", explode)  # the CLI imports it when `check` runs
    monkeypatch.setattr(sys, "argv", ["jalint", "check", "."])
    monkeypatch.delenv("JALINT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        jalint.cli.main()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err == "jalint: internal error: RuntimeError: unexpected\n"


# -- encodings -----------------------------------------------------------------------------


def test_binary_file(run, workdir, write_post):
    write_post(workdir, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    result = run("check", "image.md", "--format", "json")
    assert result.exit_code == 1
    assert "バイナリ" in message_of(result)
    assert concise(run("check", "image.md", "--format", "concise")) == [("image.md:1:1", "error", "encoding")]


def test_short_text_with_a_control_character_is_linted_not_skipped_as_binary(run, workdir, write_post):
    """One stray control character in a tiny file is 20% of it, yet the file is text with a defect to report."""
    write_post(workdir, "short.md", "戻る\v\n".encode())
    found = concise(run("check", "short.md", "--format", "concise", "--select", "encoding,mojibake"))
    assert found == [("short.md:1:3", "error", "mojibake")]
    big = b"\x01\x02\x03 " * 100  # a larger sample still judged by its share of control characters
    write_post(workdir, "blob.md", big)
    assert concise(run("check", "blob.md", "--format", "concise")) == [("blob.md:1:1", "error", "encoding")]


def test_shift_jis_file(run, workdir, write_post):
    write_post(workdir, "post.md", "# Title\n\n日本語の記事です。\n".encode("shift_jis"))
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "encoding"
    assert "Shift_JIS" in finding["message"]
    # The first byte that is not UTF-8: line 3, column 1; byte 10 counted from 1.
    assert (finding["line"], finding["column"]) == (3, 1)
    assert "10 バイト目" in finding["message"]


def test_utf16_file(run, workdir, write_post):
    write_post(workdir, "post.md", "日本語の記事です。\n".encode("utf-16"))  # with a BOM
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    assert "UTF-16" in message_of(result)


def test_utf16_without_bom_is_flagged(run, workdir, write_post):
    write_post(workdir, "post.md", "日本語の記事です。\n".encode("utf-16-le"))
    result = run("check", "post.md", "--format", "concise")
    assert concise(result) == [("post.md:1:1", "error", "encoding")]


def test_invalid_utf8(run, workdir, write_post):
    write_post(workdir, "post.md", "一行目です。\n二行目の".encode() + b"\xff\xfe" + "途中。\n".encode())
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "encoding"
    assert (finding["line"], finding["column"]) == (2, 5)
    byte = len("一行目です。\n二行目の".encode()) + 1
    assert f"{byte} バイト目" in finding["message"]


def test_invalid_utf8_after_a_bom(run, workdir, write_post):
    write_post(workdir, "post.md", b"\xef\xbb\xbf" + "本文".encode() + b"\xff\n")
    (finding,) = json.loads(run("check", "post.md", "--format", "json").stdout)["findings"]
    assert (finding["line"], finding["column"]) == (1, 3)  # the BOM is not a column


def test_encoding_can_be_ignored(run, workdir, write_post):
    write_post(workdir, "post.md", "日本語".encode("shift_jis"))
    result = run("check", "post.md", "--ignore", "encoding")
    assert result.exit_code == 0


def test_encoding_finding_from_stdin(run, workdir):
    result = run("check", "-", "--format", "concise", input="日本語の記事です。".encode("shift_jis"))
    assert concise(result) == [("-:1:1", "error", "encoding")]


# -- front matter --------------------------------------------------------------------------


def test_invalid_yaml_front_matter(run, workdir, write_post):
    text = '---\ntitle: "議事録の要約"\ntags: [会議, 要約\ndate: 2025-11-04\n---\n\n本文です。\n'
    write_post(workdir, "post.md", text)
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "front-matter-syntax"
    assert finding["line"] in (3, 4)  # the unclosed list (3) or where PyYAML gave up (4)
    assert "YAML" in finding["message"]


def test_yaml_front_matter_error_line(run, workdir, write_post):
    text = '---\ntitle: "議事録の要約"\nauthor: 編集部\nsummary: 要点: 三つ\n---\n\n本文です。\n'
    write_post(workdir, "post.md", text)
    result = run("check", "post.md", "--format", "concise")
    assert concise(result) == [("post.md:4:12", "error", "front-matter-syntax")]


def test_yaml_front_matter_that_is_not_a_mapping(run, workdir, write_post):
    write_post(workdir, "post.md", "---\n- 一つ目\n- 二つ目\n---\n\n本文です。\n")
    result = run("check", "post.md", "--format", "concise")
    assert concise(result) == [("post.md:2:1", "error", "front-matter-syntax")]


def test_impossible_date_in_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", "---\ntitle: 日付\ndate: 2025-02-30\n---\n\n本文です。\n")
    result = run("check", "post.md", "--format", "concise")
    assert [(rule) for _, _, rule in concise(result)] == ["front-matter-syntax"]


def test_unclosed_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", '---\ntitle: "議事録の要約"\n\n本文です。\n')
    result = run("check", "post.md", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("front-matter-syntax", 1, 1)
    assert "---" in finding["message"]


def test_toml_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", '+++\ntitle = "議事録の要約"\ntags = ["会議"]\n+++\n\n本文です。\n')
    result = run("check", "post.md", "--format", "concise")
    assert (result.exit_code, result.stdout) == (0, "")


def test_invalid_toml_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", '+++\ntitle = "議事録の要約"\ntags = [会議]\n+++\n\n本文です。\n')
    result = run("check", "post.md", "--format", "json")
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("front-matter-syntax", 3, 9)
    assert "TOML" in finding["message"]


def test_front_matter_body_lines_keep_file_numbers(run, workdir, write_post):
    write_post(workdir, "post.md", f"---\ntitle: 行番号\n---\n\n{DUPLICATE}")
    assert concise(run("check", "post.md", "--format", "concise")) == [("post.md:7:1", "error", "duplicate-paragraph")]


# -- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n\n", b"\r\n", b"   \n"])
def test_empty_files(run, workdir, write_post, data):
    write_post(workdir, "post.md", data)
    result = run("check", "post.md", "--format", "concise")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_only_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", "---\ntitle: 空\n---\n")
    assert run("check", "post.md").exit_code == 0


WORDS = "議事録 要約 担当者 指標 品質 現場 運用 導入 効果 確認 会議 予算 教育 記録 検索 翻訳".split()


def test_huge_file(run, workdir, write_post):
    # About 5 MB of distinct paragraphs (random word orders, so no two are alike),
    # ending with one exact copy of paragraph 11.
    chooser = random.Random(20251104)
    paragraphs = [
        f"第{i}段落では、" + "と".join(chooser.choice(WORDS) for _ in range(14)) + "について確かめます。"
        for i in range(30_000)
    ]
    paragraphs.append(paragraphs[10])
    text = "\n\n".join(paragraphs) + "\n"
    assert len(text.encode()) > 5_000_000
    write_post(workdir, "huge.md", text)
    result = run("check", "huge.md", "--format", "concise")
    assert result.exit_code == 1
    assert concise(result) == [(f"huge.md:{2 * len(paragraphs) - 1}:1", "error", "duplicate-paragraph")]
