//! The SQLite side: schema, migrations and the generation counter.
//!
//! `meta.schema_version` names the schema; [`migrate`] brings any older store up to
//! [`SCHEMA_VERSION`] step by step, each step in its own transaction. `meta.generation` counts
//! committed write batches; the search index records the generation it has seen in its commit
//! payload, so opening a store can tell in O(1) whether the index may lag SQLite.

use crate::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 5;

const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,          -- ingest order
    source TEXT NOT NULL UNIQUE,     -- the input as named
    hash TEXT NOT NULL UNIQUE,       -- content hash of the decoded text (BLAKE3 from version 3)
    rev INTEGER NOT NULL,            -- bumped when the content at this source changes
    text TEXT NOT NULL,              -- the decoded page
    body TEXT NOT NULL,              -- the clean body (paragraphs joined by blank lines)
    title TEXT,
    outlet TEXT,
    published TEXT,
    day INTEGER,                     -- YYYYMMDD of the article's date, for ranges
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_day ON articles(day);
CREATE TABLE analyses (article_id INTEGER PRIMARY KEY REFERENCES articles(id), json TEXT NOT NULL);
CREATE TABLE entities (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(kind, name));
CREATE TABLE mentions (
    article_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE events (
    id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, kind TEXT NOT NULL, date TEXT,
    participants TEXT NOT NULL,      -- JSON array of names
    place TEXT, status TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,          -- shown as s<id>
    title TEXT NOT NULL, first_date TEXT, last_date TEXT,
    outlets TEXT NOT NULL            -- JSON array
);
CREATE TABLE story_articles (
    article_id INTEGER PRIMARY KEY, story_id INTEGER NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);
INSERT INTO meta VALUES ('schema_version', '1'), ('generation', '0');
";

/// Version 2: the engine's story timelines, computed at read time (never while ingesting) and
/// kept until the story's membership changes. `fingerprint` names what they were built from:
/// the timeline rules' version and the sorted member article ids with their revisions.
const V2: &str = "
CREATE TABLE story_timelines (
    story_id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    json TEXT NOT NULL,              -- JSON array of timeline entries
    built_at TEXT NOT NULL
);
";

/// Version 3: content identity by BLAKE3 (256 bits, hex) instead of FNV-1a 128, and `hash`
/// no longer UNIQUE: two sources may hold the same text after an edit (source A edited to what
/// B says). The table is rebuilt (SQLite cannot drop a constraint) and every hash recomputed
/// from the stored text by [`rehash`].
const V3: &str = "
CREATE TABLE articles_v3 (
    id INTEGER PRIMARY KEY,          -- ingest order
    source TEXT NOT NULL UNIQUE,     -- the input as named
    hash TEXT NOT NULL,              -- BLAKE3 of the decoded text, hex
    rev INTEGER NOT NULL,            -- bumped when the content at this source changes
    text TEXT NOT NULL,              -- the decoded page
    body TEXT NOT NULL,              -- the clean body (paragraphs joined by blank lines)
    title TEXT,
    outlet TEXT,
    published TEXT,
    day INTEGER,                     -- YYYYMMDD of the article's date, for ranges
    ingested_at TEXT NOT NULL
);
INSERT INTO articles_v3 SELECT id, source, hash, rev, text, body, title, outlet, published, day, ingested_at FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v3 RENAME TO articles;
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_hash ON articles(hash);
";

/// Version 4: saved searches ([`crate::saved`]): a name, a query with the filters the search
/// takes, and the last visit's watermark (`seen_through`: the newest article id stored when it
/// was last marked seen; articles are numbered in ingest order, so what is new since is
/// `id > seen_through`). They live in the data directory's SQLite file, not in PostgreSQL.
const V4: &str = "
CREATE TABLE IF NOT EXISTS saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query TEXT NOT NULL,
    outlet TEXT,
    entity TEXT,
    from_day TEXT,                   -- YYYY-MM-DD
    to_day TEXT,                     -- YYYY-MM-DD
    created_at TEXT NOT NULL,
    seen_through INTEGER NOT NULL,   -- the newest article id at the last visit
    seen_at TEXT NOT NULL
);
";

