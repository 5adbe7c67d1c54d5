"""Dated events: against the seeds' gold annotation, and on wire-style texts of our own."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from briefing.extract import DocContext, events
from briefing.ingest import load_file
from briefing.models import Document, Event, PublishedDate

WORD = re.compile(r"\w+")


def _toks(s: str) -> list[str]:
    s = unicodedata.normalize("NFKD", s)
    return WORD.findall("".join(c for c in s if not unicodedata.combining(c)).lower())


def _contain(small: str, big: str) -> float:
    a, b = _toks(small), set(_toks(big))
    return sum(t in b for t in a) / len(a) if a else 0.0


def _events(text: str, published: str | None, precision: str = "day") -> list[Event]:
    doc = Document(id="d", file="a.txt", path="a.txt", raw=text, text=text, title=None,
                   published=PublishedDate(published, precision) if published else None)  # type: ignore[arg-type]
    found = events.extract(DocContext(doc))
    assert all(isinstance(e, Event) for e in found)
    return found  # type: ignore[return-value]


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path) -> list[tuple[str, Event]]:
    out = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for doc in load_file(path):
            out += [(doc.file, e) for e in events.extract(DocContext(doc))]
            assert all(doc.text[e.span[0]:e.span[1]] == e.text for e in events.extract(DocContext(doc)))
    return out


def test_seed_events_against_gold(seed_events: list[tuple[str, Event]], gold: dict) -> None:
    def match(doc: str, e: Event, g: dict) -> bool:
        return doc == g["doc"] and e.date.value == str(g["date"]) and _contain(g["evidence"], e.text + " " + e.summary) >= 0.5

    gold_events = gold["events"]
    recall = sum(any(match(d, e, g) for d, e in seed_events) for g in gold_events) / len(gold_events)
    precision = sum(any(match(d, e, g) for g in gold_events) for d, e in seed_events) / len(seed_events)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)


def test_seed_event_ids_are_unique_and_stable(seed_events: list[tuple[str, Event]], seeds_dir: Path) -> None:
    ids = [e.id for _, e in seed_events]
    assert len(ids) == len(set(ids))
    doc = load_file(seeds_dir / "002_acaea5e382ca583c.txt")[0]
    assert [e.id for e in events.extract(DocContext(doc))] == [e.id for d, e in seed_events if d == doc.file]


WIRE = """\
Ministers agree trade pact after marathon talks

BRUSSELS (Reuters) - European Union trade ministers agreed on Tuesday to open talks with Mercosur, \
officials said, ending a dispute that began in March 2019.
The bloc first proposed a pact on 28 June 1999, and negotiators met again from 2011 to 2016.
The year 2019 was a difficult one for the talks.
Leaders will meet in Madrid on Nov. 14 to sign the deal, which sets targets for 2030, 2035 and 2050.
Since 2015, the EU has signed 12 trade agreements.

Milestones of the trade policy in 2018

The Commission hosted the 3rd Global Trade Forum in Geneva with 40 ministers.
Officials discussed many issues in a constructive spirit.
The bloc celebrated the 60th anniversary of the Treaty of Rome, its founding text.
The Commission signed a pact with Japan in July 2018. The agreement cut tariffs on cars.

