//! warta-html on small pages written for these tests: metadata precedence, main text and
//! cleaning, charsets, and bad input (truncated gzip, corrupt gzip, malformed HTML, a page over
//! the size limit, a page in another language).

use std::io::Write;
use warta_engine::analysis::Precision;
use warta_html::{Options, PageError, extract};

const PARAS: &[&str] = &[
    "Pemerintah kota mulai memperbaiki jembatan gantung di tepi sungai pada Senin pagi setelah warga melaporkan tali penyangganya putus.",
    "Kepala dinas pekerjaan umum mengatakan perbaikan akan selesai dalam dua minggu dan warga untuk sementara diminta memakai jalan memutar.",
    "Menurut warga, jembatan itu adalah satu-satunya jalan bagi anak-anak yang bersekolah di seberang sungai sehingga mereka kini harus berangkat lebih pagi.",
];

fn page(head: &str, lang: &str, body_extra: &str) -> String {
    let mut s = format!("<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">{head}</head><body>");
    s.push_str("<header><nav><a href=\"/\">Beranda</a> | <a href=\"/kota\">Kota</a> | <a href=\"/daerah\">Daerah</a></nav></header>");
    s.push_str("<main><article class=\"detail__body\"><h1>Jembatan Gantung Diperbaiki</h1>");
    for (i, p) in PARAS.iter().enumerate() {
        s.push_str(&format!("<p>{p}</p>"));
        if i == 0 {
            s.push_str(body_extra);
        }
    }
    s.push_str("</article></main><aside class=\"sidebar\"><h3>Terpopuler</h3><ul><li><a href=\"/a\">Harga beras turun</a></li><li><a href=\"/b\">Jadwal kereta berubah</a></li></ul></aside>");
    s.push_str("<footer><p>Hak cipta 2024 Kabar Kota. Semua hak dilindungi.</p></footer></body></html>");
    s
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const LD: &str = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":["NewsArticle"],"headline":"Jembatan Gantung Diperbaiki","datePublished":"2024-03-04T07:30:00+07:00","author":{"@type":"Person","name":"Rina Kusuma"},"publisher":{"@type":"Organization","name":"Kabar Kota"}}]}</script>"#;

#[test]
fn markup_metadata_and_main_text() {
    let html = page(
        &format!(
            "<title>Jembatan Gantung Diperbaiki | Kabar Kota</title><meta property=\"og:site_name\" content=\"KabarKota.id\"><meta name=\"author\" content=\"Redaksi\"><meta property=\"article:published_time\" content=\"2024-03-05\">{LD}"
        ),
        "id",
        "<figure><img src=\"j.jpg\"><figcaption>Petugas memasang tali baru pada jembatan.</figcaption></figure><p><strong>Baca Juga: Hujan Deras, Dua Jembatan Lain Rusak</strong></p>",
    );
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.title.as_deref(), Some("Jembatan Gantung Diperbaiki"));
    // JSON-LD wins over <meta>.
    assert_eq!(p.authors, vec!["Rina Kusuma".to_string()]);
    assert_eq!(p.outlet.as_deref(), Some("Kabar Kota"));
    let pubd = p.published.as_ref().unwrap();
    assert_eq!((pubd.value.as_str(), pubd.precision), ("2024-03-04", Precision::Day));
    assert_eq!(pubd.reason, "JSON-LD datePublished");
    assert_eq!(p.language.as_deref(), Some("id"));
    assert_eq!(p.body, PARAS.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "body: {:#?}", p.body);
    assert_eq!(p.captions, vec!["Petugas memasang tali baru pada jembatan.".to_string()]);
    assert!(p.removed.iter().any(|r| r.text.starts_with("Baca Juga")), "{:?}", p.removed);
    for chrome in ["Terpopuler", "Harga beras", "Hak cipta", "Beranda"] {
        assert!(!p.body.iter().any(|b| b.contains(chrome)), "{chrome} leaked");
    }
    assert!(!p.diagnostics.iter().any(|d| d.level.as_str() == "warning"), "{:?}", p.diagnostics);
}

#[test]
fn meta_and_time_fallbacks() {
    let html = page(
        "<meta property=\"og:title\" content=\"Jembatan Gantung Diperbaiki\"><meta property=\"og:site_name\" content=\"Kabar Kota\"><meta property=\"article:published_time\" content=\"2024-03-05T10:00:00Z\"><meta name=\"author\" content=\"Budi Santoso\">",
        "id-ID",
        "",
    );
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.outlet.as_deref(), Some("Kabar Kota"));
    assert_eq!(p.authors, vec!["Budi Santoso".to_string()]);
    let pubd = p.published.unwrap();
    assert_eq!(pubd.value, "2024-03-05");
    assert_eq!(pubd.reason, "<meta> article:published_time");
    assert_eq!(p.declared_language.as_deref(), Some("id"));

    let html = page("<title>t</title>", "id", "<p><time datetime=\"2023-11\">November 2023</time></p>");
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    let pubd = p.published.unwrap();
    assert_eq!(
        (pubd.value.as_str(), pubd.precision, pubd.reason.as_str()),
        ("2023-11", Precision::Month, "<time datetime>")
    );
}

