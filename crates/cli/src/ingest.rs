//! `warta ingest`: analyse files and folders into a store, or enqueue them for workers.
//!
//! A data directory: the store's driver (`warta_store::ingest::run`) analyses on worker
//! threads and its single writer puts the results in input order. A PostgreSQL URL: every
//! input is enqueued as a job (`jobs.rs`), in input order, for `warta worker`s; `--wait`
//! waits until they are analysed and placed.

use crate::inputs::{self, InputError};
use crate::jobs;
use anyhow::Result;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use warta_store::ingest::{Event, ItemError};
use warta_store::{Data, Store};

#[derive(ClapArgs)]
pub struct Args {
    /// The store: a data directory (SQLite + search index), or a PostgreSQL URL
    /// (postgres://user@host/db) whose work queue `warta worker`s drain (default: $WARTA_DATA,
    /// else ./warta-data).
    #[arg(long, value_name = "DIR|URL")]
    pub data: Option<PathBuf>,
    /// No progress bar and no summary (errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Analysis threads (default: the number of cores). Data directory only.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Articles per committed batch (one SQLite transaction and one index commit; with
    /// PostgreSQL, jobs per enqueue transaction).
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// PostgreSQL: wait until the workers have analysed and placed every job enqueued, then
    /// print the summary with the queue's failures.
    #[arg(long)]
    pub wait: bool,
    /// Files or folders (read recursively: *.txt, HTML pages .html/.htm/.html.gz, and
    /// containers .warc/.warc.gz, .jsonl/.ndjson(.gz), .rss/.atom; a .xml feed when named).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn progress(quiet: bool) -> ProgressBar {
    // The length is unknown until containers are read: a count, not a bar.
    if !quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::no_length();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    match Data::from_arg(args.data.as_deref()) {
        Data::Dir(dir) => run_dir(&args, dir),
        Data::Postgres(url) => run_pg(&args, &url),
    }
}

fn run_dir(args: &Args, dir: PathBuf) -> Result<ExitCode> {
    let mut store = Store::open(&dir)?;
    let mut writer = store.writer(args.batch)?;
    let items = inputs::items(&args.paths, &crate::inputs::source_options())
        .map(|item| item.map_err(|e: InputError| jobs::item_error(e)));
    let bar = progress(args.quiet);
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let html_opts = crate::inputs::html_options();
    let summary = warta_store::ingest::run(
        &mut writer,
        items,
        threads,
        |item: inputs::Item| {
            let (source, decoded, overrides) = item.read_any(&html_opts).map_err(jobs::item_error)?;
            Ok(warta_store::ingest::Read { source, decoded, overrides })
        },
        |event| {
            bar.inc(1);
            if let Event::Failed(e) = event {
                bar.suspend(|| eprintln!("warta: {e}"));
            }
        },
    )?;
    writer.commit()?;
    bar.finish_and_clear();
    if !args.quiet {
        let counts = store.counts()?;
        let out = serde_json::json!({
            "data": dir.display().to_string(),
            "added": summary.added, "updated": summary.updated, "unchanged": summary.unchanged,
            "failed": summary.failed, "articles": counts.articles, "stories": counts.stories,
        });
        println!("{out}");
    }
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_pg(args: &Args, url: &str) -> Result<ExitCode> {
    let mut pg = warta_store::pg::Pg::connect(url)?;
    let items = inputs::items(&args.paths, &crate::inputs::source_options());
    let bar = progress(args.quiet);
    let mut unreadable = 0usize;
    let (enqueued, range) = jobs::enqueue_all(&mut pg, items.inspect(|_| bar.inc(1)), args.batch, |e: &ItemError| {
        bar.suspend(|| eprintln!("warta: {e}"));
        unreadable += 1;
    })?;
    bar.finish_and_clear();
    let mut failed_jobs = Vec::new();
    if args.wait
        && let Some((first, last)) = range
    {
        pg.listen(warta_store::pg::CHANNEL_CHANGES)?;
        loop {
            let s = pg.queue_status(0)?;
            if s.clustered_through >= last {
                break;
            }
            pg.wait(Duration::from_secs(1))?;
        }
        failed_jobs =
            pg.queue_status(i64::MAX)?.failures.into_iter().filter(|f| f.seq >= first && f.seq <= last).collect();
        for f in &failed_jobs {
            eprintln!("warta: {}: {}", f.name, f.error);
        }
    }
    if !args.quiet {
        let mut out = serde_json::json!({
            "data": warta_store::redact(url), "enqueued": enqueued, "unreadable": unreadable,
            "seq": range.map(|(a, b)| [a, b]),
        });
        if args.wait {
            let counts = pg.counts()?;
            out["failed"] = failed_jobs.len().into();
            out["articles"] = counts.articles.into();
            out["stories"] = counts.stories.into();
        }
        println!("{out}");
    }
    Ok(if unreadable + failed_jobs.len() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
