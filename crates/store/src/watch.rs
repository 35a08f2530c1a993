//! `warta watch` state, kept in the store's own SQLite file (`warta.sqlite3`) so a data
//! directory is one thing to copy: per feed URL its validators (ETag, Last-Modified) and last
//! poll (`watch_feeds`), and every article URL already ingested or given up on
//! (`watch_seen`), so no article is fetched twice. Tables are created when first needed;
//! the rest of the store does not read them. With PostgreSQL (`--data postgres://...`) the
//! same two tables live in the database (migration 0002_watch), shared by every watcher.

use crate::{Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;
use std::time::Duration;

/// What a feed's last 200 response said about its version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The watch tables of one data directory (a second connection next to the store's writer),
/// or of a PostgreSQL database.
pub struct WatchState {
    conn: Conn,
}

enum Conn {
    Sqlite(Connection),
    Postgres(Box<postgres::Client>),
}

impl WatchState {
    /// Open the state in `dir` (the store must exist: open it with [`crate::Store::open`] first).
    pub fn open(dir: &Path) -> Result<WatchState> {
        let conn = Connection::open(dir.join("warta.sqlite3"))?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS watch_feeds (
                 url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, checked_at TEXT);
             CREATE TABLE IF NOT EXISTS watch_seen (
                 url TEXT PRIMARY KEY, feed TEXT NOT NULL, outcome TEXT NOT NULL, at TEXT NOT NULL);",
        )?;
        Ok(WatchState { conn: Conn::Sqlite(conn) })
    }

    /// Open the state in a PostgreSQL database (migrations applied on connect).
    pub fn open_pg(url: &str) -> Result<WatchState> {
        Ok(WatchState { conn: Conn::Postgres(Box::new(crate::pg::Pg::connect(url)?.into_client())) })
    }

    /// The validators remembered for a feed (empty the first time).
    pub fn validators(&mut self, feed: &str) -> Result<Validators> {
        Ok(match &mut self.conn {
            Conn::Sqlite(c) => c
                .query_row("SELECT etag, last_modified FROM watch_feeds WHERE url = ?1", params![feed], |r| {
                    Ok(Validators { etag: r.get(0)?, last_modified: r.get(1)? })
                })
                .optional()?,
            Conn::Postgres(c) => c
                .query_opt("SELECT etag, last_modified FROM watch_feeds WHERE url = $1", &[&feed])?
                .map(|r| Validators { etag: r.get(0), last_modified: r.get(1) }),
        }
        .unwrap_or_default())
    }

    /// Record a poll of a feed: its status, and (on 200) its new validators. A 304 keeps the
    /// validators it confirmed.
    pub fn record_poll(&mut self, feed: &str, status: u16, validators: Option<&Validators>) -> Result<()> {
        let now = jiff::Timestamp::now().to_string();
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            Conn::Postgres(c) => {
                let status = i32::from(status);
                match validators {
                    Some(v) => c.execute(
                        "INSERT INTO watch_feeds (url, etag, last_modified, status, checked_at) VALUES ($1, $2, $3, $4, now())
                         ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, status = $4, checked_at = now()",
                        &[&feed, &v.etag, &v.last_modified, &status],
                    )?,
                    None => c.execute(
                        "INSERT INTO watch_feeds (url, status, checked_at) VALUES ($1, $2, now())
                         ON CONFLICT (url) DO UPDATE SET status = $2, checked_at = now()",
                        &[&feed, &status],
                    )?,
                };
                return Ok(());
            }
        };
        match validators {
            Some(v) => conn.execute(
                "INSERT INTO watch_feeds (url, etag, last_modified, status, checked_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(url) DO UPDATE SET etag = ?2, last_modified = ?3, status = ?4, checked_at = ?5",
                params![feed, v.etag, v.last_modified, status, now],
            )?,
            None => conn.execute(
                "INSERT INTO watch_feeds (url, status, checked_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET status = ?2, checked_at = ?3",
                params![feed, status, now],
            )?,
        };
        Ok(())
    }

    /// Was this article URL already ingested (or given up on)?
    pub fn seen(&mut self, url: &str) -> Result<bool> {
        Ok(match &mut self.conn {
            Conn::Sqlite(c) => {
                c.query_row("SELECT 1 FROM watch_seen WHERE url = ?1", params![url], |_| Ok(())).optional()?.is_some()
            }
            Conn::Postgres(c) => c.query_opt("SELECT 1 FROM watch_seen WHERE url = $1", &[&url])?.is_some(),
        })
    }

    /// Remember an article URL with what happened to it (`ingested`, `gone 404`, …).
    pub fn mark_seen(&mut self, url: &str, feed: &str, outcome: &str) -> Result<()> {
        let conn = match &mut self.conn {
            Conn::Sqlite(c) => c,
            Conn::Postgres(c) => {
                c.execute(
                    "INSERT INTO watch_seen (url, feed, outcome) VALUES ($1, $2, $3)
                     ON CONFLICT (url) DO UPDATE SET outcome = $3, at = now()",
                    &[&url, &feed, &outcome],
                )?;
                return Ok(());
            }
        };
        conn.execute(
            "INSERT INTO watch_seen (url, feed, outcome, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(url) DO UPDATE SET outcome = ?3, at = ?4",
            params![url, feed, outcome, jiff::Timestamp::now().to_string()],
        )?;
        Ok(())
    }

    /// How many article URLs are remembered.
    pub fn seen_count(&mut self) -> Result<usize> {
        let n: i64 = match &mut self.conn {
            Conn::Sqlite(c) => c.query_row("SELECT COUNT(*) FROM watch_seen", [], |r| r.get(0))?,
            Conn::Postgres(c) => c.query_one("SELECT COUNT(*) FROM watch_seen", &[])?.get(0),
        };
        usize::try_from(n).map_err(|_| StoreError::Corrupt(format!("watch_seen counts {n} rows")))
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
        let mut s = WatchState::open(&dir).unwrap();
        assert_eq!(s.validators("http://f.test/rss").unwrap(), Validators::default());
        let v = Validators { etag: Some("\"v1\"".into()), last_modified: Some("Wed, 12 Jun 2024 08:00:00 GMT".into()) };
        s.record_poll("http://f.test/rss", 200, Some(&v)).unwrap();
        s.record_poll("http://f.test/rss", 304, None).unwrap();
        assert!(!s.seen("http://f.test/a").unwrap());
        s.mark_seen("http://f.test/a", "http://f.test/rss", "ingested").unwrap();
        drop(s);
        let mut s = WatchState::open(&dir).unwrap();
        assert_eq!(s.validators("http://f.test/rss").unwrap(), v);
        assert!(s.seen("http://f.test/a").unwrap());
        assert_eq!(s.seen_count().unwrap(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
