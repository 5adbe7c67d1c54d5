"""Text helpers shared by every extractor and by the store: segmentation with character
offsets, spans, folding, name keys and lemmas. Pure functions of their arguments; vocabulary
comes from the resource pack (:mod:`briefing.lexicon`), never from lists in code.

    >>> text = "Mr. Le Hoai Trung spoke. He left on Jan. 5."
    >>> [text[s:e] for s, e in sentences(text)]
    ['Mr. Le Hoai Trung spoke.', 'He left on Jan. 5.']
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

from .lexicon import lexicon

Span = tuple[int, int]


class Words(Protocol):
    """A text's word tokens (:class:`briefing.extract.people.tokens.Tokens`): each a run of word
    characters, or several joined by :data:`TOKEN_JOINER` ("Le's", "vice-president")."""

    @property
    def starts(self) -> list[int]: ...

    @property
    def words(self) -> list[str]: ...


TOKEN_JOINER = re.compile(r"[-‐'’]")  # what joins the runs of a token (see people.tokens)
_V = TypeVar("_V")

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


# --------------------------------------------------------------------------- numbers


_DIGITS = re.compile(r"\d+")
# Characters re.IGNORECASE takes for an ASCII letter that str.lower() does not turn into one
# ("İ" even lengthens the text): a text with one is scanned with the case-folding pattern.
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ, ı, ſ and the Kelvin sign


@functools.cache
def _number_word_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The number words of the resource pack: a pattern for lower-cased text and one that folds
    case. The first has no leading ``\\b``, so that the scan can skip to the letters a number
    word starts with; a match inside a longer word ("often") is dropped after the scan."""
    words = word_alternation(sorted(lexicon().count_words()))
    return re.compile(rf"(?:{words})\b"), re.compile(rf"\b(?:{words})\b", re.I)


def lowered(text: str) -> str | None:
    """``text`` in lower case, offsets unchanged, when a case-folding (re.I) pattern of ASCII
    words finds there, case-sensitive, what it finds in ``text``; else None. Scanning the
    lower-cased text is much faster (no folding, and a literal start lets the scan skip ahead).

        >>> lowered("The Party"), lowered("ſix")
        ('the party', None)
    """
    if text.isascii() or not any(c in text for c in _ODD_FOLDS):
        return text.lower()
    return None


def word_starts(matches: Iterator[re.Match[str]], low: str) -> Iterator[re.Match[str]]:
    """The matches that start a word: what a pattern with a leading ``\\b`` finds, for a
    pattern without it (which scans faster) whose matches cannot overlap a word start inside
    another match (e.g. single words)."""
    return (m for m in matches if not (m.start() and is_word_char(low[m.start() - 1])))


def number_spans(text: str, low: str | None = None) -> list[Span]:
    """Runs of digits and number words (any case) in ``text``, in order: where a figure or a
    count can be. The matches of ``\\d+|\\b(?:words)\\b`` under re.I, found faster
    (``low``: :func:`lowered` of ``text``, if known).

        >>> t = "Often ten, TWELVE or 1,250"
        >>> [t[a:b] for a, b in number_spans(t)]
        ['ten', 'TWELVE', '1', '250']
    """
    spans = [m.span() for m in _DIGITS.finditer(text)]
    in_lowered, folding = _number_word_patterns()
    low = low if low is not None else lowered(text)
    if low is not None:
        spans += [m.span() for m in word_starts(in_lowered.finditer(low), low)]
    else:
        spans += [m.span() for m in folding.finditer(text)]
    spans.sort()
    return spans


# --------------------------------------------------------------------------- spans


def span_index(spans: list[Span], pos: int) -> int:
    """Index of the first span that ends after ``pos`` (spans sorted, non-overlapping).

        >>> span_index([(0, 5), (6, 10)], 7)
        1
    """
    # Bisect on the tuples themselves (no key function to call): the spans starting at or
    # before pos all end by pos, except perhaps the last of them.
    i = bisect.bisect_right(spans, (pos, sys.maxsize))
    return i - 1 if i and spans[i - 1][1] > pos else i


def span_at(spans: list[Span], pos: int) -> Span:
    """The span holding ``pos``, or the empty span ``(pos, pos)``.

        >>> span_at([(0, 5), (6, 10)], 7), span_at([(0, 5), (6, 10)], 5)
        ((6, 10), (5, 5))
    """
    i = span_index(spans, pos)
    if i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


# --------------------------------------------------------------------------- words and names


class WordMemo(dict[str, _V]):
    """``fn(word)`` memoised in a plain dict. Its bound ``__getitem__`` is a C-level call, cheaper
    than an lru_cache wrapper when mapped over every token of a document. Emptied when full:
    a corpus's vocabulary is open-ended."""

    def __init__(self, fn: Callable[[str], _V], limit: int = 65536) -> None:
        super().__init__()
        self._fn = fn
        self._limit = limit

    def __missing__(self, word: str) -> _V:
        if len(self) >= self._limit:
            self.clear()
        value = self[word] = self._fn(word)
        return value




def is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches in a str pattern


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` between word boundaries: what
    ``re.search(rf"\b{re.escape(word)}\b", text)`` finds, without compiling a pattern per word
    (names differ in every article; their patterns crowded the regex cache out).

        >>> has_word("Mr. Lam said", "Lam"), has_word("Lampard said", "Lam"), has_word("U.S.", "U.S")
        (True, False, True)
    """
    n, size = len(text), len(word)
    if not size:
        return False
    i = text.find(word)
    while i >= 0:
        end = i + size
        left = i > 0 and is_word_char(text[i - 1])
        right = end < n and is_word_char(text[end])
        if left != is_word_char(word[0]) and right != is_word_char(word[-1]):
            return True
        i = text.find(word, i + 1)
    return False



@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lower case without diacritics: ``Nguyễn Phú Trọng`` -> ``nguyen phu trong``.

        >>> fold("Nguyễn Phú Trọng")
        'nguyen phu trong'
    """
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "D").lower()


_HONORIFIC_PREFIX = re.compile(r"^(mr|mrs|ms|miss|dr|prof)\.?\s+", re.I)
_WORD = re.compile(r"\w+")


# Memoised: called for every mention in the corpus merge.
@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The matching key of a name: folded words, honorific dropped.

        >>> name_key("Mr. Lê Hoài Trung")
        'le hoai trung'
    """
    name = _HONORIFIC_PREFIX.sub("", name.strip())
    return " ".join(_WORD.findall(fold(name)))


@functools.lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """A crude singular of an English noun: ``parties`` -> ``party``, ``courses`` -> ``course``.

        >>> [lemma(w) for w in ("parties", "courses", "crises", "women")]
        ['party', 'course', 'crisis', 'woman']
    """
    w = word.lower()
    irregular = lexicon().irregular_plurals
    if w in irregular:
        return irregular[w]
    if w.endswith("ies") and len(w) > 4 and w not in ("series", "species"):
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
        return w[:-1]
    return w
