//! `warta-eval eval triggers`: event triggers and their types on warta's own event annotation
//! of Indonesian news sentences (`crates/engine/data/events-ud/*.events.jsonl`: references to
//! sentences of `../shared/data/ud-id-*` and of the news NER corpora, annotated sentence by
//! sentence by the events-gold guideline; the folder's README says how).
//!
//! Two systems on two test sets never trained on (CSUI test; every fifth sentence of the news
//! NER corpora):
//! - **rules**: `warta analyze` on the sentence's text (the whole pipeline, one sentence as an
//!   article), each event's trigger mapped to the sentence's tokens;
//! - **learned**: the trigger tagger of `warta_engine::events::learned`, trained here on every
//!   other annotated sentence.
//!
//! A second annotator's independent annotation of the first 200 CSUI test sentences
//! (`agreement/`) gives the agreement between people, the ceiling to read the systems against.
//!
//! A predicted event matches a gold one when the types are equal and the triggers share a
//! token; each prediction matches at most one gold event. `--write-model FILE` trains on every
//! annotated file and writes the model.

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
    /// Train on every annotated file and write the model here (text: feature key, class,
    /// weight per line).
    #[arg(long)]
    pub write_model: Option<PathBuf>,
    /// Training passes.
    #[arg(long, default_value_t = 8)]
    pub epochs: usize,
    /// Print every missed and spurious trigger of the test sentences.
    #[arg(long)]
    pub show_errors: bool,
    /// Print the rule stage's missed and spurious triggers on the training sentences instead
    /// (for developing the rules without looking at the test sentences).
    #[arg(long)]
    pub train_errors: bool,
}

/// How a corpus's sentences are stored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    /// CoNLL-U (`# sent_id`, `# text`, word lines; ids refer to syntactic words).
    Conllu,
    /// A token-per-line NER file, sentences separated by blank lines; ids are token numbers
    /// and sentence ids `PREFIX-N` in file order.
    Tokens,
}

/// An annotated corpus: its annotation file's name, its text in ../shared/data, its format.
struct Corpus {
    ann: &'static str,
    path: &'static str,
    format: Format,
}

const CORPORA: &[Corpus] = &[
    Corpus { ann: "csui-train", path: "ud-id-csui/id_csui-ud-train.conllu", format: Format::Conllu },
    Corpus { ann: "csui-test", path: "ud-id-csui/id_csui-ud-test.conllu", format: Format::Conllu },
    Corpus { ann: "pud-test", path: "ud-id-pud/id_pud-ud-test.conllu", format: Format::Conllu },
    Corpus { ann: "idner-train", path: "ner-idner-news-2k/train.txt", format: Format::Tokens },
    Corpus { ann: "nerui-train", path: "ner-indolem-nerui/train.txt", format: Format::Tokens },
    Corpus { ann: "nerugm-train", path: "ner-indolem-nerugm/train.txt", format: Format::Tokens },
];

/// The treebank test file: never trained on when scoring.
const CSUI_TEST: &str = "csui-test";

/// Whether a sentence of a news NER corpus is held out when scoring (every fifth).
fn news_held(c: &Corpus, index: usize) -> bool {
    c.format == Format::Tokens && index % 5 == 4
}

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

/// A surface token: its form and the first and last word id it covers.
type Token = (String, usize, usize);

fn annotations_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/events-ud")
}

fn load(data: &Path, c: &Corpus) -> Result<Option<Vec<Sent>>> {
    let ann_path = annotations_dir().join(format!("{}.events.jsonl", c.ann));
    let Ok(ann_text) = std::fs::read_to_string(&ann_path) else { return Ok(None) };
    let src_path = data.join(c.path);
    let src_text = std::fs::read_to_string(&src_path).with_context(|| format!("reading {}", src_path.display()))?;
    let sentences: Vec<(String, Vec<Token>, Option<String>)> = match c.format {
        Format::Conllu => conllu::parse(&src_text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", src_path.display()))?
            .iter()
            .map(|s| {
                let id = s.comment("sent_id").unwrap_or("").to_string();
                Ok((id, surface_tokens(s)?, s.comment("text").map(str::to_string)))
            })
            .collect::<Result<_>>()?,
        Format::Tokens => src_text
            .split("\n\n")
            .filter(|b| !b.trim().is_empty())
            .enumerate()
            .map(|(n, b)| {
                let toks = b
                    .lines()
                    .filter_map(|l| l.split(['\t', ' ']).next().filter(|t| !t.is_empty()))
                    .enumerate()
                    .map(|(i, t)| (t.to_string(), i + 1, i + 1))
                    .collect();
                (format!("{}-{}", c.ann, n + 1), toks, None)
            })
            .collect(),
    };
    let by_id: BTreeMap<&str, usize> = sentences.iter().enumerate().map(|(i, s)| (s.0.as_str(), i)).collect();
    let mut out = Vec::new();
    for (n, line) in ann_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: AnnLine =
            serde_json::from_str(line).with_context(|| format!("{}: line {}", ann_path.display(), n + 1))?;
        let &k = by_id
            .get(a.sent_id.as_str())
            .with_context(|| format!("{}: line {}: no sentence {}", ann_path.display(), n + 1, a.sent_id))?;
        let (_, toks, text) = &sentences[k];
        out.push(
            sentence(toks, text.as_deref(), &a).with_context(|| format!("{}: {}", ann_path.display(), a.sent_id))?,
        );
    }
    Ok(Some(out))
}

