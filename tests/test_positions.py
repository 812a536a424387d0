"""Exact positions: front-matter spans, CRLF and BOM, code-point columns, UTF-16
columns for GitHub, carets under full-width text, sentences, headings, sections.
"""

from __future__ import annotations

import json
import re

import pytest

from jalint.document import Document
from jalint.positions import LineIndex, Span, byte_column, display_width, utf16_column
from jalint.reporters.text import source_window
from jalint.source import Source, decode
from tests.rule_harness import lint_with

pytestmark = pytest.mark.usefixtures("proof_rules_only")


def document(text: str, path: str = "post.md") -> Document:
    decoded = decode(path, text.encode("utf-8"))
    assert isinstance(decoded, Source)
    return Document(decoded)


def cut(doc: Document, span: Span) -> str:
    return doc.text[span.start : span.end]


def where(doc: Document, span: Span) -> tuple[int, int]:
    position = doc.lines.position(span.start)
    return position.line, position.column


# -- front matter ---------------------------------------------------------------------

YAML_POST = """---
title: "生成AIで議事録をまとめる"
tags:
  - 議事録
  - 生成AI
date: 2025-11-04 09:00:00 +0900
draft: false
---

本文です。
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_yaml_front_matter_spans(newline, bom):
    doc = document(bom + YAML_POST.replace("\n", newline))
    front_matter = doc.front_matter
    assert front_matter is not None
    assert front_matter.format == "yaml"
    assert front_matter.problem is None
    assert list(front_matter.entries) == ["title", "tags", "date", "draft"]

    title = front_matter.entries["title"]
    assert title.value == "生成AIで議事録をまとめる"
    assert cut(doc, title.key_span) == "title"
    assert cut(doc, title.value_span) == '"生成AIで議事録をまとめる"'
    assert where(doc, title.key_span) == (2, 1)
    assert where(doc, title.value_span) == (2, 8)

    tags = front_matter.entries["tags"]
    assert tags.value == ["議事録", "生成AI"]
    assert [cut(doc, item.span) for item in tags.items] == ["議事録", "生成AI"]
    assert [where(doc, item.span) for item in tags.items] == [(4, 5), (5, 5)]

    date = front_matter.entries["date"]
    assert where(doc, date.value_span) == (6, 7)
    assert cut(doc, date.value_span) == "2025-11-04 09:00:00 +0900"
    assert front_matter.get("draft") is False

    # The block runs from the opening to the closing delimiter; the body follows it.
    assert where(doc, front_matter.span) == (1, 1)
    assert doc.lines.line_of(front_matter.span.end) == 8
    assert doc.body_start_line == 9


def test_toml_front_matter_spans():
    doc = document('+++\ntitle = "音声入力で下書きを作る"\ntags = ["音声認識", "執筆"]\n+++\n\n本文です。\n')
    front_matter = doc.front_matter
    assert front_matter.format == "toml"
    assert front_matter.problem is None
    title = front_matter.entries["title"]
    assert title.value == "音声入力で下書きを作る"
    assert where(doc, title.key_span) == (2, 1)
    assert cut(doc, title.value_span) == '"音声入力で下書きを作る"'
    assert where(doc, title.value_span) == (2, 9)
    assert front_matter.get("tags") == ["音声認識", "執筆"]


def test_no_front_matter():
    doc = document("本文だけの記事です。\n")
    assert doc.front_matter is None
    assert doc.body_start_line == 1


def test_yaml_error_position_is_a_file_position():
    doc = document('---\ntitle: "議事録"\nsummary: 要約: 三行で\n---\n')
    problem = doc.front_matter.problem
    assert problem is not None
    # PyYAML stops at the second colon: line 3, after "summary: 要約".
    assert where(doc, problem.span) == (3, 12)


def test_toml_error_position_is_a_file_position():
    doc = document('+++\ntitle = "議事録"\ndate = 2025-13-01\n+++\n')
    problem = doc.front_matter.problem
    assert problem is not None
    assert where(doc, problem.span)[0] == 3
    # tomllib's own "(at line 2, ...)" counts from the content and would contradict line 3.
    assert "at line" not in problem.message


# -- line index -------------------------------------------------------------------------


def test_line_index_lf_and_crlf_agree():
    lf = "一行目\n二行目の文\n\n四行目"
    crlf = lf.replace("\n", "\r\n")
    for text in (lf, crlf):
        lines = LineIndex(text)
        assert lines.line_count == 4
        assert lines.line_text(2) == "二行目の文"
        assert lines.line_text(3) == ""
        offset = text.index("の文")
        assert lines.position(offset).line == 2
        assert lines.position(offset).column == 4
        assert lines.position(text.index("四")).column == 1
    crlf_lines = LineIndex(crlf)
    assert crlf_lines.line_end(1) == crlf.index("\r")
    assert crlf_lines.line_end_with_newline(1) == crlf.index("\n") + 1


def test_column_conversions():
    line = "𠮷野家の🍚を食べた"
    column = line.index("を") + 1  # code points: 𠮷 and 🍚 count one each
    assert column == 6
    assert utf16_column(line, column) == 8  # each astral character is two UTF-16 units
    assert byte_column(line, column) == 1 + len(line[:5].encode("utf-8"))
    assert display_width("漢字かなカナ") == 12
    assert display_width("ｶﾅabc") == 5  # half-width katakana is one cell
    assert display_width("𠮷") == 2


# -- positions through the CLI -------------------------------------------------------------

PARAGRAPH = "社内の問い合わせ対応に生成AIを試すなら、まず質問の種類を三つほどに絞るのが近道です。"
# An unused directive after Japanese text on line 5 gives a finding in the middle
# of a line; the copy of PARAGRAPH gives a second finding on line 9.
PREFIX = "朝の会議で決めたこと。"
DIRECTIVE = "<!-- jalint-disable-file front-matter -->"
MID_LINE_POST = f"""---
title: "会議メモ"
---

