//! Tagging + parsing throughput of the embedded model (one thread), in words per second.
//!
//! `cargo bench -p warta-syntax --bench parse`. `tag_and_parse`: hand-written news-style
//! Indonesian (not treebank text), repeated to a batch of about 10,000 words. Few distinct
//! sentences keep the model's tables warm in the caches, so `tag_and_parse_csui_test` also times
//! the 374 distinct sentences of the UD Indonesian-CSUI test file (about 10,000 words, gold
//! tokens) when `../shared/data` is beside the repository; without it, that benchmark says so
//! and times nothing.

use divan::counter::ItemsCount;
use warta_syntax::{Analyser, Model, Style};

fn main() {
    divan::main();
}

const SENTENCES: &[&str] = &[
    "Pemerintah Provinsi Jawa Barat akan membangun tiga jembatan baru di Kabupaten Garut pada tahun depan , kata Gubernur kepada wartawan di Bandung , Senin ( 20/10 ) .",
    "Harga beras di sejumlah pasar tradisional naik hingga 15 persen dalam dua pekan terakhir karena pasokan dari daerah sentra produksi berkurang .",
    "\" Kami belum menerima laporan resmi dari kepolisian , \" ujar juru bicara kementerian yang enggan disebut namanya .",
    "Rapat yang dipimpin oleh Wakil Presiden tersebut membahas anggaran pendidikan dan kesehatan untuk tahun 2026 .",
    "Tim SAR gabungan masih mencari dua nelayan yang hilang setelah perahu mereka terbalik dihantam ombak di perairan selatan Pulau Lombok .",
    "Bank Indonesia mempertahankan suku bunga acuan sebesar 6 persen untuk menjaga stabilitas nilai tukar rupiah .",
    "Ribuan warga memadati alun-alun kota untuk menyaksikan pawai budaya yang digelar setiap tahun .",
    "Menurut data Badan Pusat Statistik , jumlah penduduk miskin turun menjadi 24 juta orang pada Maret lalu .",
];

fn batch() -> Vec<Vec<&'static str>> {
    let sents: Vec<Vec<&str>> = SENTENCES.iter().map(|s| s.split(' ').collect()).collect();
    let mut out = Vec::new();
    let mut words = 0;
    while words < 10_000 {
        for s in &sents {
            words += s.len();
            out.push(s.clone());
        }
    }
    out
}

#[divan::bench(args = [Style::Ud, Style::Gsd])]
fn tag_and_parse(bencher: divan::Bencher, style: Style) {
    time_batch(bencher, &batch(), style);
}

/// Times tagging and parsing every sentence of `batch`, counting words.
fn time_batch(bencher: divan::Bencher, batch: &[Vec<&str>], style: Style) {
    let words: usize = batch.iter().map(Vec::len).sum();
    let mut analyser = Analyser::new(Model::embedded());
    analyser.style = style;
    bencher.counter(ItemsCount::new(words)).bench_local(|| {
        let mut heads = 0u64;
        for s in batch {
            for p in analyser.tag_and_parse(divan::black_box(s)) {
                heads += u64::from(p.head);
            }
        }
        heads
    });
}

/// The forms of the CSUI test sentences, when the shared data is present.
fn csui_test() -> Option<Vec<Vec<String>>> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud-id-csui/id_csui-ud-test.conllu");
    let text = std::fs::read_to_string(&path).ok()?;
    let sentences = warta_syntax::conllu::parse(&text).ok()?;
    Some(sentences.iter().map(|s| s.forms().into_iter().map(str::to_string).collect()).collect())
}

#[divan::bench]
fn tag_and_parse_csui_test(bencher: divan::Bencher) {
    let Some(batch) = csui_test() else {
        eprintln!("tag_and_parse_csui_test: ../shared/data/ud-id-csui is absent; nothing timed");
        return;
    };
    let batch: Vec<Vec<&str>> = batch.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    time_batch(bencher, &batch, Style::Ud);
}

#[divan::bench]
fn load_embedded_model(bencher: divan::Bencher) {
    let gz = Model::embedded().to_gz();
    bencher.bench(|| Model::from_gz(divan::black_box(&gz)).map(|m| m.sizes()));
}
