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


@pytest.mark.parametrize(
    ("text", "value", "total", "unit"),
    [
        ("Between 45 and 60 smelters are operating.", (45, 60), None, "smelters"),
        ("Renewables should supply 45–60% of the bloc's electricity.", (45, 60), None, "percent"),
        ("It offers tax holidays of two to three years to new plants.", (2, 3), None, "years"),
        ("Vietnam has relations with 185 of 193 United Nations member states.", 185, 193, "United Nations"),
        ("A survey found that one in five deputies wanted a longer session.", 1, 5, "deputies"),
        ("Exports reached $2.4 billion.", 2.4e9, None, "USD"),
        ("The city set aside VND 5 trillion for roads.", 5e12, None, "VND"),
        ("Trade reached 2.4 billion USD last year.", 2.4e9, None, "USD"),
        ("A new €300m fund will help.", 3e8, None, "EUR"),
        ("The deficit was HK$48.1 billion.", 48.1e9, None, "HKD"),
        ("The outlook is revenue between €3.5bn and €3.8bn.", (3.5e9, 3.8e9), None, "EUR"),
        ("Its share fell to 9.1%, down 3.2 percentage points.", 3.2, None, "percentage points"),
        ("Prices dropped to about $10,500 per tonne.", 10500, None, "USD per tonne"),
    ],
)
def test_ranges_ratios_money_and_points(text: str, value: float | tuple, total: float | None, unit: str) -> None:
    want = tuple(float(v) for v in value) if isinstance(value, tuple) else float(value)
    found = [f for f in figs(text) if f.value == want]
    assert found, [(f.text, f.value) for f in figs(text)]
    assert found[0].total == total and found[0].unit.startswith(unit)


@pytest.mark.parametrize(
    "text",
    [
        "Hanoi, 2022-05-31 16:45. The meeting opened.",  # a date stamp
        "Talks ran past 4am and resumed at 9:30 am.",  # times
        "Investor presentation at 10:00 CET. Photo 2: the site.",  # times and photo markers
        "Chinh, 65, said the two countries would talk.",  # an age
        "The 25-year-old forward signed. Children aged 5 to 19 were studied.",  # ages
        "The strategy sets six key tasks: A, B, C, D, E and F.",  # a count that announces a list
        "Output rose in the first 11 months of 2024.",  # the period a report covers
        "He wore the number 7 at PSG.",  # a shirt number
    ],
)
def test_never_figures(text: str) -> None:
    from briefing.extract import enumerations

    ctx = _doc(text)
    ctx.facts["enumeration"] = list(enumerations.extract(ctx))
    assert [f.text for f in extract(ctx)] == []


@pytest.mark.parametrize(
    ("text", "number", "measure", "change"),
    [
        ("Chile's lithium exports fell 52% in the first eight months to $2.4 billion.", "52%", "Chile's lithium exports", "down"),
        ("Chile's lithium exports fell 52% in the first eight months to $2.4 billion.", "$2.4 billion", "Chile's lithium exports", None),
        ("The Bank of England held interest rates at 5.25% on Thursday.", "5.25%", "interest rates", None),
        ("The budget has a deficit of about 3.8% of GDP.", "3.8%", "deficit", None),
        ("Chile produced 44,000 tonnes of lithium in 2023, about 24% of world supply.", "24%", "world supply", None),
        ("Congress passed a $1.2 trillion package of spending bills.", "$1.2 trillion", "package of spending bills", None),
        ("The bill gives $886 billion for the Defense Department.", "$886 billion", "Defense Department", None),
        ("Two-way trade reached 1.63 billion USD in 2023, up 6.5% from a year earlier.", "6.5%", "Two-way trade", "up"),
        ("The party has relations with 253 political parties.", "253", "political parties", None),
    ],
)
def test_every_figure_says_what_it_measures(text: str, number: str, measure: str, change: str | None) -> None:
    (f,) = [f for f in figs(text) if f.text.endswith(number.lstrip("$")) or f.text == number]
    assert f.measure == measure and f.change == change


def test_source_of_a_figure() -> None:
    (f,) = [f for f in figs("Exports fell 52% to $2.4 billion, the central bank said on Thursday.") if f.unit == "USD"]
    assert f.source == "central bank"
    (f,) = figs("Chile produced 44,000 tonnes of lithium in 2023, according to the U.S. Geological Survey.")
    assert f.source == "U.S. Geological Survey"
