//! Containers on the command line: WARC / WARC.gz, JSON Lines and RSS/Atom files expand into
//! one input per article for `analyze`, `extract`, `ingest`; a bad record is one stderr line
//! naming the file and the record, and the others are still printed. All texts here are
//! written for these tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-sources-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn warta(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).args(paths).output().unwrap()
}

/// A news page of our own about `topic`.
fn page(topic: &str, n: usize) -> String {
    format!(
        "<html lang=\"id\"><head><meta charset=\"utf-8\"><title>{topic} {n}</title>\
<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{topic} {n}\",\"datePublished\":\"2024-06-1{n}T09:00:00+07:00\",\"publisher\":{{\"name\":\"Kabar Kota\"}}}}</script></head>\
<body><nav><a href=\"/\">Beranda</a> <a href=\"/politik\">Politik</a></nav><article><h1>{topic} {n}</h1>\
<p>JAKARTA - Pemerintah kota mengumumkan rencana {topic} tahap {n} yang akan dimulai bulan depan di beberapa kecamatan.</p>\
<p>Kepala dinas mengatakan anggaran untuk {topic} sudah disetujui dewan dan pekerjaan akan diawasi oleh warga setempat.</p>\
<p>Warga menyambut baik rencana itu, meski sebagian meminta agar pekerjaan tidak mengganggu lalu lintas pada jam sibuk.</p>\
</article><footer>Hak cipta Kabar Kota</footer></body></html>"
    )
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-12T00:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn http_response(content_type: &str, body: &[u8], chunked: bool) -> Vec<u8> {
    if chunked {
        let mut v = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\n\r\n")
            .into_bytes();
        for chunk in body.chunks(100) {
            v.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            v.extend_from_slice(chunk);
            v.extend_from_slice(b"\r\n");
        }
        v.extend_from_slice(b"0\r\n\r\n");
        v
    } else {
        let mut v =
            format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", body.len())
                .into_bytes();
        v.extend_from_slice(body);
        v
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Records of a small crawl: 3 HTML responses (one chunked, one windows-1252 by its HTTP
/// header), a request, an image response, a 404, a warcinfo and an HTML resource.
fn crawl() -> Vec<Vec<u8>> {
    let latin = page("perbaikan jembatan", 3).replace("utf-8", "x").replace("Pemerintah", "Pemerintah caf\u{e9}");
    let latin_bytes: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
    vec![
        warc_record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
        warc_record(
            "request",
            "https://kabar.test/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: kabar.test\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://kabar.test/a",
            "application/http; msgtype=response",
            &http_response("text/html; charset=utf-8", page("pembangunan jalan", 1).as_bytes(), false),
        ),
        warc_record(
            "response",
            "https://kabar.test/b",
            "application/http; msgtype=response",
            &http_response("text/html", page("saluran air", 2).as_bytes(), true),
        ),
        warc_record(
            "response",
            "https://kabar.test/logo.png",
            "application/http; msgtype=response",
            &http_response("image/png", b"\x89PNG....", false),
        ),
        warc_record(
            "response",
            "https://kabar.test/hilang",
            "application/http; msgtype=response",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>tidak ada</p>",
        ),
        warc_record(
            "response",
            "https://kabar.test/c",
            "application/http; msgtype=response",
            &http_response("text/html; charset=ISO-8859-1", &latin_bytes, false),
        ),
        warc_record("resource", "https://kabar.test/d", "text/html", page("taman kota", 4).as_bytes()),
    ]
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn analyze_warc_gz_prints_one_analysis_per_html_record() {
    let d = dir("warcgz");
    let f = d.join("crawl.warc.gz");
    std::fs::write(&f, crawl().iter().flat_map(|r| gz(r)).collect::<Vec<u8>>()).unwrap();
    let out = warta(&["analyze"], &[&f]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let got = lines(&out);
    let sources: Vec<&str> = got.iter().map(|a| a["source"].as_str().unwrap()).collect();
    let name = f.display().to_string();
    assert_eq!(
        sources,
        ["a", "b", "c", "d"]
            .map(|x| format!("{name}#https://kabar.test/{x}"))
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(got[0]["title"], "pembangunan jalan 1");
    assert_eq!(got[0]["published"]["value"], "2024-06-11");
    assert_eq!(got[0]["outlet"], "Kabar Kota");
    // Chunked body undone.
    assert!(got[1]["body"][0].as_str().unwrap().contains("saluran air"));
    // windows-1252 from the HTTP header: é decoded right (in the first paragraph after the headline).
    let body2: Vec<&str> = got[2]["body"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(body2.iter().any(|p| p.contains("Pemerintah caf\u{e9} kota")), "{body2:?}");
    // Offsets refer to the extracted text: every paragraph span is inside it.
    for a in &got {
        assert!(a["paragraphs"].as_array().is_some_and(|p| !p.is_empty()));
    }

    // The same records in a plain .warc, through `warta extract`.
    let plain = d.join("crawl.warc");
    std::fs::write(&plain, crawl().concat()).unwrap();
    let out = warta(&["extract"], &[&plain]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(lines(&out).len(), 4);
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn truncated_and_corrupt_archives_keep_the_other_records() {
    let d = dir("truncated");
    let members: Vec<Vec<u8>> = crawl().iter().map(|r| gz(r)).collect();
    let all = members.concat();
    let cut = d.join("cut.warc.gz");
    std::fs::write(&cut, &all[..all.len() - 40]).unwrap();
    let out = warta(&["analyze"], &[&cut]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let got = lines(&out);
    let name = cut.display().to_string();
    let sources: Vec<&str> = got.iter().map(|a| a["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        ["a", "b", "c"].map(|x| format!("{name}#https://kabar.test/{x}")),
        "the complete HTML records are analysed"
    );
    assert!(got.iter().all(|a| a["body"].as_array().is_some_and(|b| b.len() >= 3)), "analysed in full");
    let err: Vec<&str> = stderr.lines().collect();
    let last_offset = all.len() - members.last().unwrap().len();
    assert_eq!(err.len(), 1, "{stderr}");
    assert!(err[0].contains("cut.warc.gz") && err[0].contains(&format!("offset {last_offset}")), "{stderr}");
    assert!(err[0].contains("truncated"), "{stderr}");

    // Cut in the middle of an earlier record (the windows-1252 page, member 6): the two HTML
    // records before it are analysed, the damage is named with the member's offset, and the
    // archive ends there (nothing after a truncation can be trusted).
    let start6: usize = members[..6].iter().map(Vec::len).sum();
    let mid = d.join("mid.warc.gz");
    std::fs::write(&mid, &all[..start6 + members[6].len() / 2]).unwrap();
    let out = warta(&["analyze"], &[&mid]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let name = mid.display().to_string();
    let got = lines(&out);
    let sources: Vec<&str> = got.iter().map(|a| a["source"].as_str().unwrap()).collect();
    assert_eq!(sources, ["a", "b"].map(|x| format!("{name}#https://kabar.test/{x}")));
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&name) && stderr.contains(&format!("offset {start6}")), "{stderr}");

    // A corrupt member in the middle: named with its offset, the rest printed.
    let mut broken = members.clone();
    let m = &mut broken[3];
    let len = m.len();
    for b in &mut m[12..len - 8] {
        *b ^= 0x33;
    }
    let bad = d.join("bad.warc.gz");
    std::fs::write(&bad, broken.concat()).unwrap();
    let out = warta(&["analyze"], &[&bad]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(lines(&out).len(), 3, "{stderr}");
    let offset: usize = members[..3].iter().map(Vec::len).sum();
    assert!(stderr.contains(&format!("corrupt record at offset {offset}")), "{stderr}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn jsonl_lines_and_feeds() {
    let d = dir("jsonl");
    let f = d.join("pages.jsonl");
    let good_html =
        serde_json::json!({"url": "https://kabar.test/j1", "html": page("pasar ikan", 5), "published": "2024-06-20"});
    let good_text = serde_json::json!({"source": "gen/0001.txt", "text": "Kabar Kota, JAKARTA - Pasar ikan baru dibuka pada Kamis (20/6/2024) oleh wali kota.\n\nPedagang menyambut baik.", "story": 1});
    let no_body = serde_json::json!({"url": "https://kabar.test/j3"});
    std::fs::write(&f, format!("{good_html}\n{{broken json\n{good_text}\n\n{no_body}\n")).unwrap();
    let out = warta(&["analyze"], &[&f]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["source"], "https://kabar.test/j1");
    assert_eq!(got[0]["published"]["value"], "2024-06-20");
    assert_eq!(got[1]["source"], "gen/0001.txt");
    let name = f.display().to_string();
    let err: Vec<&str> = stderr.lines().collect();
    assert_eq!(err.len(), 2, "{stderr}");
    assert!(err[0].contains(&format!("{name}:2")) && err[0].contains("not JSON"), "{stderr}");
    assert!(err[1].contains(&format!("{name}:5")) && err[1].contains("neither"), "{stderr}");

    // An RSS file with one full-text item and one summary-only item.
    // Above the 500-character full-text threshold (warta_sources::feed::FULL_TEXT_MIN_CHARS).
    let full: String = (1..=7)
        .map(|i| format!("<p>Paragraf {i}: banjir di bantaran sungai surut setelah hujan berhenti sejak dini hari, kata petugas.</p>"))
        .collect();
    let rss = format!(
        r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kabar</title>
<item><title>Banjir surut</title><link>https://kabar.test/f1</link><pubDate>Fri, 21 Jun 2024 07:00:00 +0700</pubDate><content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Harga cabai naik</title><link>https://kabar.test/f2</link><description>Harga cabai di pasar naik dua kali lipat.</description></item>
</channel></rss>"#
    );
    let feed = d.join("kabar.rss");
    std::fs::write(&feed, rss).unwrap();
    let out = warta(&["analyze"], &[&feed]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["source"], format!("{}#https://kabar.test/f1", feed.display()));
    assert_eq!(got[0]["published"]["value"], "2024-06-21");
    assert_eq!(got[0]["title"], "Banjir surut");
    let diag_codes = |a: &serde_json::Value| -> Vec<String> {
        a["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    assert!(!diag_codes(&got[0]).contains(&"summary_only".to_string()));
    assert!(diag_codes(&got[1]).contains(&"summary_only".to_string()), "{}", got[1]["diagnostics"]);

    // A folder with all of them, ingested into a store.
    let data = d.join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["ingest", "--quiet", "--threads", "2", "--data"])
        .arg(&data)
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the broken JSON lines are reported");
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["export", "--format", "jsonl", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let sources: Vec<String> =
        lines(&out).iter().map(|a| a["source"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(sources.len(), 4, "{sources:?}");
    assert!(sources.contains(&"https://kabar.test/j1".to_string()));
    std::fs::remove_dir_all(&d).ok();
}
