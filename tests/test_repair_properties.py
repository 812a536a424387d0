"""Property tests of the repairs: damage a clean post at random, repair it, check nothing was lost.

A clean post is built from distinct sentences (written for this test) in
paragraphs under headings. The damage is what generators do: exact copies of
paragraphs, a paragraph cut off mid-sentence and restarted in full further
down, and a paragraph that merges earlier ones. After `--fix --unsafe-fixes`
(in-process, through the runner) the sentence invariant must hold; where the
damage was only copies and cut-offs, the repaired post must be the clean one.
The profile follows tests/test_properties.py (`JALINT_HYPOTHESIS_PROFILE=long`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jalint.config import Config  # noqa: E402
from jalint.repair_check import lost_sentences  # noqa: E402
from jalint.runner import RunRequest, Target, check_target  # noqa: E402

settings.register_profile("repair-default", max_examples=15, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("repair-long", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("repair-long" if os.environ.get("JALINT_HYPOTHESIS_PROFILE") == "long" else "repair-default")

SENTENCES = [
    "港の倉庫では、入荷した木箱の数を毎朝二回数えて記録しています。",
    "記録は夕方に本社へ送られ、翌日の配送計画の土台になります。",
    "冬場は海が荒れる日が多く、船の到着が半日ほど遅れることもあります。",
    "そのため倉庫の担当者は、天気図を見ながら作業の順番を入れ替えています。",
    "新しく導入した棚は、重い荷物でもたわまないように鉄骨で補強されました。",
    "棚の配置を変えてから、通路を行き来する時間はおよそ三割短くなりました。",
    "若手の作業員には、ベテランが一人ずつ付いて荷扱いのこつを教えています。",
    "教わった内容は手帳にまとめられ、次の新人へと引き継がれていきます。",
    "地域の小学校から見学の依頼があり、春には子どもたちが倉庫を訪れました。",
    "見学の最後には、フォークリフトの運転席に座る体験が一番の人気でした。",
    "来年は冷蔵設備を増やし、鮮魚を扱う取引先との契約を広げる予定です。",
    "設備の更新には補助金も使えるため、担当者は申請の準備を進めています。",
]
HEADINGS = ["## 毎日の記録", "## 天候との付き合い方", "## 棚と通路の工夫", "## 人を育てる仕組み"]


@st.composite
def clean_posts(draw: st.DrawFn) -> list[list[str]]:
    """Sections of paragraphs (each paragraph one or two distinct sentences)."""
    sentences = draw(st.permutations(SENTENCES))
    sections, cursor = [], 0
    for _ in range(draw(st.integers(2, 4))):
        paragraphs = []
        for _ in range(draw(st.integers(1, 3))):
            size = draw(st.integers(1, 2))
            if cursor + size > len(sentences):
                break
            paragraphs.append("".join(sentences[cursor : cursor + size]))
            cursor += size
        if paragraphs:
            sections.append(paragraphs)
    return sections


def render(sections: list[list[str]], extra: dict[int, list[str]] | None = None) -> str:
    lines = ["---", 'title: "港の倉庫の一年"', "date: 2025-04-01", "---", ""]
    for number, paragraphs in enumerate(sections):
        lines += [HEADINGS[number], ""]
        for paragraph in [*paragraphs, *((extra or {}).get(number, []))]:
            lines += [paragraph, ""]
    return "\n".join(lines)


def repair(text: str, tmp: Path) -> str:
    post = tmp / "post.md"
    post.write_text(text, encoding="utf-8")
    check_target(Target(post, str(post), Config(None, tmp)), post.read_bytes(),
                 RunRequest(fix=True, unsafe_fixes=True))
    return post.read_text(encoding="utf-8")


def _cut(paragraph: str, fraction: float) -> str:
    """The paragraph cut mid-sentence, at least a few characters into its last sentence."""
    at = max(len(paragraph) - len(paragraph.split("。")[-2]) + 6, int(len(paragraph) * fraction))
    return paragraph[: min(at, len(paragraph) - 3)]


@given(clean_posts(), st.data())
def test_copies_and_restarts_are_repaired_to_the_clean_post(tmp_path_factory, sections, data) -> None:
    clean = render(sections)
    paragraphs = [(number, p) for number, section in enumerate(sections) for p in section]
    extra: dict[int, list[str]] = {}
    damaged_sections = [list(section) for section in sections]
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(st.sampled_from(["copy", "cut"]))
        number, paragraph = data.draw(st.sampled_from(paragraphs))
        later = data.draw(st.integers(number, len(sections) - 1))
        if kind == "copy":
            extra.setdefault(later, []).append(paragraph)
        else:  # the paragraph is cut off at its place and restarted in full at the end of a later section
            section = damaged_sections[number]
            if paragraph not in section:
                continue
            section[section.index(paragraph)] = _cut(paragraph, data.draw(st.floats(0.3, 0.9)))
            extra.setdefault(later, []).append(paragraph)
    damaged = render(damaged_sections, extra)
    repaired = repair(damaged, tmp_path_factory.mktemp("repair"))
    assert lost_sentences(damaged, repaired) == []
    assert repaired == clean, f"damaged:\n{damaged}\nrepaired:\n{repaired}"


@given(clean_posts(), st.data())
def test_merged_paragraphs_keep_their_new_text(tmp_path_factory, sections, data) -> None:
    paragraphs = [p for section in sections for p in section]
    merged = data.draw(st.lists(st.sampled_from(paragraphs), min_size=2, max_size=3, unique=True))
    new_sentence = "この夏からは、夜間の入荷にも対応できるよう照明を増やしました。"
    damaged = render(sections, {len(sections) - 1: [" ".join(merged) + new_sentence]})
    repaired = repair(damaged, tmp_path_factory.mktemp("repair"))
    assert lost_sentences(damaged, repaired) == []
    assert repaired.count(new_sentence) == 1
    for paragraph in merged:
        assert repaired.count(paragraph) == 1, repaired
