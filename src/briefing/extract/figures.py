"""Key figures: quantities with a qualifier, a unit, an as-of date and a series id.

A figure is a number that counts or measures something named right after it
(``247 political parties``), a percentage (``about 70-80%``) or an amount of money
(``$4.2 billion``). Years, ordinals, dates, document numbers and model names are not::

    >>> from briefing.models import Document
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw="", title=None, published=None,
    ...     text="The Party has relations with nearly 260 political parties in 2024 under Decree No. 73.")
    >>> from briefing.extract import DocContext
    >>> [(f.value, f.qualifier, f.unit, f.as_of, f.series) for f in extract(DocContext(doc))]
    [(260.0, 'nearly', 'political parties', '2024', 'relations/party')]

``series`` is computed from the figure alone (normalised head noun plus a subject cue such as
"relations" or "revenue"), so the same measure in different documents shares one id without a
corpus pass.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import string
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Figure
from ..text import is_word_char, lemma, number_spans, span_at, span_index, word_alternation
from .measure import measure_of

if TYPE_CHECKING:
    from . import DocContext

# --------------------------------------------------------------------------- vocabulary


_LEX = lexicon()
_FW = _LEX.figures
NUMBER_WORDS = _LEX.count_words()
SCALES = _LEX.scales
CURRENCY_SIGNS = _FW.currency_signs
CURRENCY_WORDS = _FW.currency_words
_QUALIFIER_PHRASES = _FW.qualifiers
LIST_NOUNS = _FW.count_only_nouns
TIME_UNITS = _FW.time_units
GENERIC_HEADS = TIME_UNITS | _FW.generic_heads
# Full month names first, then their abbreviations (lower case).
MONTHS = [*(m.lower() for m in _LEX.month_names), *_LEX.month_forms()]
STOP_WORDS = _FW.unit_stop_words
NOT_PLURAL = _FW.not_plural
# Each cue word with its key's priority (the earlier entry wins a word listed twice).
_CUE_OF: dict[str, tuple[int, str]] = {}
for _rank, (_key, _forms) in enumerate(_FW.subject_cues):
    for _form in _forms:
        _CUE_OF.setdefault(_form, (_rank, _key))
_CUE_WORDS = frozenset(_CUE_OF)
CHANGE_VERBS = _FW.change_verbs

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Factored alternations (faster to try); each word is followed by \b, so which one matches at
# a place does not depend on the order of the alternatives.
_WORDNUM = word_alternation(sorted(NUMBER_WORDS))
_CUR = "|".join(re.escape(c) for c in sorted(CURRENCY_SIGNS, key=len, reverse=True))
_SPACED_SCALES = word_alternation(sorted(w for w in SCALES if len(w) > 1))


def _one(cur: str, num: str, scale: str) -> str:
    """A number with its currency sign and scale word, as named groups."""
    return rf"(?P<{cur}>{_CUR})?\s?(?P<{num}>{_NUM}|\b(?:{_WORDNUM})\b)(?P<{scale}>\s?(?:{_SPACED_SCALES})\b|(?:m|bn|k)\b)?"


# A number with its currency and scale, perhaps a range ("45-60", "€3.5bn to €3.8bn", "two to
# three"), then a percent sign.
_CANDIDATE = re.compile(
    _one("cur", "a", "scale_a")
    + rf"(?:(?P<pct_a>\s?%)?\s?(?:-|–|to)\s?{_one('cur_b', 'b', 'scale')}(?=\s?%|\W|$))?"
    + r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?",
    re.I,
)
_SINGLE = re.compile(_one("cur", "a", "scale") + r"(?P<pct>\s?%|\s(?:percent|per cent)\b)?", re.I)
# Every candidate holds a number: digits or a number word. Scanning for those is cheap, while
# _CANDIDATE (optional currency and space first) is costly to try at every position; it is
# tried only at the number and the few positions before it where a currency or a space can
# open a match.
_CURRENCY_LEAD = max(map(len, CURRENCY_SIGNS)) + 1  # the most a candidate can start before its number
_LEAD_CHARS = frozenset("".join(CURRENCY_SIGNS) + "".join(CURRENCY_SIGNS).lower())  # what a currency starts with
_SIGN_ENDS = frozenset(c for sign in CURRENCY_SIGNS for c in (sign[-1], sign[-1].lower(), sign[-1].upper()))
_YEAR_IN = re.compile(
    rf"\b(?:in|during|by|as of|at the end of|end of|for|of|year)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:(?P<month>{'|'.join(MONTHS[:12])})\s+)?(?P<year>(?:18|19|20)\d\d)\b(?!\s*[-–]\s*\d)",
    re.I,
)
_LEAD_YEAR = re.compile(
    rf"\s*(?:In|During|By)\s+(?:(?:early|late|mid-?)\s*)?(?:({'|'.join(MONTHS[:12])})\s+)?((?:18|19|20)\d\d),",
    re.I,
)
_FULL_MONTHS = frozenset(MONTHS[:12])
_ALL_MONTHS = frozenset(MONTHS)
_CURRENCY_CODES = frozenset(c.lower() for c in CURRENCY_SIGNS.values())
# No qualifier phrase ends another, so at most one can end right before the number.
_QUALIFIER = re.compile(rf"(?:^|\W)({'|'.join(re.escape(q) for q in _QUALIFIER_PHRASES)})\s+$")
_MONTH_WORD = word_alternation(MONTHS)  # only whether a month is there matters, not which
_NEAR_MONTH = re.compile(rf"\b(?:{_MONTH_WORD})\b\.?\s*\d|\d\s*(?:{_MONTH_WORD})\b")
# Every month name holds the first three letters of one: a scan for those (no \b, a literal
# start the engine skips ahead to) rules out most windows before _NEAR_MONTH is tried.
_MONTH_STEMS = re.compile("|".join(sorted({re.escape(m[:3]) for m in MONTHS})))
_DAY_OR_YEAR = re.compile(r"\d{1,2}|(?:18|19|20)\d\d")
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_LAST_YEAR = re.compile(r"\s*last year\b", re.I)
# What makes a number a code or an ordinal, before it: a letter ("G20", "COVID-19"), a reference
# word ("No. 73") or a separator ("16:52"); after it: an ordinal suffix ("13th"), a code
# ("73-TB/TW") or a separator and a digit. One pattern each side: one search per candidate.
_CODE_BEFORE_NUMBER = re.compile(
    rf"(?:[A-Za-z]-?|\b(?:{'|'.join(map(re.escape, _FW.reference_words))})\.?\s*|[:/])$"
)
_CODE_AFTER_NUMBER = re.compile(r"(?:st|nd|rd|th)\b|[-/]?[A-Z]{2}|[:/.]\d")
# What _CODE_BEFORE_NUMBER's match can end with: a letter, a hyphen or a separator (perhaps
# before a final newline, which $ allows), or a reference word with its full stop (then spaces).
_CODE_ENDS = frozenset(string.ascii_letters + "-:/")
_REFERENCE_ENDS = tuple(w + stop for w in _FW.reference_words for stop in ("", "."))
_WORD_AFTER_NUMBER = re.compile(r"\s?([A-Za-z]+)\b")
_CODE_BEFORE = re.compile(rf"\b({'|'.join(sorted(set(CURRENCY_WORDS.values())))})\s?$")
_OF = re.compile(r"\s+of\s+")
_HYPHENATED = re.compile(r"-([a-z]+)(?:\s+([a-z]+))?")
_PREV_WORD = re.compile(r"(\w+)\W*$")
_CHANGE_NOUN_AFTER = re.compile(rf"\s+(?:{'|'.join(_FW.change_nouns)})")


# --------------------------------------------------------------------------- helpers


# Lemmas, so that "focuses" and "focus" both count as list nouns.
_LIST_LEMMAS = frozenset(lemma(w) for w in LIST_NOUNS)


def is_plural(word: str) -> bool:
    w = word.lower().strip("’'")
    if w in lexicon().irregular_plurals:
        return True
    return (
        len(w) > 2
        and w.endswith("s")
        and not w.endswith(("ss", "us", "ous", "'s", "’s", "is"))
        and w not in NOT_PLURAL
    )


def _number(s: str) -> float:
    return float(NUMBER_WORDS.get(s.lower(), 0)) if s.lower() in NUMBER_WORDS else float(s.replace(",", ""))


def _clause_bounds(text: str, start: int, end: int, sent: tuple[int, int]) -> tuple[int, int]:
    """The comma/semicolon/dash-delimited clause of ``sent`` that holds [start, end)."""
    s, e = sent
    left = max(text.rfind(", ", s, start), text.rfind("; ", s, start), text.rfind(" – ", s, start),
               text.rfind(" — ", s, start), text.rfind(": ", s, start))
    right = e
    for sep in (", ", "; ", " – ", " — "):
        i = text.find(sep, end, e)
        if 0 <= i < right:
            right = i
    return (left + 1 if left >= s else s, right)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 25) : start].lower()
    m = _QUALIFIER.search(before)
    if m:
        return m.group(1), start - (len(before) - m.start(1))
    return None, start


_WORD_AFTER = re.compile(r"\s([A-Za-z][\w’'-]*)")


def _unit(text: str, pos: int, single: bool) -> tuple[list[str], int] | None:
    """The noun phrase after a number, ending at its first plural noun (or first noun if 1)."""
    words: list[str] = []
    while len(words) < 4:
        m = _WORD_AFTER.match(text, pos)
        if not m:
            return None
        w = m.group(1)
        if w.lower() in STOP_WORDS or w.lower() in _FULL_MONTHS:
            return None
        words.append(w)
        pos = m.end()
        if is_plural(w) or (single and len(words) == 1):
            return words, pos
    return None


_WORD = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=256)
def _words_between(text: str, a: int, b: int) -> frozenset[str]:
    """Lower-cased words of ``text[a:b]``, cached: the figures of one long sentence share it
    (a str caches its own hash, so the key costs nothing however long the text)."""
    return frozenset(map(str.lower, _WORD.findall(text, a, b)))


def _cue(text: str, *spans: tuple[int, int]) -> str | None:
    """The highest-priority subject cue word in the first span (clause, then sentence) that has one."""
    for a, b in spans:
        hits = _words_between(text, a, b) & _CUE_WORDS
        if hits:
            return min(_CUE_OF[w] for w in hits)[1]
    return None


def _as_of(
    ctx: DocContext, clause: tuple[int, int], sent: tuple[int, int], frames: dict[int, str | None],
    end: int | None = None,
) -> str | None:
    """A year (or month) in the figure's clause: the one right after the figure ending at ``end``
    ("$46,000 in 2023 and $68,000 in 2022"), else the clause's last; else the time frame the
    sentence or its paragraph opened with ("In 2017, ..."); else the article's date.

    ``frames`` caches the frame by sentence start for the document's other figures."""
    text = ctx.text
    best = None
    if _YEAR.search(text, clause[0], clause[1]):  # no year, no _YEAR_IN: skip its slower scan
        for m in _YEAR_IN.finditer(text, clause[0], clause[1]):
            best = m
            if end is not None and 0 <= m.start() - end <= 30:
                break
    if best is None:
        if sent[0] not in frames:
            frames[sent[0]] = _frame(ctx, sent[0])
        return frames[sent[0]]
    year = best.group("year")
    if best.group("month"):
        return f"{year}-{MONTHS.index(best.group('month').lower()) + 1:02d}"
    return year


