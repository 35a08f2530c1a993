//! `warta-eval eval events`: precision and recall of event type + participants on the
//! **self-written** gold set `crates/engine/tests/golden/events/gold.json` (no public gold
//! exists for Indonesian event frames; the sentences are the warta authors' own).
//!
//! A predicted event matches a gold one when the type is equal and the participants' canonical
//! names are the same set. Next to warta: a co-occurrence baseline on the same triggers that
//! takes every named, non-media entity of the text as the participants.

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;
use warta_eval::gold::{self, Counts};

#[derive(ClapArgs)]
pub struct Args {
    /// One gold file (default: the repository's tests/golden/events/gold.json, the set the rules
    /// were tuned on, then heldout.json, written afterwards and never tuned on).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print every missed, spurious or mismatched event.
    #[arg(long)]
    pub show_errors: bool,
    /// Score on the hand-annotated detik articles of this events-gold folder instead
    /// (../shared/data/events-gold: the README's matching rule, per type and per field).
    #[arg(long, value_name = "DIR")]
    pub gold: Option<PathBuf>,
    /// With --gold: which articles (dev = odd ids, held = even ids, all = both and the halves).
    #[arg(long, value_enum, default_value = "all")]
    pub split: super::events_gold::Split,
}

pub fn run(args: Args, data: &std::path::Path) -> Result<ExitCode> {
    if let Some(dir) = &args.gold {
        return super::events_gold::run(dir, data, args.split, args.show_errors);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/golden/events");
    let files = match &args.file {
        Some(f) => vec![f.clone()],
        None => vec![dir.join("gold.json"), dir.join("heldout.json")],
    };
    for path in files {
        report(&path, args.show_errors)?;
        println!();
    }
    Ok(ExitCode::SUCCESS)
}

fn report(path: &std::path::Path, show_errors: bool) -> Result<()> {
    let json = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let r = gold::score(&json).with_context(|| format!("parsing {}", path.display()))?;
    println!("events: type + participants on {} ({} cases, self-written gold)", path.display(), r.cases);
    println!();
    println!("| system | P | R | F1 | tp | fp | fn |");
    println!("|---|---|---|---|---|---|---|");
    for (name, c) in [("warta", r.total), ("co-occurrence baseline (same triggers)", r.baseline)] {
        print_row(name, &c);
    }
    println!();
    println!("| type | P | R | F1 | tp | fp | fn |");
    println!("|---|---|---|---|---|---|---|");
    for (t, c) in &r.by_type {
        print_row(t.as_str(), c);
    }
    println!();
    println!("strict-case field mismatches: {}", r.strict_failures.len());
    if show_errors {
        for m in &r.misses {
            println!("  {m}");
        }
    }
    Ok(())
}

/// One table row: the name, P, R, F1 and the counts.
fn print_row(name: &str, c: &Counts) {
    println!("| {name} | {:.3} | {:.3} | {:.3} | {} | {} | {} |", c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn_);
}
