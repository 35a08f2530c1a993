//! `warta-eval eval dedup`: duplicates and stories.
//!
//! (a) The detik 2025 articles (../shared/data/news-detik-2025/articles.csv): exact groups found
//!     against the URL-based gold (the same URL collected under several keywords), false
//!     groups, and the near groups listed for reading.
//! (b) A generated corpus (`warta_eval::synth`, N articles): precision and recall of duplicate
//!     pairs against the generator's truth, and time, side by side with datasketch MinHashLSH
//!     (same corpus, same num_perm, threshold and word 5-shingles) run from eval/.venv.
//! (c) Story quality on the generated corpus (B³ and pairwise precision/recall against the
//!     generator's stories) and order sensitivity (input by date vs shuffled within each day).

use crate::generate::record;
use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use std::collections::{BTreeSet, HashMap};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::time::Instant;
use warta_engine::dedup::{Deduper, PERMUTATIONS, SHINGLE};
use warta_engine::stories::{Config, Engine};
use warta_eval::synth::prepare_batch;
use warta_eval::synth::{Corpus, Rng, Settings, SynthArticle};
use warta_eval::synth::{order_difference, shuffled_within_days};

#[derive(ClapArgs)]
pub struct Args {
    /// Articles in the generated corpus.
    #[arg(long, default_value_t = 50_000)]
    pub articles: usize,
    /// Seed of the generated corpus (the same seed, the same corpus).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Near-duplicate threshold (estimated Jaccard of word 5-shingles), for warta and the peer.
    #[arg(long, default_value_t = 0.7)]
    pub threshold: f32,
    /// Skip the detik part (a).
    #[arg(long)]
    pub no_detik: bool,
    /// Skip the datasketch peer.
    #[arg(long)]
    pub no_peer: bool,
}

/// Duplicate pairs: (true positives, predicted pairs, gold pairs). `truth[i]` is article i's
/// duplicate group, if any.
pub fn pair_scores(pred: &[Vec<usize>], truth: &[Option<u32>]) -> (u64, u64, u64) {
    let c2 = |n: u64| n * n.saturating_sub(1) / 2;
    let mut gold: HashMap<u32, u64> = HashMap::new();
    for g in truth.iter().flatten() {
        *gold.entry(*g).or_default() += 1;
    }
    let gold_pairs = gold.values().map(|&n| c2(n)).sum();
    let (mut tp, mut pp) = (0, 0);
    for members in pred {
        pp += c2(members.len() as u64);
        let mut by: HashMap<u32, u64> = HashMap::new();
        for &m in members {
            if let Some(g) = truth[m] {
                *by.entry(g).or_default() += 1;
            }
        }
        tp += by.values().map(|&n| c2(n)).sum::<u64>();
    }
    (tp, pp, gold_pairs)
}

/// B³ precision and recall of a clustering against gold labels.
pub fn b_cubed(pred: &[u32], gold: &[u32]) -> (f64, f64) {
    let mut cell: HashMap<(u32, u32), f64> = HashMap::new();
    let mut ps: HashMap<u32, f64> = HashMap::new();
    let mut gs: HashMap<u32, f64> = HashMap::new();
    for (&p, &g) in pred.iter().zip(gold) {
        *cell.entry((p, g)).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
    }
    let n = pred.len().max(1) as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for (&(pi, gi), &c) in &cell {
        p += c * c / ps[&pi];
        r += c * c / gs[&gi];
    }
    (p / n, r / n)
}

/// Pairwise precision and recall of a clustering against gold labels.
pub fn pairwise(pred: &[u32], gold: &[u32]) -> (f64, f64) {
    let c2 = |n: f64| n * (n - 1.0) / 2.0;
    let mut cell: HashMap<(u32, u32), f64> = HashMap::new();
    let mut ps: HashMap<u32, f64> = HashMap::new();
    let mut gs: HashMap<u32, f64> = HashMap::new();
    for (&p, &g) in pred.iter().zip(gold) {
        *cell.entry((p, g)).or_default() += 1.0;
        *ps.entry(p).or_default() += 1.0;
        *gs.entry(g).or_default() += 1.0;
    }
    let tp: f64 = cell.values().map(|&c| c2(c)).sum();
    let pp: f64 = ps.values().map(|&c| c2(c)).sum();
    let gp: f64 = gs.values().map(|&c| c2(c)).sum();
    (tp / pp.max(1.0), tp / gp.max(1.0))
}

