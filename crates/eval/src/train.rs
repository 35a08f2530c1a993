//! `warta-eval train ner`: train the entity tagger on the permissively licensed NER sets in
//! ../shared/data and write the model file that the engine embeds. Also the CoNLL readers
//! shared by `warta ner` and `warta-eval eval ner`.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_engine::analysis::EntityKind;
use warta_engine::ner::Tag;
use warta_eval::ner_train as train;

#[derive(Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Subcommand)]
pub enum What {
    /// Train the entity tagger (PER/ORG/LOC) on the train splits of NERGrit, NERP, NER-UI,
    /// NER-UGM and IDNer and write the model (default: crates/engine/models/ner.bin).
    Ner(NerTrainArgs),
}

#[derive(Args)]
pub struct NerTrainArgs {
    /// Where ../shared/data is (default: ../shared/data beside the repository).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// log2 of the number of weight rows.
    #[arg(long, default_value_t = 18)]
    pub bits: u32,
    /// Also train on lower-cased copies of the cased training sentences (off by default: on
    /// the dev sets it cost about 2 F1 points on lower-cased NERP and helped nowhere else).
    #[arg(long)]
    pub lower_copies: bool,
    /// Do not ship rows whose averaged weights all stay below this.
    #[arg(long, default_value_t = 0.5)]
    pub prune: f32,
    /// Add a copy of about one in N cased sentences naming a person, with the names replaced
    /// by synthetic Korean / Russian / Chinese names (0: none).
    #[arg(long, default_value_t = 10)]
    pub name_copies: u64,
    /// Independent training runs (different shuffles) whose weights are averaged.
    #[arg(long, default_value_t = 3)]
    pub runs: usize,
}

/// One NER set: its folder and the names of its splits.
pub struct Corpus {
    pub name: &'static str,
    pub dir: &'static str,
    pub train: &'static str,
    pub dev: &'static str,
    /// In the mean the target is set on.
    pub in_mean: bool,
}

pub const CORPORA: &[Corpus] = &[
    Corpus { name: "NERGrit", dir: "ner-nergrit", train: "train.txt", dev: "valid.txt", in_mean: true },
    Corpus { name: "NER-UI", dir: "ner-indolem-nerui", train: "train.txt", dev: "dev.txt", in_mean: true },
    Corpus { name: "NER-UGM", dir: "ner-indolem-nerugm", train: "train.txt", dev: "dev.txt", in_mean: true },
    Corpus { name: "IDNer", dir: "ner-idner-news-2k", train: "train.txt", dev: "dev.txt", in_mean: true },
    Corpus { name: "NERP", dir: "ner-nerp", train: "train.txt", dev: "valid.txt", in_mean: false },
];

/// Map a corpus' entity type to PER / ORG / LOC (None: not an entity for warta).
fn map_type(t: &str) -> Option<EntityKind> {
    match t {
        "PER" | "PERSON" | "PPL" => Some(EntityKind::Per),
        "ORG" | "ORGANISATION" | "ORGANIZATION" | "IND" => Some(EntityKind::Org),
        "LOC" | "LOCATION" | "PLACE" | "PLC" => Some(EntityKind::Loc),
        _ => None,
    }
}

/// Read a CoNLL-style file: token in the first column, tag in the last (TAB or space
/// separated), blank line between sentences. Tags are mapped to PER/ORG/LOC and repaired to
/// valid BIO (an `I-X` after anything but `X` starts a new entity).
pub fn read_conll(path: &Path) -> Result<Vec<train::Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    let mut cur = train::Sentence { tokens: Vec::new(), tags: Vec::new() };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(&mut cur, train::Sentence { tokens: Vec::new(), tags: Vec::new() }));
            }
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split(' ').filter(|c| !c.is_empty()).collect()
        };
        if cols.len() < 2 {
            bail!("{}: a line without a tag: {line:?}", path.display());
        }
        let (tok, tag) = (cols[0], cols[cols.len() - 1]);
        let (bio, ty) = tag.split_once('-').unwrap_or((tag, ""));
        let kind = map_type(ty);
        let prev = cur.tags.last().and_then(|t: &Tag| t.kind());
        let t = match (bio, kind) {
            (_, None) => Tag::O,
            ("B", Some(k)) => Tag::B(k),
            ("I", Some(k)) if prev == Some(k) => Tag::I(k),
            ("I", Some(k)) => Tag::B(k),
            _ => Tag::O,
        };
        cur.tokens.push(tok.to_string());
        cur.tags.push(t);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Lower-cased copies of the sentences that have upper case (the model must also cope with
/// lower-cased text, as in NERP).
pub fn lower_copies(data: &[train::Sentence]) -> Vec<train::Sentence> {
    data.iter()
        .filter(|s| s.tokens.iter().any(|t| t.chars().any(char::is_uppercase)))
        .map(|s| train::Sentence { tokens: s.tokens.iter().map(|t| t.to_lowercase()).collect(), tags: s.tags.clone() })
        .collect()
}

/// The full training set: every corpus' train split, plus lower-cased copies if asked.
pub fn training_set(data: &Path, lower: bool, name_copies: u64) -> Result<Vec<train::Sentence>> {
    let mut all = Vec::new();
    for c in CORPORA {
        let s = read_conll(&data.join(c.dir).join(c.train))?;
        eprintln!("{}: {} training sentences", c.name, s.len());
        if lower {
            all.extend(lower_copies(&s));
        }
        if name_copies > 0 {
            all.extend(train::augment_names(&s, name_copies, 0xA11CE));
        }
        all.extend(s);
    }
    Ok(all)
}

pub fn default_model_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/models/ner.bin")
}

pub fn run(args: TrainArgs) -> Result<ExitCode> {
    match args.what {
        What::Ner(a) => train_ner(a),
    }
}

fn train_ner(a: NerTrainArgs) -> Result<ExitCode> {
    let data = crate::data_dir(&a.data);
    if !data.join("ner-nergrit").exists() {
        bail!("no NER data under {} (pass --data DIR)", data.display());
    }
    let set = training_set(&data, a.lower_copies, a.name_copies)?;
    let tokens: usize = set.iter().map(|s| s.tokens.len()).sum();
    eprintln!("training on {} sentences, {tokens} tokens, {} epochs", set.len(), a.epochs);
    let opts =
        train::Options { epochs: a.epochs, bits: a.bits, prune: a.prune, runs: a.runs, ..train::Options::default() };
    let model = train::train(&set, &opts, |r, e, err, n| {
        eprintln!("run {r} epoch {e}: {err} token errors of {n} ({:.2}%)", 100.0 * err as f64 / n as f64)
    });
    let bytes = model.to_bytes();
    let out = a.out.unwrap_or_else(default_model_path);
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(ExitCode::SUCCESS)
}