{PREFIX}{DIRECTIVE}

{PARAGRAPH}

{PARAGRAPH}
"""


def json_findings(run, *args: str, input: bytes | None = None) -> list[dict]:
    result = run("check", *args, "--format", "json", "--fail-level", "info", input=input)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def test_full_width_columns_count_code_points(run, workdir, write_post):
    write_post(workdir, "post.md", MID_LINE_POST)
    found = json_findings(run, "post.md")
    unused = next(f for f in found if f["rule"] == "unused-suppression")
    assert (unused["line"], unused["column"]) == (5, len(PREFIX) + 1)
    assert unused["end_column"] == len(PREFIX) + len(DIRECTIVE) + 1


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_crlf_gives_the_same_positions_as_lf(run, workdir, write_post, bom):
    write_post(workdir, "lf.md", bom + MID_LINE_POST)
    write_post(workdir, "crlf.md", bom + MID_LINE_POST.replace("\n", "\r\n"))
    lf = json_findings(run, "lf.md")
    crlf = json_findings(run, "crlf.md")
    assert [(f["rule"], f["line"]) for f in lf] == [("unused-suppression", 5), ("duplicate-paragraph", 9)]
    for finding in [*lf, *crlf]:
        finding.pop("path")
        for related in finding["related"]:
            related.pop("path")
    assert crlf == lf


def test_bom_gives_column_1_on_line_1(run, workdir, write_post):
    write_post(workdir, "post.md", f"\ufeff{DIRECTIVE}\n\n本文です。\n")
    (finding,) = json_findings(run, "post.md")
    assert (finding["rule"], finding["line"], finding["column"]) == ("unused-suppression", 1, 1)


def test_bom_front_matter_is_still_front_matter(run, workdir, write_post):
    write_post(workdir, "post.md", '\ufeff---\ntitle: "閉じていない\n---\n')
    (finding,) = json_findings(run, "post.md")
    assert (finding["rule"], finding["line"]) == ("front-matter-syntax", 2)


ASTRAL_PREFIX = "𠮷野家で😀朝ごはん。"


def test_github_columns_are_utf16_units(run, workdir, write_post):
    write_post(workdir, "post.md", f"{ASTRAL_PREFIX}{DIRECTIVE}\n")
    (finding,) = json_findings(run, "post.md")
    assert finding["column"] == len(ASTRAL_PREFIX) + 1  # JSON counts code points
    result = run("check", "post.md", "--format", "github")
    (line,) = result.stdout.splitlines()
    utf16_prefix = len(ASTRAL_PREFIX.encode("utf-16-le")) // 2
    assert utf16_prefix == len(ASTRAL_PREFIX) + 2
    assert f",line=1,col={utf16_prefix + 1},endLine=1,endColumn={utf16_prefix + len(DIRECTIVE) + 1}," in line
    assert line.startswith("::notice file=post.md,")


def test_sarif_columns_are_utf16_units(run, workdir, write_post):
    write_post(workdir, "post.md", f"{ASTRAL_PREFIX}{DIRECTIVE}\n")
    result = run("check", "post.md", "--format", "sarif")
    region = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == len(ASTRAL_PREFIX.encode("utf-16-le")) // 2 + 1


def test_text_caret_lines_up_under_full_width_text(run, workdir, write_post):
    # A YAML error in the middle of a full-width line.
    write_post(workdir, "post.md", '---\nsummary: 𠮷野家の朝ごはん: 定番\n---\n')
    result = run("check", "post.md")
    lines = result.stdout.splitlines()
    source = next(i for i, line in enumerate(lines) if re.match(r"^ +2 │ ", line))
    shown, caret = lines[source], lines[source + 1]
    bar = shown.index("│")
    assert caret.index("│") == bar
    caret_cells = display_width(caret[: caret.index("^")])
    target = shown.index(": 定番")  # the second colon, where PyYAML stops
    assert caret_cells == display_width(shown[:target])
    assert caret.count("^") == 1


def test_text_caret_width_covers_the_span(run, workdir, write_post):
    write_post(workdir, "post.md", f"全角の文。{DIRECTIVE}\n")
    lines = run("check", "post.md").stdout.splitlines()
    source = next(i for i, line in enumerate(lines) if "│ 全角の文。" in line)
    caret = lines[source + 1]
    assert display_width(caret[: caret.index("^")]) == display_width(lines[source][: lines[source].index("<!--")])
    assert caret.count("^") == len(DIRECTIVE)


def test_source_window_of_a_long_line():
    line = "あ" * 100 + "問題" + "い" * 100
    column = 101
    shown, caret_at, width = source_window(line, column, column + 2)
    assert shown.startswith("…") and shown.endswith("…")
    assert display_width(shown[: shown.index("問題")]) == caret_at
    assert width == 4  # two full-width characters


# -- sentences ------------------------------------------------------------------------------


def sentences(body: str) -> list[str]:
    doc = document(body)
    return [cut(doc, sentence.span) for sentence in doc.sentences]


def test_sentences_end_at_japanese_terminators():
    assert sentences("一つ目の文です。二つ目です！三つ目？最後\n") == ["一つ目の文です。", "二つ目です！", "三つ目？", "最後"]


def test_sentences_end_at_line_ends():
    assert sentences("改行で終わる行\n次の行です。\n") == ["改行で終わる行", "次の行です。"]


def test_terminators_inside_brackets_do_not_split():
    assert sentences("彼は「もう終わり。帰ろう！」と言った。（補足。以上）続き。『題名。副題』を読む。\n") == [
        "彼は「もう終わり。帰ろう！」と言った。",
        "（補足。以上）続き。",
        "『題名。副題』を読む。",
    ]


def test_a_bracket_never_closed_on_its_line_does_not_join_the_sentences_after_it():
    # A stray 「 opening a generated paragraph made the whole paragraph one sentence (long-sentence reported 300
    # characters where each sentence has 20).
    assert sentences("「導入は順調です。課題は人材です。\n") == ["「導入は順調です。", "課題は人材です。"]
    assert sentences("結論（仮の案。次に続く文です。\n") == ["結論（仮の案。", "次に続く文です。"]
    # A closed quotation inside a sentence still holds its terminators, also next to a stray bracket.
    assert sentences("彼は「高い。安い。」と言った（注。\n") == ["彼は「高い。安い。」と言った（注。"]


def test_a_quotation_that_is_the_whole_line_is_read_as_its_sentences():
    # An interview answer quoted as a whole paragraph is several sentences, as a reader reads it.
    assert sentences("「使い始めて一年です。最初は不安でしたか？いいえ。」\n") == [
        "「使い始めて一年です。",
        "最初は不安でしたか？",
        "いいえ。」",
    ]
    # Not when the quotation is part of a longer sentence.
    assert sentences("「一年です。不安でした。」と担当者は話す。\n") == ["「一年です。不安でした。」と担当者は話す。"]


def test_an_english_sentence_ends_at_its_period_but_initials_and_abbreviations_do_not():
    assert sentences("仕組みです。Think of them as bricks. Small parts add up。\n") == [
        "仕組みです。",
        "Think of them as bricks.",
        "Small parts add up。",
    ]
    assert sentences('He said "It is late. We go now". 次の文。\n') == ['He said "It is late. We go now". 次の文。']
    assert sentences("J. Doe社とMr. Lee、e.g. The caseや3.5. Next版も一文です。\n") == [
        "J. Doe社とMr. Lee、e.g. The caseや3.5. Next版も一文です。"
    ]


def test_closing_brackets_after_a_terminator_stay_with_the_sentence():
    assert sentences("「本当ですか？」次です。\n") == ["「本当ですか？」次です。"]
    assert sentences("終わりです。」次の文。\n") == ["終わりです。」", "次の文。"]


def test_code_spans_and_urls_do_not_split():
    assert sentences("設定は `a.b! c? d。` にします。詳しくは https://example.com/faq?q=ai!x を見てください。\n") == [
        "設定は `a.b! c? d。` にします。",
        "詳しくは https://example.com/faq?q=ai!x を見てください。",
    ]


def test_sentence_spans_point_into_the_file_text():
    doc = document('---\ntitle: "文の位置"\n---\n\n前置きです。**強調した文。**最後の文。\n')
    spans = [sentence.span for sentence in doc.sentences]
    # Markup at the edges is not part of a sentence: the second starts after `**`.
    assert [where(doc, span) for span in spans] == [(5, 1), (5, 9), (5, 17)]
    assert [cut(doc, span) for span in spans] == ["前置きです。", "強調した文。", "最後の文。"]


def test_sentences_come_only_from_paragraphs():
    body = "# 見出しの文。\n\n```\nコードの文。次。\n```\n\n段落の文。\n"
    assert sentences(body) == ["段落の文。"]


# -- headings and sections --------------------------------------------------------------------

STRUCTURED_POST = """---
title: "見出しの構造"
---

