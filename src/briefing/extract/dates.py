"""Temporal tagger: dates, times, durations and sets in English news text, TIMEX3-style.

One pass of one precompiled regular expression finds candidates; a small handler per form
normalises each against the article's own date (``reference``, ISO at any precision) and
rejects look-alikes (ordinals, counts, money, percentages). Pure functions, no I/O.

    >>> [(t.text, t.type, t.value) for t in tag("He left on February 26 and will stay two weeks.", "2016-03-01")]
    [('February 26', 'DATE', '2016-02-26'), ('two weeks', 'DURATION', 'P2W')]
    >>> [(t.value, t.end_value) for t in tag("the 55th anniversary (5 September 1962-5 September 2017)")]
    [('1962-09-05', '2017-09-05')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..lexicon import lexicon
from ..text import Words
from .date_scan import FORM_RE, HANDLERS, MACROS, matches

__all__ = ["Timex", "Ref", "parse_reference", "tag"]


@dataclass(frozen=True)
class Timex:
    """One temporal expression: ``text == source[start:end]``, normalised TIMEX3-style.

    ``precision`` is ``year``/``month``/``day`` for calendar DATEs (None for weeks, seasons,
    decades, PRESENT_REF ...). ``end_value`` closes an explicit range. ``mod`` is the TIMEX3
    modifier (START, MID, END, ON_OR_AFTER, BEFORE, AFTER, APPROX). ``signal`` is the preposition
    that introduced it (``in``, ``since`` ...). ``anaphoric`` marks expressions that point at the
    narrative's time rather than the article's date ("that year", "during the year"): a caller
    that knows the narrative year should re-resolve them.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str | None = None
    end_value: str | None = None
    relative: bool = False
    mod: str | None = None
    signal: str | None = None
    anaphoric: bool = False

    def to_json(self) -> dict[str, Any]:
        """The stable ``brief dates --json`` record."""
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}


