"""People: mentions per document (titles, aliases, bylines), corpus merge, people.yaml, `brief people`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from briefing.errors import SpecError
from briefing.extract import DocContext
from briefing.extract import people as P
from briefing.models import Document, Mention, PublishedDate, StoredFact

from .conftest import SEEDS


def _merge(facts: list[StoredFact], people_file: str | None = None) -> list[Any]:
    return [person for _key, person in P.merge_groups(facts, people_file)]


def make_doc(text: str, file: str = "t.txt", date: str | None = "2024-03-04", author: str | None = None) -> Document:
    pub = PublishedDate(date, "day") if date else None
    return Document(id=file, file=file, path=file, raw=text, text=text, title=None, published=pub, author=author)


def mentions(text: str, **kw: object) -> dict[str, Mention]:
    return {m.name: m for m in P.extract(DocContext(make_doc(text, **kw))) if isinstance(m, Mention)}


def _dice(a: str, b: str) -> float:
    x, y = set(re.findall(r"\w+", P.fold(a))), set(re.findall(r"\w+", P.fold(b)))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


# --------------------------------------------------------------------------- other outlets

CASES = [
    # (text, {name: [titles]}, names that must not be people)
    ("WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken said on Tuesday that talks would go on.",
     {"Antony Blinken": ["Secretary of State"]}, ["Reuters"]),
    ("Chinese Foreign Ministry spokesman Wang Wenbin told a regular briefing in Beijing that the remarks were wrong.",
     {"Wang Wenbin": ["Chinese Foreign Ministry spokesman"]}, ["Foreign Ministry"]),
    ("Angela Merkel, the former German chancellor, said Europe must stand together.",
     {"Angela Merkel": ["former German chancellor"]}, []),
    ("Health Secretary Victoria Atkins and Chancellor Jeremy Hunt visited the Royal London Hospital.",
     {"Victoria Atkins": ["Health Secretary"], "Jeremy Hunt": ["Chancellor"]}, ["Royal London Hospital"]),
    ("Labour leader Keir Starmer dismissed the plan as the Bank of England held rates.",
     {"Keir Starmer": ["Labour leader"]}, ["Bank of England"]),
    ("Mr. Jean-Luc Dupont arrived in Paris on Monday. Dupont met officials of the European Union.",
     {"Jean-Luc Dupont": []}, ["European Union"]),
    ("Maria Sanchez, a member of the city council and chair of its budget committee, voted against.",
     {"Maria Sanchez": ["member of the city council", "chair of its budget committee"]}, []),
    ("President of Kazakhstan Kassym-Jomart Tokayev and Uzbek President Shavkat Mirziyoyev met in Astana.",
     {"Kassym-Jomart Tokayev": ["President of Kazakhstan"], "Shavkat Mirziyoyev": ["Uzbek President"]}, []),
    ("Deputy Minister of Planning and Investment Tran Quoc Phuong said disbursement reached 20% of the plan.",
     {"Tran Quoc Phuong": ["Deputy Minister of Planning and Investment"]}, ["Investment Tran Quoc Phuong"]),
    ("A spokesperson for the Kremlin, Dmitry Peskov, said Moscow would respond.",
     {"Dmitry Peskov": ["spokesperson for the Kremlin"]}, ["Kremlin"]),
    ("Wang Yi, a member of the Political Bureau of the CPC Central Committee and director of the Office of the "
     "Central Commission for Foreign Affairs, attended the talks.",
     {"Wang Yi": ["member of the Political Bureau of the CPC Central Committee",
                  "director of the Office of the Central Commission for Foreign Affairs"]}, []),
    # No person signal: places, organisations and headline words stay out.
    ("Goldman Sachs said profits rose. New Zealand said it would join. Amnesty International said no.",
     {}, ["Goldman Sachs", "New Zealand", "Amnesty International"]),
    ("The Sao Paulo Forum and the Workers' Party of Brazil met in Hanoi. New Delhi welcomed the move.",
     {}, ["Sao Paulo", "New Delhi"]),
    ("The Vatican Secretary visited Vietnam. The General Secretary of the party spoke.", {}, ["Vatican Secretary"]),
]


UNTITLED = [
    # (text, persons, names that must not be persons): names with no title or honorific.
    ("Marc Lamont Hill spoke at the rally; Capitol Hill was quiet.", ["Marc Lamont Hill"], ["Capitol Hill"]),
    ("Leung Kwok-hung and Lam Cheuk-ting were elected, as were Starry Lee and Park Geun-hye.",
     ["Leung Kwok-hung", "Lam Cheuk-ting", "Starry Lee", "Park Geun-hye"], []),
    ("Nonpartisan Paul Tse won, and Scientologist Tom Cruise watched.", ["Paul Tse", "Tom Cruise"],
     ["Nonpartisan Paul Tse"]),
    ("The sect was founded by science fiction writer L. Ron Hubbard; K.C. Maurer, the treasurer, paid.",
     ["L. Ron Hubbard", "K.C. Maurer"], ["Ron Hubbard"]),
    ("Valeska Paulsen, an Australian woman, left. Ferjani Sassi said he was happy. Jo Tran, 52, agreed.",
     ["Valeska Paulsen", "Ferjani Sassi", "Jo Tran"], []),
    ("She studied at George Washington University, saw the Ronald Reagan Building and read her graphic"
     " novel Angel Catbird at the Edmonton Sun and at Park Ridge.", [],
     ["George Washington", "Ronald Reagan", "Angel Catbird", "Edmonton Sun", "Park Ridge"]),
    ("Will Democrats Win Back The House In November\n\nThe vote is close.", [], ["Will Democrats"]),
    ("Hillary Just Vowed To Never Utter These Words\n\nHillary Clinton spoke on Tuesday.", ["Hillary Clinton"],
     ["Hillary Just Vowed"]),
    ("Belgium started with Romelu Lukaku, Yannick Carrasco, Jo Smith and Dries Mertens; Raymond Chan of"
     " People Power, and Leung Kwok-hung were elected.",
     ["Romelu Lukaku", "Yannick Carrasco", "Dries Mertens", "Jo Smith", "Raymond Chan", "Leung Kwok-hung"],
     ["People Power"]),
    ("Colonel Muammar al-Gaddafi met Suleiman al-Amr. Von der Leyen added nothing.",
     ["Muammar al-Gaddafi", "Suleiman al-Amr"], []),
]

TITLED = [
    # (text, {name: [titles]}): titles as written, in any position, never leaking to a neighbour.
    ("General Secretary To Lam met President Vo Van Thuong, General Secretary Nguyen Phu Trong and Prime"
     " Minister Pham Minh Chinh in Viet Nam.",
     {"To Lam": ["General Secretary"], "Vo Van Thuong": ["President"], "Nguyen Phu Trong": ["General Secretary"],
      "Pham Minh Chinh": ["Prime Minister"]}),
    ("Song Tao, special envoy of General Secretary Xi Jinping, met Politburo member, Secretary of the Party"
     " Central Committee and head of its Commission for External Relations Le Hoai Trung.",
     {"Song Tao": ["special envoy of General Secretary Xi Jinping"], "Xi Jinping": ["General Secretary"],
      "Le Hoai Trung": ["Politburo member", "Secretary of the Party Central Committee",
                        "head of its Commission for External Relations"]}),
    ("Minister-Counselor Nguyen Van Anh met Chairman of the National Assembly (NA) Vuong Dinh Hue.",
     {"Nguyen Van Anh": ["Minister-Counselor"], "Vuong Dinh Hue": ["Chairman of the National Assembly (NA)"]}),
    ("The shadow chancellor Rachel Reeves met acting Foreign Minister Do Hung Viet and Metropolitan Police chief"
     " Sir Mark Rowley.",
     {"Rachel Reeves": ["shadow chancellor"], "Do Hung Viet": ["acting Foreign Minister"],
      "Mark Rowley": ["Metropolitan Police chief"]}),
]


@pytest.mark.parametrize(("text", "want"), TITLED)
def test_titles_as_written_in_any_position(text: str, want: dict[str, list[str]]) -> None:
    got = mentions(text)
    assert {name: [t.title for t in m.titles] for name, m in got.items()} == want


def test_honorifics_keep_two_people_with_one_surname_apart() -> None:
    got = mentions("Mrs. Clinton spoke after Bill Clinton. Mr. Trump replied. Hillary Clinton left.")
    assert set(got) == {"Bill Clinton", "Trump", "Hillary Clinton"}
    assert "Mrs. Clinton" in got["Hillary Clinton"].aliases and "Mr. Trump" in got["Trump"].aliases
    got = mentions("Mrs. Clinton spoke after Bill Clinton.")
    assert set(got) == {"Bill Clinton", "Clinton"} and not got["Bill Clinton"].aliases


def test_a_name_recognised_as_a_person_in_one_document_is_that_person_in_every_document() -> None:
    a = P.extract(DocContext(make_doc("Lao Prime Minister Sonexay Siphandone met the press.", file="a.txt")))
    b = P.extract(DocContext(make_doc("Sonexay Siphandone arrived with Phet Thong on Monday.", file="b.txt")))
    assert [f.kind for f in b] == ["name", "name"]  # no evidence in b alone
    facts = [StoredFact(id=f"{f.doc_id}{f.span}", kind=f.kind, doc_id=f.doc_id, doc_file=f.doc_id, span=f.span,
                        text=f.text, data=f.payload()) for f in [*a, *b]]
    persons = _merge(facts)
    assert [(p.name, p.docs) for p in persons] == [("Sonexay Siphandone", ("a.txt", "b.txt"))]


def test_a_lone_surname_with_an_honorific_joins_the_full_name_elsewhere_unless_the_honorific_says_no() -> None:
    facts = [stored("a.txt", "Donald Trump"), stored("b.txt", "Trump", aliases=("Mr. Trump",)),
             stored("a.txt", "Bill Clinton"), stored("c.txt", "Clinton", aliases=("Mrs. Clinton",))]
    persons = {p.name: p for p in _merge(facts)}
    assert persons["Donald Trump"].docs == ("a.txt", "b.txt")
    assert "Clinton" in persons and persons["Bill Clinton"].docs == ("a.txt",)



@pytest.mark.parametrize(("text", "want", "absent"), UNTITLED)
def test_people_without_titles(text: str, want: list[str], absent: list[str]) -> None:
    got = mentions(text)
    assert set(got) == set(want)
    assert not set(got) & set(absent)


def test_every_vocabulary_list_has_an_example() -> None:
    from importlib import resources

    import yaml

    for name in ("people.yaml", "given_names.yaml"):
        data = yaml.safe_load(resources.files("briefing.resources").joinpath("en", name).read_text("utf-8"))
        sections = data.items() if name == "people.yaml" else [(name, data)]
        for key, section in sections:
            assert isinstance(section, dict) and str(section.get("example", "")).strip(), (name, key)


@pytest.mark.parametrize(("text", "want", "absent"), CASES)
def test_people_in_other_outlets(text: str, want: dict[str, list[str]], absent: list[str]) -> None:
    got = mentions(text)
    assert set(got) == set(want)
    for name, titles in want.items():
        assert [t.title for t in got[name].titles] == titles
        m = got[name]
        assert text[m.span[0]:m.span[1]] == m.text == name
    for name in absent:
        assert name not in got


def test_short_forms_and_honorifics_become_aliases() -> None:
    text = ("Prime Minister Rishi Sunak announced funding. Sunak said hospitals would benefit. "
            "Mr. Sunak later left. Mr. Rishi Sunak was asked again.")
    m = mentions(text)["Rishi Sunak"]
    assert "Sunak" in m.aliases and "Mr. Sunak" in m.aliases and "Mr. Rishi Sunak" in m.aliases
    refs = P.analyse(DocContext(make_doc(text))).refs
    assert [text[r.start:r.end] for r in refs] == ["Rishi Sunak", "Sunak", "Sunak", "Rishi Sunak"]


def test_chinese_family_name_as_short_form_where_the_person_speaks() -> None:
    text = ("BEIJING, Jan. 5 (Xinhua) -- Chinese President Xi Jinping on Friday held talks in Beijing.\n"
            "Xi said China and Vietnam are good neighbors.")
    m = mentions(text)["Xi Jinping"]
    assert m.aliases == ("Xi",)


def test_byline_author_is_a_person_even_outside_the_text() -> None:
    got = mentions("The ministry said on Monday that exports rose.", author="Nguyen Hong")
    assert list(got) == ["Nguyen Hong"] and got["Nguyen Hong"].span == (0, 0) and got["Nguyen Hong"].text == ""
    assert mentions("Exports rose.", author="Reuters") == {}


def test_title_as_of_is_the_date_of_the_event_in_the_sentence() -> None:
    text = ("Within months, the country welcomed US President Joe Biden (September 2023) and Russian "
            "President Vladimir Putin (June 2024). Plans run until 2030 under Chairman John Roe.")
    got = mentions(text, date="2024-07-20")
    assert got["Joe Biden"].titles[0].as_of == "2023-09"
    assert got["Vladimir Putin"].titles[0].as_of == "2024-06"
    assert got["John Roe"].titles[0].as_of == "2024-07-20"  # a future date does not date a title


def test_dates_in_reported_or_relative_clauses_do_not_date_a_title() -> None:
    text = ("Foreign Minister Anna Berg said that since 2011 the two countries had signed 14 agreements. "
            "Trade Commissioner Paul Dorn, who took office in 2019, spoke later.")
    found = mentions(text, date="2024-03-04")
    assert [t.as_of for t in found["Anna Berg"].titles] == ["2024-03-04"]
    assert [t.as_of for t in found["Paul Dorn"].titles] == ["2024-03-04"]


def test_descriptions_by_known_title_add_a_dated_title() -> None:
    text = ("Jane Roe, Head of the Ministry's Department for Trade Relations, opened the fair. "
            "The fair was busy, according to the head of the Department for Trade Affairs.")
    m = mentions(text)["Jane Roe"]
    assert [t.title for t in m.titles] == ["Head of the Ministry's Department for Trade Relations",
                                           "head of the Department for Trade Affairs"]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Head of the Commission for External Relations",
     "Chairman of the Party Central Committee’s Commission for External Relations", True),
    ("Chairman of the Central Committee's Commission for External Affairs",
     "Head of the Central Commission for External Relations", True),
    ("head of the commission", "Head of the Commission for External Relations", True),
    ("General Secretary", "Party General Secretary", True),
    ("Party Secretary", "General Secretary", False),
    ("Member of the Party Central Committee", "Head of the Party Central Committee", False),
])
def test_post_key_recognises_one_post_worded_two_ways(a: str, b: str, same: bool) -> None:
    assert P.same_post(a, b) is same


# --------------------------------------------------------------------------- corpus merge


def stored(doc: str, name: str, span: tuple[int, int] = (0, 5), aliases: tuple[str, ...] = (),
           titles: tuple[tuple[str, str], ...] = ()) -> StoredFact:
    return StoredFact(id=f"{doc}{span}", kind="mention", doc_id="id-" + doc, doc_file=doc, span=span, text=name,
                      data={"name": name, "aliases": list(aliases),
                            "titles": [{"title": t, "as_of": d, "doc": doc, "span": None} for t, d in titles]})


def test_merge_ignores_case_and_diacritics_and_keeps_the_best_spelling() -> None:
    facts = [
        stored("b.txt", "Nguyen Phu Trong", titles=(("Party General Secretary", "2024-07"),), aliases=("Trong",)),
        stored("a.txt", "Nguyễn Phú Trọng", titles=(("General Secretary", "2021-07-06"),)),
        stored("c.txt", "NGUYEN PHU TRONG"),
        stored("c.txt", "Joe Biden", span=(10, 19)),
    ]
    persons = {p.name: p for p in _merge(facts)}
    assert set(persons) == {"Nguyễn Phú Trọng", "Joe Biden"}
    p = persons["Nguyễn Phú Trọng"]
    assert p.docs == ("a.txt", "b.txt", "c.txt")
    assert [t.as_of for t in p.titles] == ["2021-07-06", "2024-07"]
    assert p.current_title == "Party General Secretary"
    assert "Trong" in p.aliases
    assert (p.doc_id, p.span) == ("id-a.txt", (0, 5))  # the first mention: a stable id


def test_merge_resolves_a_lone_surname_to_the_one_full_name() -> None:
    persons = _merge([stored("a.txt", "Rishi Sunak"), stored("b.txt", "Sunak")])
    assert [(p.name, p.docs) for p in persons] == [("Rishi Sunak", ("a.txt", "b.txt"))]


def test_a_lone_surname_joins_the_full_name_the_corpus_names_far_more_often() -> None:
    """"Mr. Trump" in an article that never gives his first name is Donald Trump when the
    corpus names him far more often than the other Trumps; "Mrs. Trump" stays apart when two
    women share the name as often."""
    facts = [stored(f"d{i}.txt", "Donald Trump") for i in range(6)]
    facts += [stored("e.txt", "Eric Trump"), stored("m.txt", "Melania Trump"), stored("i.txt", "Ivanka Trump"),
              stored("x.txt", "Trump", aliases=("Mr. Trump",)), stored("y.txt", "Trump", aliases=("Mrs. Trump",))]
    persons = {p.name: p for p in _merge(facts)}
    assert "x.txt" in persons["Donald Trump"].docs
    assert persons["Trump"].docs == ("y.txt",)


def test_a_middle_initial_joins_the_plain_name_unless_it_tells_two_persons_apart() -> None:
    facts = [stored("a.txt", "Donald J. Trump"), stored("b.txt", "Donald Trump"),
             stored("c.txt", "George W. Bush"), stored("d.txt", "George H. W. Bush"), stored("e.txt", "George Bush")]
    persons = sorted((p.name, p.docs) for p in _merge(facts))
    assert persons == [("Donald J. Trump", ("a.txt", "b.txt")), ("George Bush", ("e.txt",)),
                       ("George H. W. Bush", ("d.txt",)), ("George W. Bush", ("c.txt",))]


def test_people_file_overrides_name_merges_splits_and_drops(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(
        "people:\n"
        "  - name: Lê Hoài Trung\n    aliases: [Le Hoai Trung, L. H. Trung]\n    note: Foreign minister from 2025\n"
        "  - name: John Smith (footballer)\n    aliases: [John Smith]\n    docs: [c.txt]\n"
        "  - name: Hot Spots\n    drop: true\n", encoding="utf-8")
    facts = [stored("a.txt", "Le Hoai Trung"), stored("b.txt", "L. H. Trung"), stored("a.txt", "John Smith", (9, 19)),
             stored("c.txt", "John Smith"), stored("d.txt", "Hot Spots")]
    persons = {p.name: p for p in _merge(facts, str(path))}
    assert set(persons) == {"Lê Hoài Trung", "John Smith", "John Smith (footballer)"}
    assert persons["Lê Hoài Trung"].docs == ("a.txt", "b.txt")
    assert persons["Lê Hoài Trung"].note == "Foreign minister from 2025"
    assert persons["John Smith (footballer)"].docs == ("c.txt",)


@pytest.mark.parametrize("content", ["- aliases: [x]\n", "people: {a: 1}\n", "- name: X\n  colour: red\n",
                                     "- name: X\n  aliases: 3\n", "- [unclosed\n"])
def test_people_file_errors_are_user_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SpecError):
        _merge([], str(path))


# --------------------------------------------------------------------------- seeds against the gold


def test_seed_people_against_gold(seeds_store: Path, gold: dict) -> None:
    from briefing.store import Store

    with Store(seeds_store) as st:
        persons = [f.to_json() for f in st.facts(["person"])]
    gold_names = {P.name_key(g["name"]): g for g in gold["people"]}
    predicted = {P.name_key(p["name"]): p for p in persons}
    # Precision and recall of names: every predicted person is a gold person and vice versa.
    assert set(predicted) == set(gold_names)
    total = hit = 0
    for key, g in gold_names.items():
        titles = [t["title"] for t in predicted[key]["titles"]]
        assert set(predicted[key]["docs"]) == set(g["docs"])
        for t in g["titles"]:
            total += 1
            hit += any(_dice(t["title"], x) >= 0.6 for x in titles)
    assert hit / total >= 0.9


def test_seed_mentions_point_at_their_text() -> None:
    from briefing.ingest import load_file

    for path in sorted(SEEDS.glob("*.txt")):
        for doc in load_file(path):
            for m in P.extract(DocContext(doc)):
                assert doc.text[m.span[0]:m.span[1]] == m.text
                for t in getattr(m, "titles", ()):
                    assert t.span and doc.text[t.span[0]:t.span[1]] == t.title


# --------------------------------------------------------------------------- CLI


def test_cli_people_json_and_table(seeds_store: Path, runner, tmp_path: Path) -> None:
    from briefing.cli import app

    result = runner.invoke(app, ["--store", str(seeds_store), "people", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    quan = rows["Hoang Binh Quan"]
    assert quan["quotes"] >= 10 and len(quan["docs"]) == 3
    assert "head of the commission" in quan["current_title"]
    assert rows["Nguyen Hong"]["current_title"] is None
    table = runner.invoke(app, ["--store", str(seeds_store), "people"])
    assert table.exit_code == 0 and "Le Hoai Trung" in table.stdout


def test_cli_people_with_people_file(seeds_store: Path, runner, tmp_path: Path) -> None:
    import shutil

    from briefing.cli import app

    store = tmp_path / "copy.db"
    shutil.copy(seeds_store, store)
    overrides = tmp_path / "people.yaml"
    overrides.write_text("- name: Nguyễn Phú Trọng\n  aliases: [Nguyen Phu Trong]\n  note: CPV chief\n"
                         "- name: Joe Biden\n  drop: true\n", encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store), "people", "--json", "--people", str(overrides)])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["Nguyễn Phú Trọng"]["note"] == "CPV chief" and "Joe Biden" not in rows
    bad = tmp_path / "bad.yaml"
    bad.write_text("- aliases: [x]\n", encoding="utf-8")
    result = runner.invoke(app, ["--store", str(store), "people", "--people", str(bad)])
    assert result.exit_code == 2
