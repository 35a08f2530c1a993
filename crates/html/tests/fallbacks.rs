//! Fallbacks that never return nothing, removal reasons inside the article, repeated units,
//! next-page links and multi-page articles, on small pages written for these tests.

use warta_html::main_text::DropReason;
use warta_html::{BodySource, Options, extract, extract_pages, page_number};

const P1: &str = "Dinas perhubungan menambah tiga rute bus sekolah mulai pekan depan, setelah orang tua murid di pinggiran kota mengeluhkan jarak halte yang terlalu jauh.";
const P2: &str = "Kepala dinas mengatakan armada baru itu dibeli dari anggaran perubahan dan akan melayani sekitar empat ratus murid setiap pagi dan sore.";
const P3: &str = "Menurut warga, rute tambahan itu sudah lama ditunggu karena anak-anak mereka selama ini harus berjalan kaki hampir dua kilometer ke halte terdekat.";
const P4: &str = "Dinas berjanji mengevaluasi rute baru itu setelah tiga bulan, dengan memperhatikan jumlah penumpang dan masukan dari sekolah-sekolah yang dilalui.";

const P5: &str = "Seorang guru mengatakan murid yang rumahnya jauh sering terlambat masuk kelas, terutama pada musim hujan ketika jalan kampung tergenang air.";
const P6: &str = "Ia berharap jadwal bus disesuaikan dengan jam masuk sekolah, sehingga murid tidak perlu menunggu terlalu lama di halte pada pagi hari.";

/// A page whose body holds only navigation: no article container to find.
fn shell(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Rute Bus Sekolah Ditambah</title>{head}</head>\
         <body><nav><a href=\"/\">Beranda</a> <a href=\"/kota\">Kota</a></nav>{body}\
         <footer><a href=\"/tentang\">Tentang kami</a></footer></body></html>"
    )
}

#[test]
fn json_ld_article_body_comes_first() {
    let ld = format!(
        r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Rute Bus Sekolah Ditambah","articleBody":"{P1}\n{P2}"}}</script><meta property="og:description" content="Ringkasan singkat."#
    );
    let p = extract(shell(&format!("{ld}\">"), "").as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::JsonLdArticleBody);
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string()]);
    assert!(p.diagnostics.iter().any(|d| d.code.as_str() == "body_fallback"), "{:?}", p.diagnostics);
    // The reason is named in JSON as a string.
    assert_eq!(serde_json::to_value(p.method).unwrap(), "json_ld_article_body");
}

#[test]
fn json_ld_article_body_with_markup_is_read_as_text() {
    let ld = format!(
        r#"<script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"<p>{P1}</p><p>{P2}</p>"}}</script>"#
    );
    let p = extract(shell(&ld, "").as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::JsonLdArticleBody);
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string()]);
}

#[test]
fn description_when_there_is_no_article_body() {
    let head = format!("<meta property=\"og:description\" content=\"{P3}\">");
    let p = extract(shell(&head, "").as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::Description);
    assert_eq!(p.body, vec![P3.to_string()]);
    assert_eq!(serde_json::to_value(p.method).unwrap(), "description");
}

#[test]
fn densest_block_when_the_page_has_no_summary() {
    // The prose sits in list items, which the container scoring does not count as
    // paragraphs; the densest block still finds it (and not the link list).
    let body = format!(
        "<ul><li><a href=\"/1\">Berita satu yang lain sekali</a></li><li><a href=\"/2\">Berita dua yang lain lagi</a></li></ul>\
         <ul><li>{P4}</li></ul>"
    );
    let p = extract(shell("", &body).as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::DensestBlock);
    assert_eq!(p.body, vec![P4.to_string()]);
}

#[test]
fn no_prose_at_all_is_none_with_a_warning() {
    let p = extract(shell("", "<p><a href=\"/x\">Masuk</a></p>").as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::None);
    assert!(p.body.is_empty());
    assert!(p.diagnostics.iter().any(|d| d.code.as_str() == "no_main_text"));
}

