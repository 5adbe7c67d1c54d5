"""The date tagger's scan finds what the plain scans it stands in for find (see
test_scan_equivalence.py for the other extractors' fast paths)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.extract import date_scan, events
from briefing.lexicon import lexicon

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
