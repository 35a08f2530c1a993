//! Pathological inputs (issue 21: linear time): each is about 1 MB of text built here, analysed
//! whole (`cargo bench -p warta-engine --bench hostile`). A stage that rescans the text per
//! mark, per capital or per name shows here as seconds instead of milliseconds.

use warta_engine::{Options, analyze, decode};

fn main() {
    divan::main();
}

/// About one megabyte: `unit` repeated, behind a dateline, ending in a sentence.
fn megabyte(unit: &str) -> String {
    let n = (1 << 20) / unit.len().max(1);
    format!("MEDAN - {} Warga berkumpul di alun-alun.\n", unit.repeat(n))
}

/// The pathological shapes: runs of quotes, brackets, capitals, digits, capitalised names,
/// one 1 MB sentence of ordinary words, and a 1 MB paragraph of ordinary sentences.
const CASES: &[(&str, &str)] = &[
    ("quotes", "\" "),
    ("curly_quotes", "“a” "),
    ("brackets", "( "),
    ("capitals", "ABCD "),
    ("digits", "1234 "),
    ("names", "Budi Santoso "),
    ("one_sentence", "warga kota itu berkata bahwa jalan rusak dan "),
    ("paragraph", "Menteri Budi Santoso mengunjungi Medan pada Senin (3/11/2025), kata juru bicaranya. "),
];

#[divan::bench(args = CASES.iter().map(|c| c.0), sample_count = 3, sample_size = 1)]
fn one_megabyte(bencher: divan::Bencher, name: &str) {
    let unit = CASES.iter().find(|c| c.0 == name).map(|c| c.1).unwrap_or_default();
    let text = megabyte(unit);
    let opts = Options::default();
    bencher.counter(divan::counter::BytesCount::new(text.len())).bench(|| {
        let d = decode(divan::black_box(text.as_bytes())).unwrap();
        analyze("hostile.txt", &d, &opts).entities.len()
    });
}
