"""The store: migrations, content-hash idempotence, replacement of changed files, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from briefing.models import DateRef, Document, Event, PublishedDate
from briefing.pipeline import ingest
from briefing.store import Store
from briefing.store.migrations import MIGRATIONS


def make_doc(doc_id="d1", path="a.txt", text="Some text.") -> Document:
    return Document(id=doc_id, file=path, path=path, raw=text, text=text, title="T",
                    published=PublishedDate("2020-01-02", "day"))


def test_migrations_recorded_in_order_and_once(store_path):
    with Store(store_path) as st:
        assert st.migrations() == [name for name, _ in MIGRATIONS]
    with Store(store_path) as st:  # reopening applies nothing twice
        assert st.migrations() == [name for name, _ in MIGRATIONS]
        assert st.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_document_round_trip_and_facts_replaced(store_path):
    ev = Event(doc_id="d1", span=(0, 4), text="Some", date=DateRef("2020", "year"), summary="s")
    with Store(store_path) as st:
        st.put_document(make_doc(), [ev], extractor_version="v1")
        (doc,) = st.documents()
        assert doc.published == PublishedDate("2020-01-02", "day")
        (fact,) = st.facts(["event"])
        assert fact.id == ev.id and fact.data["date"] == {"value": "2020", "end": None, "precision": "year"}
        # a changed file replaces its earlier version and its facts
        st.put_document(make_doc(doc_id="d2", text="Other text."), [], extractor_version="v1")
        assert [d.id for d in st.documents()] == ["d2"]
        assert st.facts() == []
        assert st.integrity_ok()


def test_facts_sharing_an_id_are_stored_once_the_last_one_kept(store_path):
    """Two facts of one document with one id (one span, one date): the later replaces the
    earlier; a fact whose id another document's fact holds replaces that one (an id clash)."""
    from briefing.store import fact_rows

    first = Event(doc_id="d1", span=(0, 4), text="Some", date=DateRef("2020", "year"), summary="first")
    second = Event(doc_id="d1", span=(0, 4), text="Some", date=DateRef("2020", "year"), summary="second")
    other = Event(doc_id="d1", span=(5, 9), text="text", date=DateRef("2021", "year"), summary="other")
    assert first.id == second.id
    with Store(store_path) as st:
        st.put_document(make_doc(), [first, other, second], extractor_version="v1")
        assert [(f.id, f.data["summary"]) for f in st.facts(["event"])] == [(first.id, "second"),
                                                                             (other.id, "other")]
        clash = [(other.id, *row[1:]) for row in fact_rows([first])]
        st.put_documents([(make_doc("d2", "b.txt"), clash)], "v1")
        assert {(f.id, f.doc_id, f.data["summary"]) for f in st.facts(["event"])} == {(first.id, "d1", "second"),
                                                                                      (other.id, "d2", "first")}
        assert st.integrity_ok()


def test_failed_transaction_leaves_store_unchanged(store_path):
    with Store(store_path) as st:
        st.put_document(make_doc())
        with pytest.raises(sqlite3.IntegrityError), st.transaction() as db:
            db.execute("DELETE FROM documents")
            db.execute("INSERT INTO migrations VALUES ('0001_documents', 'again')")  # duplicate key
        assert len(st.documents()) == 1


