//! Machine translation through the server: off without a backend (the page says so in its
//! language), and on with a LibreTranslate-compatible server run by this test (it answers each
//! `q` with a marked copy, placeholders kept, as a real server keeps unknown tokens), so the
//! answer carries the note, the protected names come back and a second request is cached.

mod common;

use common::{Server, fixtures, ingest_dir};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A LibreTranslate-compatible endpoint (`POST /translate`, `{q, source, target, format}` →
/// `{translatedText}`; `q` a string or an array) that prefixes every segment with `[target]`.
/// Returns its URL and the request counter.
fn libretranslate() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/translate", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut len = 0usize;
            let mut line = String::new();
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            loop {
                line.clear();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':')
                    && k.eq_ignore_ascii_case("content-length")
                {
                    len = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            seen.fetch_add(1, Ordering::SeqCst);
            let req: Value = serde_json::from_slice(&body).unwrap();
            assert!(first.starts_with("POST /translate "), "{first}");
            assert_eq!(req["source"], "id");
            let target = req["target"].as_str().unwrap().to_string();
            let mark = |q: &Value| json!(format!("[{target}] {}", q.as_str().unwrap()));
            let out = match &req["q"] {
                Value::Array(qs) => json!({"translatedText": qs.iter().map(mark).collect::<Vec<_>>()}),
                q => json!({"translatedText": mark(q)}),
            };
            let out = out.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{out}",
                out.len()
            );
        }
    });
    (url, count)
}

fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ingest_dir(dir.path(), &fixtures().join("story"));
    dir
}

#[test]
fn without_a_backend_translation_is_off_and_says_so() {
    let dir = store();
    let server = Server::start(dir.path(), None);
    let a = server.get("/api/articles/1").json();
    assert_eq!(a["translation"], "off");
    let r = server.get("/api/articles/1/translation?lang=fr");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["translation"], "off");
    assert_eq!(v["message"], warta_translate::off_message(warta_render::Lang::Fr));
    assert!(v.get("body").is_none(), "nothing invented when off: {v}");
    // Indonesian is the original; a bad language and an unknown article are clear errors.
    assert_eq!(server.get("/api/articles/1/translation?lang=id").status, 400);
    assert_eq!(server.get("/api/articles/1/translation?lang=xx").status, 400);
    assert_eq!(server.get("/api/articles/999/translation?lang=en").status, 404);
}

#[test]
fn with_a_backend_the_article_is_translated_with_the_note_and_cached() {
    let dir = store();
    let (url, count) = libretranslate();
    let settings =
        warta_translate::Settings { url: Some(url), kind: Some("libretranslate".into()), ..Default::default() };
    let config = settings.config(Some(dir.path().join("translations"))).unwrap().expect("configured");
    let server = Server::start_with(dir.path(), Some("rahasia-uji"), Some(config));
    assert_eq!(server.get("/api/articles/1").json()["translation"], "on");
    // A backend call costs: without the token it is refused, and the backend is not called.
    assert_eq!(server.get("/api/articles/1/translation?lang=en").status, 401);
    let wrong = common::request(
        server.addr,
        "GET",
        "/api/articles/1/translation?lang=en",
        &[("Authorization", "Bearer salah")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(count.load(Ordering::SeqCst), 0);
    let get = |path: &str| common::request(server.addr, "GET", path, &[("Authorization", "Bearer rahasia-uji")], b"");
    let r = get("/api/articles/1/translation?lang=en");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["translation"], "on");
    assert_eq!(v["machine_translated"], true);
    assert_eq!(v["note"], warta_translate::note(warta_render::Lang::En));
    assert_eq!(v["backend"], "libretranslate");
    let body: Vec<&str> = v["body"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(!body.is_empty() && body.iter().all(|p| p.starts_with("[en] ")), "{body:?}");
    // Names were protected and came back as written ("Sugiono" in the fixture's lead).
    assert!(body.iter().any(|p| p.contains("Sugiono")), "{body:?}");
    assert!(v["warnings"].as_array().unwrap().is_empty(), "{v}");
    let requests = count.load(Ordering::SeqCst);
    assert!(requests >= 1);
    // The same article again: from the cache, no request.
    let again = get("/api/articles/1/translation?lang=en").json();
    assert_eq!(again["cached"], true);
    assert_eq!(again["body"], v["body"]);
    assert_eq!(count.load(Ordering::SeqCst), requests);
    // Arabic answers right-to-left.
    assert_eq!(get("/api/articles/1/translation?lang=ar").json()["dir"], "rtl");
}
