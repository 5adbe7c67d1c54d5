"""A small SVG bar chart per figure series; embedded as a data URL so every format carries it.

Bars are evenly spaced in date order (figures are reported at uneven intervals, so a time
axis would mislead more than it helps). The value axis is labelled with its unit and two
ticks; each bar carries its value and date in short form. The drawing is 360 units wide, the
width of a phone screen, so its text stays readable where the page is narrowest; a range
value shows its low end as a lighter band::

    >>> from briefing.select import FigureItem, Series
    >>> pts = tuple(FigureItem("f%d" % i, 1, "d", (0, 1), "x", value=str(v), number=v, unit="USD",
    ...             date=d, date_iso=d) for i, (v, d) in enumerate([(9.4e9, "2022"), (7.9e9, "2023")]))
    >>> svg = chart_svg(Series("s", "lithium exports (US dollars)", pts))
    >>> svg.startswith("<svg") and "9.4bn" in svg and "2022" in svg and "US dollars" in svg
    True
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from ..phrasing import compact, unit_label

WIDTH, HEIGHT = 360, 262
TOP, BOTTOM, LEFT, RIGHT = 76, 44, 44, 10
INK, BAR, BAND, GRID, MUTED = "#1f2a44", "#2f5d8a", "#a9c1d9", "#d9dee5", "#4b5563"
FONT = "DejaVu Sans, Arial, sans-serif"


def chart_svg(series: Any) -> str:
    """The SVG text of one series' chart (every label escaped)."""
    points = list(series.points)
    top = max((p.number for p in points), default=1.0) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    bar_w = min(48.0, slot * 0.6)
    label = series.label[:1].upper() + series.label[1:]
    unit = unit_label(points[-1].unit) if points else ""
    base_y = TOP + plot_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" role="img" aria-label="{escape(label)}">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        *_title(label),
        f'<text x="4" y="{TOP - 22}" font-size="12" fill="{MUTED}">{escape(unit)}</text>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base_y}" stroke="{INK}"/>',
    ]
    for frac in (0.5, 1.0):
        y = base_y - plot_h * frac
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}" '
                   'stroke-dasharray="3 3"/>')
        out.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="{MUTED}">'
                   f"{escape(compact(top * frac))}</text>")
    out.append(f'<line x1="{LEFT}" y1="{base_y}" x2="{WIDTH - RIGHT}" y2="{base_y}" stroke="{INK}"/>')
    out.append(f'<text x="{LEFT - 4}" y="{base_y + 4}" font-size="11" text-anchor="end" fill="{MUTED}">0</text>')
    for i, p in enumerate(points):
        out += _bar(p, LEFT + slot * (i + 0.5), bar_w, base_y, plot_h, top)
    out.append("</svg>")
    return "".join(out)


def _title(label: str) -> list[str]:
    """The title on one or two lines of at most ~40 characters."""
    words, lines = label.split(), [""]
    for w in words:
        if len(lines[-1]) + len(w) + 1 > 40 and lines[-1] and len(lines) < 2:
            lines.append("")
        lines[-1] = f"{lines[-1]} {w}".strip()
    return [f'<text x="4" y="{18 + 17 * k}" font-size="14" font-weight="bold" fill="{INK}">{escape(line)}</text>'
            for k, line in enumerate(lines)]


def _bar(p: Any, cx: float, bar_w: float, base_y: float, plot_h: float, top: float) -> list[str]:
    h = plot_h * (p.number / top) if top else 0.0
    x, y = cx - bar_w / 2, base_y - h
    out = [f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{BAR}"/>']
    if p.low is not None:
        lh = plot_h * (p.low / top)
        out.append(f'<rect x="{x:.1f}" y="{base_y - h:.1f}" width="{bar_w:.1f}" height="{h - lh:.1f}" fill="{BAND}"/>')
    shown = compact(p.number) if p.low is None else f"{compact(p.low)}–{compact(p.number)}"
    out.append(f'<text x="{cx:.1f}" y="{y - 5:.1f}" font-size="13" text-anchor="middle" fill="{INK}">'
               f"{escape(shown)}</text>")
    out.append(f'<text x="{cx:.1f}" y="{base_y + 17}" font-size="12" text-anchor="middle" fill="{INK}">'
               f"{escape(p.date or 'undated')}</text>")
    out.append(f'<text x="{cx:.1f}" y="{base_y + 33}" font-size="11" text-anchor="middle" fill="{MUTED}">'
               f"[{int(p.source)}]</text>")
    return out


def svg_data_url(svg: str) -> str:
    """An SVG as a ``data:`` URL: the only image source the report sanitiser lets through."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# --------------------------------------------------------------------------- the timeline strip

STRIP_W, STRIP_H = 640, 176
EVENT, TARGET, PERIOD = "#2f5d8a", "#b45309", "#eef2f7"


def _year_of(iso: str) -> float:
    """'2017-08-15' -> 2017.62: a date's place on a time axis, at any precision (middle of the unit)."""
    parts = [int(p) for p in iso[:10].split("-") if p.isdigit()]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 0.5) / 365


def _bins(lo: float, hi: float) -> tuple[float, str]:
    """The bin width in years and its name: months over a short span, years, or decades."""
    span = hi - lo
    if span <= 3:
        return 1 / 12, "month"
    if span <= 60:
        return 1.0, "year"
    return 10.0, "decade"