/// A treebank sentence's surface tokens (a multiword token is one token, as in running text)
/// with the first and last word id each covers.
fn surface_tokens(s: &conllu::Sentence) -> Result<Vec<Token>> {
    let mut toks: Vec<Token> = Vec::new();
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
    Ok(toks)
}

/// One annotated sentence: its text (the treebank's, or the tokens joined by spaces), token
/// spans and gold events.
fn sentence(toks: &[Token], text: Option<&str>, a: &AnnLine) -> Result<Sent> {
    let text = match text {
        Some(t) => t.to_string(),
        None => toks.iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join(" "),
    };
    let mut spans = Vec::with_capacity(toks.len());
    let mut at = 0;
    for (form, _, _) in toks {
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
    let csui = data.join(CORPORA[1].path);
    if !csui.exists() {
        println!("eval triggers: skipped, {} is absent", csui.display());
        return Ok(ExitCode::SUCCESS);
    }
    // every annotated corpus present: (corpus, its sentences)
    let mut corpora: Vec<(&Corpus, Vec<Sent>)> = Vec::new();
    for c in CORPORA {
        if let Some(v) = load(data, c)? {
            corpora.push((c, v));
        }
    }
    if let Some(path) = &args.write_model {
        let all: Vec<Example> = corpora.iter().flat_map(|(_, v)| v.iter().map(example)).collect();
        let files: Vec<&str> = corpora.iter().map(|(c, _)| c.ann).collect();
        let model = learned::train(&all, args.epochs, 17, MIN_WEIGHT);
        let header = format!(
            "warta event trigger tagger (events::learned), trained by `warta-eval eval triggers --write-model` on\n\
             {} annotated sentences of {} (crates/engine/data/events-ud), {} passes, seed 17.\n\
             Trained on UD Indonesian (CC BY-SA 4.0) and Indonesian NER news text (see NOTICE). Lines: feature key (hex), class, weight.",
            all.len(),
            files.join(", "),
            args.epochs
        );
        std::fs::write(path, model.to_text(&header)).with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {} ({} weights)", path.display(), model.size());
        return Ok(ExitCode::SUCCESS);
    }
    let mut train: Vec<Example> = Vec::new();
    let (mut treebank_test, mut news_test): (Vec<&Sent>, Vec<&Sent>) = (Vec::new(), Vec::new());
    for (c, v) in &corpora {
        for (i, s) in v.iter().enumerate() {
            if c.ann == CSUI_TEST {
                treebank_test.push(s);
            } else if news_held(c, i) {
                news_test.push(s);
            } else {
                train.push(example(s));
            }
        }
    }
    if args.train_errors {
        let mut sc = Score::default();
        for (c, v) in &corpora {
            for (i, s) in v.iter().enumerate() {
                if c.ann != CSUI_TEST && !news_held(c, i) {
                    score(s, &rule_events(s)?, &mut sc, true);
                }
            }
        }
        for e in &sc.errors {
            println!("{e}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let model = learned::train(&train, args.epochs, 17, MIN_WEIGHT);
    println!(
        "# Event triggers on annotated sentences\n\nThe tagger is trained on {} sentences ({} weights): every annotated corpus but CSUI test and every fifth sentence of the news NER corpora, which are the two test sets.",
        train.len(),
        model.size()
    );
    let second = Corpus { ann: "agreement/csui-test-second", path: CORPORA[1].path, format: Format::Conllu };
    if let Some(b) = load(data, &second)? {
        let first: BTreeMap<&str, &Sent> = treebank_test.iter().map(|s| (s.id.as_str(), *s)).collect();
        let mut sc = Score::default();
        for s in &b {
            if let Some(a) = first.get(s.id.as_str()) {
                score(a, &s.gold, &mut sc, false);
            }
        }
        let (p, r, f) = sc.all.prf();
        let (_, _, uf) = sc.untyped.prf();
        println!(
            "\nTwo annotators on the first {} CSUI test sentences ({} and {} events): type + trigger agreement F1 {f:.3} (P {p:.3}, R {r:.3} of the second against the first), trigger only {uf:.3}.",
            b.len(),
            sc.all.gold,
            sc.all.pred
        );
    }
    for (name, test) in [
        ("CSUI test (treebank, mostly economic news)", &treebank_test),
        ("news NER corpora, every fifth sentence", &news_test),
    ] {
        if !test.is_empty() {
            report(name, test, &model, args.show_errors)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(name: &str, test: &[&Sent], model: &Model, show_errors: bool) -> Result<()> {
    let (mut rules, mut tagger) = (Score::default(), Score::default());
    for s in test {
        score(s, &rule_events(s)?, &mut rules, show_errors);
        score(s, &learned_events(model, s), &mut tagger, show_errors);
    }
    println!("\n## {name}: {} sentences, {} gold events\n", test.len(), rules.all.gold);
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
    if show_errors {
        println!("\n### rules\n");
        for e in &rules.errors {
            println!("{e}");
        }
        println!("\n### learned\n");
        for e in &tagger.errors {
            println!("{e}");
        }
    }
    Ok(())
}

/// Averaged weights (×1000) below this are dropped from the model.
const MIN_WEIGHT: i32 = 5;

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Option<PathBuf> {
        let d = crate::data_dir(&None);
        if d.join(CORPORA[1].path).exists() {
            Some(d)
        } else {
            eprintln!("skipping: ../shared/data is absent");
            None
        }
    }

    /// Every annotation line names a sentence of its corpus, and every trigger word exists.
    #[test]
    fn every_annotation_file_matches_its_corpus() {
        let Some(data) = data() else { return };
        for c in CORPORA {
            let sents = load(&data, c).unwrap().unwrap_or_else(|| panic!("{} is missing", c.ann));
            assert!(sents.len() > 100, "{}: {} sentences", c.ann, sents.len());
            assert!(sents.iter().any(|s| !s.gold.is_empty()), "{}: no events", c.ann);
            for s in &sents {
                assert_eq!(s.spans.len(), s.lower.len());
                for (_, ts) in &s.gold {
                    assert!(ts.iter().all(|&t| t < s.lower.len()), "{}: trigger outside", s.id);
                }
            }
        }
    }

    #[test]
    fn a_self_written_sentence_is_scored_by_type_and_shared_token() {
        let toks: Vec<Token> = ["Polisi", "menangkap", "dua", "pencuri", "kemarin", "."]
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), i + 1, i + 1))
            .collect();
        let ann: AnnLine = serde_json::from_str(
            r#"{"sent_id": "t-1", "events": [{"type": "arrest", "trigger": [2], "agent": [1], "status": "confirmed"}]}"#,
        )
        .unwrap();
        let s = sentence(&toks, None, &ann).unwrap();
        assert_eq!(s.text, "Polisi menangkap dua pencuri kemarin .");
        assert_eq!(s.spans[1], (7, 16));
        let mut sc = Score::default();
        score(&s, &[(EventType::Arrest, vec![1]), (EventType::Attack, vec![3])], &mut sc, true);
        assert_eq!((sc.all.gold, sc.all.pred, sc.all.hit), (1, 2, 1));
        assert_eq!(sc.errors, vec!["t-1 SPURIOUS attack [pencuri]".to_string()]);
        let mut wrong = Score::default();
        score(&s, &[(EventType::Attack, vec![1])], &mut wrong, false);
        assert_eq!((wrong.all.hit, wrong.untyped.hit), (0, 1), "the trigger is found, the type is not");
        // the rule stage finds the arrest in the sentence's text
        let rules = rule_events(&s).unwrap();
        assert!(rules.iter().any(|(k, ts)| *k == EventType::Arrest && ts.contains(&1)), "{:?}", rules.len());
    }
}