Reporting by Philip Blenkinsop; Editing by Alex Richardson
"""


def test_wire_story_events() -> None:
    found = _events(WIRE, "2019-10-15")
    got = [(e.date.value, e.date.end, e.text.split()[0]) for e in found]
    assert got == [
        ("2019-10-15", None, "BRUSSELS"),  # "on Tuesday" in an article of Tuesday 15 October
        ("2019-03", None, "BRUSSELS"),
        ("1999-06-28", None, "The"),
        ("2011", "2016", "The"),  # a range is one event with an end
        ("2019-11-14", None, "Leaders"),
        ("2030", None, "Leaders"),
        ("2035", None, "Leaders"),
        ("2050", None, "Leaders"),
        ("2015", "2019", "Since"),
        ("2018", None, "The"),  # undated, under the 2018 heading: hosted the 3rd ... Forum
        ("2018", None, "The"),  # celebrated the 60th anniversary of the Treaty of Rome ...
        ("1958", None, "The"),  # ... which was therefore 1958
        ("2018-07", None, "The"),
    ]


def test_headings_bylines_and_descriptions_are_not_events() -> None:
    texts = " ".join(e.text for e in _events(WIRE, "2019-10-15"))
    assert "Milestones" not in texts and "Reporting by" not in texts
    assert "difficult one" not in texts  # "The year 2019 was ...": a description of the date
    assert "constructive spirit" not in texts  # undated and no concrete event


def test_event_fields() -> None:
    (e,) = _events("Chancellor Angela Merkel met President Emmanuel Macron in Paris on 5 May 2021.", "2021-05-06")
    assert e.date.to_json() == {"value": "2021-05-05", "end": None, "precision": "day"}
    assert e.date_text == "5 May 2021"
    assert "Angela Merkel" in e.people and "Emmanuel Macron" in e.people
    assert e.summary.startswith("Chancellor Angela Merkel met")


def test_same_date_twice_in_a_sentence_is_one_event_but_early_and_late_are_two() -> None:
    one = _events("In 2017 the party met, and in 2017 it voted.", "2018-01-01")
    assert [e.date.value for e in one] == ["2017"]
    two = _events("In early 2017 he went to China and in late 2017 Xi came to Vietnam.", "2018-01-01")
    assert [e.date_text for e in two] == ["early 2017", "late 2017"]
    assert len({e.id for e in two}) == 2


def test_relative_dates_use_the_article_date() -> None:
    found = _events("Last year, the parties held a seminar. This year they will hold two.", "2018-05-02")
    assert [e.date.value for e in found] == ["2017", "2018"]
    assert _events("This year, the Vatican Secretary visited Vietnam.", "2024", "year")[0].date.value == "2024"


def test_the_visit_takes_the_date_of_the_visits_just_reported() -> None:
    found = _events("The prime minister visited Chile and Peru in August 2017. "
                    "With Peru, the visit produced a free trade deal.", "2018-01-01")
    assert [(e.date.value, e.text.split()[0]) for e in found] == [("2017-08", "The"), ("2017-08", "With")]


def test_an_ordinal_event_keeps_its_year_when_mentioned_again() -> None:
    found = _events("Delegates met for the 20th Party Congress in October 2022. "
                    "The 20th Party Congress endorsed a third term for the leader.", "2023-01-10")
    assert [e.date.value for e in found] == ["2022-10", "2022"]


def test_no_reference_date_leaves_relative_dates_out() -> None:
    found = _events("The talks opened on March 5 and ended in 2019.", None)
    assert [e.date.value for e in found] == ["2019"]


def test_durations_and_vague_references_are_not_events() -> None:
    assert _events("Over the past 10 years, relations have grown. Currently, trade is booming.", "2020-01-01") == []


def test_anniversaries_date_both_ends() -> None:
    text = ("Leaders gathered in Paris to mark the 40th anniversary of the 1973 Paris Agreement.\n\n"
            "The two countries marked the 10th anniversary of diplomatic ties with a concert.\n\n"
            "Celebrations were held in 2017 for the 100th anniversary of the October Revolution.")
    got = [(e.date.value, e.text.split()[1]) for e in _events(text, "2019-06-01")]
    assert ("1973", "gathered") in got and ("2013", "gathered") in got  # the agreement, and its anniversary
    assert ("2019", "two") in got and ("2009", "two") in got  # no date: the article's year, and ten before
    assert ("2017", "were") in got and ("1917", "were") in got


def test_the_next_years_are_a_span_from_the_article() -> None:
    got = [(e.date.value, e.date.end) for e in _events("Investment will double over the next five years.", "2024-03-01")]
    assert got == [("2024", "2029")]


def test_each_dated_clause_is_its_own_summary() -> None:
    found = _events("In early 2023, the minister visited Canberra, and in late 2023, the Australian premier "
                    "paid a return visit to Hanoi.", "2024-01-05")
    assert [e.summary for e in found] == [
        "In early 2023, the minister visited Canberra",
        "In late 2023, the Australian premier paid a return visit to Hanoi.",
    ]
    # A list of dates is one clause: each target keeps the whole of it.
    targets = _events("The plan sets goals for 2025, 2030 and 2045.", "2021-12-13")
    assert [e.summary for e in targets] == ["The plan sets goals for 2025, 2030 and 2045."] * 3


def test_a_founding_reads_as_the_thing_founded_and_the_anniversary_as_itself() -> None:
    text = ("Festivities were held across the country, namely the 30th anniversary of diplomatic ties "
            "(12 July 1993-12 July 2023) and the 25th anniversary of the signing of the Border Treaty "
            "(3 March 1998-3 March 2023), with concerts in both capitals.\n\n"
            "The union marked the 50th anniversary of the Carnation Revolution in Lisbon.")
    got = {(e.date.value, e.summary) for e in _events(text, "2024-05-02")}
    assert ("1993-07-12", "Diplomatic ties (30th anniversary in 2023)") in got
    assert ("2023-07-12", "30th anniversary of diplomatic ties") in got
    assert ("1998-03-03", "The signing of the Border Treaty (25th anniversary in 2023)") in got
    assert ("1974", "The Carnation Revolution (50th anniversary in 2024)") in got
    assert not any(s.split()[0].lower() in ("namely", "and") for _, s in got)


def test_a_list_item_reads_with_the_line_that_introduces_it() -> None:
    text = "The ministry set three deadlines:\n\n1. drafting the decree by June 2025;\n\n2. a pilot in 2026."
    assert [e.summary for e in _events(text, "2024-11-04")] == [
        "The ministry set three deadlines: drafting the decree by June 2025",
        "The ministry set three deadlines: a pilot in 2026.",
    ]


def test_a_long_sentence_keeps_who_did_what_and_marks_the_cut() -> None:
    text = ("Prime Minister Rishi Sunak, who had promised during the leadership contest last summer to "
            "bring down inflation, cut waiting lists and stop the small boats crossing the Channel, "
            "announced on Tuesday, with his chancellor at his side, a package of measures that "
            "ministers said would cost several billion pounds over the coming decade.")
    (e,) = _events(text, "2023-03-08")
    assert e.date.value == "2023-03-07"
    assert e.summary.startswith("Prime Minister Rishi Sunak") and "on Tuesday" in e.summary
    assert e.summary.endswith("…") and len(e.summary.split()) <= 36


def test_one_event_per_clause_at_its_most_precise_date() -> None:
    found = _events("The regulator said on Wednesday, July 17, 2024, that it had approved the merger, "
                    "the second large deal it cleared this year.", "2024-07-18")
    assert [e.date.value for e in found] == ["2024-07-17"]
    # A sentence-opening year whose clause has a finer date dates the undated clause after it.
    found = _events("Last year, the two unions held a congress in May 2023; and the first joint strike "
                    "of their members.", "2024-02-01")
    assert [(e.date.value, e.summary) for e in found] == [
        ("2023", "The first joint strike of their members."),
        ("2023-05", "Last year, the two unions held a congress in May 2023"),
    ]


def test_since_the_articles_own_year_is_no_range() -> None:
    (e,) = _events("Since 2024, the agency has doubled its staff.", "2024-09-01")
    assert (e.date.value, e.date.end) == ("2024", None)


def test_goals_deadlines_and_plans_ahead_are_targets() -> None:
    text = ("The government said on Monday it would cut emissions by half by 2030 and reach net zero "
            "until 2050. Officials will publish the rules by the end of June 2024. The ministry "
            "will hold a meeting in May. The plant opened in 2019 (it was delayed; twice).")
    got = {(e.date.value, e.category) for e in _events(text, "2024-03-12")}
    assert ("2030", "target") in got and ("2050", "target") in got
    assert ("2024-06", "target") in got  # a deadline: "by" a date after the article's
    assert ("2024-05", None) in got  # a plan of the coming weeks stays on the timeline
    assert ("2024-03-11", None) in got and ("2019", None) in got
    (plant,) = [e for e in _events(text, "2024-03-12") if e.date.value == "2019"]
    assert plant.summary == "The plant opened in 2019 (it was delayed; twice)."


def test_a_range_of_days_is_one_event_with_an_end() -> None:
    found = _events("The trade fair ran from March 2 to 8 in Da Nang, and a forum was held from 10 to 12 "
                    "March in Hue.", "2024-03-14")
    assert [(e.date.value, e.date.end) for e in found] == [("2024-03-02", "2024-03-08"), ("2024-03-10", "2024-03-12")]
