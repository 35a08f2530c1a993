//! `warta-eval eval STAGE`: score a stage on the gold data in ../shared/data, next to its peer.
//!
//! Each stage has its own module with its `Args` and `run`. Peers written in Python run from
//! the virtual environment that `eval/setup-venv.sh` creates (never a dependency of warta).

use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// This repository's `eval/` folder (peers and their virtual environment).
fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval")
}

/// Is the peers' virtual environment there?
fn have_venv() -> bool {
    eval_dir().join(".venv/bin/python").exists()
}

/// A command running the peer script `eval/peers/SCRIPT` with the virtual environment's Python,
/// or, when that environment is missing, why `peer` cannot run (`installs`: what setting it up
/// installs, named in the message).
fn peer_command(script: &str, peer: &str, installs: &str) -> std::result::Result<Command, String> {
    if !have_venv() {
        return Err(format!(
            "{peer} not run: eval/.venv is missing; create it with `bash eval/setup-venv.sh` (installs {installs})"
        ));
    }
    let mut cmd = Command::new(eval_dir().join(".venv/bin/python"));
    cmd.arg(eval_dir().join("peers").join(script));
    Ok(cmd)
}

pub mod coref;
pub mod dedup;
pub mod events;
pub mod events_gold;
pub mod extract;
mod meta;
pub mod ner;
pub mod parse;
pub mod quotes;
pub mod stem;
pub mod time;
pub mod timeline;
pub mod triggers;

#[derive(Args)]
pub struct EvalArgs {
    /// Where ../shared/data is (default: ../shared/data from the repository root).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[command(subcommand)]
    pub stage: Stage,
}

#[derive(Subcommand)]
pub enum Stage {
    /// Cleaning and publication dates on the detik 2025 articles.
    Meta(meta::Args),
    /// Alias merging (entities) on coref-id: MUC and B³ next to an exact-string baseline.
    Coref(coref::Args),
    /// The time stage on the IndoTimex TimeML gold, next to HeidelTime and dateparser.
    Time(time::Args),
    /// Quotes, cues and speakers on PFSA-ID (overlap and exact F1, next to a quote-mark baseline).
    Quotes(quotes::Args),
    /// Entity tagger: strict entity-level P/R/F1 per type on each NER dev set, next to a
    /// sklearn-crfsuite CRF trained on the same data in the same run.
    Ner(ner::Args),
    /// HTML main-text extraction on boilerplate-aeb with the benchmark's own metric (4-gram
    /// shingles, macro P/R/F1), next to trafilatura run on the same pages in the same run.
    Extract(extract::Args),
    /// Events: type + participants P/R on the self-written gold set, next to a co-occurrence
    /// baseline; with --gold DIR, on the hand-annotated detik articles of events-gold.
    Events(events::Args),
    /// Duplicates (detik exact groups; generated corpus next to datasketch) and stories
    /// (B³ and order sensitivity on the generated corpus).
    Dedup(dedup::Args),
    /// The store's Indonesian stemmer: root accuracy on UD Indonesian-GSD MorphInd roots, next
    /// to Snowball Indonesian (frostem) and no stemming.
    Stem(stem::Args),
    /// The syntax model: UPOS, UAS, LAS on UD Indonesian-CSUI test (gold tokenisation), next
    /// to UDPipe 1 trained on the same files (--holdout: also held-out PUD/GSD variants).
    Parse(parse::Args),
    /// Story timelines (issue 18 item 7): the seed checks, main events of events-gold in their
    /// story's timeline with the right type and date, bare-statement entries, copies counted
    /// as independent supporters.
    Timeline(timeline::Args),
    /// Event triggers and types on warta's own event annotation of UD Indonesian news
    /// sentences: the rule stage next to the learned trigger tagger (trained on CSUI train,
    /// tested on CSUI test); --write-model trains the shipped tagger on every annotated file.
    Triggers(triggers::Args),
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let data = crate::data_dir(&args.data);
    match args.stage {
        Stage::Meta(a) => meta::run(&data, &a),
        Stage::Coref(a) => coref::run(a, &data),
        Stage::Time(a) => time::run(&data, a),
        Stage::Quotes(a) => quotes::run(data.clone(), a),
        Stage::Ner(a) => ner::run(a, &data),
        Stage::Extract(a) => extract::run(&data, a),
        Stage::Events(a) => events::run(a, &data),
        Stage::Dedup(a) => dedup::run(&data, &a),
        Stage::Stem(a) => stem::run(&data, &a),
        Stage::Parse(a) => parse::run(&data, &a),
        Stage::Timeline(a) => timeline::run(&data, &a),
        Stage::Triggers(a) => triggers::run(&data, &a),
    }
}
