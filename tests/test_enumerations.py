"""Enumerations: the list shapes of policy articles, government plans and company reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extract import DocContext
from briefing.extract.enumerations import category_of, coordination, extract, summarise
from briefing.ingest import load_file
from briefing.models import Document, Enumeration, PublishedDate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def enums(text: str, author: str | None = None, published: str = "2024-03-01") -> list[Enumeration]:
    doc = Document(id="t", file="t.txt", path="t.txt", raw=text, text=text, title=None,
                   published=PublishedDate(published, "day"), author=author)  # fmt: skip
    return extract(DocContext(doc))


def items(e: Enumeration) -> list[str]:
    return [i.text for i in e.items]


def test_ordinals_across_paragraphs_with_count_in_lead() -> None:
    text = (
        "Minister Jane Doe says the plan sets out five priorities and two targets.\n"
        "Doe said the government has identified a number of priorities for the coming year, "
        "first to cut red tape for small firms.\n"
        "Second, build 200,000 homes. Third, train nurses. Fourth, widen broadband.\n"
        "Fifth, balance the budget by 2027."
    )
    (e,) = enums(text)
    assert e.label == "priorities" and e.category == "focuses"
    assert e.announced_count == 5 and not e.warnings
    assert items(e) == ["to cut red tape for small firms.", "build 200,000 homes.", "train nurses.",
                        "widen broadband.", "balance the budget by 2027."]  # fmt: skip
    assert e.speaker == "Jane Doe"
    assert e.text == text[e.span[0] : e.span[1]]
    assert all(text[i.span[0] : i.span[1]] == i.text for i in e.items)


def test_firstly_lastly_and_count_mismatch_warning() -> None:
    text = (
        "The central bank outlined four measures to curb inflation.\n"
        "Firstly, it will raise the policy rate.\n"
        "Secondly, it will tighten reserve requirements.\n"
        "Lastly, it will sell foreign currency."
    )
    (e,) = enums(text)
    assert e.announced_count == 4 and len(e.items) == 3
    assert e.category == "tasks"
    assert e.warnings and "4" in e.warnings[0]


def test_roman_numerals_inline() -> None:
    text = (
        "The government will work with donors to: (i) rebuild roads and bridges; "
        "(ii) restore power to rural areas; and (iii) reopen schools before June."
    )
    (e,) = enums(text)
    assert items(e) == [
        "rebuild roads and bridges",
        "restore power to rural areas",
        "reopen schools before June.",
    ]
    assert e.category == "tasks" and e.announced_count is None


def test_numbered_and_bulleted_lines_after_colon() -> None:
    text = "The board approved the following steps:\n1. Sell the paper unit.\n2. Cut debt.\n3. Buy back shares.\nOther news."
    (e,) = enums(text)
    assert items(e) == ["Sell the paper unit.", "Cut debt.", "Buy back shares."]
    text = "Key results for the year:\n- revenue up 12%\n- margin at 18%\nThe chief executive was upbeat."
    (e,) = enums(text)
    assert items(e) == ["revenue up 12%", "margin at 18%"]


@pytest.mark.parametrize(
    ("text", "label", "want"),
    [
        ("The congress outlined a diplomacy resting on three pillars politics, economy and culture, and at "
         "the same time stressed peace.", "pillars", ["politics", "economy", "culture"]),
        ("They build diplomacy on three pillars of party diplomacy, state diplomacy and people-to-people diplomacy.",
         "pillars", ["party diplomacy", "state diplomacy", "people-to-people diplomacy"]),
        ("Hanoi welcomed leaders of three world powers – US President Joe Biden (September 2023), Chinese "
         "President Xi Jinping (December 2023), and Russian President Vladimir Putin (June 2024).",
         "world powers", ["US President Joe Biden (September 2023)", "Chinese President Xi Jinping (December 2023)",
                          "Russian President Vladimir Putin (June 2024)"]),
        ("The strategy has four goals: growth, jobs, clean energy and fair wages.", "goals of the strategy",
         ["growth", "jobs", "clean energy", "fair wages"]),
    ],
)  # fmt: skip
def test_count_then_items(text: str, label: str, want: list[str]) -> None:
    (e,) = enums(text)
    assert e.label == label and items(e) == want and e.announced_count == len(want)


def test_count_at_sentence_end_items_in_next_sentence() -> None:
    text = (
        "The year 2017 saw two important visits. In March, the premier visited Tokyo and in "
        "November, the emperor paid a state visit to Hanoi."
    )
    (e,) = enums(text)
    assert len(e.items) == 2 and e.as_of == "2017"
    assert "premier" in e.items[0].text and "emperor" in e.items[1].text


def test_one_of_the_n_together_with() -> None:
    text = "The party will promote its active external relations as one of the three key pillars, together with state diplomacy and people-to-people relations."
    (e,) = enums(text)
    assert items(e) == ["its active external relations", "state diplomacy", "people-to-people relations"]


def test_quoted_slogans_and_backreference() -> None:
    text = (
        "Key slogans adopted by the congress include “growth first,” “no one left behind,” and “green by 2050”.\n"
        "This strengthened the unity of the party’s external affairs, state diplomacy and people’s diplomacy.\n"
        "The three diplomatic channels will coordinate closely."
    )
    got = enums(text)
    assert [items(e) for e in got] == [
        ["growth first", "no one left behind", "green by 2050"],
        ["the party’s external affairs", "state diplomacy", "people’s diplomacy"],
    ]
    assert got[0].label == "Key slogans"
    assert got[1].label == "diplomatic channels" and got[1].announced_count == 3


def test_need_to_task_list_with_surname_speaker() -> None:
    text = (
        "Ambassador Maria Lopez spoke to reporters.\n"
        "Touching upon the key tasks for the embassy, Lopez stressed the need to expand trade, "
        "in addition to attracting investors. The embassy also needs to protect citizens abroad, "
        "support students, and promote tourism, she said."
    )
    (e,) = enums(text)
    assert e.label == "key tasks" and len(e.items) == 5 and e.speaker == "Maria Lopez"


def test_no_lists_in_plain_prose() -> None:
    text = (
        "The two sides agreed to boost trade and investment. He said the first meeting went well, "
        "and the second one will be held in Paris. Officials from France, Germany and Italy attended. "
        "The three leaders then left."
    )
    assert enums(text) == []


def test_authored_piece_gives_the_author_as_speaker() -> None:
    text = "Our tasks ahead\nFirst, we reform the courts.\nSecond, we cut taxes."
    (e,) = enums(text, author="John Smith")
    assert e.speaker == "John Smith" and e.label == "Our tasks ahead" and e.category == "tasks"


def test_helpers() -> None:
    t = "A, B and C"
    assert [t[a:b] for a, b in coordination(t, 0, len(t), 3)] == ["A", "B", "C"]
    assert coordination(t, 0, len(t), 4) is None
    assert category_of("major directions and tasks") == "tasks"
    assert category_of("overarching goals") == "goals"
    assert category_of("three pillars") == "other"
    assert summarise("to place national interests at the highest, successfully implement the vision") == (
        "Place national interests at the highest"
    )


def test_seeds_against_gold(gold: dict) -> None:
    pred: dict[str, list[Enumeration]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for doc in load_file(path):
            pred[doc.file] = extract(DocContext(doc))

    def words(s: str) -> list[str]:
        import re

        return re.findall(r"\w+", s.lower())

    def matches(p: Enumeration, g: dict) -> bool:
        def inside(small: str, big: str) -> bool:
            a, b = words(small), set(words(big))
            return sum(t in b for t in a) / len(a) >= 0.8

        return sum(any(inside(i["starts_with"], x.text) for x in p.items) for i in g["items"]) * 2 >= len(
            g["items"]
        )

    gold_e = gold["enumerations"]
    hit = exact = 0
    for g in gold_e:
        m = [p for p in pred.get(g["doc"], []) if matches(p, g)]
        hit += bool(m)
        exact += any(len(p.items) == len(g["items"]) for p in m)
    all_pred = [(doc, p) for doc, ps in pred.items() for p in ps]
    precision = sum(any(g["doc"] == doc and matches(p, g) for g in gold_e) for doc, p in all_pred) / len(
        all_pred
    )
    assert hit / len(gold_e) >= 0.9 and exact / len(gold_e) >= 0.9 and precision >= 0.85


def test_people_named_in_items_are_not_the_speaker() -> None:
    text = "Within nine months, Hanoi welcomed leaders of three powers – US President Joe Biden, Chinese President Xi Jinping, and Russian President Vladimir Putin."
    (e,) = enums(text)
    assert e.speaker is None and len(e.items) == 3


@pytest.mark.parametrize("marker", ["1.", "1)", "a)", "i.", "-", "•", "*", "+"])
def test_marked_lines_with_blank_lines_between_items(marker: str) -> None:
    seq = {"1.": ["1.", "2.", "3."], "1)": ["1)", "2)", "3)"], "a)": ["a)", "b)", "c)"],
           "i.": ["i.", "ii.", "iii."]}.get(marker, [marker] * 3)  # fmt: skip
    text = (
        "The minister set out the following tasks:\n\n"
        f"{seq[0]} cutting red tape;\n\n{seq[1]} building 200,000 homes;\n\n{seq[2]} training nurses.\n\n"
        "The plan was welcomed."
    )
    (e,) = enums(text)
    assert [i.text.rstrip(";.") for i in e.items] == ["cutting red tape", "building 200,000 homes", "training nurses"]
    assert e.category == "tasks"


def test_numbered_paragraphs_need_no_colon_but_bullets_do() -> None:
    text = "Provinces must carry out four groups of measures.\n\n1. Sow early.\n\n2. Use less seed.\n\n3. Repair canals."
    (e,) = enums(text)
    assert len(e.items) == 3 and e.label.endswith("measures") and e.announced_count == 4 and e.warnings
    assert enums("Prices rose.\n\n- Rice was dear.\n\n- Fish was cheap.") == []


def test_misspelt_ordinal_keeps_the_run_going() -> None:
    text = ("Man said the legislature had six priorities.\n\nFirstly, it will pass laws.\n\nSecondly, it will review the plan."
            "\n\nThirdly, it will decide the budget.\n\nForth, it will question ministers.\n\nFifthly, it will vote."
            "\n\nSixthly, it will oversee spending.")  # fmt: skip
    (e,) = enums(text)
    assert len(e.items) == 6 and not e.warnings


def test_actions_agreed_without_count_or_markers() -> None:
    text = ("The two sides agreed to step up exchanges of delegations at all levels, expand trade and investment, "
            "and cooperate more closely in education and training.")  # fmt: skip
    (e,) = enums(text)
    assert items(e) == ["step up exchanges of delegations at all levels", "expand trade and investment",
                        "cooperate more closely in education and training"]  # fmt: skip
    assert e.label == "agreements" and e.category == "tasks"
    # Not actions: nouns, pronouns, prepositions after the verb.
    assert enums("He pledged to form a task force, which would include the military, to crack down on hackers.") == []
    assert enums("They decided to change course to avoid doctors, nurses and other medical workers.") == []


def test_count_with_words_before_the_colon() -> None:
    text = ("The ministers agreed on three breakthroughs for border trade: upgrading two pairs of border gates, "
            "building a cross-border economic zone and connecting payment systems.")  # fmt: skip
    (e,) = enums(text)
    assert e.announced_count == 3 and len(e.items) == 3 and e.label.startswith("breakthroughs")


def test_inline_ordinals_win_over_the_count_before_them() -> None:
    text = ("Chan said the budget had three aims: first, to boost the economy by attracting talent and capital; "
            "second, to rebuild public finances; and finally, to support the property market.")  # fmt: skip
    (e,) = enums(text)
    assert [i.text[:10] for i in e.items] == ["to boost t", "to rebuild", "to support"]
    assert e.announced_count == 3
