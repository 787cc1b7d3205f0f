"""Charts drawn on the server as inline SVG: no JavaScript, no CDN, readable without styles."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 260, 70, 40, 16
COLOURS = ("#2b6cb0", "#c05621")


def _money(value: Decimal | float) -> str:
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"${value / 1_000_000:.1f}M"
    if abs(value) >= 1_000:
        return f"${value / 1_000:.0f}k"
    return f"${value:,.0f}"


def bar_chart(
    title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]]
) -> SafeString:
    """Grouped bars, one group per label, one bar per series; a legend and a value axis."""
    values = [float(v or 0) for _name, points in series for v in points]
    top = max([*values, 1.0])
    plot_height = HEIGHT - BOTTOM - TOP
    group = (WIDTH - LEFT - 10) / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' role="img" aria-labelledby="chart-title"><title id="chart-title">{escape(title)}</title>'
    ]
    for step in range(5):
        y = TOP + plot_height * step / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        label = _money(top * (4 - step) / 4)
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{label}</text>')
    for index, label in enumerate(labels):
        x0 = LEFT + group * index + group * 0.1
        for number, (name, points) in enumerate(series):
            value = float(points[index] or 0)
            height = plot_height * max(value, 0) / top
            x, y = x0 + bar * number, TOP + plot_height - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}"'
                f' fill="{COLOURS[number % len(COLOURS)]}"><title>{escape(name)} {escape(label)}:'
                f" {_money(value)}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + group * 0.4:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for number, (name, _points) in enumerate(series):
        x = LEFT + 140 * number
        parts.append(
            f'<rect x="{x}" y="{HEIGHT - 14}" width="10" height="10"'
            f' fill="{COLOURS[number % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{HEIGHT - 5}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
