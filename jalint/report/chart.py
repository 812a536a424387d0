"""The findings-per-month chart, drawn as inline SVG (no library, no script: it shows even without JS).

One bar per month of the posts' dates, stacked by severity, every month between
the first and the last shown (a quiet month is a zero, so a change in the
pipeline reads as a step), and posts without a date in a last "不明" bar.
"""

from __future__ import annotations

import math
from html import escape

from jalint.names import SEVERITIES
from jalint.report.stats import MonthCount

WIDTH, HEIGHT = 960, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 64
SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}
UNKNOWN_LABEL = "不明"


def month_chart(months: dict[str | None, MonthCount]) -> str:
    if not months:
        return '<p class="empty">指摘はありません。</p>'
    top = _nice_ceiling(max(m.total for m in months.values()))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(months)
    bar = max(1.0, slot * 0.72)
    label_every = max(1, math.ceil(len(months) / 24))
    parts = [f'<svg class="month-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             'aria-labelledby="month-chart-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="month-chart-title">記事の日付の月ごとの指摘数（重大度別の積み上げ）</title>']
    parts += _axis(top, plot_width, plot_height)
    for number, (month, counts) in enumerate(months.items()):
        x = LEFT + number * slot + (slot - bar) / 2
        parts.append(_bucket(month, counts, x, bar, top, plot_height, show_label=number % label_every == 0
                             or month is None, show_value=len(months) <= 24))
    parts.append("</svg>")
    return "".join(parts)


def _axis(top: int, plot_width: float, plot_height: float) -> list[str]:
    parts = []
    for step in range(5):
        value = top * step // 4  # `top` is four whole steps
        y = TOP + plot_height - plot_height * value / top
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_width}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value:,}</text>')
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + plot_width}" y1="{TOP + plot_height}" '
                 f'y2="{TOP + plot_height}"/>')
    return parts


def _bucket(month: str | None, counts: MonthCount, x: float, bar: float, top: int, plot_height: float,
            show_label: bool, show_value: bool) -> str:
    name = month or UNKNOWN_LABEL
    detail = "、".join(f"{SEVERITY_LABELS[s]} {counts.by_severity[s]:,}" for s in SEVERITIES if counts.by_severity[s])
    tooltip = f"{name}: 指摘 {counts.total:,} 件（{detail or 'なし'}）、指摘のある記事 {counts.posts:,} 件"
    parts = [f'<g class="bucket{" unknown" if month is None else ""}" data-month="{escape(name)}" '
             f'data-findings="{counts.total}" data-posts="{counts.posts}"><title>{escape(tooltip)}</title>']
    baseline = TOP + plot_height
    for severity in SEVERITIES:  # errors at the bottom: the part that matters most keeps a fixed base
        height = plot_height * counts.by_severity[severity] / top
        if height > 0:
            baseline -= height
            parts.append(f'<rect class="sev-{severity}" x="{x:.1f}" y="{baseline:.1f}" width="{bar:.1f}" '
                         f'height="{height:.1f}"/>')
    if show_value and counts.total:
        parts.append(f'<text class="value" x="{x + bar / 2:.1f}" y="{baseline - 4:.1f}" '
                     f'text-anchor="middle">{counts.total:,}</text>')
    if show_label:
        label_y = TOP + plot_height + 14
        parts.append(f'<text class="label" x="{x + bar / 2:.1f}" y="{label_y}" text-anchor="end" '
                     f'transform="rotate(-40 {x + bar / 2:.1f} {label_y})">{escape(name)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _nice_ceiling(value: int) -> int:
    """The top of the axis: four equal whole grid steps of a round size (1, 1.2, 1.5, 2, … × 10^k) that reach `value`."""
    if value <= 4:
        return 4
    power = 10 ** int(math.floor(math.log10(value / 4)))
    for factor in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        step = factor * power
        if step == int(step) and 4 * step >= value:
            return int(4 * step)
    return 40 * power
