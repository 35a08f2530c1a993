//! Protection cost per article: building the placeholders for every segment (entities, dates,
//! numbers, URLs, speakers, with their renderings in the target language), and putting them
//! back with the check. The backend's own time is not measured (it is the network's and the
//! model's). Inputs: the example articles kept in the repo, analysed once before timing.

use warta_render::Lang;
use warta_translate::{protect, protect_article};

fn main() {
    divan::main();
}

fn articles() -> Vec<(warta_engine::Analysis, String)> {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let decoded = warta_engine::decode::decode(&std::fs::read(p).unwrap()).unwrap();
            let a = warta_engine::pipeline::analyze(&p.display().to_string(), &decoded, &Default::default());
            (a, decoded.text)
        })
        .collect()
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