@dataclass(frozen=True)
class Ref:
    """The reference date split into parts; missing parts are None."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


def parse_reference(reference: str | None) -> Ref:
    """``'2016'``, ``'2024-07'``, ``'2019-10-31'`` (a time part is ignored) -> :class:`Ref`."""
    m = _REFERENCE.match(reference or "")
    if not m:
        return Ref()
    y, mo, d = (int(g) if g else None for g in m.groups())
    return Ref(y, mo, d)


# --------------------------------------------------------------------------- vocabulary
# The date forms and their words are data (resources/<lang>/dates.yaml, compiled and scanned for
# by date_scan); month, weekday, season and number names come from the calendar and number files.

_LEX = lexicon()
_DW = _LEX.dates
MON, WD, MD, YB = MACROS["MON"], MACROS["WD"], MACROS["MD"], MACROS["YB"]
_NUM, _UNIT, _SIGNAL = MACROS["NUM"], MACROS["UNIT"], MACROS["SIGNAL"]
_WEEKDAYS = [w.lower() for w in _LEX.weekday_names]
_SEASONS = dict(_LEX.seasons)
_NUM_WORDS: dict[str, float] = {**{w: v for w, v in _LEX.cardinals.items() if 1 <= v <= 100},
                                **_DW.quantity_phrases}
_TWENTY_FIRST = MACROS["ORDINALS"].rsplit("|", 1)[1]  # "twenty[-\s]first"
_ORDINAL_WORDS: dict[str, int] = {**_LEX.ordinals, **{w: 4 for w in _DW.last_ordinals}}
_DECADE_WORDS = _DW.decades
_MONEY_AFTER = re.compile(r"\s*(?:%|per\s?cent|percent|million|billion|trillion|bn\b|mn\b|GMT|UTC|hrs\b|hours)", re.I)

_RE_MON = re.compile(MON)
_RE_YB = re.compile(YB)
_RE_Y4 = re.compile(r"(?<!\d)\d{4}(?!\d)")
_RE_DAY = re.compile(r"(?<![\d-])(\d{1,2})(?:st|nd|rd|th)?(?!\d)")
_RE_WD = re.compile(WD, re.I)
_RE_SIGNAL = re.compile(rf"{_SIGNAL}\s+", re.I)
_RE_MOD = re.compile(r"(?i:(early|late|mid|the\s+(?:end|beginning|start|middle|turn)\s+of)[\s-]+)")
_MODS = _DW.modifiers
_SIGNAL_MODS = _DW.signal_modifiers
_TENSE = _DW.tense_cues
# Every tense cue begins with a word character or an apostrophe (a test checks it): the lookahead
# drops at once the ends of words, where \b holds too (a third of the cost of these scans).
_TENSE_WORD = r"\b(?=[\w'’])"
_FUTURE = re.compile(r"(?i)" + _TENSE_WORD + r"(?:" + _TENSE["future"] + r")\b")
_FUTURE_BEFORE = re.compile(r"(?i)\b(?:will|shall|would|to)\s+(?:be|have\s+been)\s+$|\b(?:" + _TENSE["future"] + r")\b")
# A sentence's end: not the full stop of "Jan. 5", "a.m. Tuesday" or "Mr. Smith".
# A month name as short as an abbreviation ends a sentence like any word: "... a meeting in May. The".
_SHORT_MONTHS = "|".join(m for m in _LEX.month_names if len(m) == 3)
# (Each branch begins with one of .!?\n: the lookahead first spares the lookbehinds everywhere else.)
_SENTENCE_STOP = re.compile(r"(?=[.!?\n])(?:(?<!\b[A-Z][a-z]{2})(?<!Sept)(?<!\b[A-Z][a-z])(?<!\.[ap]\.m)(?<!\b[A-Z])[.!?]"
                            r"(?:\s+|$)|\n|(?<=\b(?:" + _SHORT_MONTHS + r"))\.(?:\s+(?=[A-Z])|$))")
_PRESENT = re.compile(r"(?i)" + _TENSE_WORD + r"(?:" + _TENSE["present"] + r")\b")
_PAST = re.compile(r"(?i)" + _TENSE_WORD + r"(?:" + _TENSE["past"] + r")\b")
# What does not tense the dated event: the report around it ("..., the company said") and
# participles used as adjectives ("the reduced dividend").
_NOT_TENSE = re.compile(r"(?i)(?:" + _TENSE["report"] + r")$")
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|their|his|her)\s+$")
# A deadline ("extended to Nov. 20", "completed by Dec. 15"): a year-less date this near ahead is
# the coming one, whatever the tense of the verb.
_DEADLINE_SIGNALS = frozenset({"by", "until", "till", "to", "through", "before", "ahead of"})
_NEAR_DAYS = 90
_SIGNAL_BEFORE = re.compile(r"(?i)\b(by|until|till|to|through|before)\s+$")

_HANDLER_METHODS = {kind: "_h_" + name for kind, name in HANDLERS.items()}

# Patterns of the handlers below, compiled once.
_REFERENCE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISO_PARTS = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d{1,2}:\d\d(?::\d\d)?))?")
_DIGITS = re.compile(r"\d+")
_MONEY_BEFORE = re.compile(r"(?:[$€£¥#]|US\$|No\.?\s*|VND\s*|USD\s*|\d[.,])$")
_DECIMAL_AFTER = re.compile(r"[.,]\d")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_YEAR_WORD = re.compile(r"(?i)(?:the\s+year|year|fiscal|FY)\b")
_ADDRESS_AFTER = re.compile(r"\s+(?:\d|[A-Z][a-z])")
_MONTH_AFTER = re.compile(r"\s+(?:" + MON + ")")
_DECADE_DIGITS = re.compile(r"(\d{3})0s")
_DECADE_SHORT = re.compile(r"['’](\d)0s")
_DECADE_WORD = re.compile(r"[a-z]+ies$")
_CENTURY_DIGITS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_CENTURY_WORD = re.compile(rf"({_TWENTY_FIRST}|[a-z]+)[\s-]+century")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]+")
_SEASON_SIGNAL_BEFORE = re.compile(r"(?i)\b(?:in|during|over|through|throughout|by|until|since)\s+$")
_SEASON_YEAR_AFTER = re.compile(r"\s+(?:of\s+)?(this|last|next)\s+year", re.I)
_CLOCK_DAY = re.compile(rf"(?<!\w)(?:on\s+)?(?:{WD}|{MD}|(?i:today|tomorrow|yesterday))$")
_CLOCK_ZONE = re.compile(r"\s*(?:[ECMP][SD]T|GMT|UTC|local\s+time)$")
_ADVERB_SETS = _DW.frequency_adverbs
_DAY_PARTS = (("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("night", "NI"))
_QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])$")
_CALENDAR_VALUE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?$")
_QUARTER_REACH = 600  # characters: about three sentences of an earnings report
_QUARTER_ORDINAL = re.compile(rf"(?:{MACROS['ORD4']}|final|last|1st|2nd|3rd|4th)(?=[\s-]+(?:quarter|half))")
_YEAR_AGO = re.compile(r"year[\s-](?:ago|earlier)|last\s+year['’]s")
_QUARTER_CODE = re.compile(r"([qh])([1-4])")
_AGO_PARTS = re.compile(rf"({_NUM})\s+({_UNIT})\s+(\w+)")
_POSSESSED = re.compile(r"['’]s\s+(\w+)$")
_UP_BEFORE = re.compile(r"(?i)\bup\s+$")
_STATE_BEFORE = re.compile(r"(?i)\b(?:is|are|has|have|does|do|stands?)\s+$|\bof\s+$")
_SPAN_PARTS = re.compile(rf"(?:last|past|next|coming|previous|recent|first|following)\s+(?:({_NUM})\s+)?({_UNIT})$")
_SET_PARTS = re.compile(rf"(?:({_NUM})\s+)?({_UNIT}|morning|evening|night|weekend)$")
_DURATION_PARTS = re.compile(rf"({_NUM})[\s-]+(and\s+a\s+half\s+)?({_UNIT})")
_OLD_AFTER = re.compile(r"[\s-]+old\b")
_RATE_BEFORE = re.compile(r"(?:\d|%|times|once|twice|illion)\s*$")
_SPAN_WORD_BEFORE = re.compile(r"(?:about|nearly|almost|than|half|only|just|least|over|for|within|"
                               r"in|during|after|lasting|took|taking|spent|spend)\s+$")
_CLOCK_UNIT = re.compile(r"(?:hour|minute)")
_CLOCK_PARTS = re.compile(r"(\d{1,2}):?(\d\d)?")
_PM = re.compile(r"\dpm|\spm")
_AM = re.compile(r"\dam|\sam")


# --------------------------------------------------------------------------- helpers


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _precision(m: int | None, d: int | None) -> str:
    return "year" if m is None else "month" if d is None else "day"


def _valid(y: int, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None:
        try:
            date(y, m or 1, d)
        except ValueError:
            return False
    return True


def _month_of(s: str) -> int:
    return _LEX.months[s.lower().rstrip(".")]


def _parts(s: str) -> tuple[int | None, int | None, int | None]:
    """Year, month, day found in an explicit date string ('November 1st, 1949', '5 Sept 1962')."""
    mm = _RE_MON.search(s)
    month = _month_of(mm.group()) if mm else None
    ym = _RE_Y4.search(s)
    year = int(ym.group()) if ym else None
    rest = s[:ym.start()] + " " * 4 + s[ym.end():] if ym else s
    dm = _RE_DAY.search(rest)
    day = int(dm.group(1)) if dm else None
    return year, month, day


def _number(s: str) -> float | None:
    s = " ".join(s.lower().replace("-", " ").split())
    if s in ("a few", "few", "several", "many", "some"):
        return None
    try:
        return float(s)
    except ValueError:
        pass
    if s in _NUM_WORDS:
        return _NUM_WORDS[s]
    parts = s.split()
    if len(parts) == 2 and parts[0] in _NUM_WORDS and parts[1] in _NUM_WORDS:
        return _NUM_WORDS[parts[0]] + _NUM_WORDS[parts[1]]
    return None


def _tense(text: str, start: int, end: int) -> int:
    """+1 if the clause around [start, end) reads as future, -1 as past (news default), 0 present
    ("is payable Jan. 2", "takes effect Nov. 13": a date near the article's, either side)."""
    lo = max(0, start - 160)
    for stop in _SENTENCE_STOP.finditer(text, lo, start):
        lo = stop.end()
    nxt = _SENTENCE_STOP.search(text, end, end + 100)
    hi = nxt.start() if nxt else end + 100
    best_dist, best = 10**6, -1
    for rx, sign in ((_FUTURE, 1), (_PAST, -1), (_PRESENT, 0)):
        for m in rx.finditer(text, max(lo, 0), hi):
            if start <= m.start() < end:
                continue
            if sign < 0 and (_DETERMINER_BEFORE.search(text, max(0, m.start() - 6), m.start()) or (
                    m.start() > end and _NOT_TENSE.match(m.group()) and "," in text[end:m.start()])):
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if dist < best_dist:
                best_dist, best = dist, sign
                # "will be held": a past participle after a future auxiliary is future.
                if sign < 0 and _FUTURE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                    best = 1
    return best


def _holiday(spec: Any, year: int) -> str:
    """The ISO date of a holiday of dates.yaml in ``year``."""
    month = int(spec["month"])
    if "day" in spec:
        return date(year, month, int(spec["day"])).isoformat()
    weekday, n = int(spec["weekday"]) - 1, int(spec["n"])
    if n < 0:  # the last such weekday of the month
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return (last - timedelta(days=(last.weekday() - weekday) % 7)).isoformat()
    start = date(year, month, int(spec.get("after", 1)))
    return (start + timedelta(days=(weekday - start.weekday()) % 7 + 7 * (n - 1))).isoformat()


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


# --------------------------------------------------------------------------- the tagger


class _Tagger:
    def __init__(self, text: str, reference: str | None, day_first: bool) -> None:
        self.text = text
        self.ref = parse_reference(reference)
        self.day_first = day_first
        # The narrative's time so far: the last explicit calendar date, and the last quarter
        # named, with where they ended ("a year earlier" and "the quarter" point back at them).
        self.tense_from: int | None = None
        self.derived = False  # set by a handler whose value points back ("a year earlier")
        self.anchor: str | None = None
        self.last_day: str | None = None  # the last day named, relative or not ("the same day")
        self.quarter: tuple[int, int, int] | None = None  # year, quarter, end offset

    # -- resolution of partial dates ---------------------------------------------------------
    def _resolve_md(self, m: int, d: int | None, start: int, end: int, when: str | None = None,
                    signal: str | None = None) -> str | None:
        """The year of a year-less month(/day): nearest occurrence in the direction of the tense."""
        r = self.ref
        if r.year is None:
            return None
        if when == "last":
            sign = -1
        elif when == "next":
            sign = 1
        elif when == "this":
            return _fmt(r.year, m, d)
        else:
            sign = _tense(self.text, start, end)
        if r.month is None:
            return _fmt(r.year, m, d)
        if when is None and (sign == 0 or (signal in _DEADLINE_SIGNALS and self._days_ahead(m, d) <= _NEAR_DAYS)):
            sign = self._nearest_side(m, d)
        here = (m, d or 0)
        now = (r.month, (r.day or (d or 0)) if d is not None else 0)
        strict = when in ("last", "next")
        if sign < 0:
            y = r.year if (here < now or (here == now and not strict)) else r.year - 1
            # "Congress reconvenes Jan. 24" read as past in an article of 13 January: a year-less
            # date is almost never most of a year back, in last year, when it is weeks ahead.
            if when is None and y < r.year and d is not None and self._days_ahead(m, d) <= _NEAR_DAYS:
                y = r.year + (here < now)
        else:
            y = r.year if (here > now or (here == now and not strict)) else r.year + 1
        if d is not None and r.day is not None:
            y = self._weekday_year(m, d, y, start, end)
        return _fmt(y, m, d) if _valid(y, m, d) else None

    def _weekday_year(self, m: int, d: int, y: int, start: int, end: int) -> int:
        """'Monday, Oct. 26' names its weekday: the year (of the nearest three) where it falls on one."""
        wd = _RE_WD.search(self.text, start, end)
        if wd is None:
            return y
        want = _WEEKDAYS.index(wd.group().lower())
        for year in (y, y - 1, y + 1):
            if _valid(year, m, d) and date(year, m, d).weekday() == want:
                return year
        return y

    def _days_ahead(self, m: int, d: int | None) -> int:
        """Days (roughly) from the article's date to the next occurrence of month ``m``, day ``d``."""
        r = self.ref
        assert r.month is not None
        return (m * 31 + (d or 15) - r.month * 31 - (r.day or 15)) % 372

    def _nearest_side(self, m: int, d: int | None) -> int:
        """-1 or +1: the side of the article's date where the year-less date's nearest occurrence lies."""
        ahead = self._days_ahead(m, d)
        return 1 if ahead < 372 - ahead else -1

    def _day_offset(self, days: int) -> tuple[str, str | None]:
        r = self.ref
        if r.date is not None:
            return (r.date + timedelta(days=days)).isoformat(), "day"
        if r.year is None:
            return "XXXX-XX-XX", None
        # A day offset from a year- or month-precise date: keep only what is known.
        return _fmt(r.year, r.month), _precision(r.month, None)

    # -- handlers: each returns a list of (start, end, fields) -----------------------------------
    def run(self, words: Words | None = None) -> list[Timex]:
        out: list[Timex] = []
        text = self.text
        for m in matches(text, words):
            kind = m.lastgroup or ""
            s, e = m.span()
            lead = _RE_SIGNAL.match(text, s, e) if kind not in ("range_word",) else None
            signal = None
            if lead and lead.end() < e and kind not in ("span", "relunit", "set", "ago", "relday"):
                signal = " ".join(lead.group().lower().split())
                s = lead.end()
            handler = getattr(self, _HANDLER_METHODS[kind])
            try:
                found = handler(s, e, signal) or ()
            except (OverflowError, ValueError):
                # Arithmetic past the calendar's edge ("tomorrow" against 9999-12-31): not a date
                # we can state, so the expression is left out rather than crashing the article.
                found = ()
            for item in found:
                out.append(item)
                if not self.derived:
                    self._remember(item)
            self.derived = False
        return out

    def _remember(self, t: Timex) -> None:
        if t.type != "DATE":
            return
        q = _QUARTER_VALUE.match(t.value)
        if q:
            self.quarter = (int(q.group(1)), int(q.group(2)), t.end)
        elif not t.relative and _CALENDAR_VALUE.match(t.value):
            self.anchor = t.value
        if t.precision == "day":
            self.last_day = t.value

    def _near_quarter(self, s: int) -> tuple[int, int] | None:
        """The quarter the text is discussing at ``s``: one named in the last few sentences."""
        q = self.quarter
        if q is None or s - q[2] > _QUARTER_REACH:
            return None
        return q[0], q[1]

    def _mk(self, s: int, e: int, type_: str, value: str, **kw: Any) -> Timex:
        text = self.text
        while e > s and text[e - 1] in " ,-–—":
            e -= 1
        return Timex(s, e, text[s:e], type_, value, **kw)

    def _mod(self, s: int, e: int, signal: str | None) -> str | None:
        mm = _RE_MOD.match(self.text, s, e)
        if mm:
            word = mm.group(1).lower().split()
            return _MODS.get(word[1] if word[0] == "the" else word[0])
        return _SIGNAL_MODS.get(signal or "")

    def _h_iso(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        m = _ISO_PARTS.search(t)
        assert m
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            return []
        if m.group(4):
            return [self._mk(s, e, "TIME", f"{_fmt(y, mo, d)}T{m.group(4).zfill(5) if len(m.group(4)) < 5 else m.group(4)}",
                             signal=signal)]
        return [self._mk(s, e, "DATE", _fmt(y, mo, d), precision="day", signal=signal, mod=self._mod(s, e, signal))]

    def _h_numeric(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        nums = _DIGITS.findall(t)
        a, b, c = (int(x) for x in nums[-3:])
        if len(nums[-3][0:]) == 4 and len(nums[-3]) == 4:  # yyyy/mm/dd
            y, mo, d = a, b, c
        else:
            y = c + (2000 if c < 50 else 1900) if len(nums[-1]) == 2 else c
            if a > 12:
                d, mo = a, b
            elif b > 12:
                mo, d = a, b
            elif self.day_first:
                d, mo = a, b
            else:
                mo, d = a, b
        if not _valid(y, mo, d) or self.text[s - 1:s] in ("$", "#"):
            return []
        return [self._mk(s, e, "DATE", _fmt(y, mo, d), precision="day", signal=signal)]

    def _range(self, s: int, e: int, left: str, right: str, signal: str | None) -> list[Timex]:
        ly, lm, ld = _parts(left)
        ry, rm, rd = _parts(right)
        if ry is None and len(right.strip()) == 2 and right.strip().isdigit() and ly is not None:
            ry = ly // 100 * 100 + int(right)  # 2019-20
            rm = rd = None
            if ry <= ly:
                return []
        if lm is None and rm is None and ly is not None and ry is not None and not ly < ry <= ly + 200:
            return []  # 1949-2019 must run forwards
        if ly is None:
            ly = ry
        if ly is None and self.ref.year is not None:
            ly = self.ref.year  # March 3-5: year from the reference
        if ly is None:
            return []
        if ry is None:
            ry = ly
        if lm is not None and rm is None and (rd is not None or ld is not None and ry == ly):
            rm = lm  # 5-7 September: the month of the right side
        if rm is not None and lm is None and ld is not None:
            lm = rm  # 5-7 September 2017
        if rm is None and lm is not None and right.strip().isdigit():
            rm, rd = lm, ld  # November 1, 1949-2019: the same day, years apart
        if lm is None and ld is None and rm is not None and len(left.split()) == 1 and not left.strip().isdigit():
            lm = _month_of(left.strip())
        if not (_valid(ly, lm, ld) and _valid(ry, rm, rd)):
            return []
        v1, v2 = _fmt(ly, lm, ld), _fmt(ry, rm, rd)
        if v2 < v1:
            return []
        return [self._mk(s, e, "DATE", v1, precision=_precision(lm, ld), end_value=v2, signal=signal)]

    def _h_range(self, s: int, e: int, signal: str | None) -> list[Timex]:
        m = FORM_RE["range"].match(self.text, s)
        if m is None or m.end() != e:
            return []
        for i in ("", "2", "3", "4", "5"):
            if m.group("L" + i) is not None:
                if i == "5" and self._money_or_count(m.start("L5"), e):
                    return []
                return self._range(s, e, m.group("L" + i), m.group("R" + i), signal)
        return []

    def _h_range_word(self, s: int, e: int, signal: str | None) -> list[Timex]:
        m = FORM_RE["range_word"].match(self.text, s)
        assert m is not None
        word = self.text[s:m.start("L")].strip().lower()
        if not _RE_MON.search(self.text, m.start("L"), e) and not _RE_Y4.search(self.text, m.start("L"), e):
            return []  # "from 2 to 8": counts, not days, without a month or a year
        found = self._range(m.start("L"), e, m.group("L"), m.group("R"), word)
        if not found and m.group("R").strip().isdigit() and _RE_MON.search(m.group("L")):
            # "from Sept. 19 to 22" with no year to put it in: the first day, as without the range.
            return self._h_daymonth(m.start("L"), m.end("L"), None)
        return found

    def _h_full(self, s: int, e: int, signal: str | None) -> list[Timex]:
        y, mo, d = _parts(self.text[s:e])
        if y is None or mo is None or d is None:
            return []
        if not _valid(y, mo, d):  # "February 30, 2023": keep what is certain, the year
            ym = _RE_Y4.search(self.text, s, e)
            assert ym is not None
            return [self._mk(ym.start(), ym.end(), "DATE", ym.group(), precision="year", signal=signal)]
        return [self._mk(s, e, "DATE", _fmt(y, mo, d), precision="day", signal=signal, mod=self._mod(s, e, signal))]

    def _h_monthyear(self, s: int, e: int, signal: str | None) -> list[Timex]:
        y, mo, _ = _parts(self.text[s:e])
        if y is None or mo is None:
            return []
        return [self._mk(s, e, "DATE", _fmt(y, mo), precision="month", signal=signal, mod=self._mod(s, e, signal))]

    def _h_daymonth(self, s: int, e: int, signal: str | None) -> list[Timex]:
        _, mo, d = _parts(self.text[s:e])
        lead = _SIGNAL_BEFORE.search(self.text, max(0, s - 12), s)
        signal = signal or (lead.group(1).lower() if lead else None)
        if mo is None or d is None or not _valid(2000, mo, d):
            return []
        value = self._resolve_md(mo, d, s, e, signal=signal)
        if value is None:
            return [self._mk(s, e, "DATE", f"XXXX-{mo:02d}-{d:02d}", precision="day", relative=True, signal=signal)]
        return [self._mk(s, e, "DATE", value, precision="day", relative=True, signal=signal)]

    def _h_month(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        mm = _RE_MON.search(t)
        assert mm
        mo = _month_of(mm.group())
        first = t.split()[0].lower().rstrip("-") if " " in t or "-" in t else ""
        when = first if first in ("last", "next", "this", "that") else None
        if first in ("every", "each"):
            return [self._mk(s, e, "SET", f"XXXX-{mo:02d}", signal=signal)]
        value = self._resolve_md(mo, None, s, e, "this" if when == "that" else when, signal)
        mod = self._mod(s, e, signal)
        if value is None:
            return [self._mk(s, e, "DATE", f"XXXX-{mo:02d}", precision="month", relative=True, signal=signal,
                             mod=mod)]
        return [self._mk(s, e, "DATE", value, precision="month", relative=True, signal=signal, mod=mod)]

    def _money_or_count(self, s: int, e: int) -> bool:
        text = self.text
        before = text[max(0, s - 12):s]
        if _MONEY_BEFORE.search(before):
            return True
        if _DECIMAL_AFTER.match(text[e:e + 2]) or _MONEY_AFTER.match(text, e):
            return True
        nxt = _NEXT_WORD.match(text[e:e + 30])
        return bool(nxt and nxt.group(1) in _DW.count_nouns)

    def _h_year(self, s: int, e: int, signal: str | None) -> list[Timex]:
        text = self.text
        years = list(_RE_YB.finditer(text[s:e]))
        mod = self._mod(s, e, signal)
        start = s
        out = []
        head = text[s:s + years[0].start()]
        if not (_RE_MOD.match(head) or _YEAR_WORD.match(head)):
            start = s + years[0].start()  # "in 2017": the preposition is a signal, not the date
        for i, ym in enumerate(years):
            ys, ye = s + ym.start(), s + ym.end()
            if i == len(years) - 1 and self._money_or_count(ys, ye):
                break
            if text[ys - 1:ys] in "$#":
                break
            ts = start if i == 0 else ys
            out.append(self._mk(ts, ye, "DATE", ym.group(), precision="year", signal=signal,
                                mod=mod if i == 0 else None))
        return out

    def _h_bareyear(self, s: int, e: int, signal: str | None) -> list[Timex]:
        text = self.text
        ym = _RE_YB.search(text[s:e])
        assert ym
        ys, ye = s + ym.start(), s + ym.end()
        if self._money_or_count(ys, ye):
            return []
        nxt = _NEXT_WORD.match(text[ye:ye + 30])
        after_the = ys > s
        # A lone four-digit number before a plural noun is a count ("1990 supporters") unless it
        # follows "the" ("the 2016 elections").
        if not after_the and nxt and nxt.group(1).endswith("s") and nxt.group(1) not in ("was", "is", "has", "sees",
                                                                                        "marks", "witnessed"):
            return []
        if text[ys - 1:ys] in ("-", "/", ":") or text[ye:ye + 1] in ("-", "/", ":"):
            return []
        # "1600 Pennsylvania Avenue", "1800 555 0199": an address or a phone number.
        if not after_the and _ADDRESS_AFTER.match(text[ye:ye + 3]) and not _MONTH_AFTER.match(
                text[ye:ye + 12]):
            return []
        return [self._mk(ys, ye, "DATE", ym.group(), precision="year")]

    def _h_decade(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e].lower()
        m = _DECADE_DIGITS.search(t)
        mod = self._mod(s, e, signal)
        if m:
            return [self._mk(s, e, "DATE", m.group(1) + "X", mod=mod, signal=signal)]
        m2 = _DECADE_SHORT.search(t)
        if m2:
            century = 19 if int(m2.group(1)) >= 3 or self.ref.year is None else (self.ref.year // 100)
            return [self._mk(s, e, "DATE", f"{century}{m2.group(1)}X", mod=mod, signal=signal)]
        word = _DECADE_WORD.search(t)
        assert word
        return [self._mk(s, e, "DATE", f"19{_DECADE_WORDS[word.group()]}X", mod=mod, signal=signal)]

    def _h_century(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e].lower()
        m = _CENTURY_DIGITS.search(t)
        if m:
            n = int(m.group(1))
        else:
            word = _CENTURY_WORD.search(t)
            assert word
            n = _ORDINAL_WORDS.get(word.group(1), 0)
        if not 1 <= n <= 22:
            return []
        return [self._mk(s, e, "DATE", f"{n - 1:02d}", mod=self._mod(s, e, signal), signal=signal)]

    def _h_season(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        low = t.lower()
        words = low.split()
        season = next(w for w in _SPACE_OR_HYPHEN.split(low) if w in _SEASONS)
        if not _RE_Y4.search(t) and signal is None:
            if words[0] not in ("this", "last", "next", "early", "late", "mid", "the"):
                return []  # "fall" the verb, "Spring Festival"
            if words[0] == "the" and not _SEASON_SIGNAL_BEFORE.search(self.text[max(0, s - 12):s]):
                return []  # "the fall of Saigon"
        y, _, _ = _parts(t)
        follow = _SEASON_YEAR_AFTER.match(self.text[e:e + 20])
        rel = False
        if y is None:
            if self.ref.year is None:
                return [self._mk(s, e, "DATE", f"XXXX-{_SEASONS[season]}", relative=True, signal=signal)]
            rel = True
            shift = {"last": -1, "next": 1}.get(follow.group(1).lower() if follow else words[0], 0)
            y = self.ref.year + shift
        return [self._mk(s, e, "DATE", f"{y:04d}-{_SEASONS[season]}", relative=rel, signal=signal,
                         mod=self._mod(s, e, signal))]

    def _h_quarter(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        low = t.lower()
        y, _, _ = _parts(t)
        m = _QUARTER_CODE.match(low)
        if m:
            code, n = m.group(1).upper(), int(m.group(2))
        else:
            word = _QUARTER_ORDINAL.search(low).group()  # type: ignore[union-attr]
            n = int(word[0]) if word[0].isdigit() else _ORDINAL_WORDS.get(word, 0)
            code = "H" if "half" in low else "Q"
            if code == "H" and y is None and "year" not in low:
                return []  # "the second half" of a match
            if word in ("final", "last"):
                n = 2 if code == "H" else 4
        rel = y is None
        if y is None:
            if self.ref.year is None:
                return [self._mk(s, e, "DATE", f"XXXX-{code}{n}", relative=True, signal=signal)]
            y = self.ref.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
            if _YEAR_AGO.search(low):
                y = (self._near_quarter(s) or (self.ref.year, 0))[0] - 1
                self.derived = True
        return [self._mk(s, e, "DATE", f"{y:04d}-{code}{n}", relative=rel, signal=signal)]

    def _h_qref(self, s: int, e: int, signal: str | None) -> list[Timex]:
        """"the quarter", "the latest period", "the year-ago quarter": the quarter under discussion."""
        low = " ".join(self.text[s:e].lower().split())
        r = self.ref
        if "current" in low and r.year is not None and r.month is not None:
            return [self._mk(s, e, "DATE", f"{r.year:04d}-Q{(r.month - 1) // 3 + 1}", relative=True)]
        q = self._near_quarter(s)
        if q is None:
            return []  # "a quarter of the vote", "the period": nothing to point back at
        y, n = q
        ym = _RE_Y4.search(low)
        if ym:
            y = int(ym.group())
        elif _YEAR_AGO.search(low) or "corresponding" in low or "comparable" in low:
            y -= 1
        self.derived = True  # the quarter under discussion stays what it was
        return [self._mk(s, e, "DATE", f"{y:04d}-Q{n}", relative=True, signal=signal)]

    def _h_holiday(self, s: int, e: int, signal: str | None) -> list[Timex]:
        """"Christmas", "last Thanksgiving": the holiday's day in the year the clause speaks of."""
        t = self.text[s:e]
        first = t.split()[0].lower()
        when = first if first in ("last", "next", "this") else None
        spec = next(h for h in _DW.holidays if any(t.endswith(n) for n in h["names"]))
        if self.ref.year is None:
            return [self._mk(s, e, "DATE", "XXXX-" + _holiday(spec, 2001)[5:], relative=True, signal=signal)]
        this_year = _holiday(spec, self.ref.year)
        value = self._resolve_md(int(this_year[5:7]), int(this_year[8:]), s, e, when, signal)
        if value is None:
            return []
        return [self._mk(s, e, "DATE", _holiday(spec, int(value[:4])), precision="day", relative=True, signal=signal)]

    def _h_ago(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = " ".join(self.text[s:e].lower().split())
        if "yesterday" in low or "tomorrow" in low:
            days = -2 if "yesterday" in low else 2
            value, prec = self._day_offset(days)
            return [self._mk(s, e, "DATE", value, precision=prec, relative=True)]
        m = _AGO_PARTS.match(low)
        assert m
        n = _number(m.group(1))
        unit = m.group(2).rstrip("s")
        direction = m.group(3)
        if direction in ("after", "on", "before"):
            # "ten days before the shooting": measured from an event, a duration (the preposition
            # belongs to the event).
            return [self._mk(s, s + len(self.text[s:e].rstrip()) - len(direction), "DURATION",
                             self._duration_value(n, unit))]
        if direction in ("later", "earlier"):
            return self._narrative_offset(s, e, n, unit, -1 if direction == "earlier" else 1)
        sign = 1 if direction == "hence" else -1
        if unit == "year" and self._near_quarter(s) is not None:
            return self._narrative_offset(s, e, n, unit, sign)  # "a year ago" in an earnings report
        r = self.ref
        if n is None or r.year is None or n != int(n):
            return [self._mk(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", relative=True)]
        k = int(n) * sign
        if unit in ("day", "week", "fortnight"):
            value, prec = self._day_offset(k * {"day": 1, "week": 7, "fortnight": 14}[unit])
            if unit != "day" and r.date is not None:
                y, w, _ = (r.date + timedelta(days=k * 7 * (2 if unit == "fortnight" else 1))).isocalendar()
                return [self._mk(s, e, "DATE", f"{y:04d}-W{w:02d}", relative=True)]
            return [self._mk(s, e, "DATE", value, precision=prec, relative=True)]
        if unit in ("hour", "minute"):
            return [self._mk(s, e, "TIME", "PAST_REF" if sign < 0 else "FUTURE_REF", relative=True)]
        if unit == "month":
            if r.month is None:
                return [self._mk(s, e, "DATE", _fmt(r.year), precision="year", relative=True)]
            y, mo = _add_months(r.year, r.month, k)
            return [self._mk(s, e, "DATE", _fmt(y, mo), precision="month", relative=True)]
        years = k * {"year": 1, "decade": 10, "century": 100, "centurie": 100}.get(unit, 1)
        return [self._mk(s, e, "DATE", _fmt(r.year + years), precision="year", relative=True)]

    def _narrative_offset(self, s: int, e: int, n: float | None, unit: str, sign: int) -> list[Timex]:
        """"a year earlier", "two days later": counted from the narrative's time (the quarter under
        discussion, else the last date stated, else the article's date); a duration when the
        count or the anchor is unknown."""
        q = self._near_quarter(s)
        whole = n is not None and n == int(n)
        self.derived = True
        if whole and unit == "year" and q is not None:
            return [self._mk(s, e, "DATE", f"{q[0] + sign * int(n):04d}-Q{q[1]}", relative=True)]  # type: ignore[arg-type]
        anchor = parse_reference(self.anchor) if self.anchor else self.ref
        if not whole or anchor.year is None or unit not in ("year", "month", "day", "week", "decade"):
            return [self._mk(s, e, "DURATION", self._duration_value(n, unit))]
        k = sign * int(n)  # type: ignore[arg-type]
        if unit in ("year", "decade"):
            return [self._mk(s, e, "DATE", _fmt(anchor.year + k * (10 if unit == "decade" else 1)),
                             precision="year", relative=True)]
        if unit == "month" and anchor.month is not None:
            y, mo = _add_months(anchor.year, anchor.month, k)
            return [self._mk(s, e, "DATE", _fmt(y, mo), precision="month", relative=True)]
        if anchor.date is not None and unit in ("day", "week"):
            when = anchor.date + timedelta(days=k * (7 if unit == "week" else 1))
            return [self._mk(s, e, "DATE", when.isoformat(), precision="day", relative=True)]
        return [self._mk(s, e, "DURATION", self._duration_value(n, unit))]

    def _h_sameday(self, s: int, e: int, signal: str | None) -> list[Timex]:
        """"the same day", "the next morning", "earlier that day": from the last day the text named."""
        low = " ".join(self.text[s:e].lower().split())
        base = parse_reference(self.last_day).date if self.last_day else self.ref.date
        if base is None:
            return []
        shift = 1 if ("next" in low or "following" in low) else -1 if "previous" in low else 0
        value = (base + timedelta(days=shift)).isoformat()
        part = next((code for word, code in _DAY_PARTS if word in low), None)
        self.derived = True
        if part:
            return [self._mk(s, e, "TIME", f"{value}T{part}", relative=True, signal=signal)]
        return [self._mk(s, e, "DATE", value, precision="day", relative=True, signal=signal)]

    def _h_relday(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        low = " ".join(t.lower().split())
        poss = _POSSESSED.search(low)
        if poss:
            e = s + len(t) - len(t.split()[-1]) - 1  # keep "today" of "today's", drop the noun
            while self.text[e - 1] in " 's’":
                e -= 1
            if poss.group(1) in _DW.present_nouns:
                return [self._mk(s, e, "DATE", "PRESENT_REF", relative=True)]
            low = low.split("'")[0].split("’")[0]
        if low == "to date" and _UP_BEFORE.search(self.text[max(0, s - 4):s]):
            return []  # "up to date"
        if low == "to date":
            r = self.ref
            if r.year is None:
                return [self._mk(s, e, "DATE", "PRESENT_REF", relative=True)]
            return [self._mk(s, e, "DATE", _fmt(r.year, r.month, r.day), precision=_precision(r.month, r.day),
                             relative=True)]
        if low.endswith("today") and _STATE_BEFORE.search(
                                               self.text[max(0, s - 12):s]):
            return [self._mk(s, e, "DATE", "PRESENT_REF", relative=True)]  # "as it is today"
        offset = -1 if ("yesterday" in low or "last night" in low) else 1 if "tomorrow" in low else 0
        part = next((code for word, code in (("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"),
                                             ("night", "NI"), ("tonight", "NI")) if word in low), None)
        value, prec = self._day_offset(offset)
        if part and prec == "day":
            return [self._mk(s, e, "TIME", f"{value}T{part}", relative=True)]
        return [self._mk(s, e, "DATE", value, precision=prec, relative=True)]

    def _h_relunit(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = " ".join(self.text[s:e].lower().split())
        words = low.split()
        unit = words[-1] if words[-1] != "before" else words[-2]
        anaphoric = low.startswith(("the ", "that ")) or "before" in words or \
            (low.endswith("the year") and not low.startswith("the year"))
        if "the year" in low and words[0] in ("during", "in", "throughout", "within", "over"):
            s = s + low.index("the year")  # drop the preposition
        shift = 0
        for w in words:
            if w in ("last", "previous", "past", "before"):
                shift = -1
            elif w in ("next", "following", "coming"):
                shift = 1
        if "before" in words:
            shift = -1
        if "past" in words and unit in ("week", "month", "year", "decade", "century"):
            return [self._mk(s, e, "DURATION", self._duration_value(1, unit), relative=True)]
        r = self.ref
        mod = "START" if words[0] == "earlier" else "END" if words[0] == "later" else None
        if r.year is None:
            vague = "PRESENT_REF" if shift == 0 else "PAST_REF" if shift < 0 else "FUTURE_REF"
            return [self._mk(s, e, "DATE", "XXXX" if anaphoric and unit == "year" else vague, relative=True,
                             anaphoric=anaphoric)]
        if unit == "year":
            return [self._mk(s, e, "DATE", _fmt(r.year + shift), precision="year", relative=True, mod=mod,
                             anaphoric=anaphoric)]
        if unit == "decade":
            return [self._mk(s, e, "DATE", f"{(r.year // 10 + shift):03d}X", relative=True, anaphoric=anaphoric)]
        if unit == "century":
            return [self._mk(s, e, "DATE", f"{r.year // 100 + shift:02d}", relative=True, anaphoric=anaphoric)]
        if unit == "month":
            if r.month is None:
                return [self._mk(s, e, "DATE", _fmt(r.year), precision="year", relative=True, anaphoric=anaphoric)]
            y, mo = _add_months(r.year, r.month, shift)
            return [self._mk(s, e, "DATE", _fmt(y, mo), precision="month", relative=True, mod=mod,
                             anaphoric=anaphoric)]
        # week / weekend
        if r.date is None:
            value, prec = self._day_offset(0)
            return [self._mk(s, e, "DATE", value, precision=prec, relative=True, anaphoric=anaphoric)]
        y, week, _ = (r.date + timedelta(days=7 * shift)).isocalendar()
        suffix = "-WE" if unit == "weekend" else ""
        return [self._mk(s, e, "DATE", f"{y:04d}-W{week:02d}{suffix}", relative=True, anaphoric=anaphoric)]

    @staticmethod
    def _duration_value(n: float | None, unit: str) -> str:
        unit = unit.rstrip("s")
        if unit == "centurie":
            unit = "century"
        mult, code = {"year": (1, "Y"), "month": (1, "M"), "week": (1, "W"), "day": (1, "D"),
                      "decade": (10, "Y"), "century": (100, "Y"), "fortnight": (2, "W"),
                      "hour": (1, "H"), "minute": (1, "M")}[unit]
        prefix = "PT" if unit in ("hour", "minute") else "P"
        if n is None:
            return f"{prefix}X{code}"
        amount = n * mult
        if amount != int(amount):
            if code == "Y":
                return f"P{int(amount * 12)}M"
            return f"{prefix}{amount:g}{code}"
        return f"{prefix}{int(amount)}{code}"

    def _h_span(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = " ".join(self.text[s:e].lower().split())
        m = _SPAN_PARTS.search(low)
        if m and not low.startswith("recent "):
            n = _number(m.group(1)) if m.group(1) else (1 if not m.group(2).endswith("s") else None)
            return [self._mk(s, e, "DURATION", self._duration_value(n, m.group(2)), relative=True)]
        if "future" in low or "ahead" in low or "to come" in low or "coming" in low:
            if low.startswith("in "):
                s += 3
            return [self._mk(s, e, "DATE", "FUTURE_REF", relative=True)]
        if low.startswith("recent") or "past" in low:
            if low.startswith("in "):
                s += 3
            return [self._mk(s, e, "DATE", "PAST_REF", relative=True)]
        return [self._mk(s, e, "DATE", "PRESENT_REF", relative=True)]

    def _h_set(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = " ".join(self.text[s:e].lower().split())
        wd = next((i for i, w in enumerate(_WEEKDAYS) if w in low), None)
        if wd is not None:
            return [self._mk(s, e, "SET", f"XXXX-WXX-{wd + 1}")]
        if "annually" in low or "annum" in low or low == "yearly":
            return [self._mk(s, e, "SET", "P1Y")]
        if low in _ADVERB_SETS:
            return [self._mk(s, e, "SET", _ADVERB_SETS[low])]
        m = _SET_PARTS.search(low)
        if m is None:
            return [self._mk(s, e, "SET", "P1D")]
        unit = m.group(2)
        if unit in ("morning", "evening", "night"):
            part = {"morning": "MO", "evening": "EV", "night": "NI"}[unit]
            return [self._mk(s, e, "SET", f"TXX-{part}")]
        if unit == "weekend":
            return [self._mk(s, e, "SET", "XXXX-WXX-WE")]
        n = _number(m.group(1)) if m.group(1) else 1
        if "other" in low:
            n = 2
        return [self._mk(s, e, "SET", self._duration_value(n, unit))]

    def _h_duration(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = " ".join(self.text[s:e].lower().split())
        m = _DURATION_PARTS.match(low)
        assert m
        if _OLD_AFTER.match(self.text[e:e + 6]):
            return []  # an age: "a 70-year-old man"
        n = _number(m.group(1))
        word = m.group(1)
        if word in ("a", "an", "one") and signal is None:
            before = self.text[max(0, s - 12):s].lower()
            if _RATE_BEFORE.search(before):
                return [self._mk(s, e, "SET", self._duration_value(1, m.group(3)))]  # "$5bn a year"
            if word != "one" and not _SPAN_WORD_BEFORE.search(before):
                return []  # "a day of mourning", "a year-long": too loose to tag
        if n is not None and (m.group(2) or low.endswith("and a half")):
            n += 0.5
        if _CLOCK_UNIT.match(m.group(3)) and n is None:
            return []
        return [self._mk(s, e, "DURATION", self._duration_value(n, m.group(3)), signal=signal)]

    def _h_clock(self, s: int, e: int, signal: str | None) -> list[Timex]:
        low = self.text[s:e].lower()
        if low == "noon":
            hh, mm = 12, 0
        elif low == "midnight":
            hh, mm = 24, 0
        else:
            m = _CLOCK_PARTS.match(low)
            assert m
            hh, mm = int(m.group(1)), int(m.group(2) or 0)
            if len(m.group(1)) == 2 and m.group(2) and ":" not in low and low[2:4] == m.group(2):
                pass  # 0330 GMT
            if "p.m" in low or _PM.search(low):
                hh = hh % 12 + 12
            elif "a.m" in low or _AM.search(low):
                hh = hh % 12
            if ":" in low and self.text[s - 1:s].isdigit():
                return []
        value, prec = self._day_offset(0)
        day = value if prec == "day" else "XXXX-XX-XX"
        return [self._mk(s, e, "TIME", f"{day}T{hh:02d}:{mm:02d}", relative=prec == "day", signal=signal)]

    def _h_clockday(self, s: int, e: int, signal: str | None) -> list[Timex]:
        """"9 a.m. Tuesday", "noon on Jan. 5", "5 p.m. EST today": the clock on that day."""
        day = _CLOCK_DAY.search(self.text, s, e)
        assert day is not None
        clock_end = day.start()
        while self.text[clock_end - 1] in " ,":
            clock_end -= 1
        tz = _CLOCK_ZONE.search(self.text, s, clock_end)
        clock = self._h_clock(s, tz.start() if tz else clock_end, None)
        kind = "weekday" if _RE_WD.match(day.group()) else "daymonth" if _RE_MON.search(day.group()) else "relday"
        self.tense_from = s  # the clause's tense is read around the whole expression
        found = getattr(self, "_h_" + kind)(day.start(), e, None)
        self.tense_from = None
        if not clock or not found or found[0].precision != "day":
            return clock or found
        hhmm = clock[0].value.split("T")[1]
        return [self._mk(s, e, "TIME", f"{found[0].value}T{hhmm}", relative=True, signal=signal)]

    def _h_weekday(self, s: int, e: int, signal: str | None) -> list[Timex]:
        t = self.text[s:e]
        low = t.lower()
        wd = next(i for i, w in enumerate(_WEEKDAYS) if w in low)
        first = low.split()[0]
        part = next((code for word, code in (("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"),
                                             ("night", "NI")) if word in low), None)
        if first == "on":
            s += 3
            signal = "on"
        r = self.ref.date
        if r is None:
            return [self._mk(s, e, "DATE", f"XXXX-WXX-{wd + 1}", relative=True, signal=signal)]
        if first == "last":
            delta = -((r.weekday() - wd) % 7 or 7)
        elif first == "next":
            delta = (wd - r.weekday()) % 7 or 7
        elif first == "this":
            delta = wd - r.weekday()
        else:
            sign = _tense(self.text, s if self.tense_from is None else self.tense_from, e)
            delta = -((r.weekday() - wd) % 7) if sign <= 0 else (wd - r.weekday()) % 7
        value = (r + timedelta(days=delta)).isoformat()
        if part:
            return [self._mk(s, e, "TIME", f"{value}T{part}", relative=True, signal=signal)]
        return [self._mk(s, e, "DATE", value, precision="day", relative=True, signal=signal)]


def tag(text: str, reference: str | None = None, *, day_first: bool = True, words: Words | None = None) -> list[Timex]:
    """Every temporal expression in ``text``, in order, normalised against ``reference``.

    ``reference`` is the article's date, ISO at any precision (``'2016'``, ``'2024-07'``,
    ``'2019-10-31'``) or None; ``day_first`` decides ambiguous numeric dates (``2/5/2018``);
    ``words``, the text's word tokens if known, make the scan faster (same result).

        >>> [(t.text, t.value) for t in tag("Since 2011, it has grown; last year it shrank.", "2024")]
        [('2011', '2011'), ('last year', '2023')]
    """
    return _Tagger(text, reference, day_first).run(words)
