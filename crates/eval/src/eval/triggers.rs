//! `warta-eval eval triggers`: event triggers and their types on warta's own event annotation
//! of UD Indonesian news sentences (`crates/engine/data/events-ud/*.events.jsonl`, references
//! to `../shared/data/ud-id-*`; annotated by the events-gold guideline, sentence by sentence).
//!
//! Two systems on the same test sentences (CSUI test, never trained on):
//! - **rules**: `warta analyze` on the sentence's text (the whole pipeline, one sentence as an
//!   article), each event's trigger mapped to the sentence's tokens;
//! - **learned**: the trigger tagger of `warta_engine::events::learned`, trained here on the
//!   annotated CSUI train sentences.
//!
//! A predicted event matches a gold one when the types are equal and the triggers share a
//! token; each prediction matches at most one gold event. `--write-model FILE` trains on every
//! annotated file and writes the model shipped with the engine.

use super::events_gold::alias;
use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use warta_engine::analysis::EventType;
use warta_engine::events::learned::{self, Example, Model, Words};
use warta_syntax::conllu::{self, Line};

#[derive(ClapArgs)]
pub struct Args {
    /// Train on every annotated file and write the model here (the engine's embedded model is
    /// crates/engine/data/events-ud/triggers.model).
    #[arg(long)]
    pub write_model: Option<PathBuf>,
    /// Training passes.
    #[arg(long, default_value_t = 8)]
    pub epochs: usize,
    /// Print every missed and spurious trigger of the test sentences.
    #[arg(long)]
    pub show_errors: bool,
}

/// (annotation file, treebank file): train files first, the test file last.
const TRAIN: &[(&str, &str)] = &[("csui-train", "ud-id-csui/id_csui-ud-train.conllu")];
const TEST: (&str, &str) = ("csui-test", "ud-id-csui/id_csui-ud-test.conllu");
/// Annotated files used for the shipped model only (beside TRAIN and TEST), when present.
const EXTRA: &[(&str, &str)] = &[("pud-test", "ud-id-pud/id_pud-ud-test.conllu")];

#[derive(Deserialize)]
struct AnnLine {
    sent_id: String,
    events: Vec<AnnEvent>,
}

#[derive(Deserialize)]
struct AnnEvent {
    #[serde(rename = "type")]
    kind: String,
    trigger: Vec<usize>,
}

/// One annotated sentence as surface tokens (a multiword token is one token, as in running
/// text), with the gold events as (type, token range).
struct Sent {
    id: String,
    text: String,
    /// Byte span of each token in `text`.
    spans: Vec<(usize, usize)>,
    lower: Vec<String>,
    cap: Vec<bool>,
    gold: Vec<(EventType, Vec<usize>)>,
}

fn annotations_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/events-ud")
}

fn load(data: &Path, ann: &str, treebank: &str) -> Result<Option<Vec<Sent>>> {
    let ann_path = annotations_dir().join(format!("{ann}.events.jsonl"));
    let Ok(ann_text) = std::fs::read_to_string(&ann_path) else { return Ok(None) };
    let tb_path = data.join(treebank);
    let tb_text = std::fs::read_to_string(&tb_path).with_context(|| format!("reading {}", tb_path.display()))?;
    let sentences = conllu::parse(&tb_text).map_err(|e| anyhow::anyhow!("{}: {e}", tb_path.display()))?;
    let by_id: BTreeMap<&str, &conllu::Sentence> =
        sentences.iter().filter_map(|s| s.comment("sent_id").map(|id| (id, s))).collect();
    let mut out = Vec::new();
    for (n, line) in ann_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: AnnLine =
            serde_json::from_str(line).with_context(|| format!("{}: line {}", ann_path.display(), n + 1))?;
        let s = by_id
            .get(a.sent_id.as_str())
            .with_context(|| format!("{}: line {}: no sentence {}", ann_path.display(), n + 1, a.sent_id))?;
        out.push(sentence(s, &a).with_context(|| format!("{}: {}", ann_path.display(), a.sent_id))?);
    }
    Ok(Some(out))
}

