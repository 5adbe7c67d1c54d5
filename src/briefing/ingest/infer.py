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

from ..models import PublishedDate
from .stamps import MONTHS

_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_FULL = [
    re.compile(_MONTH + r"\s+(\d{1,2}),?\s+(\d{4})"),
    re.compile(r"(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})"),
    re.compile(_MONTH + r",?\s+(\d{4})"),
    # Not "by 2045" / "until 2030": targets say nothing about when the article was written.
    re.compile(r"\b(?:in|since|of|early|late|mid-?)\s+(\d{4})\b|\((\d{4})\)"),
]
_YEARLESS = re.compile(r"\bon\s+" + _MONTH + r"\s+(\d{1,2})\b(?!,?\s*\d{4})")

# Reference events with well-known dates: (pattern, year). Ordinal party congresses are the
# usual anchors of political reporting; extend this table rather than special-casing text.
_CPV_CONGRESS = {6: 1986, 7: 1991, 8: 1996, 9: 2001, 10: 2006, 11: 2011, 12: 2016, 13: 2021, 14: 2026}
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)"
_RECENT_CONGRESS = re.compile(r"\b(?:recent|just-concluded|recently concluded)\s+" + _ORDINAL
                              + r"\s+(?:National\s+)?(?:Party\s+)?Congress", re.I)
_VIETNAM = re.compile(r"\b(?:CPV|Communist Party of Viet ?Nam|Vietnam|Viet Nam)\b")
_DECADES_OF_DOI_MOI = re.compile(r"\b(two|three|four|2|3|4) decades of (?:the )?Doi ?Moi", re.I)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


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
                    parts[1] = MONTHS[x.lower()]
            if not 1900 <= parts[0] <= 2100:
                continue
            key = (parts[0], parts[1], parts[2])
            if best is None or key > best[0]:
                best = (key, m.group(0))
    return best


def _anchor_year(text: str) -> tuple[int, str] | None:
    m = _RECENT_CONGRESS.search(text)
    if m and _VIETNAM.search(text):
        year = _CPV_CONGRESS.get(int(m.group(1)))
        if year:
            return year, m.group(0)
    m = _DECADES_OF_DOI_MOI.search(text)
    if m:
        return 1986 + 10 * _NUMBER_WORDS[m.group(1).lower()], m.group(0)
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
        month = MONTHS[yearless.group(1).lower()]
        day = int(yearless.group(2))
        evidence.insert(0, yearless.group(0))
        return PublishedDate(f"{year:04d}-{month:02d}-{day:02d}", "day", True, tuple(evidence))
    return PublishedDate(f"{year:04d}", "year", True, tuple(evidence))
