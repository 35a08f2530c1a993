//! Training a model from CoNLL-U treebanks, and scoring one against gold trees.

use crate::conllu::{self, Sentence};
use crate::model::{Model, Parsed};
use crate::parser::{self, Labels, ParseExample};
use crate::tagger::{self, TagExample};
use crate::types::{Deprel, Style, Upos};
use crate::words::WordInfo;
use std::collections::BTreeSet;

/// A gold sentence: the syntactic words with their tags and tree.
#[derive(Debug, Clone)]
pub struct Gold {
    pub id: String,
    pub forms: Vec<String>,
    pub upos: Vec<Upos>,
    /// 0 = root, else the 1-based head.
    pub heads: Vec<u32>,
    pub deprels: Vec<Deprel>,
    /// The treebank's conventions.
    pub style: Style,
}

impl Gold {
    /// The gold analysis of a CoNLL-U sentence; `None` with the reason if a word lacks a
    /// universal tag, a head or a known relation.
    pub fn from_sentence(s: &Sentence) -> Result<Gold, String> {
        let mut g = Gold {
            id: s.comment("sent_id").unwrap_or("").to_string(),
            forms: Vec::new(),
            upos: Vec::new(),
            heads: Vec::new(),
            deprels: Vec::new(),
            style: Style::Ud,
        };
        for (k, w) in s.words().enumerate() {
            let at = || format!("sentence at line {}, word {}", s.first_line, k + 1);
            g.forms.push(w.form().to_string());
            g.upos.push(w.upos().ok_or_else(|| format!("{}: UPOS {:?}", at(), w.cols[conllu::UPOS]))?);
            g.heads.push(w.head().ok_or_else(|| format!("{}: HEAD {:?}", at(), w.cols[conllu::HEAD]))?);
            g.deprels.push(w.deprel().ok_or_else(|| format!("{}: DEPREL {:?}", at(), w.cols[conllu::DEPREL]))?);
        }
        Ok(g)
    }

    pub fn words(&self) -> Vec<&str> {
        self.forms.iter().map(String::as_str).collect()
    }
}

/// Reads the gold sentences of a CoNLL-U file's text (sentences without words are skipped).
pub fn read_gold(text: &str) -> Result<Vec<Gold>, String> {
    let sents = conllu::parse(text).map_err(|e| e.to_string())?;
    sents.iter().filter(|s| s.words().next().is_some()).map(Gold::from_sentence).collect()
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Probability of following the model's own (wrong) transition while training the parser.
    pub explore: f64,
    /// Folds for jackknifed tags (the parser trains on tags predicted by a tagger that did not
    /// see the sentence). 0 or 1: gold tags.
    pub folds: usize,
    pub seed: u64,
    /// Quantised weights (the largest is 32,000) smaller than this in magnitude are dropped:
    /// a smaller, faster model.
    pub prune: i16,
}

impl Default for Config {
    fn default() -> Config {
        Config { tagger_epochs: 10, parser_epochs: 15, explore: 0.9, folds: 5, seed: 17, prune: 800 }
    }
}

