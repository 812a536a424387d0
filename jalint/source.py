"""Reading a post from disk or stdin and decoding it, without ever crashing.

Posts must be UTF-8 (with or without BOM; LF, CRLF or CR line endings). Anything else is not
guessed at: it becomes a `DecodeProblem` that the engine reports as an
`encoding` finding, so a Shift_JIS or binary file is flagged, not skipped.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

BOM = "\ufeff"


class DecodeProblem(NamedTuple):
    """Why bytes could not be read as a UTF-8 post; `line`/`column` locate it."""

    message: str
    line: int = 1
    column: int = 1


class Source(NamedTuple):
    """A decoded post: `text` has no BOM; `bom` and `newline` are kept for writing back."""

    path: str
    text: str
    bom: bool
    newline: str  # the dominant line ending: "\n", "\r\n" or (old Mac files) "\r"


_LONE_CR = re.compile(r"\r(?!\n)")


def dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if lone_cr > crlf + lf:
        return "\r"
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def lines_view(text: str) -> str:
    """`text` with every lone CR read as LF: same length, so offsets stay those of the file.

    CommonMark (and every editor) ends a line at a lone CR too. Rules, the line
    index and markdown-it must agree on where lines break, so the document model
    works on this view; fixes are applied to the original text at the same
    offsets, so CRs outside a fix are written back untouched.
    """
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def _guess_other_encoding(data: bytes) -> str | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    for name, label in (("shift_jis", "Shift_JIS"), ("euc_jp", "EUC-JP")):
        try:
            decoded = data.decode(name)
        except UnicodeDecodeError:
            continue
        if any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in decoded):
            return label
    return None


_BINARY_SAMPLE_MIN = 256  # below this, a few stray control characters are a text's defect, not a sign of binary


def _looks_binary(data: bytes) -> bool:
    """A NUL byte, or (in a sample big enough to judge) more than 10% control characters.

    A short text with one stray control character (「戻る\v」) is a post with
    mojibake to report, not a binary file to skip.
    """
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if len(sample) < _BINARY_SAMPLE_MIN:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.1


def decode(path: str, data: bytes) -> Source | DecodeProblem:
    """Decode `data` as a UTF-8 post, or explain why it is not one."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return DecodeProblem("UTF-32 で保存されています。UTF-8 で保存し直してください。")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodeProblem("UTF-16 で保存されています。UTF-8 で保存し直してください。")
    if _looks_binary(data):
        return DecodeProblem("バイナリファイルのようです。Markdown の記事ではないため検査できません。")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Columns count code points of the text without its BOM, like every other
        # position; the byte number is 1-based, as 「N バイト目」 reads.
        prefix = data[: error.start].decode("utf-8", errors="replace").removeprefix(BOM)
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        other = _guess_other_encoding(data)
        hint = f"{other} のようです。" if other else ""
        return DecodeProblem(
            f"UTF-8 として読めないバイト列があります（{error.start + 1} バイト目）。{hint}UTF-8 で保存し直してください。",
            line,
            column,
        )
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    return Source(path=path, text=text, bom=bom, newline=dominant_newline(text))


def encode(source: Source, text: str) -> bytes:
    """Bytes to write back for `text`, keeping the original BOM."""
    return ((BOM if source.bom else "") + text).encode("utf-8")
