"""Repairs (`--fix --unsafe-fixes`) turn a damaged post into a readable one and never lose a sentence.

The fixture posts are written for these tests: `damaged.md` has an exact copy,
a cut-off paragraph restarted further down, a merged paragraph that adds one
new sentence, and a restarted section; `clean.md` is what it should become
structurally.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jalint.diagnostic import Diagnostic, FixEdit, FixInfo, Location
from jalint.fixes import fix_until_stable
from jalint.positions import Span
from jalint.repair_check import lost_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
DAMAGED = (FIXTURES / "damaged.md").read_text(encoding="utf-8")
STRUCTURAL = ("duplicate-paragraph", "duplicate-heading", "truncated-paragraph", "repair-refused")


def jalint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jalint", "check", "--no-cache", "--format", "concise", *args],
                          capture_output=True, text=True, check=False, timeout=120)


def repaired(tmp_path: Path, data: bytes, name: str = "post.md") -> tuple[bytes, str]:
    post = tmp_path / name
    post.write_bytes(data)
    done = jalint("--fix", "--unsafe-fixes", str(post))
    assert done.returncode in (0, 1), done.stderr
    return post.read_bytes(), done.stdout


def test_a_damaged_post_comes_out_whole(tmp_path: Path) -> None:
    after, report = repaired(tmp_path, DAMAGED.encode("utf-8"))
    text = after.decode("utf-8")
    assert not any(f" {rule} " in report for rule in STRUCTURAL), report
    assert lost_sentences(DAMAGED, text) == []
    # One complete copy of each paragraph, the restart where the reader first met it, the new sentence kept.
    assert text.count("移動書庫を走らせています。") == 1
    assert text.count("職員が端末に入力します。") == 1
    assert text.index("職員が端末に入力します。") < text.index("## 利用者の声")
    assert "工夫されて\n" not in text
    assert text.count("二台目のバスを導入する計画") == 1
    assert text.count("## 利用者の声") == 1
    assert "\n\n\n" not in text
    # The structure it should have: the clean post's headings, in order.
    clean = (FIXTURES / "clean.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## 移動書庫のはじまり", "## 利用者の声", "## これからの課題"]
    assert set(line for line in clean.splitlines() if line.startswith("## ")) <= set(headings)


def test_a_second_repair_changes_nothing_and_line_endings_and_bom_stay(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + DAMAGED.replace("\n", "\r\n").encode("utf-8")
    once, _ = repaired(tmp_path, data)
    assert once.startswith(b"\xef\xbb\xbf") and b"\r\n" in once and b"\n" not in once.replace(b"\r\n", b"")
    twice, _ = repaired(tmp_path, once)
    assert twice == once


def test_a_post_without_defects_is_left_byte_for_byte(tmp_path: Path) -> None:
    data = (FIXTURES / "clean.md").read_bytes()
    after, _ = repaired(tmp_path, data)
    assert after == data


def test_diff_shows_the_repairs_and_writes_nothing(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(DAMAGED, encoding="utf-8")
    done = jalint("--diff", "--unsafe-fixes", str(post))
    assert done.returncode == 1
    assert done.stdout.startswith("--- a/") and "-利用登録の手続きは、バスの中でも五分ほどで済むように工夫されて\n" in done.stdout
    assert post.read_text(encoding="utf-8") == DAMAGED


# -- the safety net itself ------------------------------------------------------


def test_lost_sentences_accepts_copies_cut_offs_and_glued_fragments() -> None:
    before = "一つ目の文です。二つ目の文です。\n\n二つ目の\n\n三つ目の文です。\n"
    assert lost_sentences(before, "一つ目の文です。二つ目の文です。\n\n三つ目の文です。\n") == []
    # A fragment run into the next sentence keeps that sentence (as the end of a kept one).
    assert lost_sentences("前の段落です。\n\n次に来る文です。\n", "前の段落です。\n\n途中で切れた次に来る文です。\n") == []
    assert lost_sentences(before, "一つ目の文です。\n\n三つ目の文です。\n") == ["二つ目の文です。", "二つ目の"]


def test_lost_sentences_ignores_what_a_rule_was_asked_to_remove() -> None:
    before = "承知いたしました。\n\n本文の一文目です。\n"
    after = "本文の一文目です。\n"
    assert lost_sentences(before, after) == ["承知いたしました。"]
    assert lost_sentences(before, after, ignore=[Span(0, len("承知いたしました。"))]) == []


def _deleting(text: str, rule: str, piece: str) -> Diagnostic:
    start = text.index(piece)
    span = Span(start, start + len(piece))
    location = Location(1, 1, 1, 1, 1, 1)
    return Diagnostic("post.md", rule, "structure", "error", "重複", span, location,
                      fix=FixInfo("unsafe", (FixEdit(span, location, ""),)))


@pytest.mark.parametrize("verified", [True, False])
def test_a_repair_that_would_lose_a_sentence_is_refused_and_reported(verified: bool) -> None:
    text = "残すべき大切な一文です。\n\n繰り返された段落の一文です。\n\n繰り返された段落の一文です。\n"

    def lint(current: str) -> list[Diagnostic]:
        found = []
        if "大切な一文" in current:  # a wrong repair: it deletes the only copy of a sentence
            found.append(_deleting(current, "duplicate-paragraph", "残すべき大切な一文です。\n\n"))
        if current.count("繰り返された段落") == 2:  # a right one: the later copy goes
            found.append(_deleting(current, "duplicate-paragraph", "\n\n繰り返された段落の一文です。"))
        return found

    rules = frozenset({"duplicate-paragraph"}) if verified else frozenset()
    fixed, remaining = fix_until_stable(text, lint, unsafe=True, newline="\n", verified=rules)
    if not verified:  # without the net the wrong repair goes through: what the net is for
        assert "大切な一文" not in fixed
        return
    assert "残すべき大切な一文です。" in fixed and fixed.count("繰り返された段落") == 1
    refusals = [d for d in remaining if d.rule == "repair-refused"]
    assert len(refusals) == 1 and "残すべき大切な一文です。" in refusals[0].message
    assert refusals[0].fix is None


def test_statistics_after_a_repair_count_what_was_fixed_by_rule(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(DAMAGED, encoding="utf-8")
    done = jalint("--fix", "--unsafe-fixes", "--statistics", str(post))
    lines = {line.split()[1]: line for line in done.stdout.splitlines() if line.strip()}
    for rule in ("duplicate-paragraph", "truncated-paragraph", "duplicate-heading"):
        assert rule in lines and "fixed " in lines[rule], done.stdout
    assert lines["duplicate-paragraph"].split()[0] == "0"  # none left


def test_a_template_label_before_the_title_and_a_copied_front_matter_go(tmp_path: Path) -> None:
    post = ('---\ntitle: "港町の図書館が始めた移動書庫"\ndate: 2025-06-01\n---\n\n'
            "タイトル：港町の図書館が始めた移動書庫\n\n"
            "港町の図書館は、昨年の春から小型バスを使った移動書庫を走らせています。\n\n"
            '---\ntitle: "港町の図書館が始めた移動書庫"\ndate: 2025-06-01\n---\n\n'
            "運行表は季節ごとに見直され、冬は雪の少ない午前中に回る決まりです。\n")
    after, report = repaired(tmp_path, post.encode("utf-8"))
    text = after.decode("utf-8")
    assert "タイトル：" not in text and text.count("title:") == 1, text
    assert "repair-refused" not in report
    assert text.endswith("移動書庫を走らせています。\n\n運行表は季節ごとに見直され、冬は雪の少ない午前中に回る決まりです。\n")


def test_an_empty_question_heading_goes_but_a_heading_holding_prose_stays(tmp_path: Path) -> None:
    # A closing question mark makes no sentence of a heading: the empty heading is deleted (dangling-heading).
    post = ('---\ntitle: "港町の図書館の移動書庫"\ndate: 2025-06-01\n---\n\n## 始まり\n\n'
            "移動書庫は昨年の春に走り始めました。\n\n### この取り組みはどこへ向かうのか？\n\n---\n\n"
            "## 関連記事\n\n- [関連する記事](/2025/01/01/other/)\n")
    after, report = repaired(tmp_path, post.encode("utf-8"))
    assert "どこへ向かうのか" not in after.decode("utf-8") and "repair-refused" not in report
    # Text run into the heading line after its question mark is prose: deleting the heading would lose it.
    assert lost_sentences("## 何が変わるのか？ 窓口の待ち時間は半分になりました。\n", "") == [
        "何が変わるのか?", "窓口の待ち時間は半分になりました。"]
    assert lost_sentences("## 何が変わるのか？\n", "") == []


def test_the_continuation_prompts_pointing_back_is_reworded(tmp_path: Path) -> None:
    post = ('---\ntitle: "港町の図書館の移動書庫"\ndate: 2025-06-01\n---\n\n'
            "移動書庫は冬の間も毎週走っています。運行表は冬の時刻表をもとに作られています。\n\n"
            "既存の記事でも触れましたが、移動書庫は冬の間も毎週走っています。\n\n"
            "運行表は、既存の記事で触れた冬の時刻表に沿って組まれ、既存の記事でも触れられているように、利用者も増えました。\n\n"
            "この点は既存の記事でも触れました。\n")
    after, report = repaired(tmp_path, post.encode("utf-8"))
    text = after.decode("utf-8")
    assert "前述のとおり、移動書庫は冬の間も毎週走っています。" in text
    assert "運行表は、前述の冬の時刻表に沿って組まれ、前述のとおり、利用者も増えました。" in text
    assert "この点は既存の記事でも触れました。" in text  # no rewording fits every such sentence: left for a person
    assert "repair-refused" not in report
