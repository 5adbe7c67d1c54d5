"""The SQLite store (the default one: a single file, no server).

WAL mode so readers never block the writer; every write in a ``BEGIN IMMEDIATE``
transaction so a killed process leaves either the old state or the new one::

    >>> store = Store(":memory:")
    >>> store.stats()["documents"]
    0
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import BriefingError
from ..gcpause import gc_paused
from ..models import Document, Fact, PublishedDate, StoredFact
from .columns import SEP, FactColumns, fact_columns
from .decode import typed_fact
from .early import FINGERPRINT, LAST_BUILD, META, fingerprint_of
from .migrations import MIGRATIONS
from .protocol import FactRow, PersonWriter
from .query import DATE, SQLITE, FactQuery, PersonRow, order_by, where

# A fact ready for the facts table: (id, kind, start, end, text, JSON payload, merge key, then
# the selection columns of FactColumns). Made with fact_rows() where the facts are extracted
# (worker processes), so the writer only writes. The merge key is a person mention's name key.
_FACT_COLUMNS = ("id, kind, doc_id, start, \"end\", text, data, merge_key, scope, seq, "
                 + ", ".join(FactColumns._fields))
_BUMP_GENERATION = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'"
# Forgotten first: a rowid removed and written again in one transaction is indexed anew.
_INDEX_KEYWORDS = (
    "INSERT INTO facts_fts(facts_fts, rowid, search) SELECT 'delete', rowid, search FROM fts_gone",
    "DELETE FROM fts_gone",
    "INSERT INTO facts_fts(rowid, search) SELECT f.rowid, f.search FROM fts_pending p JOIN facts f ON f.rowid = p.rowid",
    "DELETE FROM fts_pending",
)
# A stored person as (doc id, *fact_row): compared with a new merge's before writing.
_PERSON_COLUMNS = "doc_id, id, kind, start, \"end\", text, data, merge_key, " + ", ".join(FactColumns._fields)
# Left out while a run writes more facts than the store held before it (Store.defer_indexes),
# then made once from the stored facts: the trigram index fill (its two triggers; the index is
# rebuilt), the date index and the speaker index cost the writer more fact by fact than built in
# one pass (the speaker index: 10k articles, writer and index build 1.46 -> 1.34 ms per article,
# four pairs). Not the merge key index: a people merge names it (INDEXED BY), and may run meanwhile.
_DEFERRABLE = ("facts_fts_added", "facts_fts_removed", "facts_kind_date", "facts_speaker")
# A meta key per deferred object, holding the SQL that makes it again: written in the same
# transaction that drops it, so that a run killed midway leaves the store saying what is missing.
_DEFERRED = "deferred:"
_INDEX_BUILD_CACHE = -16384  # KiB of page cache (and of sorted runs) while deferred indexes are made
_FACT_INSERT = (f"INSERT OR REPLACE INTO facts ({_FACT_COLUMNS}) VALUES ("
                + ",".join("?" * (10 + len(FactColumns._fields))) + ")")
_FACT_ADD = _FACT_INSERT.replace("INSERT OR REPLACE", "INSERT", 1)  # facts no stored one can clash with


# One encoder for every payload (json.dumps with an option builds a new one per call); a
# payload is a fresh tree of plain values, never circular.
_encode_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def fact_row(f: Fact, merge_key: str | None = None) -> FactRow:
    payload = f.payload()
    # payload() is JSON-ready already: models.dumps would walk it a second time.
    data = _encode_json(payload)
    return (f.id, f.kind, f.span[0], f.span[1], f.text, data, merge_key, *fact_columns(f.kind, f.text, payload, data))


def fact_rows(facts: Iterable[Fact]) -> list[FactRow]:
    return [fact_row(f, getattr(f, "merge_key", None)) for f in facts]


_DOCUMENT_INSERT = ("INSERT INTO documents (id, path, file, fmt, raw, text, title, published, pub_value,"
                    " outlet, author, dateline, url, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def document_row(doc: Document) -> tuple[Any, ...]:
    """The values of :data:`_DOCUMENT_INSERT` for a document."""
    pub = doc.published
    return (doc.id, doc.path, doc.file, doc.fmt, doc.raw, doc.text, doc.title,
            json.dumps(pub.to_json()) if pub else None, pub.value if pub else None,
            doc.outlet, doc.author, doc.dateline, doc.url, _now())


def doc_fact_rows(doc_id: str, rows: list[FactRow], scope: str = "doc") -> list[tuple[Any, ...]]:
    """The values of :data:`_FACT_INSERT` for the facts of one document, numbered in their order."""
    return [(*row[:2], doc_id, *row[2:7], scope, seq, *row[7:]) for seq, row in enumerate(rows)]


# The columns _stored() unpacks, in its order.
_FACT_SELECT = ("SELECT f.id, f.kind, f.doc_id, d.file, f.start, f.\"end\", f.text, f.data"
                " FROM facts f JOIN documents d ON d.id = f.doc_id")
# The columns _typed() unpacks, in its order (named: they are selected from a subquery too).
_TYPED_COLUMNS = ("f.kind AS kind, f.doc_id AS doc_id, f.start AS start, f.\"end\" AS \"end\", f.text AS text,"
                  " f.data AS data, f.seq AS seq, d.file AS file, f.date_value AS date_value")


def _trigram_candidates(keywords: tuple[str, ...]) -> tuple[str, list[Any]] | None:
    """Facts whose searched text has every trigram of some keyword (FTS5, migration 0008)."""
    words = [k.lower() for k in keywords]
    if any(len(w) < 3 for w in words):  # a trigram index cannot narrow a shorter word
        return None
    match = " OR ".join(
        "(" + " AND ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(w[i:i + 3] for i in range(len(w) - 2))) + ")"
        for w in words)
    return "f.rowid IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)", [match]


_META_COLUMNS = "id, path, file, fmt, '' AS raw, '' AS text, title, published, outlet, author, dateline, url"


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script (a trigger body's own semicolons included)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
    if pending.strip(" \n;"):
        yield pending


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A corpus of documents and the facts extracted from them."""

    dialect = SQLITE  # how a query binds a list of strings (see :class:`Dialect`)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            # A REPLACE that removes a fact then fires its delete triggers (the keyword index).
            self.db.execute("PRAGMA recursive_triggers = ON")
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                # Facts are keyed by hashes, so inserts land all over the indexes: with the
                # default 2 MB page cache, ingesting into a large store re-reads index pages.
                self.db.execute("PRAGMA cache_size = -65536")  # KiB: 64 MB
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise BriefingError(f"cannot open store: {exc}", path=self.path) from exc

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, changes_corpus: bool = False) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any exception. A transaction that
        ``changes_corpus`` (documents or facts) bumps the generation :meth:`fingerprint` reads."""
        self._begin()
        try:
            yield self.db
            if changes_corpus:
                self._index_keywords()
                self.db.execute(_BUMP_GENERATION)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _begin(self) -> None:
        # IMMEDIATE: the write lock is taken now, so two writers never both read then write.
        self.db.execute("BEGIN IMMEDIATE")

    def defer_indexes(self) -> None:
        """A bulk write begins: the deferrable indexes are dropped until :meth:`restore_indexes`
        (which the next run's start calls too, should this one die first). Meanwhile keyword
        queries test every fact's text, without the trigram index."""
        with self.transaction() as db:
            marks = ",".join("?" * len(_DEFERRABLE))
            for kind, name, sql in db.execute(f"SELECT type, name, sql FROM sqlite_master WHERE name IN ({marks})",
                                              _DEFERRABLE).fetchall():
                db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (_DEFERRED + name, sql))
                db.execute(f"DROP {kind} {name}")

    def restore_indexes(self) -> None:
        """Make the deferred indexes again, the trigram index from every fact with a searched
        text (what its triggers would have indexed one by one)."""
        deferred = self.db.execute("SELECT key, value FROM meta WHERE key LIKE ?", (_DEFERRED + "%",)).fetchall()
        if not deferred:
            return
        # SQLite sizes the sorted runs of CREATE INDEX by the page cache: with the ingest's 64 MB
        # of cache, a 100k store held 64 MB of runs on top of it (restore 151 MB, 16 MB: 104 MB,
        # no slower). Scans and appends gain nothing from a large cache.
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {_INDEX_BUILD_CACHE}")
        try:
            with self.transaction() as db:
                for _key, sql in deferred:
                    db.execute(sql)
                db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('delete-all')")
                db.execute("INSERT INTO facts_fts(rowid, search) SELECT rowid, search FROM facts WHERE search IS NOT NULL")
                db.execute("DELETE FROM meta WHERE key LIKE ?", (_DEFERRED + "%",))
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")

    def _keywords_indexed(self) -> bool:
        return self.db.execute("SELECT 1 FROM meta WHERE key = ?", (_DEFERRED + "facts_fts_added",)).fetchone() is None

    def _index_keywords(self) -> None:
        """Bring the trigram index up to the facts this transaction wrote and removed (queued
        by the triggers of migration 0010): one statement each way, not one per fact."""
        for sql in _INDEX_KEYWORDS:
            self.db.execute(sql)

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as db:
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
        if self.get_meta("backfill_columns"):
            self._backfill_columns()

    def _backfill_columns(self) -> None:
        """The selection columns of facts stored before they existed (migration 0008)."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        rows = cursor.execute("SELECT id, kind, text, data FROM facts").fetchall()
        with self.transaction(changes_corpus=True) as db:
            db.executemany(
                "UPDATE facts SET " + ", ".join(f"{c} = ?" for c in FactColumns._fields) + " WHERE id = ?",
                [(*fact_columns(kind, text, json.loads(data), data), i) for i, kind, text, data in rows])
            db.execute("UPDATE facts SET seq = rowid")  # in the order they were written
            db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
            db.execute("DELETE FROM meta WHERE key = 'backfill_columns'")

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    def integrity_ok(self) -> bool:
        """The file's pages and the keyword index's structure are sound (this SQLite's
        integrity_check does not look into FTS5 tables)."""
        if self.db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        try:
            self.db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError:
            return False
        return True

    # ------------------------------------------------------------------ documents

    def document_status(self, path: str, doc_id: str) -> str:
        """``new``, ``unchanged`` or ``changed`` for a source path and its content hash."""
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None:
            other = self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            return "unchanged" if other else "new"
        return "unchanged" if row[0] == doc_id else "changed"

    def put_document(self, doc: Document, facts: Iterable[Fact] = (), extractor_version: str = "") -> None:
        """Insert or replace a document (and its facts) in one transaction."""
        with self.transaction(changes_corpus=True) as db:
            self._put_document(db, doc)
            if extractor_version:
                self._put_facts(db, doc.id, fact_rows(facts), extractor_version)

    def put_documents(self, items: Iterable[tuple[Document, list[FactRow]]], extractor_version: str) -> int:
        """A batch of documents with their facts (as :func:`fact_rows`), committed in one transaction."""
        n = 0
        with self.transaction(changes_corpus=True) as db:
            for doc, facts in items:
                self._put_document(db, doc)
                self._put_facts(db, doc.id, facts, extractor_version)
                n += 1
        return n

    def _put_document(self, db: sqlite3.Connection, doc: Document) -> None:
        # A changed file replaces its earlier version; cascades remove its facts.
        db.execute("DELETE FROM documents WHERE path = ? OR id = ?", (doc.path, doc.id))
        self._put_document_row(db, doc)

    @staticmethod
    def _put_document_row(db: Any, doc: Document, on_conflict: str = "") -> None:
        db.execute(_DOCUMENT_INSERT + on_conflict, document_row(doc))

    def documents(self, *, with_text: bool = True) -> list[Document]:
        """Every document, by file name. ``with_text=False`` leaves ``raw`` and ``text`` empty,
        for callers that need only metadata (a large corpus holds hundreds of MB of text)."""
        columns = "*" if with_text else (
            _META_COLUMNS)
        rows = self.db.execute(f"SELECT {columns} FROM documents ORDER BY file")
        return [self._doc(r) for r in rows]

    def documents_by_id(self, ids: Iterable[str]) -> dict[str, Document]:
        """The documents with these ids, with their texts."""
        ids = list(ids)
        out: dict[str, Document] = {}
        for i in range(0, len(ids), 500):  # under SQLite's bound-parameter limit
            chunk = ids[i : i + 500]
            rows = self.db.execute(f"SELECT * FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            out.update((r["id"], self._doc(r)) for r in rows)
        return out

    def documents_meta(self, column: str, values: Iterable[str]) -> list[Document]:
        """The documents whose ``column`` (id or file) is one of ``values``, without texts."""
        assert column in ("id", "file")
        values = list(values)
        out: list[Document] = []
        for i in range(0, len(values), 500):  # under SQLite's bound-parameter limit
            chunk = values[i : i + 500]
            rows = self.db.execute(f"SELECT {_META_COLUMNS} FROM documents"
                                   f" WHERE {column} IN ({','.join('?' * len(chunk))}) ORDER BY file", chunk)
            out += (self._doc(r) for r in rows)
        return out

    def document_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def newest_published(self) -> str | None:
        """The latest publication date of any document."""
        return self.db.execute("SELECT max(pub_value) FROM documents").fetchone()[0]

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY file")]

    @staticmethod
    def _doc(r: sqlite3.Row) -> Document:
        pub = None
        if r["published"]:
            p = json.loads(r["published"])
            pub = PublishedDate(p["value"], p["precision"], p["inferred"], tuple(p.get("evidence", ())))
        return Document(
            id=r["id"], file=r["file"], path=r["path"], raw=r["raw"], text=r["text"], title=r["title"],
            published=pub, outlet=r["outlet"], author=r["author"], dateline=r["dateline"], url=r["url"],
            fmt=r["fmt"],
        )

    # ------------------------------------------------------------------ facts

    def _put_facts(self, db: sqlite3.Connection, doc_id: str, rows: list[FactRow], version: str) -> None:
        db.execute("DELETE FROM facts WHERE doc_id = ? AND scope = 'doc'", (doc_id,))
        values = doc_fact_rows(doc_id, rows)
        # Its earlier facts are gone, and ids hash the document: when no two of its facts share
        # one, a plain INSERT stores the same rows as INSERT OR REPLACE, for a fifth less of the
        # writer's time (1k articles: 1.13-1.28 -> 0.95-1.04 ms per article).
        distinct = len({row[0] for row in rows}) == len(rows)
        try:
            db.executemany(_FACT_ADD if distinct else _FACT_INSERT, values)
        except sqlite3.IntegrityError:  # another document's fact holds an id (64-bit hashes): replaced
            db.executemany(_FACT_INSERT, values)
        db.execute("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)", (doc_id, version, _now()))

    def replace_facts(self, items: Iterable[tuple[str, list[FactRow]]], version: str) -> None:
        """New facts (as :func:`fact_rows`) of several stored documents, in one transaction."""
        items = list(items)
        if not items:
            return
        with self.transaction(changes_corpus=True) as db:
            for doc_id, rows in items:
                self._put_facts(db, doc_id, rows, version)

    # ------------------------------------------------------------------ person merge

    def merge_state(self) -> str | None:
        """``full`` when the next person merge must cover the whole corpus."""
        return self.get_meta("person_merge")

    def merge_keys(self) -> dict[str, int]:
        """How many person mentions and unconfirmed names there are of each name key."""
        rows = self.db.execute("SELECT merge_key, count(*) FROM facts"
                               " WHERE merge_key IS NOT NULL AND scope = 'doc' GROUP BY merge_key")
        return {r[0]: r[1] for r in rows}

    def dirty_merge_keys(self) -> set[str]:
        """Name keys of mentions added or removed since the last person merge."""
        return {r[0] for r in self.db.execute("SELECT key FROM merge_dirty")}

    # The mentions of some name keys: without statistics, SQLite's planner took the kind index
    # and read every mention of the corpus for each batch of buckets.
    _MENTIONS = "facts f INDEXED BY facts_merge_key JOIN documents d ON d.id = f.doc_id"

    def _mentions(self, columns: str, keys: Iterable[str], tail: str, args: list[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of the person mentions and unconfirmed names whose name key is one of ``keys``."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        yield from cursor.execute(
            f"SELECT {columns} FROM {self._MENTIONS} WHERE f.merge_key IN (SELECT value FROM {self.dialect.words})"
            f" AND f.scope = 'doc' {tail}", [self.dialect.word_list(list(keys)), *args])

    def mention_files(self, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(name key, file) of every document with a person mention of one of ``keys``."""
        yield from self._mentions("DISTINCT f.merge_key, d.file", keys, "AND f.kind = 'mention'", [])

    def mentions_in_order(self, keys: Iterable[str], kind: str) -> Iterator[StoredFact]:
        """The person mentions (``kind`` mention) or unconfirmed names (``name``) whose name key
        is one of ``keys``, in corpus order (file, then place in it), decoded one at a time: a
        merge reads a president's thousands of mentions without holding them."""
        loads = json.loads
        rows = self._mentions("f.id, f.doc_id, d.file, f.start, f.\"end\", f.text, f.data", keys,
                              "AND f.kind = ? ORDER BY d.file, f.start, f.\"end\", f.id", [kind])
        for i, doc_id, file, start, end, text, data in rows:
            yield StoredFact(i, kind, doc_id, file, (start, end), text, loads(data))

    def unkeyed_mentions(self) -> list[tuple[str, str]]:
        """(fact id, name) of the mentions and names stored before name keys existed."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        rows = cursor.execute("SELECT id, data FROM facts WHERE kind IN ('mention', 'name')"
                              " AND scope = 'doc' AND merge_key IS NULL")
        return [(i, json.loads(data).get("name", "")) for i, data in rows]

    def set_mention_keys(self, keys: Iterable[tuple[str, str]]) -> None:
        """Record (fact id, name key) for mentions stored before keys existed."""
        with self.transaction() as db:
            db.executemany("UPDATE facts SET merge_key = ? WHERE id = ?", [(k, i) for i, k in keys])

    @contextmanager
    def person_merge(self, done: Iterable[str], *, full: bool) -> Iterator[PersonWriter]:
        """One transaction for a person merge: yields the writer of the persons of some buckets
        (call it once per batch of buckets, reading their mentions in between).

        The writer is given every group key of its buckets and rewrites only the persons that
        changed: the rest keep their rows, so the keyword index and the rows of an unchanged
        person are not rewritten. A ``full`` merge also removes, at the end, the persons of
        every group key no write was given. ``done`` are the dirty name keys it accounts for.
        """
        seq = 0
        given: set[str] = set()

        def write(groups: Iterable[str], persons: Iterable[tuple[str | None, Fact]]) -> int:
            nonlocal seq
            groups = set(groups)
            rows = {f.id: (f.doc_id, *fact_row(f, key)) for key, f in persons}
            for stored in self._corpus_rows(groups):
                if rows.get(stored[1]) == stored:
                    del rows[stored[1]]  # unchanged: its row stays as it is
                else:
                    db.execute("DELETE FROM facts WHERE id = ?", (stored[1],))
            db.executemany(_FACT_INSERT, [(*row[1:3], row[0], *row[3:8], "corpus", seq + n, *row[8:])
                                          for n, row in enumerate(rows.values())])
            seq += len(rows)
            if full:
                given.update(groups)
            return len(rows)

        with self.transaction(changes_corpus=True) as db:
            if full:  # a person without a group key can only be replaced
                db.execute("DELETE FROM facts WHERE scope = 'corpus' AND merge_key IS NULL")
            yield write
            if full:
                stale = [(r[0],) for r in db.execute("SELECT DISTINCT merge_key FROM facts WHERE scope = 'corpus'"
                                                     " AND merge_key IS NOT NULL") if r[0] not in given]
                db.executemany("DELETE FROM facts WHERE scope = 'corpus' AND merge_key = ?", stale)
                db.execute("DELETE FROM meta WHERE key = 'person_merge'")
            db.executemany("DELETE FROM merge_dirty WHERE key = ?", [(k,) for k in done])

    def _corpus_rows(self, groups: Iterable[str]) -> list[tuple[Any, ...]]:
        """The stored persons of these group keys, as (doc id, *fact_row) tuples."""
        groups = list(groups)
        cursor = self.db.cursor()
        cursor.row_factory = None
        out: list[tuple[Any, ...]] = []
        for i in range(0, len(groups), 500):  # under SQLite's bound-parameter limit
            chunk = groups[i : i + 500]
            out += map(tuple, cursor.execute(f"SELECT {_PERSON_COLUMNS} FROM facts WHERE scope = 'corpus'"
                                             f" AND merge_key IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def replace_persons(self, persons: Iterable[tuple[str | None, Fact]], groups: Iterable[str] | None,
                        done: Iterable[str] = ()) -> None:
        """Store merged persons as (group key, person) at once: ``groups`` None replaces every
        person, else those of these group keys (see :meth:`person_merge`)."""
        persons = list(persons)
        with self.person_merge(done, full=groups is None) as write:
            write({key for key, _ in persons if key} if groups is None else groups, persons)

    def stale_documents(self, version: str) -> list[str]:
        """Ids of documents whose facts were made by another extractor version (or never)."""
        # Counted first, on indexes: on a scheduled run every document is usually current.
        current = self.db.execute("SELECT (SELECT count(*) FROM documents)"
                                  " = (SELECT count(*) FROM extraction WHERE version = ?)", (version,)).fetchone()[0]
        if current:
            return []
        rows = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN extraction e ON e.doc_id = d.id"
            " WHERE e.version IS NULL OR e.version != ? ORDER BY d.file",
            (version,),
        )
        return [r[0] for r in rows]

    def facts(self, kinds: Iterable[str] | None = None, doc_id: str | None = None) -> list[StoredFact]:
        sql = _FACT_SELECT
        where: list[str] = []
        args: list[Any] = []
        if kinds is not None:
            kinds = list(kinds)
            where.append(f"f.kind IN ({','.join('?' * len(kinds))})")
            args += kinds
        if doc_id is not None:
            where.append("f.doc_id = ?")
            args.append(doc_id)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.file, f.start, f.\"end\", f.kind"
        return self._stored(sql, args)

    def facts_by_id(self, ids: Iterable[str]) -> list[StoredFact]:
        """The facts with these ids (in no particular order)."""
        return self._facts_in("f.id", ids)

    def _facts_in(self, column: str, values: Iterable[str], condition: str = "") -> list[StoredFact]:
        values = list(values)
        out: list[StoredFact] = []
        for i in range(0, len(values), 500):  # under SQLite's bound-parameter limit
            chunk = values[i : i + 500]
            out += self._stored(_FACT_SELECT + f" WHERE {column} IN ({','.join('?' * len(chunk))}){condition}",
                                chunk)
        return out

    def _stored(self, sql: str, args: list[Any]) -> list[StoredFact]:
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: a brief over a large corpus reads many facts
        loads = json.loads
        with gc_paused():
            return [StoredFact(i, kind, doc_id, file, (start, end), text, loads(data))
                    for i, kind, doc_id, file, start, end, text, data in cursor.execute(sql, args)]

    # ------------------------------------------------------------------ selection

    def _where(self, q: FactQuery) -> tuple[str, list[Any]]:
        return where(q, SQLITE, _trigram_candidates if self._keywords_indexed() else None)

    def _facts_from(self, q: FactQuery) -> str:
        """The facts table of ``q``. Given documents, SQLite is told to start from them: without
        statistics its planner took the kind index and tested every event of a 10k corpus
        against a profile's names (5.8 s), not the few hundred facts of the cited documents."""
        return "facts f INDEXED BY facts_doc" if q.doc_ids and not q.ids else "facts f"

    def select_facts(self, q: FactQuery) -> list[Fact]:
        """The facts ``q`` asks for, typed, in its order: the only facts a brief decodes."""
        cond, args = self._where(q)
        dated = q.order == "dated"
        columns = _TYPED_COLUMNS + (f", coalesce({DATE}, '') AS day" if dated else "")
        base = f"SELECT {columns} FROM {self._facts_from(q)} JOIN documents d ON d.id = f.doc_id WHERE {cond}"
        position = "file, start, \"end\", seq"
        outer = {"date": "date_value, ", "dated": "day, "}.get(q.order, "") + position
        # The N newest (or last by the date a fact is selected by): the N-th such date is found
        # first, without the documents whose file names order facts of one date, so that only
        # the facts of that date or later are joined and sorted (125k figures were, for 40).
        by_day = q.newest or (q.last if dated else 0)
        bound = self._date_bound(cond, args, by_day) if by_day else None
        if bound is not None:
            base += f" AND coalesce({DATE}, '') >= ?"
            args.append(bound)
        if q.last:
            sql = f"SELECT * FROM ({base} ORDER BY {order_by(q, descending=True)} LIMIT ?) f ORDER BY {outer}"
            args.append(q.last)
        elif q.newest:
            sql = (f"SELECT * FROM ({base} ORDER BY coalesce({DATE}, '') DESC, {order_by(q)} LIMIT ?) f"
                   f" ORDER BY {outer}")
            args.append(q.newest)
        elif q.first:
            sql = f"{base} ORDER BY {order_by(q)} LIMIT ?"
            args.append(q.first)
        else:
            sql = f"{base} ORDER BY {order_by(q)}"
        cursor = self.db.cursor()
        cursor.row_factory = None
        loads = json.loads
        return [typed_fact(kind, doc_id, (start, end), text, loads(data))
                for kind, doc_id, start, end, text, data, *_ in cursor.execute(sql, args)]

    def _date_bound(self, cond: str, args: list[Any], n: int) -> str | None:
        """The date (the fact's own, else its document's) of the ``n``-th newest fact matching
        ``cond``; None when fewer match.

        The ``n`` newest of the facts with a date of their own are read from the date index, and
        the ``n`` newest of the few without one apart; the ``n``-th of those is the ``n``-th of
        all. Computing every fact's date took 0.05 s for the 40 newest of 125k figures at 10k."""
        row = self.db.execute(
            "SELECT k FROM ("
            f"SELECT * FROM (SELECT f.date_value AS k FROM facts f WHERE ({cond}) AND f.date_value IS NOT NULL"
            " ORDER BY f.date_value DESC LIMIT ?) own UNION ALL "
            f"SELECT * FROM (SELECT coalesce({DATE}, '') AS k FROM facts f WHERE ({cond}) AND f.date_value IS NULL"
            " ORDER BY k DESC LIMIT ?) undated) bound ORDER BY k DESC LIMIT 1 OFFSET ?",
            [*args, n, *args, n, n - 1]).fetchone()
        return row[0] if row else None

    def count_facts(self, q: FactQuery) -> int:
        cond, args = self._where(q)
        sql = f"SELECT count(*) FROM {self._facts_from(q)} WHERE {cond}"
        return int(self.db.execute(sql, args).fetchone()[0])

    def person_rows(self, q: FactQuery) -> list[PersonRow]:
        """The persons ``q`` asks for, undecoded, in the order of their first mentions."""
        cond, args = self._where(q)
        cursor = self.db.cursor()
        cursor.row_factory = None
        rows = cursor.execute(f"SELECT f.id, f.label, f.names, f.titles, f.size FROM facts f"
                              f" JOIN documents d ON d.id = f.doc_id WHERE {cond} ORDER BY {order_by(q)}", args)
        return [PersonRow(i, name or "", frozenset((names or "").strip(SEP).split(SEP)), titles or 0, docs or 0)
                for i, name, names, titles, docs in rows]

    def speaker_counts(self, q: FactQuery) -> dict[str, int]:
        """How many facts ``q`` asks for each (lower-cased) speaker has."""
        cond, args = self._where(q)
        rows = self.db.execute(f"SELECT f.speaker, count(*) FROM {self._facts_from(q)}"
                               f" WHERE {cond} AND f.speaker IS NOT NULL GROUP BY f.speaker", args)
        return {r[0]: r[1] for r in rows}

    # ------------------------------------------------------------------ builds

    def last_build(self, brief: str) -> dict[str, Any] | None:
        row = self.db.execute(LAST_BUILD, (brief,)).fetchone()
        if row is None:
            return None
        return {
            "brief": row["brief"], "fingerprint": row["fingerprint"], "fact_ids": json.loads(row["fact_ids"]),
            "outputs": json.loads(row["outputs"]), "built_at": row["built_at"],
        }

    def record_build(self, brief: str, fingerprint: str, fact_ids: list[str], outputs: list[str]) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO builds VALUES (?,?,?,?,?)",
                (brief, fingerprint, json.dumps(fact_ids), json.dumps(outputs),
                 datetime.now(UTC).isoformat(timespec="microseconds")),
            )

    def fingerprint(self) -> str:
        """Changes whenever documents or facts change: every such write bumps a generation
        number, so this reads two rows however large the corpus."""
        return fingerprint_of(self.db.execute(FINGERPRINT).fetchone())

    def digests(self, ids: Iterable[str]) -> list[tuple[str, str]]:
        """(id, payload digest) of these facts, sorted: a build's content key."""
        out: list[tuple[str, str]] = []
        ids = list(ids)
        for i in range(0, len(ids), 500):  # under SQLite's bound-parameter limit
            chunk = ids[i : i + 500]
            out += self.db.execute(f"SELECT id, digest FROM facts WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        return sorted((r[0], r[1]) for r in out)

    def sources(self) -> dict[str, tuple[str, int, str]]:
        """Every recorded source file: path -> (digest, documents, stat), in one query."""
        cursor = self.db.cursor()
        cursor.row_factory = None  # plain tuples: a large corpus has a row per file
        return {r[0]: (r[1], r[2], r[3]) for r in cursor.execute("SELECT path, digest, documents, stat FROM sources")}

    def source(self, path: str) -> tuple[str, int, str] | None:
        """(digest, documents, stat) recorded for a source file whose articles are all stored."""
        row = self.db.execute("SELECT digest, documents, stat FROM sources WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def set_sources(self, items: Iterable[tuple[str, str, int, str]]) -> None:
        """Record (path, digest, documents, stat) of files ingested without an error."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO sources (path, digest, documents, stat) VALUES (?, ?, ?, ?)",
                           list(items))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute(META, (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def stats(self) -> dict[str, int]:
        out = {"documents": self.db.execute("SELECT count(*) FROM documents").fetchone()[0]}
        for kind, n in self.db.execute("SELECT kind, count(*) FROM facts GROUP BY kind"):
            out[kind] = n
        return out
