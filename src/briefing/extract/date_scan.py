"""The date rules of ``resources/<lang>/dates.yaml`` compiled, and a fast scan for their matches.

Rules are data (pattern, handler, starts, examples); this module expands their ``{MACRO}``
parts, builds the names of months, weekdays, seasons and numbers from the calendar and number
files, and finds the leftmost-first matches of all rules in a text. The scan is a speed trick
kept apart from the tagger's logic: it looks for anchors (a digit, a month or weekday name, a
time word) and tries only the rules that can begin at the word starts just before each.

    >>> [m.lastgroup for m in matches("Since 2011, it has grown; last year it shrank.")]
    ['year', 'relunit']
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..lexicon import Lexicon, lexicon
from ..regex_cache import compiled
from ..text import TOKEN_JOINER, WordMemo, Words, word_alternation

__all__ = ["FORM_RE", "MACROS", "matches"]

_LEX = lexicon()
_CAL: Lexicon = _LEX
_DW = _LEX.dates
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


# Holiday names, longest first ("Christmas Day" before "Christmas").
HOLIDAY_NAMES = sorted((n for h in _DW.holidays for n in h["names"]), key=lambda n: (-len(n), n))


def _by_value(words: Mapping[str, int], lo: int, hi: int) -> list[str]:
    return [w for w, _ in sorted(((w, v) for w, v in words.items() if lo <= v <= hi), key=lambda x: x[1])]


def _built_macros() -> dict[str, str]:
    """The macros spelled from the other resource files (see the header of dates.yaml)."""
    full = list(_CAL.month_names)
    abbrevs = [a.capitalize() for a in _CAL.month_forms()]
    months = "|".join(full + [m.upper() for m in full]) + "|(?:" + "|".join(abbrevs) + r")\."
    weekdays = list(_CAL.weekday_names)
    ordinals = _by_value(_CAL.ordinals, 1, 20)
    tens = _by_value(_CAL.cardinals, 20, 90)
    first = _by_value(_CAL.ordinals, 1, 1)[0]
    return {
        "MON": rf"(?:{months}?)(?![A-Za-z])",
        "WD": "(?:" + "|".join(weekdays) + ")",
        "WD_LOWER": "|".join(w.lower() for w in weekdays),
        "WD_PLURAL": "|".join(w + "s" for w in weekdays),
        "SEASONS": "|".join(_CAL.seasons),
        "ORDINALS": "|".join(ordinals) + rf"|{tens[0]}[-\s]{first}",
        "ORD4": "|".join(_by_value(_CAL.ordinals, 1, 4)),
        "TENS": "|".join(tens),
        "UNITS": "|".join(_by_value(_CAL.cardinals, 1, 9)),
        "ONES": "|".join(_by_value(_CAL.cardinals, 1, 19)),
        "HUNDRED": "|".join(_by_value(_CAL.cardinals, 100, 100)),
        "DECADES": "|".join(_DW.decades),
        "HOLIDAYS": "|".join(re.escape(n) for n in HOLIDAY_NAMES),
    }


def _expand(pattern: str, macros: Mapping[str, str]) -> str:
    while True:
        out = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
        if out == pattern:
            return out
        pattern = out


MACROS: dict[str, str] = _built_macros()
MACROS.update({k: _expand(v, {**MACROS, **_DW.macros}) for k, v in _DW.macros.items()})
_FORMS: list[tuple[str, str]] = [(r.name, _expand(r.pattern, MACROS)) for r in _DW.rules]


class _Compiled(dict[str, re.Pattern[str]]):
    """Each rule's own pattern, compiled on first use (the tagger asks for two of them)."""

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = self[name] = compiled(dict(_FORMS)[name])
        return pattern


FORM_RE: dict[str, re.Pattern[str]] = _Compiled()
HANDLERS = {r.name: r.handler for r in _DW.rules}

# Start-word tokens of dates.yaml that stand for a word list.
_NUMBER_STARTS = (["a", "an"] + _by_value(_CAL.cardinals, 1, 19) + _by_value(_CAL.cardinals, 20, 90)
                  + _by_value(_CAL.cardinals, 100, 100) + ["few", "several", "many", "some", "couple", "half"])
_TOKENS = {"NUMBERS": _NUMBER_STARTS, "ORDINALS": _by_value(_CAL.ordinals, 1, 20),
           "SEASONS": list(_CAL.seasons), "DECADES": list(_DW.decades),
           "HOLIDAYS": sorted({n.split()[0].lower() for n in HOLIDAY_NAMES})}