/// The surface tokens of a treebank sentence, the word ids each covers, and the gold events.
fn sentence(s: &conllu::Sentence, a: &AnnLine) -> Result<Sent> {
    let text = s.comment("text").context("no text comment")?.to_string();
    // (form, first word id, last word id)
    let mut toks: Vec<(String, usize, usize)> = Vec::new();
    let mut covered_to = 0usize;
    for l in &s.lines {
        match l {
            Line::Range(r) => {
                let mut cols = r.split('\t');
                let ids = cols.next().unwrap_or("");
                let form = cols.next().unwrap_or("").to_string();
                let (a, b) = ids.split_once('-').context("bad range")?;
                let (a, b): (usize, usize) = (a.parse()?, b.parse()?);
                toks.push((form, a, b));
                covered_to = b;
            }
            Line::Word(w) => {
                let id: usize = w.cols[conllu::ID].parse()?;
                if id > covered_to {
                    toks.push((w.form().to_string(), id, id));
                }
            }
            _ => {}
        }
    }
    let mut spans = Vec::with_capacity(toks.len());
    let mut at = 0;
    for (form, _, _) in &toks {
        let start = text[at..].find(form.as_str()).map(|k| at + k).unwrap_or(at);
        let end = (start + form.len()).min(text.len());
        spans.push((start, end));
        at = end;
    }
    let tok_of = |id: usize| toks.iter().position(|&(_, a, b)| a <= id && id <= b);
    let mut gold = Vec::new();
    for e in &a.events {
        let kind = EventType::parse(&e.kind).with_context(|| format!("unknown type {}", e.kind))?;
        let mut ts: Vec<usize> = e.trigger.iter().filter_map(|&id| tok_of(id)).collect();
        ts.dedup();
        anyhow::ensure!(!ts.is_empty(), "trigger {:?} names no word", e.trigger);
        gold.push((kind, ts));
    }
    Ok(Sent {
        id: a.sent_id.clone(),
        text,
        spans,
        lower: toks.iter().map(|t| t.0.to_lowercase()).collect(),
        cap: toks.iter().map(|t| t.0.starts_with(char::is_uppercase)).collect(),
        gold,
    })
}

fn example(s: &Sent) -> Example {
    let mut gold = vec![0; s.lower.len()];
    for (kind, ts) in &s.gold {
        if let Some(c) = learned::class_of(*kind) {
            for &t in ts {
                gold[t] = c;
            }
        }
    }
    Example { lower: s.lower.clone(), cap: s.cap.clone(), gold }
}

/// The learned tagger's events: runs of one class.
fn learned_events(model: &Model, s: &Sent) -> Vec<(EventType, Vec<usize>)> {
    let tags = model.tag(&Words { lower: &s.lower, cap: &s.cap });
    let mut out: Vec<(EventType, Vec<usize>)> = Vec::new();
    for (i, &(c, _)) in tags.iter().enumerate() {
        let Some(t) = learned::type_of(c) else { continue };
        match out.last_mut() {
            Some((k, ts)) if *k == t && ts.last() == Some(&(i - 1)) => ts.push(i),
            _ => out.push((t, vec![i])),
        }
    }
    out
}

/// The rule stage's events: the whole pipeline on the sentence as an article.
fn rule_events(s: &Sent) -> Result<Vec<(EventType, Vec<usize>)>> {
    let record = serde_json::json!({"source": s.id, "text": s.text});
    let doc = warta_sources::jsonl::parse_line(&record.to_string(), "events-ud", 1)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?
        .context("empty record")?;
    let (an, _) = crate::inputs::analyze_item(
        crate::inputs::Item::Record(Box::new(doc)),
        &crate::inputs::html_options(),
        &warta_engine::Options::default(),
    )
    .map_err(|e| anyhow::anyhow!("{}: {}", e.source, e.message))?;
    // the analysis's text is the body as the pipeline cleaned it: find the sentence in it
    let body = an.body.join("\n\n");
    let shift = body.find(s.text.trim()).unwrap_or(0);
    Ok(an
        .events
        .iter()
        .filter_map(|e| {
            let kind = EventType::parse(alias(e.kind))?;
            let (a, b) = (e.trigger.start.checked_sub(shift)?, e.trigger.end.checked_sub(shift)?);
            let ts: Vec<usize> =
                s.spans.iter().enumerate().filter(|(_, (x, y))| *x < b && a < *y).map(|(i, _)| i).collect();
            (!ts.is_empty()).then_some((kind, ts))
        })
        .collect())
}

#[derive(Default, Clone, Copy)]
struct Count {
    gold: usize,
    pred: usize,
    hit: usize,
}

