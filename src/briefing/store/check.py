"""An integrity check of a store file, for error messages that suspect damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def quick_check(path: str | Path, limit: int = 3) -> str:
    """The first ``limit`` problems ``PRAGMA quick_check`` finds, ``ok``, or why it could not run.

    Opened read-only, so checking never makes matters worse::

        >>> import tempfile
        >>> db = Path(tempfile.mkdtemp()) / "c.db"
        >>> sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
        >>> quick_check(db)
        'ok'
    """
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute(f"PRAGMA quick_check({int(limit) + 1})").fetchall()
        finally:
            db.close()
    except sqlite3.Error as exc:
        return f"could not run ({exc})"
    # One problem per line, under "*** in database main ***" headings: one line for messages.
    problems = [line.strip() for r in rows for line in str(r[0]).splitlines()
                if line.strip() and not line.startswith("***")]
    return "; ".join(problems[:limit]) + ("; …" if len(problems) > limit else "")
