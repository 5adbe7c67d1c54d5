"""Evidence that a capitalised run without a title names a person, and that it names a thing.

A run is a person when its first word is a known given name (``Marc Lamont Hill``), when it
is an East Asian or Vietnamese name (a family name then romanised syllables: ``Leung
Kwok-hung``, ``Pham Minh Chinh``), when a speech verb follows or precedes it (``Jane Roe
said``, ``said Jane Roe``) or when an age stands in apposition (``Jane Roe, 52,``) — and
nothing marks it as the name of an organisation, a place, a work or an event (``the Ronald
Reagan Building``, ``George Washington University``).

    >>> from .tokens import tokens
    >>> def why(text, a, j):
    ...     return person_evidence(text, tokens(text), a, j)
    >>> why("Marc Lamont Hill spoke.", 0, 2), why("Leung Kwok-hung spoke.", 0, 1)
    ('given name', 'family name')
    >>> why("at George Washington University", 1, 2), why("Tamihana Ngata, 52, spoke.", 0, 1)
    (None, 'age')
"""

from __future__ import annotations

import bisect
import re

from ...lexicon import lexicon
from ...text import fold
from .tokens import Tokens
from .vocab import GIVEN_NAMES, NAME_PARTICLES, ORG_WORDS, ROMANISED, VIETNAMESE_SURNAMES, lw, name_like

_W = lexicon().people
_NOT_EVIDENCE = _W.ambiguous_given_names
_THING = _W.thing_heads
_THING_OR_ORG = _W.thing_heads | ORG_WORDS
_FAMILY_NAMES = _W.east_asian_surnames | VIETNAMESE_SURNAMES
_SPEECH_AFTER = re.compile(
    r"\s+(?:(?:" + "|".join(_W.speech_adverbs) + r")\s+)?(?:"
    + "|".join(lexicon().speech_forms("person")) + r")\b")
_SPEECH_BEFORE = re.compile(r"\b(?:" + "|".join(lexicon().speech_forms("person")) + r")\s+$")
# "Pfizer said in a statement that its ...", "Morgan Stanley said its ...", "shares of Warner
# Music", "Goldman Sachs shares": an organisation, not a person.
_ORG_AFTER = re.compile(
    r"\s+(?:" + "|".join(lexicon().speech_forms("person")) + r")\s+(?:(?:in|on)\s+(?:a\s+)?\w+\s+)?"
    r"(?:that\s+)?its\b|(?:['’]s)?\s+(?:shares|stock|stocks)\b")
_ORG_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]tocks?)\s+(?:of|in)\s+$")
_COMPANIES = _W.company_names
_AGE = re.compile(r",\s+(?:aged\s+)?\d{1,3},")
# ", an Australian woman", ", a father of three": a person noun heads the apposition.
_PERSON_APPOSITION = re.compile(
    r",\s+(?:a|an|the|[Aa]\s+\d+-year-old)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(sorted(_W.person_nouns)) + r")\b")
_THING_NOUNS = _W.thing_nouns
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Ii]ts?|[Tt]hey|[Tt]heir|[Tt]hem)\b")
_GENDERED = frozenset("he she his her him".split())


_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A capitalised short word inside a line: after a word and a space, not opening a sentence.
_LOWER_RUN = re.compile(r"\b[a-z][\w'’-]*\s+[a-z][\w'’-]*\s+[a-z]")
_MID_LINE_TITLE_WORD = re.compile(
    r"(?<=\w )(?:" + "|".join(sorted(w.capitalize() for w in _W.title_case_words)) + r")\b")


def headlines(text: str, paragraphs: list[tuple[int, int]], points: list[int]) -> list[tuple[int, int]]:
    """Lines in title case, short words included ("Rand Paul Scores Direct Hit On Donald Trump."):
    a capitalised run there is no evidence of a name and runs on into the words after it. A
    sentence keeps some words in lower case ("General Secretary To Lam met ... on 1 June"); a
    list of names has no capitalised short word ("Contributing: Iris Ouyang, Thomas Vogel").

    Only the lines holding one of ``points`` (sorted positions: where candidate names start)
    are read."""
    out = []
    ends = [e for _s, e in paragraphs]
    for k in sorted({bisect.bisect_right(ends, p) for p in points}):
        if k >= len(paragraphs):
            continue
        s, e = paragraphs[k]
        # Three lower-case words in a row: running text (a line in title case would need 30
        # words for them); found within the first words of most lines.
        if _LOWER_RUN.search(text, s, e) or not _MID_LINE_TITLE_WORD.search(text, s, e):
            continue
        words = _ALPHA_WORD.findall(text, s, e)
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.9 * len(words):
            out.append((s, e))
    return out


