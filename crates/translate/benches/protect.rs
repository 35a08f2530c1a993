//! Protection cost per article: building the placeholders for every segment (entities, dates,
//! numbers, URLs, speakers, with their renderings in the target language), and putting them
//! back with the check. The backend's own time is not measured (it is the network's and the
//! model's). Inputs: the example articles kept in the repo, analysed once before timing.

#[path = "../../engine/benches/common/mod.rs"]
mod common;

use warta_render::Lang;
use warta_translate::{protect, protect_article};

fn main() {
    divan::main();
}

fn articles() -> Vec<(warta_engine::Analysis, String)> {
    common::analysed().into_iter().map(|(text, a)| (a, text)).collect()
}

/// All example articles, protected for one language.
#[divan::bench(args = [Lang::En, Lang::Zh, Lang::Ar, Lang::Fr])]
fn protect_examples(bencher: divan::Bencher, lang: Lang) {
    let arts = articles();
    // Warm the per-thread ICU formatters outside the timing.
    for (a, t) in &arts {
        protect_article(a, t, lang, true);
    }
    bencher.bench(|| {
        for (a, t) in &arts {
            divan::black_box(protect_article(divan::black_box(a), t, lang, true));
        }
    });
}

/// Putting the placeholders back and checking them, on answers that kept them all.
#[divan::bench]
fn restore_examples(bencher: divan::Bencher) {
    let arts = articles();
    let protected: Vec<_> = arts.iter().flat_map(|(a, t)| protect_article(a, t, Lang::En, true)).collect();
    bencher.bench(|| {
        for (_, p) in &protected {
            divan::black_box(protect::restore(divan::black_box(&p.text), &p.slots));
        }
    });
}
