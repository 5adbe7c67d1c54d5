"""The store: documents and facts, and the only package that runs SQL.

SQLite by default (:mod:`.sqlite`, one file); PostgreSQL (:mod:`.postgres`) when given a
``postgresql://`` URL. Both implement :class:`FactStore` and run the same named migrations.
The names below load their modules on first use, so that :mod:`.early` (what a scheduled run
reads before the rest of Briefing loads) does not pay for the whole store.

    >>> store = open_store(":memory:")
    >>> store.stats()["documents"]
    0
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .protocol import FactRow, FactStore
    from .query import FactQuery, PersonRow
    from .sqlite import Store, fact_row, fact_rows

__all__ = ["FactQuery", "FactRow", "FactStore", "PersonRow", "Store", "fact_row", "fact_rows", "open_store"]

_MODULE_OF = {"FactRow": "protocol", "FactStore": "protocol", "FactQuery": "query", "PersonRow": "query",
              "Store": "sqlite", "fact_row": "sqlite", "fact_rows": "sqlite"}


def open_store(target: str | Path) -> FactStore:
    """The store at ``target``: a ``postgresql://`` URL opens PostgreSQL, anything else is the
    path of a SQLite file (created when missing)."""
    if isinstance(target, str) and target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target)
    from .sqlite import Store

    return Store(target)


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
        globals()[name] = value  # once: later lookups are plain module attributes
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
