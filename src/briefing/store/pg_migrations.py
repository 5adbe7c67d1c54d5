"""The named migrations of :mod:`briefing.store.migrations`, in PostgreSQL's dialect.

Same names, same order, same resulting tables: most scripts run as they are; the few that use
SQLite-only syntax (a column named ``end``, triggers, the FTS5 table) have their PostgreSQL
form here. Text columns compare byte-wise (``COLLATE "C"``), as SQLite's do, so that ordering by
file names and ISO dates is the same on both engines.
"""

from __future__ import annotations

from .migrations import MIGRATIONS

_OWN: dict[str, str] = {
    "0002_facts": """
        CREATE TABLE facts (
            id        TEXT PRIMARY KEY,
            kind      TEXT NOT NULL,
            doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start     INTEGER NOT NULL,
            "end"     INTEGER NOT NULL,
            text      TEXT NOT NULL,
            data      TEXT NOT NULL,
            scope     TEXT NOT NULL DEFAULT 'doc'
        );
        CREATE INDEX facts_kind ON facts(kind);
        CREATE INDEX facts_doc ON facts(doc_id);
        CREATE TABLE extraction (
            doc_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version   TEXT NOT NULL,
            at        TEXT NOT NULL
        );
        """,
    "0007_person_merge_keys": """
        ALTER TABLE facts ADD COLUMN merge_key TEXT;
        CREATE INDEX facts_merge_key ON facts(merge_key) WHERE merge_key IS NOT NULL;
        CREATE TABLE merge_dirty (key TEXT PRIMARY KEY);
        CREATE FUNCTION facts_merge_key_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.merge_key IS NOT NULL AND OLD.scope = 'doc' THEN
                INSERT INTO merge_dirty VALUES (OLD.merge_key) ON CONFLICT DO NOTHING;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.merge_key IS NOT NULL AND NEW.scope = 'doc' THEN
                INSERT INTO merge_dirty VALUES (NEW.merge_key) ON CONFLICT DO NOTHING;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER facts_merge_key_dirty AFTER INSERT OR UPDATE OR DELETE ON facts
            FOR EACH ROW EXECUTE FUNCTION facts_merge_key_dirty();
        INSERT INTO meta VALUES ('person_merge', 'full')
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
        """,
    # No FTS5: keywords are matched with strpos() on the indexed kind's rows.
    "0008_fact_columns": """
        ALTER TABLE facts ADD COLUMN date_value TEXT;
        ALTER TABLE facts ADD COLUMN date_end TEXT;
        ALTER TABLE facts ADD COLUMN precision TEXT;
        ALTER TABLE facts ADD COLUMN label TEXT;
        ALTER TABLE facts ADD COLUMN speaker TEXT;
        ALTER TABLE facts ADD COLUMN names TEXT;
        ALTER TABLE facts ADD COLUMN search TEXT;
        ALTER TABLE facts ADD COLUMN measure TEXT;
        ALTER TABLE facts ADD COLUMN size INTEGER;
        ALTER TABLE facts ADD COLUMN titles INTEGER;
        ALTER TABLE facts ADD COLUMN digest TEXT NOT NULL DEFAULT '';
        ALTER TABLE facts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        DROP INDEX facts_kind;
        CREATE INDEX facts_kind_date ON facts(kind, scope, date_value);
        CREATE INDEX facts_speaker ON facts(kind, speaker) WHERE speaker IS NOT NULL;
        CREATE INDEX documents_published ON documents(pub_value);
        INSERT INTO meta VALUES ('generation', '0') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
        """,
    # The keyword index: pg_trgm's GIN trigram index answers `search LIKE '%word%'` (the
    # PostgreSQL store adds that candidate test beside strpos). The extension ships with
    # PostgreSQL's contrib and is trusted (a database owner may create it); where it is
    # missing, keywords are matched by scanning the kind's rows, as before.
    "0010_keyword_index_batched": """
        DO $$ BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'pg_trgm unavailable (%): keywords are matched without an index', SQLERRM;
        END $$;
        DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                CREATE INDEX facts_search_trgm ON facts USING gin (search gin_trgm_ops);
            END IF;
        END $$;
        """,
}


def _collated(sql: str) -> str:
    return sql.replace(" TEXT", ' TEXT COLLATE "C"')


PG_MIGRATIONS: list[tuple[str, str]] = [(name, _collated(_OWN.get(name, sql))) for name, sql in MIGRATIONS]
