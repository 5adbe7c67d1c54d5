"""Candidate names: runs of capitalised name-like words (particles allowed inside).

    >>> from .tokens import tokens
    >>> from .vocab import name_like
    >>> text = "Yesterday Ursula von der Leyen met Tran."
    >>> toks = tokens(text)
    >>> [text[s:e] for s, e, _ in name_candidates(toks, {0}, list(map(name_like, toks.words)))]
    ['Ursula von der Leyen']
"""

from __future__ import annotations

from ...lexicon import lexicon
from ...text import WordMemo, fold
from .tokens import Tokens, positions
from .vocab import (
    COMMON_CAPS,
    GIVEN_NAMES,
    MONTHS_DAYS,
    NAME_PARTICLES,
    POSSESSIVE_ENDS,
    SYLLABLE,
    VIETNAMESE_SURNAMES,
    is_vocab,
    lw,
)

# An initial is followed by a full stop, then a space or another initial ("L. Ron", "K.C. Maurer").
_AFTER_INITIAL = (". ", ".")


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


_W = lexicon().people
# Compared folded, so that "Tô Lâm" and "Hà Nội" are read as "To Lam" and "Ha Noi" are.
_VIETNAMESE_WORDS = frozenset(w.lower() for w in _W.vietnamese_name_words)
_PLACES = _W.two_word_places
_PLACE_FIRSTS = {a for a, _ in _PLACES}
# Months that are also given names, capitalised as written ("April", "Jan", "June").
_MONTH_NAMES = {w.capitalize() for w in MONTHS_DAYS & GIVEN_NAMES}
# The rules of patch_likes, one bit each: which may apply at a word.
_SYLLABLE_RULE, _MONTH_RULE, _PLACE_RULE = 1, 2, 4


def _rules_at(word: str) -> int:
    cap = word[0].isupper()
    low = lw(word)
    return ((_SYLLABLE_RULE if cap and low in _VIETNAMESE_WORDS else 0)
            | (_MONTH_RULE if word in _MONTH_NAMES else 0)
            | (_PLACE_RULE if cap and low in _PLACE_FIRSTS else 0))


# Memoised per word: one pass over a document's tokens finds the few where a rule may apply.
_rules = WordMemo(_rules_at).__getitem__


def patch_likes(toks: Tokens, likes: list[bool]) -> set[int]:
    """Correct ``likes`` (name-likeness per token) where a word's neighbours decide: a Vietnamese
    name syllable that is also an English word before another name syllable ("General
    Secretary To Lam", "Nguyen The Ky"), a month that is also a given name before a name
    ("Former Arizona governor Jan Brewer", "April Ryan, a correspondent"); a two-word place
    ("Viet Nam", "Ha Noi") is not a name unless a family name opens the run ("Nguyen Hoa Binh").

    Returns the tokens made name-like where capitals are expected anyway (a sentence opening
    "To Lam met ..."): they open a candidate, but their spelling alone is no evidence."""
    words, gaps = toks.words, toks.gaps
    n = len(words)
    weak: set[int] = set()
    marks = list(map(_rules, words))
    hits = list(positions(marks))
    for i in (i for i in hits if marks[i] & _SYLLABLE_RULE):
        if likes[i] or i + 1 >= n or gaps[i + 1] != " " or not likes[i + 1] \
                or len(words[i + 1]) < 2 or not SYLLABLE.fullmatch(fold(words[i + 1])):
            continue
        likes[i] = True
        if i == 0 or gaps[i] != " ":
            weak.add(i)
    for i in (i for i in hits if marks[i] & _MONTH_RULE):
        if i + 1 < n and gaps[i + 1] == " " and likes[i + 1] and not is_vocab(words[i + 1]) \
                and (i == 0 or lw(words[i - 1]) not in COMMON_CAPS and not words[i - 1][0].isdigit()):
            likes[i] = True
    for i in (i for i in hits if marks[i] & _PLACE_RULE):
        if i + 1 < n and (lw(words[i]), lw(words[i + 1])) in _PLACES \
                and not (i > 0 and gaps[i] == " " and likes[i - 1]):
            likes[i] = likes[i + 1] = False
    return weak


def name_candidates(toks: Tokens, sent_starts: set[int], likes: list[bool]) -> list[tuple[int, int, int]]:
    """Runs of 2-6 name-like words joined by single spaces (particles allowed inside):
    (start, end, index of the first token). ``likes[i]`` is ``name_like`` of token ``i``."""
    starts, ends, words, gaps = toks
    out: list[tuple[int, int, int]] = []
    n = len(words)
    done = 0  # tokens before this one already belong to a run
    # Only name-like tokens can open a run: skip the others without a Python-level step each.
    for i in positions(likes):
        if i < done:
            continue
        j = i
        while j + 1 < n:
            if gaps[j + 1] != " " and not (_is_initial(words[j]) and gaps[j + 1] in _AFTER_INITIAL):
                break
            if words[j].endswith(POSSESSIVE_ENDS):
                break
            if likes[j + 1]:
                j += 1
                continue
            # Particles, possibly several ("Ursula von der Leyen"), then a name-like word.
            k = j + 1
            while k < n and fold(words[k]) in NAME_PARTICLES and k - j <= 3:
                if k + 1 >= n or gaps[k + 1] != " ":
                    k = n
                    break
                k += 1
            if j + 1 < k < n and likes[k]:
                j = k
                continue
            break
        a = i  # the run is tokens a..j
        # A sentence-opening common word is not part of the name ("Yesterday John Smith").
        while j - a + 1 > 2 and starts[a] in sent_starts and fold(words[a]) in COMMON_CAPS:
            a += 1
        # "Planning and Investment Tran Quoc Phuong": a long run that reaches a Vietnamese
        # family name after its first word starts the name there.
        if j - a + 1 >= 4:
            cut = next((k for k in range(a + 1, j) if fold(words[k]) in VIETNAMESE_SURNAMES), None)
            if cut is not None and not any(fold(words[k]) in VIETNAMESE_SURNAMES for k in range(a, cut)):
                a = cut
        if j - a + 1 > 2 and lw(words[j]) in _W.name_suffixes:  # "Joseph R. Biden Jr."
            j -= 1
        if j > a and _is_initial(words[j]):  # "Charles G. and David H. Koch"
            j -= 1
        if j - a + 1 > 6:
            a = j - 5
        # Initials alone are an abbreviation ("U.S."), not a name.
        if j - a + 1 >= 2 and not all(_is_initial(w) for w in words[a:j + 1]):
            end = ends[j]
            if words[j].endswith(POSSESSIVE_ENDS):
                end -= 2
            out.append((starts[a], end, a))
        done = j + 1
    return out

