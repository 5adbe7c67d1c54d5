"""Persons are merged incrementally: after any sequence of ingests the store holds exactly the
persons that a full merge of the same articles gives, and an ingest re-reads only the mentions
of the names it touched."""

from __future__ import annotations

import json
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.extract import people as P
from briefing.models import Document, Mention, StoredFact, TitleRecord
from briefing.pipeline import ingest, refresh_corpus_facts
from briefing.store import Store

ARTICLES = {
    "a.txt": "Leaders meet in Hanoi\n\nPrime Minister Rishi Sunak met President Joe Biden in Hanoi on"
             " Monday. Sunak said the talks went well.\n",
    "b.txt": "Trade talks resume\n\nMr. Sunak said on Tuesday that trade would grow. Foreign Minister"
             " Bui Thanh Son also attended.\n",
    "c.txt": "A new envoy\n\nAmbassador Jane Sunak arrived in Hanoi on 3 May 2023. Ms. Sunak said she was"
             " glad to be there.\n",
    "d.txt": "Ministers talk\n\nForeign Minister Bùi Thanh Sơn met US President Joe Biden on 5 May 2023."
             " Son said ties were strong.\n",
}


def _merge(facts: list[Any], people_file: str | None = None) -> list[Any]:
    return [person for _key, person in P.merge_groups(facts, people_file)]


def persons(store: Store) -> list[tuple[str, str, str]]:
    return sorted((f.id, f.text, json.dumps(f.data, sort_keys=True)) for f in store.facts(["person"]))


