"""What a figure measures: a short noun phrase taken from its sentence.

A figure says how much; its measure says of what. It is found from the words around the
figure, in this order of trust:

- a count names it: ``253 political parties`` -> ``political parties``;
- a share names it: ``24% of world supply`` -> ``world supply``;
- a noun before "of": ``a deficit of about 3.8%`` -> ``deficit``;
- the object of a verb before "by/to/at": ``held interest rates at 5.25%`` -> ``interest rates``;
- the subject of a verb: ``Chile's lithium exports fell 52%`` -> ``Chile's lithium exports``;
- what the money is for: ``$886 billion for the Defense Department``;
- the noun after it: ``a new €300m fund`` -> ``fund``.

    >>> t = "Chile's lithium exports fell 52% in the first eight months to $2.4 billion."
    >>> measure_of(t, t.index("52"), t.index("52") + 3, (0, len(t)))
    "Chile's lithium exports"
"""

from __future__ import annotations

import re

from ..lexicon import lexicon

Span = tuple[int, int]

_LEX = lexicon()
_FW = _LEX.figures
_LW = _LEX.lists
_VERBS = _FW.measure_verbs | frozenset(_LEX.speech_forms("quote"))
_CURRENCIES = frozenset(w.lower() for w in (*_FW.currency_words, *_FW.currency_words.values()))
_DIRECTIONS = frozenset(("up", "down"))
_LINKS = _FW.measure_links
_STOPS = _FW.unit_stop_words | _LW.determiners | _LW.pronouns
# A measure's phrase ends before a day, a month or "early Saturday".
_PHRASE_END = _STOPS | _FW.measure_time_words | frozenset(_LEX.months) | frozenset(_LEX.weekdays)
_PREPOSITIONS = frozenset("in on during over for since after before between against among under across".split())
_ATTACH = frozenset(("in", "of", "on", "for"))  # prepositions that attach a phrase to a noun
_FIGURE_WORDS = (
    frozenset(_LEX.scales) | _CURRENCIES | _FW.measurement_units | frozenset(w for u in _FW.point_units for w in u.split())
)
_MAX_WORDS = 8
_TOKEN = re.compile(r"[A-Za-z][\w’'&-]*|\d[\d,.]*%?|[$€£¥₫%]|[,;:()–—\"“”]")
_DETERMINER_START = re.compile(r"^(?:(?:the|a|an|this|that|these|those|its|their|our|his|her)\s+)+", re.I)

Token = tuple[str, int, int]


def _tokens(text: str, a: int, b: int) -> list[Token]:
    return [(m[0], m.start(), m.end()) for m in _TOKEN.finditer(text, a, b)]


def _is_word(tok: str) -> bool:
    return tok[:1].isalpha()


def _is_verb(tok: str) -> bool:
    return tok.lower() in _VERBS


def _is_numeric(tok: str) -> bool:
    """Part of a figure (another one, next to this): digits, signs, scales, currencies, units."""
    low = tok.lower()
    return tok[:1].isdigit() or tok in "$€£¥₫%" or low in _FIGURE_WORDS


def _clean(phrase: str) -> str | None:
    phrase = _DETERMINER_START.sub("", phrase.strip(" ,;:"))
    words = phrase.split()
    if not words or all(w.lower() in _STOPS_OR_MODIFIERS for w in words):
        return None
    if len(words) == 1 and words[0].islower() and _VERB_FORM.search(words[0]):
        return None  # "raised", "offered": a verb the word lists do not know, not a measure
    return " ".join(words[-_MAX_WORDS:])


_VERB_FORM = re.compile(r"ed$")
_STOPS_OR_MODIFIERS = _STOPS | _FW.measure_modifiers


def _np_start(toks: list[Token], i: int) -> int:
    """Index of the first token of the noun phrase that ends at token ``i`` ("of" and numbers
    inside it allowed: "exports of nickel products", "Ring Road 4 projects"); ``i + 1`` when
    there is none."""
    j = i
    while j >= 0:
        tok = toks[j][0]
        low = tok.lower()
        inner = 0 < j < i and _is_word(toks[j - 1][0])
        if tok[:1].isdigit() and inner:
            j -= 1
            continue
        if not _is_word(tok) or _is_verb(tok) or low in _PHRASE_END and low != "of":
            break
        if low == "of" and not (inner and toks[j - 1][0].lower() not in _STOPS):
            break
        j -= 1
    return j + 1


