"""A document's word tokens as parallel lists, and fast scans over them.

    >>> t = tokens("Mr. Le's view")
    >>> t.words, t.starts, t.gaps
    (['Mr', "Le's", 'view'], [0, 4, 9], ['', '. ', ' ', ''])
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*")


class Tokens(NamedTuple):
    """A document's tokens (:data:`TOKEN`) as parallel lists, built once per document."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    gaps: list[str]  # gaps[i]: the text between token i - 1 and token i (gaps[n]: the tail)


# The same tokens as TOKEN; possessive ("*+": nothing after it can make it give back) so the
# engine keeps no backtracking state, and a group so that the split keeps the tokens.
_TOKEN_SPLIT = re.compile(r"(\w+(?:[-‐'’]\w+)*+)")


def tokens(text: str) -> Tokens:
    """The tokens of ``text``: one split, the gaps and words in turn, whose running lengths are
    the offsets (no match object per token: this runs over every word of every document)."""
    parts = _TOKEN_SPLIT.split(text)
    offsets = list(itertools.accumulate(map(len, parts)))
    return Tokens(starts=offsets[0:-1:2], ends=offsets[1::2], words=parts[1::2], gaps=parts[0::2])


def indices(words: list[str], word: str) -> Iterator[int]:
    """Positions of ``word`` in ``words`` (list.index does the scanning, in C)."""
    i = -1
    while True:
        try:
            i = words.index(word, i + 1)
        except ValueError:
            return
        yield i


def positions(flags: Iterable[object]) -> Iterator[int]:
    """Indices of the true flags (any truthy value), scanned without a Python-level step per token."""
    return itertools.compress(itertools.count(), flags)
