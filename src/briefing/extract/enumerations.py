"""Announced lists: goals, focuses, tasks ... and their items.

Lists are found by shape, never by topic:

- an ordinal sequence: ``First, … Second, …`` (across paragraphs or inline, ``Firstly`` …
  ``Lastly``), ``(i) … (ii) …``, ``(a) …``, numbered or bulleted lines after a colon;
- a count followed by its items: ``three pillars: politics, economy and culture``,
  ``leaders of three world powers – A, B and C``;
- a count that ends a sentence, whose items make up the next one (``two visits. A … and B …``);
- ``X as one of the three pillars, together with A and B``;
- a run of three or more quoted slogans (``policies include “A,” “B” and “C”``);
- ``the three channels`` referring back to a three-item list said earlier;
- tasks spelt out as verbs after ``the need to`` (``… the need to A, in addition to B.
  It also needs to C, D and E``).

    >>> from briefing.models import Document
    >>> from briefing.extract import DocContext
    >>> t = "The plan sets three targets: lower costs, faster trains and cleaner air."
    >>> doc = Document(id="d", file="a", path="a", raw=t, text=t, title=None, published=None)
    >>> [(e.label, e.category, [i.text for i in e.items]) for e in extract(DocContext(doc))]
    [('targets', 'goals', ['lower costs', 'faster trains', 'cleaner air'])]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import lexicon
from ..models import Enumeration, EnumItem
from ..text import (
    TOKEN_JOINER,
    WordMemo,
    Words,
    has_word,
    is_word_char,
    lemma,
    number_spans,
    span_at,
    span_index,
    word_alternation,
    word_starts,
)

if TYPE_CHECKING:
    from . import DocContext

Span = tuple[int, int]

_LEX = lexicon()
_LW = _LEX.lists
_NUMBER_WORDS = _LEX.count_words()
ORDINALS = _LW.ordinals
ROMAN = _LW.roman
# The words that say what kind of list it is; the last one in a label decides ("directions and
# tasks" -> tasks).
_CATEGORY_OF = _LW.categories
# Every noun that heads announced lists (the category nouns and those that name no category).
LIST_HEADS = _LW.heads
_COUNT_WORDS = sorted((w for w in _NUMBER_WORDS if _NUMBER_WORDS[w] <= 12), key=len, reverse=True)
_COUNT = "|".join(_COUNT_WORDS)
_DETERMINERS = _LW.determiners
_STOP = _LW.stops
_REPORTING = re.compile(rf"\b(?:{'|'.join(_LEX.speech_forms('list'))})\b")
_TITLE_WORDS = _LW.speaker_title_words


# Patterns of the helpers below, compiled once.
_INNER_CONJ = re.compile(r"\s(?:and|or)\s")
_LETTERS = re.compile(r"[A-Za-z]+")
_ITEM_LEAD = re.compile(r"^\W*(?:to\s+)?")
_ITEM_BREAK = re.compile(r"[;.]\s|,\s(?=(?:\w+\s+){3})")
_AND_HEAD = re.compile(r"\s+and\s+((?:[a-z-]+\s+){0,2})([A-Za-z]+)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z’'-]+|\d+)\s+$")
_INLINE_BEFORE = re.compile(r"(?:[,:;]|[,;]?\s(?:and|or))\s*$")
_TRAILING_CONJ = re.compile(r"[,;]?\s+(?:and|or)\s*$")
_ONE_OF_BEFORE = re.compile(r"one of\s+$")
_STOP_AFTER = re.compile(r"\s*[.:]")
_PART_CUT = re.compile(r"\s*;\s*(?:and\s+)?|,?\s+and\s+")
_MODIFIER_BEFORE = re.compile(r"([A-Za-z’'-]+),?\s+$")
_QUOTE_GLUE = re.compile(r"[\s,;]*(?:and|or)?[\s,;]*")
_LONG_WORD = re.compile(r"[A-Za-z]{5,}")
_COMMA = re.compile(r",\s")
_FIRST_ITEM = re.compile(
    r"(?:\b(?:of|with|to|on|for|in|between|among|by|from|enhance|promote)\s+)((?:\S+\s+){0,4}\S+)$"
)
_TO_BEFORE_LIST = re.compile(r"\bto\s*:?\s*$")
_THAT_OR_COMMA = re.compile(r"\bthat\b|,")
_GROUP_OF = re.compile(r"\b([a-z]+s)\s+of\s+$")
_THE_YEAR = re.compile(r"\b[Tt]he year ((?:19|20)\d\d)\b")


@dataclass
class _Found:
    """A list before it becomes an :class:`Enumeration`."""

    intro: Span  # where the introducing words are
    items: list[Span]
    label: str = ""
    announced: int | None = None
    label_span: Span | None = None  # the part of the intro that names the list
    category: str | None = None  # when the shape says it (a list of actions agreed: tasks)


# --------------------------------------------------------------------------- small helpers


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _trim(text: str, s: int, e: int, chars: str = " ,;:.–—-\"“”'’") -> Span:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _sentence_at(ctx: DocContext, pos: int) -> Span:
    return span_at(ctx.sentences, pos)


def _paragraph_at(ctx: DocContext, pos: int) -> Span:
    return span_at(ctx.paragraphs, pos)


def _union(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans holding the same offsets as ``spans``."""
    out: list[Span] = []
    for a, b in sorted(sp for sp in spans if sp[0] < sp[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _covers(union: list[Span], pos: int) -> bool:
    """Whether a span of ``union`` (see :func:`_union`) holds ``pos``."""
    i = bisect.bisect_right(union, (pos, sys.maxsize)) - 1
    return i >= 0 and union[i][1] > pos


def _split_top(text: str, s: int, e: int, seps: str = ",;") -> list[Span]:
    """Split text[s:e] at ``seps`` outside brackets and quotes (spans keep their offsets)."""
    out, depth, start = [], 0, s
    for i in range(s, e):
        c = text[i]
        if c in "([{“":
            depth += 1
        elif c in ")]}”" and depth:
            depth -= 1
        elif c in seps and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, e))
    return [_trim(text, a, b, " ") for a, b in out]