/// Version 5: a saved search may also filter by event type (`meeting`, `arrest`, ...): the
/// column `saved_searches.event_type`, added by [`add_saved_event_type`] unless already there.
const V5: &str = "";

/// One migration step: SQL, then (optionally) work done in Rust in the same transaction.
struct Step {
    sql: &'static str,
    after: Option<fn(&Connection) -> Result<()>>,
}

/// The migrations, in order: `MIGRATIONS[i]` takes a store from version i to i + 1.
const MIGRATIONS: &[Step] = &[
    Step { sql: V1, after: None },
    Step { sql: V2, after: None },
    Step { sql: V3, after: Some(rehash) },
    Step { sql: V4, after: None },
    Step { sql: V5, after: Some(add_saved_event_type) },
];

/// Add `saved_searches.event_type` (migration 5) if the table lacks it.
fn add_saved_event_type(conn: &Connection) -> Result<()> {
    let has: i64 = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('saved_searches') WHERE name = 'event_type'",
        [],
        |r| r.get(0),
    )?;
    if has == 0 {
        conn.execute_batch("ALTER TABLE saved_searches ADD COLUMN event_type TEXT;")?;
    }
    Ok(())
}

/// Recompute every article's content hash with [`content_hash`] (migration 3).
fn rehash(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut st = conn.prepare("SELECT id, text FROM articles")?;
        st.query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut up = conn.prepare("UPDATE articles SET hash = ?2 WHERE id = ?1")?;
    for (id, text) in rows {
        up.execute(params![id, content_hash(&text)])?;
    }
    Ok(())
}

pub fn open(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // In WAL mode NORMAL loses no committed transaction when the process dies (only on
    // power loss may the last ones roll back, still consistently).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Off while migrating: a table rebuild drops the old table under its references.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    migrate(&conn)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    let has_meta: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'meta'", [], |r| {
            r.get(0)
        })?;
    if !has_meta {
        return Ok(0);
    }
    let v: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

fn migrate(conn: &Connection) -> Result<()> {
    let mut version = schema_version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found: version, supported: SCHEMA_VERSION });
    }
    while version < SCHEMA_VERSION {
        let tx = conn.unchecked_transaction()?;
        let step = &MIGRATIONS[version as usize];
        tx.execute_batch(step.sql)?;
        if let Some(after) = step.after {
            after(&tx)?;
        }
        version += 1;
        tx.execute("UPDATE meta SET value = ?1 WHERE key = 'schema_version'", params![version.to_string()])?;
        tx.commit()?;
    }
    Ok(())
}

pub fn generation(conn: &Connection) -> Result<u64> {
    let v: String = conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get(0))?;
    v.parse().map_err(|_| StoreError::Corrupt(format!("meta.generation is {v:?}, not a number")))
}

/// BLAKE3 of the text, as 64 hex digits: the content identity of an article.
pub fn content_hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version-2 store (FNV hashes, hash UNIQUE) opens as version 3: every hash is the
    /// BLAKE3 of its text and two articles may share one.
    #[test]
    fn migration_3_rehashes_and_drops_unique() {
        let dir = std::env::temp_dir().join(format!("warta-db-v2-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("warta.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(V1).unwrap();
            conn.execute_batch(V2).unwrap();
            conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'", []).unwrap();
            conn.execute(
                "INSERT INTO articles (source, hash, rev, text, body, ingested_at)
                 VALUES ('a.txt', '0123456789abcdef0123456789abcdef', 1, 'Teks A', 'Teks A', 'now')",
                [],
            )
            .unwrap();
            conn.execute("INSERT INTO analyses VALUES (1, '{}')", []).unwrap();
        }
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let hash: String = conn.query_row("SELECT hash FROM articles WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(hash, content_hash("Teks A"));
        assert_eq!(hash.len(), 64);
        conn.execute(
            "INSERT INTO articles (source, hash, rev, text, body, ingested_at) VALUES ('b.txt', ?1, 1, 'Teks A', 'Teks A', 'now')",
            params![hash],
        )
        .expect("two sources may hold the same content");
        let analyses: i64 = conn.query_row("SELECT count(*) FROM analyses", [], |r| r.get(0)).unwrap();
        assert_eq!(analyses, 1, "the rebuild keeps what references articles");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