導入の段落です。

## 背景

**現場の課題**

課題の説明です。

**解決の方針：**
方針の説明がすぐ続きます。

### 詳細

詳細の段落です。

## まとめ

結びです。
"""


def test_pseudo_headings_are_headings():
    doc = document(STRUCTURED_POST)
    assert [(h.kind, h.level, h.line, h.title) for h in doc.headings] == [
        ("atx", 2, 7, "背景"),
        ("pseudo", 3, 9, "現場の課題"),
        ("pseudo", 3, 13, "解決の方針："),
        ("atx", 3, 16, "詳細"),
        ("atx", 2, 20, "まとめ"),
    ]
    pseudo = doc.headings[1]
    assert cut(doc, pseudo.title_span) == "現場の課題"
    assert where(doc, pseudo.title_span) == (9, 3)


def test_text_right_after_a_pseudo_heading_stays_a_paragraph():
    doc = document(STRUCTURED_POST)
    paragraph_lines = [block.line for _, block in doc.paragraphs]
    assert 14 in paragraph_lines
    assert 13 not in paragraph_lines


def test_bold_inside_a_sentence_is_not_a_heading():
    doc = document("これは**強調**を含む文です。\n\n**太字の文だけれど句点で終わる。**と続く。\n")
    assert doc.headings == []


def test_sections_nest_by_level():
    doc = document(STRUCTURED_POST)
    by_title = {section.heading.title: section for section in doc.sections}
    # 「**解決の方針：**」 with text on the very next line renders as a run-in label,
    # so it is a heading-like line but opens no section.
    assert list(by_title) == ["背景", "現場の課題", "詳細", "まとめ"]
    assert [h.title for h in doc.headings if not h.structural] == ["解決の方針："]
    background = by_title["背景"]
    assert [child.heading.title for child in background.children] == ["現場の課題", "詳細"]
    assert by_title["詳細"].parent is background
    assert by_title["まとめ"].parent is None
    # A section ends where the next heading of the same or a higher level starts.
    assert doc.lines.line_of(background.span.start) == 7
    assert background.span.end == doc.lines.line_start(20)
    assert by_title["まとめ"].span.end == len(doc.text)
    # Own blocks stop at the first sub-heading.
    assert [doc.blocks[i].line for i in by_title["現場の課題"].own_blocks] == [11, 13, 14]
    assert background.own_blocks == []


def test_setext_heading():
    doc = document("本文の前置き。\n\n見出しの行\n---\n\n本文。\n")
    assert [(h.kind, h.level, h.line, h.title) for h in doc.headings] == [("setext", 2, 3, "見出しの行")]


def test_a_setext_heading_over_several_lines_holds_all_of_them():
    # An accidental setext heading is often a whole paragraph: every line above the underline is its text,
    # so a prose rule sees the question mark on its second line (it was missed when only the first line counted).
    doc = document("前置きの段落。\n\n一行目の文です。\n二行目は問いですか？\n---\n\n本文。\n")
    heading = next(block for block in doc.blocks if block.kind == "heading")
    assert doc.text[heading.content.start : heading.content.end] == "一行目の文です。\n二行目は問いですか？"
    findings = lint_with("exclamation-question-mark", doc.text)
    assert [(f.rule, f.location.line) for f in findings] == [("exclamation-question-mark", 4)]


def test_block_kinds_and_lines():
    body = (
        "段落です。\n\n- 項目一\n- 項目二\n\n> 引用です。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```yaml\nkey: value\n```\n\n<!-- メモ -->\n"
    )
    doc = document(body)
    kinds = [(block.kind, block.line, block.end_line) for block in doc.blocks if block.top_level]
    assert kinds == [
        ("paragraph", 1, 1),
        ("list_item", 3, 3),
        ("list_item", 4, 4),
        ("blockquote", 6, 6),
        ("table", 8, 10),
        ("code", 12, 14),
        ("comment", 16, 16),
    ]
    code = next(block for block in doc.blocks if block.kind == "code")
    assert code.info == "yaml"
    # Paragraphs nested in containers are not top-level paragraphs.
    assert [block.line for _, block in doc.paragraphs] == [1]
    assert re.fullmatch(r"\s*", doc.plain(code.span))  # code is not prose


def test_toml_list_items_have_spans():
    doc = document('+++\ntitle = "物流"\ntags = ["生成AI", \'物流\']\n+++\n\n本文です。\n')
    items = doc.front_matter.entries["tags"].items
    assert [item.value for item in items] == ["生成AI", "物流"]
    assert [cut(doc, item.span) for item in items] == ['"生成AI"', "'物流'"]
    assert where(doc, items[1].span) == (3, 17)