def _with_pp(toks: list[Token], start: int, i: int, text: str) -> str | None:
    """The noun phrase toks[start..i], with the noun phrase it is attached to by a preposition
    ("carbon prices in [the EU emissions trading system]"), once."""
    k = start - 1
    while k >= 0 and toks[k][0].lower() in _LW.determiners:
        k -= 1
    if k > 0 and toks[k][0].lower() in _ATTACH and _is_word(toks[k - 1][0]) and not _is_verb(toks[k - 1][0]):
        head = _np_start(toks, k - 1)
        if head <= k - 1:
            start = head
    return _clean(text[toks[start][1] : toks[i][2]]) if start <= i else None


def _np_after(toks: list[Token], i: int, text: str) -> str | None:
    """The noun phrase starting at token ``i`` (determiners skipped), up to a stop word or verb;
    one "of" phrase is kept ("package of spending bills")."""
    while i < len(toks) and (toks[i][0].lower() in _LW.determiners or toks[i][0].lower() in _FW.measure_modifiers):
        i += 1
    j, seen_of = i, False
    while j < len(toks):
        tok, low = toks[j][0], toks[j][0].lower()
        if low == "of" and not seen_of and j > i:
            seen_of = True
            j += 1
            while j < len(toks) and toks[j][0].lower() in _LW.determiners:
                j += 1  # "a 50% chance of a rise"
            continue
        if not _is_word(tok) or low in _PHRASE_END or (_is_verb(tok) and j > i):
            break
        j += 1
    while j > i and toks[j - 1][0].lower() == "of":
        j -= 1
    return _clean(text[toks[i][1] : toks[j - 1][2]]) if j > i else None


def measure_of(
    text: str, s: int, e: int, bounds: Span, count_noun: str | None = None, share: bool = False,
    material: bool = False,
) -> str | None:
    """The measure of the figure at text[s:e] inside ``bounds`` (its sentence), or None.
    ``s`` is where the figure starts with its qualifier ("about $2 billion"); ``share`` says
    it is a percentage (whose "of" names its base, not what it is of); ``material`` that it is
    in a unit of weight, length, energy … whose "of" names the stuff measured."""
    if count_noun:
        return count_noun
    before = _tokens(text, bounds[0], s)
    after = _tokens(text, e, bounds[1])
    if after and after[0][0].lower() in _FW.measure_comparatives:
        return None  # "..., 10.8% higher than in 2023": the measure of the figure before
    k = len(before) - 1
    while k >= 0 and before[k][0].lower() in _FW.measure_modifiers:
        k -= 1
    if k >= 0 and before[k][0].lower() in ("a", "an") and after and _is_word(after[0][0]):
        found = _np_after(after, 0, text)  # "a $1.2 trillion package", "a 1,137 km border"
        if found:
            return found
    if material:
        return _material(before, after, text)
    left, link = _from_left(before, text)
    if left and link == "of":
        return left  # "a deficit of about 3.8% of GDP": the deficit
    if after and after[0][0].lower() in (("of",) if share else ("of", "in")):
        found = _np_after(after, 1, text)  # "24% of world supply", "$9 billion of battery investment"
        if found and not _is_time(found):
            return found
    money_for = after and after[0][0].lower() == "for" or len(after) > 1 and after[1][0].lower() == "help"
    if money_for and not share:
        return _from_right(after, text) or left  # "$886 billion for the Defense Department"
    return left or _from_right(after, text)


