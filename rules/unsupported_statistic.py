"""## What it finds
A figure about the world (a share, multiple, amount or count) with no source in its sentence or the one before.

It looks for a percentage
(75%, ７５％, 75パーセント), a share in 割 (3割) or points, 「3人に1人」, a
multiple (2倍), an amount with 万/億/兆 and a unit (500億円, 1兆ドル, 3万人), a
growth rate (前年比20%増, CAGR 15%) or a count of companies or users with
以上/超 (100社以上), when neither its sentence nor the sentence before names a
source (「…によると」「…の調査」「…が発表した」「レポート」「出典」, or a research
firm or agency such as IDC or 総務省), links one, or carries a footnote
reference (`[^1]`). A vendor's claim stated as such (「…を謳っています」「…と同社は
主張しています」) or a named party's own evaluation (「富士通の初期評価では」) counts as
its source. A figure in a list item may also be attributed by the
sentence that introduces the list, and a figure already attributed earlier in
the post (even in a mention that is otherwise excluded, such as 「…を達成したという
ニュースを地元紙が報じた」) stays attributed when it comes back. The finding points at the figure
phrase (「75%以上の企業」). A figure the post repeats is reported once, at its
first mention, with the other places as related locations.

A figure in a table cell is checked too (「| API利用企業数 | 50万社以上 |」): its
source may stand in the row, the table's header, the sentence right above the
table or a caption right under it (「出典：…」). A table is reported once, at its
first unsourced figure, with the others as related places.

A source that names nobody (「ある調査によると」「専門家によれば」「参照データ」), or a
news item or announcement only pointed at (「このニュースを最初に目にした時」), does
not count.

Not reported, because they are not claims that need a source:
- dates, versions, durations, model names and list numbers (no pattern matches
  them), headings, code, link text, quotes in 「」『』“” and blockquotes;
- hypothetical examples and worked arithmetic (仮に, 〜と仮定すると, 〜とすれば,
  〜たとしても, 試算すると, 「例えば…場合」, 「A社では」, `15時間 × 12か月 = 180時間`),
  and label lines under an estimate heading (「## ROI試算」 … 「導入コスト: 5,000万円」);
- anonymous illustrations: 「ある清掃サービス企業では…」, the writer's own project
  (「私が以前担当したプロジェクトでは」), 「…を30%削減した事例もあります」, a case study
  that names no company (「## 事例1：中小運送会社のAI配車導入」, unlike
  「事例1：ダイキン工業 ― …」) and the story of an anonymised A社 told in a list or section;
- figures of speech: 「8割完成のドラフト」「8割方」「最後の2割」「残りの1割」;
- in a guide to one product, that product's own documented price, rate or spec
  (「キャッシュヒット時は入力コストが90%削減されます」 in a post titled after the API,
  the product named in the sentence or the one before); its adoption or market
  figures stay checked;
- the writer's expected effects (a list captioned 「期待効果」 or introduced by
  「…効果が期待できます」, 「期待される効果:」, 「（例：20%減）」), unless an item cites a case;
- the shares of a tally the post says it made itself (「編集部が681社のWebサイトデータを
  分析した結果」);
- short questions about a figure (headlines such as 「…1000億ドルの真意とは？」)
  and the post's headline line repeated at the top of the body;
- a figure pointed back to after its first mention (「この75%という数字」,
  「今回の500億円は」, 「10億ユーロか、なるほど」, 「人材不足（63.9%）」), a currency conversion in brackets (「223億元（約4700億円）」),
  the complement of a share (「残りの20%」), 100% and 0% used as idioms;
- prices and fees of an offering (「月額3万円」), thresholds (「80%を超えると」),
  goals (「まずは80%を目指し」), fines set by a law, cost estimates labelled
  as such (「費用感：」), and the population, staff or profile of a named place or
  company (「人口約18万人の市」「年間売上：100億円」): such descriptions can be
  looked up and are not the survey-style claims generators invent.

Figures, cues, sources, vague sources and exclusions are data:
`unsupported_statistic.toml` next to this module is a Vale-like pack a team can
extend.

## Why it matters
Generators fill text with plausible numbers, and pipelines that rewrite posts
inject them (「多くの企業」 becomes 「75%以上の企業」). A reader cannot tell an
invented figure from a measured one unless the post says where it comes from,
and one invented number costs the whole post its credibility.

## Example
```markdown
生成AIを業務に取り入れる動きは、中小企業にも広がっています。すでに75%以上の企業が何らかの形で試験導入を始めており、市場規模は2030年に1兆ドルに達する見込みです。
```

## Use instead
```markdown
生成AIを業務に取り入れる動きは、中小企業にも広がっています。商工団体連合会が2025年に公表した調査によると、回答した企業の42%が何らかの形で試験導入を始めていました。
```

## Options
- `check-amounts` (default true): report amounts with 万/億/兆 and a unit and
  counts of companies or users; false keeps only shares (%, 割, points) and multiples (倍).
- `check-multiples` (default true): report multiples such as 2倍.
- `lookback-sentences` (default 1): how many sentences before the figure's own
  may hold its source (0: only the figure's own sentence).
- `extra-attribution-cues` (default `()`): more regexes that attribute a figure
  when they occur in its sentence or the ones looked back at (e.g. a house
  style's 「（編集部集計）」).

## Fix safety
No fix: only the writer knows the source, or whether the number should go.
"""

