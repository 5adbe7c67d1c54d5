"""Quotes: direct and reported speech with the right speaker, phrases, verbatim spans."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.extract import DocContext, people, quotes
from briefing.lexicon import lexicon
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
        ("the ministry", "reported", "The talks, dubbed “Operation Bridge”, will resume in May"),
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
        ("Sophie Binet", "reported", "more talks."),  # the subject after an opening phrase
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


def kinds(text: str) -> list[tuple[str | None, str | None, str, str, str]]:
    return [(q.speaker, q.speaker_text, q.speaker_kind, q.mode, q.text) for q in run(text)[0]]


@pytest.mark.parametrize("example", lexicon().quotes.examples, ids=lambda e: e[0][:40])
def test_the_examples_of_the_resource_pack_hold(example: tuple[str, tuple[str | None, str, str]]) -> None:
    text, want = example
    assert want in [(q.speaker, q.speaker_kind, q.mode) for q in run(text)[0]]


@pytest.mark.parametrize("verb", [v for v in lexicon().speech_verbs if "quote" in v.uses], ids=lambda v: v.lemma)
def test_every_speech_verb_example_gives_a_quote(verb) -> None:  # type: ignore[no-untyped-def]
    speakers = {q.speaker for q in run(verb.example)[0]}
    assert speakers & {"Tran", "The Times", "the letter"} or verb.lemma == "chant" and speakers == {None}, verb.example


def test_speakers_of_every_kind_are_kept_with_the_words_as_written() -> None:
    text = ("Mrs. Ann Roe and Mr. Bo Lee met on Monday. Roe spoke first.\n"
            "“We will sign,” she said.\n"
            "The Foreign Ministry said in a statement that the accord was “a milestone”.\n"
            "“It is a fair deal,” it added.\n"
            "“Nothing is settled,” a senior diplomat said.")
    got = kinds(text)
    assert ("Ann Roe", "she", "pronoun-resolved", "direct", "We will sign") in got
    assert ("The Foreign Ministry", "The Foreign Ministry", "organisation", "reported",
            "the accord was “a milestone”.") in got
    assert ("The Foreign Ministry", "it", "pronoun-resolved", "direct", "It is a fair deal") in got
    assert (None, "a senior diplomat", "unknown", "direct", "Nothing is settled") in got


def test_a_role_resolves_to_the_person_holding_it() -> None:
    text = ("Finance Minister Bruno Le Maire met unions on Monday. Talks went on late.\n"
            "“The reform is fair,” the finance minister said.")
    assert ("Bruno Le Maire", "direct", "The reform is fair") in said(text)


def test_quote_marks_of_every_kind_and_cues_after_a_dash() -> None:
    text = ("''We are ready,'' Jane Doe said on Monday.\n"
            "«We will sign», said Jane Doe.\n"
            "“The vote is a farce.” ― Bo Lee")
    got = said(text)
    assert ("Jane Doe", "direct", "We are ready") in got
    assert ("Jane Doe", "direct", "We will sign") in got
    assert ("Bo Lee", "direct", "The vote is a farce.") in got


@pytest.mark.parametrize("text", [
    'Maria Lopez, the head of Harbor Films -- the studio that makes the show, which also airs online -- told me: '
    '"We make what people want to watch."',
    'Maria Lopez — the head of Harbor Films — said, "We make what people want to watch."',
    'A former governor -- Maria Lopez, who lost the race in 2010 -- said: "We make what people want to watch."',
])
def test_a_dash_aside_between_speaker_and_cue_is_skipped(text: str) -> None:
    assert said(text) == [("Maria Lopez", "direct", "We make what people want to watch.")]


def test_a_dash_aside_without_a_name_leaves_the_speaker_unknown() -> None:
    text = 'A spokesman for the mayor -- who asked not to be named -- said the plan was "dead on arrival."'
    assert [who for who, _, _ in said(text)] == [None]


def test_a_participle_object_ends_where_a_clause_with_its_own_subject_begins() -> None:
    text = ("Jo Day spoke in Ohio on Monday, promising lower fees and “better roads,” but she has also "
            "sharpened her attacks on her rival.\n"
            "Bo Lee spoke in Iowa, promising “roads, but good ones” to the crowd.")
    got = said(text)
    assert ("Jo Day", "reported", "lower fees and “better roads,”") in got
    assert ("Bo Lee", "reported", "“roads, but good ones” to the crowd.") in got


@pytest.mark.parametrize("text", [
    "“The field is wide open,” Harbor’s Maria Lopez wrote in a note.",
    '"The field is wide open," said Harbor\'s Maria Lopez.',
])
def test_a_person_named_after_an_owner_speaks(text: str) -> None:
    assert [who for who, _, _ in said(text)] == ["Maria Lopez"]


def test_a_place_between_commas_of_an_opening_phrase_is_not_the_subject() -> None:
    text = ("At a town hall in Ames, Iowa, on Sunday, Jo Day spoke again, saying that the state should "
            "“rally its partners.”")
    assert [who for who, _, _ in said(text)] == ["Jo Day"]


def test_a_weekday_between_speaker_and_cue_is_skipped() -> None:
    text = ("Bo Lee later Thursday told reporters: “Both sides are meeting next week.”\n"
            "The ministry on Monday said the plan was “dead.”")
    assert [who for who, _, _ in said(text)] == ["Bo Lee", "The ministry"]


def test_a_quote_runs_over_several_paragraphs() -> None:
    text = ("“The first part of what I said is here,” Jane Doe said. “And it goes on\n"
            "“into a second paragraph, as wires write long quotes.”\n"
            "Officials declined to comment.")
    got = said(text)
    assert ("Jane Doe", "direct", "And it goes on") in got
    assert ("Jane Doe", "direct", "into a second paragraph, as wires write long quotes.") in got


def test_partial_quotes_inside_reported_speech_keep_the_clause() -> None:
    text = ("Jane Doe said the plan was “a historic mistake” that would cost jobs.\n"
            "Bo Lee called the plan “a bold step” in a speech on Tuesday.\n"
            "Acts of protest, Bo Lee said, are acts of patriotism in a free country.")
    got = said(text)
    assert ("Jane Doe", "reported", "the plan was “a historic mistake” that would cost jobs.") in got
    assert ("Bo Lee", "reported", "the plan “a bold step” in a speech on Tuesday.") in got
    assert ("Bo Lee", "reported", "are acts of patriotism in a free country.") in got


def test_cues_in_many_positions_and_forms() -> None:
    text = ("“We were floored,” said Kevin Barrett, a state official, on Tuesday.\n"
            "Rep. Gwen Moore (D-Wis.) said the vote was “a disgrace”.\n"
            "Donald Trump is telling a veterans group that the military is “depleted”.\n"
            "Jane Doe mocked the complaint, saying anybody who complains “is not having a good night.”\n"
            "Bo Lee tweeted that, “For those few people knocking me, I will be there!”")
    got = said(text)
    assert ("Kevin Barrett", "direct", "We were floored") in got
    assert ("Gwen Moore", "reported", "the vote was “a disgrace”.") in got
    assert ("Donald Trump", "reported", "the military is “depleted”.") in got
    assert ("Jane Doe", "reported", "anybody who complains “is not having a good night.”") in got
    assert ("Bo Lee", "direct", "For those few people knocking me, I will be there!") in got


def test_attributions_around_and_across_paragraphs() -> None:
    text = ("The answers to veteran suicides are “not meeting the demand,” says Paul Roe, a veterans' leader. "
            "“We often compare it to the early days of a crisis.”\n"
            "The Daily Ledger reports:\n"
            "“Just 24 percent of the contributors have given $200 or less.”\n"
            "”Fear. I am truly afraid of what comes next,” said Ana Cruz.\n"
            "“I think she will be out there campaigning,” Clinton campaign spokesman Brian Fallon said.")
    got = said(text)
    assert ("Paul Roe", "reported", "The answers to veteran suicides are “not meeting the demand,”") in got
    assert ("Paul Roe", "direct", "We often compare it to the early days of a crisis.") in got
    assert ("The Daily Ledger", "direct", "Just 24 percent of the contributors have given $200 or less.") in got
    assert ("Ana Cruz", "direct", "Fear. I am truly afraid of what comes next") in got
    assert ("Brian Fallon", "direct", "I think she will be out there campaigning") in got


def test_inverted_cues() -> None:
    text = ("Said Ellis: “I don’t get the sense she’s interested in tax reform.”\n"
            "However laudable the goal, the tax ''is a misguided approach,'' said Mr. Burman (a view echoed by all).\n"
            "Limbaugh told his radio audience on Monday, “What has happened is this.”")
    got = said(text)
    assert ("Ellis", "direct", "I don’t get the sense she’s interested in tax reform.") in got
    assert ("Burman", "reported", "However laudable the goal, the tax ''is a misguided approach,''") in got
    assert ("Limbaugh", "direct", "What has happened is this.") in got


def test_pronouns_take_the_gender_of_given_names() -> None:
    text = ("Senator Elizabeth Warren questioned chief executive John Stumpf on Tuesday.\n"
            "“You should resign,” she said.")
    assert ("Elizabeth Warren", "direct", "You should resign") in said(text)


def test_words_that_are_no_speech_stay_out() -> None:
    text = ("Twenty-seven states, led by West Virginia, are challenging the rules.\n"
            "The accord is expected to be ratified next month.\n"
            "Julie Roe reported from Hanoi.\n"
            "Our party continued to expand its relations with other parties.")
    assert said(text) == []


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


def test_new_forms_keep_the_words_that_were_said() -> None:
    """Transcript labels are no part of the quote; a naming ends with its clause; a quote that a
    clause goes on after is reported with the clause; a participle after an adjunct is speech."""
    text = ("\"TRAN: Well, look, this is an episode of a show.\n"
            "The union called Jane Doe a “champion” for its members, citing her work.\n"
            "The Daily Ledger claimed “Tran exaggerates” the level of unemployment.\n"
            "“We are ready,” Jane Doe said in a statement, adding that the plan was “a good one.”")
    got = {(q.speaker, q.mode, q.text) for q in run(text)[0]}
    assert ("Tran", "direct", "Well, look, this is an episode of a show.") in got
    assert ("The union", "reported", "Jane Doe a “champion” for its members") in got
    assert ("The Daily Ledger", "reported", "“Tran exaggerates” the level of unemployment.") in got
    assert ("Jane Doe", "reported", "the plan was “a good one.”") in got
    assert not any(t == "a good one." for _, _, t in got)  # its quoted words belong to the clause


NEW_FORMS = """Senator Jane Doe meets voters in Ohio

