"""Selection in SQL: the store's fact queries agree with the plain Python rules they replace,
return the typed facts of FACT_KINDS, and stores made before the selection columns are filled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.models import FACT_KINDS
from briefing.spec import Period
from briefing.store import FactQuery, Store

KINDS = ("event", "quote", "enumeration", "figure", "person")


def _date(f, pub):  # the date selection has always used, per kind
    if f.kind == "event":
        return f.data["date"]["value"], f.data["date"].get("end")
    return (f.data.get("as_of") or pub.get(f.doc_id)), None


def _haystack(f):
    d = f.data
    return {"event": f"{d.get('summary', '')} {f.text}", "quote": f.text,
            "enumeration": " ".join([d.get("label", ""), f.text]) + " ".join(i.get("text", "") for i in d.get("items", [])),
            "figure": f"{d.get('unit', '')} {f.text}"}[f.kind]


def _reference(st: Store, q: FactQuery) -> set[str]:
    """The facts selection kept when it filtered every fact in Python."""
    pub = {d.id: d.published.value if d.published else None for d in st.documents(with_text=False)}
    period = Period(*q.period)
    out = set()
    for f in st.facts([q.kind]):
        if any(f.id.startswith(p) for p in q.exclude):
            continue
        if not any(f.id.startswith(p) for p in q.include):
            if not period.is_open and not period.contains(*_date(f, pub)):
                continue
            if q.keywords and not any(k.lower() in _haystack(f).lower() for k in q.keywords):
                continue
        out.add(f.id)
    return out


def test_store_returns_typed_facts_equal_to_what_was_stored(seeds_store: Path) -> None:
    with Store(seeds_store) as st:
        for kind in KINDS:
            stored = {f.id: f for f in st.facts([kind])}
            typed = st.select_facts(FactQuery(kind))
            assert stored and {f.id for f in typed} == set(stored), kind
            for f in typed:
                assert type(f) is FACT_KINDS[kind]
                s = stored[f.id]
                assert (f.doc_id, f.span, f.text) == (s.doc_id, s.span, s.text)
                assert f.payload() == s.data


@pytest.mark.parametrize("query", [
    {"period": ("2019", "2021-06")},
    {"period": ("2023-02", None)},
    {"period": (None, "2020")},
    {"keywords": ("party",)},
    {"keywords": ("Vi", "TRADE")},  # a short keyword has no trigram: substring test alone
    {"keywords": ("minister", "élection", "per cent")},
    {"period": ("2022", "2024"), "keywords": ("the",), "exclude": ("0", "1"), "include": ("a", "b")},
])
@pytest.mark.parametrize("kind", ["event", "quote", "enumeration", "figure"])
def test_filters_in_sql_keep_what_python_kept(seeds_store: Path, kind: str, query: dict) -> None:
    with Store(seeds_store) as st:
        q = FactQuery(kind, **query)
        want = _reference(st, q)
        assert {f.id for f in st.select_facts(q)} == want
        assert st.count_facts(q) == len(want)


def test_people_match_a_name_an_alias_or_part_of_a_name(seeds_store: Path) -> None:
    with Store(seeds_store) as st:
        persons = st.facts(["person"])
        someone = next(p for p in persons if p.data.get("aliases"))
        words = (someone.data["aliases"][0].upper(), persons[0].data["name"].split()[-1])
        want = {p.id for p in persons
                if any(w.lower() in {p.data["name"].lower(), *(a.lower() for a in p.data.get("aliases", ()))}
                       or w.lower() in p.data["name"].lower() for w in words)}
        got = {r.id for r in st.person_rows(FactQuery("person", people=words))}
        assert someone.id in got and got == want


def test_caps_keep_the_last_and_the_newest(seeds_store: Path) -> None:
    with Store(seeds_store) as st:
        events = st.select_facts(FactQuery("event", order="date"))
        assert [f.id for f in st.select_facts(FactQuery("event", order="date", last=5))] == [f.id for f in events[-5:]]
        pub = {d.id: d.published.value if d.published else "" for d in st.documents(with_text=False)}
        figures = st.select_facts(FactQuery("figure"))
        newest = sorted(figures, key=lambda f: f.as_of or pub[f.doc_id] or "", reverse=True)[:3]
        capped = st.select_facts(FactQuery("figure", newest=3))
        assert {f.id for f in capped} == {f.id for f in newest}
        assert [f.id for f in capped] == [f.id for f in figures if f.id in {g.id for g in capped}]
        # "Newest" by a fact's own date (every seed figure has one) and by its article's (quotes).
        def day(f):  # noqa: ANN001, ANN202
            return getattr(f, "as_of", None) or pub[f.doc_id] or ""
        for kind in ("figure", "quote"):
            facts = st.select_facts(FactQuery(kind))
            for n in (1, 2, 7, len(facts), len(facts) + 1):
                got = st.select_facts(FactQuery(kind, newest=n))
                assert sorted(map(day, got), reverse=True) == sorted(map(day, facts), reverse=True)[:n]


def test_a_store_made_before_the_selection_columns_is_filled_when_opened(seeds_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(seeds_store, path)
    with Store(path) as st:
        before = {k: [f.id for f in st.select_facts(FactQuery(k, keywords=("the",)))] for k in KINDS[:4]}
        # What migration 0008 finds in an older store: facts without their selection columns.
        st.db.execute("UPDATE facts SET date_value = NULL, search = NULL, names = NULL, digest = ''")
        st.db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('delete-all')")
        st.set_meta("backfill_columns", "pending")
    with Store(path) as st:
        assert st.get_meta("backfill_columns") is None
        after = {k: [f.id for f in st.select_facts(FactQuery(k, keywords=("the",)))] for k in KINDS[:4]}
        assert after == before and after["event"] and after["quote"]


def test_fingerprint_moves_with_writes_only(store_path: Path, seeds_dir: Path) -> None:
    from briefing.pipeline import ingest

    with Store(store_path) as st:
        empty = st.fingerprint()
        assert st.fingerprint() == empty
        ingest(st, [seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0]])
        one = st.fingerprint()
        assert one != empty and st.fingerprint() == one
        st.record_build("b", "k", [], [])  # a build record is not a corpus change
        assert st.fingerprint() == one


def test_targets_lane_holds_the_nearest_plans_as_many_as_the_timeline_shows(tmp_path):
    from briefing import Corpus

    years = range(2030, 2042)
    text = " ".join(f"The ministry will finish programme {i} by {y}." for i, y in enumerate(years))
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest_text("The ministry met on Monday. " + text, title="Plans", published="2024-03-12")
        capped = corpus.select({"title": "t", "sections": [{"timeline": {"max_items": 3}}]}, built="2024-04-01")
        uncapped = corpus.select({"title": "t", "sections": ["timeline"]}, built="2024-04-01")
    assert len(uncapped.timeline_targets) > 3
    assert [t.date_iso for t in capped.timeline_targets] == [t.date_iso for t in uncapped.timeline_targets][:3]


def test_a_goal_older_than_the_newest_article_is_a_target_not_history(tmp_path):
    from briefing import Corpus

    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest_text("The party met on Monday. It aims to double its membership by 2020.",
                           title="Goals", published="2017-05-08")
        corpus.ingest_text("The party congress opened on Tuesday.", title="Congress", published="2024-03-12")
        brief = corpus.select({"title": "t", "sections": ["timeline"]}, built="2024-04-01")
    assert [t.date_iso for t in brief.timeline] == ["2017-05-08", "2024-03-12"]
    assert [t.date_iso for t in brief.timeline_targets] == ["2020"]


class _NoBulkReads(Store):
    """A store that refuses the whole-corpus reads selection must not need."""

    def facts(self, kinds=None, doc_id=None):
        raise AssertionError("selection read every fact of a kind")

    def documents(self, *, with_text=True):
        raise AssertionError("selection read every document")


def _custom_reference(st: Store, kinds, keywords=(), people=(), period=Period(), max_items=0):
    """What a custom section's query keeps, in plain Python over every fact."""
    pub = {d.id: (d.published.value if d.published else None, d.file) for d in st.documents(with_text=False)}
    kept = []
    for f in st.facts(list(kinds)):
        value, end = _date(f, {k: v[0] for k, v in pub.items()})
        names = [f.data.get("name", ""), *f.data.get("aliases", ()), *f.data.get("people", ()),
                 f.data.get("speaker") or ""]
        searched = f.data.get("name", "") if f.kind == "person" else _haystack(f)
        if keywords and not any(k.lower() in searched.lower() for k in keywords):
            continue
        if people and not any(w.lower() in n.lower() for w in people for n in [*names, searched]):
            continue
        if not period.is_open and not period.contains(value, end):
            continue
        kept.append((value or "", pub[f.doc_id][1], f.span, f.id))
    kept.sort()
    return [k[-1] for k in (kept[-max_items:] if max_items else kept)]


