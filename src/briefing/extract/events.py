"""Dated events: the sentences (or clauses) that carry a date and something that happened or is planned.

A sentence yields one event per calendar date it carries ('(5 September 1962-5 September 2017)'
gives two, '2025, 2030 and 2045' three). Undated sentences are dated only on firm ground:

* a section heading with a year ("Achievements ... in 2017") dates the concrete events under it
  (a past-tense event verb followed by a number, an ordinal or a proper name);
* an ordinal event dated earlier in the article ("the 19th Congress ... in October 2017") dates
  later mentions of it, at year precision;
* "the visit" right after a sentence dating visits takes that sentence's date;
* "the 100th anniversary of X" in a sentence of 2017 also dates X itself (1917);
* "the three decades of X" in an article of 2016 dates X from 1986 to 2016.

    >>> from briefing.models import Document, PublishedDate
    >>> text = "The ministers met in Paris on 5 May 2021 and will meet again in 2025, 2030 and 2045."
    >>> doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
    ...                published=PublishedDate("2021-05-06", "day"))
    >>> from . import DocContext
    >>> [e.date.value for e in extract(DocContext(doc))]
    ['2021-05-05', '2025', '2030', '2045']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import TARGET, DateRef, Event, Fact
from .dates import Ref, Timex, parse_reference
from .event_text import (
    anniversaries,
    anniversary_summary,
    clause_at,
    clause_bounds,
    founding_summary,
    list_intro,
    summary,
)

if TYPE_CHECKING:
    from . import DocContext


_LEX = lexicon()
_EW = _LEX.events
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T|$)")
# A past-tense verb of something that takes place (for undated sentences under a dated heading).
_EVENT_VERB = re.compile(r"\b(?:" + "|".join(_EW.event_verbs) + r")\b")
# What makes the object of that verb concrete: a number, an ordinal, a proper name of two words.
_FEW = [w for w, v in sorted(_LEX.cardinals.items(), key=lambda x: x[1]) if 2 <= v <= 12]
_MANY = list(_LEX.collectives) + [w for w, v in _LEX.cardinals.items() if v == 100]
_CONCRETE = re.compile(
    r"\b\d|\b(?:" + "|".join(_FEW) + "|" + "|".join(f"{w}s?" for w in _MANY) + r")\b|"
    r"\b[A-Z][a-z][\w'’-]*\s+[A-Z][\w'’-]+")
_ORDINAL_EVENT = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:[A-Z][\w'’-]*\s+){0,4}?(" + "|".join(_EW.ordinal_event_heads) + r")\b")
# An anniversary being held (not one in a list of dates): "marked", "celebrates", "commemorating".
_MARKED = re.compile(r"\b(?:mark|celebrat|commemorat|observ)\w*")
_NOUNS = "|".join(_EW.anaphoric_event_nouns)
_ANAPHORIC_EVENT = re.compile(r"\b[Tt]he\s+(" + _NOUNS + r")\b")
# Quick tests of whether the patterns above can match at all: a pattern opening with \b is tried at
# every position of a sentence, these (opening with a character class) are scanned for in C.
_MAY_BE_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)\s")
_MAY_BE_ANAPHORIC = re.compile(r"[Tt]he\s+(?:" + _NOUNS + ")")
# Reference events of dates.yaml that date a sentence naming them: (mention, context, number -> date).
_REFERENCE_EVENTS = [
    (re.compile(e["mention"].replace("{ORDINAL}", r"(\d{1,2})(?:st|nd|rd|th)"), re.I),
     re.compile(e["context"]) if e.get("context") else None, {int(k): str(v) for k, v in e["dates"].items()})
    for e in _LEX.dates.reference_events if e.get("mention")
]
# "from the 11th through to 13th Congress": a series of them is not one event.
_SERIES_BEFORE = re.compile(r"\b(?:through|to|and|or)\s+(?:the\s+)?$|[-–,]\s*$")
_COPULA = re.compile(r"\s+(?:was|is|will\s+be|has\s+been|had\s+been|would\s+be)\b")
# A capitalised sequence, scanned for without its leading \b (checked after: see _capitalised):
# a pattern opening with [A-Z] skips to the capitals in C, one opening with \b is tried at every
# position of the sentence.
_CAPSEQ = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:(?:of|for|and|de|van|von)\s+(?:the\s+)?)?[A-Z][\w’'-]*)+")
_BOUNDARY = re.compile(r"\b")
_ORG_WORDS = _EW.organisation_words
_TITLE_WORDS = _EW.title_words
_YEARS_DURATION = re.compile(r"P(\d+)Y")
_COMING = re.compile(r"(?i)(?:the\s+)?(?:next|coming)\s+\S+\s+(?:years|decades)")
_THE_BEFORE = re.compile(r"\bthe\s+$")
_OF_NAME_AFTER = re.compile(r"\s+of\s+[A-Z]")
# "by March 2025", "until the end of June": a date ahead introduced so is a deadline.
_DEADLINE_BEFORE = re.compile(r"\b(?:" + "|".join(_EW.deadline_signals) + r")\s+(?:the\s+(?:end|middle)\s+of\s+)?$")
_NOT_NAMES = _EW.not_name_words | frozenset(_LEX.month_names) | frozenset(_LEX.weekday_names)
# A date of a sentence, the expression that gave it (None: dated from context) and the summary
# it must have (None: its clause).
Dated = tuple[DateRef, Timex | None, str | None]


@functools.lru_cache(maxsize=4096)  # the same dates recur across sentences and articles
def _dateref(value: str, end: str | None = None) -> DateRef | None:
    m = _CALENDAR.match(value)
    if not m:
        return None
    y, mo, d = m.groups()
    precision = "day" if d else "month" if mo else "year"
    iso = y + (f"-{mo}" if mo else "") + (f"-{d}" if d else "")
    return DateRef(iso, precision, end)  # type: ignore[arg-type]


def _truncate(ref: Ref, precision: str) -> str | None:
    """The reference date at ``precision`` (or at its own, if coarser)."""
    if ref.year is None:
        return None
    if precision == "year" or ref.month is None:
        return f"{ref.year:04d}"
    if precision == "month" or ref.day is None:
        return f"{ref.year:04d}-{ref.month:02d}"
    return f"{ref.year:04d}-{ref.month:02d}-{ref.day:02d}"


def _is_heading(text: str, start: int, end: int) -> bool:
    """A short line without closing punctuation: a section heading (or a label)."""
    # (the words are counted last: most paragraphs end with a full stop)
    return text[end - 1] not in ".!?:;\"”’)" and text[start].isupper() and 1 < len(text[start:end].split()) <= 14


def _timex_dates(t: Timex, text: str, sent_start: int, ref: Ref, anchor: int | None) -> list[DateRef]:
    """The calendar dates an expression gives an event (none for durations, vague or generic ones)."""
    if t.type == "DURATION":
        return _coming_span(t, ref)
    if t.type not in ("DATE", "TIME"):
        return []
    if t.anaphoric:
        # "during the year", "the previous year": relative to the narrative's year, not the article's.
        if "same" in t.text.lower() or anchor is None or ref.year is None or not t.value[:4].isdigit():
            return []
        return [DateRef(f"{anchor + int(t.value[:4]) - ref.year:04d}", "year")]
    # "The year 2017 was a special one": the date is what is described, not when something happened.
    if text[sent_start:t.start].strip() in ("", "The", "the") and _COPULA.match(text, t.end):
        return []
    first = _dateref(t.value)
    if first is None:
        return []
    if t.end_value:
        second = _dateref(t.end_value)
        if second is None:
            return [first]
        if "anniversary" in text[sent_start:t.start] and first.value[4:] == second.value[4:]:
            # "the 55th anniversary (5 September 1962-5 September 2017)": the founding and its
            # anniversary are two events, years apart.
            return [first, second]
        return [DateRef(first.value, first.precision, second.value)]  # "May 3-6", "2015-2019": one event
    if t.signal == "since":
        until = _truncate(ref, first.precision)
        return [DateRef(first.value, first.precision, until if until != first.value else None)]
    return [first]


def _coming_span(t: Timex, ref: Ref) -> list[DateRef]:
    """'over the next five years' in an article of 2024: a plan for 2024 to 2029."""
    m = _YEARS_DURATION.fullmatch(t.value)
    if m is None or ref.year is None or not _COMING.match(t.text):
        return []
    return [DateRef(f"{ref.year:04d}", "year", f"{ref.year + int(m.group(1)):04d}")]


def _names(sentence: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """People and organisations named in a sentence (capitalised sequences; a heuristic)."""
    people: list[str] = []
    orgs: list[str] = []
    for seq in _capitalised(sentence):
        words = seq.split()
        if any(w.strip(".,’'s") in _ORG_WORDS for w in words):
            org = seq.strip(" .,")
            if org not in orgs:
                orgs.append(org)
            continue
        while words and (words[0] in _TITLE_WORDS or words[0] in _NOT_NAMES):
            words = words[1:]
        if 2 <= len(words) <= 4 and not any(w in _NOT_NAMES for w in words):
            name = " ".join(words).rstrip(".,")
            if name not in people:
                people.append(name)
    return tuple(people), tuple(orgs)


def _capitalised(sentence: str) -> Iterator[str]:
    """The capitalised sequences of a sentence: what ``\\b`` + _CAPSEQ finds, each leftmost."""
    pos = 0
    while (m := _CAPSEQ.search(sentence, pos)) is not None:
        if not _BOUNDARY.match(sentence, m.start()):  # a capital inside a word: look further on
            pos = m.start() + 1
            continue
        yield m.group()
        pos = m.end()


def extract(ctx: DocContext) -> list[Fact]:
    """The dated events of one document, in text order."""
    text = ctx.text
    ref = parse_reference(ctx.reference_date)
    timexes: list[Timex] = list(ctx.timexes)
    out: list[Fact] = []
    section_year: int | None = None
    named: dict[tuple[str, str], int] = {}  # ("19", "congress") -> the year it was dated
    # The reference events whose context the article mentions, looked for only when a sentence
    # needs them (the context is searched over the whole article: ~30 µs when it is absent).
    known = functools.cache(lambda: [(rx, dates) for rx, context, dates in _REFERENCE_EVENTS
                                     if context is None or context.search(text)])

    starts = [t.start for t in timexes]  # timexes come in text order: bisect, not a scan per paragraph
    sents = ctx.sentences  # the document's sentences are its paragraphs' sentences, in order
    sent_starts = [s for s, _ in sents]
    for ps, pe in ctx.paragraphs:
        lo, hi = bisect.bisect_left(starts, ps), bisect.bisect_left(starts, pe)
        ptx = [t for t in timexes[lo:hi] if t.end <= pe]
        if _is_heading(text, ps, pe):
            years = [d for t in ptx for d in _timex_dates(t, text, ps, ref, None)]
            section_year = int(years[0].value[:4]) if years else None
            continue
        narrative: int | None = None  # the latest explicit year in this paragraph
        recent: list[tuple[str, DateRef]] = []  # (sentence, first date) of the last dated sentences
        for s, e in sents[bisect.bisect_left(sent_starts, ps) : bisect.bisect_left(sent_starts, pe)]:
            sentence = text[s:e]
            found: list[Dated] = []
            stx = [t for t in ptx if s <= t.start and t.end <= e]
            for t in stx:
                ds = _timex_dates(t, text, s, ref, narrative or section_year)
                found.extend(_founding_pair(sentence, s, t, ds) if len(ds) == 2 else [(d, t, None) for d in ds])
            explicit = [d for d, t, _ in found if t is not None and not t.relative and not t.anaphoric]
            if explicit and _MAY_BE_ORDINAL.search(sentence):
                for m in _ORDINAL_EVENT.finditer(sentence):
                    named.setdefault((m.group(1), m.group(2).lower()), int(explicit[0].value[:4]))
            for t in stx:
                period = _named_period(t, text, ref)
                if period is not None:
                    found.append((period, t, None))
            if not found:
                dated = _undated(sentence, named, recent, section_year, known)
                if dated is not None:
                    found.append((dated, None, None))
            found = _one_per_thing(found + _anniversaries(sentence, s, found, ref))
            if found:
                out.extend(_events(ctx.doc.id, text, s, e, found, ctx.reference_date))
            if explicit:
                narrative = int(explicit[-1].value[:4])
            recent = (recent + [(sentence, found[0][0])])[-2:] if found else recent[-1:]
    return out


# The most events one sentence gives (issue #19): a sentence listing thousands of dates (a
# table flattened into one line) must not flood the timeline. The one place this cap lives.
MAX_EVENTS_PER_SENTENCE = 8


def _one_per_thing(found: list[Dated]) -> list[Dated]:
    """A sentence's dates, each once (a range is already one event with an end), at most
    MAX_EVENTS_PER_SENTENCE of them."""
    return found[:MAX_EVENTS_PER_SENTENCE]


def _undated(sentence: str, named: dict[tuple[str, str], int], recent: list[tuple[str, DateRef]],
             section_year: int | None, known: Callable[[], list[tuple[re.Pattern[str], dict[int, str]]]]
             ) -> DateRef | None:
    """A date for a sentence with no temporal expression of its own, when the context is firm
    (``known()``: the reference events of dates.yaml the article's context allows)."""
    if _MAY_BE_ORDINAL.search(sentence) and (named or known()):
        for m in _ORDINAL_EVENT.finditer(sentence):
            year = named.get((m.group(1), m.group(2).lower()))
            if year is not None:
                return DateRef(f"{year:04d}", "year")
        for rx, dates in known():  # a reference event of dates.yaml ("the 12th National Congress")
            mention = rx.search(sentence)
            if mention and int(mention.group(1)) in dates and not _SERIES_BEFORE.search(
                    sentence, max(0, mention.start() - 16), mention.start()):
                return _dateref(dates[int(mention.group(1))])
    anaphor = recent and _MAY_BE_ANAPHORIC.search(sentence) and _ANAPHORIC_EVENT.search(sentence)
    if anaphor:
        noun = anaphor.group(1)[:5].lower()
        for prev, d in reversed(recent):
            if noun in prev.lower() and d.end is None:
                return DateRef(d.value, d.precision)
    if section_year is not None:
        verb = _EVENT_VERB.search(sentence)
        if verb and _CONCRETE.search(sentence, verb.end()):
            return DateRef(f"{section_year:04d}", "year")
    return None


def _named_period(t: Timex, text: str, ref: Ref) -> DateRef | None:
    """'the three decades of Doi moi' in an article of 2016: a period from 1986 to 2016."""
    if t.type != "DURATION" or ref.year is None:
        return None
    m = _YEARS_DURATION.fullmatch(t.value)
    if m is None:
        return None
    if not _THE_BEFORE.search(text[max(0, t.start - 5):t.start]) or not _OF_NAME_AFTER.match(text, t.end):
        return None
    return DateRef(f"{ref.year - int(m.group(1)):04d}", "year", f"{ref.year:04d}")


def _anniversaries(sentence: str, s: int, found: list[Dated], ref: Ref) -> list[Dated]:
    """An anniversary dates both ends: 'the 100th anniversary of X' in a sentence of 2017 also
    dates X (1917); 'the 40th anniversary of the 1973 Paris Agreement' dates the anniversary
    (2013); 'marked the 10th anniversary of diplomatic ties' with no date of its own is an event
    of the article's year, and the ties date from ten years before. The founding event reads as
    the thing founded, not as the sentence that celebrates it."""
    if "anniversary" not in sentence:
        return []
    out: list[Dated] = []
    for start, x_start, n, thing in anniversaries(sentence):
        stop = sentence.find(",", x_start)
        phrase_end = s + (stop if stop >= 0 else len(sentence))
        inside = [(d, t) for d, t, _ in found if t is not None and s + x_start <= t.start <= phrase_end]
        if inside:  # the year of X itself is given: the anniversary is n years on
            year = f"{int(inside[0][0].value[:4]) + n:04d}"
            if not any(d.value.startswith(year) or (t is not None and (t.start < s + start or t.end_value))
                       for d, t, _ in found):
                out.append((DateRef(year, "year"), None, anniversary_summary(n, thing)))
            continue
        # The anniversary's own dates given right after it, '(5 September 1962-...)', say it better.
        if any(t is not None and s + start <= t.start <= phrase_end + 2 for _, t, _ in found):
            continue
        if found:
            base = int(found[0][0].value[:4])
        elif ref.year is not None and _MARKED.search(sentence):
            base = ref.year  # "marked the 10th anniversary": in the article's year
            out.append((DateRef(f"{base:04d}", "year"), None, None))
        else:
            continue
        out.append((DateRef(f"{base - n:04d}", "year"), None, founding_summary(n, thing, f"{base:04d}")))
    return out


def _founding_pair(sentence: str, s: int, t: Timex, dates: list[DateRef]) -> list[Dated]:
    """The two dates of one expression; '(5 September 1962-5 September 2017)' after 'the 55th
    anniversary of diplomatic ties' is the founding (read as the ties) and the anniversary."""
    if dates[0].end is not None:
        return [(d, t, None) for d in dates]
    named = [a for a in anniversaries(sentence) if a[1] <= t.start - s]
    if not named:
        return [(d, t, None) for d in dates]
    _, _, n, thing = named[-1]
    return [(dates[0], t, founding_summary(n, thing, dates[1].value[:4])),
            (dates[1], t, None if sentence.count("anniversary") == 1 else anniversary_summary(n, thing))]


def _most_precise(text: str, s: int, found: list[Dated], bounds: list[tuple[int, int]]) -> list[Dated]:
    """One event per clause at its most precise date: 'this year' beside 'on Wednesday, July 17,
    2024' is no second event. A sentence-opening 'Last year, ...' whose clause has a finer date
    dates the sentence's undated clause instead ('...; and the second meeting of ...')."""
    if len(found) < 2:
        return found
    plain = [(d, t) for d, t, said in found if t is not None and said is None and d.end is None and not t.end_value]
    undated = [b for b in bounds if not any(t is not None and b[0] <= t.start < b[1] for _, t, _ in found)]
    out: list[Dated] = []
    for d, t, said in found:
        if t is not None and (d, t) in plain:
            clause = clause_at(bounds, t.start)
            if any(t2 is not t and len(d2.value) > len(d.value) and d2.value.startswith(d.value)
                   and clause_at(bounds, t2.start) == clause for d2, t2 in plain):
                if undated and not text[s:t.start].strip():
                    lo, hi = undated[0]
                    out.append((d, t, summary(text, lo, hi, lo)))
                continue
        out.append((d, t, said))
    return out


def _events(doc_id: str, text: str, s: int, e: int, found: list[Dated], written: str | None) -> list[Event]:
    """The events of sentence [s, e) from its dates, each with the clause that says what happened;
    those dated after the article was ``written`` are targets."""
    sentence = text[s:e]
    bounds = clause_bounds(text, s, e, sorted({(t.start, t.end) for _, t, _ in found if t is not None}))
    found = _most_precise(text, s, found, bounds)
    intro = list_intro(text, s)
    people, orgs = _names(sentence)
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for d, tx, said in found:
        seen_key = (d.value, d.end, tx.mod if tx else None)
        if seen_key in seen:
            continue
        seen.add(seen_key)
        if said is None:
            lo, hi = clause_at(bounds, tx.start) if tx else (s, e)
            said = summary(text, lo, hi, tx.start if tx else lo, intro if lo == s else None)
        out.append(Event(doc_id=doc_id, span=(s, e), text=sentence, date=d, summary=said,
                         people=people, orgs=orgs, date_text=tx.text if tx else None,
                         category=TARGET if _ahead(text, d, tx, written) else None))
    return out


def _ahead(text: str, d: DateRef, tx: Timex | None, written: str | None) -> bool:
    """A goal, a deadline or a plan: dated in a year after the article's own ('expected in 2026',
    'over the next five years' from now), or after its date with 'by'/'until' ('by March 2025')."""
    if not written:
        return False
    if d.end and d.value[:4] >= written[:4]:
        return d.end[:4] > written[:4]
    if d.value[:4] > written[:4]:
        return True
    n = min(len(d.value), len(written), 10)
    return (tx is not None and d.value[:n] > written[:n]
            and _DEADLINE_BEFORE.search(text, max(0, tx.start - 24), tx.start) is not None)
