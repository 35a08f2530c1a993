//! `warta-eval generate`: write the deterministic synthetic corpus (warta_eval::synth) as text
//! files or as one JSON Lines file with the ground truth.

use anyhow::{Context, Result, bail};
use clap::Args as ClapArgs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta_eval::synth::{Copy, Corpus, Settings, SynthArticle};

#[derive(ClapArgs)]
pub struct Args {
    /// Articles to generate.
    #[arg(long, default_value_t = 10_000)]
    pub articles: usize,
    /// Seed of the generator (the same seed gives the same corpus on any machine).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stories starting per day (on average).
    #[arg(long, default_value_t = 200)]
    pub stories_per_day: usize,
    /// Probability that an article gets an exact copy.
    #[arg(long, default_value_t = 0.04)]
    pub exact_rate: f64,
    /// Probability that an article gets a near copy (syndicated: changed lead and footer).
    #[arg(long, default_value_t = 0.04)]
    pub near_rate: f64,
    /// Write one `.txt` file per article into this folder (headline, blank line, paragraphs).
    #[arg(long, value_name = "DIR", conflicts_with = "jsonl")]
    pub out: Option<PathBuf>,
    /// Write one JSON object per line: {source, text, story, dup_group, copy, outlet, date,
    /// title, entities}.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
}

impl Args {
    pub fn settings(&self) -> Settings {
        Settings {
            seed: self.seed,
            articles: self.articles,
            stories_per_day: self.stories_per_day,
            exact_rate: self.exact_rate,
            near_rate: self.near_rate,
            ..Default::default()
        }
    }
}

/// One article as a JSON Lines record.
pub fn record(a: &SynthArticle) -> serde_json::Value {
    serde_json::json!({
        "source": a.source,
        "text": a.text(),
        "story": a.story,
        "dup_group": a.dup_group,
        "copy": match a.copy { Copy::Original => "original", Copy::Exact => "exact", Copy::Near => "near" },
        "outlet": a.outlet,
        "date": a.date.to_string(),
        "title": a.title,
        "entities": a.entities.iter().map(|e| &e.0).collect::<Vec<_>>(),
    })
}

/// Write the corpus as JSON Lines.
pub fn write_jsonl(settings: Settings, path: &PathBuf) -> Result<usize> {
    let f = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = BufWriter::new(f);
    let mut n = 0;
    for a in Corpus::new(settings) {
        serde_json::to_writer(&mut out, &record(&a))?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let settings = args.settings();
    match (&args.out, &args.jsonl) {
        (Some(dir), None) => {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let mut n = 0;
            for a in Corpus::new(settings) {
                let p = dir.join(format!("{}.txt", a.source));
                std::fs::write(&p, a.text()).with_context(|| format!("cannot write {}", p.display()))?;
                n += 1;
            }
            eprintln!("warta: wrote {n} articles to {}", dir.display());
        }
        (None, Some(path)) => {
            let n = write_jsonl(settings, path)?;
            eprintln!("warta: wrote {n} articles to {}", path.display());
        }
        _ => bail!("give --out DIR or --jsonl FILE"),
    }
    Ok(ExitCode::SUCCESS)
}