from __future__ import annotations

from collections.abc import Iterator

from jalint.document import Document
from jalint.rule import Finding, option, Related, Rule, RuleOptions
from jalint.rules._statistics import GROUPS, Candidate, Settings, shared_candidates


class Options(RuleOptions):
    check_amounts: bool = option(True, "Report amounts with 万/億/兆 and a unit, and counts of companies or users.")
    check_multiples: bool = option(True, "Report multiples such as 2倍.")
    lookback_sentences: int = option(1, "How many sentences before the figure's own may hold its source.")
    extra_attribution_cues: tuple[str, ...] = option((), "More regexes that attribute a figure in reach.", regex=True)


def settings_for(options: Options) -> Settings:
    groups = set(GROUPS)
    if not options.check_amounts:
        groups.discard("amount")
    if not options.check_multiples:
        groups.discard("multiple")
    return Settings(
        groups=frozenset(groups),
        lookback=max(0, options.lookback_sentences),
        extra_cues=tuple(options.extra_attribution_cues),
    )


def message(candidate: Candidate, repeats: int = 0) -> str:
    again = f"（この記事では同じ数値をほかに {repeats} 箇所で使っています）" if repeats else ""
    return (
        f"数値「{candidate.phrase}」の根拠が示されていません{again}。"
        "出典（調査名・発表元）を同じ文か直前の文に示すか、リンクや脚注を付けてください。"
    )


def table_message(candidate: Candidate, others: int) -> str:
    more = f"ほか {others} 個の数値" if others else ""
    return (
        f"表の数値「{candidate.phrase}」{more}の根拠が示されていません。"
        "表を紹介する文か表の下に出典（調査名・発表元）を示すか、リンクを付けてください。"
    )


class UnsupportedStatistic(Rule[Options]):
    name = "unsupported-statistic"
    category = "claims"
    scope = "document"
    severity = "warning"
    Options = Options

    def check(self, doc: Document, _: Document) -> Iterator[Finding]:
        found = shared_candidates(doc, settings_for(self.options))
        repeats: dict[str, list[Candidate]] = {}
        for candidate in found:
            if candidate.verdict == "repeat":
                repeats.setdefault(candidate.key, []).append(candidate)
        tables: dict[int, list[Candidate]] = {}
        for candidate in found:
            if candidate.verdict != "unattributed":
                continue
            if doc.blocks[candidate.sentence.block_index].kind == "table":
                tables.setdefault(candidate.sentence.block_index, []).append(candidate)
                continue
            later = repeats.get(candidate.key, [])
            related = tuple(Related(c.span, f"同じ数値「{c.phrase}」の別の箇所") for c in later)
            yield Finding(candidate.span, message(candidate, len(later)), related=related)
        # One finding a table: its source belongs above or under it, once, not in every cell.
        for first, *others in tables.values():
            related = tuple(Related(c.span, f"同じ表の数値「{c.phrase}」") for c in others)
            yield Finding(first.span, table_message(first, len(others)), related=related)
