"""Paragraph and sentence segmentation with character offsets (shared by all extractors).

    >>> text = "Mr. Le Hoai Trung spoke. He left on Jan. 5."
    >>> [text[s:e] for s, e in sentences(text)]
    ['Mr. Le Hoai Trung spoke.', 'He left on Jan. 5.']
"""

from __future__ import annotations

import re
from typing import Any

Span = tuple[int, int]

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt maj rev st jr sr no nos vol pp fig dept gov sen rep"
    " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e etc vs approx inc ltd co corp".split()
)

_PARA = re.compile(r"[^\n]+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before white space.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+|$)")


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, stripped, as spans."""
    out = []
    for m in _PARA.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _word_before(text: str, end: int) -> str:
    """The run of word characters and dots ending at ``end`` (at most 64 characters back; a line
    break right before ``end`` is skipped): what ``([\\w.]+)$`` finds in that window, found by
    walking back instead of trying the pattern at each of its positions."""
    lo = max(0, end - 64)
    stop = end - 1 if end > lo and text[end - 1] == "\n" else end
    start = stop
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:stop]


def _ends_sentence(text: str, end_start: int, next_start: int) -> bool:
    # The word before the full stop: an abbreviation or a lone initial does not end a sentence.
    # Look at a short window only: searching all of text[:end_start] made segmentation quadratic.
    word = _word_before(text, end_start).lower()
    if text[end_start] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
        return False
    # The next sentence should start with an upper-case letter, a digit or a quote mark.
    if next_start < len(text):
        c = text[next_start]
        if c.islower():
            return False
    return True


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (never crossing a line break)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    for ps, pe in paragraphs(text[start:end]):
        ps += start
        pe += start
        s = ps
        for m in _END.finditer(text, ps, pe):
            nxt = m.end()
            while nxt < pe and text[nxt].isspace():
                nxt += 1
            if nxt >= pe or _ends_sentence(text, m.start(), nxt):
                out.append((s, m.end()))
                s = nxt
        if s < pe:
            out.append((s, pe))
    return [(a, b) for a, b in out if b > a]


def word_alternation(words: list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefixes (much faster to scan).

        >>> word_alternation(["ten", "tens", "two"])
        't(?:ens?|wo)'
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        kids = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        if "" in node:
            body = (f"(?:{body})" if len(kids) == 1 and len(kids[0]) > 1 else body) + "?"
        return body

    return emit(root)
