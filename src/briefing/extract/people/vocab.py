"""The words person extraction knows (``resources/en/people.yaml``) and word-level tests on them.

    >>> lw("Ministry’s"), is_name_like("Trọng"), is_name_like("Ministry"), is_name_like("VNA")
    ('ministry', True, False, False)
"""

from __future__ import annotations

import functools
import re

from ...lexicon import lexicon
from ...text import WordMemo, fold

_W = lexicon().people
TITLE_ABBREVIATIONS = _W.title_abbreviations
TITLE_HEADS = _W.title_heads
TITLE_MODIFIERS = _W.title_modifiers
ORG_WORDS = _W.org_words
COUNTRIES = _W.countries
NATIONALITIES = _W.nationalities
COMMON_CAPS = _W.common_caps
CONNECTORS = _W.connectors
NAME_PARTICLES = _W.name_particles
VIETNAMESE_SURNAMES = _W.vietnamese_surnames
POST_SYNONYMS = _W.post_synonyms
POST_DROP = _W.post_drop
APPOSITION_BAD_STARTS = _W.apposition_bad_starts
APPOSITION_NOUNS = _W.apposition_nouns
DETERMINERS = _W.determiners
RELATIVE_WORDS = _W.relative_words
# Month names and weekdays in full (capitalised, they are not names).
MONTHS_DAYS = frozenset(m.lower() for m in lexicon().month_names) | frozenset(lexicon().months) | frozenset(
    d.lower() for d in lexicon().weekday_names)

GIVEN_NAMES = _W.male_names | _W.female_names | _W.other_names
HONORIFICS = frozenset(_W.honorifics)
HONORIFIC = re.compile(r"\b(" + "|".join(_W.honorifics) + r")\.?\s+$")
# A speech verb after a name ("Xi said": a short form in a speech context).
CUE_AFTER = re.compile(
    r"\s+(?:(?:" + "|".join(_W.speech_adverbs) + r")\s+)?(" + "|".join(lexicon().speech_forms("person")) + r")\b")

# One romanised syllable of Chinese, Korean or Vietnamese (diacritics folded): consonants, a
# vowel group, an optional final ("kwok", "hung", "chinh", "jae"); a given name is one or two
# of them, or several joined by hyphens ("Jinping", "Kwok-hung").
_SYLLABLE = r"[bcdfghjklmnpqrstvwxyz]{0,3}[aeiouy]{1,3}(?:ng|nh|ch|[cmnptk])?"
SYLLABLE = re.compile(_SYLLABLE)
ROMANISED = re.compile(rf"(?:{_SYLLABLE}){{1,2}}(?:-(?:{_SYLLABLE}){{1,2}})*")
POSSESSIVE = re.compile(r"[’']s$")
# What POSSESSIVE finds at the end of a token (tokens hold no newline for "$" to stop before).
POSSESSIVE_ENDS = ("'s", "’s")


@functools.lru_cache(maxsize=65536)
def base(word: str) -> str:
    """The word without a possessive and a full stop: ``Trump's`` -> ``Trump``."""
    return POSSESSIVE.sub("", word).rstrip(".")


def _fold_base(word: str) -> str:
    return fold(base(word))


# The word as the vocabulary lists spell it: folded, possessive and full stop dropped.
lw = WordMemo(_fold_base).__getitem__

_VOCAB = TITLE_HEADS | TITLE_MODIFIERS | ORG_WORDS | COUNTRIES | NATIONALITIES | MONTHS_DAYS | COMMON_CAPS
_TITLEISH = TITLE_HEADS | TITLE_MODIFIERS | NATIONALITIES | COUNTRIES


def is_vocab(word: str) -> bool:
    return lw(word) in _VOCAB


def is_name_like(word: str) -> bool:
    """A capitalised word that may be part of a personal name (``al-Amr`` too)."""
    w = base(word)
    if w[:3].lower() in ("al-", "el-") and w[3:4].isupper():
        return True
    if not w or not w[0].isupper() or not w[0].isalpha() or any(c.isdigit() for c in w):
        return False
    if "-" in w and is_head(w):  # "Minister-Counselor"
        return False
    if len(w) > 1 and w.isupper():  # acronyms: VNA, PCC, US
        return False
    return not is_vocab(w)


name_like = WordMemo(is_name_like).__getitem__


def titleish(word: str) -> bool:
    return lw(word) in _TITLEISH


def is_head(word: str) -> bool:
    """A title head, also inside a hyphenated title ("Minister-Counselor", "Vice-President")."""
    low = lw(word)
    # "Gov." heads a title as "Governor" does (a word, not a name: "Hun Sen" is a name).
    return low in TITLE_HEADS or low in TITLE_ABBREVIATIONS or (
        "-" in low and any(p in TITLE_HEADS for p in low.split("-")))
