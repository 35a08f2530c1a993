//! Benchmark of the time stage (release mode: `cargo bench -p warta-engine --bench time`).
//! Compare with `--bench analyze` (the whole pipeline on the same articles).

mod common;

use warta_engine::analysis::Span;
use warta_engine::time::tag_times;
use warta_engine::{Options, analyze, decode};

fn main() {
    divan::main();
}

fn examples() -> Vec<String> {
    common::example_files().into_iter().map(|(_, bytes)| decode(&bytes).unwrap().text).collect()
}

/// A synthetic article dense in time expressions (written for this bench).
fn synthetic() -> String {
    let para = "Rapat digelar Senin (10/6/2024) pukul 09.00 WIB dan berlangsung hampir empat jam. \
        Tahun lalu rapat serupa batal, kata pejabat itu kemarin sore. Hasilnya diumumkan pekan depan, \
        antara 19 dan 20 Juni, dan laporan akhir terbit akhir tahun. Saat itu warga menunggu sejak \
        pagi hari; setiap tahun festival digelar pada Mei. Dalam beberapa hari mendatang hujan turun.\n";
    para.repeat(20)
}

/// tag_times over the body of every example article (the paragraph spans `analyze` finds).
#[divan::bench]
fn tag_times_examples(bencher: divan::Bencher) {
    let docs = examples();
    let opts = Options::default();
    let spans: Vec<Vec<Span>> = docs
        .iter()
        .map(|t| {
            let d = decode(t.as_bytes()).unwrap();
            analyze("bench", &d, &opts).paragraphs.iter().flat_map(|p| p.spans.clone()).collect()
        })
        .collect();
    let reference = Some("2024-06-12".parse().unwrap());
    bencher.counter(divan::counter::ItemsCount::new(docs.len())).bench(|| {
        let mut n = 0;
        for (t, s) in docs.iter().zip(&spans) {
            n += tag_times(divan::black_box(t), s, reference).len();
        }
        n
    });
}

/// tag_times over a synthetic 20-paragraph text dense in time expressions.
#[divan::bench]
fn tag_times_synthetic(bencher: divan::Bencher) {
    let text = synthetic();
    let spans = [Span::new(0, text.len())];
    let reference = Some("2024-06-12".parse().unwrap());
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| tag_times(divan::black_box(&text), &spans, reference).len());
}
