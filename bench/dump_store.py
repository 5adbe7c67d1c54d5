"""Everything a SQLite store holds that a speed change of the ingest must not alter, as JSON
lines: documents (all but the ingest time), facts (every column, with their rowids), extraction
rows (all but the time), sources, meta, the queues of the person merge and of the keyword
index, keyword matches (through the trigram index and by a full scan), the trigram index's
integrity check and the schema. Ingest a corpus with two versions of the code, then `cmp`:

    .venv/bin/brief ingest /tmp/corpus-1k --jobs 2 --store /tmp/a.db
    .venv/bin/python bench/dump_store.py /tmp/a.db > /tmp/a.dump
"""

from __future__ import annotations

import json
import sqlite3
import sys

# Frequent and rare words of generated and real news (three letters: one trigram).
KEYWORDS = ("minister", "election", "percent", "police", "bank", "said", "the", "vote", "war", "oil",
            "court", "health")


def _rows(db: sqlite3.Connection, sql: str) -> None:
    for row in db.execute(sql):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _columns(db: sqlite3.Connection, table: str, leave_out: tuple[str, ...] = ()) -> str:
    return ", ".join(f'"{r[1]}"' for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in leave_out)


def _keywords(db: sqlite3.Connection) -> None:
    for word in KEYWORDS:
        match = " AND ".join(f'"{word[i:i + 3]}"' for i in range(len(word) - 2))
        found = [r[0] for r in db.execute(
            "SELECT id FROM facts WHERE rowid IN (SELECT rowid FROM facts_fts WHERE facts_fts MATCH ?)"
            " AND instr(search, ?) ORDER BY id", (match, word))]
        scanned = [r[0] for r in db.execute("SELECT id FROM facts WHERE instr(search, ?) ORDER BY id", (word,))]
        sys.stdout.write(json.dumps([word, found == scanned, len(found), found]) + "\n")


def main(path: str) -> None:
    db = sqlite3.connect(path)
    sections = {
        "documents": f"SELECT {_columns(db, 'documents', ('ingested_at',))} FROM documents ORDER BY path",
        "facts": f"SELECT rowid, {_columns(db, 'facts')} FROM facts ORDER BY rowid",
        "extraction": "SELECT doc_id, version FROM extraction ORDER BY doc_id",
        "sources": "SELECT * FROM sources ORDER BY path",
        "meta": "SELECT * FROM meta ORDER BY key",
        "merge_dirty": "SELECT * FROM merge_dirty ORDER BY key",
        "fts_pending": "SELECT * FROM fts_pending ORDER BY rowid",
        "fts_gone": "SELECT * FROM fts_gone ORDER BY rowid",
    }
    for name, sql in sections.items():
        sys.stdout.write(f"## {name}\n")
        _rows(db, sql)
    sys.stdout.write("## keywords\n")
    _keywords(db)
    sys.stdout.write("## integrity\n")
    db.execute("INSERT INTO facts_fts(facts_fts) VALUES ('integrity-check')")  # raises when broken
    _rows(db, "PRAGMA integrity_check")
    sys.stdout.write("## schema\n")
    _rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name")


if __name__ == "__main__":
    main(sys.argv[1])