def _words(items: tuple[str, ...]) -> list[str]:
    return [w for item in items for w in _TOKENS.get(item, [item])]


_STARTS = {r.name: _words(r.starts) for r in _DW.rules}


def _master(names: list[str]) -> re.Pattern[str]:
    """One alternation of the named rules, in priority order (the first that matches wins)."""
    order = [n for n, _ in _FORMS if n in names]
    patterns = dict(_FORMS)
    return compiled(r"(?<![\w.])(?:" + "|".join(f"(?P<{n}>{_NAMED_GROUP.sub('(?:', patterns[n])})"
                                                for n in order) + ")")


# D/M/W/A: a digit, a month name, a weekday name, an apostrophe. At a candidate start only the
# rules that can begin there are tried: the full alternation costs ~20 µs a try, a dispatched
# one ~2 µs.
_START_KEYS = frozenset(k for v in _STARTS.values() for k in v)


@functools.cache
def _rules_named(names: tuple[str, ...]) -> re.Pattern[str]:
    return _master(list(names))


class _RulesAt(dict[str, re.Pattern[str]]):
    """The alternation of the rules that can begin at a start key, compiled on first use:
    compiling all of them took ~0.45 s CPU of every process start, and one article needs a few."""

    def __missing__(self, key: str) -> re.Pattern[str]:
        pattern = self[key] = _rules_named(tuple(n for n, v in _STARTS.items() if key in v))
        return pattern


_BY_START = _RulesAt()


def compile_all() -> None:
    """Compile every start key's rules now (before worker processes fork: they inherit them)."""
    for key in _START_KEYS:
        _BY_START[key]
_MONTH_NAMES = list(_CAL.month_names) + [a.capitalize() for a in _CAL.month_forms()]
_MONTH_WORDS = frozenset(_MONTH_NAMES + [m.upper() for m in _CAL.month_names])
_WEEKDAY_WORDS = frozenset(_CAL.weekday_names)


def _key_for(w: str) -> str | None:
    """The start key of the rules worth trying where word ``w`` starts (None: nothing can start there)."""
    if w.isdigit():
        return "D"
    if w in ("'", "’"):
        return "A"
    if w in _MONTH_WORDS:
        return "M"
    if w in _WEEKDAY_WORDS:
        return "W"
    key = w.lower()
    return key if key in _START_KEYS else None


# Every temporal expression holds at least one anchor: a digit, a month or weekday name, or a
# time word. Scanning for anchors is cheap; the rules are then tried only at the few word starts
# just before each anchor (an expression starts at most ~40 characters before it).
_ANCHOR_WORDS = _words(_DW.anchors)
_ANCHOR_NAMES = _MONTH_NAMES + list(_CAL.weekday_names)
# A count or a percentage ("247 parties", "3.5%", "1,200 troops") anchors nothing: no expression
# can contain it. A number of four digits may be a year ("2017 saw"), one before a word that may
# follow a number inside an expression ("5 years", "3 pm") is no count.
_COUNT = (r"(?:\d{1,3}|\d{5,})(?!\d)(?:[.,]\d+)*(?:\s*%|\s+(?!(?:"
          + word_alternation(sorted(_DW.digit_words)) + r")(?![a-z]))[a-z]+)")
_ANCHOR_FORMS = sorted(set(
    _ANCHOR_WORDS + [w.capitalize() for w in _ANCHOR_WORDS] + [w.upper() for w in _ANCHOR_WORDS]
    + _ANCHOR_NAMES + [w.upper() for w in _ANCHOR_NAMES] + [w + "s" for w in _CAL.weekday_names]))
