//! `warta worker`: claim jobs, analyse them, record the results; and take part in clustering
//! (one clusterer at a time across all workers, by advisory lock).
//!
//! A worker survives the database going away: a lost connection is re-made with backoff, and
//! the job it held comes back to the queue when its lease runs out.

use super::{CHANNEL_JOBS, Clusterer, JobStatus, Pg};
use crate::ingest::{ItemError, Read, analyse, panic_message};
use crate::{Result, StoreError};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// Shown in the queue (`claimed_by`) and as the clusterer's holder.
    pub name: String,
    /// A claimed job not finished within this time is claimed again by another worker.
    pub lease: Duration,
    /// Attempts before a job is given up on (a worker that dies on a job counts too).
    pub max_attempts: i32,
    /// Exit once no job is waiting or running and every job is placed (for batches, tests).
    pub until_drained: bool,
    /// Take part in clustering (try the clusterer's lock).
    pub cluster: bool,
    /// Longest sleep while idle between looks at the queue (NOTIFY wakes a worker sooner).
    pub idle_wait: Duration,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            name: format!("worker-{}", std::process::id()),
            lease: Duration::from_secs(300),
            max_attempts: 5,
            until_drained: false,
            cluster: true,
            idle_wait: Duration::from_secs(5),
        }
    }
}

/// What a worker reports as it goes.
#[derive(Debug)]
pub enum WorkerEvent<'a> {
    Done {
        seq: i64,
        name: &'a str,
        millis: u128,
    },
    Failed {
        seq: i64,
        error: &'a ItemError,
        status: JobStatus,
    },
    /// The database could not be reached; trying again.
    Reconnecting {
        error: &'a StoreError,
    },
    /// The clusterer placed this many jobs.
    Clustered {
        jobs: usize,
    },
    /// The clusterer failed (it lets go of its state and tries again).
    ClusterError {
        error: &'a StoreError,
    },
}

/// Counts of one worker's run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct WorkerSummary {
    pub done: usize,
    pub failed: usize,
    pub clustered: usize,
}