#[test]
fn main_text_is_trusted_before_any_fallback() {
    let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"Teks lain dari JSON-LD yang tidak dipakai karena halaman punya artikel."}</script>"#;
    let body = format!("<article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>");
    let p = extract(shell(ld, &body).as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::MainText);
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string(), P3.to_string()]);
}

/// An Indonesian article with the usual in-article chrome.
fn article_with_chrome() -> String {
    let body = format!(
        "<article class=\"detail\"><h1>Rute Bus Sekolah Ditambah</h1>\
         <p>{P1}</p>\
         <figure><img src=\"bus.jpg\"><figcaption>Bus sekolah baru di depan balai kota. (Foto: Dok. Dinas)</figcaption></figure>\
         <div class=\"baca-juga\"><strong>Baca juga:</strong> <a href=\"/a\">Tarif angkot naik bulan depan</a></div>\
         <p>{P2}</p>\
         <div class=\"ads-slot\">ADVERTISEMENT</div>\
         <p>SCROLL TO CONTINUE WITH CONTENT</p>\
         <p>{P3}</p>\
         <p>Simak Video \"Bus Sekolah Gratis Mulai Beroperasi\"</p>\
         <div class=\"box-newsletter\"><p>Daftar newsletter kami untuk kabar kota setiap pagi.</p><input type=\"email\"></div>\
         <p>{P4}</p>\
         <div class=\"pagination\"><a href=\"/berita/rute-bus/2\">Halaman selanjutnya</a></div>\
         </article>"
    );
    shell("", &body)
}

#[test]
fn in_article_chrome_is_removed_with_reasons() {
    let p = extract(article_with_chrome().as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::MainText);
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string(), P3.to_string(), P4.to_string()], "{:#?}", p.body);
    let reason_of = |needle: &str| {
        p.dropped.iter().find(|d| d.text.contains(needle)).map(|d| d.reason).or_else(|| {
            p.removed.iter().find(|r| r.text.contains(needle)).map(|_| DropReason::Chrome) // engine's cleaning
        })
    };
    assert_eq!(reason_of("Tarif angkot"), Some(DropReason::Related), "{:#?}", p.dropped);
    assert_eq!(reason_of("Daftar newsletter"), Some(DropReason::Newsletter), "{:#?}", p.dropped);
    assert_eq!(reason_of("Bus Sekolah Gratis"), Some(DropReason::VideoPrompt), "{:#?}", p.dropped);
    assert_eq!(reason_of("Halaman selanjutnya"), Some(DropReason::Pagination), "{:#?}", p.dropped);
    assert_eq!(p.dropped.iter().find(|d| d.text == "ADVERTISEMENT").map(|d| d.reason), Some(DropReason::Advertisement));
    // The scroll prompt is a line of text: the engine's cleaning takes it out, as an ad.
    let scroll = p.removed.iter().find(|r| r.text == "SCROLL TO CONTINUE WITH CONTENT").expect("removed");
    assert_eq!(serde_json::to_value(scroll.reason).unwrap(), "advertisement");
    // The photo caption is a caption, not body.
    assert!(p.captions.iter().any(|c| c.starts_with("Bus sekolah baru")), "{:?}", p.captions);
    assert!(!p.body.iter().any(|b| b.contains("Bus sekolah baru di depan")));
    // Reasons are strings in JSON.
    let v = serde_json::to_value(&p.dropped).unwrap();
    assert!(v.as_array().unwrap().iter().any(|d| d["reason"] == "video_prompt"), "{v}");
    // The next page is found from its link.
    assert_eq!(p.next_page.as_deref(), Some("/berita/rute-bus/2"));
}

