//! `warta-eval bench-stories`: cluster a generated corpus (dedup + story assignment) and report
//! wall time, articles per second and peak memory.
//!
//! What is timed: the generator producing light per-article inputs (headline, outlet, date,
//! body paragraphs, entity names with mention counts: what `warta analyze` would have given),
//! `stories::prepare` (tokenising, hashing, MinHash; on `--threads` threads), and the single
//! writer `Engine::add_prepared` (duplicate lookup, story search, centroid update); then the
//! final duplicate groups. Each phase is reported separately. Not timed: nothing else (the
//! articles are not analysed from text here: `warta analyze` has its own benchmark).

use crate::eval::dedup::{b_cubed, pair_scores};
use anyhow::Result;
use clap::Args as ClapArgs;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use warta_engine::stories::{Config, Engine};
use warta_eval::synth::{Corpus, Settings, SynthArticle, prepare_batch};

#[derive(ClapArgs)]
pub struct Args {
    /// Articles to generate and cluster.
    #[arg(long, default_value_t = 1_000_000)]
    pub articles: usize,
    /// Seed of the generated corpus (the same seed, the same corpus).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Threads preparing articles (the engine itself is a single writer).
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Articles per batch handed to the preparing threads.
    #[arg(long, default_value_t = 4096)]
    pub batch: usize,
}

/// Peak resident memory of this process (VmHWM), in bytes, where /proc is available.
pub fn peak_rss() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let settings = Settings { seed: args.seed, articles: args.articles, ..Default::default() };
    let mut corpus = Corpus::new(settings);
    let mut engine = Engine::new(Config::default());
    let (mut t_gen, mut t_prep, mut t_add) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut truth_story: Vec<u32> = Vec::with_capacity(args.articles);
    let mut truth_dup: Vec<Option<u32>> = Vec::with_capacity(args.articles);
    let start = Instant::now();
    loop {
        let t = Instant::now();
        let batch: Vec<SynthArticle> = corpus.by_ref().take(args.batch.max(1)).collect();
        t_gen += t.elapsed();
        if batch.is_empty() {
            break;
        }
        for a in &batch {
            truth_story.push(a.story);
            truth_dup.push(a.dup_group);
        }
        let t = Instant::now();
        let prepared = prepare_batch(&batch, args.threads);
        drop(batch);
        t_prep += t.elapsed();
        let t = Instant::now();
        for p in prepared {
            engine.add_prepared(p);
        }
        t_add += t.elapsed();
        if truth_story.len() % 100_000 < args.batch {
            eprintln!("warta: {} articles, {:.1} s", truth_story.len(), start.elapsed().as_secs_f64());
        }
    }
    let t = Instant::now();
    let groups = engine.duplicate_groups();
    let t_groups = t.elapsed();
    let wall = start.elapsed();
    let n = engine.len();
    let peak = peak_rss();

    let pred_groups: Vec<Vec<usize>> = groups.iter().map(|g| g.members.clone()).collect();
    let (tp, pred_pairs, gold_pairs) = pair_scores(&pred_groups, &truth_dup);
    let pred_story: Vec<u32> = (0..n).map(|i| engine.story_of(i) as u32).collect();
    let (bp, br) = b_cubed(&pred_story, &truth_story);
    let gold_stories = {
        let mut s = truth_story.clone();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    let secs = |d: Duration| d.as_secs_f64();
    println!("# warta-eval bench-stories: {n} articles, seed {}, {} preparing threads", args.seed, args.threads);
    println!();
    println!("| phase | seconds |");
    println!("|---|---:|");
    println!("| generate light inputs (1 thread) | {:.1} |", secs(t_gen));
    println!("| prepare: tokenise, hash, MinHash ({} threads) | {:.1} |", args.threads, secs(t_prep));
    println!("| engine add: dedup + story assignment (single writer) | {:.1} |", secs(t_add));
    println!("| duplicate groups | {:.1} |", secs(t_groups));
    println!("| **wall, all phases** | **{:.1}** |", secs(wall));
    println!();
    println!("| figure | value |");
    println!("|---|---:|");
    println!("| articles/s (wall) | {:.0} |", n as f64 / secs(wall));
    println!("| articles/s (engine add only) | {:.0} |", n as f64 / secs(t_add));
    match peak {
        Some(b) => println!("| peak RSS (VmHWM) | {:.2} GB |", b as f64 / 1e9),
        None => println!("| peak RSS (VmHWM) | unavailable (no /proc) |"),
    }
    println!("| dedup structures (approx.) | {:.2} GB |", engine.dedup_heap_bytes() as f64 / 1e9);
    println!("| stories found / generated | {} / {} |", engine.story_count(), gold_stories);
    println!("| story B³ precision / recall | {:.3} / {:.3} |", bp, br);
    println!("| duplicate groups | {} |", groups.len());
    println!(
        "| duplicate pairs precision / recall | {:.4} / {:.4} |",
        tp as f64 / pred_pairs.max(1) as f64,
        tp as f64 / gold_pairs.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}
