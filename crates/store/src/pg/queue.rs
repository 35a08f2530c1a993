//! The work queue: enqueue (gap-free `seq`), claim with `FOR UPDATE SKIP LOCKED`, complete,
//! fail with retry and backoff, and the queue's status.

use super::{CHANNEL_DONE, CHANNEL_JOBS, Pg};
use crate::ingest::Analysed;
use crate::{Result, StoreError};
use std::time::Duration;

/// A job's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum JobStatus {
    /// Waiting for a worker (a failed attempt waits here until its backoff ends).
    Pending,
    /// Claimed by a worker, under a lease.
    Running,
    /// Analysed; the clusterer places it in `seq` order.
    Done,
    /// Given up on: a bad input, or too many failed attempts. The error is kept.
    Failed,
    /// Failed, then enqueued again under a later `seq` (`warta queue --retry-failed`).
    Retried,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Retried => "retried",
        }
    }

    pub fn parse(s: &str) -> Result<JobStatus> {
        Ok(match s {
            "pending" => JobStatus::Pending,
            "running" => JobStatus::Running,
            "done" => JobStatus::Done,
            "failed" => JobStatus::Failed,
            "retried" => JobStatus::Retried,
            other => return Err(StoreError::Corrupt(format!("a job has status {other:?}"))),
        })
    }
}

/// A job a worker holds.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub seq: i64,
    pub name: String,
    pub payload: Vec<u8>,
    /// This attempt's number (1 for the first).
    pub attempt: i32,
    /// Analyse even when the store holds this content under this source (the clusterer
    /// found the shortcut out of date).
    pub must_analyse: bool,
}

/// A job given up on, with its last error.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    pub seq: i64,
    pub name: String,
    pub attempts: i32,
    pub error: String,
}

/// What `warta queue` prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QueueStatus {
    pub pending: i64,
    pub running: i64,
    pub done: i64,
    pub failed: i64,
    /// Failed jobs enqueued again (under a later `seq`).
    pub retried: i64,
    /// Pending jobs that failed before and wait for their backoff to end.
    pub retrying: i64,
    /// Every job up to this `seq` is placed in the store by the clusterer.
    pub clustered_through: i64,
    /// The last `seq` enqueued.
    pub enqueued_through: i64,
    /// Who holds the clusterer's lock (a worker's name), when anyone does.
    pub clusterer: Option<String>,
    pub failures: Vec<Failure>,
}

/// The delay after failed attempt number `attempts` (1, 2, …): 2, 4, 8, … seconds, at most
/// 5 minutes (the SQL in [`Pg::fail`] computes the same).
pub fn backoff(attempts: i32) -> Duration {
    Duration::from_secs(1u64 << attempts.clamp(0, 9) as u32).min(Duration::from_secs(300))
}

impl Pg {
    /// Enqueue `(name, payload)` jobs in one transaction; returns their `seq`s (consecutive,
    /// in the order given; `None` for no jobs).
    pub fn enqueue(&mut self, jobs: &[(String, Vec<u8>)]) -> Result<Option<std::ops::RangeInclusive<i64>>> {
        if jobs.is_empty() {
            return Ok(None);
        }
        let mut tx = self.client.transaction()?;
        let last: i64 = tx
            .query_one(
                "UPDATE counters SET value = value + $1 WHERE name = 'job_seq' RETURNING value",
                &[&(jobs.len() as i64)],
            )?
            .get(0);
        let first = last - jobs.len() as i64 + 1;
        let seqs: Vec<i64> = (first..=last).collect();
        let names: Vec<&str> = jobs.iter().map(|(n, _)| n.as_str()).collect();
        let payloads: Vec<&[u8]> = jobs.iter().map(|(_, p)| p.as_slice()).collect();
        tx.execute(
            "INSERT INTO jobs (seq, name, payload) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[])",
            &[&seqs, &names, &payloads],
        )?;
        tx.batch_execute(&format!("NOTIFY {CHANNEL_JOBS}"))?;
        tx.commit()?;
        Ok(Some(first..=last))
    }

    /// Claim the oldest claimable job: pending and past its backoff, or running with a lease
    /// that ran out (its worker died). Other workers skip the row while it is locked.
    pub fn claim(&mut self, worker: &str, lease: Duration) -> Result<Option<Claimed>> {
        let row = self.client.query_opt(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, claimed_by = $1,
                    lease_until = now() + make_interval(secs => $2)
             WHERE seq = (
                 SELECT seq FROM jobs
                 WHERE (status = 'pending' AND run_after <= now()) OR (status = 'running' AND lease_until < now())
                 ORDER BY seq FOR UPDATE SKIP LOCKED LIMIT 1)
             RETURNING seq, name, payload, attempts, must_analyse",
            &[&worker, &lease.as_secs_f64()],
        )?;
        Ok(row.map(|r| Claimed {
            seq: r.get(0),
            name: r.get(1),
            payload: r.get(2),
            attempt: r.get(3),
            must_analyse: r.get(4),
        }))
    }

    /// Record a job's result and mark it done (idempotent: a second completion of the same
    /// job, after its lease ran out, writes the same result again).
    pub fn complete(&mut self, seq: i64, a: &Analysed) -> Result<()> {
        let json = serde_json::to_string(&a.analysis)?;
        let mut tx = self.client.transaction()?;
        tx.execute(
            "INSERT INTO job_results (seq, source, hash, text, analysis) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (seq) DO UPDATE SET source = excluded.source, hash = excluded.hash,
                 text = excluded.text, analysis = excluded.analysis",
            &[&seq, &a.source, &a.hash, &a.text, &json],
        )?;
        mark_done(tx, seq)
    }