_CONJ = re.compile(r"(?:and|or|as well as|in addition to|plus)\s+", re.I)


def coordination(text: str, s: int, e: int, n: int | None = None) -> list[Span] | None:
    """The items of ``A, B(,) and C`` at the start of text[s:e]; with ``n``, exactly n of them.

    The last item ends at the first comma after it, so trailing clauses are left out::

        >>> t = "politics, economy and culture, and at the same time"
        >>> [t[a:b] for a, b in coordination(t, 0, len(t), 3)]
        ['politics', 'economy', 'culture']
    """
    parts = _split_top(text, s, min(e, s + 1500))
    for oxford in (True, False):
        items = _coordinate(text, parts, n, oxford)
        if items:
            return [_trim(text, a, b) for a, b in items]
    return None


# A conjunct that opens with one of these continues the sentence, not the list
# ("politics, economy and culture, and at the same time ...").
_NOT_ITEM = re.compile(
    r"(?:at|in|on|by|with|for|from|to|through|during|after|before|since|thus|thereby|then|also|so|"
    r"therefore|the same|is|are|was|were|has|have|will|would)\b",
    re.I,
)


def _coordinate(text: str, parts: list[Span], n: int | None, oxford: bool) -> list[Span] | None:
    items: list[Span] = []
    for k, (a, b) in enumerate(parts):
        if a >= b:
            return None
        conj = _CONJ.match(text, a, b)
        if conj:
            if not items or (oxford and _NOT_ITEM.match(text, conj.end(), b)):
                return None
            items.append((conj.end(), b))
            break
        nxt_conj = oxford and k + 1 < len(parts) and _CONJ.match(text, parts[k + 1][0], parts[k + 1][1])
        inner = list(_INNER_CONJ.finditer(text[a:b]))
        if inner and not nxt_conj and (n is None or len(items) == n - 2):
            m = inner[-1] if n is None else inner[0]
            items.append((a, a + m.start()))
            items.append((a + m.end(), b))
            break
        items.append((a, b))
        if n is not None and len(items) >= n:
            return None
    if len(items) < 2 or (n is not None and len(items) != n):
        return None
    return items


def category_of(label: str) -> str:
    """``major directions and tasks`` -> ``tasks``; nouns outside the vocabulary -> ``other``."""
    cat = "other"
    for w in _LETTERS.findall(label.lower()):
        cat = _CATEGORY_OF.get(lemma(w), cat)
    return cat


def summarise(item: str, words: int = 12) -> str:
    """One line: the item's first clause, at most ``words`` words, capitalised."""
    t = _ITEM_LEAD.sub("", item.strip())
    m = _ITEM_BREAK.search(t)
    if m and len(t[: m.start()].split()) >= 3:
        t = t[: m.start()]
    ws = t.split()
    t = " ".join(ws[:words]) + ("…" if len(ws) > words else "")
    return (t[:1].upper() + t[1:]).rstrip(" ,;:.")


# --------------------------------------------------------------------------- labels


def find_label(text: str, s: int, e: int) -> tuple[str, int | None, Span] | None:
    """The list-naming noun phrase in text[s:e]: ``(label, count, span)``, the last one wins."""
    s = max(s, e - 400)  # the naming words sit near the list; bounds the work on run-on text
    best = None
    for m in _LETTERS.finditer(text[s:e]):
        w = m.group(0)
        if best and s + m.start() < best[2][1]:
            continue
        if lemma(w) not in LIST_HEADS or not (w.lower().endswith("s") or lemma(w) != w.lower()):
            continue
        hs, he = s + m.start(), s + m.end()
        # Extend over "X and Y" ("directions and tasks", "requirements and key tasks").
        conj = _AND_HEAD.match(text[he:e])
        if conj:
            for w2 in _LETTERS.finditer(conj.group(0)):
                if lemma(w2.group(0)) in LIST_HEADS:
                    he += w2.end()
                    break
        # Walk back over modifiers up to a determiner, a count or a verb.
        start = hs
        count = None
        k = 0
        while k < 3:
            lo = max(s, start - 60)  # a bounded window: the walk back is a few words
            mb = _WORD_BEFORE.search(text[lo:start])
            if not mb:
                break
            word = mb.group(1)
            c = _count(word)
            if c is not None:
                count = c
                break
            lw = word.lower()
            group = _GROUP_OF.search(text, lo, start) if lw == "of" and k == 0 else None
            if group:
                start = group.start(1)
                k += 1
                continue  # "four groups of measures": the count is before the group noun
            if lw in _DETERMINERS or lw in _STOP or lw.endswith("ed") or word[:1].isupper() and k > 0:
                break
            start = lo + mb.start(1)
            k += 1
        label = text[start:he]
        best = (label, count, (start, he))
    return best


# --------------------------------------------------------------------------- detectors


