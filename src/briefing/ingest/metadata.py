"""Document metadata: publication date (stated or inferred), outlet and author.

Explicit metadata (JSONL fields, HTML meta tags) wins over anything guessed from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..models import PublishedDate
from .clean import Cleaned, normalize
from .stamps import Stamp, find_stamps

# Agency and outlet marks seen in datelines and credits, spelled out.
KNOWN_OUTLETS = {
    "NDO": "Nhan Dan",
    "VNA": "VNA",
    "VNS": "Viet Nam News",
    "VOV": "VOV",
    "AP": "Associated Press",
    "AFP": "AFP",
    "UPI": "UPI",
    "DPA": "dpa",
    "REUTERS": "Reuters",
    "XINHUA": "Xinhua",
    "BBC": "BBC",
    "CNN": "CNN",
}


_ISSUE = re.compile(r"\s+(?:No\.|Issue|Vol\.|\(|,)")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_PARENTHESISED = re.compile(r"\(([^)]+)\)")
_ISO_START = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?!\d)")
# A date in an article's address: ".../2024/03/12/slug", ".../slug-2023-11-05.html", "/20240312/".
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
# Publication dates outside these years are typing errors or placeholders (0000-00-00, 99999).
MIN_YEAR, MAX_YEAR = 1000, 2100


def real_date(value: str) -> bool:
    """Whether an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) is a real calendar date in
    :data:`MIN_YEAR`..:data:`MAX_YEAR`.

        >>> [real_date(v) for v in ("2024-02-29", "2021-02-30", "2024-13", "0000", "9999", "2024")]
        [True, False, False, False, False, True]
    """
    import datetime as dt

    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2])
    except (ValueError, TypeError):
        return False
    return len(parts) <= 3 and MIN_YEAR <= numbers[0] <= MAX_YEAR


def meta_line(value: str | None) -> str | None:
    """A metadata value as it may reach a report: NFC, no control, invisible or bidi
    characters, one line, trimmed (None when nothing is left).

        >>> meta_line("  Evil\\u202e cod.exe \\n\\u200b Corp ")
        'Evil cod.exe Corp'
    """
    if value is None:
        return None
    return " ".join(normalize(value).split()) or None


@dataclass(frozen=True)
class Metadata:
    title: str | None
    published: PublishedDate | None
    outlet: str | None
    author: str | None
    dateline: str | None


def decide_day_first(stamps: list[Stamp], default: bool) -> bool:
    """An unambiguous d/m or m/d stamp on the same page decides; else the weekday; else default."""
    if any(s.day_first_only for s in stamps):
        return True
    if any(s.month_first_only for s in stamps):
        return False
    for s in stamps:
        if s.ambiguous and s.weekday is not None:
            if s.weekday_agrees(True) and not s.weekday_agrees(False):
                return True
            if s.weekday_agrees(False) and not s.weekday_agrees(True):
                return False
    return default


def stamp_date(cleaned: Cleaned, day_first: bool) -> PublishedDate | None:
    """The posting stamp: among the page's stamp lines, one with a time beats a bare date
    (a bare weekday-and-date line at the top is usually the site's "today" header)."""
    stamps = [s for line in cleaned.stamps for s in find_stamps(line)]
    if not stamps:
        return None
    df = decide_day_first(stamps, day_first)
    candidates = [s for s in stamps if s.iso(df)]
    if not candidates:
        return None
    timed = [s for s in candidates if s.has_time]
    best = (timed or candidates)[0]
    iso = best.iso(df)
    assert iso is not None
    return PublishedDate(iso, "day", False, (best.line,))


def outlet_of(cleaned: Cleaned, given: str | None) -> str | None:
    if given:
        return given
    if cleaned.published_in:
        # "the Communist Review No. 904 (February 2018)" -> "Communist Review"
        name = _ISSUE.split(cleaned.published_in)[0]
        return _LEADING_THE.sub("", name).strip() or None
    marks = []
    if cleaned.dateline:
        m = _PARENTHESISED.search(cleaned.dateline)
        marks.append(m.group(1) if m else cleaned.dateline)
    marks += cleaned.sources
    for mark in marks:
        first = mark.split("/")[0].strip()
        return KNOWN_OUTLETS.get(first.upper(), first)
    return None


def published_from_given(value: str | None) -> PublishedDate | None:
    """A JSONL/HTML ``published`` value: ISO date or datetime, at the precision given."""
    if not value:
        return None
    m = _ISO_START.match(value)
    if not m:
        stamps = find_stamps(value)
        iso = stamps[0].iso(True) if stamps else None
        return PublishedDate(iso, "day", False, (value,)) if iso else None
    y, mo, d = m.groups()
    if not real_date("-".join(p for p in (y, mo, d) if p)):
        return None
    if d:
        return PublishedDate(f"{y}-{mo}-{d}", "day", False, (value,))
    if mo:
        return PublishedDate(f"{y}-{mo}", "month", False, (value,))
    return PublishedDate(y, "year", False, (value,))


def published_from_url(url: str | None) -> PublishedDate | None:
    """The date many sites write into an article's address (path segments or a dated slug)."""
    m = _URL_DATE.search(url.split("?")[0]) if url else None
    if not m:
        return None
    y, _, mo, d = m.groups()
    try:
        iso = date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
    return PublishedDate(iso, "day", False, (url or "",))
