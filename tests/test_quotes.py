"""Quotes: direct and reported speech with the right speaker, phrases, verbatim spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.extract import DocContext, people, quotes
from briefing.models import Document, Phrase, PublishedDate, Quote

from .conftest import SEEDS


def run(text: str) -> tuple[list[Quote], list[Phrase]]:
    doc = Document(id="d", file="t.txt", path="t.txt", raw=text, text=text, title=None,
                   published=PublishedDate("2024-03-04", "day"))
    ctx = DocContext(doc)
    ctx.facts["mention"] = people.extract(ctx)  # type: ignore[assignment]
    found = quotes.extract(ctx)
    for f in found:
        assert text[f.span[0]:f.span[1]] == f.text  # always a verbatim span
    return [f for f in found if isinstance(f, Quote)], [f for f in found if isinstance(f, Phrase)]


def said(text: str) -> list[tuple[str | None, str, str]]:
    return [(q.speaker, q.mode, q.text) for q in run(text)[0]]


WIRE = """WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken said on Tuesday that Washington would keep pressing Beijing on trade.
“We are not looking for conflict,” Blinken told reporters at the State Department. “But we will defend our interests.”
Chinese Foreign Ministry spokesman Wang Wenbin said the remarks were “irresponsible”.
“This is a turning point,” said Jane Smith, a senior analyst at the Brookings Institution. She said markets had priced in the risk.
The talks, dubbed “Operation Bridge”, will resume in May, the ministry said."""


def test_wire_copy() -> None:
    got = said(WIRE)
    assert got == [
        ("Antony Blinken", "reported", "Washington would keep pressing Beijing on trade."),
        ("Antony Blinken", "direct", "We are not looking for conflict"),
        ("Antony Blinken", "direct", "But we will defend our interests."),
        ("Wang Wenbin", "reported", "the remarks were “irresponsible”."),
        ("Jane Smith", "direct", "This is a turning point"),
        ("Jane Smith", "reported", "markets had priced in the risk."),
    ]
    phrases = [p.text for p in run(WIRE)[1]]
    assert phrases == ["irresponsible", "Operation Bridge"]  # words in quote marks that are not speech


def test_agency_copy_from_other_outlets() -> None:
    text = ("BEIJING, Jan. 5 (Xinhua) -- Chinese President Xi Jinping on Friday held talks with visiting "
            "Vietnamese President Vo Van Thuong in Beijing.\n"
            "Xi said China and Vietnam are good neighbors. The two sides should deepen cooperation, Xi noted.\n"
            "Nato Secretary General Jens Stoltenberg told the BBC: \"We must do more.\"\n"
            "A spokesperson for the Kremlin, Dmitry Peskov, said Moscow \"will respond\".")
    assert said(text) == [
        ("Xi Jinping", "reported", "China and Vietnam are good neighbors."),
        ("Xi Jinping", "reported", "The two sides should deepen cooperation"),
        ("Jens Stoltenberg", "direct", "We must do more."),
        ("Dmitry Peskov", "reported", "Moscow \"will respond\"."),
    ]


def test_several_speakers_in_one_paragraph() -> None:
    text = ("Labour leader Keir Starmer and Health Secretary Victoria Atkins clashed on Monday. "
            "“Too little, too late,” Starmer said, adding that nurses deserved better. "
            "Atkins said the government had listened. “We have doubled the budget,” she said.")
    assert said(text) == [
        ("Keir Starmer", "direct", "Too little, too late"),
        ("Keir Starmer", "reported", "nurses deserved better."),
        ("Victoria Atkins", "reported", "the government had listened."),
        ("Victoria Atkins", "direct", "We have doubled the budget"),
    ]


def test_nested_quotes_stay_inside_the_outer_quote() -> None:
    text = ("Nurse Mary O'Brien, 54, has worked nights for 30 years.\n"
            "“He told me, ‘never give up,’ and I said \"I won't\" to him,” said nurse Mary O'Brien.")
    (q,), phrases = run(text)
    assert (q.speaker, q.mode) == ("Mary O'Brien", "direct")
    assert q.text == "He told me, ‘never give up,’ and I said \"I won't\" to him"
    assert phrases == []


def test_mismatched_marks_and_trailing_comma() -> None:
    text = ("Party General Secretary Nguyen Phu Trong led the talks.\n"
            "“We stay the course. Our friends know it,\" said General Secretary Nguyen Phu Trong.\n"
            "He praised the \"bamboo diplomacy” of the past decade.")
    qs, phrases = run(text)
    assert [(q.speaker, q.mode, q.text) for q in qs] == [
        ("Nguyen Phu Trong", "direct", "We stay the course. Our friends know it"),
        ("Nguyen Phu Trong", "reported", "the \"bamboo diplomacy” of the past decade."),
    ]
    assert [p.text for p in phrases] == ["bamboo diplomacy"]


def test_pronouns_and_descriptions_resolve_to_the_named_speaker() -> None:
    text = ("The government will raise pensions, a senior official said in Paris on Monday.\n"
            "Finance Minister Bruno Le Maire made the announcement at a news conference.\n"
            "He thanked unions for their patience. The reform is fair, the minister added.\n"
            "On behalf of the unions, CGT leader Sophie Binet, head of the largest federation, welcomed the news and "
            "called for more talks.\n"
            "She said she believes that a deal is near.")
    assert said(text) == [
        ("Bruno Le Maire", "reported", "The government will raise pensions"),
        ("Bruno Le Maire", "reported", "unions for their patience."),
        ("Bruno Le Maire", "reported", "The reform is fair"),
        ("Sophie Binet", "reported", "she believes that a deal is near."),
    ]


def test_nested_reported_speech_goes_to_the_person_described() -> None:
    text = ("Prime Minister John Roe met President Ann Lee in May. "
            "Recalling the talks with President Lee, Roe said the leader reminded him that peace comes first.")
    got = said(text)
    assert ("John Roe", "reported", "the leader reminded him that peace comes first.") in got
    assert ("Ann Lee", "reported", "peace comes first.") in got


@pytest.mark.parametrize("text", [
    "The slogans include “Peace first,” “Friends everywhere” and “Never again”.",
    "The conference, themed \"Rapid and Sustainable Development\", opened in Vientiane.",
    "The term “hot spots,” widely used, describes conflict zones.",
])
def test_quoted_slogans_and_titles_are_phrases_not_speech(text: str) -> None:
    qs, phrases = run(text)
    assert qs == [] and phrases


def test_according_to_before_and_after_the_clause() -> None:
    text = ("Ambassador Lena Berg, head of the EU delegation, arrived on Monday.\n"
            "Trade grew by a third last year, according to Ms. Lena Berg.\n"
            "According to the ambassador, a new accord is close.")
    assert said(text) == [
        ("Lena Berg", "reported", "Trade grew by a third last year"),
        ("Lena Berg", "reported", "a new accord is close."),
    ]


# --------------------------------------------------------------------------- seeds


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", people.fold(s))


def _overlap(p: dict, g: dict) -> bool:
    a, b = set(_words(p["text"])), set(_words(g["text"]))
    dice = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0
    return p["doc"] == g["doc"] and dice >= 0.5


def test_seed_quotes_against_gold(seeds_store: Path, gold: dict) -> None:
    from briefing.store import Store

    with Store(seeds_store) as st:
        predicted = [f.to_json() for f in st.facts(["quote"])]
    right = [any(_overlap(p, g) and p["speaker"] == g["speaker"] for g in gold["quotes"]) for p in predicted]
    found = [any(_overlap(p, g) and p["speaker"] == g["speaker"] for p in predicted) for g in gold["quotes"]]
    assert sum(right) / len(predicted) >= 0.9
    assert sum(found) / len(found) >= 0.9
    modes = {(p["doc"], p["mode"]) for p in predicted}
    assert ("001_c29610c3c6377c5a.txt", "direct") in modes


def test_every_seed_quote_and_phrase_is_verbatim(seeds_store: Path) -> None:
    from briefing.store import Store

    with Store(seeds_store) as st:
        docs = {d.id: d for d in st.documents()}
        facts = st.facts(["quote", "phrase"])
    assert facts
    for f in facts:
        assert docs[f.doc_id].text[f.span[0]:f.span[1]] == f.text


def test_seed_phrases_are_not_quotes(gold: dict) -> None:
    from briefing.extract import extract_document
    from briefing.ingest import load_file

    doc = load_file(SEEDS / "002_acaea5e382ca583c.txt")[0]
    facts = extract_document(doc)
    assert not [f for f in facts if f.kind == "quote"]
    phrases = {f.text for f in facts if f.kind == "phrase"}
    want = {g["text"] for g in gold["quoted_phrases"] if g["doc"] == doc.file}
    assert want <= phrases