@pytest.mark.parametrize("query", [
    {"kinds": ("quote",), "people": ("Trung",), "max_items": 3},
    {"kinds": ("event", "figure"), "keywords": ("party", "per cent"), "max_items": 5},
    {"kinds": ("event", "enumeration", "quote"), "period": Period("2021", "2023-06"), "max_items": 4},
    {"kinds": ("person",), "people": ("nguyen",)},
])
def test_custom_sections_filter_and_cap_in_sql(seeds_store: Path, query: dict) -> None:
    from briefing.select import select
    from briefing.spec import parse_spec

    with Store(seeds_store) as st:
        want = _custom_reference(st, **query)
    q = {k: list(v) for k, v in query.items() if k in ("kinds", "keywords", "people")}
    if "period" in query:
        q["period"] = {"from": query["period"].start, "to": query["period"].end}
    q["max_items"] = query.get("max_items", 0)
    spec = parse_spec(yaml_dump({"title": "t", "people": ["Zzyzx"], "keywords": ["zeppelinx"], "include": ["ffffffffffff"],
                                 "sections": [{"picked": {"query": q}}, "notes"]}))
    with _NoBulkReads(seeds_store) as st:
        ctx = select(spec, st, built="2024-01-01")
    assert want and [i.fact_id for i in ctx.custom["picked"]] == want
    assert len(ctx.warnings) == 3  # the unmatched spec filters, found without reading every fact


