"""`jalint report`: the self-contained HTML report, end to end through the command line.

The posts are `tests/report_fixtures/` (written for these tests), copied to a
temporary folder: four posts with findings (January and March 2024 by their
dates, one whose file name says February but whose front matter says March,
one draft without any date) and one clean post. The markup post holds
`</script>`, `<b>太字</b>` and an emoji before a flagged figure.

What is held here: the page loads nothing (no URL in a `src`, `href` or CSS),
its numbers equal `jalint check --statistics` for the same run, `--from` saved
JSON gives the same page, post text cannot break out of its JSON block, the
month buckets, exit codes and messages for bad input, the atomic write, and
(when Chromium is installed) what a browser shows, with no request made.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from jalint.report.dates import month_of_file_name, post_facts
from jalint.report.model import Post, ReportInput
from jalint.report.page import render

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "report_fixtures"
MARKUP_POST = "_posts/2024-03-02-markup-in-text.md"
SCRIPT_BLOCK = re.compile(r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture posts, copied, as the current folder (so the report names them `_posts/...`)."""
    shutil.copytree(FIXTURES, tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    return tmp_path / "site"


def data_blocks(html: str) -> dict[str, Any]:
    return {element_id: json.loads(text) for element_id, text in SCRIPT_BLOCK.findall(html)}


def make_report(run, *args: str, output: Path) -> str:  # noqa: ANN001 - the conftest fixture
    result = run("report", *args, "-o", str(output))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"jalint: wrote {output} (")
    return output.read_text(encoding="utf-8")


def post_number(html: str, path: str) -> int:
    return [post["p"] for post in data_blocks(html)["jalint-index"]["posts"]].index(path)


# -- self-contained ------------------------------------------------------------------------------------------
def test_the_page_loads_nothing_from_anywhere(run, site: Path, tmp_path: Path) -> None:
    html = make_report(run, ".", "--no-cache", output=tmp_path / "report.html")
    markup = SCRIPT_BLOCK.sub("", html)  # the data blocks are text, never loaded
    assert not re.search(r"""\b(?:src|href|srcset|action|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//""", markup,
                         re.IGNORECASE)
    assert not re.search(r"<(?:link|iframe|img|object|embed|base)\b", markup, re.IGNORECASE)
    assert not re.search(r"<script\b(?![^>]*type=\"application/json\")[^>]*\bsrc\s*=", markup, re.IGNORECASE)
    assert not re.search(r"url\(|@import|@font-face|fetch\(|XMLHttpRequest|WebSocket|importScripts", markup)
    # And a browser would refuse anything that slipped through.
    assert "default-src 'none'" in markup
    assert markup.count("<style>") == 1 and markup.count("<script>") == 1  # inline style and script


# -- the numbers ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["examples", "tests/report_fixtures"])
@pytest.mark.parametrize("selection", [(), ("--select", "structure,front-matter", "--ignore", "pseudo-heading")])
def test_numbers_equal_check_statistics(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str,
                                        selection: tuple[str, ...]) -> None:
    monkeypatch.chdir(REPO)
    statistics = run("check", where, "--no-cache", *selection, "--statistics", "--format", "json")
    assert statistics.exit_code in (0, 1), statistics.stderr
    by_rule = {row["rule"]: row["count"] for row in json.loads(statistics.stdout)}
    listed = json.loads(run("check", where, "--no-cache", *selection, "--format", "json").stdout)
    summary = listed["summary"]

    html = make_report(run, where, "--no-cache", *selection, output=tmp_path / "report.html")
    stats = data_blocks(html)["jalint-index"]["stats"]
    assert by_rule and stats["by_rule"] == by_rule
    assert stats["total"] == sum(by_rule.values()) == summary["findings"]
    assert stats["by_severity"] == {"error": summary["errors"], "warning": summary["warnings"],
                                    "info": summary["infos"]}
    assert stats["posts_with_findings"] == len({f["path"] for f in listed["findings"]})
    assert stats["files"] == summary["files"]

    # What the overview shows is the same.
    shown = dict(re.findall(r'data-stat="(\w+)" data-value="(\d+)"', html))
    assert shown == {"total": str(summary["findings"]), "error": str(summary["errors"]),
                     "warning": str(summary["warnings"]), "info": str(summary["infos"]),
                     "posts": str(stats["posts_with_findings"])}
    table = {rule: int(n) for rule, n in re.findall(r'<tr data-rule="([^"]+)">.*?data-count="(\d+)"', html)}
    assert table == by_rule
    assert list(table) == [row["rule"] for row in json.loads(statistics.stdout)]  # the same order