#[test]
fn impossible_markup_dates_are_refused() {
    assert!(warta_html::markup::published("2024-13-01", "x").is_none());
    // A dash of another width where '-' belongs (once a panic: slicing inside the en dash).
    assert!(warta_html::markup::published("2025\u{2013}10\u{2013}20T10:00", "x").is_none());
    assert!(warta_html::markup::published("2025\u{2013}10", "x").is_none());
    assert!(warta_html::markup::published("2025-1\u{2013}", "x").is_none());
    assert!(warta_html::markup::published("2023-02-30T00:00", "x").is_none());
    assert!(warta_html::markup::published("Senin, 4 Maret 2024", "x").is_none());
    assert_eq!(warta_html::markup::published("2024", "x").unwrap().precision, Precision::Year);
}

#[test]
fn gzip_pages_are_read() {
    let html = page(LD, "id", "");
    let p = extract(&gzip(html.as_bytes()), &Options::default()).unwrap();
    assert_eq!(p.body.len(), 3);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn truncated_gzip_keeps_what_decompressed_with_a_warning() {
    let mut html = page(LD, "id", "");
    // Make the page long enough that the cut falls after the body has started.
    for _ in 0..50 {
        html.push_str("<!-- padding padding padding padding padding padding -->");
    }
    let gz = gzip(html.as_bytes());
    let cut = &gz[..gz.len() - 20];
    let p = extract(cut, &Options::default()).unwrap();
    let d = p.diagnostics.iter().find(|d| d.code.as_str() == "truncated_gzip").expect("truncated_gzip diagnostic");
    assert_eq!(d.level.as_str(), "warning");
    assert_eq!(p.body.len(), 3);
}

#[test]
fn corrupt_gzip_is_an_error() {
    let gz = gzip(page("", "id", "").as_bytes());
    let mut bad = gz[..12].to_vec();
    bad.extend_from_slice(&[0xff; 40]);
    let e = extract(&bad, &Options::default()).unwrap_err();
    assert!(matches!(e, PageError::Gzip(_)), "{e:?}");
    assert!(e.to_string().contains("gzip"), "{e}");
}

#[test]
fn malformed_html_still_gives_the_text() {
    // Unclosed tags, stray end tags, an unterminated attribute quote at the very end.
    let mut html = String::from("<html><head><title>Jembatan</title><body><div class=content><p>");
    html.push_str(PARAS[0]);
    html.push_str("<p>");
    html.push_str(PARAS[1]);
    html.push_str("</span></b><div><p>");
    html.push_str(PARAS[2]);
    html.push_str("</td></tr><a href=\"/x");
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    let all = p.body.join(" ");
    for para in PARAS {
        assert!(all.contains(&para[..60]), "missing: {para}\nbody: {all}");
    }
    // An unclosed <title> swallows the rest of the page (as in a browser): no body, and a
    // diagnostic that says so instead of an error.
    let html = format!("<html><head><title>Jembatan<body><p>{}</p>", PARAS[0]);
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    assert!(p.body.is_empty());
    assert!(
        p.diagnostics.iter().any(|d| d.code.as_str() == "no_main_text" && d.level.as_str() == "warning"),
        "{:?}",
        p.diagnostics
    );
}

#[test]
fn page_over_the_size_limit_is_refused_before_and_after_gzip() {
    let html = page(LD, "id", "");
    let opts = Options { max_bytes: 500, ..Options::default() };
    let e = extract(html.as_bytes(), &opts).unwrap_err();
    assert!(matches!(e, PageError::TooLarge { .. }));
    assert!(e.to_string().contains("--max-bytes"), "{e}");
    // A small gzip that inflates past the limit (a "zip bomb" in miniature).
    let big = "a".repeat(100_000);
    let gz = gzip(big.as_bytes());
    assert!(gz.len() < 500);
    let e = extract(&gz, &opts).unwrap_err();
    assert!(matches!(e, PageError::TooLarge { .. }), "{e:?}");
}

#[test]
fn empty_and_binary_pages_are_errors() {
    assert_eq!(extract(b"  \n ", &Options::default()).unwrap_err(), PageError::Empty);
    let mut bin = vec![0u8; 64];
    bin.extend_from_slice(b"PNG");
    assert_eq!(extract(&bin, &Options::default()).unwrap_err(), PageError::Binary);
}

#[test]
fn english_page_is_flagged_and_kept() {
    let body = "<p>The city government began repairing the suspension bridge on Monday morning after residents reported that one of its cables had snapped.</p><p>The head of the public works office said the repairs would be finished within two weeks and asked residents to use the longer road in the meantime.</p>";
    let html = format!(
        "<html lang=\"en\"><head><title>Bridge repaired</title></head><body><article>{body}</article></body></html>"
    );
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.language.as_deref(), Some("en"));
    assert_eq!(p.body.len(), 2);
    let d = p.diagnostics.iter().find(|d| d.code.as_str() == "not_indonesian").expect("flagged");
    assert_eq!(d.level.as_str(), "warning");
}

