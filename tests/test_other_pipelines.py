"""Posts from other generation pipelines (issue 11), end to end with every default rule.

A misplaced front matter must be one finding, named for what it is, with no
title, tag, excerpt or setext findings that only follow from it; `--fix`
moves the block back to the first line and loses nothing else.
"""

from __future__ import annotations

import json

POST = """---
title: "社内問い合わせをAIで減らす三つの手順"
date: 2025-09-14 08:00:00 +0900
excerpt: "問い合わせの種類を数え、答えを一か所にまとめ、AIに下書きを任せるまでの手順を紹介します。"
tags: [生成AI, ヘルプデスク]
---

社内の問い合わせ窓口には、同じ質問が毎日のように届きます。担当者は同じ答えを何度も書き、そのたびに手元の作業が止まります。

## 問い合わせの種類を数える

まず一か月分の問い合わせを種類ごとに数えます。パスワードの再設定と経費の締め日の質問だけで、全体の半分を占めることも珍しくありません。

## 答えを一か所にまとめる

よくある質問の答えを社内の一つのページにまとめます。生成AIに下書きを任せるのは、その後です。ヘルプデスクの担当者が答えを確かめてから公開します。
"""


def _findings(run, path: str) -> list[dict]:
    return json.loads(run("check", path, "--no-cache", "--format", "json").stdout)["findings"]


def test_the_clean_post_is_clean(run, workdir, write_post) -> None:
    write_post(workdir, "post.md", POST)
    assert _findings(run, "post.md") == []


def test_front_matter_under_a_blank_line_is_one_finding(run, workdir, write_post) -> None:
    write_post(workdir, "post.md", "\n" + POST)
    found = _findings(run, "post.md")
    assert [(f["rule"], f["line"]) for f in found] == [("front-matter-placement", 1)]
    assert found[0]["fix"]["applicability"] == "safe"


def test_toml_front_matter_under_blank_lines_is_one_finding(run, workdir, write_post) -> None:
    toml = POST.replace("---\ntitle:", "+++\ntitle =", 1).replace('date: 2025-09-14 08:00:00 +0900', "date = 2025-09-14")
    toml = toml.replace("excerpt: ", "excerpt = ").replace("tags: [生成AI, ヘルプデスク]\n---", 'tags = ["生成AI", "ヘルプデスク"]\n+++')
    write_post(workdir, "post.md", toml)
    assert _findings(run, "post.md") == []
    write_post(workdir, "post.md", "\n \n" + toml)
    assert [(f["rule"], f["line"]) for f in _findings(run, "post.md")] == [("front-matter-placement", 1)]


def test_fix_moves_the_block_to_the_first_line(run, workdir, write_post) -> None:
    path = write_post(workdir, "post.md", "\ufeff\n\n" + POST)
    result = run("check", "post.md", "--no-cache", "--fix")
    assert result.exit_code == 0, result.stdout
    assert path.read_bytes() == ("\ufeff" + POST).encode("utf-8")


def _front_matter_and_body() -> tuple[str, str]:
    front_matter, body = POST.split("\n\n", 1)
    return front_matter + "\n", body


def test_a_copied_front_matter_in_the_body_is_one_finding_and_goes_whole(run, workdir, write_post) -> None:
    front_matter, body = _front_matter_and_body()
    indented = "\n".join(" " + line if line else line for line in front_matter.split("\n"))
    for copy in (front_matter, indented):  # as written, and with every line indented by one space
        path = write_post(workdir, "post.md", front_matter + "\n" + copy + "\n" + body)
        found = _findings(run, "post.md")
        assert [(f["rule"], f["line"]) for f in found] == [("generation-leftover", 8)]  # not a setext heading too
        assert "2つ目のフロントマター" in found[0]["message"]
        assert found[0]["fix"]["applicability"] == "unsafe"
        run("check", "post.md", "--no-cache", "--fix", "--unsafe-fixes")
        assert path.read_text(encoding="utf-8") == POST