/// Trains a tagger and a parser on gold sentences.
pub fn train(gold: &[Gold], cfg: &Config, log: &mut dyn FnMut(&str)) -> Model {
    let tag_examples: Vec<TagExample> =
        gold.iter().map(|g| TagExample::new(&g.words(), &g.upos, g.style.id())).collect();
    log(&format!("tagger: {} sentences, {} epochs", gold.len(), cfg.tagger_epochs));
    let tagger = tagger::train(&tag_examples, cfg.tagger_epochs, cfg.seed, cfg.prune);

    // Jackknifed tags for the parser.
    let mut tags: Vec<Vec<u8>> = tag_examples.iter().map(|e| e.gold.clone()).collect();
    if cfg.folds > 1 {
        for f in 0..cfg.folds {
            let rest: Vec<TagExample> = tag_examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % cfg.folds != f)
                .map(|(_, e)| TagExample { words: e.words.clone(), gold: e.gold.clone(), style: e.style })
                .collect();
            let t = tagger::train(&rest, cfg.tagger_epochs, cfg.seed + 1 + f as u64, cfg.prune);
            let mut feats = Vec::new();
            for (i, e) in tag_examples.iter().enumerate() {
                if i % cfg.folds == f {
                    tags[i] = t.tag(&e.words, e.style, &mut feats);
                }
            }
            log(&format!("jackknife fold {}/{}", f + 1, cfg.folds));
        }
    }

    let inventory: BTreeSet<Deprel> =
        gold.iter().flat_map(|g| g.deprels.iter().copied()).chain([Deprel::ROOT]).collect();
    let deprels: Vec<Deprel> = inventory.into_iter().collect();
    assert!(deprels.len() <= 127, "at most 127 relations");
    let label_of = |d: Deprel| deprels.iter().position(|&x| x == d).expect("in the inventory") as u8;
    let root = label_of(Deprel::ROOT);
    let mut lifted = 0;
    let examples: Vec<ParseExample> = gold
        .iter()
        .zip(tags)
        .zip(tag_examples)
        .filter(|((g, _), _)| g.heads.iter().filter(|&&h| h == 0).count() == 1)
        .map(|((g, tags), te)| {
            let n = g.forms.len() as u32;
            let mut heads: Vec<u32> = g.heads.iter().map(|&h| if h == 0 { n } else { h - 1 }).collect();
            lifted += parser::projectivize(&mut heads);
            ParseExample {
                words: te.words,
                tags,
                heads,
                labels: g.deprels.iter().map(|&d| label_of(d)).collect(),
                style: g.style.id(),
            }
        })
        .collect();
    log(&format!(
        "parser: {} sentences, {} relations, {} arcs lifted to projective, {} epochs",
        examples.len(),
        deprels.len(),
        lifted,
        cfg.parser_epochs
    ));
    let labels = Labels { root, count: deprels.len() };
    let parser = parser::train(&examples, labels, cfg.parser_epochs, cfg.explore, cfg.seed, cfg.prune);
    Model::new(tagger, parser, deprels)
}

/// Word-level agreement with gold (gold tokenisation; punctuation included).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: usize,
    /// Right head.
    pub uas: usize,
    /// Right head and universal relation (subtypes ignored, as the CoNLL 2018 evaluation does).
    pub las: usize,
    /// Right head and full relation with subtype.
    pub las_full: usize,
}

impl Scores {
    pub fn add(&mut self, gold: &Gold, pred: &[Parsed]) {
        assert_eq!(gold.forms.len(), pred.len(), "one analysis per gold word");
        for (i, p) in pred.iter().enumerate() {
            self.words += 1;
            self.upos += usize::from(p.upos == gold.upos[i]);
            if p.head == gold.heads[i] {
                self.uas += 1;
                self.las += usize::from(p.deprel.rel == gold.deprels[i].rel);
                self.las_full += usize::from(p.deprel == gold.deprels[i]);
            }
        }
    }

    fn rate(&self, k: usize) -> f64 {
        if self.words == 0 { 0.0 } else { k as f64 / self.words as f64 }
    }

    pub fn upos_rate(&self) -> f64 {
        self.rate(self.upos)
    }
    pub fn uas_rate(&self) -> f64 {
        self.rate(self.uas)
    }
    pub fn las_rate(&self) -> f64 {
        self.rate(self.las)
    }
    pub fn las_full_rate(&self) -> f64 {
        self.rate(self.las_full)
    }
}

/// Scores a model on gold sentences (tagging and parsing from the words alone), each in its
/// treebank's style.
pub fn evaluate(model: &Model, gold: &[Gold]) -> Scores {
    let mut s = Scores::default();
    let mut a = crate::model::Analyser::new(model);
    for g in gold {
        a.style = g.style;
        let pred = a.tag_and_parse(&g.words());
        s.add(g, &pred);
    }
    s
}

/// Checks that parsed heads form one tree: one root, heads in range, no cycles.
pub fn is_tree(parsed: &[Parsed]) -> bool {
    let n = parsed.len();
    if parsed.iter().filter(|p| p.head == 0).count() != 1 {
        return false;
    }
    for (i, _) in parsed.iter().enumerate() {
        let mut k = i;
        for _ in 0..=n {
            let h = parsed[k].head as usize;
            if h == 0 {
                break;
            }
            if h > n {
                return false;
            }
            k = h - 1;
        }
        if parsed[k].head != 0 {
            return false;
        }
    }
    true
}

/// Word infos for a sentence (used by benchmarks).
pub fn infos(words: &[&str]) -> Vec<WordInfo> {
    words.iter().map(|w| WordInfo::new(w)).collect()
}
