//! An API node's local replica of a PostgreSQL store: a data directory (SQLite + tantivy)
//! that follows the `changes` feed, so each `warta serve --data postgres://...` node searches
//! and reads locally and the database only serves the feed.
//!
//! The replica is written through the data directory's one writer ([`crate::Writer`]), in
//! change order, which is the clusterer's placement order; the story engine there is the same
//! deterministic one, so the replica's stories are the database's. The position (the last
//! change applied) is kept in `pg-follow.json` beside the store, written after each commit: a
//! crash between the two re-applies the last batch, which changes nothing (same source, same
//! content hash). A change whose article has been updated since (its `rev` is older than the
//! article's) is passed over: the later change carries the current content.

use super::{CHANNEL_CHANGES, Pg};
use crate::{Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use warta_engine::Analysis;

/// The replica's position file, in the data directory.
pub const POSITION_FILE: &str = "pg-follow.json";

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
struct Position {
    /// The database followed (its URL without a password).
    database: String,
    /// The last change applied (`changes.id`).
    change: i64,
}

/// What one [`Follower::step`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Followed {
    /// Changes read from the feed.
    pub changes: usize,
    /// Articles written into the replica (added or updated).
    pub written: usize,
    /// Changes passed over (a later change of the same article follows).
    pub superseded: usize,
}

/// Follows one database's changes feed into one data directory.
pub struct Follower {
    pg: Pg,
    database: String,
    position: i64,
    file: PathBuf,
}

impl Follower {
    /// Connect to `url` and read the replica's position in `store`. A data directory that
    /// holds articles but no position (an ordinary store), or follows another database, is
    /// refused: the replica must hold the feed and nothing else.
    pub fn new(url: &str, store: &Store) -> Result<Follower> {
        let mut pg = Pg::connect(url)?;
        pg.listen(CHANNEL_CHANGES)?;
        let database = crate::redact(url);
        let file = store.dir().join(POSITION_FILE);
        let position = match std::fs::read(&file) {
            Ok(raw) => {
                let p: Position = serde_json::from_slice(&raw)
                    .map_err(|e| StoreError::Corrupt(format!("{}: {e}", file.display())))?;
                if p.database != database {
                    return Err(StoreError::Config(format!(
                        "{} is a replica of {}, not of {database}; use another directory",
                        store.dir().display(),
                        p.database
                    )));
                }
                p.change
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let held = store.counts().map_err(|e| StoreError::Corrupt(format!("{e:#}")))?.articles;
                if held > 0 {
                    return Err(StoreError::Config(format!(
                        "{} holds articles of its own; a replica of {database} needs an empty directory",
                        store.dir().display()
                    )));
                }
                0
            }
            Err(e) => return Err(StoreError::Io { path: file, source: e }),
        };
        Ok(Follower { pg, database, position, file })
    }

    /// The last change applied.
    pub fn position(&self) -> i64 {
        self.position
    }

    /// Apply up to `max` changes after the position, in one writer commit.
    pub fn step(&mut self, store: &mut Store, max: i64) -> Result<Followed> {
        let rows = self.pg.client.query(
            "SELECT c.id, c.rev, a.rev, a.source, a.hash, a.text, n.json
               FROM changes c JOIN articles a ON a.id = c.article_id JOIN analyses n ON n.article_id = a.id
              WHERE c.id > $1 ORDER BY c.id LIMIT $2",
            &[&self.position, &max],
        )?;
        let mut done = Followed { changes: rows.len(), ..Followed::default() };
        if rows.is_empty() {
            return Ok(done);
        }
        let mut last = self.position;
        {
            let mut w = store.writer(rows.len())?;
            for r in &rows {
                last = r.get(0);
                let (change_rev, rev): (i32, i32) = (r.get(1), r.get(2));
                if change_rev < rev {
                    done.superseded += 1;
                    continue;
                }
                let (source, hash, text, json): (String, String, String, String) =
                    (r.get(3), r.get(4), r.get(5), r.get(6));
                let a: Analysis = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("the analysis of {source} (change {last}): {e}")))?;
                if w.put_hashed(&source, hash, &text, a)? != crate::Outcome::Unchanged {
                    done.written += 1;
                }
            }
            w.commit().map_err(|e| StoreError::Corrupt(format!("replica commit: {e:#}")))?;
        }
        self.position = last;
        let p = Position { database: self.database.clone(), change: last };
        let tmp = self.file.with_extension("json.tmp");
        let io = |path: &PathBuf| {
            let path = path.clone();
            move |source| StoreError::Io { path, source }
        };
        std::fs::write(&tmp, serde_json::to_vec(&p)?).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &self.file).map_err(io(&self.file))?;
        Ok(done)
    }

    /// Wait up to `timeout` for a change notification.
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<bool> {
        self.pg.wait(timeout)
    }

    /// A new connection after the database went away (the position is kept).
    pub fn reconnect(&mut self) -> Result<()> {
        let mut pg = self.pg.reconnect()?;
        pg.listen(CHANNEL_CHANGES)?;
        self.pg = pg;
        Ok(())
    }
}
