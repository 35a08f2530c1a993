//! Benchmark of `analyze` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench analyze`).

use std::path::PathBuf;
use warta_engine::{Options, analyze, decode};

fn main() {
    divan::main();
}

fn examples() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected the example articles in {}", dir.display());
    files.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
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
