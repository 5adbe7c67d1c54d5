"""Figures: values, qualifiers, units, as-of dates and series ids, on the seeds and on other
kinds of report (company results, wire copy, government plans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract import DocContext
from briefing.extract.figures import extract
from briefing.ingest import load_file
from briefing.models import Document, Figure, PublishedDate
from briefing.text import lemma

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _doc(text: str, published: str | None = "2024-03-01") -> DocContext:
    pub = PublishedDate(published, "day") if published else None
    return DocContext(
        Document(id="t", file="t.txt", path="t.txt", raw=text, text=text, title=None, published=pub)
    )


def figs(text: str, published: str | None = "2024-03-01") -> list[Figure]:
    return extract(_doc(text, published))


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("The party has ties with 247 political parties.", 247, None, "political parties"),
        ("It now works with nearly 260 political parties.", 260, "nearly", "political parties"),
        ("Of these, about 70-80% of parties are in power.", (70, 80), "about", "percent of parties"),
        ("Messages came from over 100 countries.", 100, "over", "countries"),
        ("The two sides exchanged 39 delegations last year.", 39, None, "delegations"),
        ("They ran three training courses for officials.", 3, None, "training courses"),
        ("Within only nine months, the leaders met twice.", 9, "only", "months"),
        ("The firm shipped more than 1,200 trucks.", 1200, "more than", "trucks"),
        ("Shares fell 4.5 percent on Monday.", 4.5, None, "percent"),
        ("Revenue rose to $4.2 billion.", 4.2e9, None, "USD"),
        ("The ministry approved a budget of VND 12 trillion.", 12e12, None, "VND"),
        ("Some 3,000 workers joined the strike.", 3000, "some", "workers"),
        ("They look back on a 50-year history of ties.", 50, None, "years of history"),
    ],
)
def test_value_qualifier_unit(text: str, value: float | tuple, qualifier: str | None, unit: str) -> None:
    (f,) = figs(text)
    assert f.value == (tuple(float(v) for v in value) if isinstance(value, tuple) else float(value))
    assert f.qualifier == qualifier
    assert f.unit == unit
    assert f.text == text[f.span[0] : f.span[1]]


@pytest.mark.parametrize(
    "text",
    [
        "The 13th National Congress opened in January 2021.",  # ordinal, date
        "It marked the 70th anniversary on November 1, 1949-2019.",  # anniversary, dates
        "Under Conclusion No. 73-TB/TW and Decree No. 904, the plan goes on.",  # document numbers
        "The COVID-19 pandemic hit the G20 economies.",  # names with digits
        "He arrived at 16:52 on 5 September 2017.",  # time and date
        "Goals to 2025, 2030 and 2045 were set.",  # years
        "The party identified five overarching goals and four main focuses.",  # list counts
        "The two sides agreed that the two countries would talk.",  # references, not measures
        "One of the leaders spoke.",
    ],
)
def test_non_figures(text: str) -> None:
    assert figs(text) == []


def test_company_results() -> None:
    text = (
        "Acme Corp said on Tuesday that revenue rose 12% to $4.2 billion in the third quarter, "
        "while net profit fell 3% to $310 million. The company employs about 18,000 people in 40 countries."
    )
    got = {(f.value, f.unit, f.series) for f in figs(text, "2023-10-24")}
    assert (12.0, "percent", "revenue/percent-change") in got
    assert (4.2e9, "USD", "revenue/usd") in got
    assert (310e6, "USD", "profit/usd") in got
    assert (40.0, "countries", "country") in got


def test_as_of_from_clause_paragraph_or_article() -> None:
    text = (
        "From 206 parties in 2012, the party now has relations with 247 political parties.\n"
        "In 2017, the two sides exchanged 39 delegations. They also held 12 seminars."
    )
    by_value = {f.value: f for f in figs(text, "2021-12-13")}
    assert by_value[206.0].as_of == "2012"
    assert by_value[247.0].as_of == "2021-12-13"
    assert by_value[39.0].as_of == "2017"
    assert by_value[12.0].as_of == "2017"  # the paragraph's time frame


def test_series_shared_across_wordings() -> None:
    a = figs("From a number of 206 parties in 2012, the party formed relations with 247 political parties.")
    b = figs("The party has set up relationships with nearly 260 political parties around the world.")
    c = figs("Over the past 10 years, the bank opened 35 branches.")
    ids = {f.series for f in a + b if "part" in f.unit}
    assert ids == {"relations/party"}
    assert [f.series for f in c] == [None, "branch"]  # durations make no series


@pytest.mark.parametrize(("word", "lem"), [("parties", "party"), ("courses", "course"), ("focuses", "focus"),
                                           ("boxes", "box"), ("people", "people"), ("status", "status")])  # fmt: skip
def test_lemma(word: str, lem: str) -> None:
    assert lemma(word) == lem


def _seed_figures() -> dict[str, list[Figure]]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for doc in load_file(path):
            out[doc.file] = extract(DocContext(doc))
    return out


def test_seeds_against_gold(gold: dict) -> None:
    found = _seed_figures()
    pred = [
        (doc, f.value if isinstance(f.value, float) else tuple(f.value))
        for doc, fs in found.items()
        for f in fs
    ]
    want = [
        (g["doc"], tuple(float(v) for v in g["value"]) if isinstance(g["value"], list) else float(g["value"]))
        for g in gold["figures"]
    ]
    hits = sum(p in want for p in pred)
    recall = sum(w in pred for w in want) / len(want)
    assert hits / len(pred) >= 0.9 and recall >= 0.9, (hits, len(pred), recall)


def test_seed_party_series() -> None:
    found = _seed_figures()
    series = [
        (doc[:3], f.value, f.as_of) for doc, fs in found.items() for f in fs if f.series == "relations/party"
    ]
    assert [(d, v) for d, v, _ in series] == [("001", 206.0), ("001", 247.0), ("004", 260.0)]
    assert series[0][2] == "2012"