def thing_like(text: str, toks: Tokens, a: int, j: int) -> bool:
    """Tokens ``a..j`` are part of the name of an organisation, place, work or event: ``the``
    before them, a thing's head as their last word, an organisation or thing word after them."""
    words, gaps = toks.words, toks.gaps
    last = lw(words[j])
    if last in _W.surname_heads and is_given_name(words[a]) and fold(words[a]) not in NAME_PARTICLES:
        # "Marc Lamont Hill", but not "Van Cortlandt Park"
        pass
    elif last in _THING or any(p in _THING for p in last.split("-")):
        return True
    if a > 0 and gaps[a] == " " and (words[a - 1] in ("the", "The") or words[a - 1] in _THING_NOUNS):
        return True
    # "the Committee on Civil Liberties", "University of Texas Arlington"
    if a > 1 and words[a - 1] in ("of", "on", "for") and lw(words[a - 2]) in ORG_WORDS:
        return True
    nxt = j + 1
    if nxt >= len(words) or gaps[nxt] != " ":
        return False
    after = lw(words[nxt])
    # "the National Iodine Nutrition study", "George Washington University"
    return after in _THING or (words[nxt][0].isupper() and after in ORG_WORDS)


def org_like(text: str, key: str, start: int, end: int) -> bool:
    """The name at ``start:end`` (name key ``key``) is a company's or an organisation's: a
    known firm named like a person, or what is said of it around this mention."""
    return key in _COMPANIES or _ORG_AFTER.match(text, end) is not None \
        or _ORG_BEFORE.search(text, max(0, start - 12), start) is not None


def _family_name_first(words: list[str]) -> bool:
    """``Leung Kwok-hung``, ``Pham Minh Chinh``: a family name, then romanised syllables."""
    folded = [fold(w) for w in words]
    if folded[0] not in _FAMILY_NAMES or not all(ROMANISED.fullmatch(w) for w in folded[1:]):
        return False
    # A family name that is also an English word ("Park Ridge", "Long Beach") needs a
    # hyphenated given name ("Park Geun-hye", "Moon Jae-in").
    return folded[0] not in _NOT_EVIDENCE or any("-" in w for w in folded[1:])


def _family_name_last(words: list[str]) -> bool:
    """``Starry Lee``, ``Holden Chow``: a Western given name before an East Asian family name
    that is not also an English word ("Blue Moon", "Love Song" are not names)."""
    last = fold(words[-1])
    return (len(words) == 2 and len(words[0]) > 1 and last in _W.east_asian_surnames
            and last not in _NOT_EVIDENCE and fold(words[0]) not in _FAMILY_NAMES)


def person_evidence(text: str, toks: Tokens, a: int, j: int) -> str | None:
    """Why the run of tokens ``a..j`` names a person, or None."""
    if thing_like(text, toks, a, j):
        return None
    words = toks.words[a:j + 1]
    # "Von der Leyen": a given name ("Von") before a particle is the particle.
    if (is_given_name(words[0]) and name_like(words[1])) \
            or (len(words[0]) == 1 and len(words) > 2 and is_given_name(words[1])):
        return "given name"
    if _family_name_first(words) or _family_name_last(words):
        return "family name"
    start, end = toks.starts[a], toks.ends[j]
    if (_SPEECH_AFTER.match(text, end) or _SPEECH_BEFORE.search(text, max(0, start - 12), start)) \
            and _gendered_pronoun_after(text, end):
        return "speech verb"
    if _AGE.match(text, end):
        return "age"
    if _PERSON_APPOSITION.match(text, end):
        return "apposition"
    return None


def _gendered_pronoun_after(text: str, end: int) -> bool:
    """The first pronoun after a speaker is "he" or "she" (or their forms), not "it" or "they":
    "Jafari said she felt" (a person), "Goldman Sachs said it would" (not one)."""
    m = _PRONOUN.search(text, end, end + 240)
    return m is not None and m.group().lower() in _GENDERED


def is_given_name(word: str) -> bool:
    """A known given name that is not also a common word or a place (``Will``, ``Georgia``)."""
    w = lw(word)
    return w in GIVEN_NAMES and w not in _NOT_EVIDENCE


def name_start(toks: Tokens, a: int, j: int) -> int:
    """Where the name starts in the run ``a..j``: after a capitalised descriptor that opens it
    ("Nonpartisan Paul Tse", "Scientologist Tom Cruise", "Pan-democrat Gary Fan")."""
    words = toks.words
    if j - a < 2 or len(words[a]) == 1 or is_given_name(words[a]) or fold(words[a]) in _FAMILY_NAMES:
        return a
    if not words[a + 1][0].isupper():
        return a
    if is_given_name(words[a + 1]) or _family_name_first(words[a + 1:j + 1]):
        return a + 1
    return a
