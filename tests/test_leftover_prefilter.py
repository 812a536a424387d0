"""The literal prefilter of generation-leftover: it may skip a post, never a finding.

Each check carries anchors, literal strings of which every match of its regex
must contain one; a text without them is not scanned. These tests pin the
derivation on small patterns, check the promise on a match of every check, and
run the rule end to end on both sides of the prefilter.
"""

from __future__ import annotations

import re
import string
import sys
import tomllib
from pathlib import Path

import pytest

from jalint.rules import generation_leftover as leftover
from tests.rule_harness import lint_with

RULE = "generation-leftover"
CASE_FILE = Path(__file__).parent / "rules" / "generation-leftover.toml"

# At least one match for every check of the pack, spelled in its variants.
SAMPLES = """\
---END--- / --- END --- / [END] / 【END】 / ＜END＞ / <|endoftext|> / <|fim_prefix|>
<END>
</end>
<End_Of_Turn>
[cite: 12] [cite_start] 【3:1†source】 :contentReference[oaicite:4]{index=4}
<<<<<<< HEAD
>>>>>>> main
（続き） (中略) （以下略）
はい、承知いたしました。かしこまりました！了解しました、はい、こちらが記事です。もちろんです。以下に
以下が記事です。こちらは修正後の記事になります。以下のとおり、記事を作成しました。
大変申し訳ございませんが、その内容はお答えできかねます。東京に関する最新の情報を見つけることができませんでした。
Web検索が現在利用できないため、記事の執筆を続行できません。記事を作成してもよろしいでしょうか。
ご提示いただいた文章です。私は一つのAI言語モデルとして答えます。AIモデルである私は、私は人工知能なので
「ここまで」から続きを書き、続きを自然な形で記述し、自然な流れで続きを書き、記事の続きとして自然に
提供されたテキストとユーザーが提供した残りの記事。上記は、ご依頼に沿う形です。書いて完成させてください。
以下の記事「題」が途中で終わっています。続きを書きます。既存の記事の最後にあり、既存記事でも触れた。
I apologise. I'm unable to help. I can't browse. As an AI language model, As a large language model
Here's your revised article. This post has approximately 3,000 words. Word count: 3000. İ APOLOGIZE.
Sure, here it is. CERTAINLY! I can. 文字数：約3,000字 文字数カウント: 1200文字
【リード文】【既存の記事の最後の部分】【元の本文】メタディスクリプション：リード文:
〇〇 ○○○ XX% XX.X 円 XXX [要確認]（ここに図を挿入）TODO: FIXME：＜ここに画像＞
---
title: 二つ目のフロントマター
"""


def _sample_texts() -> list[str]:
    cases = tomllib.loads(CASE_FILE.read_text(encoding="utf-8"))
    return [SAMPLES] + [case["text"] for kind in ("invalid", "valid") for case in cases.get(kind, [])]


def _check(check_id: str) -> leftover.Check:
    return next(check for check in leftover.load_pack() if check.id == check_id)


def _anchors(pattern: str, flags: int = 0) -> tuple[str, ...]:
    regex = re.compile(pattern, flags)
    return leftover._anchors(regex, bool(flags & re.IGNORECASE))


# -- the derivation --------------------------------------------------------------
def test_literals_in_a_row_with_their_variants_spelled_out() -> None:
    assert _anchors("(?:大変)?申し訳(?:ありません|ございません)が") == ("申し訳ありませんが", "申し訳ございませんが")


def test_an_alternation_needs_one_string_of_each_branch() -> None:
    assert _anchors(r"(?<![A-Za-z])(?:TODO|FIXME)\s*[:：]|[<＜]\s*ここに") == ("FIXME", "TODO", "ここに")


def test_a_repeat_counts_its_required_copies() -> None:
    assert _anchors(r"(?<![A-Za-z0-9])XX+\s*%") == ("XX",)
    assert _anchors("^<{7}(?: .*)?$") == ("<<<<<<<",)
    # What follows a repeat may come after more copies: "qababc" has no "qabc".
    assert _anchors(r"\bq(?:ab){1,3}c") == ("qab",)
    assert _anchors(r"\b(?:申し訳[0-9])*です") == ("です",)  # zero copies are allowed


def test_nothing_required_means_the_check_always_runs() -> None:
    assert _anchors("[ぁ-ん]{3}") == ()
    assert _anchors("(?:申し訳)?[0-9]+") == ()
    assert _anchors("申し訳|[0-9]+") == ()  # one branch without a literal spoils the alternation


def test_a_literal_prefix_is_left_to_re() -> None:
    assert _anchors("既存(?:の)?記事の(?:最後|末尾)") == ()
    assert _check("prompt-label").anchors == ()  # its tokens share the prefix 【


def test_a_group_that_switches_case_contributes_nothing() -> None:
    assert _anchors(r"\b(?i:draft)-社外秘") == ("-社外秘",)


def test_case_insensitive_anchors_are_folded() -> None:
    assert _anchors(r"\bI apologi[sz]e\b", re.IGNORECASE) == ("i apologi",)
    assert _check("english-chatter").folded


# -- the promise: every match holds an anchor -----------------------------------
@pytest.mark.parametrize("check", leftover.load_pack(), ids=lambda check: check.id)
def test_every_match_holds_one_of_its_anchors(check: leftover.Check) -> None:
    matches = 0
    for regex in check.regexes:
        anchors = leftover._anchors(regex, check.folded)
        for text in _sample_texts():
            for match in regex.finditer(text):
                found = leftover._fold(match.group()) if check.folded else match.group()
                assert not anchors or any(anchor in found for anchor in anchors), (match.group(), anchors)
                matches += 1
    assert matches, f"no sample matches {check.id}: add one to SAMPLES"


def test_folding_equates_what_ignorecase_equates() -> None:
    """`re.IGNORECASE` matches İ, ı, ſ and K (Kelvin) with Latin letters; folding must agree."""
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    letters = set(string.ascii_letters)
    letters |= {ch for check in leftover.load_pack() if check.folded for group in check.anchors for a in group for ch in a}
    for letter in sorted(letters):
        for match in re.finditer(re.escape(letter), everything, re.IGNORECASE):
            assert leftover._fold(match.group()) == leftover._fold(letter), (letter, hex(ord(match.group())))


# -- end to end ------------------------------------------------------------------
def test_a_prefiltered_check_still_reports_its_match() -> None:
    refusal = _check("refusal")
    text = "ご指定のテーマについては、申し訳ございませんが、お答えできません。\n"
    assert refusal.anchors and leftover._Haystack(text).admits(refusal)
    assert [(d.location.line, d.location.column) for d in lint_with(RULE, text)] == [(1, 14)]


def test_a_text_without_the_anchors_gives_no_finding() -> None:
    text = "申し訳程度の注釈しかなかった資料を、記事の構成から見直しました。\n"
    assert not any(leftover._Haystack(text).admits(check) for check in leftover.load_pack() if check.anchors)
    assert lint_with(RULE, text) == []


def test_case_insensitive_checks_find_any_case() -> None:
    found = lint_with(RULE, "本文です。\n\nİ APOLOGIZE FOR THE DELAY.\n")
    assert [d.location.line for d in found] == [3]
    assert "İ APOLOGIZE" in found[0].message


def test_extra_patterns_are_prefiltered_too() -> None:
    options = {"extra-patterns": [r"\b(?i:draft)-社外秘"]}
    assert [d.location.line for d in lint_with(RULE, "本文です。\n\nDRAFT-社外秘の資料です。\n", options)] == [3]
    assert lint_with(RULE, "本文です。\n\nDRAFTの資料です。\n", options) == []