def _frame(ctx: DocContext, sent_start: int) -> str | None:
    """The time frame the sentence at ``sent_start`` or an earlier one of its paragraph opened
    with ("In 2017, ...", "Last year, ..."), else the article's date."""
    text, ref = ctx.text, ctx.reference_date
    para = span_at(ctx.paragraphs, sent_start)
    frame = ref
    sents = ctx.sentences
    for ss, _se in sents[span_index(sents, para[0]) : span_index(sents, sent_start) + 1]:
        if para[0] <= ss <= sent_start:
            lead = _LEAD_YEAR.match(text, ss)
            if lead:
                frame = lead.group(2)
            elif ref and _LAST_YEAR.match(text[ss : ss + 12]):
                frame = str(int(ref[:4]) - 1)
    return frame


def _is_code_or_ordinal(text: str, s: int, e: int) -> bool:
    """``COVID-19``, ``G20``, ``No. 73``, ``73-TB/TW``, ``13th``, ``16:52`` are not quantities."""
    return _code_before(text[max(0, s - 12) : s]) or bool(_CODE_AFTER_NUMBER.match(text[e : e + 3]))


def _code_before(tail: str) -> bool:
    """``_CODE_BEFORE_NUMBER.search(tail)``, tried only when ``tail`` ends as a match must (most
    numbers follow a space after an ordinary word: no search, which tries every position)."""
    end = tail[:-1] if tail.endswith("\n") else tail
    if end[-1:] in _CODE_ENDS or tail.rstrip().endswith(_REFERENCE_ENDS):
        return bool(_CODE_BEFORE_NUMBER.search(tail))
    return False


