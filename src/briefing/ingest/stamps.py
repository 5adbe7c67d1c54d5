"""Publication stamps: the date/time lines news pages print above or below an article.

    >>> [s.iso(day_first=True) for s in find_stamps("Thursday, 2019-10-31 16:52:42")]
    ['2019-10-31']
    >>> is_stamp_line("2/5/2018 15:38' Send Print"), is_stamp_line("In 2017, it rained.")
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lexicon import lexicon

_LEX = lexicon()


def _alternation(words: list[str]) -> str:
    return "|".join(sorted({w.lower() for w in words}, key=lambda w: (-len(w), w)))


_MONTH = "(?:" + _alternation(list(_LEX.months)) + r")\.?"
_WEEKDAY = "(?:" + _alternation(list(_LEX.weekdays)) + r")\.?"
_ZONE = r"(?:GMT|UTC|ICT|[ECMP][SD]?T|CES?T|BST|IST|JST|AES?T)(?:[+-]\d{1,2})?|Z|[+-]\d{2}:?\d{2}"
# "10:05", "10:05:00", "2:05 PM", "8:30 a.m. ET", "18.42 GMT" (a dotted time needs its zone),
# "08:45:00+07:00".
_TIME = (r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:" + _ZONE + r"))?"
         r"|\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?|(?:" + _ZONE + r"))(?:\s*(?:" + _ZONE + r"))?)")

_PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?:[T ]" + _TIME + r")?(?![\d/-])")),
    ("slash", re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})\b")),
    ("mdy", re.compile(r"\b(?P<mon>" + _MONTH + r")\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b", re.I)),
    ("dmy", re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH + r"),?\s+(?P<y>\d{4})\b", re.I)),
]
_YEAR = re.compile(r"\d{4}")
_WEEKDAY_WORD = re.compile(r"\b(" + _WEEKDAY + r")", re.I)
_TIME_RE = re.compile(_TIME)
_NOISE = re.compile(
    r"(?:" + _WEEKDAY + r"|" + _TIME + r"|" + _ZONE + r"|" + "|".join(_LEX.dates.stamp_words) + r"|[|,:;'’\-–—/()\s.])+",
    re.I,
)
# A byline beside the date: "By Jane Okafor | May 5, 2022", "Posted on 12th March 2024 by admin".
_BYLINE = re.compile(r"^\s*by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*[|,;–—-]|\bby\s+\w+(?:\s+\w+)?\s*$", re.I)


@dataclass(frozen=True)
class Stamp:
    """One date found in a stamp line; ``a``/``b`` are the two numbers of a d/m or m/d date."""

    line: str
    year: int
    month: int | None
    day: int | None
    a: int | None = None  # slash form: first number
    b: int | None = None  # slash form: second number
    has_time: bool = False
    weekday: int | None = None  # 0 = Monday

    @property
    def ambiguous(self) -> bool:
        return self.a is not None and self.b is not None and self.a <= 12 and self.b <= 12 and self.a != self.b

    @property
    def day_first_only(self) -> bool:
        """Only readable day-first (``22/1/2020``)."""
        return self.a is not None and self.b is not None and self.a > 12 >= self.b

    @property
    def month_first_only(self) -> bool:
        return self.a is not None and self.b is not None and self.b > 12 >= self.a

    def parts(self, day_first: bool) -> tuple[int, int, int] | None:
        if self.a is not None and self.b is not None:
            if self.day_first_only or (self.ambiguous and day_first) or self.a == self.b:
                d, m = self.a, self.b
            elif self.month_first_only or (self.ambiguous and not day_first):
                m, d = self.a, self.b
            else:
                return None
        else:
            if self.month is None or self.day is None:
                return None
            m, d = self.month, self.day
        try:
            date(self.year, m, d)
        except ValueError:
            return None
        return self.year, m, d

    def weekday_agrees(self, day_first: bool) -> bool | None:
        """Whether the printed weekday matches this reading (None when no weekday)."""
        if self.weekday is None:
            return None
        p = self.parts(day_first)
        return p is not None and date(*p).weekday() == self.weekday

    def iso(self, day_first: bool) -> str | None:
        p = self.parts(day_first)
        return f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}" if p else None


def find_stamps(line: str) -> list[Stamp]:
    """Dates in a stamp line (all forms, each with the weekday and time printed next to it)."""
    found: list[Stamp] = []
    taken: list[tuple[int, int]] = []
    wd = _WEEKDAY_WORD.search(line)
    weekday = None
    if wd:
        weekday = _LEX.weekdays[wd.group(1).lower().rstrip(".")] - 1
    has_time = _TIME_RE.search(line) is not None
    for kind, rx in _PATTERNS:
        for m in rx.finditer(line):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            y = int(m.group("y"))
            if kind == "iso":
                st = Stamp(line, y, int(m.group("m")), int(m.group("d")), has_time=has_time, weekday=weekday)
            elif kind == "slash":
                st = Stamp(line, y, None, None, a=int(m.group("a")), b=int(m.group("b")), has_time=has_time,
                           weekday=weekday)
            else:
                mon = _LEX.months.get(m.group("mon").lower().rstrip("."))
                st = Stamp(line, y, mon, int(m.group("d")), has_time=has_time, weekday=weekday)
            found.append(st)
    return found


def is_stamp_line(line: str) -> bool:
    """A line that holds a date and nothing but weekdays, times and widget words."""
    if len(line) > 80 or not _YEAR.search(line):  # every stamp has a 4-digit year: cheap pre-check
        return False
    stamps = find_stamps(line)
    if not stamps:
        return False
    rest = _BYLINE.sub(" ", line)
    for _kind, rx in _PATTERNS:
        rest = rx.sub(" ", rest)
    return _NOISE.sub("", rest).strip() == ""
