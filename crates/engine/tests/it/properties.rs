//! Properties of cleaning, checked on generated pages (body sentences mixed with chrome):
//! 1. cleaning never loses a body sentence that is not chrome;
//! 2. every offset (paragraph spans, removed pieces) points at its own text;
//! 3. nothing is dropped silently: every non-blank byte is in a paragraph span or a removed piece.

use proptest::prelude::*;
use warta_engine::clean::clean;

const WORDS: &[&str] = &[
    "pemerintah",
    "daerah",
    "warga",
    "menyatakan",
    "anggaran",
    "pembangunan",
    "jalan",
    "sekolah",
    "rumah",
    "sakit",
    "petani",
    "nelayan",
    "harga",
    "beras",
    "minyak",
    "pasar",
    "kota",
    "desa",
    "kabupaten",
    "provinsi",
    "bantuan",
    "sosial",
    "tahun",
    "bulan",
    "kegiatan",
    "program",
    "kerja",
    "sama",
    "laporan",
    "rapat",
    "dewan",
    "peraturan",
    "baru",
    "lama",
    "besar",
    "kecil",
    "cepat",
    "lambat",
    "penting",
    "ratusan",
    "ribuan",
    "orang",
    "dengan",
    "untuk",
];
const CHROME: &[&str] = &[
    "Baca Juga: Judul Berita Lain Yang Menarik",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Forum",
    "Recommended",
    "XS",
    "Bagikan",
    "Komentar",
    "Skip to main content",
    "2 min read",
    "Editor: Nama Editor",
    "Sumber Foto: Istimewa",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 6..14).prop_map(|ws| {
        let mut s = ws.join(" ");
        let first = s.remove(0).to_uppercase().to_string();
        format!("{first}{s}.")
    })
}

#[derive(Debug, Clone)]
enum Line {
    Body(Vec<String>),
    Chrome(&'static str),
    Blank,
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        4 => prop::collection::vec(sentence(), 1..4).prop_map(Line::Body),
        2 => prop::sample::select(CHROME).prop_map(Line::Chrome),
        1 => Just(Line::Blank),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cleaning_keeps_body_and_accounts_for_every_byte(lines in prop::collection::vec(line(), 1..20), crlf in any::<bool>()) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let text = lines.iter().map(|l| match l {
            Line::Body(s) => s.join(" "),
            Line::Chrome(c) => c.to_string(),
            Line::Blank => String::new(),
        }).collect::<Vec<_>>().join(eol);
        let c = clean(&text);
        let body = c.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");

        // 1. every body sentence survives
        for l in &lines {
            if let Line::Body(sents) = l {
                for s in sents {
                    prop_assert!(body.contains(s.as_str()), "lost sentence {s:?}\nbody: {body:?}");
                }
            }
        }
        // 2. offsets point at their text
        let mut covered = vec![false; text.len()];
        for p in &c.paragraphs {
            for s in &p.spans {
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                covered[s.start..s.end].iter_mut().for_each(|b| *b = true);
            }
            let joined = p.spans.iter().map(|s| &text[s.start..s.end]).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&joined, &p.text);
        }
        for r in &c.removed {
            prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
            covered[r.start..r.end].iter_mut().for_each(|b| *b = true);
        }
        // 3. nothing dropped silently
        for (i, b) in text.bytes().enumerate() {
            prop_assert!(covered[i] || b.is_ascii_whitespace(), "byte {i} ({:?}) is neither body nor removed", &text[i..]);
        }
    }
}
