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

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Figure
from ..text import lemma, span_at, span_index, word_alternation

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
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_CANDIDATE = re.compile(
    rf"(?P<cur>US\$|[$€£¥₫])?\s?"
    rf"(?P<a>{_NUM}|\b(?:{_WORDNUM})\b)"
    rf"(?:\s?%?\s?(?:-|–|to)\s?(?P<b>{_NUM})(?=\s?%|\s))?"
    rf"(?P<scale>\s?(?:thousand|million|billion|trillion|mn|bn|tn)\b|(?:m|bn|k)\b)?"
    rf"(?P<pct>\s?%|\s(?:percent|per cent)\b)?",
    re.I,
)
# Every candidate holds a number: digits or a number word. Scanning for those is cheap, while
# _CANDIDATE (optional currency and space first) is costly to try at every position; it is
# tried only at the number and the few positions before it where a currency or a space can
# open a match.
_NUMBER_ANCHOR = re.compile(rf"\d|\b(?:{word_alternation(sorted(NUMBER_WORDS))})\b", re.I)
_CURRENCY_LEAD = len("US$ ")  # the most a candidate can start before its number
_LEAD_CHARS = frozenset("Uu$€£¥₫")  # what a currency starts with
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
_NEAR_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b\.?\s*\d|\d\s*(?:{'|'.join(MONTHS)})\b")
_DAY_OR_YEAR = re.compile(r"\d{1,2}|(?:18|19|20)\d\d")
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_LAST_YEAR = re.compile(r"\s*last year\b", re.I)
_LETTER_BEFORE = re.compile(r"[A-Za-z]-?$")
_REFERENCE_BEFORE = re.compile(rf"\b(?:{'|'.join(map(re.escape, _FW.reference_words))})\.?\s*$")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_CODE_AFTER = re.compile(r"[-/]?[A-Z]{2}")
_SEPARATED_AFTER = re.compile(r"[:/.]\d")
_SEPARATOR_BEFORE = re.compile(r"[:/]$")
_WORD_AFTER_NUMBER = re.compile(r"\s?([A-Za-z]+)\b")
_CODE_BEFORE = re.compile(r"\b(USD|VND|EUR|GBP|CNY|JPY)\s?$")
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
    left = max(text.rfind(sep, s, start) for sep in (", ", "; ", " – ", " — ", ": "))
    right_cands = [i for i in (text.find(sep, end, e) for sep in (", ", "; ", " – ", " — ")) if i >= 0]
    return (left + 1 if left >= s else s, min(right_cands) if right_cands else e)




_sentence_of = span_at


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
    ctx: DocContext, clause: tuple[int, int], sent: tuple[int, int], frames: dict[int, str | None]
) -> str | None:
    """A year (or month) in the figure's clause; else the time frame the sentence or its
    paragraph opened with ("In 2017, ..."); else the article's date.

    ``frames`` caches the frame by sentence start for the document's other figures."""
    text = ctx.text
    best = None
    if _YEAR.search(text, clause[0], clause[1]):  # no year, no _YEAR_IN: skip its slower scan
        for m in _YEAR_IN.finditer(text, clause[0], clause[1]):
            best = m
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
    prev = text[max(0, s - 12) : s]
    nxt = text[e : e + 3]
    if _LETTER_BEFORE.search(prev) or _REFERENCE_BEFORE.search(prev):
        return True
    if _ORDINAL_SUFFIX.match(nxt) or _CODE_AFTER.match(nxt) or _SEPARATED_AFTER.match(nxt):
        return True
    return bool(_SEPARATOR_BEFORE.search(prev))


