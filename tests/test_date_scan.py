"""The date tagger's scan finds what the plain scans it stands in for find (see
test_scan_equivalence.py for the other extractors' fast paths)."""

from __future__ import annotations

import importlib
import re
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.extract import date_scan, events
from briefing.lexicon import lexicon

# The regular-expression parser and its node kinds, to read the first characters of a pattern.
_parser: Any = importlib.import_module("re._parser")
C: Any = importlib.import_module("re._constants")

SEPARATORS = ["", " ", "  ", ", ", ". ", "\n", "\t", "\u00a0", "-", "–", "'", "_"]
ANCHOR_PIECES = [
    "2017", "12345", "247", "1,200", "3.5", "%", " %", "parties", "years", "year", "Year", "YEAR", "pm", "a", "May",
    "the", "in", "last", "5", "10", "th", "90s", "Q3", "FY2019", "January", "Monday", "Mondays", "today",
    "todays", "x", "since", "noon", "a.m.", "/", "²", "٣", "hours", "anniversary",
]  # fmt: skip


def texts(pieces: list[str], size: int = 20) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(pieces), st.sampled_from(SEPARATORS), st.characters())
    return st.lists(piece, max_size=size).map("".join)


def _plain_anchors(text: str) -> list[tuple[int, int]]:
    """Each anchor word or digit at a word start, less the digits that begin a count."""
    digit_words = lexicon().dates.digit_words
    out = []
    for m in re.finditer(rf"\b(?:{date_scan._ANCHOR_WORD}(?!\w)|\d)", text):
        count = re.compile(r"(\d+)(?:[.,]\d+)*(?:\s*%|\s+([a-z]+))").match(text, m.start())
        if count and len(count.group(1)) != 4 and count.group(2) not in digit_words:
            continue
        out.append(m.span())
    return out


@settings(max_examples=200, deadline=None)
@given(texts(ANCHOR_PIECES))
@example("2017 saw 247 parties, 3.5% and 12345 people in 1,200 troops; 5 years on May 3")
@example("Year-end: 1234 5 pm, 99.9 % of 10 a day")
def test_anchors_are_the_plain_scan(text: str) -> None:
    assert list(date_scan._anchors(text)) == _plain_anchors(text)


NAME_PIECES = ["Le", "Hoai", "Trung", "McDonald", "iPhone", "Maker", "of", "the", "and", "Party", "X", "É", "_A"]


@settings(max_examples=200, deadline=None)
@given(texts(NAME_PIECES))
@example("iPhone Maker Ho Chi Minh met McDonald Trump of the Party")
def test_capitalised_sequences_are_the_plain_scan(text: str) -> None:
    plain = re.compile(r"\b" + events._CAPSEQ.pattern)
    assert list(events._capitalised(text)) == [m.group() for m in plain.finditer(text)]


def _may_begin_outside_words(items: Any) -> bool:
    """Whether a parsed pattern may match from a character other than a word character or an
    apostrophe (forms not looked into count as yes)."""
    if not items:
        return True
    op, av = items[0]
    if op is C.LITERAL:
        return not (chr(av).isalnum() or chr(av) in "_'’")
    if op is C.IN:
        return not all(
            (kind is C.LITERAL and (chr(v).isalnum() or chr(v) in "_'’"))
            or (kind is C.RANGE and all(chr(c).isalnum() for c in range(v[0], v[1] + 1)))
            or (kind is C.CATEGORY and v is C.CATEGORY_WORD)
            for kind, v in av
        )
    if op is C.SUBPATTERN:
        return _may_begin_outside_words(av[3])
    if op is C.BRANCH:
        return any(_may_begin_outside_words(alt) for alt in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _may_begin_outside_words(av[2])
    return True


def test_tense_cues_begin_with_a_word_character_or_an_apostrophe() -> None:
    # The tagger's tense scans look ahead for one of those after \b (see dates._TENSE_WORD).
    for name, cue in lexicon().dates.tense_cues.items():
        assert not _may_begin_outside_words(_parser.parse(cue, re.I)), name
    assert _may_begin_outside_words(_parser.parse(r"x|\s+y", re.I))
    assert _may_begin_outside_words(_parser.parse(r"(?:x)?y", re.I))
