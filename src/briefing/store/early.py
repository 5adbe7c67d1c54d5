"""What a scheduled run reads from a SQLite store before the rest of Briefing loads.

:mod:`briefing.noop` answers a run where nothing changed from one meta value, the store's
fingerprint and the reports of the briefs' last builds: three reads through the ``sqlite3``
module alone, without the store's models, migrations and decoders (a third of that answer's
start-up). The queries are the ones :class:`briefing.store.sqlite.Store` runs for the same
values.

    >>> import tempfile, pathlib
    >>> from briefing.store import Store
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.db"
    >>> with Store(path) as store:
    ...     store.set_meta("k", "v")
    ...     store.record_build("b.yaml", "f", [], ["out/b.md"])
    ...     expected = store.fingerprint()
    >>> with EarlyRead(path) as early:
    ...     early.meta("k"), early.outputs("b.yaml"), early.fingerprint() == expected
    ('v', ['out/b.md'], True)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

META = "SELECT value FROM meta WHERE key = ?"
FINGERPRINT = "SELECT (SELECT count(*) FROM documents), (SELECT value FROM meta WHERE key = 'generation')"
LAST_BUILD = "SELECT * FROM builds WHERE brief = ? ORDER BY built_at DESC LIMIT 1"
LAST_OUTPUTS = LAST_BUILD.replace("*", "outputs", 1)


def fingerprint_of(row: Any) -> str:
    """The fingerprint (see :meth:`Store.fingerprint`) from the row :data:`FINGERPRINT` reads."""
    return f"{row[0]}|{row[1]}"


class EarlyRead:
    """Reads of an existing SQLite store, in one read transaction (the caller holds its lock)."""

    def __init__(self, path: str | Path) -> None:
        self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self.db.execute("BEGIN")

    def __enter__(self) -> EarlyRead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def meta(self, key: str) -> str | None:
        row = self.db.execute(META, (key,)).fetchone()
        return row[0] if row else None

    def fingerprint(self) -> str:
        return fingerprint_of(self.db.execute(FINGERPRINT).fetchone())

    def outputs(self, brief: str) -> list[str]:
        """The reports the brief's last build wrote (none if it was never built)."""
        row = self.db.execute(LAST_OUTPUTS, (brief,)).fetchone()
        return json.loads(row[0]) if row else []
