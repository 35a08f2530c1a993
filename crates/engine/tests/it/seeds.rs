//! What a careful reader sees in each of the five seed pages (read from ../shared/seeds at test
//! time; skipped with a message where ../shared is absent). No seed text is kept in the repo:
//! the assertions name only metadata values and short markers.

use crate::support::{analyze_bytes, shared};
use warta_engine::Analysis;
use warta_engine::analysis::Precision;

fn seed(prefix: &str) -> Option<(Analysis, String)> {
    let dir = shared("seeds")?.join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))?;
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    Some((analyze_bytes(&path.display().to_string(), &bytes), text))
}

fn reasons(a: &Analysis, reason: &str) -> Vec<String> {
    a.removed.iter().filter(|r| r.reason.as_str() == reason).map(|r| r.text.clone()).collect()
}

fn published(a: &Analysis) -> Option<(&str, Precision)> {
    a.published.as_ref().map(|p| (p.value.as_str(), p.precision))
}

/// Invariants every seed must keep: offsets, no chrome left in the body.
fn common(a: &Analysis, text: &str) {
    for r in &a.removed {
        assert_eq!(&text[r.start..r.end], r.text);
    }
    for p in &a.paragraphs {
        for s in &p.spans {
            assert!(text.get(s.start..s.end).is_some());
        }
    }
    for b in &a.body {
        for marker in ["Baca Juga", "SEE ALSO", "ADVERTISEMENT", "[ab/uh]", "min read", "(Foto:", "Nama Penulis"] {
            assert!(!b.contains(marker), "chrome {marker:?} left in body paragraph {b:?}");
        }
    }
    assert!(!a.body.is_empty());
}

#[test]
fn seed_000_no_outlet_translation_disclaimer_inferred_year() {
    let Some((a, text)) = seed("000_") else { return };
    common(&a, &text);
    assert_eq!(a.outlet, None, "the footer names a translation vendor, not the outlet");
    assert_eq!(a.dateline.as_deref(), Some("JAKARTA"));
    assert_eq!(a.title, None);
    // No date printed; the latest dated report it cites (27 March, after December 2024)
    // bounds it from below; a plain date gives only the year.
    assert_eq!(published(&a), Some(("2025", Precision::Year)), "{:?}", a.published);
    assert_eq!(a.published.as_ref().unwrap().earliest.as_deref(), Some("2025-03-27"));
    assert_eq!(reasons(&a, "related_link"), ["SEE ALSO:"]);
    assert_eq!(reasons(&a, "disclaimer").len(), 1);
    assert_eq!(a.disclaimers.len(), 1);
    // The paragraph after "SEE ALSO:" is a sentence of the article, not a link title.
    assert!(a.body.iter().any(|p| p.starts_with("Kementerian unifikasi menilai")));
    assert_eq!(a.body.len(), 11);
}

#[test]
fn seed_001_kontan_dateline_and_byline() {
    let Some((a, text)) = seed("001_") else { return };
    common(&a, &text);
    assert_eq!(a.outlet.as_deref(), Some("Kontan"));
    assert_eq!(a.dateline.as_deref(), Some("SEOUL"));
    assert_eq!(a.authors, Vec::<String>::new());
    assert_eq!(a.editors, ["Barratut Taqiyyah Rafie"]);
    assert!(a.sources.iter().any(|s| s == "Reuters"));
    assert_eq!(reasons(&a, "related_link").len(), 2);
    // No date is printed as the publication date; the latest reported day gives the month.
    assert_eq!(published(&a), Some(("2024-06", Precision::Month)), "{:?}", a.published);
    assert_eq!(a.body.len(), 12);
}

#[test]
fn seed_002_bisnis_dateline_date() {
    let Some((a, text)) = seed("002_") else { return };
    common(&a, &text);
    assert_eq!(a.outlet.as_deref(), Some("Bisnis.com"));
    assert_eq!(a.dateline.as_deref(), Some("JAKARTA"));
    assert_eq!(published(&a), Some(("2023-09-13", Precision::Day)));
    assert_eq!(reasons(&a, "related_link"), ["Baca Juga"]);
    assert_eq!(a.body.len(), 14);
}

#[test]
fn seed_003_broadcaster_captions_signoff_widgets() {
    let Some((a, text)) = seed("003_") else { return };
    common(&a, &text);
    assert_eq!(a.outlet, None, "the page never names its outlet");
    assert!(a.title.as_deref().is_some_and(|t| t.starts_with("Kim Puji Hubungan")));
    assert_eq!(reasons(&a, "navigation").len(), 1, "skip-links header");
    assert_eq!(a.captions.len(), 2, "each duplicated caption kept once");
    assert_eq!(reasons(&a, "duplicate").len(), 2);
    assert!(a.captions.iter().all(|c| c.credit.is_some()));
    assert_eq!(reasons(&a, "sign_off"), ["[ab/uh]"]);
    assert_eq!(reasons(&a, "widget"), ["Forum", "Recommended", "XS", "SM", "MD", "LG"]);
    // "Rabu (12/6)" with the years the page names (2019, 2023) pins 12 June 2024; with no
    // dateline that is the day reported, so the article is from June 2024, not before the 12th.
    assert_eq!(published(&a), Some(("2024-06", Precision::Month)), "{:?}", a.published);
    assert_eq!(a.published.as_ref().unwrap().earliest.as_deref(), Some("2024-06-12"));
    assert_eq!(a.body.len(), 14);
    assert!(a.body.iter().all(|p| !p.starts_with("Bendera Rusia")), "captions are not body");
}

#[test]
fn seed_004_blog_byline_and_month_day_stamp() {
    let Some((a, text)) = seed("004_") else { return };
    common(&a, &text);
    assert_eq!(a.outlet, None);
    assert!(a.title.as_deref().is_some_and(|t| t.starts_with("Kim Jong Un Diundang Putin")));
    assert_eq!(a.authors, ["Adnan Kasmas Abysaama"]);
    assert_eq!(a.editors, ["Putri Nabila Reta"]);
    assert_eq!(a.credits, ["Sputnik"]);
    // "9/11/2023" is month/day: the text's "Senin (11/9)" is Monday 11 September 2023.
    assert_eq!(published(&a), Some(("2023-09-11", Precision::Day)), "{:?}", a.published);
    assert_eq!(reasons(&a, "blog_chrome").len(), 2, "reading time and placeholder");
    assert_eq!(reasons(&a, "timestamp").len(), 1);
    assert_eq!(a.body.len(), 1);
    assert!(a.body[0].starts_with("Pemimpin Tertinggi"));
    assert!(
        a.removed.iter().any(|r| r.reason.as_str() == "byline" && r.text == r.text.to_lowercase()),
        "author handle"
    );
}
