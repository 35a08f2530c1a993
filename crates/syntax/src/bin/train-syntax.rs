//! Trains the syntax model on the UD Indonesian treebanks in ../shared/data and writes the model
//! file. Never reads the CSUI test file.
//!
//! ```sh
//! cargo run -p warta-syntax --release --bin train-syntax -- --out crates/syntax/models/syntax.bin.gz
//! cargo run -p warta-syntax --release --bin train-syntax -- --holdout   # score on held-out PUD/GSD
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use warta_syntax::Style;
use warta_syntax::train::{self, Config, Gold};

const USAGE: &str = "usage: train-syntax [--data DIR] [--out FILE] [--holdout] [--no-gsd] [--no-styles] [--tagger-epochs N] [--parser-epochs N] [--explore P] [--folds N] [--seed N] [--prune Q]

Trains on ud-id-csui train, ud-id-pud test and ud-id-gsd dev. With --holdout, every fifth
sentence of PUD and of GSD dev is held out and scored (the model is written only with --out).
GSD sentences train the GSD style (--no-styles: one style for all).";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-syntax: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &PathBuf) -> Result<Vec<Gold>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    train::read_gold(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let mut out: Option<PathBuf> = None;
    let mut holdout = false;
    let mut gsd = true;
    let mut styles = true;
    let mut cfg = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        let num = |s: String| s.parse::<f64>().map_err(|_| format!("not a number: {s}"));
        match a.as_str() {
            "--data" => data = PathBuf::from(value("--data")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--holdout" => holdout = true,
            "--no-gsd" => gsd = false,
            "--no-styles" => styles = false,
            "--tagger-epochs" => cfg.tagger_epochs = num(value(&a)?)? as usize,
            "--parser-epochs" => cfg.parser_epochs = num(value(&a)?)? as usize,
            "--explore" => cfg.explore = num(value(&a)?)?,
            "--folds" => cfg.folds = num(value(&a)?)? as usize,
            "--seed" => cfg.seed = num(value(&a)?)? as u64,
            "--prune" => cfg.prune = num(value(&a)?)? as i16,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    let csui = read(&data.join("ud-id-csui/id_csui-ud-train.conllu"))?;
    let pud = read(&data.join("ud-id-pud/id_pud-ud-test.conllu"))?;
    let mut gsd_dev = if gsd { read(&data.join("ud-id-gsd/id_gsd-ud-dev.conllu"))? } else { Vec::new() };
    if styles {
        gsd_dev.iter_mut().for_each(|g| g.style = Style::Gsd);
    }
    let split = |v: Vec<Gold>| -> (Vec<Gold>, Vec<Gold>) {
        if !holdout {
            return (v, Vec::new());
        }
        let (a, b): (Vec<_>, Vec<_>) = v.into_iter().enumerate().partition(|(i, _)| i % 5 != 4);
        (a.into_iter().map(|x| x.1).collect(), b.into_iter().map(|x| x.1).collect())
    };
    let (pud_train, pud_held) = split(pud);
    let (gsd_train, gsd_held) = split(gsd_dev);
    let mut all = csui;
    all.extend(pud_train);
    all.extend(gsd_train);
    eprintln!("training on {} sentences ({} words)", all.len(), all.iter().map(|g| g.forms.len()).sum::<usize>());
    let t0 = std::time::Instant::now();
    let model = train::train(&all, &cfg, &mut |m| eprintln!("  {m}"));
    eprintln!("trained in {:.1}s; sizes (rows, cells): {:?}", t0.elapsed().as_secs_f64(), model.sizes());
    if holdout {
        for (name, set) in [("PUD held-out", &pud_held), ("GSD dev held-out", &gsd_held)] {
            if set.is_empty() {
                continue;
            }
            let s = train::evaluate(&model, set);
            println!(
                "{name}: {} words  UPOS {:.4}  UAS {:.4}  LAS {:.4}  LAS(full) {:.4}",
                s.words,
                s.upos_rate(),
                s.uas_rate(),
                s.las_rate(),
                s.las_full_rate()
            );
        }
    }
    if let Some(out) = out {
        let bytes = model.to_gz();
        std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    }
    Ok(())
}
