//! The entity tagger: golden hard spots (sentences written for these tests) and regressions
//! on the seed articles (read from ../shared/seeds at test time; skipped when absent).

use crate::support;
use warta_engine::analysis::{EntityKind, Span};
use warta_engine::ner::{Tag, Tagger, recognize};

/// The mentions of `text` as (surface, kind).
fn mentions(text: &str) -> Vec<(String, EntityKind)> {
    recognize(text, &[Span::new(0, text.len())]).into_iter().map(|m| (m.span.of(text).to_string(), m.kind)).collect()
}

fn has(ms: &[(String, EntityKind)], surface: &str, kind: EntityKind) -> bool {
    ms.iter().any(|(s, k)| s == surface && *k == kind)
}

#[track_caller]
fn expect(text: &str, want: &[(&str, EntityKind)]) {
    let ms = mentions(text);
    for (s, k) in want {
        assert!(has(&ms, s, *k), "expected {s:?} as {k:?} in {text:?}; got {ms:?}");
    }
}

use EntityKind::{Loc, Org, Per};

#[test]
fn titles_before_names_are_not_part_of_the_name() {
    expect(
        "Presiden Joko Widodo menerima Menteri Pertahanan Prabowo Subianto di Jakarta.",
        &[("Joko Widodo", Per), ("Prabowo Subianto", Per), ("Jakarta", Loc)],
    );
    expect(
        "Marsekal Hadi Tjahjanto meninjau pangkalan udara di Makassar.",
        &[("Hadi Tjahjanto", Per), ("Makassar", Loc)],
    );
    expect(
        "Ibu Sri Mulyani mengatakan Bank Indonesia akan menahan suku bunga.",
        &[("Sri Mulyani", Per), ("Bank Indonesia", Org)],
    );
    let ms = mentions("Presiden Joko Widodo tiba.");
    assert!(!ms.iter().any(|(s, _)| s.contains("Presiden")), "{ms:?}");
}

#[test]
fn nationality_between_title_and_name_is_a_place() {
    expect(
        "Wakil Menteri Luar Negeri Rusia Andrei Rudenko bertemu Sekretaris Jenderal PBB di Jenewa.",
        &[("Rusia", Loc), ("Andrei Rudenko", Per), ("PBB", Org), ("Jenewa", Loc)],
    );
    expect(
        "Pemimpin Korea Utara Kim Jong Un mengunjungi Moskow, Rusia.",
        &[("Korea Utara", Loc), ("Kim Jong Un", Per), ("Moskow", Loc), ("Rusia", Loc)],
    );
}

#[test]
fn organisation_heads_open_whole_names() {
    expect(
        "Kementerian Kesehatan dan Badan Pusat Statistik melapor kepada Dewan Perwakilan Rakyat.",
        &[("Kementerian Kesehatan", Org), ("Badan Pusat Statistik", Org), ("Dewan Perwakilan Rakyat", Org)],
    );
    expect(
        "Mahasiswa Universitas Gadjah Mada bergabung dengan Partai Solidaritas Indonesia.",
        &[("Universitas Gadjah Mada", Org), ("Partai Solidaritas Indonesia", Org)],
    );
    expect("Menurut kantor berita Yonhap, utusan itu sudah tiba.", &[("Yonhap", Org)]);
}

#[test]
fn foreign_name_shapes() {
    expect("Utusan Korea Selatan Park Moo-jin tiba di Seoul.", &[("Park Moo-jin", Per), ("Seoul", Loc)]);
    expect(
        "Sergei Lavrov dan Wang Yi membahas kerja sama di Vladivostok.",
        &[("Sergei Lavrov", Per), ("Wang Yi", Per), ("Vladivostok", Loc)],
    );
}

#[test]
fn forum_ekonomi_timur_is_one_name_and_timur_is_not_a_place() {
    let ms = mentions("Para pemimpin bertemu di Forum Ekonomi Timur pada bulan September.");
    assert!(ms.iter().any(|(s, _)| s == "Forum Ekonomi Timur"), "{ms:?}");
    assert!(!ms.iter().any(|(s, k)| s == "Timur" && *k == Loc), "{ms:?}");
}

#[test]
fn lower_case_text() {
    expect("gubernur jawa barat meresmikan jalan tol di bandung kemarin.", &[("jawa barat", Loc), ("bandung", Loc)]);
}

#[test]
fn tag_gives_valid_bio_for_any_input() {
    let t = Tagger::embedded();
    for toks in [
        vec!["Kim", "Jong-un", "tiba", "di", "Vladivostok", "."],
        vec!["Di", "Di", "Di", "Di"],
        vec!["(", ")", "\"", "2023", "14.30"],
        vec!["PRESIDEN", "JOKOWI", "BERKUNJUNG", "KE", "PAPUA"],
        vec!["Étienne", "Müller", "dari", "Zürich"],
    ] {
        let tags = t.tag(&toks);
        assert_eq!(tags.len(), toks.len());
        for (i, tag) in tags.iter().enumerate() {
            if let Tag::I(k) = tag {
                assert!(i > 0 && tags[i - 1].kind() == Some(*k), "invalid BIO {tags:?} for {toks:?}");
            }
        }
    }
}

#[test]
fn spans_are_byte_offsets_into_the_text() {
    let text = "Kemarin, Ketua DPR Puan Maharani bertemu duta besar Jepang di Gedung Nusantara.";
    let ms = recognize(text, &[Span::new(0, text.len())]);
    assert!(!ms.is_empty());
    for m in &ms {
        let s = m.span.of(text);
        assert_eq!(s, s.trim());
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
    // spans are sorted and disjoint
    assert!(ms.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    // a sub-span only yields mentions inside it
    let start = text.find("Puan").unwrap();
    let sub = recognize(text, &[Span::new(start, text.len())]);
    assert!(sub.iter().all(|m| m.span.start >= start));
}

/// The persons, places and organisations a careful reader finds in the seeds.
#[test]
fn seed_regressions() {
    let Some(files) = support::seed_paths() else { return };
    let mut all = Vec::new();
    assert_eq!(files.len(), 5, "the five seed pages");
    for f in &files {
        let a = support::analyze_bytes(&f.display().to_string(), &std::fs::read(f).unwrap());
        let mut text = String::new();
        let mut spans = Vec::new();
        for para in &a.body {
            spans.push(Span::new(text.len(), text.len() + para.len()));
            text.push_str(para);
            text.push('\n');
        }
        for m in recognize(&text, &spans) {
            all.push((m.span.of(&text).to_string(), m.kind));
        }
    }
    let found = |surfaces: &[&str], kind: EntityKind| surfaces.iter().any(|s| has(&all, s, kind));
    let mut missing = Vec::new();
    for (names, kind) in [
        (&["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un"][..], Per),
        (&["Vladimir Putin"][..], Per),
        (&["Sergei Shoigu"][..], Per),
        (&["Andrei Rudenko"][..], Per),
        (&["Korea Utara"][..], Loc),
        (&["Rusia"][..], Loc),
        (&["Pyongyang"][..], Loc),
        (&["Vladivostok"][..], Loc),
        (&["Moskow"][..], Loc),
        (&["KCNA"][..], Org),
        (&["Reuters"][..], Org),
        (&["TASS"][..], Org),
    ] {
        if !found(names, kind) {
            missing.push(format!("{} as {kind:?}", names[0]));
        }
    }
    assert!(missing.is_empty(), "not found in the seeds: {missing:?}\nall mentions: {all:?}");
}
