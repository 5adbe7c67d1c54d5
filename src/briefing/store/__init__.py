"""The store: documents and facts, and the only package that runs SQL.

SQLite by default (:mod:`.sqlite`, one file); PostgreSQL (:mod:`.postgres`) when given a
``postgresql://`` URL. Both implement :class:`FactStore` and run the same named migrations.

    >>> store = open_store(":memory:")
    >>> store.stats()["documents"]
    0
"""

from __future__ import annotations

from pathlib import Path

from .protocol import FactRow, FactStore
from .query import FactQuery, PersonRow
from .sqlite import Store, fact_row, fact_rows

__all__ = ["FactQuery", "FactRow", "FactStore", "PersonRow", "Store", "fact_row", "fact_rows", "open_store"]


def open_store(target: str | Path) -> FactStore:
    """The store at ``target``: a ``postgresql://`` URL opens PostgreSQL, anything else is the
    path of a SQLite file (created when missing)."""
    if isinstance(target, str) and target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target)
    return Store(target)
