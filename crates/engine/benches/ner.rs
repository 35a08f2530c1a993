//! Throughput of the entity tagger (`Tagger::tag`) in tokens per second, on the sentences of
//! the example articles kept in the repo (release mode: `cargo bench -p warta-engine --bench ner`).

mod common;

use warta_engine::analysis::Span;
use warta_engine::ner::Tagger;
use warta_engine::segment;

fn main() {
    divan::main();
}

/// Every sentence of every example article, as tokens.
fn sentences() -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (_, bytes) in common::example_files() {
        let text = warta_engine::decode(&bytes).unwrap().text;
        for line in segment::lines(&text) {
            for s in segment::sentences(&text, line) {
                let toks: Vec<String> =
                    segment::tokens(&text, s).iter().map(|t: &Span| t.of(&text).to_string()).collect();
                if !toks.is_empty() {
                    out.push(toks);
                }
            }
        }
    }
    assert!(out.len() > 20, "expected the example articles' sentences");
    out
}

/// Tag every sentence once (throughput in tokens).
#[divan::bench]
fn tag_tokens(bencher: divan::Bencher) {
    let sents = sentences();
    let refs: Vec<Vec<&str>> = sents.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let n: usize = refs.iter().map(Vec::len).sum();
    let tagger = Tagger::embedded();
    bencher.counter(divan::counter::ItemsCount::new(n)).bench(|| {
        let mut entities = 0;
        for s in &refs {
            entities += tagger.tag(divan::black_box(s)).iter().filter(|t| t.kind().is_some()).count();
        }
        entities
    });
}

/// Parsing the embedded model (what the first call pays).
#[divan::bench]
fn load_model() -> Tagger {
    Tagger::from_bytes(divan::black_box(include_bytes!("../models/ner.bin"))).unwrap()
}