# Longest first: "First of all" before "Firstly" before "First".
_MARKER_WORDS = sorted(ORDINALS, key=len, reverse=True)
_MARKER = re.compile(
    rf"\b(?P<w>{'|'.join(_MARKER_WORDS)})\b(?P<tail>\s*,\s*|\s+(?=to\b))",
    re.I,
)
# A marker word, in any case and even inside a longer word: a prefix-factored scan of the
# lower-cased text (see _markers) finds where _MARKER can match much faster than _MARKER does.
_MARKER_WORD = word_alternation(sorted(ORDINALS))
_MARKER_START = re.compile(rf"(?:{_MARKER_WORD})\b")
_MARKER_START_FOLDED = re.compile(rf"(?:{_MARKER_WORD})\b", re.I)


# The first words of the marker words ("first of all": "first"). A match of _MARKER opens a run of
# word characters of the text that is one of them; the scan of _markers then hides none of those
# runs when no marker word holds one after its first word ("last but not least" holds none).
_MARKER_HEADS = frozenset(w.split()[0] for w in ORDINALS)
_HEADS_FIND_MARKERS = not any(w in _MARKER_HEADS for m in ORDINALS for w in m.split()[1:])


def _marker_offsets(word: str) -> tuple[int, ...]:
    """Where a marker may start in the token ``word``: its runs that are a marker's first word."""
    out: list[int] = []
    at = 0
    for part in TOKEN_JOINER.split(word):
        if part.lower() in _MARKER_HEADS:
            out.append(at)
        at += len(part) + 1
    return tuple(out)


_marker_offsets_of = WordMemo(_marker_offsets).__getitem__


def _markers(text: str, low: str | None, words: Words | None = None) -> list[re.Match[str]]:
    """``list(_MARKER.finditer(text))``, faster: a match starts where a marker word does, so
    ``_MARKER`` is tried only there (``low``: :func:`~briefing.text.lowered` of ``text``; ``words``:
    its tokens, whose runs that open a marker word are then all the starts to try). No marker
    word starts inside another ("first of all" holds none), so the scan hides no start."""
    if words is not None and low is not None and _HEADS_FIND_MARKERS:
        offsets = list(map(_marker_offsets_of, words.words))
        starts = [words.starts[i] + o for i in itertools.compress(itertools.count(), offsets) for o in offsets[i]]
    else:
        hits = _MARKER_START.finditer(low) if low is not None else _MARKER_START_FOLDED.finditer(text)
        starts = [h.start() for h in hits]
    found = (_MARKER.match(text, s) for s in starts)
    return [m for m in found if m]


def _ordinal_runs(ctx: DocContext) -> list[_Found]:
    """``First, … Second, …`` at sentence starts, or inline after a comma or colon."""
    text = ctx.text
    starts = {s for s, _ in ctx.sentences}
    markers: list[tuple[int, int, int]] = []  # (ordinal, marker start, item start)
    for m in _markers(text, ctx.lowered, ctx.tokens):
        w = m.group("w")
        at_start = m.start() in starts
        inline = (
            not at_start and w.islower()
            and _INLINE_BEFORE.search(text[max(0, m.start() - 6) : m.start()])
        )
        if not at_start and not inline:
            continue
        if at_start and not w[:1].isupper():
            continue
        markers.append((ORDINALS[w.lower()], m.start(), m.end()))
    runs: list[list[tuple[int, int, int]]] = []
    cur: list[tuple[int, int, int]] = []
    for mk in markers:
        n = mk[0]
        if cur and (n == cur[-1][0] + 1 or (n == 0 and len(cur) >= 2)):
            cur.append(mk)
            if n == 0:
                runs.append(cur)
                cur = []
            continue
        if len(cur) >= 2:
            runs.append(cur)
        cur = [mk] if n == 1 else []
    if len(cur) >= 2:
        runs.append(cur)
    out = []
    for run in runs:
        items = []
        for k, (_n, ms, is_) in enumerate(run):
            para = _paragraph_at(ctx, ms)
            end = para[1]
            if k + 1 < len(run) and run[k + 1][1] < para[1]:
                end = run[k + 1][1]
                # "...; and third, ..." : the conjunction belongs to the next marker.
                conj = _TRAILING_CONJ.search(text[is_:end])
                if conj:
                    end = is_ + conj.start()
            items.append(_trim(text, is_, end, " ,;"))
        out.append(_with_intro(ctx, run[0][1], items))
    return out


def _with_intro(ctx: DocContext, first: int, items: list[Span]) -> _Found:
    """Attach the introducing words to a list whose first marker is at ``first``."""
    text = ctx.text
    sent = _sentence_at(ctx, first)
    if sent[0] < first:  # inline: the intro is the sentence up to the marker
        intro = _trim(text, sent[0], first)
    else:  # the sentence before, or the paragraph (heading) before
        prev = ctx.sentences[: span_index(ctx.sentences, first - 1)]
        intro = prev[-1] if prev else (first, first)
    return _Found(intro=intro, items=items)


_PAREN = re.compile(r"(?:(?<=\s)|^)\((?P<m>[ivx]{1,4}|[a-h]|\d{1,2})\)\s*", re.M)
# A numbered, lettered or bulleted line: "1. ", "2) ", "a) ", "iv. ", "- ", "• ", "* ", "+ ".
_LINE = re.compile(r"^(?P<m>\d{1,2}[.)]|[ivx]{1,4}[.)]|[a-h][.)]|[-•*+–—])\s+", re.M)


def _paren_markers(text: str) -> list[re.Match[str]]:
    """``list(_PAREN.finditer(text))``, faster: a match starts at a "(", so only those are tried
    (the pattern opens with a look-behind, which makes a plain scan try every position)."""
    out = []
    i = text.find("(")
    while i >= 0:
        m = _PAREN.match(text, i)
        if m:
            out.append(m)
        i = text.find("(", m.end() if m else i + 1)
    return out