def test_the_fixture_run_as_expected(run, site: Path, tmp_path: Path) -> None:
    """The fixture posts give what the other tests count on (a rule change that moves them shows here first)."""
    html = make_report(run, ".", "--no-cache", output=tmp_path / "report.html")
    index = data_blocks(html)["jalint-index"]
    assert index["stats"]["files"] == 5 and index["stats"]["posts_with_findings"] == 4
    assert index["stats"]["total"] == 11
    assert all(index["stats"]["by_severity"].values())  # errors, warnings and an info


def test_baseline_and_selection_apply_as_in_check(run, site: Path, tmp_path: Path) -> None:
    assert run("baseline", "create", ".", "--no-cache").exit_code == 0
    html = make_report(run, ".", "--no-cache", "--baseline", ".jalint-baseline.json", output=tmp_path / "a.html")
    assert data_blocks(html)["jalint-index"]["stats"]["total"] == 0
    assert 'data-stat="posts" data-value="0"' in html

    html = make_report(run, ".", "--no-cache", "--select", "duplicate-paragraph", output=tmp_path / "b.html")
    assert data_blocks(html)["jalint-index"]["stats"]["by_rule"] == {"duplicate-paragraph": 2}


# -- --from ---------------------------------------------------------------------------------------------------
def _without_header(html: str) -> str:
    """The page less the line that says when and from what it was made."""
    return re.sub(r'<p class="meta">.*?</p>', "", html, count=1)


def test_from_saved_json_gives_the_same_report(run, site: Path, tmp_path: Path) -> None:
    saved = run("check", ".", "--no-cache", "--format", "json")
    (tmp_path / "findings.json").write_text(saved.stdout, encoding="utf-8")
    direct = make_report(run, ".", "--no-cache", output=tmp_path / "direct.html")
    loaded = make_report(run, "--from", str(tmp_path / "findings.json"), output=tmp_path / "from.html")
    assert data_blocks(loaded) == data_blocks(direct)
    assert _without_header(loaded) == _without_header(direct)
    assert "--from " in loaded

    piped = run("report", "--from", "-", "-o", str(tmp_path / "piped.html"), input=saved.stdout)
    assert piped.exit_code == 0, piped.stderr
    assert data_blocks((tmp_path / "piped.html").read_text(encoding="utf-8")) == data_blocks(direct)


def test_from_saved_json_reads_sources_beside_it(run, site: Path, tmp_path: Path, monkeypatch) -> None:
    """Paths in the JSON are relative to where the check ran; the saved file usually sits there."""
    saved = run("check", ".", "--no-cache", "--format", "json")
    (site / "findings.json").write_text(saved.stdout, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    html = make_report(run, "--from", "site/findings.json", output=tmp_path / "from.html")
    blocks = data_blocks(html)
    assert all(post["s"] for post in blocks["jalint-index"]["posts"])


def test_from_saved_json_without_the_post_shows_findings_without_source(run, site: Path, tmp_path: Path) -> None:
    saved = run("check", ".", "--no-cache", "--format", "json")
    (tmp_path / "findings.json").write_text(saved.stdout, encoding="utf-8")
    direct = data_blocks(make_report(run, ".", "--no-cache", output=tmp_path / "direct.html"))
    (site / MARKUP_POST).unlink()
    (site / "drafts" / "undated-idea.md").unlink()

    html = make_report(run, "--from", str(tmp_path / "findings.json"), output=tmp_path / "from.html")
    blocks = data_blocks(html)
    index = blocks["jalint-index"]
    assert index["stats"] == direct["jalint-index"]["stats"]  # the numbers do not need the sources
    number = post_number(html, MARKUP_POST)
    assert index["posts"][number]["s"] is False
    assert blocks[f"jalint-post-{number}"]["text"] is None
    assert blocks[f"jalint-post-{number}"]["f"] == direct[f"jalint-post-{number}"]["f"]
    assert index["posts"][number]["m"] == "2024-03"  # from the file name now


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe\x00garbage", "not valid JSON"),
    (b"[]", "not the output of `jalint check --format json`"),
    (b'{"version": 2, "findings": []}', "schema version 2"),
    (b'{"version": 1, "findings": [{"path": "a.md"}]}', "finding 1: 'rule' must be a string"),
    (b'{"version": 1, "findings": [{"path": "a.md", "rule": "r", "category": "c", "severity": "fatal", '
     b'"message": "m"}]}', "'severity' must be one of"),
    (b'{"version": 1, "findings": [{"path": "a.md", "rule": "r", "category": "c", "severity": "error", '
     b'"message": "m", "line": 0, "column": 1, "end_line": 1, "end_column": 1}]}', "'line' must be a positive"),
    (b'{"version": 1, "findings": [{"path": "a.md", "rule": "r", "category": "c", "severity": "error", '
     b'"message": "m", "line": 1, "column": 1, "end_line": 1, "end_column": 1, "related": [], '
     b'"fix": {"applicability": "safe", "edits": [{"line": 1}]}}]}', "each fix edit needs a 'replacement'"),
])
def test_bad_saved_input_is_one_line_and_exit_2(run, tmp_path: Path, content: bytes | None, message: str) -> None:
    saved = tmp_path / "findings.json"
    if content is not None:
        saved.write_bytes(content)
    result = run("report", "--from", str(saved), "-o", str(tmp_path / "out.html"))
    assert result.exit_code == 2
    assert result.stderr.startswith("jalint: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.html").exists()