def _near_month(window: str) -> bool:
    """``_NEAR_MONTH.search(window)`` (``window`` lower-cased), tried only where a month can be."""
    return bool(_MONTH_STEMS.search(window) and _NEAR_MONTH.search(window))


# --------------------------------------------------------------------------- extraction


def _candidates(text: str, numbers: list[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(text)``, found faster: a match holds a number (one
    of ``numbers``, the text's :func:`~briefing.text.number_spans`) and starts at most ``_CURRENCY_LEAD`` characters before it, so only those starts are tried.
    A range that is no range ("rose 17% to $10.1 billion", "from 2 to 5") is matched again
    without its second number, which then opens a candidate of its own."""
    pos = 0  # no match may start before this (the end of the last match)
    tried = -1  # starts up to here have been tried already
    for q, end in number_spans(text) if numbers is None else numbers:
        if q < pos:
            if end <= pos or not text[q].isdigit():
                continue
            q = pos  # the rest of a run of digits the last match ended inside ("1,2345")
        for c in _starts(text, q, max(pos, tried + 1, q - _CURRENCY_LEAD)):
            tried = c
            m = _CANDIDATE.match(text, c)
            if m and m.group("b") and not _is_range(text, m):
                m = _SINGLE.match(text, c)
            if m:
                yield m
                pos = m.end()
                break


def _starts(text: str, q: int, lo: int) -> list[int]:
    """Where a candidate whose number starts at ``q`` may start, from ``lo`` on: at a currency
    sign (then at most a space) right before the number, at the space right before it, at it."""
    if lo > q:
        return []
    if text[q - 1 : q] in _SIGN_ENDS or text[q - 1 : q].isspace() and text[q - 2 : q - 1] in _SIGN_ENDS:
        return [c for c in range(lo, q + 1) if c == q or text[c] in _LEAD_CHARS or text[c].isspace()]
    return [q - 1, q] if lo < q and text[q - 1].isspace() else [q]


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:[\w$€£¥₫]+\s+)?$", re.I)


def _is_range(text: str, m: re.Match[str]) -> bool:
    """Both ends alike: a percent on both or neither, words on both or neither; not "from A to B"."""
    if m.group("pct_a") and not m.group("pct"):
        return False
    if (m.group("a").lower() in NUMBER_WORDS) != (m.group("b").lower() in NUMBER_WORDS):
        return False
    if bool(m.group("cur_b")) and not m.group("cur") or _YEAR.fullmatch(m.group("a")) and not _YEAR.fullmatch(m.group("b")):
        return False  # "in 2024 to $2.4 billion"
    return not _FROM_BEFORE.search(text[max(0, m.start() - 20) : m.start()])


_ONE_IN_PATTERN = rf"\b(?P<a>one|a|1)\s+(?:in|out of)\s+(?:every\s+)?(?P<b>{_WORDNUM}|\d+)\b(?:\s+of\s+(?:them|those|these))?"
_ONE_IN = re.compile(_ONE_IN_PATTERN, re.I)
# The same without its leading \b, in the lower-cased text: a much faster scan (see _one_in).
_ONE_IN_LOWERED = re.compile(_ONE_IN_PATTERN.removeprefix(r"\b"))
_OF_TOTAL = re.compile(rf"\s+(?:of|out of)\s+(?P<t>{_NUM})\b(?!\s*%)")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
_AND_NEXT = re.compile(r"\s+and\s+")


def extract(ctx: DocContext) -> list[Figure]:
    """Every figure in the document, in text order."""
    text = ctx.text
    out = _ratios(ctx)
    taken = [f.span for f in out]
    frames: dict[int, str | None] = {}
    skip_until = 0
    for m in _candidates(text, ctx.numbers):
        if m.start() < skip_until or any(a <= m.start("a") < b for a, b in taken):
            continue
        fig = _figure(ctx, m, frames)
        if fig is None and out:
            fig = _compared(ctx, m, out[-1], frames)
        if fig is not None and not _announces_list(ctx, fig):
            out.append(fig)
            skip_until = fig.span[1]
    out.sort(key=lambda f: f.span)
    return _with_changes_measured(ctx, out)


def _ratios(ctx: DocContext) -> list[Figure]:
    """``one in five deputies``: a value of 1 out of a total of 5."""
    text, low = ctx.text, ctx.lowered
    out = []
    for m in _ONE_IN.finditer(text) if low is None else _one_in(low):
        total = float(_number(m.group("b")))
        if total < 2:
            continue
        np = _unit(text, m.end(), single=False)
        qualifier, q_start = _qualifier(text, m.start())
        sent = span_at(ctx.sentences, m.start())
        noun = " ".join(np[0]) if np else None
        window = (max(sent[0], q_start - _WINDOW), min(sent[1], m.end() + _WINDOW))
        measure = noun or measure_of(text, q_start, m.end(), window)
        out.append(Figure(doc_id=ctx.doc.id, span=m.span(), text=text[m.start() : m.end()], value=1.0, unit=noun or "",
                          qualifier=qualifier, as_of=_as_of(ctx, _clause_bounds(text, m.start(), m.end(), sent),
                                                            sent, {}),
                          measure=measure, total=total, source=_source(text, window)))  # fmt: skip
    return out


def _one_in(low: str) -> Iterator[re.Match[str]]:
    """``_ONE_IN.finditer`` of the text whose lower-cased form is ``low``: a match found inside
    a word ("data in 5") is none, and the scan goes on from the next character, as a match at a
    word start may begin inside it ("21 in 1 in 5")."""
    pos = 0
    while (m := _ONE_IN_LOWERED.search(low, pos)) is not None:
        if m.start() and is_word_char(low[m.start() - 1]):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _announces_list(ctx: DocContext, fig: Figure) -> bool:
    """A count that only says how many items follow a colon: "six key tasks in 2025:". (A count
    of things that are news in themselves, "the exchange of two very important visits. A … B …",
    stays a figure.)"""
    for e in ctx.facts.get("enumeration", []):
        items = getattr(e, "items", ())
        first = items[0].span[0] if items and items[0].span else e.span[1]
        if (
            e.span[0] <= fig.span[0] < first
            and fig.value in (getattr(e, "announced_count", None), len(items))
            and ":" in ctx.text[fig.span[1] : first]
        ):
            return True
    return False


def _with_changes_measured(ctx: DocContext, figs: list[Figure]) -> list[Figure]:
    """A figure with no measure of its own ("..., up 6.5%", "one in five of them") measures
    what the figure before it in the same sentence does."""
    out: list[Figure] = []
    for f in figs:
        prev = out[-1] if out else None
        if f.measure is None and prev is not None and prev.measure and span_at(ctx.sentences, f.span[0])[0] <= prev.span[0]:
            series = prev.series if prev.unit == f.unit else f.series  # "$46,000 in 2023 and $68,000 in 2022"
            f = dataclasses.replace(f, measure=prev.measure, series=series)
        out.append(f)
    return out


_COMPARED_BEFORE = re.compile(r"\b(?:from|compared with|against|versus|vs\.?)\s+$", re.I)


def _compared(ctx: DocContext, m: re.Match[str], prev: Figure, frames: dict[int, str | None]) -> Figure | None:
    """A bare number compared with the figure before it in its sentence takes that figure's unit
    and measure: "42 exchanges in 2024, up from 35 in 2023"; "159 million ... up from 31 million"."""
    text = ctx.text
    s, e = m.start("cur") if m.group("cur") else m.start("a"), m.end()
    while e > s and text[e - 1].isspace():
        e -= 1
    if m.group("pct") or not _COMPARED_BEFORE.search(text[max(0, s - 15) : s]):
        return None
    sent = span_at(ctx.sentences, s)
    if prev.span[0] < sent[0]:
        return None
    if m.group("a").lower() in NUMBER_WORDS or _is_not_quantity(text, s, e, m) or _near_month(text[s : e + 12].lower()):
        return None
    value = _value(m)
    if value is None or _YEAR.fullmatch(m.group("a")) and not _group(m, "scale"):
        return None
    clause = _clause_bounds(text, s, e, sent)
    return dataclasses.replace(prev, span=(s, e), text=text[s:e], value=value, qualifier=None,
                               as_of=_as_of(ctx, clause, sent, frames), change=None)


def _group(m: re.Match[str], name: str) -> str | None:
    """``m.groupdict().get(name)`` without building the dict: _SINGLE has no range groups."""
    return m.group(name) if name in m.re.groupindex else None


def _is_not_quantity(text: str, s: int, e: int, m: re.Match[str]) -> bool:
    """Codes, ordinals, dates, ages and names with a number in them."""
    a = m.group("a")
    b = _group(m, "b")
    if _is_code_or_ordinal(text, m.start("a"), m.end("b") if b else m.end("a")):
        return True
    lo, hi = max(0, m.start("a") - 8), min(len(text), m.end() + 8)
    if text.find("-", lo, hi) >= 0 and _ISO_DATE.search(text, lo, hi):
        return True  # a date stamp: 2022-05-31
    before = text[max(0, s - 30) : s]
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(text, m.end("a")) or text[e : e + 1] == "," and _AGE_COMMAS.search(before):
        return True
    plain = not m.group("cur") and not m.group("pct") and a.isdigit() and len(a) <= 2
    return plain and bool(_NAME_BEFORE.search(before))


_ISO_DATE = re.compile(r"\b(?:18|19|20)\d\d-\d{1,2}-\d{1,2}\b")
_AGE_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_FW.age_words))})\s+(?:between\s+)?$", re.I)
_AGE_AFTER = re.compile(r"-years?-old\b|\s+years?\s+old\b")
_AGE_COMMAS = re.compile(r"\b[A-Z][\w’'-]+,\s$")  # "Chinh, 65, said"
_NAME_BEFORE = re.compile(r"(?<=\w )[A-Z][a-z]+\s$")  # "Ring Road 4", "the Baltic Two"


def _is_date(text: str, s: int, e: int, a: str, b: str | None, pct_or_money: bool) -> bool:
    """A number next to a month name, or a bare year (one that counts nothing after it)."""
    if _DAY_OR_YEAR.fullmatch(a) and _near_month(text[max(0, s - 12) : e + 12].lower()):
        return True
    if not b and not pct_or_money and _YEAR.fullmatch(a):
        unit = _unit(text, e, single=False)
        prev = _PREV_WORD.search(text[max(0, s - 20) : s])
        return unit is None or unit[0][-1].lower() in _ALL_MONTHS or bool(prev and prev.group(1).lower() in STOP_WORDS)
    return False


def _figure(ctx: DocContext, m: re.Match[str], frames: dict[int, str | None]) -> Figure | None:
    text = ctx.text
    a, b = m.group("a"), _group(m, "b")
    is_word = a.lower() in NUMBER_WORDS
    s, e = m.start("a"), m.end()
    if m.group("cur"):
        s = m.start("cur")
    # Trim the trailing space a scale/percent group may have swallowed.
    while e > s and text[e - 1].isspace():
        e -= 1
    pct = bool(m.group("pct"))
    currency = CURRENCY_SIGNS.get(m.group("cur") or "") or CURRENCY_SIGNS.get(_group(m, "cur_b") or "")
    if is_word and (pct or currency):
        return None
    # Each test here only rejects, so their order changes no result: the cheap date tests,
    # which reject the most candidates, go first.
    if not is_word and _is_date(text, s, e, a, b, pct or bool(currency)):
        return None
    if _is_not_quantity(text, s, e, m):
        return None
    value = _value(m)
    if value is None:
        return None
    if b is None and not pct and _BETWEEN_BEFORE.search(text[max(0, s - 10) : s]):
        value, e = _between(text, value, e)
    total = None
    tot = _OF_TOTAL.match(text, e) if not pct and not currency and not is_word else None
    if tot:  # "185 of 193 member states"
        total, e = float(_number(tot.group("t"))), tot.end()
    return _described(ctx, m, s, e, value, total, currency, pct, is_word, frames)


def _value(m: re.Match[str]) -> float | tuple[float, float] | None:
    """The number (scaled), or the range: "€3.5bn to €3.8bn", "280,000 to 300,000" (a scale said
    once, at the end, scales both: "2 to 3 million")."""
    scale_b = SCALES.get((m.group("scale") or "").strip().lower(), 1.0)
    scale_a = SCALES.get((_group(m, "scale_a") or "").strip().lower(), scale_b)
    a, b = m.group("a"), _group(m, "b")
    if not b:
        return _number(a) * scale_a
    if _YEAR.fullmatch(a) and _YEAR.fullmatch(b):
        return None  # a span of years
    return (_number(a) * scale_a, _number(b) * scale_b)


def _between(text: str, low: float | tuple[float, float], e: int) -> tuple[float | tuple[float, float], int]:
    """``between 45 and 60``: the range, and where it ends."""
    conj = _AND_NEXT.match(text, e)
    m = _SINGLE.match(text, conj.end()) if conj else None
    if not m or isinstance(low, tuple):
        return low, e
    high = _number(m.group("a")) * SCALES.get((m.group("scale") or "").strip().lower(), 1.0)
    return (low, high), m.end()


def _described(ctx: DocContext, m: re.Match[str], s: int, e: int, value: float | tuple[float, float],
               total: float | None, currency: str | None, pct: bool, is_word: bool,
               frames: dict[int, str | None]) -> Figure | None:  # fmt: skip
    """The figure at text[s:e] with its unit, measure, date, change and source."""
    text = ctx.text
    cur_word = _WORD_AFTER_NUMBER.match(text, e)
    if not currency and cur_word and cur_word.group(1).lower() in CURRENCY_WORDS and not is_word:
        currency = CURRENCY_WORDS[cur_word.group(1).lower()]
        e = cur_word.end()
    if not currency:
        code = _CODE_BEFORE.search(text[max(0, s - 5) : s])
        if code:
            currency = code.group(1)
            s -= len(text[max(0, s - 5) : s]) - code.start()
    what = _what_counted(text, s, e, currency, pct, is_word, value)
    if what is None:
        return None
    unit_text, head, e, count_noun = what
    if unit_text and _is_time_frame(text, s, unit_text):
        return None
    qualifier, q_start = _qualifier(text, s)
    sent = span_at(ctx.sentences, s)
    clause = _clause_bounds(text, s, e, sent)
    # A measure is named near its figure: a window of the sentence keeps a long one linear.
    window = (max(sent[0], q_start - _WINDOW), min(sent[1], e + _WINDOW))
    material = not count_noun and bool(_MEASUREMENT.match(text, m.end()))  # a count needs no unit
    measure = measure_of(text, q_start, e, window, count_noun, share=pct, material=material)
    if count_noun and unit_text.split()[-1].lower() in TIME_UNITS and _OF_BEFORE.search(text, max(0, q_start - 4), q_start):
        measure = measure_of(text, q_start, e, window) or measure  # "tax holidays of two to three years"
    return Figure(
        doc_id=ctx.doc.id, span=(s, e), text=text[s:e], value=value, unit=unit_text,
        qualifier=qualifier, as_of=_as_of(ctx, clause, sent, frames, e),
        series=_series(text, clause, sent, s, e, head, pct, measure, count_noun is None),
        measure=measure, total=total, change=_change(text, clause, q_start), source=_source(text, window),
    )  # fmt: skip


_WINDOW = 200  # characters either side of a figure where its measure and source are looked for


_OF_BEFORE = re.compile(r"\bof\s+$")


def _is_time_frame(text: str, s: int, unit: str) -> bool:
    """``in the first 11 months``, ``within three years``: when, not how much."""
    if unit.split()[-1].lower() not in TIME_UNITS:
        return False
    before = [w.lower() for w in _WORD.findall(text, max(0, s - 30), s)]
    return bool(before) and before[-1] in _FW.time_frame_words


def _change(text: str, clause: tuple[int, int], start: int) -> str | None:
    """``up`` or ``down`` when a word of rise or fall comes just before the figure; none for the
    level reached ("fell 52% to $2.4 billion": the $2.4 billion is where it fell to)."""
    before = [w.lower() for w in _WORD.findall(text, clause[0], start)[-4:]]
    if before and before[-1] in ("to", "at", "from"):
        return None
    for w in reversed(before):
        if w in _FW.change_up:
            return "up"
        if w in _FW.change_down:
            return "down"
    return None


_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?([^,;]{3,80})", re.I)
_SPEECH = re.compile(
    rf"\b(?:{word_alternation(sorted({*lexicon().speech_forms('person'), 'estimated', 'reported', 'showed'}))})\b"
)
_WORD_BEFORE = re.compile(r"[\w.’'-]+")
_PRONOUNS = _LEX.lists.pronouns | {"she", "he", "they", "it", "we", "i"}


@functools.lru_cache(maxsize=1024)
def _source_in(sentence: str) -> str | None:
    """Who gave the numbers of a sentence: ``according to X``, else ``X said`` (the few words
    before the verb, from their first capital or "the"). Cached: a sentence's figures share it."""
    m = _ACCORDING.search(sentence)
    if m:
        return m.group(1).strip().rstrip(".").strip() or None
    for said in _SPEECH.finditer(sentence):
        words = _WORD_BEFORE.findall(sentence, max(0, said.start() - 60), said.start())[-5:]
        if words and words[-1].lower() in _PRONOUNS:
            continue  # "he said": who he is, the sentence does not say
        caps = [i for i, w in enumerate(words) if w[:1].isupper() or w.lower() == "the"]
        if caps:
            words = words[caps[-1] :] if words[caps[-1]].lower() != "the" else words[caps[-1] + 1 :]
            if words and not any(w[:1].isdigit() for w in words) and words[0].lower() not in _PRONOUNS:
                return _name_run(sentence, said.start(), words)
    return None


def _name_run(sentence: str, verb_at: int, words: list[str]) -> str:
    """The capitalised run (or "the ..." phrase) right before the verb: "Finance Minister Mario
    Marcel", "the central bank"."""
    before = sentence[max(0, verb_at - 80) : verb_at].split()
    run: list[str] = []
    for w in reversed(before):
        if w[:1].isupper() and not w.endswith(","):
            run.insert(0, w)
        else:
            break
    return " ".join(run) if run else " ".join(words)


def _source(text: str, span: tuple[int, int]) -> str | None:
    return _source_in(text[span[0] : span[1]])


def _what_counted(
    text: str, s: int, e: int, currency: str | None, pct: bool, is_word: bool, value: float | tuple[float, float]
) -> tuple[str, str | None, int, str | None] | None:
    """(unit, series head, new end, counted noun phrase) of the figure at text[s:e]: its
    currency, percent (of ...), points, measurement unit, "-year history", or the noun phrase
    after it (which then names what is counted); None when that makes it no figure."""
    if currency:
        per = _PER_UNIT.match(text, e)
        if per:
            return f"{currency} per {per.group(1).lower()}", f"{currency.lower()}-per-{per.group(1).lower()}", per.end(), None
        return currency, currency.lower(), e, None
    points = _POINTS.match(text, e)
    if points:
        return points.group(1).lower(), "points", points.end(), None
    if pct:
        of = _OF.match(text, e)
        np = _unit(text, of.end() - 1, single=False) if of else None
        if np:
            return "percent of " + " ".join(np[0]), "percent:" + lemma(np[0][-1]), e, None
        return "percent", "percent", e, None
    mu = _MEASUREMENT.match(text, e)
    if mu and not is_word:
        unit, end = mu.group(1), mu.end()
        per = _PER_UNIT.match(text, end)
        if per:
            unit, end = f"{unit} per {per.group(1).lower()}", per.end()
        return unit, lemma(mu.group(1).lower()), end, None
    hy = _HYPHENATED.match(text, e)
    if hy and not is_word:
        unit_word = hy.group(1)
        if unit_word in _FW.hyphen_not_units:
            return None
        of_word = f" of {hy.group(2)}" if hy.group(2) and hy.group(2) not in STOP_WORDS else ""
        return unit_word + "s" + of_word, unit_word, hy.end(1), None
    return _counted(text, s, e, is_word, value)


def _counted(
    text: str, s: int, e: int, is_word: bool, value: float | tuple[float, float]
) -> tuple[str, str | None, int, str | None] | None:
    np = _unit(text, e, single=(value == 1))
    if np is None:
        return None
    words, _ = np
    last = words[-1].lower()
    small = max(value) if isinstance(value, tuple) else value
    if (lemma(last) in _LIST_LEMMAS and small <= 20) or last in _ALL_MONTHS:
        return None  # "five goals": a list's count (lists have few items; "256 goals" is a count)
    if is_word:
        # "the two sides", "our three countries", "two of them": reference, not measure.
        prev = _PREV_WORD.search(text[max(0, s - 20) : s])
        if prev and prev.group(1).lower() in _FW.reference_determiners and last not in TIME_UNITS:
            return None
    if last in _FW.vague_count_nouns or last in TIME_UNITS and _OF.match(text, np[1]):
        return " ".join(words), _measure_head(words), np[1], None  # "12 months of spending": see the sentence
    more = _MORE_NOUNS.match(text, np[1])  # "pairs of border gates", "children and adolescents"
    noun = " ".join(words) + (more.group(0).rstrip() if more else "")
    return " ".join(words), _measure_head(words), e, noun


# Longest first; sorted in full, so that the pattern is one text every run (see regex_cache).
_UNIT_WORDS = "|".join(sorted(_FW.measurement_units, key=lambda w: (-len(w), w)))
_MEASUREMENT = re.compile(rf"\s?((?:{_UNIT_WORDS}))\b(?!\s+(?:points?)\b)", re.I)
_PER_UNIT = re.compile(rf"\s+(?:per|a|an)\s+({'|'.join(sorted(_FW.per_units, key=lambda w: (-len(w), w)))})\b", re.I)
_POINTS = re.compile(rf"\s+({'|'.join(sorted(_FW.point_units, key=len, reverse=True))})\b", re.I)
_MORE_NOUNS = re.compile(r"(?:\s+(?:of|and)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s|(?:\s+[a-z][\w-]*){0,1}\s+[a-z][\w-]*s)\b(?!\s+(?:of|and)\b)")


_ADJECTIVES = _FW.series_adjectives


def _measure_head(words: list[str]) -> str:
    """The lemmatised head noun plus a noun modifier: ``training courses`` -> ``training-course``,
    ``political parties`` -> ``party`` (adjectives are dropped so wording varies freely)."""
    head = lemma(words[-1])
    if len(words) > 1:
        mod = words[-2].lower()
        adjective = (
            mod in _ADJECTIVES
            or "-" in mod
            or mod[:1].isupper()
            and words[-2] != words[-2].upper()
            or mod.endswith(("al", "ful", "ous", "ive", "ic", "ant", "ent", "ary", "ly", "ed", "ish", "an"))
        )
        if not adjective:
            return f"{mod}-{head}"
    return head


def _series(
    text: str, clause: tuple[int, int], sent: tuple[int, int], s: int, e: int, head: str | None, pct: bool,
    measure: str | None = None, measured: bool = False,
) -> str | None:
    """A normalised measure key: ``relations/party``, ``export/usd``, ``price/usd-per-tonne``,
    ``revenue/percent-change``. Amounts, shares and changes are keyed by their measure's head
    noun (so a total and a price per tonne never share a series); counts by what they count
    and a subject cue in the clause."""
    if head is None or head in TIME_UNITS or lemma(head) in TIME_UNITS:
        return None  # durations ("10 years", "nine months") are not a measure that trends
    if pct:
        before = _WORD.findall(text[clause[0] : s].lower())[-3:]
        if any(w in CHANGE_VERBS for w in before) or _CHANGE_NOUN_AFTER.match(text, e):
            head = "percent-change"
    cue = _measure_key(measure) if measured and measure else _cue(text, clause, sent)
    if cue == head or (cue and cue.startswith(head)):
        cue = None
    if cue is None and (
        head in GENERIC_HEADS
        or head == "percent"
        or head.isupper()
        or len(head) == 3
        and head in _CURRENCY_CODES
    ):
        return None
    return f"{cue}/{head}" if cue else head


def _measure_key(measure: str) -> str | None:
    """The head noun of a measure, singular: ``exports of lithium carbonate`` -> ``export``,
    ``Chile's lithium exports`` -> ``export``."""
    words = _WORD.findall(measure.split(" of ")[0].lower())
    return lemma(words[-1]) if words else None


__all__ = ["extract", "is_plural"]
