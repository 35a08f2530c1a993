//! Benchmark of `analyze` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench analyze`).

mod common;

use warta_engine::{Options, analyze, decode};

fn main() {
    divan::main();
}

fn examples() -> Vec<(String, Vec<u8>)> {
    common::example_files().into_iter().map(|(p, b)| (p.display().to_string(), b)).collect()
}

/// One pass of decode + analyze over every example article (throughput in bytes).
#[divan::bench]
fn analyze_examples(bencher: divan::Bencher) {
    let docs = examples();
    let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
    let opts = Options::default();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for (src, b) in &docs {
            let d = decode(divan::black_box(b)).unwrap();
            n += analyze(src, &d, &opts).body.len();
        }
        n
    });
}