# --------------------------------------------------------------------------- extraction


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_CANDIDATE.finditer(text)``, found faster: a match holds a number and
    starts at most ``_CURRENCY_LEAD`` characters before it, so only those starts are tried."""
    pos = 0  # no match may start before this (the end of the last match)
    tried = -1  # starts up to here have been tried already
    for anchor in _NUMBER_ANCHOR.finditer(text):
        q = anchor.start()
        if q < pos:
            continue
        for c in range(max(pos, tried + 1, q - _CURRENCY_LEAD), q + 1):
            if c < q and text[c] not in _LEAD_CHARS and not text[c].isspace():
                continue
            tried = c
            m = _CANDIDATE.match(text, c)
            if m:
                yield m
                pos = m.end()
                break


def extract(ctx: DocContext) -> list[Figure]:
    """Every figure in the document, in text order."""
    text = ctx.text
    out: list[Figure] = []
    frames: dict[int, str | None] = {}
    for m in _candidates(text):
        fig = _figure(ctx, m, frames)
        if fig is not None:
            out.append(fig)
    return out


def _figure(ctx: DocContext, m: re.Match[str], frames: dict[int, str | None]) -> Figure | None:
    text = ctx.text
    a, b = m.group("a"), m.group("b")
    is_word = a.lower() in NUMBER_WORDS
    s, e = m.start("a"), m.end()
    if m.group("cur"):
        s = m.start("cur")
    # Trim the trailing space a scale/percent group may have swallowed.
    while e > s and text[e - 1].isspace():
        e -= 1
    if _is_code_or_ordinal(text, m.start("a"), m.end("b") if b else m.end("a")):
        return None
    pct = bool(m.group("pct"))
    scale = SCALES.get((m.group("scale") or "").strip().lower(), 1.0)
    currency = CURRENCY_SIGNS.get(m.group("cur") or "")
    if is_word and (b or pct or currency):
        return None
    # Dates: a number next to a month name, or a bare year.
    if not is_word and _DAY_OR_YEAR.fullmatch(a) and _NEAR_MONTH.search(text[max(0, s - 12) : e + 12].lower()):
        return None
    if not is_word and not b and _YEAR.fullmatch(a) and not pct and not currency:
        unit = _unit(text, e, single=False)
        if unit is None or unit[0][-1].lower() in _ALL_MONTHS:
            return None
    value: float | tuple[float, float]
    value = _number(a) * scale
    if b:
        if _YEAR.fullmatch(a) and _YEAR.fullmatch(b):
            return None  # a span of years
        value = (_number(a) * scale, _number(b) * scale)
    sent = _sentence_of(ctx.sentences, s)
    after = text[e : e + 40]
    cur_word = _WORD_AFTER_NUMBER.match(after)
    if not currency and cur_word and cur_word.group(1).lower() in CURRENCY_WORDS and not is_word:
        currency = CURRENCY_WORDS[cur_word.group(1).lower()]
        e += cur_word.end()
    if not currency:
        code = _CODE_BEFORE.search(text[max(0, s - 5) : s])
        if code:
            currency = code.group(1)
            s -= len(text[max(0, s - 5) : s]) - code.start()
    what = _what_counted(text, s, e, currency, pct, is_word, value)
    if what is None:
        return None
    unit_text, head, e = what
    qualifier, _q_start = _qualifier(text, s)
    clause = _clause_bounds(text, s, e, sent)
    as_of = _as_of(ctx, clause, sent, frames)
    series = _series(text, clause, sent, s, e, head, pct)
    return Figure(
        doc_id=ctx.doc.id, span=(s, e), text=text[s:e], value=value, unit=unit_text,
        qualifier=qualifier, as_of=as_of, series=series,
    )  # fmt: skip


def _what_counted(
    text: str, s: int, e: int, currency: str | None, pct: bool, is_word: bool, value: float | tuple[float, float]
) -> tuple[str, str | None, int] | None:
    """(unit, series head, new end) of the figure at text[s:e]: its currency, percent (of ...),
    "-year history", or the noun phrase after it; None when that makes it no figure."""
    if currency:
        return currency, currency.lower(), e
    if pct:
        of = _OF.match(text, e)
        np = _unit(text, of.end() - 1, single=False) if of else None
        if np:
            return "percent of " + " ".join(np[0]), "percent:" + lemma(np[0][-1]), e
        return "percent", "percent", e
    hy = _HYPHENATED.match(text, e)
    if hy and not is_word:
        unit_word = hy.group(1)
        if unit_word in _FW.hyphen_not_units:
            return None
        of_word = f" of {hy.group(2)}" if hy.group(2) and hy.group(2) not in STOP_WORDS else ""
        return unit_word + "s" + of_word, unit_word, hy.end(1)
    np = _unit(text, e, single=(value == 1))
    if np is None:
        return None
    words, _ = np
    last = words[-1].lower()
    if lemma(last) in _LIST_LEMMAS or last in _ALL_MONTHS:
        return None
    if is_word:
        # "the two sides", "our three countries", "two of them": reference, not measure.
        prev = _PREV_WORD.search(text[max(0, s - 20) : s])
        if prev and prev.group(1).lower() in _FW.reference_determiners and last not in TIME_UNITS:
            return None
    return " ".join(words), _measure_head(words), e


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
    text: str, clause: tuple[int, int], sent: tuple[int, int], s: int, e: int, head: str | None, pct: bool
) -> str | None:
    """A normalised measure key: ``relations/party``, ``revenue/usd``, ``revenue/percent-change``."""
    if head is None or head in TIME_UNITS or lemma(head) in TIME_UNITS:
        return None  # durations ("10 years", "nine months") are not a measure that trends
    cue = _cue(text, clause, sent)
    if pct:
        before = _WORD.findall(text[clause[0] : s].lower())[-3:]
        if any(w in CHANGE_VERBS for w in before) or _CHANGE_NOUN_AFTER.match(text, e):
            head = "percent-change"
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


__all__ = ["extract", "is_plural"]