/// Run a worker until `stop` is set (or, with `until_drained`, until the queue is empty and
/// placed). `read` turns a job's payload into a decoded article (an error is the input's
/// fault: the job fails for good).
pub fn run_worker(
    url: &str,
    opts: &WorkerOptions,
    read: impl Fn(&str, &[u8]) -> Result<Read, ItemError> + Sync,
    stop: &AtomicBool,
    mut event: impl FnMut(WorkerEvent<'_>) + Send,
) -> Result<WorkerSummary> {
    let mut pg = connect_retrying(url, stop, &mut event)?;
    let analysis_opts = warta_engine::Options::default();
    let mut summary = WorkerSummary::default();
    let cluster_done = AtomicBool::new(!opts.cluster);
    let clustered = std::sync::atomic::AtomicUsize::new(0);
    let event = std::sync::Mutex::new(&mut event);
    let report = |e: WorkerEvent<'_>| {
        let mut guard = event.lock().unwrap_or_else(|p| p.into_inner());
        (*guard)(e)
    };
    std::thread::scope(|scope| {
        if opts.cluster {
            scope.spawn(|| {
                cluster_loop(url, opts, stop, &cluster_done, &clustered, &report);
            });
        }
        let result = (|| -> Result<()> {
            while !stop.load(Ordering::Relaxed) {
                match work_one(&mut pg, opts, &read, &analysis_opts, &report) {
                    Ok(Some(ok)) => {
                        if ok {
                            summary.done += 1;
                        } else {
                            summary.failed += 1;
                        }
                    }
                    Ok(None) => {
                        if opts.until_drained && drained(&mut pg)? && (!opts.cluster || caught_up(&mut pg)?) {
                            break;
                        }
                        pg.wait(if opts.until_drained { Duration::from_millis(200) } else { opts.idle_wait })?;
                    }
                    Err(e) if e.is_connection() => {
                        report(WorkerEvent::Reconnecting { error: &e });
                        pg = connect_retrying(url, stop, &mut |e| report(e))?;
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(())
        })();
        if opts.until_drained && result.is_ok() {
            // Let the clusterer finish placing what this worker did.
            while opts.cluster && !cluster_done.load(Ordering::Relaxed) && !stop.load(Ordering::Relaxed) {
                if caught_up(&mut pg).unwrap_or(false) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        cluster_done.store(true, Ordering::Relaxed);
        result
    })?;
    summary.clustered = clustered.load(Ordering::Relaxed);
    Ok(summary)
}

/// Claim and do one job: `Some(true)` done, `Some(false)` failed, `None` nothing to claim.
fn work_one(
    pg: &mut Pg,
    opts: &WorkerOptions,
    read: &(impl Fn(&str, &[u8]) -> Result<Read, ItemError> + Sync),
    analysis_opts: &warta_engine::Options,
    report: &impl Fn(WorkerEvent<'_>),
) -> Result<Option<bool>> {
    let Some(job) = pg.claim(&opts.name, opts.lease)? else { return Ok(None) };
    let started = Instant::now();
    if job.attempt > opts.max_attempts {
        let e = ItemError {
            name: job.name.clone(),
            message: format!(
                "given up after {} attempts (the workers that took it died or ran out of their lease)",
                job.attempt - 1
            ),
        };
        let status = pg.fail(job.seq, &e.message, true, opts.max_attempts)?;
        report(WorkerEvent::Failed { seq: job.seq, error: &e, status });
        return Ok(Some(false));
    }
    let read_result = catch_unwind(AssertUnwindSafe(|| read(&job.name, &job.payload))).unwrap_or_else(|p| {
        Err(ItemError { name: job.name.clone(), message: format!("reading panicked: {}", panic_message(&*p)) })
    });
    let read_result = match read_result {
        Ok(r) if !job.must_analyse => {
            let hash = crate::content_hash(&r.decoded.text);
            if pg.holds(&r.source, &hash)? {
                pg.complete_unchanged(job.seq, &r.source, &hash)?;
                report(WorkerEvent::Done { seq: job.seq, name: &job.name, millis: started.elapsed().as_millis() });
                return Ok(Some(true));
            }
            Ok(r)
        }
        other => other,
    };
    match read_result.and_then(|r| analyse(r, analysis_opts)) {
        Ok(a) => match pg.complete(job.seq, &a) {
            Ok(()) => {
                report(WorkerEvent::Done { seq: job.seq, name: &job.name, millis: started.elapsed().as_millis() });
                Ok(Some(true))
            }
            // The database refuses this result (e.g. a NUL character, which PostgreSQL text
            // cannot hold): the job's fault, not the worker's; it fails with the reason.
            Err(e) if !e.is_connection() => {
                let e = ItemError { name: a.source, message: format!("the result cannot be stored: {e}") };
                let status = pg.fail(job.seq, &e.message, true, opts.max_attempts)?;
                report(WorkerEvent::Failed { seq: job.seq, error: &e, status });
                Ok(Some(false))
            }
            Err(e) => Err(e),
        },
        Err(e) => {
            // The input's fault (unreadable, not text, a panic in analysis): retrying the same
            // bytes gives the same result, so the job fails for good, with the error kept.
            let status = pg.fail(job.seq, &e.message, true, opts.max_attempts)?;
            report(WorkerEvent::Failed { seq: job.seq, error: &e, status });
            Ok(Some(false))
        }
    }
}

/// No job waiting or running?
fn drained(pg: &mut Pg) -> Result<bool> {
    let r =
        pg.client.query_one("SELECT NOT EXISTS (SELECT 1 FROM jobs WHERE status IN ('pending', 'running'))", &[])?;
    Ok(r.get(0))
}

fn caught_up(pg: &mut Pg) -> Result<bool> {
    let r = pg
        .client
        .query_one("SELECT next_seq > (SELECT value FROM counters WHERE name = 'job_seq') FROM cluster_state", &[])?;
    Ok(r.get(0))
}

/// Connect (and LISTEN for new jobs), retrying with backoff while the database is away.
fn connect_retrying(url: &str, stop: &AtomicBool, report: &mut impl FnMut(WorkerEvent<'_>)) -> Result<Pg> {
    let mut delay = Duration::from_millis(200);
    loop {
        let attempt = Pg::connect(url).and_then(|mut pg| {
            pg.listen(CHANNEL_JOBS)?;
            // A worker's commits (claims, results) need not wait for the disk: one lost in a
            // server crash only means the job is done again when its lease runs out, with the
            // same result. The clusterer's and the enqueuers' commits stay durable.
            pg.client.batch_execute("SET synchronous_commit = off")?;
            Ok(pg)
        });
        match attempt {
            Ok(pg) => return Ok(pg),
            Err(e) if e.is_connection() && !stop.load(Ordering::Relaxed) => {
                report(WorkerEvent::Reconnecting { error: &e });
                std::thread::sleep(delay);
                delay = (delay * 2).min(Duration::from_secs(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Try the clusterer's lock now and then; while held, place what is ready.
fn cluster_loop(
    url: &str,
    opts: &WorkerOptions,
    stop: &AtomicBool,
    done: &AtomicBool,
    clustered: &std::sync::atomic::AtomicUsize,
    report: &impl Fn(WorkerEvent<'_>),
) {
    let mut clusterer: Option<Clusterer> = None;
    let mut delay = Duration::from_millis(200);
    while !stop.load(Ordering::Relaxed) && !done.load(Ordering::Relaxed) {
        let c = match &mut clusterer {
            Some(c) => c,
            None => match Clusterer::new(url, &opts.name) {
                Ok(c) => clusterer.insert(c),
                Err(e) => {
                    report(WorkerEvent::ClusterError { error: &e });
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(5));
                    continue;
                }
            },
        };
        let step = (|| -> Result<usize> {
            if !c.try_lock()? {
                c.wait(Duration::from_secs(1))?;
                return Ok(0);
            }
            let n = c.step(512)?;
            if n == 0 {
                c.wait(Duration::from_millis(500))?;
            }
            Ok(n)
        })();
        match step {
            Ok(n) => {
                delay = Duration::from_millis(200);
                if n > 0 {
                    clustered.fetch_add(n, Ordering::Relaxed);
                    report(WorkerEvent::Clustered { jobs: n });
                }
            }
            Err(e) => {
                report(WorkerEvent::ClusterError { error: &e });
                // Drop the connection (and so the lock and the engine): start clean.
                clusterer = None;
                std::thread::sleep(delay);
                delay = (delay * 2).min(Duration::from_secs(5));
            }
        }
    }
}