def full_merge_of(folder: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """The persons of a fresh store that ingested ``folder`` at once (its first merge is full)."""
    fresh_path = tmp_path / "fresh.db"
    for leftover in tmp_path.glob("fresh.db*"):
        leftover.unlink()
    with Store(fresh_path) as fresh:
        ingest(fresh, [folder], jobs=1)
        return persons(fresh)


@pytest.mark.parametrize("order", [["a.txt", "b.txt", "c.txt", "d.txt"], ["d.txt", "c.txt", "b.txt", "a.txt"]])
def test_incremental_merge_equals_a_full_merge_after_every_ingest(tmp_path: Path, order: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with Store(tmp_path / "s.db") as store:
        for name in order:
            (corpus / name).write_text(ARTICLES[name], encoding="utf-8")
            ingest(store, [corpus], jobs=1)
            assert persons(store) == full_merge_of(corpus, tmp_path), f"after adding {name}"
        names = {json.loads(p[2])["name"] for p in persons(store)}
        assert {"Rishi Sunak", "Jane Sunak", "Joe Biden"} <= names

        # An article rewritten without one of its people: that person goes, the rest stay.
        (corpus / "c.txt").write_text(ARTICLES["c.txt"].replace("Ambassador Jane Sunak", "The ambassador")
                                      .replace("Ms. Sunak", "She"), encoding="utf-8")
        ingest(store, [corpus], jobs=1)
        assert persons(store) == full_merge_of(corpus, tmp_path)
        assert "Jane Sunak" not in {json.loads(p[2])["name"] for p in persons(store)}
        assert not store.dirty_merge_keys()


# Names as the extractor would give them, and lone surnames (from bylines or other extractors),
# chosen so that surnames are shared: "Sunak" joins "Rishi Sunak" only while no other Sunak exists.
NAMES = ["Rishi Sunak", "Jane Sunak", "Sunak", "Joe Biden", "Biden", "Nguyễn Phú Trọng", "Nguyen Phu Trong",
         "Trọng", "Trong", "Mr. To Lam", "To Lam", "Lam", "Anna Lam"]


def put(store: Store, name: str, mentions: list[str], version: int) -> None:
    text = " ".join(mentions) + f" v{version}."
    doc = Document(id=f"{name}-{version}", file=name, path=name, raw=text, text=text, title=None, published=None)
    facts, at = [], 0
    for m in mentions:
        title = TitleRecord(title=f"Title of {m}", as_of=f"20{10 + len(m)}", doc=name, span=None)
        facts.append(Mention(doc_id=doc.id, span=(at, at + len(m)), text=m, name=m, titles=(title,)))
        at += len(m) + 1
    store.put_document(doc, facts, extractor_version="test")


@pytest.mark.parametrize("seed", range(6))
def test_incremental_merge_equals_a_full_merge_under_random_changes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Store(tmp_path / "s.db") as store:
        for step in range(25):
            doc = f"doc{rng.randrange(8)}.txt"
            put(store, doc, rng.sample(NAMES, rng.randrange(0, 4)), step)
            refresh_corpus_facts(store)
            full = sorted((p.id, p.text, json.dumps(p.payload(), sort_keys=True))
                          for p in _merge(store.facts(["mention"])))
            assert persons(store) == full, f"seed {seed}, step {step}"
            assert not store.dirty_merge_keys()


def test_adding_an_article_reads_only_the_mentions_of_its_names(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (corpus / name).write_text(ARTICLES[name], encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest(store, [corpus], jobs=1)
        read: list[str] = []
        files, in_order = Store.mention_files, Store.mentions_in_order

        def spy_files(self: Store, keys):
            keys = set(keys)
            read.extend(keys)
            return files(self, keys)

        def spy_in_order(self: Store, keys, kind):
            keys = set(keys)
            read.extend(keys)
            return in_order(self, keys, kind)

        monkeypatch.setattr(Store, "mention_files", spy_files)
        monkeypatch.setattr(Store, "mentions_in_order", spy_in_order)
        monkeypatch.setattr(Store, "facts", lambda *a, **k: pytest.fail("a full merge was run"))
        (corpus / "e.txt").write_text("Talks\n\nGeneral Secretary To Lam met Secretary Antony Blinken on"
                                      " 1 June 2024.\n", encoding="utf-8")
        ingest(store, [corpus], jobs=1)
        assert read and not any("sunak" in k or "biden" in k for k in read)
        monkeypatch.undo()
        assert persons(store) == full_merge_of(corpus, tmp_path)


def test_a_changed_people_file_forces_a_full_merge(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "d.txt"):
        (corpus / name).write_text(ARTICLES[name], encoding="utf-8")
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - name: Joseph R. Biden\n    aliases: [Joe Biden]\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest(store, [corpus], jobs=1)
        refresh_corpus_facts(store, str(people))
        assert "Joseph R. Biden" in {f.data["name"] for f in store.facts(["person"])}
        # Edited in place, not passed again: the remembered file is re-read.
        people.write_text("people:\n  - name: President Biden\n    aliases: [Joe Biden]\n", encoding="utf-8")
        refresh_corpus_facts(store)
        names = {f.data["name"] for f in store.facts(["person"])}
        assert "President Biden" in names and "Joseph R. Biden" not in names


def _sorted(persons: list[tuple[str, Any]]) -> list[tuple[str, str, str]]:
    return sorted((key, p.id, json.dumps(p.payload(), sort_keys=True)) for key, p in persons)


@pytest.mark.parametrize("seed", range(4))
def test_a_merge_bucket_by_bucket_in_any_order_equals_one_merge_of_everything(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - name: Joseph Biden\n    aliases: [Joe Biden, Lam]\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        for n in range(12):
            put(store, f"doc{n}.txt", rng.sample(NAMES, rng.randrange(1, 5)), n)
        facts = store.facts(["mention"])
    for people_file in (None, str(people)):
        whole = P.merge_groups(facts, people_file)
        buckets: dict[str, list[Any]] = {}
        for f in facts:
            buckets.setdefault(P.bucket_of(P.name_key(f.data["name"])), []).append(f)
        order = list(buckets)
        rng.shuffle(order)
        merge = P.CorpusMerge(people_file)
        parts = [p for word in order for p in merge.bucket(buckets[word])] + merge.claimed()
        assert _sorted(parts) == _sorted(whole), f"seed {seed}, people file {people_file}"
        assert len(buckets) > 3


def test_merge_batches_hold_whole_buckets_and_every_group_key_of_them() -> None:
    stored = {"rishi sunak": 3, "jane sunak": 2, "sunak": 4, "donald j trump": 5, "trump": 1, "joe biden": 6}
    batches = list(P.merge_batches(stored, None, limit=7))
    assert [sorted(keys) for keys, _ in batches] == [["joe biden"], ["jane sunak", "rishi sunak", "sunak"],
                                                      ["donald j trump", "trump"]]
    assert batches[2][1] == {"donald j trump", "donald trump", "trump"}
    # An incremental merge visits only the buckets of the dirty keys, removed names included.
    (only,) = P.merge_batches(stored, {"jane sunak", "eve sunak"}, limit=7)
    assert set(only[0]) == {"rishi sunak", "jane sunak", "sunak", "eve sunak"}


def test_a_full_merge_in_small_batches_equals_one_in_a_single_batch(tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(7)
    with Store(tmp_path / "s.db") as store:
        for n in range(15):
            put(store, f"doc{n}.txt", rng.sample(NAMES, rng.randrange(1, 5)), n)
        refresh_corpus_facts(store)
        one_batch = persons(store)
        monkeypatch.setattr("briefing.extract.people.merge.MERGE_BATCH", 2)
        store.set_meta("person_merge", "full")
        refresh_corpus_facts(store)
        assert persons(store) == one_batch and len(one_batch) > 4


def _mark(store: Store) -> None:
    """Mark the stored persons' rows: a row written again loses the mark."""
    with store.transaction() as db:
        db.execute("UPDATE facts SET seq = -1 WHERE scope = 'corpus'")


def _rows(store: Store) -> dict[str, tuple[str, bool, list[str]]]:
    """Stored persons by name: (id, whether its row still bears the mark, its documents)."""
    rows = store.db.execute("SELECT id, seq, data FROM facts WHERE scope = 'corpus'")
    return {json.loads(d)["name"]: (i, seq == -1, json.loads(d)["docs"]) for i, seq, d in rows}


def test_an_incremental_merge_leaves_the_rows_of_unchanged_persons_alone(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        put(store, "a.txt", ["Rishi Sunak", "Joe Biden"], 0)
        put(store, "b.txt", ["Jane Sunak"], 1)
        refresh_corpus_facts(store)
        _mark(store)
        put(store, "c.txt", ["Jane Sunak"], 2)  # the bucket "sunak" is merged again
        refresh_corpus_facts(store)
        rows = _rows(store)
        assert rows["Rishi Sunak"][1] and rows["Joe Biden"][1]  # not deleted and written again
        assert not rows["Jane Sunak"][1] and rows["Jane Sunak"][2] == ["b.txt", "c.txt"]
        assert persons(store) == sorted((p.id, p.text, json.dumps(p.payload(), sort_keys=True))
                                        for p in _merge(store.facts(["mention"])))
        # The keyword index follows: both are still found by name, once each.
        from briefing.store import FactQuery
        found = [f.name for f in store.select_facts(FactQuery("person", keywords=("sunak",)))]
        assert sorted(found) == ["Jane Sunak", "Rishi Sunak"]


def test_mentions_stored_before_name_keys_get_them_at_the_next_full_merge(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        put(store, "a.txt", ["Rishi Sunak", "Joe Biden"], 0)
        put(store, "b.txt", ["Sunak", "Biden"], 1)
        with store.transaction() as db:  # as a store from before migration 0007 holds them
            db.execute("UPDATE facts SET merge_key = NULL")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('person_merge', 'full')")
        refresh_corpus_facts(store)
        assert store.merge_keys() == {"rishi sunak": 1, "joe biden": 1, "sunak": 1, "biden": 1}
        assert persons(store) == sorted((p.id, p.text, json.dumps(p.payload(), sort_keys=True))
                                        for p in _merge(store.facts(["mention"])))
        assert len(persons(store)) == 2


def test_a_full_merge_rewrites_only_the_persons_that_changed(tmp_path: Path) -> None:
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - name: Joseph Biden\n    aliases: [Joe Biden]\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        put(store, "a.txt", ["Rishi Sunak", "Joe Biden"], 0)
        put(store, "b.txt", ["Jane Sunak", "Biden"], 1)
        refresh_corpus_facts(store, str(people))
        _mark(store)
        refresh_corpus_facts(store)  # the remembered people file: a full merge again
        rows = _rows(store)
        assert all(marked for _, marked, _ in rows.values()) and "Joseph Biden" in rows
        people.write_text("people:\n  - name: President Biden\n    aliases: [Joe Biden]\n", encoding="utf-8")
        refresh_corpus_facts(store)
        after = _rows(store)
        assert "President Biden" in after and "Joseph Biden" not in after and len(after) == len(rows)
        assert after["Rishi Sunak"][1] and not after["President Biden"][1]


def test_a_merge_cut_short_is_finished_by_the_next_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are recorded as read when their articles are stored, before the corpus merge: a
    run killed in the merge leaves articles the next run need not read, and that run still
    merges their persons (though it stores nothing new)."""
    import briefing.pipeline as pipeline

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")

    def killed(_store: Store) -> None:
        raise KeyboardInterrupt

    with Store(tmp_path / "s.db") as store:
        monkeypatch.setattr(pipeline, "refresh_corpus_facts", killed)
        with pytest.raises(KeyboardInterrupt):
            pipeline.ingest(store, [corpus], jobs=1)
        monkeypatch.undo()
        assert persons(store) == []
        assert pipeline.ingest(store, [corpus], jobs=1).summary() == "0 new, 0 changed, 4 unchanged"
        assert persons(store) == full_merge_of(corpus, tmp_path)


def _mentions_of_one_name(count: int) -> Iterator[StoredFact]:
    """``count`` mentions of one minister over ten documents, in corpus order, made one at a
    time (as the store reads them)."""
    per_doc = count // 10
    for d in range(10):
        for i in range(per_doc):
            yield StoredFact(f"m{d}-{i}", "mention", f"id{d}", f"d{d}.txt", (i * 20, i * 20 + 6), "Jo Day",
                             {"name": "Jo Day", "aliases": ["Ms Jo Day"],
                              "titles": [{"title": "Minister of Finance", "as_of": "2020", "doc": f"d{d}.txt",
                                          "span": [i * 20 + 7, i * 20 + 26]}]})


def _merge_peak(count: int) -> tuple[list[tuple[str, Any]], int]:
    """The persons of ``count`` mentions of one name, and the merge's peak of Python memory."""
    named = ((P.name_key(m.data["name"]), m.doc_file) for m in _mentions_of_one_name(count))
    tracemalloc.start()
    try:
        persons = P.CorpusMerge().buckets(named, _mentions_of_one_name(count), iter(()))
        return persons, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_merge_holds_its_persons_not_the_mentions_of_a_name() -> None:
    # A president's surname holds more mentions with every article: the merge reads them one
    # at a time and keeps what they add up to, so ten times the mentions cost no more memory.
    small, small_peak = _merge_peak(2_000)
    large, large_peak = _merge_peak(20_000)
    assert _sorted(large) == _sorted(small)
    (person,) = [p for _key, p in large]
    assert person.docs == tuple(f"d{d}.txt" for d in range(10)) and len(person.titles) == 10
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)
