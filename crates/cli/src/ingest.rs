//! `warta ingest`: analyse files and folders into a store.
//!
//! Worker threads read, decode, hash and analyse (skipping content the store already holds);
//! a bounded channel carries the results to the single writer (this thread), which puts them
//! in input order, so stories are numbered the same way on every run.

use crate::inputs::{self, InputError, Item};
use anyhow::Result;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use warta_engine::Analysis;
use warta_engine::stories::{Prepared, prepare_analysis};
use warta_store::{Store, content_hash};

#[derive(ClapArgs)]
pub struct Args {
    /// The data directory (default: $WARTA_DATA, else ./warta-data).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// No progress bar and no summary (errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Analysis threads (default: the number of cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Articles per committed batch (one SQLite transaction and one index commit).
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// Files or folders (read recursively: *.txt, HTML pages .html/.htm/.html.gz, and
    /// containers .warc/.warc.gz, .jsonl/.ndjson(.gz), .rss/.atom; a .xml feed when named).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

pub enum Work {
    Analysed {
        source: String,
        hash: String,
        text: String,
        analysis: Box<Analysis>,
        /// The story engine's input, made on the worker so the single writer only places it.
        prepared: Box<Prepared>,
    },
    Known {
        hash: String,
    },
}

/// Run `work` over `items` on `threads` workers; hand results to `sink` in input order.
/// Items are pulled from the iterator as workers are free, so a container (a WARC of a
/// million records) is streamed, never held in memory whole.
pub fn parallel(
    items: impl Iterator<Item = Result<Item, InputError>> + Send,
    threads: usize,
    known: Arc<HashSet<String>>,
    mut sink: impl FnMut(Result<Work, InputError>) -> Result<()>,
) -> Result<()> {
    let source = Mutex::new((0usize, items));
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Work, InputError>)>(64);
    let opts = warta_engine::Options::default();
    let html_opts = warta_html::Options::default();
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (source, tx, known, opts, html_opts, stop) = (&source, tx.clone(), &known, &opts, &html_opts, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (i, item) = {
                        let mut guard = source.lock().expect("input source");
                        let (next, iter) = &mut *guard;
                        let Some(item) = iter.next() else { break };
                        *next += 1;
                        (*next - 1, item)
                    };
                    let work = item.and_then(|input| input.read_any(html_opts)).map(|(source, decoded, overrides)| {
                        let hash = content_hash(&decoded.text);
                        if known.contains(&hash) {
                            Work::Known { hash }
                        } else {
                            let analysis =
                                Box::new(warta_engine::pipeline::analyze_with(&source, &decoded, opts, &overrides));
                            let prepared = Box::new(prepare_analysis(&analysis));
                            Work::Analysed { source, hash, text: decoded.text, analysis, prepared }
                        }
                    });
                    if tx.send((i, work)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Result<Work, InputError>> = BTreeMap::new();
        let mut expect = 0;
        let mut result = Ok(());
        for (i, work) in rx.iter() {
            waiting.insert(i, work);
            while let Some(w) = waiting.remove(&expect) {
                expect += 1;
                if result.is_ok() {
                    result = sink(w);
                }
            }
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        // Let blocked workers finish: drain what is left.
        for _ in rx.iter() {}
        result
    })
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dir = args.data.clone().unwrap_or_else(warta_store::default_dir);
    let mut store = Store::open(&dir)?;
    let mut writer = store.writer(args.batch)?;
    let mut failed = 0usize;
    let items = inputs::items(&args.paths, &warta_sources::Options::default());
    // The length is unknown until containers are read: a count, not a bar.
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = ProgressBar::no_length();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} articles {per_sec} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
    };
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let known = Arc::new(writer.known_hashes());
    parallel(items, threads, known, |work| {
        bar.inc(1);
        match work {
            Ok(Work::Analysed { source, hash, text, analysis, prepared }) => {
                writer.put_prepared(&source, hash, &text, *analysis, Some(*prepared))?;
            }
            Ok(Work::Known { hash }) => {
                writer.put_known(&hash);
            }
            Err(e) => {
                bar.suspend(|| eprintln!("warta: {e}"));
                failed += 1;
            }
        }
        Ok(())
    })?;
    let stats = writer.commit()?;
    bar.finish_and_clear();
    if !args.quiet {
        let counts = store.counts()?;
        let summary = serde_json::json!({
            "data": dir.display().to_string(),
            "added": stats.added, "updated": stats.updated, "unchanged": stats.unchanged, "failed": failed,
            "articles": counts.articles, "stories": counts.stories,
        });
        println!("{summary}");
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
