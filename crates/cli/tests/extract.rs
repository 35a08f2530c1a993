//! `warta extract` / `warta analyze` on HTML: one bad page is named on stderr, the others are
//! still printed, and the exit code is 1.

use std::path::PathBuf;
use std::process::Command;

const PAGE: &str = r#"<html lang="id"><head><title>Pasar Baru Dibuka</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Pasar Baru Dibuka","datePublished":"2024-05-06T09:00:00+07:00","publisher":{"name":"Kabar Kota"},"author":{"name":"Dewi Lestari"}}</script></head>
<body><nav><a href="/">Beranda</a></nav><article><p>Pasar tradisional yang baru selesai dibangun di pusat kota resmi dibuka untuk pedagang dan pembeli pada Senin pagi.</p>
<p>Wali kota mengatakan pasar itu mampu menampung lebih dari lima ratus pedagang yang sebelumnya berjualan di pinggir jalan.</p></article></body></html>"#;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-extract-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn bad_pages_are_named_and_the_batch_continues() {
    let d = dir("batch");
    std::fs::write(d.join("a_good.html"), PAGE).unwrap();
    std::fs::write(d.join("b_corrupt.html.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]).unwrap();
    std::fs::write(d.join("c_big.htm"), PAGE.repeat(4)).unwrap();
    let out =
        Command::new(env!("CARGO_BIN_EXE_warta")).args(["extract", "--max-bytes", "2000"]).arg(&d).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    let lines: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["published"]["value"], "2024-05-06");
    assert_eq!(lines[0]["outlet"], "Kabar Kota");
    assert_eq!(lines[0]["body"].as_array().unwrap().len(), 2);
    let err_lines: Vec<&str> = stderr.lines().collect();
    assert!(err_lines.iter().any(|l| l.contains("b_corrupt.html.gz") && l.contains("gzip")), "{stderr}");
    assert!(err_lines.iter().any(|l| l.contains("c_big.htm") && l.contains("--max-bytes")), "{stderr}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn analyze_reads_html_with_markup_metadata() {
    let d = dir("analyze");
    let f = d.join("page.html");
    std::fs::write(&f, PAGE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_warta")).arg("analyze").arg(&f).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["published"]["reason"], "JSON-LD datePublished");
    assert_eq!(a["authors"][0], "Dewi Lestari");
    assert_eq!(a["title"], "Pasar Baru Dibuka");
    assert!(a["body"][0].as_str().unwrap().starts_with("Pasar tradisional"));
    std::fs::remove_dir_all(&d).ok();
}

/// `--max-article-bytes` refuses a text over the cap by name, and the batch goes on.
#[test]
fn an_article_over_the_cap_is_named_and_the_rest_analysed() {
    let d = dir("cap");
    std::fs::write(d.join("a_small.txt"), "MEDAN - Warga berkumpul di alun-alun, kata camat.\n").unwrap();
    std::fs::write(d.join("b_big.txt"), "Warga berkumpul di alun-alun. ".repeat(20)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["analyze", "--max-article-bytes", "200"])
        .arg(&d)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("a_small.txt"));
    assert!(stderr.contains("b_big.txt: 600 bytes is over the cap of 200 bytes (--max-article-bytes)"), "{stderr}");
    std::fs::remove_dir_all(&d).ok();
}
