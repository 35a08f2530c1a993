//! Extraction per page: `warta_html::extract` (charset, light tree, markup metadata, main text,
//! the engine's cleaning, language ID), and its parts.
//!
//! Pages: the example articles kept in this repo wrapped in page chrome written here (menus,
//! a sidebar, a related-links block, comments, scripts), and, when `../shared` is present, the
//! pages of the Article Extraction Benchmark (`../shared/data/boilerplate-aeb`).
//!
//! `cargo bench -p warta-html --bench extract`

use std::io::Read;
use std::path::PathBuf;

/// The `warta` binary's allocator, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The engine benches' shared helpers (the example articles); same relative layout here.
#[path = "../../engine/benches/common/mod.rs"]
mod common;

fn main() {
    divan::main();
}

/// An example article as a news page with chrome around it (about 60 KB).
fn own_page(text: &str) -> String {
    let mut s = String::from(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Contoh | Kabar Kota</title>\
         <meta property=\"og:site_name\" content=\"Kabar Kota\">",
    );
    s.push_str("<script>");
    for i in 0..400 {
        s.push_str(&format!("window.dataLayer.push({{'slot':{i},'size':[300,250]}});\n"));
    }
    s.push_str("</script><style>.a{color:red}</style></head><body><header><nav><ul>");
    for i in 0..40 {
        s.push_str(&format!("<li><a href=\"/kanal/{i}\">Kanal {i}</a></li>"));
    }
    s.push_str("</ul></nav></header><div class=\"container\"><div class=\"content detail\"><article>");
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        s.push_str(&format!("<p>{}</p>", line.replace('&', "&amp;").replace('<', "&lt;")));
        if i == 2 {
            s.push_str("<div class=\"related\"><ul><li><a href=\"/x\">Berita lain yang terkait</a></li></ul></div>");
        }
    }
    s.push_str("</article><div class=\"comments\">");
    for i in 0..30 {
        s.push_str(&format!(
            "<div class=\"comment\"><b>Pembaca {i}</b><p>Komentar pembaca nomor {i}, setuju sekali.</p></div>"
        ));
    }
    s.push_str("</div></div><aside class=\"sidebar\"><h3>Terpopuler</h3><ul>");
    for i in 0..20 {
        s.push_str(&format!("<li><a href=\"/populer/{i}\">Judul berita populer nomor {i}</a></li>"));
    }
    s.push_str("</ul></aside></div><footer><p>Hak cipta Kabar Kota</p></footer></body></html>");
    s
}

fn own_pages() -> Vec<String> {
    // One example is windows-1252 on purpose (the decoding test); the page chrome only needs text.
    common::example_files().iter().map(|(_, b)| own_page(&String::from_utf8_lossy(b))).collect()
}

/// The benchmark pages, decompressed; empty (with a note) when ../shared is absent.
fn aeb_pages() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/boilerplate-aeb/html");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipped the benchmark pages: {} is absent", dir.display());
        return Vec::new();
    };
    let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(std::fs::File::open(p).unwrap()).read_to_end(&mut out).unwrap();
            out
        })
        .collect()
}

#[divan::bench]
fn own_pages_extract(b: divan::Bencher) {
    let pages = own_pages();
    let opts = warta_html::Options::default();
    b.counter(divan::counter::ItemsCount::new(pages.len())).bench(|| {
        for p in &pages {
            divan::black_box(warta_html::extract(p.as_bytes(), &opts).unwrap());
        }
    });
}

#[divan::bench]
fn aeb_pages_extract(b: divan::Bencher) {
    let pages = aeb_pages();
    let opts = warta_html::Options::default();
    b.counter(divan::counter::ItemsCount::new(pages.len())).bench(|| {
        for p in &pages {
            divan::black_box(warta_html::extract(p, &opts).ok());
        }
    });
}

#[divan::bench]
fn aeb_pages_parse_only(b: divan::Bencher) {
    let pages: Vec<String> = aeb_pages().into_iter().map(|p| String::from_utf8_lossy(&p).into_owned()).collect();
    b.counter(divan::counter::ItemsCount::new(pages.len())).bench(|| {
        for p in &pages {
            divan::black_box(warta_html::tree::Tree::parse(p, 0).unwrap());
        }
    });
}

#[divan::bench]
fn aeb_pages_main_text_only(b: divan::Bencher) {
    let pages: Vec<String> = aeb_pages().into_iter().map(|p| String::from_utf8_lossy(&p).into_owned()).collect();
    let trees: Vec<warta_html::tree::Tree> =
        pages.iter().map(|p| warta_html::tree::Tree::parse(p, 0).unwrap()).collect();
    b.counter(divan::counter::ItemsCount::new(trees.len())).bench(|| {
        for t in &trees {
            divan::black_box(warta_html::main_text::extract(t));
        }
    });
}

/// The engine's cleaning alone, over the text `extract` hands it (title, then the main text).
#[divan::bench]
fn aeb_pages_clean_only(b: divan::Bencher) {
    let texts: Vec<String> = aeb_pages()
        .into_iter()
        .map(|p| {
            let html = String::from_utf8_lossy(&p);
            let tree = warta_html::tree::Tree::parse(&html, 0).unwrap();
            warta_html::main_text::extract(&tree).paragraphs.join("\n\n")
        })
        .collect();
    b.counter(divan::counter::ItemsCount::new(texts.len())).bench(|| {
        for t in &texts {
            divan::black_box(warta_engine::clean::clean(t));
        }
    });
}