/// Stories of articles fed in the given order; returns each article's story (by corpus index).
pub fn assign(corpus: &[SynthArticle], order: &[usize]) -> Vec<u32> {
    let mut engine = Engine::new(Config::default());
    let mut out = vec![0u32; corpus.len()];
    for chunk in order.chunks(4096) {
        let batch: Vec<SynthArticle> = chunk.iter().map(|&i| corpus[i].clone()).collect();
        for (p, &i) in prepare_batch(&batch, 2).into_iter().zip(chunk) {
            out[i] = engine.add_prepared(p) as u32;
        }
    }
    out
}

/// The documented order tolerance (fraction of articles).
pub const ORDER_TOLERANCE: f64 = 0.05;

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    if !args.no_detik {
        detik(data)?;
    }
    synthetic(args)?;
    Ok(ExitCode::SUCCESS)
}

fn detik(data: &Path) -> Result<()> {
    let path = data.join("news-detik-2025/articles.csv");
    println!("## (a) detik 2025: exact duplicates against the URL gold\n");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent\n", path.display());
        return Ok(());
    };
    let rows = warta_engine::csv::parse(&raw);
    let h = &rows[0];
    let col = |name: &str| h.iter().position(|c| c == name).with_context(|| format!("no column {name}"));
    let (body, url, title) = (col("isi_berita")?, col("tautan")?, col("judul")?);
    let mut engine = Engine::new(Config::default());
    let mut by_url: HashMap<&str, Vec<String>> = HashMap::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    let opts = warta_engine::Options::default();
    for (i, r) in rows[1..].iter().enumerate() {
        let id = format!("row{:04}", i + 1);
        let decoded = warta_engine::decode(r[body].as_bytes())?;
        engine.add(&warta_engine::analyze(&id, &decoded, &opts));
        by_url.entry(r[url].as_str()).or_default().push(id.clone());
        titles.insert(id, r[title].clone());
    }
    let gold: BTreeSet<Vec<String>> = by_url.into_values().filter(|v| v.len() > 1).collect();
    let dups = engine.duplicates();
    let exact: BTreeSet<Vec<String>> = dups.iter().filter(|g| g.kind == "exact").map(|g| g.articles.clone()).collect();
    let found = gold.intersection(&exact).count();
    let false_groups: Vec<_> = exact.difference(&gold).collect();
    let copies = |s: &BTreeSet<Vec<String>>| s.iter().map(|g| g.len() - 1).sum::<usize>();
    println!("| | gold (URL) | warta exact groups | found | false groups |");
    println!("|---|---:|---:|---:|---:|");
    println!("| groups | {} | {} | {} | {} |", gold.len(), exact.len(), found, false_groups.len());
    println!("| extra copies | {} | {} | | |", copies(&gold), copies(&exact));
    for g in &false_groups {
        println!("\nfalse exact group: {g:?}");
    }
    let near: Vec<_> = dups.iter().filter(|g| g.kind == "near").collect();
    println!("\nNear groups ({}):", near.len());
    for g in near {
        let names: Vec<String> =
            g.articles.iter().map(|a| format!("{a} \"{}\"", titles.get(a).map_or("", |t| t.as_str()))).collect();
        println!("- {}", names.join(" ~ "));
    }
    println!();
    Ok(())
}

