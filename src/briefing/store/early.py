"""What a scheduled run reads from a store before the rest of Briefing loads.

:mod:`briefing.noop` answers a run where nothing changed from one meta value, the store's
fingerprint, the briefs' last builds and the few meta values a run reads besides: a handful
of reads through the ``sqlite3`` module (or psycopg, for a PostgreSQL store) alone, without
the store's models, migrations and decoders (a third of that answer's start-up). The queries
are the ones :class:`briefing.store.sqlite.Store` runs for the same values.

    >>> import tempfile, pathlib
    >>> from briefing.store import Store
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.db"
    >>> with Store(path) as store:
    ...     store.set_meta("k", "v")
    ...     store.record_build("b.yaml", "f", [], ["out/b.md"])
    ...     expected = store.fingerprint()
    >>> with EarlyRead(path) as early:
    ...     early.meta("k"), early.outputs("b.yaml"), early.fingerprint() == expected, early.merge_pending()
    ('v', ['out/b.md'], True, False)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

META = "SELECT value FROM meta WHERE key = ?"
FINGERPRINT = "SELECT (SELECT count(*) FROM documents), (SELECT value FROM meta WHERE key = 'generation')"
LAST_BUILD = "SELECT * FROM builds WHERE brief = ? ORDER BY built_at DESC LIMIT 1"
LAST_OUTPUTS = LAST_BUILD.replace("*", "outputs", 1)
LAST_BUILT = LAST_BUILD.replace("*", "built_at, fingerprint", 1)
MERGE_PENDING = "SELECT EXISTS (SELECT 1 FROM merge_dirty)"
# The run lock of a PostgreSQL store (an advisory lock key of our own: "briefrun").
RUN_LOCK = 0x6272_6965_6672_756E


def fingerprint_of(row: Any) -> str:
    """The fingerprint (see :meth:`Store.fingerprint`) from the row :data:`FINGERPRINT` reads."""
    return f"{row[0]}|{row[1]}"


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class _Reads:
    """The reads of an early answer, over one query method of the engine's."""

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        raise NotImplementedError

    def meta(self, key: str) -> str | None:
        row = self._one(META, (key,))
        return row[0] if row else None

    def fingerprint(self) -> str:
        return fingerprint_of(self._one(FINGERPRINT))

    def outputs(self, brief: str) -> list[str]:
        """The reports the brief's last build wrote (none if it was never built)."""
        row = self._one(LAST_OUTPUTS, (brief,))
        return json.loads(row[0]) if row else []

    def built(self, brief: str) -> str:
        """When the brief was last built, and its build key: another machine's build shows here."""
        row = self._one(LAST_BUILT, (brief,))
        return f"{row[0]}|{row[1]}" if row else ""

    def merge_pending(self) -> bool:
        """Mentions stored since the last person merge (a run stopped before its merge)."""
        return bool(self._one(MERGE_PENDING)[0])


class EarlyRead(_Reads):
    """Reads of an existing SQLite store, in one read transaction (the caller holds its lock)."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.execute("BEGIN")

    def __enter__(self) -> EarlyRead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        return self.db.execute(sql, args).fetchone()


class EarlyPostgres(_Reads):
    """Reads of a PostgreSQL store in one snapshot, holding its run lock (see :func:`if_free`)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), args or None).fetchone()

    @staticmethod
    @contextmanager
    def if_free(url: str) -> Iterator[EarlyPostgres | None]:
        """The store's reads while this session holds the run lock that ``ingest`` and ``build``
        take on every machine, or None at once if a run holds it (the full run waits, --wait).
        The lock is taken before the snapshot, so the snapshot sees every run that finished."""
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            if not conn.execute("SELECT pg_try_advisory_lock(%s)", (RUN_LOCK,)).fetchone()[0]:  # type: ignore[index]
                yield None
                return
            try:
                conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                yield EarlyPostgres(conn)
            finally:
                # Released here, not by closing the session: the server ends a closed session
                # a moment later, and a run starting at once would find the lock still held.
                conn.execute("ROLLBACK")
                conn.execute("SELECT pg_advisory_unlock(%s)", (RUN_LOCK,))
