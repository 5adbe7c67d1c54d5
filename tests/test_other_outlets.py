"""End to end on an article from another outlet (wire copy, Western names, several speakers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract import extract_document
from briefing.ingest import load_file

ARTICLE = Path(__file__).parent / "fixtures" / "other" / "eu_sanctions_reuters.txt"


@pytest.fixture(scope="module")
def doc_and_facts():
    (doc,) = load_file(ARTICLE)
    return doc, extract_document(doc)


def by_kind(facts, kind):
    return [f for f in facts if f.kind == kind]


def test_metadata(doc_and_facts):
    doc, _ = doc_and_facts
    assert doc.title == "EU leaders agree on new sanctions package against Russia"
    assert doc.author == "Jan Strupczewski and Philip Blenkinsop"
    assert doc.published is not None and doc.published.value == "2023-02-23"
    assert (doc.outlet, doc.dateline) == ("Reuters", "BRUSSELS (Reuters)")


def test_people_with_particles_and_quotes(doc_and_facts):
    _, facts = doc_and_facts
    names = {m.name for m in by_kind(facts, "mention")}
    assert {"Ulf Kristersson", "Ursula von der Leyen", "Viktor Orban"} <= names
    quotes = {(q.speaker, q.mode) for q in by_kind(facts, "quote")}
    assert ("Ulf Kristersson", "direct") in quotes
    assert ("Ursula von der Leyen", "reported") in quotes
    said = [q for q in by_kind(facts, "quote") if q.speaker == "Ursula von der Leyen"]
    assert any(q.text.startswith("sanctions had cut Russian oil revenues") for q in said), "'Von der Leyen added'"


def test_inline_list_with_and_before_the_last_ordinal(doc_and_facts):
    _, facts = doc_and_facts
    (lst,) = [e for e in by_kind(facts, "enumeration") if e.announced_count == 3]
    assert [i.text for i in lst.items] == ["to keep up the pressure on the Kremlin",
                                           "to support Ukraine's reconstruction", "to hold Russia accountable."]
    assert not lst.warnings


def test_dates_and_figures(doc_and_facts):
    doc, facts = doc_and_facts
    events = {(e.date.value, e.date.precision) for e in by_kind(facts, "event")}
    assert ("2023-02-23", "day") in events  # "on Thursday", resolved against the article's date
    assert ("2022", "year") in events  # "last year"
    assert ("2023-03-23", "day") in events  # "March 23-24", year from the article
    figures = {(f.qualifier, f.value) for f in by_kind(facts, "figure")}
    assert ("nearly", 40.0) in figures and ("about", 300e9) in figures
    for f in facts:
        assert doc.text[f.span[0]:f.span[1]] == f.text