fn synthetic(args: &Args) -> Result<()> {
    let settings = Settings { seed: args.seed, articles: args.articles, ..Default::default() };
    let corpus: Vec<SynthArticle> = Corpus::new(settings.clone()).collect();
    let truth_dup: Vec<Option<u32>> = corpus.iter().map(|a| a.dup_group).collect();
    let truth_story: Vec<u32> = corpus.iter().map(|a| a.story).collect();
    let texts: Vec<String> = corpus.iter().map(SynthArticle::text).collect();

    println!(
        "## (b) duplicates on a generated corpus: {} articles, seed {}, threshold {}, {} permutations, word {}-shingles\n",
        corpus.len(),
        args.seed,
        args.threshold,
        PERMUTATIONS,
        SHINGLE
    );
    // warta: sketch + add, one thread, on the same texts the peer reads.
    let t = Instant::now();
    let mut d = Deduper::new(args.threshold);
    for text in &texts {
        d.add(text);
    }
    let groups: Vec<Vec<usize>> = d.groups().into_iter().map(|g| g.members).collect();
    let warta_secs = t.elapsed().as_secs_f64();
    let (tp, pp, gp) = pair_scores(&groups, &truth_dup);
    let row = |name: &str, secs: f64, tp: u64, pp: u64, groups: usize| {
        println!(
            "| {name} | {:.4} | {:.4} | {groups} | {:.2} | {:.0} |",
            tp as f64 / pp.max(1) as f64,
            tp as f64 / gp.max(1) as f64,
            secs,
            corpus.len() as f64 / secs
        );
    };
    println!("gold: {gp} duplicate pairs\n");
    println!("| system | pair precision | pair recall | groups | seconds | articles/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    row("warta Deduper (1 thread)", warta_secs, tp, pp, groups.len());
    let peer = if args.no_peer { Err("peer not run (--no-peer)".to_string()) } else { run_peer(&corpus, args) };
    match peer {
        Ok((secs, pgroups)) => {
            let (ptp, ppp, _) = pair_scores(&pgroups, &truth_dup);
            row("datasketch MinHashLSH", secs, ptp, ppp, pgroups.len());
            println!("\nspeedup: {:.1}× (target ≥ 20× at equal recall)", secs / warta_secs);
        }
        Err(e) => println!("\n{e}"),
    }

    println!("\n## (c) stories on the generated corpus\n");
    let by_date: Vec<usize> = (0..corpus.len()).collect();
    let t = Instant::now();
    let a = assign(&corpus, &by_date);
    let secs = t.elapsed().as_secs_f64();
    // Second order: shuffled within each day.
    let shuffled = shuffled_within_days(&corpus, &by_date, &mut Rng::new(args.seed ^ 0xfeed));
    let b = assign(&corpus, &shuffled);
    let (bp, br) = b_cubed(&a, &truth_story);
    let (pp2, pr2) = pairwise(&a, &truth_story);
    let stories = a.iter().collect::<BTreeSet<_>>().len();
    let gold_stories = truth_story.iter().collect::<BTreeSet<_>>().len();
    println!("| measure | value |");
    println!("|---|---:|");
    println!("| stories found / generated | {stories} / {gold_stories} |");
    println!("| B³ precision / recall | {bp:.3} / {br:.3} |");
    println!("| pairwise precision / recall | {pp2:.3} / {pr2:.3} |");
    println!("| seconds (prepare on 2 threads + add) | {secs:.2} |");
    let diff = order_difference(&a, &b);
    println!(
        "| articles whose story differs, by date vs shuffled within days | {:.2} % (tolerance {:.0} %) |",
        diff * 100.0,
        ORDER_TOLERANCE * 100.0
    );
    Ok(())
}

fn run_peer(corpus: &[SynthArticle], args: &Args) -> std::result::Result<(f64, Vec<Vec<usize>>), String> {
    let mut cmd = super::peer_command("dedup_datasketch.py", "datasketch peer", "eval/peers/requirements-dedup.txt")?;
    let path = std::env::temp_dir().join(format!("warta-dedup-{}-{}.jsonl", std::process::id(), args.seed));
    let write = || -> Result<()> {
        let mut out = BufWriter::new(std::fs::File::create(&path)?);
        for a in corpus {
            serde_json::to_writer(&mut out, &record(a))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        Ok(())
    };
    write().map_err(|e| format!("peer not run: cannot write the corpus: {e}"))?;
    let out = cmd
        .args(["--jsonl", &path.to_string_lossy(), "--threshold", &args.threshold.to_string()])
        .args(["--num-perm", &PERMUTATIONS.to_string(), "--shingle", &SHINGLE.to_string()])
        .stderr(Stdio::inherit())
        .output();
    let _ = std::fs::remove_file(&path);
    let out = out.map_err(|e| format!("peer failed to start: {e}"))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("peer gave no JSON: {e}"))?;
    let secs = v["seconds"].as_f64().ok_or("peer gave no seconds")?;
    let groups = v["groups"]
        .as_array()
        .ok_or("peer gave no groups")?
        .iter()
        .map(|g| g.as_array().into_iter().flatten().filter_map(|x| x.as_u64().map(|x| x as usize)).collect())
        .collect();
    Ok((secs, groups))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        let truth = vec![Some(1), Some(1), None, Some(2), Some(2), Some(2)];
        // One right pair, one wrong pair, two of the three pairs of group 2.
        let pred = vec![vec![0, 1], vec![2, 3], vec![4, 5]];
        assert_eq!(pair_scores(&pred, &truth), (2, 3, 4));
        let (p, r) = b_cubed(&[0, 0, 1], &[0, 0, 0]);
        assert!((p - 1.0).abs() < 1e-9 && (r - 5.0 / 9.0).abs() < 1e-9);
        let (p, r) = pairwise(&[0, 0, 1], &[0, 0, 0]);
        assert!((p - 1.0).abs() < 1e-9 && (r - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(order_difference(&[0, 0, 1, 1], &[5, 5, 6, 6]), 0.0);
        assert_eq!(order_difference(&[0, 0, 1, 1], &[5, 5, 5, 6]), 0.25);
    }
}