_ANCHOR_WORD = "(?:" + word_alternation(_ANCHOR_FORMS) + ")"
_ANCHOR_AT = rf"(?:{_ANCHOR_WORD}(?!\w)|(?!{_COUNT})\d)"
# An anchor starts a word: the scan matches the character before it. A pattern opening with a
# character class skips in C to the characters of that class; one opening with \b is tried at
# every position of the text (a third slower). The text's first word is matched on its own.
_ANCHOR = re.compile(r"\W" + _ANCHOR_AT)
_FIRST_ANCHOR = re.compile(_ANCHOR_AT)
_START_WORDS = sorted({k for v in _STARTS.values() for k in v if k not in ("D", "M", "W", "A", "q", "h", "fy")})
# Candidate starts: only the words some rule can begin with (the rest are skipped in C, not Python).
_WORD_START = re.compile(r"(?<![\w.])(?:(?:" + word_alternation(sorted(set(
    _START_WORDS + [w.capitalize() for w in _START_WORDS] + [w.upper() for w in _START_WORDS]
    + list(_MONTH_WORDS) + list(_WEEKDAY_WORDS)))) + r")(?![A-Za-z])|\d|['’]|(?:[QqHh]|FY)(?=\d))")
_LOOKBACK = 28
_KEY_OF_WORD: dict[str, str] = {}  # exact candidate word -> the start key of its rules
for _w in _START_WORDS + list(_MONTH_WORDS) + list(_WEEKDAY_WORDS):
    for _v in (_w, _w.capitalize(), _w.upper()):
        _key = _key_for(_v)
        if _key is not None:
            _KEY_OF_WORD.setdefault(_v, _key)
# A number followed by an ordinary lower-case word ("247 political parties") can only be a year
# ("2017 saw"), so only the bare-year rule is worth trying there.
_COUNT_TAIL = re.compile(r"\d+\s+([a-z]+)")
_BAREYEAR_ONLY = _master(["bareyear"])


# An anchor opens a run of word characters: a word of the text (see people.tokens), or a part
# of one after a hyphen or an apostrophe. It opens with a digit or with the first run of word
# characters of an anchor word, which is then a whole run of the text (the word ends there).
_ANCHOR_HEADS = frozenset(re.split(r"\W", w, maxsplit=1)[0] for w in _ANCHOR_FORMS)

def _anchor_offsets(word: str) -> tuple[int, ...]:
    """Where an anchor may start in the token ``word``: the offsets of its runs that may open one."""
    out: list[int] = []
    at = 0
    for part in TOKEN_JOINER.split(word):
        if part[:1].isdigit() or part in _ANCHOR_HEADS:
            out.append(at)
        at += len(part) + 1
    return tuple(out)


_anchor_offsets_of = WordMemo(_anchor_offsets).__getitem__


def _anchors(text: str, words: Words | None = None) -> Iterator[tuple[int, int]]:
    """Where each anchor starts and ends. Given the text's ``words``, _ANCHOR is tried only at
    the runs that may open an anchor instead of scanning the text (same anchors)."""
    first = _FIRST_ANCHOR.match(text)
    if first:
        yield first.span()
    if words is None:
        for anchor in _ANCHOR.finditer(text):
            yield anchor.start() + 1, anchor.end()
        return
    end = 0  # _ANCHOR's matches do not overlap, and each takes the character before its anchor
    offsets = list(map(_anchor_offsets_of, words.words))
    for i in itertools.compress(itertools.count(), offsets):
        for off in offsets[i]:
            p = words.starts[i] + off
            m = _FIRST_ANCHOR.match(text, p) if p > end else None
            if m:
                yield p, m.end()
                end = m.end()


def matches(text: str, words: Words | None = None) -> Iterator[re.Match[str]]:
    """The leftmost-first matches of all rules (``m.lastgroup`` is the rule), tried only near
    anchors (``words``: the text's word tokens, if known: they find the anchors faster)."""
    pos = 0  # no match may start before this (the end of the last match)
    tried = -1  # candidate starts up to here have been tried already
    digit_words = _DW.digit_words
    for p, anchor_end in _anchors(text, words):
        if p < pos:
            continue
        lo = max(pos, tried + 1, p - _LOOKBACK, text.rfind("\n", p - _LOOKBACK, p) + 1)
        for ws in _WORD_START.finditer(text, lo, anchor_end):
            c = ws.start()
            if c < pos:
                continue
            tried = c
            w = ws.group()
            key = _KEY_OF_WORD.get(w) or _key_for(w)
            pattern = _BY_START[key] if key is not None else None
            if w.isdigit():
                tail = _COUNT_TAIL.match(text, c)
                if tail and tail.group(1) not in digit_words:
                    pattern = _BAREYEAR_ONLY if tail.end(0) - c - len(tail.group(1)) <= 6 else None
            m: Any = pattern.match(text, c) if pattern is not None else None
            if m:
                yield m
                pos = m.end()
                if pos > p:
                    break
