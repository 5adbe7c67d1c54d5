"""A small SVG bar chart per figure series; embedded as a data URL so every format carries it.

Bars are evenly spaced in date order (figures are reported at uneven intervals, so a time
axis would mislead more than it helps); each bar is labelled with its value and date, and a
range value shows its low end as a lighter band::

    >>> from briefing.select import FigureItem, Series
    >>> pts = tuple(FigureItem("f%d" % i, 1, "d", (0, 1), "x", value=str(v), number=v, unit="parties",
    ...             date=d, date_iso=d) for i, (v, d) in enumerate([(206, "2012"), (247, "2021")]))
    >>> svg = chart_svg(Series("s", "parties", pts))
    >>> svg.startswith("<svg") and "247" in svg and "2012" in svg
    True
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

WIDTH, HEIGHT = 520, 220
TOP, BOTTOM, LEFT, RIGHT = 48, 40, 16, 16
INK, BAR, BAND, GRID = "#1f2a44", "#2f5d8a", "#a9c1d9", "#d9dee5"
FONT = "DejaVu Sans, Arial, sans-serif"


def chart_svg(series: Any) -> str:
    """The SVG text of one series' chart (every label escaped)."""
    points = list(series.points)
    top = max((p.number for p in points), default=1.0) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    bar_w = min(64.0, slot * 0.6)
    title = escape(series.label[:1].upper() + series.label[1:])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" role="img" aria-label="{title}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="18" font-size="13" font-weight="bold" fill="{INK}">{title}</text>',
    ]
    base_y = TOP + plot_h
    for frac in (0.5, 1.0):
        y = base_y - plot_h * frac
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
                   'stroke-dasharray="3 3"/>')
    out.append(f'<line x1="{LEFT}" y1="{base_y}" x2="{WIDTH - RIGHT}" y2="{base_y}" stroke="{INK}"/>')
    for i, p in enumerate(points):
        cx = LEFT + slot * (i + 0.5)
        h = plot_h * (p.number / top)
        x, y = cx - bar_w / 2, base_y - h
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>')
        if p.low is not None:
            lh = plot_h * (p.low / top)
            out.append(f'<rect x="{x:.1f}" y="{base_y - h:.1f}" width="{bar_w:.1f}" height="{h - lh:.1f}" '
                       f'fill="{BAND}"/>')
        out.append(f'<text x="{cx:.1f}" y="{y - 6:.1f}" font-size="12" text-anchor="middle" fill="{INK}">'
                   f"{escape(p.value)}</text>")
        out.append(f'<text x="{cx:.1f}" y="{base_y + 16}" font-size="11" text-anchor="middle" fill="{INK}">'
                   f"{escape(p.date or 'undated')}</text>")
        out.append(f'<text x="{cx:.1f}" y="{base_y + 30}" font-size="9" text-anchor="middle" fill="#6b7280">'
                   f"[{int(p.source)}]</text>")
    out.append("</svg>")
    return "".join(out)


def chart_data_url(series: Any) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(series).encode("utf-8")).decode("ascii")


def chart_markdown(series: Any) -> str:
    """A Markdown image of the chart, with a class the stylesheet sizes."""
    from .env import md_escape

    return f"![Chart: {md_escape(series.label)}]({chart_data_url(series)}){{.chart}}"
