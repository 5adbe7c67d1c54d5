"""Post keys: the same post worded two ways compares equal."""

from __future__ import annotations

import functools
import re

from ...text import fold
from .vocab import POSSESSIVE, POST_DROP, POST_SYNONYMS

_HYPHENATED_WORD = re.compile(r"[\w’'-]+")


@functools.lru_cache(maxsize=65536)
def post_key(title: str) -> str:
    """A key under which the same post worded two ways compares equal.

    >>> post_key("Head of the Commission for External Relations")
    'head|commission external relations'
    >>> post_key("Chairman of the Party Central Committee’s Commission for External Affairs")
    'head|commission external relations'
    """
    words = _HYPHENATED_WORD.findall(fold(title))
    role: list[str] = []
    org: list[str] = []
    target = role
    for w in words:
        if target is role and w in ("of", "for", "to", "at", "in"):
            target = org
            continue
        if POSSESSIVE.search(w):  # an owner ("the Committee's Commission"): drop it
            org.clear()
            if target is role:
                role.clear()
            continue
        for part in POST_SYNONYMS.get(w, w).split():
            if part not in POST_DROP:
                target.append(part)
    return " ".join(role) + "|" + " ".join(org)


def same_post(a: str, b: str) -> bool:
    """Same role, and one organisation's words contained in the other's ("head of the commission")."""
    ra, _, oa = post_key(a).partition("|")
    rb, _, ob = post_key(b).partition("|")
    if ra != rb or not ra:
        return False
    sa, sb = set(oa.split()), set(ob.split())
    return sa == sb or (bool(sa) and bool(sb) and (sa <= sb or sb <= sa))