#[test]
fn page_in_a_fourth_language_is_not_forced_into_id_ms_en() {
    let body = "<p>La municipalité a commencé lundi matin à réparer le pont suspendu après que les habitants ont signalé qu'un de ses câbles s'était rompu.</p><p>Le chef du service des travaux publics a déclaré que les réparations seraient terminées dans deux semaines.</p>";
    let html =
        format!("<html lang=\"fr\"><head><title>Pont</title></head><body><article>{body}</article></body></html>");
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.language.as_deref(), Some("fr"), "{:?}", p.diagnostics);
    assert!(p.diagnostics.iter().any(|d| d.code.as_str() == "language_undetermined"));
    assert!(p.diagnostics.iter().any(|d| d.code.as_str() == "not_indonesian"));
    assert_eq!(p.body.len(), 2);
}

#[test]
fn declared_windows_1252_charset_is_decoded() {
    let mut html = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><article><p>".to_vec();
    html.extend_from_slice(PARAS[0].as_bytes());
    html.extend_from_slice(b" Caf\xe9 \x93kopi\x94 di sana.</p><p>");
    html.extend_from_slice(PARAS[1].as_bytes());
    html.extend_from_slice(b"</p></article></body></html>");
    let p = extract(&html, &Options::default()).unwrap();
    assert_eq!(p.encoding, "windows-1252");
    assert!(p.body[0].ends_with("Café “kopi” di sana."), "{}", p.body[0]);
}

#[test]
fn engine_input_carries_markup_overrides() {
    let html = page(LD, "id", "");
    let p = extract(html.as_bytes(), &Options::default()).unwrap();
    let (decoded, overrides) = p.engine_input();
    let a = warta_engine::pipeline::analyze_with("t.html", &decoded, &warta_engine::Options::default(), &overrides);
    assert_eq!(a.published.as_ref().unwrap().reason, "JSON-LD datePublished");
    assert_eq!(a.outlet.as_deref(), Some("Kabar Kota"));
    assert_eq!(a.authors, vec!["Rina Kusuma".to_string()]);
    assert_eq!(a.title.as_deref(), Some("Jembatan Gantung Diperbaiki"));
    // Offsets refer to the extracted text.
    for para in &a.paragraphs {
        for s in &para.spans {
            assert!(decoded.text[s.start..s.end].len() == s.len());
        }
    }
    assert!(a.body.iter().any(|b| b == PARAS[1]));
    // The page's own cleaning is handed over (the text is cleaned once), and it is exactly what
    // the engine would have found: the analysis is the same when the engine cleans again.
    assert!(overrides.cleaned.is_some());
    let again = warta_engine::pipeline::Overrides { cleaned: None, ..overrides.clone() };
    let b = warta_engine::pipeline::analyze_with("t.html", &decoded, &warta_engine::Options::default(), &again);
    assert_eq!(a, b);
}
