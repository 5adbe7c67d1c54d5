"""Inferring when an undated article was written, from its content.

The latest fully stated date in the text is a lower bound on the writing date; a year-less
"on February 26" then takes that year. Where the text states no year at all, well-known
reference events ("the recent 12th National Congress" of the CPV) date it. The result is
marked ``inferred`` with its evidence and never more precise than the evidence.

    >>> p = infer_published("Biden visited (September 2023). This year, Putin came in June 2024.")
    >>> p.value, p.precision, p.inferred
    ('2024', 'year', True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..lexicon import lexicon
from ..models import PublishedDate

_LEX = lexicon()
_MONTH = "(" + "|".join(_LEX.month_names) + ")"
_FULL = [
    re.compile(_MONTH + r"\s+(\d{1,2}),?\s+(\d{4})"),
    re.compile(r"(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})"),
    re.compile(_MONTH + r",?\s+(\d{4})"),
    # Not "by 2045" / "until 2030": targets say nothing about when the article was written.
    re.compile(r"\b(?:in|since|of|early|late|mid-?)\s+(\d{4})\b|\((\d{4})\)"),
]
_YEARLESS = re.compile(r"\bon\s+" + _MONTH + r"\s+(\d{1,2})\b(?!,?\s*\d{4})")
_COUNTS = {w: v for w, v in _LEX.cardinals.items() if 1 <= v <= 20}
_PARTS = {"ORDINAL": r"(\d{1,2})(?:st|nd|rd|th)",
          "COUNT": "(" + "|".join([str(n) for n in range(1, 21)] + list(_COUNTS)) + ")"}


@dataclass(frozen=True)
class _Reference:
    """A reference event of dates.yaml, compiled: its match gives a number, the number a year."""

    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    years: dict[int, int]
    since: int | None
    step: int

    def year(self, text: str) -> tuple[int, str] | None:
        m = self.pattern.search(text)
        if not m or (self.context is not None and not self.context.search(text)):
            return None
        word = m.group(1).lower()
        n = int(word) if word.isdigit() else _COUNTS[word]
        year = self.years.get(n) if self.since is None else self.since + self.step * n
        return (year, m.group(0)) if year else None


def _compile(event: Any) -> _Reference:
    pattern = event["pattern"]
    for name, part in _PARTS.items():
        pattern = pattern.replace("{" + name + "}", part)
    context = event.get("context")
    return _Reference(re.compile(pattern, re.I), re.compile(context) if context else None,
                      {int(k): int(str(v)[:4]) for k, v in (event.get("dates") or {}).items()},
                      event.get("since"), int(event.get("step") or 0))


_REFERENCES = [_compile(e) for e in _LEX.dates.reference_events]


def _latest_stated(text: str) -> tuple[tuple[int, int, int], str] | None:
    """The latest date with a year stated in the text, as (y, m, d) with 0 for unknown parts."""
    best: tuple[tuple[int, int, int], str] | None = None
    for rx in _FULL:
        for m in rx.finditer(text):
            g = [x for x in m.groups() if x]
            parts = [0, 0, 0]
            for x in g:
                if x.isdigit() and len(x) == 4:
                    parts[0] = int(x)
                elif x.isdigit():
                    parts[2] = int(x)
                else:
                    parts[1] = _LEX.months[x.lower()]
            if not 1900 <= parts[0] <= 2100:
                continue
            key = (parts[0], parts[1], parts[2])
            if best is None or key > best[0]:
                best = (key, m.group(0))
    return best


def _anchor_year(text: str) -> tuple[int, str] | None:
    for ref in _REFERENCES:
        found = ref.year(text)
        if found:
            return found
    return None


def infer_published(text: str) -> PublishedDate | None:
    """A best, honest guess at an undated article's date (see the module doc)."""
    stated = _latest_stated(text)
    evidence: list[str] = []
    year: int | None = None
    if stated:
        year = stated[0][0]
        evidence.append(stated[1])
    else:
        anchor = _anchor_year(text)
        if anchor:
            year = anchor[0]
            evidence.append(anchor[1])
    if year is None:
        return None
    yearless = _YEARLESS.search(text)
    if yearless and not stated:
        month = _LEX.months[yearless.group(1).lower()]
        day = int(yearless.group(2))
        evidence.insert(0, yearless.group(0))
        return PublishedDate(f"{year:04d}-{month:02d}-{day:02d}", "day", True, tuple(evidence))
    return PublishedDate(f"{year:04d}", "year", True, tuple(evidence))