def _from_left(toks: list[Token], text: str) -> tuple[str | None, str | None]:
    """(measure, link word) found walking left: over other figures, links and time phrases
    ("in the first eight months"), to a noun phrase (the measure) or a verb (its subject)."""
    i, link, commas = len(toks) - 1, None, 0
    while i >= 0:
        tok = toks[i][0]
        low = tok.lower()
        if _is_numeric(tok) or low in _PREPOSITIONS or low in _LW.determiners or low in _FW.measure_adverbs:
            i -= 1
        elif low in _LINKS or low in _DIRECTIONS:
            link = link or low
            i -= 1
        elif tok == "," and link and commas == 0:
            commas += 1  # "fell 0.7% against the dollar, to $1.2246"; "reached $1.6 billion, up 6.5%"
            i -= 1
        elif _is_word(tok) and not _is_verb(tok):
            start = _np_start(toks, i)
            k = start - 1
            while k >= 0 and toks[k][0].lower() in _LW.determiners:
                k -= 1
            of_np = link == "of" and i == len(toks) - 1 - _trailing(toks)
            if k >= 0 and toks[k][0].lower() in _PREPOSITIONS and start <= i and not of_np:
                i = k - 1  # a time or place phrase ("in the first eight months"): look further left
                continue
            if start > i:
                return None, link
            if start == i and i > 0 and toks[i - 1][0].lower() == "to":
                return _subject(toks, i - 2, text), link  # "are expected to fall to 7.5 million"
            if all(t[0].lower() in _FW.measure_modifiers for t in toks[start : i + 1]):
                i = start - 1  # "an extra £22.6bn": not the measure
                continue
            return _clean(text[toks[start][1] : toks[i][2]]), link
        elif _is_verb(tok):
            return _subject(toks, i, text), link
        else:
            return None, link
    return None, link


def _trailing(toks: list[Token]) -> int:
    """How many tokens at the end are the figure's link and qualifiers ("of about")."""
    n = 0
    while n < len(toks) and (toks[-1 - n][0].lower() in _LINKS or _is_numeric(toks[-1 - n][0])):
        n += 1
    return n


def _subject(toks: list[Token], i: int, text: str) -> str | None:
    """The subject of the verb at token ``i``: back over auxiliaries, adverbs, "which", an
    appositive comma ("210 projects, worth $2.9 billion") and time phrases ("in 2024")."""
    while i >= 0 and _is_word(toks[i][0]) and (_is_verb(toks[i][0]) or toks[i][0].lower() in _FW.measure_adverbs):
        i -= 1
    if i >= 0 and toks[i][0].lower() in ("which", "that"):
        i -= 1
    if i >= 0 and toks[i][0] == ",":
        i -= 1
    while i >= 0 and (_is_numeric(toks[i][0]) or toks[i][0].lower() in _PREPOSITIONS):
        if toks[i][0].lower() in _PREPOSITIONS and i + 1 < len(toks) and not _is_numeric(toks[i + 1][0]):
            break
        i -= 1
    if i < 0:
        return None
    start = _np_start(toks, i)
    return _with_pp(toks, start, i, text) if start <= i else None


def _material(before: list[Token], after: list[Token], text: str) -> str | None:
    """``production to rise by 300,000 tonnes of lithium`` -> ``production of lithium``;
    ``Chile produced 44,000 tonnes of lithium`` -> ``lithium`` (a name is who, not what)."""
    stuff = _np_after(after, 1, text) if after and after[0][0].lower() == "of" else None
    left, _ = _from_left(before, text)
    if stuff and left and left[:1].islower():
        return _clean(f"{left} of {stuff}")
    return stuff or left or _from_right(after, text)


def _is_time(phrase: str) -> bool:
    """``the first half``, ``the coming years``, ``2024``: when, not what."""
    return any(w.lower() in _FW.measure_time_nouns or w[:1].isdigit() for w in phrase.split())


def _from_right(toks: list[Token], text: str) -> str | None:
    """``$886 billion for the Defense Department``; ``£100 million to help councils``;
    ``a new €300m fund``."""
    if not toks:
        return None
    first = toks[0][0].lower()
    if first in ("for", "in", "to") and len(toks) > 1:
        k = 2 if toks[1][0].lower() == "help" and len(toks) > 2 else 1
        found = _np_after(toks, k, text)
        return None if found and _is_time(found) else found
    if _is_word(toks[0][0]) and first not in _STOPS:
        return _np_after(toks, 0, text)
    return None
