//! `warta-eval`: the developer commands, apart from the `warta` that users run. Scores the
//! stages on gold data next to their peers (`eval STAGE`), trains the entity tagger
//! (`train ner`), writes the synthetic corpus (`generate`) and benchmarks the story engine
//! (`bench-stories`) and the store (`bench-store`). Inputs are read through `warta`'s own
//! input edge (`warta_cli::inputs`), so what is scored is what `warta analyze` does.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The same allocator as `warta`: benchmarks measure the binary users run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod bench_store;
mod eval;
mod generate;
mod train;

use warta_cli::{inputs, jobs, ner};

/// The shared data folder: `--data`, or `../shared/data` beside the repository.
pub fn data_dir(arg: &Option<std::path::PathBuf>) -> std::path::PathBuf {
    arg.clone().unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

#[derive(Parser)]
#[command(
    name = "warta-eval",
    version,
    about = "warta's developer commands: evaluation on gold data, training, the synthetic corpus, benchmarks"
)]
struct Cli {
    #[command(flatten)]
    cap: inputs::CapArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score a stage on public gold data in ../shared/data, side by side with its peer.
    Eval(eval::EvalArgs),
    /// Train a model on the public data in ../shared/data (`warta-eval train ner`).
    Train(train::TrainArgs),
    /// Generate a deterministic synthetic corpus with ground truth (stories, duplicate groups)
    /// as `.txt` files (--out DIR) or JSON Lines (--jsonl FILE).
    Generate(generate::Args),
    /// Cluster a generated corpus (dedup + stories) and report wall time, articles/s and peak
    /// memory; build with --release.
    BenchStories(bench::Args),
    /// Benchmark the store on generated articles: ingest throughput (with and without
    /// analysis) and search latency percentiles. Release builds only give meaningful figures.
    BenchStore(bench_store::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli.cap.apply();
    let result: Result<ExitCode> = match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Train(args) => train::run(args),
        Command::Generate(args) => generate::run(args),
        Command::BenchStories(args) => bench::run(args),
        Command::BenchStore(args) => bench_store::run(args),
    };
    result.unwrap_or_else(|e| {
        eprintln!("warta-eval: {e:#}");
        ExitCode::from(1)
    })
}