def test_reingest_is_a_noop_and_changed_file_replaces(tmp_path, store_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    art = corpus / "a.txt"
    art.write_text("A headline\n\n13/12/2021| 16:40\n\nThe minister spoke in Hanoi on Monday.", encoding="utf-8")
    with Store(store_path) as st:
        assert ingest(st, [corpus]).summary() == "1 new, 0 changed, 0 unchanged"
        assert ingest(st, [corpus]).summary() == "0 new, 0 changed, 1 unchanged"
        art.write_text("A new headline\n\nThe minister spoke again.", encoding="utf-8")
        report = ingest(st, [corpus])
        assert (report.new, report.changed) == (0, 1)
        (doc,) = st.documents()
        assert doc.title == "A new headline"


def test_stale_documents_follow_extractor_version(store_path):
    with Store(store_path) as st:
        st.put_document(make_doc(), [], extractor_version="v1")
        assert st.stale_documents("v1") == []
        assert st.stale_documents("v2") == ["d1"]


def test_one_article_that_hangs_or_crashes_does_not_stop_the_others(tmp_path, store_path, monkeypatch):
    import briefing.pipeline as pipeline

    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("a", "hang", "crash", "b"):
        (corpus / f"{name}.txt").write_text(f"Headline {name}\n\nBody of article {name}.", encoding="utf-8")

    def fake_extract(doc):
        if "hang" in doc.file:
            while True:
                pass
        if "crash" in doc.file:
            raise ValueError("extractor bug")
        return []

    monkeypatch.setattr(pipeline, "_extract", fake_extract)
    with Store(store_path) as st:
        report = pipeline.ingest(st, [corpus], jobs=1, time_limit_s=0.3)
        assert sorted(d.file for d in st.documents()) == ["a.txt", "b.txt"]
    assert report.new == 2 and len(report.errors) == 2
    assert any("hang.txt: took over 0.3s" in e for e in report.errors)
    assert any("crash.txt: internal error" in e and "extractor bug" in e for e in report.errors)


def test_unchanged_files_are_skipped_without_parsing(tmp_path, store_path, monkeypatch):
    import briefing.pipeline as pipeline

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline A\n\nThe minister spoke on Monday in Hanoi.", encoding="utf-8")
    (corpus / "feed.jsonl").write_text('{"text": "One article. It is fine."}\n{"text": "Two articles. Also fine."}\n',
                                       encoding="utf-8")
    with Store(store_path) as st:
        assert pipeline.ingest(st, [corpus], jobs=1).summary() == "3 new, 0 changed, 0 unchanged"
        parsed: list[str] = []
        real = pipeline.read_path
        monkeypatch.setattr(pipeline, "read_path", lambda p, **kw: (parsed.append(p.name), real(p, **kw))[1])
        assert pipeline.ingest(st, [corpus], jobs=1).summary() == "0 new, 0 changed, 3 unchanged"
        assert parsed == []
        (corpus / "a.txt").write_text("Headline A2\n\nThe minister spoke again.", encoding="utf-8")
        assert pipeline.ingest(st, [corpus], jobs=1).summary() == "0 new, 1 changed, 2 unchanged"
        assert parsed == ["a.txt"]


def _schema(st: Store) -> set[tuple[str, str]]:
    return {(r[0], r[1]) for r in st.db.execute("SELECT type, name FROM sqlite_master")}


def test_indexes_deferred_for_a_bulk_write_and_a_killed_run_repaired_by_the_next(seeds_dir, store_path):
    """A run that writes more documents than the store holds leaves the date and trigram indexes
    out and builds them at its end. Killed before then, the store still answers keyword queries
    right (by testing every fact's text) and the next run builds them."""
    from briefing.pipeline import extract_all
    from briefing.store import FactQuery, fact_rows
    from tests.test_select_sql import _reference

    words = [("party",), ("minister", "development"), ("economic",), ("we",)]

    def keywords_right(st: Store) -> None:
        for kind in ("event", "quote", "enumeration", "figure"):
            for w in words:
                q = FactQuery(kind, keywords=w)
                assert {f.id for f in st.select_facts(q)} == _reference(st, q), (kind, w)

    with Store(store_path) as st:
        full = _schema(st)
        cache = st.db.execute("PRAGMA cache_size").fetchone()[0]
        ingest(st, [seeds_dir])  # a fresh store: deferred, then built
        assert _schema(st) == full and st.integrity_ok()
        # Built with a small page cache (its size bounds the index sort's memory), then the
        # store's own again, for the writes to come.
        assert st.db.execute("PRAGMA cache_size").fetchone()[0] == cache
        keywords_right(st)
        before = {q: {f.id for f in st.select_facts(FactQuery("event", keywords=q))} for q in words}
        speakers = st.speaker_counts(FactQuery("quote"))
        st.defer_indexes()  # a run begins a bulk write ...
        assert {("index", "facts_kind_date"), ("index", "facts_speaker")}.isdisjoint(_schema(st))
        assert st.speaker_counts(FactQuery("quote")) == speakers and speakers  # counted without it
        doc = st.documents()[0]
        rows = fact_rows(st.select_facts(FactQuery("event", doc_ids=(doc.id,))))
        st.replace_facts([(doc.id, rows[1:])], "v1")  # ... rewrites a document's facts, and dies
        st.replace_facts([(doc.id, rows)], "v1")
        keywords_right(st)
    with Store(store_path) as st:
        keywords_right(st)  # the stale index is not used
        extract_all(st)  # the next run (re-extracting the stale document) builds them first
        assert _schema(st) == full and st.integrity_ok()
        keywords_right(st)
        assert {q: {f.id for f in st.select_facts(FactQuery("event", keywords=q))} for q in words} == before


def test_a_bulk_run_commits_larger_batches_once_its_indexes_are_deferred(store_path, tmp_path, monkeypatch):
    """Into an empty store, the first batch defers the indexes; from then on a commit holds
    eight batches (fewer commits rewrite fewer index pages), and every document is stored."""
    import briefing.pipeline as pipeline

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:02d}.txt").write_text(f"Headline {i}\n\nThe minister {i} spoke on Monday.", encoding="utf-8")
    with Store(store_path) as st:
        real_put, sizes = st.put_documents, []
        monkeypatch.setattr(st, "put_documents", lambda batch, version: (sizes.append(len(batch)),
                                                                          real_put(batch, version))[1])
        assert pipeline.ingest(st, [corpus], jobs=1, batch_size=2).new == 40
        assert sizes == [2, 16, 16, 6]
        assert st.document_count() == 40 and st.integrity_ok()


def test_a_run_stopped_midway_keeps_the_files_it_finished(tmp_path, store_path, monkeypatch):
    """Files are recorded as read once their articles are stored, batch by batch, not at the
    end: after a run killed in its third batch, the next one reads only what was not stored."""
    import briefing.pipeline as pipeline

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(6):
        (corpus / f"{i}.txt").write_text(f"Headline {i}\n\nThe minister {i} spoke on Monday.", encoding="utf-8")
    with Store(store_path) as st:
        real_put, calls = st.put_documents, []

        def put_then_die(batch, version):
            calls.append(len(batch))
            if len(calls) == 3:
                raise KeyboardInterrupt
            return real_put(batch, version)

        monkeypatch.setattr(st, "put_documents", put_then_die)
        # Batches of two throughout (a bulk run's larger commits are the next test's).
        monkeypatch.setattr(pipeline, "_BULK_BATCHES", 1)
        with pytest.raises(KeyboardInterrupt):
            pipeline.ingest(st, [corpus], jobs=1, batch_size=2)
        monkeypatch.setattr(st, "put_documents", real_put)
        parsed: list[str] = []
        real_read = pipeline.read_path
        monkeypatch.setattr(pipeline, "read_path", lambda p, **kw: (parsed.append(p.name), real_read(p, **kw))[1])
        assert pipeline.ingest(st, [corpus], jobs=1).summary() == "2 new, 0 changed, 4 unchanged"
        assert sorted(parsed) == ["4.txt", "5.txt"]
