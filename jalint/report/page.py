"""Assembling the report page: overview markup, the data as JSON, and the inline style and script.

Why the split between markup and data: a repository of 2,500 posts with
120,000 findings would make hundreds of thousands of DOM nodes if every post
were rendered up front. The overview is small and rendered here (it reads even
without JavaScript); the posts table and each post's source view are built by
`report.js` from JSON, the post's own block parsed only when it is opened.

Escaping: markup text goes through `html.escape`; JSON inside `<script>` has
`<`, `>` and `&` written as `\\u003c`-style escapes, so no text of a post (not
even `</script>` or `<!--`) can end the block; the script puts text into the
page with `textContent` only.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path
from typing import Any

from jalint.names import SEVERITIES
from jalint.report.chart import SEVERITY_LABELS, UNKNOWN_LABEL, month_chart
from jalint.report.model import Finding, Post, ReportInput
from jalint.report.stats import Stats, count

_ASSETS = Path(__file__).parent
# Chained `str.replace` rather than `str.translate`: it is 15 times faster on the megabytes of post text.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# Nothing may be loaded from anywhere: the page must open the same on a laptop without a network.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def render(report: ReportInput, now: dt.datetime | None = None) -> str:
    stats = count(report)
    rules = [r.rule for r in stats.rules]
    parts = [_head(report, stats, now or dt.datetime.now().astimezone()), _overview(stats), _posts_section(),
             '<section id="detail" hidden></section>\n</main>\n',
             script_json("jalint-index", _index(report, rules, stats))]
    positions = {post.path: number for number, post in enumerate(report.posts)}
    rule_numbers = {rule: number for number, rule in enumerate(rules)}
    for number, post in enumerate(report.posts):
        parts.append(script_json(f"jalint-post-{number}", _post_detail(post, rule_numbers, positions)))
    parts.append(f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n")
    return "".join(parts)


def script_json(element_id: str, value: Any) -> str:
    """A `<script type="application/json">` block that no string inside `value` can close early."""
    text = _encode(value)
    for character, escaped in _JSON_ESCAPES:
        if character in text:
            text = text.replace(character, escaped)
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>\n'


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _head(report: ReportInput, stats: Stats, now: dt.datetime) -> str:
    made = now.strftime("%Y-%m-%d %H:%M %Z").strip()
    return (
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>jalint レポート（指摘 {stats.total:,} 件）</title>\n<style>\n{_asset('report.css')}</style>\n"
        "</head>\n<body>\n<header class=\"page-head\">\n<h1>jalint レポート</h1>\n"
        f'<p class="meta">作成 {escape(made)} ・ jalint {escape(report.jalint)} の検査結果 ・ '
        f"入力 <code>{escape(report.origin)}</code></p>\n"
        '<nav><a href="#overview">概要</a><a href="#posts">指摘の多い記事</a>'
        '<a href="#detail" id="detail-nav" hidden>記事の詳細</a></nav>\n</header>\n'
    )


def _overview(stats: Stats) -> str:
    cards = [_card("total", "指摘の総数", stats.total)]
    cards += [_card(s, SEVERITY_LABELS[s], stats.by_severity[s], f"sev-{s}") for s in SEVERITIES]
    cards.append(_card("posts", "指摘のある記事", stats.posts_with_findings, note=f"検査した {stats.files:,} 記事のうち"))
    return (
        '<main>\n<section id="overview">\n<h2>概要</h2>\n'
        f'<div class="cards">{"".join(cards)}</div>\n'
        '<h3>記事の月ごとの指摘数</h3>\n<p class="hint">記事の日付（front matter の <code>date</code>、なければファイル名の'
        '日付）で月に分けています。生成パイプラインの変更は段差として現れます。棒にカーソルを合わせると内訳を表示します。</p>\n'
        f'<figure class="chart">{month_chart(stats.months)}{_legend()}</figure>\n'
        f"{_month_table(stats)}"
        '<h3>ルール別の指摘数</h3>\n<p class="hint">ルール名を押すと、そのルールの指摘が多い記事に絞り込みます。'
        "ルールの説明は <code>jalint explain ルール名</code> で表示できます。</p>\n"
        f"{_rule_table(stats)}</section>\n"
    )


def _card(key: str, label: str, value: int, extra_class: str = "", note: str = "") -> str:
    note_html = f'<div class="card-note">{escape(note)}</div>' if note else ""
    return (f'<div class="card {extra_class}"><div class="card-label">{escape(label)}</div>{note_html}'
            f'<div class="card-value" data-stat="{key}" data-value="{value}">{value:,}</div></div>')


def _legend() -> str:
    items = "".join(f'<span class="legend-item"><span class="swatch sev-{s}"></span>{SEVERITY_LABELS[s]}</span>'
                    for s in SEVERITIES)
    return f'<figcaption class="legend">{items}</figcaption>'


def _month_table(stats: Stats) -> str:
    rows = []
    for month, counts in stats.months.items():
        per_post = f"{counts.total / counts.posts:.1f}" if counts.posts else "–"
        cells = "".join(f'<td class="num">{counts.by_severity[s]:,}</td>' for s in SEVERITIES)
        rows.append(f'<tr data-month="{escape(month or UNKNOWN_LABEL)}"><th scope="row">{escape(month or UNKNOWN_LABEL)}'
                    f'</th><td class="num">{counts.total:,}</td>{cells}<td class="num">{counts.posts:,}</td>'
                    f'<td class="num">{per_post}</td></tr>')
    heads = "".join(f"<th>{SEVERITY_LABELS[s]}</th>" for s in SEVERITIES)
    return ('<details class="month-table"><summary>月ごとの数値を表で見る</summary>\n<table class="numbers">'
            f"<thead><tr><th>月</th><th>指摘</th>{heads}<th>指摘のある記事</th><th>1 記事あたり</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></details>\n")


def _rule_table(stats: Stats) -> str:
    if not stats.rules:
        return '<p class="empty">指摘はありません。</p>\n'
    rows = []
    for rule in stats.rules:
        cells = "".join(f'<td class="num{" zero" if not rule.by_severity[s] else ""}" data-severity="{s}">'
                        f"{rule.by_severity[s]:,}</td>" for s in SEVERITIES)
        fixable = " / ".join(f"{label} {rule.fixable[kind]:,}" for kind, label in (("safe", "安全"), ("unsafe", "要確認"))
                             if rule.fixable[kind])
        rows.append(f'<tr data-rule="{escape(rule.rule)}"><th scope="row"><button type="button" class="rule-filter" '
                    f'data-rule="{escape(rule.rule)}">{escape(rule.rule)}</button></th>'
                    f"<td>{escape(rule.category)}</td>{cells}"
                    f'<td class="num total" data-count="{rule.total}">{rule.total:,}</td>'
                    f"<td>{fixable or '–'}</td></tr>")
    heads = "".join(f"<th>{SEVERITY_LABELS[s]}</th>" for s in SEVERITIES)
    total = "".join(f'<td class="num">{stats.by_severity[s]:,}</td>' for s in SEVERITIES)
    return ('<table class="numbers rules">'
            f"<thead><tr><th>ルール</th><th>分類</th>{heads}<th>合計</th><th>修正案あり</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody><tfoot><tr><th scope=\"row\">合計</th><td></td>{total}"
            f'<td class="num total">{stats.total:,}</td><td></td></tr></tfoot></table>\n')


def _posts_section() -> str:
    severity_options = "".join(f'<option value="{s}">{SEVERITY_LABELS[s]}</option>' for s in SEVERITIES)
    return (
        '<section id="posts">\n<h2>指摘の多い記事</h2>\n'
        '<div class="filters"><label>ルール <select id="filter-rule"><option value="">すべて</option></select></label>'
        f'<label>重大度 <select id="filter-severity"><option value="">すべて</option>{severity_options}</select></label>'
        '<label>検索 <input type="search" id="filter-query" placeholder="パスやタイトルの一部"></label>'
        '<span id="table-status" class="status" role="status"></span></div>\n'
        '<noscript><p>記事の一覧と詳細の表示には JavaScript が必要です。</p></noscript>\n'
        '<table class="numbers posts" id="post-table"><thead><tr><th>#</th>'
        '<th data-key="path"><button type="button">記事</button></th>'
        '<th data-key="month"><button type="button">月</button></th>'
        + "".join(f'<th data-key="{s}"><button type="button">{SEVERITY_LABELS[s]}</button></th>' for s in SEVERITIES)
        + '<th data-key="count"><button type="button">合計</button></th><th>主なルール</th></tr></thead>'
        '<tbody id="post-rows"></tbody></table>\n'
        '<button type="button" id="more-posts" class="more" hidden>さらに表示</button>\n</section>\n'
    )


def _index(report: ReportInput, rules: list[str], stats: Stats) -> dict[str, Any]:
    """What the table needs for every post: counts by rule and severity, never the findings themselves."""
    rule_numbers = {rule: number for number, rule in enumerate(rules)}
    severity_numbers = {s: number for number, s in enumerate(SEVERITIES)}
    posts = []
    for post in report.posts:
        counts: dict[tuple[int, int], int] = {}
        for finding in post.findings:
            key = (rule_numbers[finding["rule"]], severity_numbers[finding["severity"]])
            counts[key] = counts.get(key, 0) + 1
        posts.append({"p": post.path, "t": post.title, "m": post.month, "s": post.text is not None,
                      "c": [[rule, severity, n] for (rule, severity), n in sorted(counts.items())]})
    return {
        "rules": rules,
        "severities": list(SEVERITIES),
        "posts": posts,
        "stats": {"total": stats.total, "by_severity": stats.by_severity,
                  "by_rule": {r.rule: r.total for r in stats.rules},
                  "posts_with_findings": stats.posts_with_findings, "files": stats.files},
    }


def _post_detail(post: Post, rules: dict[str, int], positions: dict[str, int]) -> dict[str, Any]:
    """One post's source and findings, compact: a report may hold 120,000 findings."""
    severity_numbers = {s: number for number, s in enumerate(SEVERITIES)}
    return {"text": post.text, "f": [_finding_row(f, rules, severity_numbers, positions) for f in post.findings]}


def _finding_row(finding: Finding, rules: dict[str, int], severities: dict[str, int],
                 positions: dict[str, int]) -> list[Any]:
    related = [[positions.get(place["path"], -1), place["path"], place["line"], place["column"], place["message"]]
               for place in finding["related"]]
    fix = finding["fix"]
    edits = None if fix is None else [fix["applicability"], [
        [e["line"], e["column"], e["end_line"], e["end_column"], e["replacement"]] for e in fix["edits"]]]
    return [rules[finding["rule"]], severities[finding["severity"]], finding["message"], finding["line"],
            finding["column"], finding["end_line"], finding["end_column"], related, edits]