def timeline_summary(items: Any, targets: Any) -> str:
    """The strip in words (its text alternative): span, busiest period, targets."""
    years = sorted(int(i.date_iso[:4]) for i in items if i.date_iso[:4].isdigit())
    parts = []
    if years:
        busiest = max(set(years), key=lambda y: (years.count(y), y))
        span = f"{years[0]}–{years[-1]}" if years[0] != years[-1] else str(years[0])
        noun = "event" if len(years) == 1 else "events"
        parts.append(f"{len(years)} dated {noun}, {span}; most in {busiest} ({years.count(busiest)})")
    t_years = sorted({t.date_iso[:4] for t in targets})
    if t_years:
        parts.append(f"{len(targets)} target{'s' if len(targets) != 1 else ''} ({', '.join(t_years)})")
    return "Timeline: " + ("; ".join(parts) if parts else "no dated events") + "."


def timeline_svg(items: Any, targets: Any = (), period: tuple[str, str] | None = None) -> str:
    """An SVG strip of events over time: density bars by month, year or decade, the period
    shaded, targets (goals, deadlines) as diamonds in their own lane."""
    points = [_year_of(i.date_iso) for i in items if i.date_iso[:4].isdigit()]
    goals = [(_year_of(t.date_iso), t.date_iso[:4]) for t in targets if t.date_iso[:4].isdigit()]
    marks = [_year_of(p) for p in (period or ()) if p[:4].isdigit()]
    every = points + [g for g, _ in goals] + marks or [2000.5]
    width, unit = _bins(min(every), max(every))
    lo = (min(every) // width) * width
    hi = max((max(every) // width + 1) * width, lo + width)
    left, right, top, base = 16, STRIP_W - 16, 34, 100
    x = lambda t: left + (right - left) * (t - lo) / (hi - lo)  # noqa: E731
    counts: dict[int, int] = {}
    for p in points:
        counts[int((p - lo) // width)] = counts.get(int((p - lo) // width), 0) + 1
    desc = escape(timeline_summary(items, targets))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{STRIP_W}" height="{STRIP_H}" '
           f'viewBox="0 0 {STRIP_W} {STRIP_H}" font-family="{FONT}" role="img" aria-label="{desc}">',
           f"<title>{desc}</title>", f'<rect width="{STRIP_W}" height="{STRIP_H}" fill="#ffffff"/>',
           f'<text x="{left}" y="18" font-size="14" font-weight="bold" fill="{INK}">Events per {unit}</text>']
    if len(marks) == 2:
        x0, x1 = x(min(marks) - 0.5 * width), x(max(marks) + 0.5 * width) if unit != "month" else x(max(marks))
        out.append(f'<rect x="{x0:.1f}" y="{top - 6}" width="{max(x1 - x0, 3):.1f}" height="{base - top + 6}" '
                   f'fill="{PERIOD}"/><text x="{x1:.1f}" y="18" font-size="12" text-anchor="end" '
                   f'fill="#6b7280">shaded: period of the brief</text>')
    tallest = max(counts.values(), default=1)
    bar = max(2.0, (right - left) / ((hi - lo) / width) - 2)
    for k, n in sorted(counts.items()):
        h = max(3.0, (base - top) * n / tallest)  # one event stays visible
        out.append(f'<rect x="{x(lo + k * width) + 1:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                   f'fill="{EVENT}"><title>{n}</title></rect>')
    out.append(f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="{INK}"/>')
    out += _ticks(lo, hi, width, unit, x, base)
    if goals:
        lane = base + 42
        out.append(f'<text x="{left}" y="{lane + 4}" font-size="12" fill="{TARGET}">Targets</text>')
        last, row = -100.0, 0
        for g, label in sorted(set(goals)):
            cx = max(x(g), left + 62)
            row = 1 - row if cx - last < 34 else 0  # a label too near the last one drops a line
            last = cx
            out.append(f'<path d="M{cx:.1f} {lane - 7} l7 7 l-7 7 l-7 -7 z" fill="{TARGET}"><title>{label}</title></path>'
                       f'<text x="{cx:.1f}" y="{lane + 21 + 12 * row}" font-size="11" text-anchor="middle" '
                       f'fill="{TARGET}">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def _ticks(lo: float, hi: float, width: float, unit: str, x: Any, base: int) -> list[str]:
    """At most about eight labels under the axis, on round years (or months of a short span)."""
    out = []
    if unit == "month":
        step = max(1, round((hi - lo) * 12 / 8))
        labels = [(lo + k / 12, f"{int(lo + k / 12)}-{int(round((lo + k / 12) % 1 * 12)) + 1:02d}")
                  for k in range(0, int(round((hi - lo) * 12)) + 1, step)]
    else:
        step = max(int(width), int((hi - lo) / 8 // width * width) or int(width))
        first = int(lo // step * step)
        labels = [(float(y), str(y)) for y in range(first, int(hi) + 1, step) if lo <= y <= hi]
    for t, label in labels:
        out.append(f'<line x1="{x(t):.1f}" y1="{base}" x2="{x(t):.1f}" y2="{base + 4}" stroke="{INK}"/>'
                   f'<text x="{x(t):.1f}" y="{base + 17}" font-size="12" text-anchor="middle" fill="{INK}">'
                   f"{label}</text>")
    return out
