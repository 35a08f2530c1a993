//! Benchmark of `analyze` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench analyze`).

mod common;

use warta_engine::{Options, analyze, decode};

/// The `warta` binary's allocator, so the figures are the binary's (as in warta-html's bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// The first 300 articles of ../shared/data/news-detik-2025 (read at run time; skipped when
/// absent): decode + analyze each, throughput in articles.
#[divan::bench(sample_count = 10)]
fn analyze_detik(bencher: divan::Bencher) {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news-detik-2025/articles.csv");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipping analyze_detik: {} is absent", path.display());
        return;
    };
    let rows = warta_engine::csv::parse(&raw);
    let col = rows.first().and_then(|h| h.iter().position(|c| c == "isi_berita")).expect("isi_berita column");
    let docs: Vec<String> =
        rows[1..].iter().filter_map(|r| r.get(col)).map(|b| b.trim().to_string()).take(300).collect();
    let opts = Options::default();
    bencher.counter(divan::counter::ItemsCount::new(docs.len())).bench(|| {
        let mut n = 0;
        for b in &docs {
            let d = decode(divan::black_box(b.as_bytes())).unwrap();
            n += analyze("detik", &d, &opts).events.len();
        }
        n
    });
}
