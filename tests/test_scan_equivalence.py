"""The extractors' fast paths find exactly what the plain scans they stand in for find.

Several extractors try a costly pattern only where a match can start (near a number, at a
count, after a comma ...) or scan with a prefix-factored alternation; these properties pin
them to the straightforward version on text built from the pieces that matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.extract import DocContext, enumerations, figures, quotes
from briefing.ingest.clean import _SPACES_TO_FOLD, Cleaned, _drop_teasers
from briefing.lexicon import lexicon
from briefing.models import Document
from briefing.text import _word_before, lowered, number_spans, word_alternation, word_starts

SEPARATORS = ["", " ", "  ", ", ", ". ", "\n", "\t", "\u00a0", "-", "–"]


def texts(pieces: list[str], size: int = 30) -> st.SearchStrategy[str]:
    """Text made of ``pieces`` and separators (plus the odd arbitrary character)."""
    piece = st.one_of(st.sampled_from(pieces), st.sampled_from(SEPARATORS), st.characters())
    return st.lists(piece, max_size=size).map("".join)


def spans(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]


FIGURE_PIECES = [
    "5", "12", "2017", "1,200", "3.5", "70-80", "US$", "$", "€", "us$ ", "two", "Twelve", "TEN", "eleven",
    "dozen", "hundred", "twenty", "billion", "bn", "m", "k", "%", " percent", "to", "No.", "13th", "G20",
    "parties", "people", "May", "ſix", "fıve",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(texts(FIGURE_PIECES))
@example("Revenue rose to US$ 4.2 billion, about 70-80% of 1,2345 twelve parties in 2017.")
def test_figure_candidates_are_the_full_scan(text: str) -> None:
    assert spans(figures._candidates(text)) == spans(_figure_scan(text))


@settings(max_examples=150, deadline=None)
@given(texts([*FIGURE_PIECES, "often", "written", "_ten", "\u0130", "\u212a", "\u0131", "Ten7"]))
@example("Often ten, TWELVE or 1,250 ſix")
def test_number_spans_are_the_full_scan(text: str) -> None:
    words = word_alternation(sorted(lexicon().count_words()))
    full = re.compile(rf"\d+|\b(?:{words})\b", re.I).finditer(text)
    assert number_spans(text) == [m.span() for m in full]


CODE_PIECES = ["No", "No.", "Nos", "Art", "p", "pp", "Ảnh", "G", "COVID", "-", ":", "/", "\n", "up", "Decree", "x"]


@settings(max_examples=300, deadline=None)
@given(texts(CODE_PIECES, size=8))
@example("Decree No. \n")
@example("COVID-\n")
@example("rose by \u00a0")
def test_code_before_a_number_is_the_plain_search(text: str) -> None:
    assert figures._code_before(text) == bool(figures._CODE_BEFORE_NUMBER.search(text))


@settings(max_examples=300, deadline=None)
@given(texts(["may", "jan.", "sept", "september", "dec", "decade", "5", "12", "2024", "mar", "market"], size=10))
@example("on 5 may")
@example("sept. 12")
def test_near_month_is_the_plain_search(text: str) -> None:
    low = text.lower()
    assert figures._near_month(low) == bool(figures._NEAR_MONTH.search(low))


def _figure_scan(text: str) -> Iterator[re.Match[str]]:
    """The plain scan: each leftmost candidate, matched again without its second number when
    that makes no range."""
    pos = 0
    while (m := figures._CANDIDATE.search(text, pos)) is not None:
        if m.group("b") and not figures._is_range(text, m):
            m = figures._SINGLE.match(text, m.start())
            assert m is not None
        yield m
        pos = max(m.end(), pos + 1)


@settings(max_examples=150, deadline=None)
@given(texts(["one", "One", "a", "A", "1", "21", "data", "in", "out of", "every", "five", "5", " ", "of them", "ſix"]))
@example("21 in 1 in 5; data in 5, one in five of them, A out of every 3")
def test_ratios_in_the_lowered_text_are_the_full_scan(text: str) -> None:
    low = lowered(text)
    if low is not None:
        assert [m.regs for m in figures._one_in(low)] == [m.regs for m in figures._ONE_IN.finditer(text)]


COUNT_PIECES = [
    "the", "these", "its", "their", "our", "those", "The", "three", "Two", "twelve", "12", "5", "123",
    "pillars", "goals", "tasks", "s", "one of", "ab", "twos", "   ", "\n", "ſix", "often", "_5", "7x",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(texts(COUNT_PIECES))
@example("these  three pillars, its two goals and our 12 tasks; one of  five aims")
def test_count_phrases_are_the_full_scan(text: str) -> None:
    assert spans(enumerations._count_nps(text)) == spans(enumerations._COUNT_NP.finditer(text))


@settings(max_examples=150, deadline=None)
@given(texts(COUNT_PIECES))
@example("The three pillars and the two goals; the the five the four tasks")
def test_the_counts_are_the_full_scan(text: str) -> None:
    fast = enumerations._the_counts(text, number_spans(text))
    assert spans(fast) == spans(enumerations._THE_N.finditer(text))


VERB_PIECES = [
    *enumerations._LW.commitment_verbs, "Agreed", "AGREED", "disagreed", "to", "To", " to ", "need", "needs",
    "Must", "should", "the need to", "must also", ".", ". ", "ſhould", "İ", "x",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(texts(VERB_PIECES))
@example("They disagreed to x and agreed  to  y; pledged to z. vowed to")
def test_commitments_in_the_lowered_text_are_the_full_scan(text: str) -> None:
    low = lowered(text)
    if low is not None:
        fast = word_starts(enumerations._COMMITMENT_LOWERED.finditer(low), low)
        assert [m.span() for m in fast] == [m.span() for m in enumerations._COMMITMENT.finditer(text)]


@settings(max_examples=150, deadline=None)
@given(texts(VERB_PIECES))
@example("We must. They need to act. It should\nbe. The need to x.")
def test_need_sentences_hold_every_need(text: str) -> None:
    ctx = DocContext(Document(id="d", file="a", path="a", raw=text, text=text, title=None, published=None))
    with_need = [k for k, (s, e) in enumerate(ctx.sentences) if enumerations._NEED.search(text, s, e)]
    assert set(with_need) <= set(enumerations._need_sentences(ctx))


PAREN_PIECES = ["(", ")", "(i)", "(ii)", "(iv)", "(a)", "(h)", "(1)", "(12)", " (", "((", "\n("]


@settings(max_examples=150, deadline=None)
@given(texts(PAREN_PIECES))
@example("to: (i) research; (ii) implement ((iii) x\n(a) y (12) z")
def test_paren_markers_are_the_full_scan(text: str) -> None:
    assert spans(enumerations._paren_markers(text)) == spans(enumerations._PAREN.finditer(text))


ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"]
MARKER_PIECES = [
    *ORDINALS, *(o.lower() for o in ORDINALS), *(o + "ly" for o in ORDINALS), "first of all", "Last but not least",
    "finally", "Lastly", "and", "or", "band", "for", ",", ";", ":", ".", "to", "To", "said", "fırst", "ſixth",
    "thirsty", "of all", "least", "İ",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(texts(MARKER_PIECES))
@example("First, a. Second , b; and third, c or fourthly to d: lastly, e. Finally to f.")
def test_markers_are_the_full_scan(text: str) -> None:
    full = spans(enumerations._MARKER.finditer(text))
    assert spans(enumerations._markers(text, lowered(text))) == full
    assert spans(enumerations._markers(text, None)) == full


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8), st.integers(-2, 42))
def test_covered_offsets(spans_: list[tuple[int, int]], pos: int) -> None:
    assert enumerations._covers(enumerations._union(spans_), pos) == any(a <= pos < b for a, b in spans_)


CUE_PIECES = [*quotes._CUES, "say", "saying", "him", "the press", ":", ",", "called", "spoke", "highly", "of", "addsy"]


@settings(max_examples=150, deadline=None)
@given(texts(CUE_PIECES, size=12))
def test_cue_patterns_match_the_plain_alternation(text: str) -> None:
    plain = [
        re.compile(r"\b(" + quotes._CUE_ALT + r")\b"),
        re.compile(r"\b(" + quotes._CUE_ALT + r")((?:\s+(?:him|her|them|reporters|journalists|the press|"
                   r"the media|delegates|the audience))?)\s*[:,]?\s*$"),
        re.compile(r"\b(" + quotes._CUE_ALT + r")(\s+[^,.;:“”\"]{1,40})\s*:\s*$"),
    ]  # fmt: skip
    for slow, fast in zip(plain, [quotes.CUE, quotes._CUE_BEFORE_QUOTE, quotes._CUE_COLON_BEFORE_QUOTE], strict=True):
        assert spans(fast.finditer(text)) == spans(slow.finditer(text))


def test_word_alternation_matches_the_words() -> None:
    words = ["say", "says", "said", "spoke of", "spoke highly of", "a.m."]
    rx = re.compile(rf"(?:{word_alternation(words)})\Z")
    assert all(rx.match(w) for w in words)
    assert not any(rx.match(w) for w in ["sa", "spoke", "saysay", "a-m-"])


@settings(max_examples=300, deadline=None)
@given(texts(["Mr", "Jan", "U.S", "e.g", "a", "_", "٣", "é", "\n", "."], size=40), st.integers(0, 200))
def test_word_before_a_full_stop(text: str, end: int) -> None:
    end = min(end, len(text))
    m = re.search(r"([\w.]+)$", text[max(0, end - 64) : end])
    assert _word_before(text, end) == (m.group(1) if m else "")


@settings(max_examples=150, deadline=None)
@given(texts(["a", "b", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\u202f", "\n"]))
def test_space_runs_fold_as_before(text: str) -> None:
    assert _SPACES_TO_FOLD.sub(" ", text) == re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)


PARAGRAPHS = [
    "One two three four five six seven eight.", "One two three four five six seven eight. And more after it.",
    "Short one.", "Another paragraph of eight words, say, here.", "x",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPHS), max_size=8))
def test_teasers_are_paragraphs_repeated_later(body: list[str]) -> None:
    expected = [p for i, p in enumerate(body) if not (len(p.split()) >= 8 and any(p in q for q in body[i + 1:]))]
    assert _drop_teasers(body, Cleaned(text="", title=None)) == expected
