//! `warta translate` and `warta search --lang/--translate` as processes, against a local
//! LibreTranslate-compatible server started in the test. Article texts are written for this test.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

const ARTICLE: &str = "Kapal Bantuan Indonesia Tiba di Tokyo

JAKARTA - Pemerintah Indonesia mengirim 1.500 ton beras ke Jepang pada 5 Mei 2022, menurut Kementerian Luar Negeri RI.

Kapal itu berangkat dari Surabaya dan tiba di Tokyo tiga hari kemudian.
";

const OTHER: &str = "Banjir Rendam Ratusan Rumah di Medan

MEDAN - Banjir merendam 320 rumah di Kota Medan pada Senin (7/11/2022) setelah hujan deras semalaman.

Warga mengungsi ke masjid terdekat, kata seorang petugas.
";

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-cli-translate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Run warta with no WARTA_TRANSLATE_* from the environment of the test run.
fn warta(args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_warta"));
    for k in ["URL", "KEY", "KIND", "MODEL", "ZH_CODE", "TIMEOUT"] {
        c.env_remove(format!("WARTA_TRANSLATE_{k}"));
    }
    c.env_remove("WARTA_DATA");
    c.args(args).output().expect("run warta")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A LibreTranslate-compatible server: `POST /translate`, `{q, source, target, format}` →
/// `{translatedText}` (a string for a string q, an array for an array q). It prefixes each
/// text with `(target)` and keeps the placeholders.
fn libretranslate() -> (String, Arc<Mutex<Vec<Value>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<Value>>> = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            r.read_line(&mut line).unwrap();
            let ok_path = line.starts_with("POST /translate ");
            let mut len = 0;
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                if h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':')
                    && k.eq_ignore_ascii_case("content-length")
                {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let target = v["target"].as_str().unwrap_or("?").to_string();
            let (status, answer) = match (&v["q"], ok_path) {
                (_, false) => (404, json!({"error": "Not Found"})),
                (Value::String(q), true) => (200, json!({"translatedText": format!("({target}) {q}")})),
                (Value::Array(qs), true) => (
                    200,
                    json!({"translatedText": qs.iter().map(|q| format!("({target}) {}", q.as_str().unwrap_or(""))).collect::<Vec<_>>()}),
                ),
                _ => (400, json!({"error": "Invalid request: missing q parameter"})),
            };
            log.lock().unwrap().push(v);
            let answer = answer.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (url, seen)
}

#[test]
fn translate_without_backend_is_off() {
    let dir = tmp("off");
    let f = dir.join("a.txt");
    std::fs::write(&f, ARTICLE).unwrap();
    let o = warta(&["translate", "--data", s(&dir), s(&f)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("translation is off"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // Unusable settings are usage errors too, with the reason.
    let o = warta(&["translate", "--translate-url", "http://127.0.0.1:9", "--data", s(&dir), s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--translate-kind"), "{}", stderr(&o));
    let o = warta(&["translate", "--translate-url", "http://127.0.0.1:9/v1", "--data", s(&dir), s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--translate-model"), "{}", stderr(&o));
    let o = warta(&["translate", "--lang", "id", "--data", s(&dir), s(&f)]);
    assert_eq!(o.status.code(), Some(2));
    let o = warta(&["translate", "--lang", "de", "--data", s(&dir), s(&f)]);
    assert_eq!(o.status.code(), Some(2), "an unknown language is a usage error");
}

#[test]
fn translate_through_libretranslate_with_cache() {
    let (url, seen) = libretranslate();
    let dir = tmp("libre");
    let data = dir.join("data");
    let (a, b, missing) = (dir.join("a.txt"), dir.join("b.txt"), dir.join("missing.txt"));
    std::fs::write(&a, ARTICLE).unwrap();
    std::fs::write(&b, OTHER).unwrap();
    let args = |lang: &'static str| {
        vec![
            "translate".to_string(),
            "--lang".into(),
            lang.into(),
            "--data".into(),
            s(&data).into(),
            "--translate-url".into(),
            url.clone(),
            "--translate-kind".into(),
            "libretranslate".into(),
            s(&a).into(),
            s(&missing).into(),
            s(&b).into(),
        ]
    };
    let run = |lang| {
        let v = args(lang);
        warta(&v.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let o = run("fr");
    assert_eq!(o.status.code(), Some(1), "a missing file fails alone: {}", stderr(&o));
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    let lines: Vec<Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    let first = &lines[0];
    for k in ["source", "lang", "title", "body", "note", "machine_translated", "warnings", "backend", "cached"] {
        assert!(first.get(k).is_some(), "no {k} in {first}");
    }
    assert_eq!(first["lang"], "fr");
    assert_eq!(first["machine_translated"], true);
    assert_eq!(first["backend"], "libretranslate");
    assert_eq!(first["cached"], false);
    assert_eq!(first["warnings"], json!([]));
    assert!(first["note"].as_str().unwrap().contains("original indonésien fait foi"));
    assert!(first["title"].as_str().unwrap().starts_with("(fr) "));
    let body = first["body"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect::<Vec<_>>().join("\n");
    assert!(body.contains("Japon") && body.contains("5 mai 2022"), "{body}");
    let second_body = lines[1]["body"].to_string();
    assert!(second_body.contains("lundi 7 novembre 2022"), "{second_body}");
    let requests = seen.lock().unwrap().len();
    assert_eq!(requests, 2, "one request per article");
    let sent = seen.lock().unwrap()[0].to_string();
    assert!(!sent.contains("Jepang") && !sent.contains("1.500") && sent.contains("⟦E"), "{sent}");
    assert!(data.join("translations").is_dir(), "the cache is in the data directory");

    // The same again: from the cache, no request.
    let o = run("fr");
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.lines().all(|l| serde_json::from_str::<Value>(l).unwrap()["cached"] == true), "{out}");
    assert_eq!(seen.lock().unwrap().len(), requests);

    // Arabic: right to left.
    let o = run("ar");
    let line: Value = serde_json::from_str(String::from_utf8(o.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(line["dir"], "rtl");
    assert!(line["body"].to_string().contains("اليابان"));
}

#[test]
fn search_in_other_languages() {
    let dir = tmp("search");
    let data = dir.join("data");
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(pages.join("b.txt"), OTHER).unwrap();
    let o = warta(&["ingest", "--quiet", "--data", s(&data), s(&pages)]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = warta(&["search", "--data", s(&data), "--lang", "ar", "--format", "json", "beras"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!(h["lang"], "ar");
    assert_eq!(h["dir"], "rtl");
    assert_eq!(h["title_lang"], "id");
    assert_eq!(h["title_untranslated"], true);
    assert_eq!(h["snippet_untranslated"], true);
    assert_eq!(h["title"], "Kapal Bantuan Indonesia Tiba di Tokyo", "the title stays Indonesian");
    if let Some(p) = h["published"].as_str() {
        assert_eq!(h["published_text"].as_str(), Some(warta_render::format_date(p, warta_render::Lang::Ar).as_str()));
    }
    let names: Vec<&str> = h["entities"].as_array().unwrap().iter().filter_map(|e| e["text"].as_str()).collect();
    assert!(names.contains(&"اليابان") || names.contains(&"طوكيو"), "{names:?}");

    // Chinese table: the localised date and the untranslated mark with its legend.
    let o = warta(&["search", "--data", s(&data), "--lang", "zh", "banjir"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.contains("[id] Banjir Rendam Ratusan Rumah di Medan"), "{table}");
    assert!(table.contains("印尼语原文，未经翻译"), "{table}");
    assert!(table.contains("1 result(s)"));

    // Without --lang, the output is as before (no lang fields).
    let o = warta(&["search", "--data", s(&data), "--format", "json", "banjir"]);
    let plain: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(plain[0].get("lang").is_none());

    // --translate: needs --lang and a backend.
    let o = warta(&["search", "--data", s(&data), "--translate", "banjir"]);
    assert_eq!(o.status.code(), Some(2));
    let o = warta(&["search", "--data", s(&data), "--lang", "en", "--translate", "banjir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("translation is off"), "{}", stderr(&o));

    let (url, seen) = libretranslate();
    let o = warta(&[
        "search",
        "--data",
        s(&data),
        "--lang",
        "en",
        "--format",
        "json",
        "--translate",
        "--translate-url",
        &url,
        "--translate-kind",
        "libretranslate",
        "banjir",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: Vec<Value> = serde_json::from_slice(&o.stdout).unwrap();
    let h = &hits[0];
    assert_eq!(h["title_machine_translated"], true);
    assert_eq!(h["title_lang"], "en");
    assert_eq!(h["title_id"], "Banjir Rendam Ratusan Rumah di Medan");
    assert!(h["title"].as_str().unwrap().starts_with("(en) "), "{h}");
    assert!(h["note"].as_str().unwrap().contains("authoritative"));
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(seen.lock().unwrap()[0]["q"].is_string(), "one title, one string q");
}