impl Count {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 { 0.0 } else { self.hit as f64 / self.pred as f64 };
        let r = if self.gold == 0 { 0.0 } else { self.hit as f64 / self.gold as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
}

#[derive(Default)]
struct Score {
    all: Count,
    /// Trigger found, any type.
    untyped: Count,
    by_type: BTreeMap<&'static str, Count>,
    errors: Vec<String>,
}

fn score(s: &Sent, pred: &[(EventType, Vec<usize>)], sc: &mut Score, errors: bool) {
    let overlap = |a: &[usize], b: &[usize]| a.iter().any(|x| b.contains(x));
    let mut used = vec![false; pred.len()];
    let mut used_untyped = vec![false; pred.len()];
    for (kind, ts) in &s.gold {
        sc.all.gold += 1;
        sc.untyped.gold += 1;
        sc.by_type.entry(kind.as_str()).or_default().gold += 1;
        if let Some(k) = (0..pred.len()).find(|&k| !used[k] && pred[k].0 == *kind && overlap(&pred[k].1, ts)) {
            used[k] = true;
            sc.all.hit += 1;
            sc.by_type.entry(kind.as_str()).or_default().hit += 1;
        } else if errors {
            sc.errors.push(format!("{} MISS {} [{}]", s.id, kind, words(s, ts)));
        }
        if let Some(k) = (0..pred.len()).find(|&k| !used_untyped[k] && overlap(&pred[k].1, ts)) {
            used_untyped[k] = true;
            sc.untyped.hit += 1;
        }
    }
    for (k, (kind, ts)) in pred.iter().enumerate() {
        sc.all.pred += 1;
        sc.untyped.pred += 1;
        sc.by_type.entry(kind.as_str()).or_default().pred += 1;
        if errors && !used[k] {
            sc.errors.push(format!("{} SPURIOUS {} [{}]", s.id, kind, words(s, ts)));
        }
    }
}

fn words(s: &Sent, ts: &[usize]) -> String {
    ts.iter().map(|&t| s.lower[t].as_str()).collect::<Vec<_>>().join(" ")
}

pub fn run(data: &Path, args: &Args) -> Result<ExitCode> {
    if !data.join(TEST.1).exists() {
        println!("eval triggers: skipped, {} is absent", data.join(TEST.1).display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut train: Vec<Sent> = Vec::new();
    for (ann, tb) in TRAIN {
        train.extend(load(data, ann, tb)?.with_context(|| format!("no annotation file {ann}"))?);
    }
    let test = load(data, TEST.0, TEST.1)?.context("no test annotation file")?;
    if let Some(path) = &args.write_model {
        let mut all: Vec<Example> = train.iter().chain(&test).map(example).collect();
        let mut files = vec![TRAIN[0].0, TEST.0];
        for (ann, tb) in EXTRA {
            if let Some(v) = load(data, ann, tb)? {
                all.extend(v.iter().map(example));
                files.push(ann);
            }
        }
        let model = learned::train(&all, args.epochs, 17, MIN_WEIGHT);
        let header = format!(
            "warta event trigger tagger (events::learned), trained by `warta-eval eval triggers --write-model` on\n\
             {} annotated sentences of {} (crates/engine/data/events-ud), {} passes, seed 17.\n\
             Trained on UD Indonesian treebank text: CC BY-SA 4.0 (see NOTICE). Lines: feature key (hex), class, weight.",
            all.len(),
            files.join(", "),
            args.epochs
        );
        std::fs::write(path, model.to_text(&header)).with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {} ({} weights)", path.display(), model.size());
        return Ok(ExitCode::SUCCESS);
    }
    let model = learned::train(&train.iter().map(example).collect::<Vec<_>>(), args.epochs, 17, MIN_WEIGHT);
    let (mut rules, mut tagger) = (Score::default(), Score::default());
    for s in &test {
        score(s, &rule_events(s)?, &mut rules, args.show_errors);
        score(s, &learned_events(&model, s), &mut tagger, args.show_errors);
    }
    println!(
        "# Event triggers on annotated UD sentences\n\nTrained on {} CSUI train sentences ({} weights); tested on {} CSUI test sentences ({} gold events).\n",
        train.len(),
        model.size(),
        test.len(),
        rules.all.gold
    );
    println!("| system | type + trigger P | R | F1 | trigger (any type) P | R | F1 |");
    println!("|---|---|---|---|---|---|---|");
    for (name, sc) in [("rules (warta analyze)", &rules), ("learned tagger", &tagger)] {
        let (p, r, f) = sc.all.prf();
        let (up, ur, uf) = sc.untyped.prf();
        println!("| {name} | {p:.3} | {r:.3} | {f:.3} | {up:.3} | {ur:.3} | {uf:.3} |");
    }
    println!("\n| type | gold | rules pred | rules F1 | learned pred | learned F1 |");
    println!("|---|---|---|---|---|---|");
    let types: std::collections::BTreeSet<&str> = rules.by_type.keys().chain(tagger.by_type.keys()).copied().collect();
    for t in types {
        let r = rules.by_type.get(t).copied().unwrap_or_default();
        let l = tagger.by_type.get(t).copied().unwrap_or_default();
        println!("| {t} | {} | {} | {:.3} | {} | {:.3} |", r.gold.max(l.gold), r.pred, r.prf().2, l.pred, l.prf().2);
    }
    if args.show_errors {
        println!("\n## rules\n");
        for e in &rules.errors {
            println!("{e}");
        }
        println!("\n## learned\n");
        for e in &tagger.errors {
            println!("{e}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Averaged weights (×1000) below this are dropped from the model.
const MIN_WEIGHT: i32 = 5;
