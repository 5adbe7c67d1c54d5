"""Gender as news copy marks it: honorifics and given names, to keep "Mrs. Clinton" from
joining "Bill Clinton" while "Mr. Trump" joins "Donald Trump".

    >>> compatible("Mrs", "Bill Clinton"), compatible("Mrs", "Hillary Clinton"), compatible("Mr", "Donald Trump")
    (False, True, True)
    >>> compatible("Dr", "Bill Clinton"), compatible("Ms", "Jean Smith")
    (True, True)
"""

from __future__ import annotations

from ...lexicon import lexicon
from ...text import fold

_W = lexicon().people
_GENDERS = lexicon().quotes.given_genders


def honorific_gender(honorific: str) -> str | None:
    """``m``, ``f`` or None (``Dr``, ``Prof``) for an honorific as written (``Mrs.`` too)."""
    h = honorific.rstrip(".")
    return "m" if h in _W.male_honorifics else "f" if h in _W.female_honorifics else None


def name_gender(name: str) -> str | None:
    """``m`` or ``f`` for the first word of ``name`` as a given name (the more frequent gender
    of the census lists: "Donald" is in both, far more often a man's), else None."""
    first = fold(name.split()[0]) if name.split() else ""
    return _GENDERS.get(first)


def compatible(honorific: str, name: str) -> bool:
    """Whether ``honorific`` may stand before the surname of ``name``."""
    h, n = honorific_gender(honorific), name_gender(name)
    return h is None or n is None or h == n
