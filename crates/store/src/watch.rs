//! `warta watch` state, kept in the store's own SQLite file (`warta.sqlite3`) so a data
//! directory is one thing to copy: per feed URL its validators (ETag, Last-Modified) and last
//! poll (`watch_feeds`), and every article URL already ingested or given up on
//! (`watch_seen`), so no article is fetched twice. Tables are created when first needed;
//! the rest of the store does not read them.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::time::Duration;

/// What a feed's last 200 response said about its version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The watch tables of one data directory (a second connection next to the store's writer).
pub struct WatchState {
    conn: Connection,
}

impl WatchState {
    /// Open the state in `dir` (the store must exist: open it with [`crate::Store::open`] first).
    pub fn open(dir: &Path) -> Result<WatchState> {
        let conn = Connection::open(dir.join("warta.sqlite3"))
            .with_context(|| format!("opening watch state in {}", dir.display()))?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS watch_feeds (
                 url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, checked_at TEXT);
             CREATE TABLE IF NOT EXISTS watch_seen (
                 url TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL, at TEXT NOT NULL);",
        )?;
        Ok(WatchState { conn })
    }

    /// The validators remembered for a feed (empty the first time).
    pub fn validators(&self, feed: &str) -> Result<Validators> {
        Ok(self
            .conn
            .query_row("SELECT etag, last_modified FROM watch_feeds WHERE url = ?1", params![feed], |r| {
                Ok(Validators { etag: r.get(0)?, last_modified: r.get(1)? })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// Record a poll of a feed: its status, and (on 200) its new validators. A 304 keeps the
    /// validators it confirmed.
    pub fn record_poll(&self, feed: &str, status: u16, validators: Option<&Validators>) -> Result<()> {
        let now = jiff::Timestamp::now().to_string();
        match validators {
            Some(v) => self.conn.execute(
                "INSERT INTO watch_feeds (url, etag, last_modified, status, checked_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, status = ?4, checked_at = ?5",
                params![feed, v.etag, v.last_modified, status, now],
            )?,
            None => self.conn.execute(
                "INSERT INTO watch_feeds (url, status, checked_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET status = ?2, checked_at = ?3",
                params![feed, status, now],
            )?,
        };
        Ok(())
    }

    /// Was this article URL already ingested (or given up on)?
    pub fn seen(&self, url: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM watch_seen WHERE url = ?1", params![url], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Remember an article URL with what happened to it (`ingested`, `gone 404`, …).
    pub fn mark_seen(&self, url: &str, feed: &str, outcome: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO watch_seen (url, feed, outcome, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET outcome = ?3, at = ?4",
            params![url, feed, outcome, jiff::Timestamp::now().to_string()],
        )?;
        Ok(())
    }

    /// How many article URLs are remembered.
    pub fn seen_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM watch_seen", [], |r| r.get::<_, i64>(0))? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_validators_and_urls() {
        let dir = std::env::temp_dir().join(format!("warta-watch-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        crate::Store::open(&dir).unwrap();
        let s = WatchState::open(&dir).unwrap();
        assert_eq!(s.validators("http://f.test/rss").unwrap(), Validators::default());
        let v = Validators { etag: Some("\"v1\"".into()), last_modified: Some("Wed, 12 Jun 2024 08:00:00 GMT".into()) };
        s.record_poll("http://f.test/rss", 200, Some(&v)).unwrap();
        s.record_poll("http://f.test/rss", 304, None).unwrap();
        assert!(!s.seen("http://f.test/a").unwrap());
        s.mark_seen("http://f.test/a", "http://f.test/rss", "ingested").unwrap();
        drop(s);
        let s = WatchState::open(&dir).unwrap();
        assert_eq!(s.validators("http://f.test/rss").unwrap(), v);
        assert!(s.seen("http://f.test/a").unwrap());
        assert_eq!(s.seen_count().unwrap(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
