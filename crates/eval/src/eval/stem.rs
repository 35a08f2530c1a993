//! `warta-eval eval stem`: root accuracy of the store's Indonesian stemmer on UD Indonesian-GSD
//! (../shared/data/ud-id-gsd, CC BY-SA 4.0; evaluation only, never shipped), next to
//! Snowball's Indonesian stemmer (frostem, the dictionary-free peer) and the identity.
//!
//! Gold: the root in each token's MorphInd segmentation (MISC column): `^meN+desain<n>_VSA$`
//! → `desain`, `^per+alat<n>+an_NSD$` → `alat`. Scored: alphabetic tokens, lower-cased.
//! Reported overall, on tokens whose gold root differs from the word (affixed: under-stemming
//! shows here), and on tokens that are their own root (over-stemming shows here).

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// Print the N most frequent errors of warta's stemmer.
    #[arg(long, default_value_t = 0)]
    pub errors: usize,
}

/// The root of a MorphInd analysis, lower-cased.
pub fn morphind_root(misc: &str) -> Option<String> {
    let m = misc.split('|').find_map(|f| f.strip_prefix("MorphInd="))?;
    let m = m.trim_start_matches('^');
    let lt = m.find('<')?;
    let head = &m[..lt];
    let root = head.rsplit('+').next()?;
    Some(root.to_lowercase())
}

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    let path = data.join("ud-id-gsd/id_gsd-ud-dev.conllu");
    let raw = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for line in raw.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let form = cols[1].to_lowercase();
        if !form.bytes().all(|b| b.is_ascii_lowercase()) {
            continue;
        }
        if let Some(root) = morphind_root(cols[9]) {
            pairs.push((form, root));
        }
    }
    let snowball = frostem::Stemmer::new(frostem::Algorithm::Indonesian);
    type StemFn<'a> = &'a dyn Fn(&str) -> String;
    let stemmers: [(&str, StemFn); 3] = [
        ("warta (rules + own word lists)", &|w: &str| warta_store::stem::stem(w)),
        ("Snowball Indonesian (frostem)", &|w: &str| snowball.stem(w).into_owned()),
        ("identity (no stemming)", &|w: &str| w.to_string()),
    ];
    let affixed = pairs.iter().filter(|(f, r)| f != r).count();
    println!("UD Indonesian-GSD dev: {} alphabetic tokens, {} affixed (root ≠ word)\n", pairs.len(), affixed);
    println!(
        "| stemmer | root accuracy (all) | affixed words | words that are roots | content words (not stopwords: what the index stems) |"
    );
    println!("|---|---|---|---|---|");
    for (name, f) in stemmers {
        let (mut all, mut aff, mut plain) = (0usize, 0usize, 0usize);
        let (mut content, mut content_ok) = (0usize, 0usize);
        for (form, root) in &pairs {
            let right = f(form) == *root;
            if !warta_store::analyzer::is_stopword(form) {
                content += 1;
                content_ok += usize::from(right);
            }
            if right {
                all += 1;
                if form == root {
                    plain += 1;
                } else {
                    aff += 1;
                }
            }
        }
        let pct = |a: usize, n: usize| 100.0 * a as f64 / n.max(1) as f64;
        println!(
            "| {name} | {:.1}% | {:.1}% | {:.1}% | {:.1}% of {content} |",
            pct(all, pairs.len()),
            pct(aff, affixed),
            pct(plain, pairs.len() - affixed),
            pct(content_ok, content)
        );
    }
    if args.errors > 0 {
        let mut errs: BTreeMap<(String, String, String), usize> = BTreeMap::new();
        for (form, root) in &pairs {
            let got = warta_store::stem::stem(form);
            if got != *root {
                *errs.entry((form.clone(), got, root.clone())).or_default() += 1;
            }
        }
        let mut errs: Vec<_> = errs.into_iter().collect();
        errs.sort_by_key(|e| std::cmp::Reverse(e.1));
        println!("\nword → warta (gold) ×count");
        for ((form, got, root), n) in errs.into_iter().take(args.errors) {
            println!("{form} → {got} ({root}) ×{n}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