COLUMBUS, March 3, 2024 — Senator Jane Doe spoke to voters in Columbus on Sunday.

"DOE: Well, look, this is a serious election for the whole country.

The Daily Ledger claimed “Doe exaggerates” the level of unemployment in the state.

“We are ready for the vote,” Senator Jane Doe said in a statement, adding that the plan was “a good one for workers.”

''We will not give up on the people of Ohio,'' Doe told reporters.

«The factories will come back», Doe said.

The requirement is a “lawful source of income,” as a Treasury memo put it.

The goal is to curb “activist” investors, according to a speech Jane Doe delivered in July.

“The first part of a long quote goes on

“and ends in the next paragraph, as wires write it,” Doe said.
"""


def test_the_build_verifies_quotes_of_every_form(runner, tmp_path: Path) -> None:
    """Transcript labels, partial quotes in reported speech, ''…'', «…», 'as a memo put it',
    'according to a speech X delivered' and a quote over two paragraphs: each is stored with its
    speaker, and the build (which checks every quote against its source text) passes."""
    from briefing.cli import app

    (tmp_path / "a.txt").write_text(NEW_FORMS, encoding="utf-8")
    (tmp_path / "s.yaml").write_text("title: Ohio watch\nsections:\n  - profiles: {max_people: 5, max_quotes: 12}\n"
                                     "  - sources\nformats: [md]\n", encoding="utf-8")
    store = str(tmp_path / "c.db")
    assert runner.invoke(app, ["--store", store, "ingest", str(tmp_path / "a.txt")]).exit_code == 0
    facts = json.loads(runner.invoke(app, ["--store", store, "facts", "--kind", "quote", "--json"]).stdout)
    got = {(f["speaker"], f["text"]) for f in facts}
    for want in [("Jane Doe", "Well, look, this is a serious election for the whole country."),
                 ("The Daily Ledger", "“Doe exaggerates” the level of unemployment in the state."),
                 ("Jane Doe", "the plan was “a good one for workers.”"),
                 ("Jane Doe", "We will not give up on the people of Ohio"),
                 ("Jane Doe", "The factories will come back"),
                 ("Treasury", "The requirement is a “lawful source of income,”"),
                 ("Jane Doe", "The goal is to curb “activist” investors"),
                 ("Jane Doe", "and ends in the next paragraph, as wires write it")]:
        assert want in got
    built = runner.invoke(app, ["--store", store, "build", str(tmp_path / "s.yaml"), "-o", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    report = (tmp_path / "out" / "s.md").read_text(encoding="utf-8")
    assert "Well, look, this is a serious election" in report and "DOE:" not in report
