"""The PostgreSQL store (psycopg 3): the SQLite store's queries, spoken in PostgreSQL.

Every query of :class:`briefing.store.Store` is written once, in SQLite's spelling; this module
translates the few forms that differ (placeholders, ``INSERT OR REPLACE`` / ``OR IGNORE`` as
``ON CONFLICT``, ``instr``) and runs the PostgreSQL form of the named migrations. Writes are
idempotent on content-hash keys, so ingests running at once on several machines into one
database neither duplicate nor lose a document. ``build --all`` holds an advisory lock::

    store = PostgresStore("postgresql://briefing@db/briefing")
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from ..errors import BriefingError, LockedError
from ..models import Document
from .early import RUN_LOCK as _RUN_LOCK
from .pg_migrations import PG_MIGRATIONS
from .protocol import FactRow
from .query import Dialect, FactQuery, where
from .sqlite import _DOCUMENT_INSERT, _FACT_COLUMNS, Store, _now, doc_fact_rows, document_row

POSTGRES = Dialect(words="unnest(CAST(? AS text[])) AS w(value)", word_list=list)

# Primary key and columns of the tables written with INSERT OR REPLACE.
_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "facts": (("id",), ()),
    "extraction": (("doc_id",), ("doc_id", "version", "at")),
    "builds": (("brief", "built_at"), ("brief", "fingerprint", "fact_ids", "outputs", "built_at")),
    "sources": (("path",), ("path", "digest", "documents", "stat")),
    "meta": (("key",), ("key", "value")),
}
_REPLACE = re.compile(r"INSERT OR REPLACE INTO (\w+)\s*(?:\(([^)]*)\))?\s*VALUES", re.S)
_IGNORE = re.compile(r"INSERT OR IGNORE INTO (\w+)", re.S)


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """One query of the SQLite store in PostgreSQL's spelling.

    >>> translate("INSERT OR REPLACE INTO meta VALUES (?, ?)")
    'INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value'
    """
    tail = ""
    m = _REPLACE.search(sql)
    if m:
        table, listed = m.group(1), m.group(2)
        key, known = _TABLES[table]
        columns = tuple(c.strip().strip('"') for c in listed.split(",")) if listed else known
        update = ", ".join(f'"{c}" = EXCLUDED."{c}"' if c == "end" else f"{c} = EXCLUDED.{c}"
                           for c in columns if c not in key)
        sql = sql[:m.start()] + f"INSERT INTO {table} ({', '.join(_quoted(c) for c in columns)}) VALUES" + sql[m.end():]
        tail = f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {update}"
    elif _IGNORE.search(sql):
        sql = _IGNORE.sub(r"INSERT INTO \1", sql)
        tail = " ON CONFLICT DO NOTHING"
    sql = sql.replace("?", "%s").replace("instr(", "strpos(")
    return sql.rstrip().rstrip(";") + tail


def _quoted(column: str) -> str:
    return f'"{column}"' if column == "end" else column


def _trigram_candidates(keywords: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Facts whose searched text contains some keyword, spelled as ``LIKE`` so that pg_trgm's
    GIN index (migration 0010) answers it; the same test as strpos, which still decides.

    >>> _trigram_candidates(("50%",))
    ('(f.search LIKE ?)', ['%50\\\\%%'])
    """
    def pattern(word: str) -> str:
        return "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    return "(" + " OR ".join("f.search LIKE ?" for _ in keywords) + ")", [pattern(k) for k in keywords]


class _Row(tuple):
    """A result row readable by position and by column name, as sqlite3.Row is."""

    names: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)


def _row_factory(cursor: Any) -> Any:
    names = {c.name: i for i, c in enumerate(cursor.description or ())}
    row_class = type("Row", (_Row,), {"names": names})
    return lambda values: row_class(values)


class _Cursor:
    def __init__(self, conn: Any) -> None:
        self.cursor = conn.cursor(row_factory=_row_factory)
        self.row_factory: Any = None  # accepted and ignored: rows are tuples already

    def execute(self, sql: str, args: Sequence[Any] = ()) -> _Cursor:
        self.cursor.execute(translate(sql), list(args) or None)
        return self

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.cursor.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.cursor)


