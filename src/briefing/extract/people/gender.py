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


def honorific_gender(honorific: str) -> str | None:
    """``m``, ``f`` or None (``Dr``, ``Prof``) for an honorific as written (``Mrs.`` too)."""
    h = honorific.rstrip(".")
    return "m" if h in _W.male_honorifics else "f" if h in _W.female_honorifics else None


def name_gender(name: str) -> str | None:
    """``m`` or ``f`` when the first word of ``name`` is a given name of one gender only."""
    first = fold(name.split()[0]) if name.split() else ""
    male, female = first in _W.male_names, first in _W.female_names
    return "m" if male and not female else "f" if female and not male else None


def compatible(honorific: str, name: str) -> bool:
    """Whether ``honorific`` may stand before the surname of ``name``."""
    h, n = honorific_gender(honorific), name_gender(name)
    return h is None or n is None or h == n
