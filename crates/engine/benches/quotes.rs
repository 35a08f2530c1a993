//! Benchmark of `quotes::extract` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench quotes`). Cleaning runs once outside the timed loop.

mod common;

use warta_engine::quotes;

fn main() {
    divan::main();
}

/// Quotes, speakers, via and status over every example article (throughput in bytes).
#[divan::bench]
fn extract_examples(bencher: divan::Bencher) {
    let docs = common::analysed();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for (text, a) in &docs {
            n += quotes::extract(divan::black_box(text), &a.paragraphs, &[]).quotes.len();
        }
        n
    });
}
