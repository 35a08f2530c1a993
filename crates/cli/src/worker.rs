//! `warta worker --data postgres://...`: claim queued jobs, analyse them, record the results,
//! and take part in clustering (one clusterer at a time, by advisory lock). Run any number,
//! on any machine that reaches the database.

use anyhow::{Result, bail};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use warta_store::Data;
use warta_store::pg::{WorkerEvent, WorkerOptions, WorkerSummary};

#[derive(ClapArgs)]
pub struct Args {
    /// The PostgreSQL database (postgres://user@host/db; default: $WARTA_DATA).
    #[arg(long, value_name = "URL")]
    pub data: Option<PathBuf>,
    /// Job loops in this process (each its own connection).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Exit once no job waits or runs and every job is placed (batches, tests, benchmarks).
    #[arg(long)]
    pub until_drained: bool,
    /// Seconds a claimed job is this worker's; after that another worker may take it.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub lease: u64,
    /// Attempts before a job is given up on (workers dying on it count).
    #[arg(long, default_value_t = 5)]
    pub max_attempts: i32,
    /// The worker's name in the queue (default: worker-<host>-<pid>).
    #[arg(long)]
    pub name: Option<String>,
    /// Do not take part in clustering (analyse only).
    #[arg(long)]
    pub no_cluster: bool,
    /// Print each finished job on stderr.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Set `stop` on Ctrl-C, so the current item finishes and the loop ends; a second Ctrl-C
/// ends the process at once (exit code 130). Safe Rust: tokio's signal handling, no handler of
/// our own in signal context.
pub fn stop_on_ctrl_c(stop: &'static AtomicBool) {
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        rt.block_on(async {
            if tokio::signal::ctrl_c().await.is_err() {
                return;
            }
            stop.store(true, Ordering::SeqCst);
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        });
    });
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname").map(|h| h.trim().to_string()).unwrap_or_else(|_| "host".into())
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Data::Postgres(url) = Data::from_arg(args.data.as_deref()) else {
        bail!("warta worker needs --data postgres://... (or $WARTA_DATA): workers share a PostgreSQL queue");
    };
    static STOP: AtomicBool = AtomicBool::new(false);
    stop_on_ctrl_c(&STOP);
    let base = args.name.clone().unwrap_or_else(|| format!("worker-{}-{}", host(), std::process::id()));
    let verbose = args.verbose;
    let results: Vec<warta_store::Result<WorkerSummary>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.threads.max(1))
            .map(|i| {
                let opts = WorkerOptions {
                    name: if args.threads > 1 { format!("{base}.{i}") } else { base.clone() },
                    lease: Duration::from_secs(args.lease),
                    max_attempts: args.max_attempts,
                    until_drained: args.until_drained,
                    cluster: !args.no_cluster && i == 0,
                    ..Default::default()
                };
                let url = url.clone();
                s.spawn(move || {
                    let html_opts = crate::inputs::html_options();
                    warta_store::pg::run_worker(
                        &url,
                        &opts,
                        |name, payload| crate::jobs::decode(name, payload, &html_opts),
                        &STOP,
                        |e| report(&e, verbose),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("a worker thread panicked"))).collect()
    });
    let mut total = WorkerSummary::default();
    for r in results {
        let s = r?;
        total.done += s.done;
        total.failed += s.failed;
        total.clustered += s.clustered;
    }
    println!(
        "{}",
        serde_json::json!({ "worker": base, "done": total.done, "failed": total.failed, "clustered": total.clustered })
    );
    Ok(ExitCode::SUCCESS)
}

fn report(e: &WorkerEvent<'_>, verbose: bool) {
    match e {
        WorkerEvent::Done { seq, name, millis } if verbose => eprintln!("warta: job {seq} {name}: done in {millis} ms"),
        WorkerEvent::Done { .. } => {}
        WorkerEvent::Failed { seq, error, status } => {
            eprintln!("warta: {error} (job {seq}, {})", status.as_str())
        }
        WorkerEvent::Reconnecting { error } => eprintln!("warta: {error}: reconnecting"),
        WorkerEvent::Clustered { jobs } if verbose => eprintln!("warta: clusterer placed {jobs} jobs"),
        WorkerEvent::Clustered { .. } => {}
        WorkerEvent::ClusterError { error } => eprintln!("warta: clusterer: {error}: starting it again"),
    }
}
