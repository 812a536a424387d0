"""The report's numbers: by rule, by severity, posts with findings, and findings per month.

They are counted from the same findings `jalint check --statistics` counts, so
the two agree for the same run (tests/test_report.py holds them to it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jalint.names import SEVERITIES
from jalint.report.model import ReportInput


@dataclass
class RuleCount:
    rule: str
    category: str
    by_severity: Counter = field(default_factory=Counter)
    fixable: Counter = field(default_factory=Counter)  # by applicability: "safe", "unsafe"

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@dataclass
class MonthCount:
    by_severity: Counter = field(default_factory=Counter)
    posts: int = 0  # posts of that month with at least one finding

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@dataclass
class Stats:
    total: int
    by_severity: dict[str, int]
    rules: list[RuleCount]  # most findings first, then by name (the order of `--statistics`)
    posts_with_findings: int
    files: int
    months: dict[str | None, MonthCount]  # "YYYY-MM" in order, every month between the first and last; None: no date


def count(report: ReportInput) -> Stats:
    rules: dict[str, RuleCount] = {}
    severities: Counter = Counter()
    months: dict[str | None, MonthCount] = {}
    for post in report.posts:
        month = months.setdefault(post.month, MonthCount())
        month.posts += 1
        for finding in post.findings:
            severity = finding["severity"]
            entry = rules.get(finding["rule"])
            if entry is None:
                entry = rules[finding["rule"]] = RuleCount(finding["rule"], finding["category"])
            entry.by_severity[severity] += 1
            if finding["fix"] is not None:
                entry.fixable[finding["fix"]["applicability"]] += 1
            severities[severity] += 1
            month.by_severity[severity] += 1
    ordered = sorted(rules.values(), key=lambda r: (-r.total, r.rule))
    return Stats(sum(severities.values()), {s: severities[s] for s in SEVERITIES}, ordered,
                 sum(1 for post in report.posts if post.findings), report.files, _every_month(months))


MAX_FILLED_MONTHS = 240  # gaps are filled across at most twenty years


def _months_between(first: str, last: str) -> int:
    (y1, m1), (y2, m2) = map(int, first.split("-")), map(int, last.split("-"))
    return (y2 - y1) * 12 + m2 - m1


def _every_month(months: dict[str | None, MonthCount]) -> dict[str | None, MonthCount]:
    """Months in order with the gaps filled (a month without findings is a zero, not a missing bar); no date last."""
    dated = sorted(m for m in months if m is not None)
    filled: dict[str | None, MonthCount] = {}
    if dated and _months_between(dated[0], dated[-1]) > MAX_FILLED_MONTHS:
        filled.update((m, months[m]) for m in dated)  # a stray year 1900 must not draw 1,500 empty bars
    elif dated:
        year, month = map(int, dated[0].split("-"))
        last = tuple(map(int, dated[-1].split("-")))
        while (year, month) <= last:
            key = f"{year:04d}-{month:02d}"
            filled[key] = months.get(key, MonthCount())
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if None in months:
        filled[None] = months[None]
    return filled
