"""Lines a reader can read aloud: figures with what they measure, series of like with like,
lists with who set them and when. Used by selection; pure functions of the items.

    >>> amount(2.4e9, None, "USD"), amount(52.0, None, "percent"), amount(185.0, None, "member states", total=193)
    ('$2.4 billion', '52%', '185 of 193')
    >>> amount(3.2, None, "percentage points"), amount(10500.0, None, "USD per tonne"), amount(5e12, None, "VND")
    ('3.2 percentage points', '$10,500 per tonne', 'VND 5 trillion')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from .lexicon import figure_words

_TIME_UNITS = figure_words().time_units
_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_COUNT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve")  # fmt: skip


def number(value: float) -> str:
    """``2400`` -> ``2,400``; ``3.25`` -> ``3.25``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _scaled(value: float) -> str:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{number(round(value / size, 2))} {word}"
    return number(value)


def compact(value: float) -> str:
    """A short label for a chart: ``2.4e9`` -> ``2.4bn``, ``300000`` -> ``300k``, ``52.5`` -> ``52.5``."""
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e4, "k")):
        if abs(value) >= size:
            return f"{number(round(value / (size if word != 'k' else 1e3), 1))}{word}"
    return number(round(value, 2))


def _is_money(unit: str) -> bool:
    code = unit.split(" per ")[0]
    return len(code) == 3 and code.isupper()


def amount(value: float, low: float | None, unit: str, total: float | None = None) -> str:
    """The figure as a reader says it: ``$2.4 billion``, ``45–60%``, ``185 of 193``, ``1 in 5``."""
    if total is not None:
        return f"{number(value)} in {number(total)}" if value == 1 else f"{number(value)} of {number(total)}"
    code, _, per = unit.partition(" per ")
    if _is_money(unit):
        sign = _SIGNS.get(code)
        top = _scaled(value)
        shown = f"{_scaled(low)}–{top}" if low is not None else top
        text = f"{sign}{shown}" if sign else f"{code} {shown}"
        return f"{text} per {per}" if per else text
    big = _scaled if value >= 1e6 else number  # "2.1 million tonnes"
    shown = f"{big(low)}–{big(value)}" if low is not None else big(value)
    if unit == "percent" or unit.startswith("percent of"):
        return f"{shown}%"
    if "point" in unit or code.lower() in ("tonnes", "tonne", "km", "kg", "gw", "mw") or " per " in unit:
        return f"{shown} {unit}"
    return shown


class _FigureLike(Protocol):
    """What these lines read of a figure item (``select.FigureItem``)."""

    @property
    def fact_id(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def span(self) -> tuple[int, int]: ...
    @property
    def series(self) -> str | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def measure(self) -> str | None: ...
    @property
    def change(self) -> str | None: ...
    @property
    def figure_source(self) -> str | None: ...
    @property
    def date(self) -> str: ...
    @property
    def date_iso(self) -> str: ...
    @property
    def amount_shown(self) -> str: ...


F = TypeVar("F", bound=_FigureLike)


def salience(f: _FigureLike) -> int:
    """0 for an amount, a share or a measured quantity, 1 for a bare count: what a summary
    reads out first."""
    return 0 if _has_unit(f.unit) else 1


def what(f: _FigureLike) -> str:
    """What the figure measures, said once: the measure, else the unit."""
    return f.measure or f.unit or "figure"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def figure_lines(figures: Sequence[F]) -> list[tuple[str, F]]:
    """One line per statement: figures of one measure said together ("fell 52% to $2.4 billion")
    make one line. Each line: ``Measure: down 52%, to $2.4 billion (2024; central bank).``"""
    groups: list[list[F]] = []
    # A duration ("10 years") is context, not a key figure to read out.
    said = [f for f in figures if f.unit.split()[-1:] != [] and f.unit.split()[-1].lower() not in _TIME_UNITS]
    for f in sorted(said, key=lambda f: (f.doc_id, f.span)):
        last = groups[-1][-1] if groups else None
        if (last is not None and last.doc_id == f.doc_id and f.span[0] - last.span[1] < 80
                and what(last) == what(f) and f.measure):  # fmt: skip
            groups[-1].append(f)
        else:
            groups.append([f])
    out = []
    for g in groups:
        parts = []
        for k, f in enumerate(g):
            verb = {"up": "up ", "down": "down "}.get(f.change or "", "")
            parts.append(("to " if k and not verb else "") + verb + f.amount_shown)
        head = g[-1]
        when = "; ".join(x for x in (head.date, head.figure_source) if x)
        out.append((f"{_cap(what(head))}: {', '.join(parts)}" + (f" ({when})" if when else "") + ".", head))
    return out


def series_groups(figures: Iterable[F]) -> list[tuple[str, str, list[F]]]:
    """``(id, label, points)`` of every series of two or more figures of the same measure and the
    same unit (a total and a price per tonne are never one series), points in date order."""
    groups: dict[tuple[str, str], list[F]] = defaultdict(list)
    for f in figures:
        if f.series:
            # A count's unit is its wording ("parties", "political parties"): the series id
            # already names what is counted. Amounts join only in one unit.
            groups[(f.series, f.unit if _has_unit(f.unit) else "")].append(f)
    out = []
    for (sid, unit), points in groups.items():
        if len(points) < 2:
            continue
        points.sort(key=lambda p: (p.date_iso, p.fact_id))
        label = f"{what(points[-1])} ({unit_label(unit)})" if unit else what(points[-1])
        out.append((sid if list(k[0] for k in groups).count(sid) == 1 else f"{sid}:{unit}", label, points))
    return out


def _has_unit(unit: str) -> bool:
    """Money, percent, points or a measurement unit (not the noun of a count)."""
    return _is_money(unit) or unit.startswith("percent") or "point" in unit or " per " in unit or unit.lower() in (
        "tonnes", "tonne", "km", "kg", "gw", "mw", "hectares", "barrels")


def unit_label(unit: str) -> str:
    """The unit as an axis says it: ``USD`` -> ``US dollars``, ``percent`` -> ``%``."""
    names = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds", "VND": "dong", "JPY": "yen"}
    code, _, per = unit.partition(" per ")
    if unit == "percent" or unit.startswith("percent of"):
        return "%"
    name = names.get(code, code)
    return f"{name} per {per}" if per else name


def series_line(label: str, points: Sequence[_FigureLike]) -> str:
    """``Lithium exports (US dollars): $9.4 billion (2022) → $7.9 billion (2023).``"""
    path = " → ".join(f"{p.amount_shown} ({p.date or 'undated'})" for p in points)
    return f"{_cap(label)}: {path}."


def count_word(n: int) -> str:
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


def list_line(label: str, count: int, speaker: str | None, date: str, summaries: Sequence[str]) -> str:
    """``Three main goals set out by Maximo Pacheco (31 May 2024): raise output; cut water use; …``"""
    first = label.split()[0].lower() if label.split() else ""
    named = label if first.isdigit() or first in _COUNT_WORDS else f"{count_word(count)} {label}"
    who = f" set out by {speaker}" if speaker else ""
    heads = "; ".join(s.rstrip(".;") for s in summaries[:3])
    tail = "; …" if len(summaries) > 3 else "."
    return f"{_cap(named)}{who} ({date}): {heads}{tail}"
