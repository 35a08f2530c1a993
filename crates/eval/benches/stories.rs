//! Per-article cost of the story engine at small scale (release mode:
//! `cargo bench -p warta-eval --bench stories`). The 1M-article figure comes from
//! `warta-eval bench-stories` (wall time and peak memory).

use warta_engine::dedup::{Deduper, sketch};
use warta_engine::stories::{Config, Engine, Prepared, prepare};
use warta_eval::synth::{Corpus, Settings, SynthArticle};

fn main() {
    divan::main();
}

fn corpus(n: usize) -> Vec<SynthArticle> {
    Corpus::new(Settings { articles: n, seed: 3, ..Default::default() }).collect()
}

fn prepared(a: &SynthArticle) -> Prepared {
    let entities = a.entity_counts();
    prepare(&a.parts(&entities))
}

/// Tokenise, hash and MinHash one article (the parallel part).
#[divan::bench]
fn prepare_one(bencher: divan::Bencher) {
    let c = corpus(256);
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % c.len();
        prepared(divan::black_box(&c[i]))
    });
}

/// The MinHash sketch of one article body.
#[divan::bench]
fn sketch_one(bencher: divan::Bencher) {
    let c = corpus(256);
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % c.len();
        sketch(c[i].body.iter().map(String::as_str))
    });
}

/// The single-writer add, into an engine already holding `n` articles.
#[divan::bench(args = [1_000, 20_000])]
fn add_one(bencher: divan::Bencher, n: usize) {
    let c = corpus(n + 512);
    let (warm, rest) = c.split_at(n);
    let mut engine = Engine::new(Config::default());
    for a in warm {
        engine.add_prepared(prepared(a));
    }
    let next: Vec<Prepared> = rest.iter().map(prepared).collect();
    bencher.with_inputs(|| (engine.clone(), next.clone())).bench_local_values(|(mut e, items)| {
        for p in items.into_iter().take(64) {
            e.add_prepared(p);
        }
        e.len()
    });
}

/// Duplicate lookup alone, into a deduper holding 20,000 articles.
#[divan::bench]
fn dedup_add(bencher: divan::Bencher) {
    let c = corpus(20_512);
    let mut d = Deduper::new(0.7);
    for a in &c[..20_000] {
        d.add_sketch(&sketch(a.body.iter().map(String::as_str)));
    }
    let sketches: Vec<_> = c[20_000..].iter().map(|a| sketch(a.body.iter().map(String::as_str))).collect();
    bencher.with_inputs(|| d.clone()).bench_local_values(|mut d| {
        for s in sketches.iter().take(64) {
            d.add_sketch(s);
        }
        d.len()
    });
}