    /// Does the store hold this content under this source now?
    pub fn holds(&mut self, source: &str, hash: &str) -> Result<bool> {
        Ok(self
            .client
            .query_opt("SELECT 1 FROM articles WHERE source = $1 AND hash = $2", &[&source, &hash])?
            .is_some())
    }

    /// Mark a job done without analysis: the store held its content under its source when the
    /// worker looked. The clusterer re-checks in `seq` order and sends the job back for
    /// analysis if an earlier job changed that source meanwhile.
    pub fn complete_unchanged(&mut self, seq: i64, source: &str, hash: &str) -> Result<()> {
        let mut tx = self.client.transaction()?;
        tx.execute(
            "INSERT INTO job_results (seq, source, hash, text, analysis) VALUES ($1, $2, $3, '', NULL)
             ON CONFLICT (seq) DO UPDATE SET source = excluded.source, hash = excluded.hash, text = '', analysis = NULL",
            &[&seq, &source, &hash],
        )?;
        mark_done(tx, seq)
    }

    /// Record a failed attempt. `permanent` (a bad input: retrying cannot help) or the last
    /// allowed attempt marks the job failed; otherwise it waits [`backoff`] and is tried again.
    pub fn fail(&mut self, seq: i64, error: &str, permanent: bool, max_attempts: i32) -> Result<JobStatus> {
        let row = self.client.query_one(
            "UPDATE jobs SET
                 status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'pending' END,
                 error = $2, lease_until = NULL,
                 run_after = now() + make_interval(secs => least(power(2, least(attempts, 9)), 300)),
                 finished_at = CASE WHEN $3 OR attempts >= $4 THEN now() ELSE NULL END
             WHERE seq = $1 RETURNING status",
            &[&seq, &error, &permanent, &max_attempts],
        )?;
        let status = JobStatus::parse(row.get(0))?;
        if status == JobStatus::Failed {
            // The clusterer may be waiting for this seq.
            self.client.batch_execute(&format!("NOTIFY {CHANNEL_DONE}"))?;
        }
        Ok(status)
    }

    /// Enqueue every failed job again under a new `seq` (the clusterer has passed, or will
    /// pass, the old one), the old row marked `retried`; returns how many.
    pub fn retry_failed(&mut self) -> Result<usize> {
        let failed: Vec<(i64, String, Vec<u8>)> = self
            .client
            .query("SELECT seq, name, payload FROM jobs WHERE status = 'failed' ORDER BY seq", &[])?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        if failed.is_empty() {
            return Ok(0);
        }
        let jobs: Vec<(String, Vec<u8>)> = failed.iter().map(|(_, n, p)| (n.clone(), p.clone())).collect();
        let seqs: Vec<i64> = failed.iter().map(|(s, _, _)| *s).collect();
        let first = self.enqueue(&jobs)?.map_or(0, |r| *r.start());
        self.client.execute(
            "UPDATE jobs SET status = 'retried', error = error || ' (enqueued again from seq ' || $2::bigint || ')'
             WHERE seq = ANY($1)",
            &[&seqs, &first],
        )?;
        Ok(failed.len())
    }

    /// The queue in numbers, and its failures (at most `max_failures`, oldest first).
    pub fn queue_status(&mut self, max_failures: i64) -> Result<QueueStatus> {
        let mut s = QueueStatus {
            pending: 0,
            running: 0,
            done: 0,
            failed: 0,
            retried: 0,
            retrying: 0,
            clustered_through: 0,
            enqueued_through: 0,
            clusterer: None,
            failures: Vec::new(),
        };
        for r in self
            .client
            .query("SELECT status, count(*), count(*) FILTER (WHERE attempts > 0) FROM jobs GROUP BY status", &[])?
        {
            let (n, tried): (i64, i64) = (r.get(1), r.get(2));
            match JobStatus::parse(r.get(0))? {
                JobStatus::Pending => {
                    s.pending = n;
                    s.retrying = tried;
                }
                JobStatus::Running => s.running = n,
                JobStatus::Done => s.done = n,
                JobStatus::Failed => s.failed = n,
                JobStatus::Retried => s.retried = n,
            }
        }
        let r = self.client.query_one(
            "SELECT c.next_seq - 1, (SELECT value FROM counters WHERE name = 'job_seq'), c.holder FROM cluster_state c",
            &[],
        )?;
        s.clustered_through = r.get(0);
        s.enqueued_through = r.get(1);
        s.clusterer = r.get(2);
        for r in self.client.query(
            "SELECT seq, name, attempts, coalesce(error, '') FROM jobs WHERE status = 'failed' ORDER BY seq LIMIT $1",
            &[&max_failures],
        )? {
            s.failures.push(Failure { seq: r.get(0), name: r.get(1), attempts: r.get(2), error: r.get(3) });
        }
        Ok(s)
    }
}

/// Mark job `seq` done (once: a second completion leaves it as it is), wake the clusterer,
/// and commit the job's result written in `tx`.
fn mark_done(mut tx: postgres::Transaction<'_>, seq: i64) -> Result<()> {
    tx.execute(
        "UPDATE jobs SET status = 'done', error = NULL, lease_until = NULL, finished_at = now()
         WHERE seq = $1 AND status <> 'done'",
        &[&seq],
    )?;
    tx.batch_execute(&format!("NOTIFY {CHANNEL_DONE}"))?;
    tx.commit()?;
    Ok(())
}
