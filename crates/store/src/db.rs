//! The SQLite side: schema, migrations and the generation counter.
//!
//! `meta.schema_version` names the schema; [`migrate`] brings any older store up to
//! [`SCHEMA_VERSION`] step by step, each step in its own transaction. `meta.generation` counts
//! committed write batches; the search index records the generation it has seen in its commit
//! payload, so opening a store can tell in O(1) whether the index may lag SQLite.

use anyhow::{Result, bail};
use rusqlite::{Connection, OptionalExtension, params};

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 2;

const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,          -- ingest order
    source TEXT NOT NULL UNIQUE,     -- the input as named
    hash TEXT NOT NULL UNIQUE,       -- FNV-1a 128 of the decoded text
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

/// The migrations, in order: `MIGRATIONS[i]` takes a store from version i to i + 1.
const MIGRATIONS: &[&str] = &[V1, V2];

pub fn open(path: &std::path::Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // In WAL mode NORMAL loses no committed transaction when the process dies (only on
    // power loss may the last ones roll back, still consistently).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&conn)?;
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
        bail!("the store has schema version {version}, newer than this warta ({SCHEMA_VERSION}); upgrade warta");
    }
    while version < SCHEMA_VERSION {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(MIGRATIONS[version as usize])?;
        version += 1;
        tx.execute("UPDATE meta SET value = ?1 WHERE key = 'schema_version'", params![version.to_string()])?;
        tx.commit()?;
    }
    Ok(())
}

pub fn generation(conn: &Connection) -> Result<u64> {
    let v: String = conn.query_row("SELECT value FROM meta WHERE key = 'generation'", [], |r| r.get(0))?;
    Ok(v.parse()?)
}

/// FNV-1a, 128 bits, as 32 hex digits: the content identity of an article.
pub fn content_hash(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for &b in text.as_bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}
