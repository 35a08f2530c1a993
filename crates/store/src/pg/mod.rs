//! The PostgreSQL backend: one database shared by many workers on many machines
//! (`--data postgres://...`).
//!
//! ```text
//! warta ingest/watch ── enqueue ──▶ jobs (gap-free seq) ── NOTIFY warta_jobs
//! warta worker ×N ── claim (FOR UPDATE SKIP LOCKED) ─ analyse ─▶ job_results ── NOTIFY warta_done
//! one clusterer (pg_try_advisory_lock) ── in seq order ─▶ articles, analyses, entities,
//!     mentions, events, stories, story_articles, changes ── NOTIFY warta_changes
//! ```
//!
//! Workers do the expensive part (reading, analysis) in any order and in parallel; exactly one
//! process at a time places results in the store, in `seq` order, through the same rules as
//! the SQLite writer (identity by source and BLAKE3 content hash, the story engine in
//! ingest order), so N workers produce the stories one process produces. A job's result is
//! idempotent (keyed by `seq`), so a job done twice (a lease that ran out) changes nothing;
//! a worker killed mid-job leaves a lease that runs out; a clusterer killed mid-batch leaves
//! an uncommitted transaction and its advisory lock, both released by the server.
//!
//! Migrations: `migrations/postgres/NNNN_name.sql`, compiled in, applied in order on connect
//! under an advisory lock, recorded in `warta_migrations`.

mod cluster;
mod follow;
mod queue;
mod worker;

pub use cluster::{Clusterer, stories_document};
pub use follow::{Followed, Follower, POSITION_FILE};
pub use queue::{Claimed, Failure, JobStatus, QueueStatus, backoff};
pub use worker::{WorkerEvent, WorkerOptions, WorkerSummary, run_worker};

use crate::{Result, StoreError};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};

/// The numbered migrations, in order (version = index + 1).
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/postgres/0001_init.sql")),
    ("0002_watch", include_str!("../../migrations/postgres/0002_watch.sql")),
];

/// Advisory lock keys (arbitrary constants, one per role).
const LOCK_MIGRATE: i64 = 0x7761_7274_6100_0001;
const LOCK_CLUSTER: i64 = 0x7761_7274_6100_0002;

/// Notification channels.
pub const CHANNEL_JOBS: &str = "warta_jobs";
pub const CHANNEL_DONE: &str = "warta_done";
pub const CHANNEL_CHANGES: &str = "warta_changes";

/// Is this `--data` value a PostgreSQL URL?
pub fn is_url(data: &str) -> bool {
    data.starts_with("postgres://") || data.starts_with("postgresql://")
}

/// The schema version this build applies.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// One connection to a warta database.
pub struct Pg {
    pub(crate) client: Client,
    url: String,
}

impl Pg {
    /// Connect and bring the schema up to date (migrations applied under an advisory lock,
    /// so many processes starting at once apply each migration once).
    pub fn connect(url: &str) -> Result<Pg> {
        let client = Client::connect(url, NoTls)?;
        let mut pg = Pg { client, url: url.to_string() };
        pg.migrate()?;
        Ok(pg)
    }

    /// The URL this connection was made with (for reconnecting).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A new connection to the same database.
    pub fn reconnect(&self) -> Result<Pg> {
        Pg::connect(&self.url)
    }

    /// The raw client, for tests that must reach past the API (expire a lease).
    #[doc(hidden)]
    pub fn client_for_tests(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The connection, for the store's other modules (watch state).
    pub(crate) fn into_client(self) -> Client {
        self.client
    }

    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn migrate(&mut self) -> Result<()> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_MIGRATE])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS warta_migrations (
                 version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )?;
        let have: i32 = tx.query_one("SELECT coalesce(max(version), 0) FROM warta_migrations", &[])?.get(0);
        let have = i64::from(have);
        if have > schema_version() {
            return Err(StoreError::SchemaTooNew { found: have, supported: schema_version() });
        }
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(have as usize) {
            tx.batch_execute(sql)?;
            tx.execute("INSERT INTO warta_migrations (version, name) VALUES ($1, $2)", &[&(i as i32 + 1), name])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The migrations applied, as (version, name).
    pub fn migrations(&mut self) -> Result<Vec<(i32, String)>> {
        let rows = self.client.query("SELECT version, name FROM warta_migrations ORDER BY version", &[])?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Counts of the store's tables (as [`crate::Store::counts`]; `indexed` is 0: the search
    /// index belongs to each API node).
    pub fn counts(&mut self) -> Result<crate::Counts> {
        let row = self.client.query_one(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM analyses),
                    (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
                    (SELECT count(*) FROM events), (SELECT count(*) FROM stories),
                    (SELECT count(*) FROM story_articles)",
            &[],
        )?;
        Ok(crate::Counts {
            articles: row.get(0),
            analyses: row.get(1),
            entities: row.get(2),
            mentions: row.get(3),
            events: row.get(4),
            stories: row.get(5),
            story_articles: row.get(6),
            indexed: 0,
        })
    }

    /// Wait up to `timeout` for a notification on a channel this connection LISTENs to;
    /// `true` if one came.
    pub fn wait(&mut self, timeout: std::time::Duration) -> Result<bool> {
        let got = {
            let mut n = self.client.notifications();
            let got = n.timeout_iter(timeout).next()?.is_some();
            // Drain what else is queued: one wake-up is enough.
            while got && n.iter().next()?.is_some() {}
            got
        };
        if self.client.is_closed() {
            return Err(StoreError::Disconnected);
        }
        Ok(got)
    }

    pub fn listen(&mut self, channel: &str) -> Result<()> {
        self.client.batch_execute(&format!("LISTEN {channel}"))?;
        Ok(())
    }
}