#[test]
fn a_thread_of_alike_posts_is_kept_whole() {
    // Three posts alike by tag and first class name (the second class alternates), one long
    // and two short: all are the text, not only the best-scoring one.
    let post = |i: usize, paras: &[&str]| {
        let ps: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<div class=\"msg row{}\"><div class=\"author\"><a href=\"/u/{i}\">anggota{i}</a></div><div class=\"inner\"><div class=\"wrap\"><div class=\"txt\">{ps}</div></div></div></div>",
            i % 2 + 1
        )
    };
    let body = format!("<div id=\"thread\">{}{}{}</div>", post(1, &[P1, P2, P3, P4]), post(2, &[P5]), post(3, &[P6]));
    let p = extract(shell("", &body).as_bytes(), &Options::default()).unwrap();
    assert_eq!(p.method, BodySource::MainText);
    for t in [P1, P2, P3, P4, P5, P6] {
        assert!(p.body.iter().any(|b| b == t), "{t} missing: {:#?}", p.body);
    }
}

#[test]
fn page_numbers_from_addresses() {
    assert_eq!(page_number("https://news.detik.com/berita/d-7000001/rute-bus-sekolah-ditambah/2"), Some(2));
    assert_eq!(page_number("https://news.detik.com/berita/d-7000001/rute-bus-sekolah-ditambah"), None);
    assert_eq!(page_number("https://kota.example.id/read/2024/05/06/rute-bus?page=3"), Some(3));
    assert_eq!(page_number("https://kota.example.id/read/2024/05/06/rute-bus?source=x&page=2#top"), Some(2));
    // Kompas' whole-article view is one page.
    assert_eq!(page_number("https://kota.example.id/read/2024/05/06/rute-bus?page=all"), None);
    assert_eq!(page_number("https://kota.example.id/rute-bus/halaman-4"), Some(4));
    // A date in the path is not a page number.
    assert_eq!(page_number("https://kota.example.id/2024/05"), None);
}

fn part(n: usize, url: &str, paras: &[&str], next: Option<&str>) -> String {
    let mut body = String::from("<article class=\"detail\"><h1>Rute Bus Sekolah Ditambah</h1>");
    for p in paras {
        body.push_str(&format!("<p>{p}</p>"));
    }
    if let Some(n) = next {
        body.push_str(&format!("<div class=\"detail__paging\"><a href=\"{n}\">Halaman selanjutnya</a></div>"));
    }
    body.push_str("</article>");
    let head = format!("<link rel=\"canonical\" href=\"{url}\"><meta name=\"x-page\" content=\"{n}\">");
    shell(&head, &body)
}

#[test]
fn pages_of_one_article_are_joined_in_page_order() {
    let base = "https://news.detik.com/berita/d-7000001/rute-bus-sekolah-ditambah";
    let one = part(1, base, &[P1, P2], Some(&format!("{base}/2")));
    let two = part(2, &format!("{base}/2"), &[P1, P3], Some(&format!("{base}/3")));
    let three = part(3, &format!("{base}/3"), &[P4], None);
    // Given out of order: joined by the numbers in their addresses.
    let p = extract_pages(&[two.as_bytes(), three.as_bytes(), one.as_bytes()], &Options::default()).unwrap();
    // The lead repeated on page 2 is kept once.
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string(), P3.to_string(), P4.to_string()], "{:#?}", p.body);
    assert!(p.diagnostics.iter().any(|d| d.code.as_str() == "pages_joined"));
    assert!(!p.body.iter().any(|b| b.contains("Halaman selanjutnya")));
    // The last page has no next page.
    assert_eq!(p.next_page, None);
    // Offsets of the engine refer to the joined text.
    assert!(p.text.contains(P4) && p.text.find(P2) < p.text.find(P3));

    // Without numbers in the addresses, the order given is kept.
    let a = part(1, "https://kota.example.id/rute", &[P1], None);
    let b = part(2, "https://kota.example.id/rute-lanjutan", &[P2], None);
    let p = extract_pages(&[a.as_bytes(), b.as_bytes()], &Options::default()).unwrap();
    assert_eq!(p.body, vec![P1.to_string(), P2.to_string()]);
    // One page is the same as extract.
    let single = extract_pages(&[one.as_bytes()], &Options::default()).unwrap();
    assert_eq!(single.body, extract(one.as_bytes(), &Options::default()).unwrap().body);
}
