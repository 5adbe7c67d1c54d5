"""The store contract on both engines: SQLite (a file) and PostgreSQL (a real throwaway server,
started by the ``pg_server`` fixture). The same tests, the same expected results."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from briefing.errors import LockedError
from briefing.locking import store_lock
from briefing.models import DateRef, Document, Event, PublishedDate
from briefing.pipeline import ingest
from briefing.store import FactQuery, open_store
from briefing.store.migrations import MIGRATIONS
from tests.regen_golden import FORMATS, GOLDEN_DIR, SPECS, build_golden
from tests.test_select_sql import _reference

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(params=ENGINES)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives: a SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return str(request.getfixturevalue("pg_url"))


def _doc(doc_id: str = "d1", path: str = "a.txt", text: str = "Some text.") -> Document:
    return Document(id=doc_id, file=path, path=path, raw=text, text=text, title="T",
                    published=PublishedDate("2020-01-02", "day"))


def test_migrations_run_once_by_name(target: str) -> None:
    with open_store(target) as st:
        assert st.migrations() == [name for name, _ in MIGRATIONS]
    with open_store(target) as st:
        assert st.migrations() == [name for name, _ in MIGRATIONS]


def test_documents_and_facts_round_trip_and_a_changed_file_replaces(target: str) -> None:
    ev = Event(doc_id="d1", span=(0, 4), text="Some", date=DateRef("2020", "year"), summary="s")
    with open_store(target) as st:
        st.put_document(_doc(), [ev], extractor_version="v1")
        (doc,) = st.documents()
        assert doc.published == PublishedDate("2020-01-02", "day") and doc.text == "Some text."
        (typed,) = st.select_facts(FactQuery("event"))
        assert typed == ev
        assert st.stale_documents("v1") == [] and st.stale_documents("v2") == ["d1"]
        st.put_document(_doc(doc_id="d2", text="Other text."), [], extractor_version="v1")
        assert [d.id for d in st.documents()] == ["d2"] and st.facts() == []


def test_failed_transaction_changes_nothing(target: str) -> None:
    with open_store(target) as st:
        before = st.fingerprint()
        with pytest.raises(RuntimeError), st.transaction(changes_corpus=True) as db:  # type: ignore[attr-defined]
            st._put_document(db, _doc())  # type: ignore[attr-defined]
            raise RuntimeError("boom")
        assert st.documents() == [] and st.fingerprint() == before


def test_ingest_is_idempotent_and_selection_agrees_with_python(target: str, seeds_dir: Path) -> None:
    with open_store(target) as st:
        first = ingest(st, [seeds_dir])
        assert first.new == 5 and not first.errors
        stats, fingerprint = st.stats(), st.fingerprint()
        again = ingest(st, [seeds_dir])
        assert again.new == 0 and again.unchanged == 5
        assert st.stats() == stats and st.fingerprint() == fingerprint
        for q in (FactQuery("event", period=("2019", "2021-06"), keywords=("party", "vi")),
                  FactQuery("quote", keywords=("we",), exclude=("0", "1")),
                  FactQuery("figure", period=("2023", None)),
                  FactQuery("enumeration", keywords=("development",))):
            assert {f.id for f in st.select_facts(q)} == _reference(st, q)  # type: ignore[arg-type]
        persons = st.person_rows(FactQuery("person", people=("trong",)))
        assert persons and all("trong" in r.name.lower() or "trong" in r.names for r in persons)


def test_seed_briefs_match_golden_on_both_engines(target: str, seeds_dir: Path, tmp_path: Path) -> None:
    with open_store(target) as st:
        ingest(st, [seeds_dir])
    build_golden(target, tmp_path)  # type: ignore[arg-type]
    for name in SPECS:
        for fmt in FORMATS:
            got = (tmp_path / f"{name}.{fmt}").read_text(encoding="utf-8")
            assert got == (GOLDEN_DIR / f"{name}.{fmt}").read_text(encoding="utf-8"), f"{name}.{fmt}"


def _ingest_into(target: str, paths: list[str]) -> int:
    with open_store(target) as st:
        return ingest(st, paths, jobs=1).failed


def test_concurrent_ingests_neither_duplicate_nor_lose(pg_url: str, seeds_dir: Path) -> None:
    """Two machines ingesting overlapping corpora into one database at the same time."""
    files = sorted(str(p) for p in seeds_dir.iterdir() if p.is_file())
    with open_store(pg_url) as st:  # migrated once before the race
        pass
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        failed = pool.starmap(_ingest_into, [(pg_url, files), (pg_url, list(reversed(files)))])
    assert failed == [0, 0]
    with open_store(pg_url) as st:
        assert st.document_count() == 5
        ids = [f.id for f in st.facts()]
        assert len(ids) == len(set(ids))
        single = open_store(":memory:")
        ingest(single, [seeds_dir])
        assert st.stats() == single.stats()


def test_build_all_lock_is_exclusive(target: str) -> None:
    with open_store(target):
        pass
    with store_lock(target), pytest.raises(LockedError), store_lock(target, wait=0.1):
        pass
    with store_lock(target):  # released
        pass


def test_keyword_index_follows_rewrites_within_and_across_transactions(target: str, seeds_dir: Path) -> None:
    """Facts written, removed and written again (a changed file, a forced re-extraction, one
    document stored twice in one batch) are found by keyword exactly as a full scan finds them."""
    from briefing.pipeline import extract_all
    from briefing.store import fact_rows

    with open_store(target) as st:
        ingest(st, [seeds_dir])
        doc = st.documents()[0]
        rows = fact_rows(st.select_facts(FactQuery("event", doc_ids=(doc.id,))))
        assert rows
        st.put_documents([(doc, rows), (doc, rows[1:])], "v1")  # its facts replaced in one transaction
        st.replace_facts([(doc.id, rows), (doc.id, rows[:1])], "v1")
        extract_all(st, force=True, jobs=1)
        changed = _doc(doc_id="changed", path=doc.path)
        st.put_documents([(changed, [])], "v1")
        for words in (("party",), ("minister", "development"), ("economic",), ("we",), ("vi",)):
            for kind in ("event", "quote", "enumeration", "figure"):
                q = FactQuery(kind, keywords=words)
                assert {f.id for f in st.select_facts(q)} == _reference(st, q), (kind, words)  # type: ignore[arg-type]
        assert st.integrity_ok()  # type: ignore[attr-defined]


def test_person_merge_bucket_by_bucket_keeps_unchanged_rows_and_equals_a_full_merge(target: str, tmp_path: Path) -> None:
    from briefing.extract.people import merge_groups
    from briefing.models import Mention
    from briefing.pipeline import refresh_corpus_facts

    def put(st, doc_id: str, names: list[str]) -> None:
        text = " ".join(names)
        doc = _doc(doc_id=doc_id, path=f"{doc_id}.txt", text=text)
        spans = [(text.index(n), text.index(n) + len(n)) for n in names]
        st.put_document(doc, [Mention(doc_id=doc_id, span=s, text=n, name=n) for s, n in zip(spans, names, strict=True)],
                        extractor_version="v1")

    def stored(st) -> dict[str, str]:
        return {f.id: f.data for f in st.facts(["person"])}

    def marked(st) -> set[str]:  # the rows still bearing the mark set below: not written again
        return {r[0] for r in st.db.execute("SELECT id FROM facts WHERE scope = 'corpus' AND seq = -1")}

    with open_store(target) as st:
        put(st, "d1", ["Rishi Sunak", "Joe Biden", "Sunak"])
        put(st, "d2", ["Jane Sunak", "Biden"])
        refresh_corpus_facts(st)
        before = stored(st)
        with st.transaction() as db:  # type: ignore[attr-defined]
            db.execute("UPDATE facts SET seq = -1 WHERE scope = 'corpus'")
        put(st, "d3", ["Jane Sunak"])
        refresh_corpus_facts(st)
        after = stored(st)
        full = {p.id: p.payload() for _, p in merge_groups(st.facts(["mention", "name"]))}
        assert after == full and not st.dirty_merge_keys()
        changed = [i for i in after if after[i] != before.get(i)]
        assert [after[i]["name"] for i in changed] == ["Jane Sunak"]
        assert marked(st) == set(after) - set(changed)

        # A people file makes the merge a full one: it too writes only what changed, and
        # removes the persons the file merged away.
        people = Path(tmp_path) / "people.yaml"
        people.write_text("people:\n  - name: Joseph Biden\n    aliases: [Joe Biden, Biden]\n", encoding="utf-8")
        kept = {i for i in marked(st) if "Biden" not in after[i]["name"]}
        refresh_corpus_facts(st, str(people))
        merged = stored(st)
        assert merged == {p.id: p.payload() for _, p in merge_groups(st.facts(["mention", "name"]), str(people))}
        assert "Joseph Biden" in {p["name"] for p in merged.values()}
        assert not {"Joe Biden", "Biden"} & {p["name"] for p in merged.values()}
        assert marked(st) == kept and "Rishi Sunak" in {after[i]["name"] for i in kept}
