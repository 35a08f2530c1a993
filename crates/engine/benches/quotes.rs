//! Benchmark of `quotes::extract` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench quotes`). Cleaning runs once outside the timed loop.

mod common;

use warta_engine::analysis::Paragraph;
use warta_engine::{Options, analyze, decode, quotes};

fn main() {
    divan::main();
}

fn examples() -> Vec<(String, Vec<Paragraph>)> {
    common::example_files()
        .into_iter()
        .map(|(_, bytes)| {
            let d = decode(&bytes).unwrap();
            let a = analyze("bench", &d, &Options::default());
            (d.text, a.paragraphs)
        })
        .collect()
}

/// Quotes, speakers, via and status over every example article (throughput in bytes).
#[divan::bench]
fn extract_examples(bencher: divan::Bencher) {
    let docs = examples();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for (text, paras) in &docs {
            n += quotes::extract(divan::black_box(text), paras, &[]).quotes.len();
        }
        n
    });
}