def yaml_dump(data: dict) -> str:
    import json

    return json.dumps(data)  # JSON is YAML


def test_the_timeline_note_speaks_only_of_a_capped_timeline(tmp_path):
    from briefing import Corpus

    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest_text("The ministers met on 3 May 2021. The talks resumed on 9 June 2021. "
                           "The ministers signed the pact on 2 July 2021.", title="Talks", published="2021-07-05")
        corpus.ingest_text("The ministers signed the pact in Hanoi on 2 July 2021.", title="Pact", published="2021-07-06")

        def notes(sections: list) -> list[str]:
            return [n.text for n in corpus.select({"title": "t", "sections": sections}, built="2024-01-01").notes]

        no_timeline = notes(["summary", "notes"])
        uncapped = notes(["timeline", "notes"])
        capped = notes([{"timeline": {"max_items": 2}}, "notes"])
    assert not [n for n in no_timeline + uncapped if "timeline shows" in n]
    assert [n for n in capped if "The timeline shows the 2 most recent of" in n]


def test_each_profile_shows_the_events_that_list_or_name_the_person_however_many_profiles(tmp_path):
    """An uncapped brief profiles many people: each gets exactly the events (of the documents the
    brief cites) that list the person by name or alias or name them in their text."""
    from briefing import Corpus

    given = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo"]
    names = [f"{g} {f}" for g in given for f in ["Varga", "Moreau", "Lindqvist", "Okafor", "Bianchi", "Novak"]]
    with Corpus(tmp_path / "c.db") as corpus:
        for n, name in enumerate(names):
            other = names[(n * 7 + 3) % len(names)]
            corpus.ingest_text(f"Trade minister {name} said on {n % 27 + 1} May 2021 that talks with {other} had "
                               f"resumed. \"We are close,\" {name} said. On {n % 27 + 2} May 2021 the {other}son "
                               "Foundation opened an office.", title=f"Talks {n}", published="2021-06-01")
        ctx = corpus.select({"title": "t", "sections": ["profiles", "sources"]}, built="2024-01-01")
        events = corpus.facts("event")
    assert len(ctx.profiles) > 40
    cited = {s.doc_id for s in ctx.sources}
    for p in ctx.profiles:
        names_of = {n.lower() for n in (p.name, *p.aliases)}
        expected = [e.id for e in events if e.doc_id in cited
                    and (names_of & {n.lower() for n in e.data.get("people", [])} or p.name in e.text)]
        assert sorted(i.fact_id for i in p.events) == sorted(expected), p.name
        assert len(expected) >= 3  # their own words, another's, and a foundation named after them
