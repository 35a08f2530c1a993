//! `warta-eval eval meta`: cleaning and publication dates on the detik 2025 articles
//! (../shared/data/news-detik-2025/articles.csv; evaluation only, never shipped).
//!
//! Gold: the `tanggal` column (publication time, M/D/YYYY). Scored: whether `published`
//! contains the gold day (a day value equal to it, a month or year value it falls in), whether
//! `earliest` is not after it, and how much chrome the body keeps.

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use warta_engine::analysis::Precision;

#[derive(ClapArgs)]
pub struct Args {
    /// Print each article whose date is wrong.
    #[arg(long)]
    pub verbose: bool,
}

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    let path = data.join("news-detik-2025/articles.csv");
    let raw = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let rows = warta_engine::csv::parse(&raw);
    let Some(header) = rows.first() else { bail!("{}: empty CSV", path.display()) };
    let col = |name: &str| header.iter().position(|h| h == name).with_context(|| format!("no column {name}"));
    let (body_col, date_col, id_col) = (col("isi_berita")?, col("tanggal")?, col("id")?);

    let mut by_precision: BTreeMap<&str, (usize, usize)> = BTreeMap::new(); // (right, total)
    let (mut none, mut earliest_ok, mut earliest_total) = (0usize, 0usize, 0usize);
    let (mut leaked, mut removed_total, mut paragraphs) = (0usize, 0usize, 0usize);
    let mut n = 0usize;
    for row in &rows[1..] {
        let (Some(body), Some(date)) = (row.get(body_col), row.get(date_col)) else { continue };
        let Some(gold) = gold_date(date) else { continue };
        n += 1;
        let decoded = warta_engine::decode(body.as_bytes());
        let Ok(decoded) = decoded else { continue };
        let a = warta_engine::analyze(row.get(id_col).map_or("?", |s| s.as_str()), &decoded, &Default::default());
        removed_total += a.removed.len();
        paragraphs += a.body.len();
        leaked += a.body.iter().filter(|p| p.contains("SCROLL TO CONTINUE") || p.trim() == "ADVERTISEMENT").count();
        match &a.published {
            None => none += 1,
            Some(p) => {
                let key = match p.precision {
                    Precision::Day => "day",
                    Precision::Month => "month",
                    Precision::Year => "year",
                };
                let right = gold.starts_with(&p.value);
                let e = by_precision.entry(key).or_default();
                e.1 += 1;
                if right {
                    e.0 += 1;
                } else if args.verbose {
                    println!("  {} gold {gold} got {} ({})", a.source, p.value, p.reason);
                }
                if let Some(earliest) = &p.earliest {
                    earliest_total += 1;
                    if earliest.as_str() <= gold.as_str() {
                        earliest_ok += 1;
                    }
                }
            }
        }
    }
    let with_value: usize = by_precision.values().map(|v| v.1).sum();
    let right: usize = by_precision.values().map(|v| v.0).sum();
    println!("Publication date on news-detik-2025 ({n} articles; gold = the `tanggal` column)\n");
    println!("| precision | articles | value contains the gold day |");
    println!("|---|---:|---:|");
    for (k, (r, t)) in &by_precision {
        println!("| {k} | {t} | {r} ({:.1}%) |", pct(*r, *t));
    }
    println!("| all with a value | {with_value} | {right} ({:.1}%) |", pct(right, with_value));
    println!("| null (no date printed or inferable) | {none} | – |");
    println!(
        "\n`earliest` not after the gold day: {earliest_ok}/{earliest_total} ({:.1}%)",
        pct(earliest_ok, earliest_total)
    );
    println!(
        "\nCleaning: {paragraphs} body paragraphs kept, {removed_total} pieces removed, {leaked} paragraphs still holding scroll/ad chrome"
    );
    Ok(ExitCode::SUCCESS)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 }
}

/// "10/20/2025 14:05" (M/D/YYYY) → "2025-10-20".
fn gold_date(s: &str) -> Option<String> {
    let d = s.split_whitespace().next()?;
    let mut it = d.split('/');
    let (m, day, y): (u32, u32, u32) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    Some(format!("{y:04}-{m:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_dates_are_month_first() {
        assert_eq!(gold_date("10/7/2025 9:30").as_deref(), Some("2025-10-07"));
        assert_eq!(gold_date("bukan tanggal"), None);
    }
}
