"""Size bounds (issue 14): files over file-too-large's limits get that one finding; below them the structures that
once took quadratic time give the results they must, from code whose cost is linear.

Speed itself is measured by benchmarks/size_bounds.py (the slopes are in docs/reliability.md); these tests pin
behaviour. The hostile inputs are kept a few thousand blocks long: before the fixes they took tens of seconds
(the same-title post) to minutes (the short lines), which CI would not let land.
"""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from jalint.sections import Heading, section_closers
from jalint.positions import Span

FRONT = '---\ntitle: "大きさの検査"\ndate: 2025-01-01\n---\n\n'
LIMITS = '[rules.file-too-large]\nmax-bytes = 2000\nmax-lines = 50\n'


def _json(result) -> list[dict]:  # noqa: ANN001
    return json.loads(result.stdout)["findings"]


def _findings(result) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(f["rule"], f["line"]) for f in _json(result)]


def test_a_file_over_max_bytes_is_one_finding_naming_the_limit(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    write_post(workdir, "big.md", FRONT + "大きな段落の本文です。" * 100 + "\n")
    result = run("check", "--no-cache", "--format", "json", "big.md")
    assert result.exit_code == 1
    assert _findings(result) == [("file-too-large", 1)]
    message = _json(result)[0]["message"]
    assert "2,000 バイト" in message and "max-bytes" in message


def test_a_file_over_max_lines_is_one_finding_naming_the_limit(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    write_post(workdir, "lines.md", FRONT + "あ\n" * 60)
    result = run("check", "--no-cache", "--format", "json", "lines.md")
    assert _findings(result) == [("file-too-large", 1)]
    assert "50 行" in _json(result)[0]["message"]


def test_lone_cr_lines_count_as_lines(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    write_post(workdir, "cr.md", (FRONT + "あ\n" * 60).replace("\n", "\r"))
    assert _findings(run("check", "--no-cache", "--format", "json", "cr.md")) == [("file-too-large", 1)]


def test_a_file_at_the_limits_is_linted(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    body = "倉庫の作業計画は、前日の出荷予測をもとに毎晩自動で組み直しています。\n\n"
    write_post(workdir, "ok.md", FRONT + body * 2)
    found = _findings(run("check", "--no-cache", "--format", "json", "ok.md"))
    assert ("duplicate-paragraph", 8) in found
    assert "file-too-large" not in {rule for rule, _ in found}


def test_an_oversized_file_is_not_decoded(run, workdir, write_post):
    # Invalid UTF-8 would be an encoding finding if the file were read as a post.
    write_post(workdir, ".jalint.toml", LIMITS)
    write_post(workdir, "junk.md", FRONT.encode() + b"\xff\xfe\x00" * 1000)
    assert _findings(run("check", "--no-cache", "--format", "json", "junk.md")) == [("file-too-large", 1)]


def test_standard_input_over_the_limit(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    text = FRONT + "あ\n" * 60
    assert _findings(run("check", "--no-cache", "--format", "json", "-", input=text)) == [("file-too-large", 1)]
    echoed = run("check", "--no-cache", "--fix", "-", input=text)
    assert echoed.stdout == text  # a filter passes through what it does not lint


def test_turning_the_rule_off_removes_the_limit(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    write_post(workdir, "lines.md", FRONT + "倉庫の作業計画は、前日の出荷予測をもとに毎晩自動で組み直しています。\n\n" * 30)
    found = _findings(run("check", "--no-cache", "--format", "json", "--ignore", "file-too-large", "lines.md"))
    assert "file-too-large" not in {rule for rule, _ in found}
    assert ("duplicate-paragraph", 8) in found


def test_an_override_raises_the_limit_for_some_files(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS + '\n[[overrides]]\nfiles = ["archive/**"]\n'
               '[overrides.rules.file-too-large]\nmax-lines = 1000\n')
    text = FRONT + "あ\n" * 60
    write_post(workdir, "archive/old.md", text)
    write_post(workdir, "new.md", text)
    found = _json(run("check", "--no-cache", "--format", "json", "archive/old.md", "new.md"))
    assert [(f["path"], f["rule"]) for f in found if f["rule"] == "file-too-large"] == [("new.md", "file-too-large")]


def test_fix_leaves_an_oversized_file_byte_identical(run, workdir, write_post):
    write_post(workdir, ".jalint.toml", LIMITS)
    text = (FRONT + "同じ段落です。\n\n" * 30).encode()
    path = write_post(workdir, "lines.md", text)
    run("check", "--no-cache", "--fix", "--unsafe-fixes", "lines.md")
    assert path.read_bytes() == text


def test_the_default_limits_are_far_above_a_real_post(run, workdir, write_post):
    write_post(workdir, "post.md", FRONT + "本文の段落です。\n\n" * 5000)  # 10,000 lines, 120 kB
    found = _findings(run("check", "--no-cache", "--format", "json", "--select", "file-too-large", "post.md"))
    assert found == []


# -- section ends in one pass ---------------------------------------------------------------


def _heading(kind: str, level: int, index: int) -> Heading:
    return Heading(kind, level, index + 1, Span(index, index + 1), Span(index, index + 1), f"h{index}", index)


def _closers_by_search(headings: list[Heading], pseudo_closed_by_markdown_only: bool) -> list[int | None]:
    """The definition: the next heading of the same or a higher level (for pseudo ones, optionally Markdown only)."""
    found: list[int | None] = []
    for position, heading in enumerate(headings):
        closer = None
        for later in range(position + 1, len(headings)):
            other = headings[later]
            if pseudo_closed_by_markdown_only and heading.kind == "pseudo" and other.kind == "pseudo":
                continue
            if other.level <= heading.level:
                closer = later
                break
        found.append(closer)
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["atx", "setext", "pseudo"]), st.integers(1, 6)), max_size=40),
       st.booleans())
def test_section_closers_match_the_definition(shape: list[tuple[str, int]], markdown_only: bool) -> None:
    headings = [_heading(kind, level, i) for i, (kind, level) in enumerate(shape)]
    assert section_closers(headings, markdown_only) == _closers_by_search(headings, markdown_only)


# -- hostile structures, with the findings they must give -------------------------------------


def test_thousands_of_headings_with_the_same_title(run, workdir, write_post):
    body = "".join(f"## まとめ\n\n検査{i}の結果を書きました。\n\n" for i in range(3000))
    write_post(workdir, "same.md", FRONT + body)
    result = run("check", "--no-cache", "--format", "json", "--select", "duplicate-heading,dangling-heading", "same.md")
    found = _findings(result)
    assert len(found) == 2999 and {rule for rule, _ in found} == {"duplicate-heading"}
    assert found[0] == ("duplicate-heading", 10)


def test_a_restarted_section_among_thousands_is_still_dropped_whole(run, workdir, write_post):
    sections = [f"## 節{i}\n\n記録{i}の本文を書きました。\n\n" for i in range(2000)]
    sections.insert(1500, sections[700])  # section 700 restarted, word for word
    path = write_post(workdir, "restart.md", FRONT + "".join(sections))
    run("check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "duplicate-heading", "restart.md")
    text = path.read_text(encoding="utf-8")
    assert text.count("## 節700\n") == 1 and text.count("記録700の本文") == 1
    assert text == FRONT + "".join(s for i, s in enumerate(sections) if i != 1500)


def test_thousands_of_short_cut_off_paragraphs(run, workdir, write_post):
    rng = random.Random(14)
    words = ["あ", "い", "う", "え", "お"]
    body = "".join(f"{rng.choice(words)}\n{rng.choice(words)}\n\n" for _ in range(5000))
    write_post(workdir, "short.md", FRONT + body)
    result = run("check", "--no-cache", "--format", "json", "--select", "truncated-paragraph", "short.md")
    assert result.exit_code in (0, 1)
    assert all(rule == "truncated-paragraph" for rule, _ in _findings(result))


def test_a_short_fragment_still_finds_its_restart(run, workdir, write_post):
    filler = "".join(f"段落{i}はここで終わります。\n\n" for i in range(300))
    write_post(workdir, "cut.md", FRONT + "物流の\n\n" + filler + "物流の改善は二年目から本格化しました。\n")
    result = run("check", "--no-cache", "--format", "json", "--select", "truncated-paragraph", "cut.md")
    found = _json(result)
    assert [(f["rule"], f["line"]) for f in found] == [("truncated-paragraph", 6)]
    assert "608 行目" in found[0]["message"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.booleans()), max_size=25), st.integers(0, 95))
def test_the_repeated_text_index_finds_the_first_span_holding_an_offset(shape, offset) -> None:
    from jalint.rules._paragraphs import RepeatedSpans

    spans = [(Span(start, start + length), whole) for start, length, whole in shape]
    expected = next(((copy, whole) for copy, whole in spans if copy.start <= offset < copy.end), None)
    assert RepeatedSpans(spans).first_containing(offset) == expected


def test_a_long_post_with_many_copies_keeps_prose_findings_out_of_them(run, workdir, write_post):
    # 2,000 sections, and a copy of the second one's paragraph after the third: its weak phrase is reported at the
    # first place only (the engine's quiet-in-repeated-text filter, once a scan per finding over every copy).
    sections = []
    for i in range(2000):
        sections.append(f"## 節{i}\n\n記録{i}の担当者は、この方式が最善の選択だと言えるかもしれません。\n\n")
    sections.insert(3, sections[1].replace("## 節1\n\n", ""))
    write_post(workdir, "long.md", FRONT + "".join(sections))
    result = run("check", "--no-cache", "--format", "json", "--select", "weak-phrase,duplicate-paragraph", "long.md")
    found = _findings(result)
    assert ("duplicate-paragraph", 18) in found
    weak_lines = [line for rule, line in found if rule == "weak-phrase"]
    assert len(weak_lines) == 2000 and 12 in weak_lines and 18 not in weak_lines
