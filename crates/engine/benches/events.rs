//! Benchmark of `events::extract` on the example articles kept in the repo (release mode:
//! `cargo bench -p warta-engine --bench events`). The rest of the pipeline runs once outside
//! the timed loop; compare with `--bench analyze` to see the events stage's share.

mod common;

use warta_engine::events::{self, Anchor};

fn main() {
    divan::main();
}

/// Event frames over every example article (throughput in bytes).
#[divan::bench]
fn extract_examples(bencher: divan::Bencher) {
    let docs = common::analysed();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    bencher.counter(divan::counter::BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for (text, a) in &docs {
            let anchor = Anchor::new(None, a.published.as_ref());
            n += events::extract(
                divan::black_box(text),
                &a.paragraphs,
                &a.captions,
                &a.entities,
                &a.times,
                &a.quotes,
                &anchor,
            )
            .len();
        }
        // the examples state events: an empty result would mean the stage broke
        assert!(n > 0);
        n
    });
}