class _Connection:
    """The part of sqlite3.Connection the store uses, over a psycopg connection."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)

    def cursor(self) -> _Cursor:
        return _Cursor(self.conn)

    def execute(self, sql: str, args: Sequence[Any] = ()) -> _Cursor:
        return _Cursor(self.conn).execute(sql, args)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [list(r) for r in rows]
        if rows:  # psycopg pipelines executemany: one round trip for the batch
            with self.conn.cursor() as cur:
                cur.executemany(translate(sql), rows)

    def copy(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
        """Rows into ``table`` with COPY: one stream, no statement per row."""
        with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def close(self) -> None:
        self.conn.close()


class PostgresStore(Store):
    """A corpus in a PostgreSQL database (see the module docs)."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:  # noqa: super().__init__ opens SQLite; this opens PostgreSQL
        import psycopg

        self.path = url
        try:
            self.db = _Connection(url)  # type: ignore[assignment]
            self._migrate()
        except psycopg.Error as exc:
            raise BriefingError(f"cannot open store: {exc}", path=_shown(url)) from exc

    def _begin(self) -> None:
        """Write transactions begin one at a time per database, like SQLite's: concurrent upserts of
        the same keys in different orders would deadlock, and the parallel part of an ingest
        is the extraction, not the batched writes."""
        self.db.execute("BEGIN")
        self.db.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))

    def _migrate(self) -> None:
        # One migration at a time across machines: the first to come applies it.
        self.db.execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
        try:
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {r[0] for r in self.db.execute("SELECT name FROM migrations")}
            for name, sql in PG_MIGRATIONS:
                if name in done:
                    continue
                with self.transaction() as db:
                    cast(_Connection, db).conn.execute(sql)  # a whole script: function bodies hold semicolons
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))
        finally:
            self.db.execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))

    def integrity_ok(self) -> bool:
        return True  # the server keeps its own pages consistent (checksums, WAL)

    def _where(self, q: FactQuery) -> tuple[str, list[Any]]:
        return where(q, POSTGRES, _trigram_candidates)

    def _index_keywords(self) -> None:
        pass  # the server keeps its GIN trigram index itself (migration 0010)

    def defer_indexes(self) -> None:
        pass  # COPY and the server's own index maintenance: nothing measured to gain yet

    def restore_indexes(self) -> None:
        pass

    def _facts_from(self, q: FactQuery) -> str:
        return "facts f"  # the server's planner keeps statistics of its own

    _MENTIONS = "facts f JOIN documents d ON d.id = f.doc_id"  # the server's planner chooses

    def put_documents(self, items: Iterable[tuple[Document, list[FactRow]]], extractor_version: str) -> int:
        """A batch in one transaction, in a few statements: the earlier versions of its files and
        its documents' old facts removed, documents and extraction rows upserted, facts sent
        with COPY (a statement per fact cost the client and the server more than extracting)."""
        items = list(items)
        docs = [doc for doc, _ in items]
        if len({d.path for d in docs}) < len(docs) or len({d.id for d in docs}) < len(docs):
            return super().put_documents(items, extractor_version)  # one after another, as given
        ids = [d.id for d in docs]
        # Keyed by id, the last one kept: what INSERT OR REPLACE does one row at a time.
        facts = {row[0]: row for doc, rows in items for row in doc_fact_rows(doc.id, rows)}
        with self.transaction(changes_corpus=True) as db:
            db.execute("DELETE FROM documents d USING unnest(CAST(? AS text[]), CAST(? AS text[])) AS n(path, id)"
                       " WHERE d.path = n.path AND d.id <> n.id", ([d.path for d in docs], ids))
            # Another machine may have stored the same content meanwhile: its row stays.
            db.executemany(_DOCUMENT_INSERT + " ON CONFLICT DO NOTHING", [document_row(d) for d in docs])
            db.execute("DELETE FROM facts WHERE doc_id = ANY(CAST(? AS text[])) AND scope = 'doc'", (ids,))
            cast(_Connection, db).copy("facts", _FACT_COLUMNS, facts.values())
            now = _now()
            db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?)",
                           [(i, extractor_version, now) for i in ids])
        return len(docs)

    def _put_document(self, db: Any, doc: Document) -> None:
        # Another machine may store the same content at the same moment: the content hash is
        # the key, so the second insert finds it there and does nothing (its facts upsert).
        db.execute("DELETE FROM documents WHERE (path = ? OR id = ?) AND id != ?", (doc.path, doc.id, doc.id))
        Store._put_document_row(db, doc, " ON CONFLICT DO NOTHING")


@contextmanager
def advisory_lock(url: str, wait: float = 0.0) -> Iterator[None]:
    """The run lock of the store at ``url`` (``build --all``): a PostgreSQL advisory lock held
    by a session of its own, so two scheduled runs on two machines never build at once. The
    server drops it if the process dies."""
    import time

    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        deadline = time.monotonic() + max(wait, 0.0)
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (_RUN_LOCK,)).fetchone()[0]:  # type: ignore[index]
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"another brief run holds the lock{f' (waited {wait:g}s)' if wait else ''}; "
                    "try again later or pass --wait SECONDS", path=_shown(url))
            time.sleep(0.05)
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_RUN_LOCK,))


# Advisory lock keys (any 64-bit numbers of our own).
_MIGRATION_LOCK = 0x6272_6965_666D_6967  # "briefmig"
_WRITE_LOCK = 0x6272_6965_6677_7274  # "briefwrt"


def _shown(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
