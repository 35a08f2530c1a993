//! `warta saved` as a user meets it: add (a bad query pointed at, exit 2), list with new
//! counts, show with --new and --mark-seen (table and JSON), rm; a missing name is an error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).output().expect("run warta")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-cli-saved-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn out(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Written for this test.
const LONGSOR: &str = "Tanah Longsor Tutup Jalan Desa\n\nBANJARNEGARA - Tanah longsor menutup jalan desa di \
Banjarnegara pada Minggu (9/2/2025). Warga bergotong royong membersihkan material.\n";
const PASAR: &str = "Pasar Murah Digelar di Alun-alun\n\nPEKALONGAN - Pemerintah kota menggelar pasar murah di \
alun-alun Pekalongan pada Senin (10/2/2025). Beras dan minyak dijual di bawah harga pasar.\n";
const LONGSOR_2: &str = "Longsor Susulan Terjadi Malam Hari\n\nBANJARNEGARA - Longsor susulan terjadi di \
Banjarnegara pada Selasa (11/2/2025) malam. Tidak ada korban jiwa.\n";

fn ingest(data: &Path, dir: &Path, files: &[(&str, &str)]) {
    let pages = dir.join(format!("pages-{}", files[0].0));
    std::fs::create_dir_all(&pages).unwrap();
    for (name, text) in files {
        std::fs::write(pages.join(name), text).unwrap();
    }
    out(&warta(&["ingest", "--quiet", "--data", s(data), s(&pages)]));
}

#[test]
fn saved_searches_from_the_command_line() {
    let dir = tmp("flow");
    let data = dir.join("data");
    ingest(&data, &dir, &[("longsor.txt", LONGSOR), ("pasar.txt", PASAR)]);
    let d = s(&data);

    let added = out(&warta(&["saved", "add", "--data", d, "Longsor", "longsor", "banjarnegara"]));
    assert!(added.contains("saved 1 \"Longsor\"") && added.contains("longsor banjarnegara"), "{added}");

    // A malformed query is pointed at, exit 2, nothing saved.
    let o = warta(&["saved", "add", "--data", d, "kutip", "longsor \"jalan"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("unclosed quote") && err.contains('^'), "{err}");
    // A taken name, exit 2.
    let o = warta(&["saved", "add", "--data", d, "LONGSOR", "tanah"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already"));

    let list = out(&warta(&["saved", "list", "--data", d]));
    assert!(list.contains("Longsor") && list.contains("1 saved search(es)"), "{list}");

    // A new matching article arrives: show --new lists it, --mark-seen marks it read.
    ingest(&data, &dir, &[("longsor2.txt", LONGSOR_2)]);
    let json: serde_json::Value =
        serde_json::from_str(&out(&warta(&["saved", "list", "--data", d, "--format", "json"]))).unwrap();
    assert_eq!(json[0]["new_count"], 1, "{json}");
    let shown = out(&warta(&["saved", "show", "--data", d, "longsor", "--new", "--mark-seen"]));
    assert!(shown.contains("2 match(es), 1 new"), "{shown}");
    assert!(shown.contains("Longsor Susulan Terjadi Malam Hari"), "{shown}");
    assert!(!shown.contains("Tanah Longsor Tutup Jalan Desa"), "--new shows only the new: {shown}");
    let v: serde_json::Value =
        serde_json::from_str(&out(&warta(&["saved", "show", "--data", d, "1", "--format", "json"]))).unwrap();
    assert_eq!(v["new_count"], 0, "{v}");
    assert_eq!(v["total"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    assert!(v["hits"][0]["snippet"].as_str().is_some_and(|s| !s.contains("**")), "{v}");

    // Removed, then a missing name is an error naming it.
    assert!(out(&warta(&["saved", "rm", "--data", d, "Longsor"])).contains("removed 1"));
    let o = warta(&["saved", "show", "--data", d, "Longsor"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no saved search \"Longsor\""));
    // A mistyped --data is an error, not a new store.
    let nowhere = dir.join("tidak-ada");
    let o = warta(&["saved", "list", "--data", s(&nowhere)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!nowhere.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A feed with one full-text item about a landslide (ours), and a webhook endpoint that keeps
/// what is posted to it.
fn feed_and_hook() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let posted: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let (posted2, base2) = (posted.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut length = 0usize;
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':')
                    && k.trim().eq_ignore_ascii_case("content-length")
                {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let (status, body) = match path.as_str() {
                "/feed.xml" => {
                    let full: String = (1..=6)
                        .map(|i| format!("<p>Bagian {i}: longsor susulan menimbun jalan desa di Banjarnegara, warga membersihkan material bersama relawan.</p>"))
                        .collect();
                    let feed = format!(
                        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kabar Uji</title>
<item><title>Longsor Susulan di Banjarnegara</title><link>{base2}/berita/longsor</link><pubDate>Wed, 12 Feb 2025 08:00:00 +0700</pubDate><content:encoded><![CDATA[{full}]]></content:encoded></item>
</channel></rss>"#
                    );
                    ("200 OK", feed)
                }
                "/hook" => {
                    let mut body = vec![0u8; length];
                    r.read_exact(&mut body).unwrap();
                    posted2.lock().unwrap().push(String::from_utf8(body).unwrap());
                    ("204 No Content", String::new())
                }
                _ => ("404 Not Found", "tidak ada".to_string()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, posted)
}

#[test]
fn watch_posts_new_matches_of_saved_searches_to_a_webhook() {
    let dir = tmp("webhook");
    let data = dir.join("data");
    ingest(&data, &dir, &[("pasar.txt", PASAR)]);
    let d = s(&data);
    out(&warta(&["saved", "add", "--data", d, "Longsor", "longsor"]));
    out(&warta(&["saved", "add", "--data", d, "Pasar", "pasar murah"]));
    let (base, posted) = feed_and_hook();
    let watch = |extra: &[&str]| {
        let mut args = vec!["watch", "--once", "--allow-host", "127.0.0.1", "--host-delay", "0", "--data", d];
        args.extend_from_slice(extra);
        warta(&args)
    };
    let hook = format!("{base}/hook");
    let feed = format!("{base}/feed.xml");
    let summary: serde_json::Value = serde_json::from_str(&out(&watch(&["--webhook", &hook, &feed]))).unwrap();
    assert_eq!(summary["alerts"], 1, "{summary}");
    let bodies = posted.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1);
    let v: serde_json::Value = serde_json::from_str(&bodies[0]).unwrap();
    let alerts = v["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "only the saved search that matched: {v}");
    assert_eq!(alerts[0]["search"]["name"], "Longsor");
    assert_eq!(alerts[0]["count"], 1);
    assert_eq!(alerts[0]["articles"][0]["title"], "Longsor Susulan di Banjarnegara");
    assert_eq!(alerts[0]["stories"].as_array().unwrap().len(), 1);
    // What moved in the story: its timeline entries the new article reports.
    let changes = alerts[0]["stories"][0]["changes"].as_array().unwrap();
    assert!(!changes.is_empty(), "{v}");
    let source = alerts[0]["articles"][0]["source"].as_str().unwrap();
    for c in changes {
        assert!(c["supported_by"].as_array().unwrap().iter().any(|s| s == source), "{c}");
        assert!(c["summary"].as_str().is_some_and(|t| !t.is_empty()), "{c}");
    }
    // Polled again, nothing new: nothing is posted.
    out(&watch(&["--webhook", &hook, &feed]));
    assert_eq!(posted.lock().unwrap().len(), 1);
    // A webhook that is not a URL is a usage error.
    let o = watch(&["--webhook", "bukan-url", &feed]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