def _marked_runs(ctx: DocContext) -> list[_Found]:
    """``(i) … (ii) …``, ``(a) … (b) …``, ``(1) …``, and numbered/bulleted lines."""
    out = [_close_run(ctx, run, "paren") for run in _runs(ctx.text, _paren_markers(ctx.text), "paren")]
    out += [_close_run(ctx, run, "line") for run in _runs(ctx.text, list(_LINE.finditer(ctx.text)), "line")]
    return out


def _runs(text: str, found: list[re.Match[str]], kind: str) -> list[list[re.Match[str]]]:
    """Markers in sequence (1, 2, 3 … or bullet after bullet), each run of two or more."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for m in found:
        n = _ordinal_of(m.group("m"))
        # Line items are consecutive paragraphs: cleaning may put a blank line between them.
        gap_ok = run and (kind == "paren" or text.count("\n", run[-1].end(), m.start()) <= 2)
        prev_n = _ordinal_of(run[-1].group("m")) if run else None
        follows = bool(run) and n is None and _is_bullet(run[-1]) and m.group("m") == run[-1].group("m")
        if gap_ok and (follows or (n is not None and prev_n is not None and n == prev_n + 1)):
            run.append(m)
            continue
        if _is_list(text, run, kind):
            runs.append(run)
        run = [m] if n in (1, None) else []
    if _is_list(text, run, kind):
        runs.append(run)
    return runs


def _is_list(text: str, run: list[re.Match[str]], kind: str) -> bool:
    """Two or more items; lines must follow a colon-ended line, unless they count 1, 2, 3 …"""
    if len(run) < 2:
        return False
    if kind == "paren":
        return True
    numbered = _ordinal_of(run[0].group("m")) is not None and len(run) >= 3
    return numbered or text[: run[0].start()].rstrip().endswith(":")


def _close_run(ctx: DocContext, run: list[re.Match[str]], kind: str) -> _Found:
    text = ctx.text
    items = []
    for k, m in enumerate(run):
        if kind == "line":
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
        else:
            end = run[k + 1].start() if k + 1 < len(run) else _sentence_at(ctx, m.start())[1]
            if k + 1 == len(run):
                end = _paragraph_at(ctx, m.start())[1] if end <= m.end() else end
        s, e = _trim(text, m.end(), end, " ,;")
        e = e - 4 if text[s:e].endswith("; and") else e
        items.append(_trim(text, s, e, " ,;"))
    return _with_intro(ctx, run[0].start(), items)


def _is_bullet(m: re.Match[str]) -> bool:
    return m.group("m") in ("-", "•", "*", "+", "–", "—")


def _ordinal_of(marker: str) -> int | None:
    m = marker.strip("().").lower()
    if m in ROMAN:
        return ROMAN[m]
    if m.isdigit():
        return int(m)
    if len(m) == 1 and m.isalpha():
        return ord(m) - ord("a") + 1
    return None


_NP_DETERMINERS = ("the", "these", "those", "its", "their", "our")
_COUNT_WORD = rf"\b(?:{_COUNT})\b|\b\d{{1,2}}\b"
_COUNT_NP = re.compile(
    rf"(?P<det>\b(?:{'|'.join(_NP_DETERMINERS)})\s+)?(?P<count>{_COUNT_WORD})\s+"
    r"(?P<np>(?:[A-Za-z’'-]+\s+){0,3}?(?P<head>[A-Za-z’'-]+s))\b",
    re.I,
)
# _COUNT_NP is slow to try at every position of a text; a match starts at its count or at the
# determiner right before it, so only those starts are tried (see _count_nps).
_IS_COUNT_WORD = re.compile(word_alternation(sorted(_COUNT_WORDS)), re.I)
_DET_LENGTHS = sorted({len(w) for w in _NP_DETERMINERS}, reverse=True)
_CONNECTOR = re.compile(r"\s*(?::|–|—|\s-\s|,?\s*(?:namely|including|such as|of|which are)\b|,)?\s*")


def _counts(text: str, numbers: list[Span] | None) -> Iterator[int]:
    """Where the counts of ``text`` start: its number words up to twelve and its numbers of one
    or two digits standing alone (``numbers``: the text's :func:`~briefing.text.number_spans`)."""
    for a, b in number_spans(text) if numbers is None else numbers:
        if not text[a].isdigit():
            if _IS_COUNT_WORD.fullmatch(text, a, b):
                yield a
        elif b - a <= 2 and not (a and is_word_char(text[a - 1])) and not (b < len(text) and is_word_char(text[b])):
            yield a


def _count_nps(text: str, numbers: list[Span] | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``_COUNT_NP.finditer(text)``, in order, found from the counts in the text."""
    pos = 0  # no match may start before this (the end of the last match)
    tried = -1  # starts up to here have been tried already
    for q in _counts(text, numbers):
        if q < pos:
            continue
        ws = q  # the determiner, if any, ends where the white space before the count starts
        while ws > 0 and text[ws - 1].isspace():
            ws -= 1
        starts = [ws - n for n in _DET_LENGTHS] if ws < q else []
        for c in [*starts, q]:
            if c < pos or c <= tried:
                continue
            tried = c
            m = _COUNT_NP.match(text, c)
            if m:
                yield m
                pos = m.end()
                break


# A colon a few words after the counted noun: "three breakthroughs for border trade: A, B and C".
_LATE_COLON = re.compile(r"(?:\s+[\w’'-]+){1,5}?\s*:\s*")


def _count_lists(ctx: DocContext, intros: list[Span]) -> list[_Found]:
    """A count, its noun and its items: ``three pillars of A, B and C``; ``two visits. A and B.``"""
    text = ctx.text
    out = []
    covered = _union(intros)
    for m in _count_nps(text, ctx.numbers):
        n = _count(m.group("count"))
        if (
            _covers(covered, m.start("count"))  # the count of a list found by its markers
            or n is None
            or n < 2
            or n > 12
            or m.group("count")[:1].isupper()
            and m.start("count") > 0
            and text[m.start("count") - 2 : m.start("count")].strip()
        ):
            continue
        if _ONE_OF_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        if m.group("head").lower() in _LEX.figures.time_units:
            continue  # "in the past two months, A and B said": a time frame, not a list
        sent = _sentence_at(ctx, m.start())
        limit = sent[1]
        q = text.find("”", m.end(), limit)
        if q >= 0 and text.rfind("“", sent[0], m.start()) > text.rfind("”", sent[0], m.start()):
            limit = q  # the list sits inside a quotation: it ends with it
        conn = _CONNECTOR.match(text, m.end(), limit)
        if not (conn and conn.group(0).strip()):
            conn = _LATE_COLON.match(text, m.end(), limit) or conn
        has_conn = bool(conn and conn.group(0).strip())
        start = conn.end() if conn else m.end()
        intro = (m.start("count"), m.end())
        if m.group("det"):
            continue  # "the three X": a reference back, see _anaphoric
        items = coordination(text, start, limit, n) or []
        short_first = bool(items) and len(text[items[0][0] : items[0][1]].split()) <= 4
        fits = bool(items) and all(len(text[a:b].split()) <= 30 for a, b in items)
        if fits and (has_conn or (short_first and n > 2)):
            out.append(_Found(intro=intro, items=items, label=m.group("np"), announced=n, label_span=intro))
            continue
        # The count ends its sentence and the next sentence holds the items.
        if _STOP_AFTER.match(text[m.end() : m.end() + 2]) and n <= 6:
            nxt = ctx.sentences[span_index(ctx.sentences, sent[1]) :][:1]
            if not nxt:
                continue
            parts = _partition(text, nxt[0], n, lemma(m.group("head"))[:5])
            if parts:
                out.append(
                    _Found(intro=intro, items=parts, label=m.group("np"), announced=n, label_span=intro)
                )
    return out


def _partition(text: str, sent: Span, n: int, stem: str) -> list[Span] | None:
    """Split a sentence at ``and``/``;`` into n parts that each mention ``stem``."""
    s, e = sent
    cuts = list(_PART_CUT.finditer(text[s:e]))
    if len(cuts) > 10:
        return None  # a run-on sentence, not a short list (and keeps the search small)
    from itertools import combinations

    for chosen in combinations(cuts, n - 1):
        bounds, prev = [], s
        for c in chosen:
            bounds.append((prev, s + c.start()))
            prev = s + c.end()
        bounds.append((prev, e))
        if all(stem in text[a:b].lower() for a, b in bounds):
            return [_trim(text, a, b) for a, b in bounds]
    return None


_ONE_OF_START = "as one of the"
_ONE_OF = re.compile(
    rf"\b{_ONE_OF_START} (?P<count>{_COUNT}|\d+)\s+(?P<np>(?:[A-Za-z’'-]+\s+){{0,4}}?[A-Za-z’'-]+s)\b[^,.;]*,\s*"
    r"(?:together with|along with|alongside|besides|in addition to)\s+",
    re.I,
)


def _one_of(ctx: DocContext) -> list[_Found]:
    """``X as one of the three pillars, together with A and B`` -> [X, A, B]."""
    text = ctx.text
    out: list[_Found] = []
    if ctx.lowered is not None and _ONE_OF_START not in ctx.lowered:
        return out  # what every match starts with: most texts have none, and the scan is slow
    for m in _ONE_OF.finditer(text):
        n = _count(m.group("count"))
        if not n or n < 3:
            continue
        sent = _sentence_at(ctx, m.start())
        rest = coordination(text, m.end(), sent[1], n - 1) if n > 2 else None
        if not rest:
            continue
        # X: back from "as" over a noun phrase with its adjective list, up to its determiner.
        pos, words = m.start(), 0
        while pos > sent[0] and words < 15:
            lo = max(sent[0], pos - 60)
            mb = _MODIFIER_BEFORE.search(text[lo:pos])
            if not mb:
                break
            pos = lo + mb.start(1)
            words += 1
            if mb.group(1).lower() in _DETERMINERS:
                break
        first = _trim(text, pos, m.start())
        out.append(
            _Found(
                intro=(m.start(), m.end()),
                items=[first, *rest],
                label=m.group("np"),
                announced=n,
                label_span=(m.start("count"), m.end("np")),
            )  # fmt: skip
        )
    return out


_QUOTED = re.compile(r"[“\"]([^”\"]{3,300})[”\"]")


def _quote_marks(text: str, s: int, e: int) -> int:
    return text.count('"', s, e) + text.count("“", s, e) + text.count("”", s, e)


def _quoted_lists(ctx: DocContext) -> list[_Found]:
    """Three or more quoted phrases in a row: ``policies include “A,” “B” and “C”``."""
    text = ctx.text
    out: list[_Found] = []
    if _quote_marks(text, 0, len(text)) < 6:
        return out
    for s, e in ctx.sentences:
        if _quote_marks(text, s, e) < 6:
            continue  # three quoted phrases need six quote marks: most sentences have none
        qs = list(_QUOTED.finditer(text, s, e))
        run: list[re.Match[str]] = []
        for q in [*qs, None]:
            if (
                q is not None
                and run
                and _QUOTE_GLUE.fullmatch(text[run[-1].end() : q.start()])
            ):
                run.append(q)
                continue
            if len(run) >= 3:
                items = [_trim(text, r.start(1), r.end(1), " ,;.") for r in run]
                lab = find_label(text, s, run[0].start())
                intro = (s, run[0].start())
                label = lab[0] if lab else text[s : run[0].start()].strip()
                out.append(_Found(intro=intro, items=items, label=label, announced=lab[1] if lab else None,
                                  label_span=lab[2] if lab else intro))  # fmt: skip
            run = [q] if q is not None else []
    return out


_THE_N = re.compile(rf"\b[Tt]he (?P<count>{_COUNT})\s+(?P<np>(?:[A-Za-z’'-]+\s+){{0,2}}?[A-Za-z’'-]+s)\b")


def _the_counts(text: str, numbers: list[Span]) -> Iterator[re.Match[str]]:
    """``_THE_N.finditer(text)``, faster: a match starts with "the " right before its count, one
    of ``numbers`` (the text's :func:`~briefing.text.number_spans`), so it is tried only there."""
    pos = 0  # no match may start before this (the end of the last match)
    for q, _ in numbers:
        if q - 4 >= pos and text[q - 3 : q] == "he ":
            m = _THE_N.match(text, q - 4)
            if m:
                yield m
                pos = m.end()


def _anaphoric(ctx: DocContext, taken: list[Span]) -> list[_Found]:
    """``The three diplomatic channels`` naming a three-item list said a few sentences before."""
    text = ctx.text
    out = []
    covered = _union(taken)
    for m in _the_counts(text, ctx.numbers):
        n = _count(m.group("count"))
        if not n or n < 3 or _covers(covered, m.start()):
            continue
        stems = {w.lower()[:6] for w in _LONG_WORD.findall(m.group("np"))}
        i = span_index(ctx.sentences, m.start() - 1)
        before = [sp for sp in ctx.sentences[max(0, i - 12) : i] if sp[1] <= m.start()]
        for s, e in reversed(before):
            hit = _coordination_in(text, s, e, n, stems)
            if hit:
                out.append(_Found(intro=(m.start(), m.end()), items=hit, label=m.group("np"), announced=n,
                                  label_span=(m.start(), m.end())))  # fmt: skip
                break
    return out


def _coordination_in(text: str, s: int, e: int, n: int, stems: set[str]) -> list[Span] | None:
    """An n-item ``A, B and C`` of short items inside text[s:e], most items sharing a stem."""
    for c in _COMMA.finditer(text[s:e]):
        # The first item: back from the comma to a preposition or verb, at most five words.
        left = s + c.start()
        mb = _FIRST_ITEM.search(
            text[max(s, left - 200) : left],
        )
        if not mb:
            continue
        first = (max(s, left - 200) + mb.start(1), left)
        rest = coordination(text, s + c.end(), e, n - 1) if n > 2 else None
        if not rest:
            continue
        items = [first, *rest]
        if any(len(text[a:b].split()) > 5 for a, b in items):
            continue
        shared = sum(any(st in text[a:b].lower() for st in stems) for a, b in items)
        if shared * 2 >= n:
            return [_trim(text, a, b) for a, b in items]
    return None


_NEED = re.compile(r"\b(?:the need to|needs? to|must|should)\s+", re.I)
# What every _NEED match holds, in the lower-cased text and in any case: only the sentences
# with one are searched.
_NEED_WORD = re.compile("need|must|should")
_NEED_WORD_FOLDED = re.compile("need|must|should", re.I)
_ALSO_NEED = re.compile(r"\b(?:also needs? to|must also|should also|also has to|also have to)\s+", re.I)
# An attribution closing the last item ("…, Lam stressed."): any speech verb that marks a speaker.
_TAIL = re.compile(r",\s*(?:(?:he|she|they|it)\s+\w+|\w+\s+(?:" + word_alternation(list(_LEX.speech_forms("person")))
                   + r"))\s*[.]?$")


def _need_lists(ctx: DocContext, taken: list[Span]) -> list[_Found]:
    """Tasks spelt out as verb phrases after "the need to", continued by "also needs to"."""
    text = ctx.text
    out = []
    sents = ctx.sentences
    covered = _union(taken)
    for k in _need_sentences(ctx):
        s, e = sents[k]
        if _covers(covered, s):
            continue
        need = _NEED.search(text, s, e)
        lab = find_label(text, s, need.start()) if need else None
        if not lab or not need or lab[1] is not None:
            continue
        items = _verb_items(text, need.end(), e)
        if k + 1 < len(sents):
            s2, e2 = sents[k + 1]
            more = _ALSO_NEED.search(text, s2, e2)
            if more:
                items += _verb_items(text, more.end(), e2)
        if len(items) >= 3:
            out.append(
                _Found(intro=(s, need.end()), items=items, label=lab[0], announced=None, label_span=lab[2])
            )
    return out


def _need_sentences(ctx: DocContext) -> list[int]:
    """Indices of the sentences that hold one of the words of _NEED_WORD, in order."""
    low = ctx.lowered
    hits = _NEED_WORD.finditer(low) if low is not None else _NEED_WORD_FOLDED.finditer(ctx.text)
    found = {span_index(ctx.sentences, m.start()) for m in hits}
    return sorted(k for k in found if k < len(ctx.sentences))


def _verb_items(text: str, s: int, e: int) -> list[Span]:
    tail = _TAIL.search(text, s, e)
    if tail:
        e = tail.start()
    parts = _split_top(text, s, e, ",;")
    items: list[Span] = []
    for a, b in parts:
        conj = _CONJ.match(text, a, b)
        if conj and items:
            items.append(_trim(text, conj.end(), parts[-1][1]))
            return items
        items.append(_trim(text, a, b))
    return items


_COMMITMENT_PATTERN = rf"\b(?P<verb>{'|'.join(sorted(_LW.commitment_verbs, key=len, reverse=True))})\s+to\s+"
_COMMITMENT = re.compile(_COMMITMENT_PATTERN, re.I)
# The same without its leading \b, in the lower-cased text: a much faster scan (the matches
# inside a word are dropped after it; none can hide one at a word start: no verb holds "to").
_COMMITMENT_LOWERED = re.compile(_COMMITMENT_PATTERN.removeprefix(r"\b"))
_NOT_ACTION_START = _DETERMINERS | _STOP | _LW.pronouns


def _is_action(item: str) -> bool:
    """A short phrase that opens with a verb ("expand trade"), as far as a word list can tell:
    not with a determiner, pronoun or preposition, nor with a plural noun ("nurses")."""
    words = item.split()
    first = words[0] if words else ""
    return (
        0 < len(words) <= 20
        and first.isalpha()
        and first.islower()
        and first not in _NOT_ACTION_START
        and not (first.endswith("s") and not first.endswith("ss"))
    )


def _commitment_lists(ctx: DocContext, taken: list[Span]) -> list[_Found]:
    """Actions agreed or pledged, with no count and no marker: ``the two sides agreed to step up
    exchanges, expand trade and cooperate in education`` (three or more, each a verb phrase)."""
    text, low = ctx.text, ctx.lowered
    out = []
    covered = _union(taken)
    for m in _COMMITMENT.finditer(text) if low is None else word_starts(_COMMITMENT_LOWERED.finditer(low), low):
        if _covers(covered, m.end()):
            continue
        sent = _sentence_at(ctx, m.start())
        items = coordination(text, m.end(), sent[1]) or []
        if len(items) < 3 or not all(_is_action(text[a:b]) for a, b in items):
            continue
        label = _LW.commitment_verbs[m.group("verb").lower()]
        out.append(_Found(intro=_trim(text, sent[0], m.end()), items=items, label=label,
                          label_span=(m.start(), m.end()), category="tasks"))  # fmt: skip
    return out


# --------------------------------------------------------------------------- assembly


def extract(ctx: DocContext) -> list[Enumeration]:
    """Every announced list in the document, in text order, without duplicates."""
    found: list[_Found] = []
    found += _ordinal_runs(ctx)
    found += _marked_runs(ctx)
    found += _one_of(ctx)
    found += _quoted_lists(ctx)
    # A count in the words that introduce a marked list is that list's count.
    found += _count_lists(ctx, [f.intro for f in found])
    taken = [(f.items[0][0], f.items[-1][1]) for f in found] + [f.intro for f in found]
    found += _anaphoric(ctx, taken)
    taken = [(f.items[0][0], f.items[-1][1]) for f in found] + [f.intro for f in found]
    found += _need_lists(ctx, taken)
    taken = [(f.items[0][0], f.items[-1][1]) for f in found] + [f.intro for f in found]
    found += _commitment_lists(ctx, taken)
    kept: list[_Found] = []
    for f in found:
        if any(_same_items(f, g) for g in kept):
            continue
        kept.append(f)
    out = [_build(ctx, f) for f in kept]
    return sorted(out, key=lambda e: e.span)


def _same_items(a: _Found, b: _Found) -> bool:
    return len({*a.items} & {*b.items}) * 2 > min(len(a.items), len(b.items))


def _build(ctx: DocContext, f: _Found) -> Enumeration:
    text = ctx.text
    heading = text[f.intro[0] : f.intro[1]].strip()
    if not f.label and _is_heading(ctx, f.intro):
        f.label, f.label_span = heading, f.intro
        lab = find_label(text, *f.intro)
        f.announced = lab[1] if lab else None
    if not f.label:
        lab = find_label(text, *f.intro)
        counted = None if lab else _last_count_np(text, f.intro)
        if lab:
            f.label, f.announced, f.label_span = lab
        elif counted:  # "outlined three strategic breakthroughs, including:"
            f.label, f.announced, f.label_span = counted.group("np"), _count(counted.group("count")), counted.span()
        else:
            f.label = _fallback_label(text, f.intro)
            f.label_span = f.intro
    if f.announced is None:
        f.announced = _announced_elsewhere(ctx, f.label)
    f.label = _with_owner(ctx, f)
    if f.label.lower().startswith("following "):
        f.label = f.label[len("following ") :]  # "the following main goals:" -> "main goals"
    category = f.category or category_of(f.label)
    if category == "other" and _TO_BEFORE_LIST.search(text[f.intro[0] : f.intro[1]]):
        category = "tasks"  # "work together closely to: (i) …" - a list of actions
    items = tuple(
        EnumItem(ordinal=k + 1, text=text[a:b], summary=summarise(text[a:b]), span=(a, b))
        for k, (a, b) in enumerate(f.items)
    )
    warnings: tuple[str, ...] = ()
    if f.announced is not None and f.announced != len(items):
        warnings = (f"announced {f.announced} {f.label} but {len(items)} found",)
    start = min(f.intro[0], f.items[0][0])
    end = max(f.intro[1], f.items[-1][1])
    return Enumeration(
        doc_id=ctx.doc.id, span=(start, end), text=text[start:end], label=" ".join(f.label.split()),
        category=category, announced_count=f.announced, items=items, speaker=_speaker(ctx, f),
        as_of=_as_of(ctx, f), warnings=warnings,
    )  # fmt: skip


_OWNER = re.compile(
    rf"(?:The|This|Its|Their)\s+(?P<owner>(?:[\w’'-]+\s+){{0,3}}?[\w’'-]+)\s+(?:{'|'.join(_LW.owner_verbs)})\b"
)


def _with_owner(ctx: DocContext, f: _Found) -> str:
    """``focuses`` -> ``focuses of the strategy`` when the intro says whose list it is ("The
    strategy has four focuses:")."""
    sent = _sentence_at(ctx, f.intro[0])
    m = _OWNER.match(ctx.text, sent[0], f.intro[1])
    if not m or not f.label or " of " in f.label or any(w in m.group("owner").split() for w in f.label.split()):
        return f.label
    owner = m.group("owner")
    gap = ctx.text[m.end() : f.label_span[0]].split() if f.label_span else []
    if not f.label_span or len(gap) > 3:
        return f.label  # the verb holds something else ("outlined a diplomacy resting on three pillars")
    if owner.split()[-1].lower() in _STOP or lemma(owner.split()[-1]) in LIST_HEADS:
        return f.label
    return f"{f.label} of the {owner}"


def _is_heading(ctx: DocContext, span: Span) -> bool:
    """A short paragraph of its own without a full stop: a sub-heading."""
    para = _paragraph_at(ctx, span[0])
    t = ctx.text[para[0] : para[1]]
    return para == span and len(t.split()) <= 15 and not t.rstrip().endswith((".", ":", "!", "?"))


def _last_count_np(text: str, intro: Span) -> re.Match[str] | None:
    """The last ``count + plural noun phrase`` in the intro, determiners aside."""
    found = [m for m in _count_nps(text[intro[0] : intro[1]]) if not m.group("det")]
    if not found:
        return None
    return _COUNT_NP.match(text, intro[0] + found[-1].start())


def _fallback_label(text: str, intro: Span) -> str:
    clause = text[intro[0] : intro[1]]
    agreed = _COMMITMENT_WORD.search(clause)
    if agreed:  # "the ministers had agreed on the following:" -> agreements
        return _LW.commitment_verbs[agreed.group(0).lower()]
    clause = _THAT_OR_COMMA.split(clause)[-1]
    return " ".join(clause.strip(" :").split()[-8:])


_COMMITMENT_WORD = re.compile(rf"\b(?:{'|'.join(_LW.commitment_verbs)})\b", re.I)


@functools.lru_cache(maxsize=1024)
def _counted(noun: str) -> re.Pattern[str]:
    """A count followed by ``noun`` (labels recur across documents: compiled once each)."""
    return re.compile(rf"\b({_COUNT}|\d+)\s+{re.escape(noun)}\b", re.I)


def _announced_elsewhere(ctx: DocContext, label: str) -> int | None:
    """A count given for the same list elsewhere ("five overarching goals" in the lead or title)."""
    words = label.split()
    if not words:
        return None
    pattern = _counted(" ".join(words[-2:]))
    for source in (ctx.doc.title or "", ctx.text):
        m = pattern.search(source)
        if m:
            return _count(m.group(1))
    return None


def _speaker(ctx: DocContext, f: _Found) -> str | None:
    """Who set the list out: a person named in the intro sentence, else the author of a
    first-person piece (an article with no reported speech at all)."""
    text = ctx.text
    sent = _sentence_at(ctx, f.intro[0])
    # Up to the end of the intro only: the items themselves often name people ("leaders of
    # three powers - US President Joe Biden, ...") who did not set the list out.
    span = (min(sent[0], f.intro[0]), f.intro[1])
    chunk = text[span[0] : span[1]]
    for mention in ctx.facts.get("mention", []):
        name = getattr(mention, "name", "")
        forms = {name, *getattr(mention, "aliases", ())}
        if name and name.split():
            forms.add(name.split()[-1])
        if any(has_word(chunk, x) for x in forms if x):
            return name
    rep = _REPORTING.search(chunk)
    if rep:
        before = chunk[: rep.start()].split()
        words: list[str] = []
        for w in reversed(before):
            if w[:1].isupper() and w.lower().strip(".") not in _TITLE_WORDS and w.isalpha():
                words.insert(0, w)
            else:
                break
        if words:
            return _fullest(text, " ".join(words))
    author = ctx.doc.author
    if author and not _REPORTING.search(text):
        return author
    return None


def _fullest(text: str, name: str) -> str:
    """``Quan`` -> ``Hoang Binh Quan`` when the longer form is in the text (titles left out)."""
    for m in re.finditer(rf"\b((?:[A-Z][a-z]+\s){{1,3}}){re.escape(name)}\b", text):
        given = m.group(1).split()
        while given and given[0].lower() in _TITLE_WORDS:
            given.pop(0)
        if given:
            return " ".join([*given, name])
    return name


_YEAR = re.compile(r"\b(?:in|of|year|during)\s+((?:19|20)\d\d)\b", re.I)


def _as_of(ctx: DocContext, f: _Found) -> str | None:
    """A year named in the label or the intro clause ("in 2017"), else the article's date."""
    text = ctx.text
    for span in (f.label_span, f.intro):
        if span:
            m = _YEAR.search(text, span[0], span[1])
            if m:
                return m.group(1)
    sent = _sentence_at(ctx, f.intro[0])
    comma = text.rfind(", ", sent[0], f.intro[0])
    clause_start = comma + 2 if comma >= 0 else sent[0]
    m = _THE_YEAR.search(text[clause_start : f.intro[1]])
    if m:
        return m.group(1)
    return ctx.reference_date


__all__ = ["extract", "coordination", "category_of", "summarise", "find_label"]
