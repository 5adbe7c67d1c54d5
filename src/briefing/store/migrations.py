"""Schema migrations: named, ordered, each applied once in its own transaction and recorded.

Add a migration by appending to :data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            id          TEXT PRIMARY KEY,     -- content hash
            path        TEXT NOT NULL,        -- path as given when ingested
            file        TEXT NOT NULL,        -- source name shown to users
            fmt         TEXT NOT NULL,
            raw         TEXT NOT NULL,
            text        TEXT NOT NULL,
            title       TEXT,
            published   TEXT,                 -- JSON PublishedDate or NULL
            pub_value   TEXT,                 -- ISO value, for ordering and selection
            outlet      TEXT,
            author      TEXT,
            dateline    TEXT,
            url         TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX documents_source ON documents(path);
        """,
    ),
    (
        "0002_facts",
        """
        CREATE TABLE facts (
            id        TEXT PRIMARY KEY,
            kind      TEXT NOT NULL,
            doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start     INTEGER NOT NULL,
            end       INTEGER NOT NULL,
            text      TEXT NOT NULL,
            data      TEXT NOT NULL,          -- JSON payload of the kind's own fields
            scope     TEXT NOT NULL DEFAULT 'doc'  -- 'doc' (per document) or 'corpus'
        );
        CREATE INDEX facts_kind ON facts(kind);
        CREATE INDEX facts_doc ON facts(doc_id);
        CREATE TABLE extraction (
            doc_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            version   TEXT NOT NULL,          -- extractor version that produced the facts
            at        TEXT NOT NULL
        );
        """,
    ),
    (
        "0003_builds",
        """
        CREATE TABLE builds (
            brief       TEXT NOT NULL,        -- spec path or name
            fingerprint TEXT NOT NULL,        -- hash of everything the build read
            fact_ids    TEXT NOT NULL,        -- JSON list of included fact ids
            outputs     TEXT NOT NULL,        -- JSON list of written files
            built_at    TEXT NOT NULL,
            PRIMARY KEY (brief, built_at)
        );
        """,
    ),
    (
        "0004_meta",
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        "0005_sources",
        """
        -- Files whose every article is stored: a later ingest skips an unchanged file
        -- (same bytes) without parsing it (HTML extraction is the costly part).
        CREATE TABLE sources (
            path      TEXT PRIMARY KEY,
            digest    TEXT NOT NULL,
            documents INTEGER NOT NULL
        );
        """,
    ),
    (
        "0006_sources_stat",
        """
        -- Size and modification time of a recorded source: when both are unchanged the file
        -- is not even read (a no-op run over a large corpus costs a stat per file).
        ALTER TABLE sources ADD COLUMN stat TEXT NOT NULL DEFAULT '';
        """,
    ),
    (
        "0007_person_merge_keys",
        """
        -- Person mentions carry the name key persons are merged on, and persons their group
        -- key, so that adding an article re-merges only the persons whose names it touches.
        -- Keys of mentions added or removed since the last merge wait in merge_dirty (the
        -- triggers also fire on the cascade when a document is replaced).
        ALTER TABLE facts ADD COLUMN merge_key TEXT;
        CREATE INDEX facts_merge_key ON facts(merge_key) WHERE merge_key IS NOT NULL;
        CREATE TABLE merge_dirty (key TEXT PRIMARY KEY);
        CREATE TRIGGER facts_merge_key_added AFTER INSERT ON facts
            WHEN new.merge_key IS NOT NULL AND new.scope = 'doc'
            BEGIN INSERT OR IGNORE INTO merge_dirty VALUES (new.merge_key); END;
        CREATE TRIGGER facts_merge_key_removed AFTER DELETE ON facts
            WHEN old.merge_key IS NOT NULL AND old.scope = 'doc'
            BEGIN INSERT OR IGNORE INTO merge_dirty VALUES (old.merge_key); END;
        -- Mentions stored before this migration have no key yet: the next merge is a full one.
        INSERT OR REPLACE INTO meta VALUES ('person_merge', 'full');
        """,
    ),
]
MIGRATIONS += [
    (
        "0008_fact_columns",
        """
        -- The columns selection filters and sorts on (see store/columns.py), so that a brief
        -- reads only the facts it shows; filled for stored facts by the backfill that runs
        -- after this migration (they are computed in Python, like new facts' columns).
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
        ALTER TABLE facts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;  -- order of extraction
        DROP INDEX facts_kind;
        CREATE INDEX facts_kind_date ON facts(kind, scope, date_value);
        CREATE INDEX facts_speaker ON facts(kind, speaker) WHERE speaker IS NOT NULL;
        CREATE INDEX documents_published ON documents(pub_value);
        -- Keyword candidates: a trigram index over the searched text (detail=none keeps it
        -- small; it answers "has all these trigrams" and instr() decides).
        CREATE VIRTUAL TABLE facts_fts USING fts5(search, content='facts', content_rowid='rowid',
            tokenize='trigram', detail=none);
        CREATE TRIGGER facts_fts_added AFTER INSERT ON facts WHEN new.search IS NOT NULL
            BEGIN INSERT INTO facts_fts(rowid, search) VALUES (new.rowid, new.search); END;
        CREATE TRIGGER facts_fts_removed AFTER DELETE ON facts WHEN old.search IS NOT NULL
            BEGIN INSERT INTO facts_fts(facts_fts, rowid, search) VALUES ('delete', old.rowid, old.search); END;
        -- Bumped by every write of documents or facts: `build --all` compares it, not the facts.
        INSERT OR REPLACE INTO meta VALUES ('generation', '0');
        INSERT OR REPLACE INTO meta VALUES ('backfill_columns', 'pending');
        """,
    ),
]
MIGRATIONS += [
    (
        "0009_extraction_version",
        """
        -- A scheduled run asks whether every document's facts are current: counted on this index.
        CREATE INDEX extraction_version ON extraction(version);
        """,
    ),
]
MIGRATIONS += [
    (
        "0010_keyword_index_batched",
        """
        -- The trigram index is written once per transaction instead of once per fact: FTS5
        -- tokenises a batch in one statement about eight times faster than row by row (the
        -- index was 3 of the writer's 4 ms per article). Facts written wait in fts_pending;
        -- indexed facts removed wait in fts_gone with the text the index must forget; the
        -- store's write transaction applies both before it commits (Store._index_keywords),
        -- so readers never see a fact the index lacks.
        DROP TRIGGER facts_fts_added;
        DROP TRIGGER facts_fts_removed;
        CREATE TABLE fts_pending (rowid INTEGER PRIMARY KEY);
        CREATE TABLE fts_gone (rowid INTEGER PRIMARY KEY, search TEXT NOT NULL);
        CREATE TRIGGER facts_fts_added AFTER INSERT ON facts WHEN new.search IS NOT NULL
            BEGIN INSERT OR IGNORE INTO fts_pending VALUES (new.rowid); END;
        -- A fact written and removed in one transaction never reached the index.
        CREATE TRIGGER facts_fts_removed AFTER DELETE ON facts WHEN old.search IS NOT NULL
            BEGIN
                INSERT OR IGNORE INTO fts_gone SELECT old.rowid, old.search
                    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE rowid = old.rowid);
                DELETE FROM fts_pending WHERE rowid = old.rowid;
            END;
        """,
    ),
]
MIGRATIONS += [
    (
        "0011_speaker_scope_index",
        """
        -- Ranking persons counts the quotes of every speaker: with the scope in the index that
        -- count reads the index alone (0.5 s -> 0.02 s at 10k articles, 110k quotes).
        DROP INDEX facts_speaker;
        CREATE INDEX facts_speaker ON facts(kind, scope, speaker) WHERE speaker IS NOT NULL;
        """,
    ),
]
MIGRATIONS += [
    (
        "0012_kind_date_index_covers",
        """
        -- The timeline's filters read an event's measure (targets apart) and, for a fact without
        -- a date, its document: with both in the date index, counting 130k events and finding
        -- the targets read the index alone (0.7 s + 0.8 s -> 0.02 s + 0.04 s at 10k articles).
        DROP INDEX facts_kind_date;
        CREATE INDEX facts_kind_date ON facts(kind, scope, date_value, measure, doc_id);
        """,
    ),
]
MIGRATIONS += [
    (
        "0013_merge_key_index_covers",
        """
        -- Each person merge counts the stored mentions and names by name key: with the scope
        -- in the index that reads the index alone.
        DROP INDEX facts_merge_key;
        CREATE INDEX facts_merge_key ON facts(merge_key, scope) WHERE merge_key IS NOT NULL;
        """,
    ),
]
