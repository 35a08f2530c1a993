//! `warta-eval bench-store`: ingest throughput and search latency on generated articles.
//!
//! 1. Writes `--articles` generated articles (warta_store::synth) as files in a fresh folder.
//! 2. **Full ingest**: the `warta ingest` path (parallel read + decode + analyse, one writer).
//! 3. **Store alone**: the stored analyses put again into a second, empty store (only the
//!    writer is timed: SQLite, stories, index), to separate the store's cost from analysis.
//! 4. **Search**: `--queries` queries (words, phrases, names, filters) against the first store,
//!    each timed on its own; p50/p99/max latency.

use crate::inputs;
use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use rusqlite::Connection;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use warta_store::synth::Rng;
use warta_store::{SearchQuery, Store};

#[derive(ClapArgs)]
pub struct Args {
    /// Generated articles to ingest.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// Search queries to time (latency percentiles).
    #[arg(long, default_value_t = 500)]
    pub queries: usize,
    /// Working folder (default: a fresh folder under the system temp dir; removed afterwards
    /// unless --keep).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Keep the working folder (the stores and articles) afterwards.
    #[arg(long)]
    pub keep: bool,
    /// Analysis threads (default: the machine's cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Articles per committed batch.
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dir =
        args.dir.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("warta-bench-{}", std::process::id())));
    let files = dir.join("articles");
    let (data1, data2) = (dir.join("store-full"), dir.join("store-alone"));
    for d in [&data1, &data2] {
        let _ = std::fs::remove_dir_all(d);
    }
    let t = Instant::now();
    warta_store::synth::write(&files, args.articles, 7)?;
    eprintln!("generated {} articles in {:.1?}", args.articles, t.elapsed());
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));

    // Full ingest.
    let mut store = Store::open(&data1)?;
    let t = Instant::now();
    {
        let mut writer = store.writer(args.batch)?;
        let items: Vec<_> = inputs::expand(std::slice::from_ref(&files))
            .into_iter()
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let html_opts = crate::inputs::html_options();
        warta_store::ingest::run(
            &mut writer,
            items.into_iter().map(|i| Ok(inputs::Item::File(i))),
            threads,
            |item: inputs::Item| {
                let (source, decoded, overrides) = item.read_any(&html_opts).map_err(crate::jobs::item_error)?;
                Ok(warta_store::ingest::Read { source, decoded, overrides })
            },
            |_| {},
        )?;
        writer.commit()?;
    }
    let full = t.elapsed();
    let counts = store.counts()?;
    eprintln!("full ingest: {full:.1?}");

    // Reopen: a new writer on the full store adds one article (the story engine is rebuilt
    // from the stored rows first).
    let t = Instant::now();
    {
        let mut writer = store.writer(1)?;
        let text = "JAKARTA - Artikel uji pembukaan ulang untuk mengukur waktu pemulihan mesin cerita.";
        let decoded = warta_engine::decode(text.as_bytes()).context("decode")?;
        let read = warta_store::ingest::Read {
            source: "bench-reopen.txt".into(),
            decoded,
            overrides: warta_engine::pipeline::Overrides::default(),
        };
        let a = warta_store::ingest::analyse(read, &warta_engine::Options::default())?;
        warta_store::ingest::put(&mut writer, a)?;
        writer.commit()?;
    }
    let reopen = t.elapsed();
    eprintln!("reopen + add one: {reopen:.1?}");

    // Store alone: read the stored analyses back (untimed) and put them into an empty store.
    let conn = Connection::open(data1.join("warta.sqlite3"))?;
    let mut st = conn.prepare(
        "SELECT a.source, a.text, n.json FROM articles a JOIN analyses n ON n.article_id = a.id ORDER BY a.id",
    )?;
    let mut rows = st.query([])?;
    let mut store2 = Store::open(&data2)?;
    let mut alone = Duration::ZERO;
    {
        let mut writer = store2.writer(args.batch)?;
        let mut chunk = Vec::with_capacity(5000);
        loop {
            chunk.clear();
            while chunk.len() < 5000 {
                let Some(r) = rows.next()? else { break };
                let (source, text, json): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                let a: warta_engine::Analysis = serde_json::from_str(&json).context("stored analysis")?;
                chunk.push((source, text, a));
            }
            if chunk.is_empty() {
                break;
            }
            let t = Instant::now();
            for (source, text, a) in chunk.drain(..) {
                writer.put(&source, &text, a)?;
            }
            alone += t.elapsed();
        }
        let t = Instant::now();
        writer.commit()?;
        alone += t.elapsed();
    }
    eprintln!("store alone: {alone:.1?}");

    // Search.
    let queries = make_queries(args.queries, &store);
    for q in queries.iter().take(20) {
        store.search(q)?;
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut total_hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        let hits = store.search(q)?;
        times.push(t.elapsed());
        total_hits += hits.len();
    }
    times.sort();
    let n = args.articles as f64;
    let report = serde_json::json!({
        "articles": args.articles,
        "threads": threads,
        "stored": counts,
        "ingest_full": {"seconds": full.as_secs_f64(), "articles_per_second": n / full.as_secs_f64()},
        "reopen_add_one_seconds": reopen.as_secs_f64(),
        "ingest_store_alone": {"seconds": alone.as_secs_f64(), "articles_per_second": n / alone.as_secs_f64()},
        "search": {
            "queries": times.len(),
            "mean_hits": total_hits as f64 / times.len().max(1) as f64,
            "p50_ms": percentile(&times, 0.5).as_secs_f64() * 1e3,
            "p99_ms": percentile(&times, 0.99).as_secs_f64() * 1e3,
            "max_ms": times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        },
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    if !args.keep && args.dir.is_none() {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A mix of searches: words, stemmed forms, phrases, names, boolean queries, and filters.
fn make_queries(n: usize, store: &Store) -> Vec<SearchQuery> {
    let words = [
        "beras",
        "banjir",
        "vaksinasi",
        "nikel",
        "kebakaran",
        "listrik",
        "kemacetan",
        "gempa",
        "pemerintah",
        "menangani",
        "penanganan",
        "koordinasi",
        "anggaran",
        "masyarakat",
        "kebijakan",
        "pasar",
    ];
    let phrases =
        ["\"harga beras\"", "\"jalan tol\"", "\"kebakaran hutan\"", "\"subsidi listrik\"", "\"kepala daerah\""];
    let names = ["Budi", "Siti Rahmawati", "Agus", "Dewi Wijaya", "Hendra", "Joko Santoso"];
    let mut r = Rng::new(42);
    let _ = store;
    (0..n)
        .map(|i| {
            let mut q = SearchQuery { limit: 10, ..Default::default() };
            match i % 6 {
                0 => q.text = r.pick(&words).to_string(),
                1 => q.text = r.pick(&phrases).to_string(),
                2 => q.text = format!("{} {}", r.pick(&words), r.pick(&words)),
                3 => q.text = format!("{} OR {}", r.pick(&names), r.pick(&words)),
                4 => {
                    q.text = r.pick(&words).to_string();
                    q.outlet = Some(r.pick(warta_store::synth::OUTLETS).to_string());
                }
                _ => {
                    q.text = r.pick(&phrases).to_string();
                    let y = 2020 + r.below(6) as i16;
                    q.from = Some(jiff::civil::date(y, 1, 1));
                    q.to = Some(jiff::civil::date(y, 6, 30));
                }
            }
            q
        })
        .collect()
}