def test_from_refuses_paths_and_check_options(run, site: Path, tmp_path: Path) -> None:
    (tmp_path / "findings.json").write_text('{"version": 1, "findings": []}', encoding="utf-8")
    for extra in (["."], ["--select", "structure"], ["--baseline", "b.json"]):
        result = run("report", "--from", str(tmp_path / "findings.json"), *extra, "-o", str(tmp_path / "o.html"))
        assert result.exit_code == 2 and "--from builds the report from saved findings" in result.stderr


# -- exit codes and writing ------------------------------------------------------------------------------------
def test_findings_do_not_fail_the_report_but_errors_do(run, site: Path, tmp_path: Path) -> None:
    assert run("check", ".", "--no-cache").exit_code == 1
    assert run("report", ".", "--no-cache", "-o", str(tmp_path / "a.html")).exit_code == 0
    missing = run("report", ".", "no-such-folder", "--no-cache", "-o", str(tmp_path / "b.html"))
    assert missing.exit_code == 2 and "no-such-folder: no such file or folder" in missing.stderr
    assert (tmp_path / "b.html").exists()  # the report of what could be read is still written


def test_unwritable_output_is_exit_2(run, site: Path, tmp_path: Path) -> None:
    result = run("report", ".", "--no-cache", "-o", str(tmp_path / "missing" / "report.html"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"jalint: error: cannot write {tmp_path / 'missing'}")


def test_the_report_is_written_atomically_with_a_normal_mode(run, site: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "report.html"
    output.parent.mkdir()
    output.write_text("old report", encoding="utf-8")
    os.chmod(output, 0o640)
    make_report(run, ".", "--no-cache", output=output)
    assert os.stat(output).st_mode & 0o777 == 0o640  # a replaced report keeps its mode
    assert [p.name for p in output.parent.iterdir()] == ["report.html"]  # no temporary file left

    fresh = tmp_path / "out" / "fresh.html"
    make_report(run, ".", "--no-cache", output=fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(fresh).st_mode & 0o777 == 0o666 & ~mask


# -- escaping ---------------------------------------------------------------------------------------------------
def test_post_text_cannot_break_the_page(run, site: Path, tmp_path: Path, write_post) -> None:  # noqa: ANN001
    write_post(site, "下書き<i>/2024-04-01-tags.md",
               '---\ntitle: "題名の </script><b>太字</b> と & 記号"\ndate: 2024-04-01\n---\n\n**見出し代わり**\n\n'
               "本文です。<!-- 注釈 --> と ]]> も書いておきます。\n")
    html = make_report(run, ".", "下書き<i>", "--no-cache", output=tmp_path / "report.html")
    assert html.count("</script>") == html.count("<script")  # every closer closes a block the page opened
    assert "<b>太字</b>" not in html and "<!-- 注釈" not in html
    assert "入力 <code>. 下書き&lt;i&gt;</code>" in html  # markup the page writes itself is escaped

    blocks = data_blocks(html)
    markup = blocks[f"jalint-post-{post_number(html, MARKUP_POST)}"]["text"]
    assert "ブログの本文に </script> と書くと" in markup and "<b>太字</b>" in markup
    titles = [post["t"] for post in blocks["jalint-index"]["posts"]]
    assert "題名の </script><b>太字</b> と & 記号" in titles
    # The script itself never turns data into markup.
    script = html[html.rindex("<script>"):]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script


# -- months -------------------------------------------------------------------------------------------------------
def test_month_chart_buckets(run, site: Path, tmp_path: Path) -> None:
    html = make_report(run, ".", "--no-cache", output=tmp_path / "report.html")
    buckets = {month: (int(findings), int(posts)) for month, findings, posts in
               re.findall(r'<g class="bucket[^"]*" data-month="([^"]+)" data-findings="(\d+)" data-posts="(\d+)"',
                          html)}
    # February has no post left (its file's front matter says March) but stays on the axis as a zero.
    assert buckets == {"2024-01": (3, 1), "2024-02": (0, 0), "2024-03": (6, 2), "不明": (2, 1)}
    assert list(buckets) == ["2024-01", "2024-02", "2024-03", "不明"]
    index = data_blocks(html)["jalint-index"]
    assert {post["p"]: post["m"] for post in index["posts"]}["drafts/undated-idea.md"] is None


@pytest.mark.parametrize(("text", "path", "month"), [
    ("---\ndate: 2024-05-31 23:59:00 +0000\n---\n", "_posts/2024-04-01-a.md", "2024-05"),  # front matter wins
    ("---\ntitle: 題\n---\n", "_posts/2024-04-01-a.md", "2024-04"),  # else the file name
    ('---\ndate: "2023-11-02"\n---\n', "a.md", "2023-11"),
    ("+++\ndate = 2022-07-09T10:00:00Z\n+++\n", "a.md", "2022-07"),  # Hugo's TOML
    ("---\ndate: 2021-03-04\ntitle: [unclosed\n---\n", "a.md", "2021-03"),  # broken YAML: the date line still counts
    ("---\ndate: 2024-13-01\n---\n", "a.md", None),
    ("本文だけ。\n", "notes/idea.md", None),
    (None, "_posts/2020-02-29-leap.md", "2020-02"),  # no source: the file name
])
def test_month_of_a_post(text: str | None, path: str, month: str | None) -> None:
    assert post_facts(text, path).month == month


def test_an_impossible_file_name_date_is_no_date() -> None:
    assert month_of_file_name("_posts/2023-02-30-slug.md") is None


# -- scale --------------------------------------------------------------------------------------------------------
def test_120000_findings_stay_data_not_markup() -> None:
    """2,500 posts of 48 findings: the page holds them as JSON blocks, with no per-post markup to lay out."""
    posts = []
    for number in range(2500):
        path = f"_posts/2023-{number % 12 + 1:02d}-01-post-{number}.md"
        text = "---\ntitle: 題\n---\n" + "".join(f"段落 {line} の本文です。\n\n" for line in range(100))
        findings = [{"path": path, "rule": f"rule-{k % 6}", "category": "structure",
                     "severity": ("error", "warning", "info")[k % 3], "message": "同じ段落があります。",
                     "line": 4 + 2 * k, "column": 1, "end_line": 4 + 2 * k, "end_column": 8, "related": [],
                     "fix": {"applicability": "unsafe", "edits": [{"line": 4 + 2 * k, "column": 1,
                                                                   "end_line": 6 + 2 * k, "end_column": 1,
                                                                   "replacement": ""}]}}
                    for k in range(48)]
        posts.append(Post(path, findings, text, "題", f"2023-{number % 12 + 1:02d}"))
    started = time.perf_counter()
    html = render(ReportInput(posts, 2500, "test", "synthetic"))
    assert time.perf_counter() - started < 60  # about a second here; a generous bound for a busy machine
    markup = SCRIPT_BLOCK.sub("", html)
    assert len(markup) < 100_000  # overview and empty containers only
    assert markup.count("<tr") < 40
    blocks = data_blocks(html)
    assert len(blocks) == 2501 and blocks["jalint-index"]["stats"]["total"] == 120_000


# -- packaging ----------------------------------------------------------------------------------------------------
def test_the_page_assets_are_packaged() -> None:
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "jalint.report" in setuptools["packages"]
    assert set(setuptools["package-data"]["jalint.report"]) >= {"*.css", "*.js"}
    assert (REPO / "jalint" / "report" / "report.js").is_file() and (REPO / "jalint" / "report" / "report.css").is_file()


# -- in a browser -------------------------------------------------------------------------------------------------
def _chromium() -> str:
    from tests.headless_chromium import find_chromium

    found = find_chromium()
    if found is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get: chromium fonts-noto-cjk)")
    return found


_LOOK = """(() => {
  const box = (node) => { const r = node.getBoundingClientRect(); return {w: r.width, h: r.height, top: r.top}; };
  const onTop = (node) => {
    const r = node.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + Math.min(r.width, 8) / 2, r.top + r.height / 2);
    return hit !== null && (hit === node || node.contains(hit));
  };
  const mark = document.querySelector("#detail mark.active");
  mark.scrollIntoView({block: "center"});
  const line8 = document.getElementById("src-L8");
  const result = {
    mark: {text: mark.textContent, box: box(mark), onTop: onTop(mark), background: getComputedStyle(mark).backgroundColor},
    note: document.querySelector("#detail .note.flash .message").textContent,
    title: document.querySelector("#detail h2").textContent,
    line8: line8.querySelector(".code").textContent,
    boldInDetail: document.querySelectorAll("#detail b").length,
    tableRows: document.querySelectorAll("#post-rows tr").length,
  };
  window.scrollTo(0, 0);
  const overview = document.getElementById("overview");
  result.overview = {box: box(overview), onTop: onTop(document.querySelector('[data-stat="total"]')),
                     total: document.querySelector('[data-stat="total"]').textContent};
  result.bars = Array.from(document.querySelectorAll(".month-chart .bucket")).map(
      (g) => ({month: g.dataset.month, height: g.getBoundingClientRect().height, top: g.getBoundingClientRect().top}));
  result.chartOnTop = onTop(document.querySelector(".month-chart rect.sev-error"));
  return result;
})()"""


def test_in_chromium_overview_chart_and_highlighted_finding_show_without_any_request(
        run, site: Path, tmp_path: Path) -> None:
    from tests.headless_chromium import Browser, ConnectionRecorder, Page

    executable = _chromium()
    report = tmp_path / "report.html"
    html = make_report(run, ".", "--no-cache", output=report)
    number = post_number(html, MARKUP_POST)
    flagged = [f[2] for f in data_blocks(html)[f"jalint-post-{number}"]["f"]]
    finding = next(k for k, message in enumerate(flagged) if "75%以上" in message)

    recorder = ConnectionRecorder()
    try:
        with Browser(executable, tmp_path / "profile", recorder.port) as browser:
            page = Page(browser, 1280, 900)
            # The post is named by its path in the address, as a link in a chat would name it.
            page.open(f"{report.as_uri()}#post={quote(MARKUP_POST, safe='')}&finding={finding}")
            seen = page.evaluate(_LOOK)
            page.screenshot(tmp_path / "overview.png")
            page.evaluate("document.querySelector('#detail mark.active').scrollIntoView({block: 'center'})")
            page.screenshot(tmp_path / "finding.png")
            requested = page.requested_urls()
            errors = page.console_errors()
    finally:
        recorder.close()

    assert errors == []
    assert seen["title"] == "記事の中に書かれたタグの扱い"
    # The flagged figure after an emoji (two UTF-16 units, one code point) is marked exactly.
    assert seen["mark"]["text"] == "75%以上"
    assert seen["mark"]["onTop"] and seen["mark"]["box"]["w"] > 0 and seen["mark"]["box"]["h"] > 0
    assert seen["mark"]["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "75%以上" in seen["note"]
    assert "</script>" in seen["line8"] and "<b>太字</b>" in seen["line8"] and seen["boldInDetail"] == 0
    assert seen["tableRows"] == 4
    assert seen["overview"]["onTop"] and seen["overview"]["total"] == "11"
    assert [bar["month"] for bar in seen["bars"]] == ["2024-01", "2024-02", "2024-03", "不明"]
    heights = {bar["month"]: bar["height"] for bar in seen["bars"]}
    assert heights["2024-03"] > heights["2024-01"] > 0 and heights["不明"] > 0
    assert seen["chartOnTop"]
    for name in ("overview.png", "finding.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG") and (tmp_path / name).stat().st_size > 10_000
    assert requested and all(url.startswith(("file:", "data:", "about:")) for url in requested), requested
    assert recorder.received == [], f"connections made: {recorder.received}"


def test_a_file_too_large_to_lint_is_listed_without_its_source(run, site: Path, tmp_path: Path) -> None:
    (site / ".jalint.toml").write_text("[rules.file-too-large]\nmax-bytes = 2000\n", encoding="utf-8")
    big = site / "_posts" / "2024-03-09-export-dump.md"
    big.write_text('---\ntitle: "書き出しの失敗"\n---\n\n' + "同じ行が何度も書き出されました。\n" * 300, encoding="utf-8")
    html = make_report(run, ".", "--no-cache", output=tmp_path / "report.html")
    blocks = data_blocks(html)
    number = post_number(html, "_posts/2024-03-09-export-dump.md")
    assert blocks["jalint-index"]["posts"][number]["s"] is False
    assert blocks[f"jalint-post-{number}"]["text"] is None
    assert len(blocks[f"jalint-post-{number}"]["f"]) == 1
    assert "何度も書き出されました" not in html
