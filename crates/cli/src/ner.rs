//! `warta ner`: CoNLL tokens on stdin (first column; blank line between sentences) →
//! `token<TAB>tag` (BIO over PER/ORG/LOC) on stdout, blank lines kept.

use anyhow::{Context, Result};
use clap::Args;
use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use warta_engine::ner::Tagger;

#[derive(Args)]
pub struct NerArgs {
    /// Use this model file instead of the embedded one (as written by `warta-eval train ner`).
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
}

/// The embedded tagger, or the one in `path`.
pub fn load_tagger(path: &Option<PathBuf>) -> Result<&'static Tagger> {
    Ok(match path {
        None => Tagger::embedded(),
        Some(p) => {
            let b = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            let t = Tagger::from_bytes(&b).map_err(anyhow::Error::msg).with_context(|| p.display().to_string())?;
            Box::leak(Box::new(t))
        }
    })
}

pub fn run(args: NerArgs) -> Result<ExitCode> {
    let tagger = load_tagger(&args.model)?;
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut sentence: Vec<String> = Vec::new();
    let flush = |sentence: &mut Vec<String>, out: &mut BufWriter<_>| -> Result<()> {
        if sentence.is_empty() {
            return Ok(());
        }
        let toks: Vec<&str> = sentence.iter().map(String::as_str).collect();
        for (t, tag) in toks.iter().zip(tagger.tag(&toks)) {
            writeln!(out, "{t}\t{}", tag.as_str())?;
        }
        sentence.clear();
        Ok(())
    };
    for line in stdin.lock().lines() {
        let line = line?;
        let first = line.split(['\t', ' ']).find(|c| !c.is_empty());
        match first {
            None => {
                flush(&mut sentence, &mut out)?;
                writeln!(out)?;
            }
            Some(tok) => sentence.push(tok.to_string()),
        }
    }
    flush(&mut sentence, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
