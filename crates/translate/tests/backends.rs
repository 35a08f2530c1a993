//! Each backend against a local HTTP server, started in the test, that follows that API's
//! documented requests and answers: OpenAI chat completions (`POST /v1/chat/completions`,
//! bearer key, `choices[0].message.content`) and LibreTranslate (`POST /translate`,
//! `{q, source, target, format, api_key}` → `{translatedText}`, `{error}` on failure).
//! The article text is written for this test.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use warta_render::Lang;
use warta_translate::{Cache, Error, LibreTranslate, OpenAi, Problem, Translator};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

type Handler = Arc<dyn Fn(&Request) -> (u16, String) + Send + Sync>;

/// A minimal HTTP/1.1 server on 127.0.0.1:0: one request per connection, answered by `handler`.
fn serve(handler: Handler) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    let seen: Arc<Mutex<Vec<Request>>> = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() || line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            let len: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; len];
            reader.read_exact(&mut body).unwrap();
            let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let req = Request { method, path, headers, body };
            let (status, answer) = handler(&req);
            log.lock().unwrap().push(req);
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (format!("http://{addr}"), seen)
}

const TEXT: &str = "Kapal Bantuan Indonesia Tiba di Tokyo

JAKARTA - Pemerintah Indonesia mengirim 1.500 ton beras ke Jepang pada 5 Mei 2022, menurut Kementerian Luar Negeri RI.

Kapal itu berangkat dari Surabaya dan tiba di Tokyo tiga hari kemudian. Rinciannya dimuat di https://contoh.go.id/bantuan.
";

fn analysis() -> warta_engine::Analysis {
    let decoded = warta_engine::decode::decode(TEXT.as_bytes()).unwrap();
    let a = warta_engine::pipeline::analyze("bantuan.txt", &decoded, &warta_engine::Options::default());
    // What the protection relies on: the analysis found these.
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    for want in ["Tokyo", "Jepang", "Surabaya"] {
        assert!(names.contains(&want), "the analysis should find {want}: {names:?}");
    }
    assert!(a.times.iter().any(|t| t.value == "2022-05-05"), "{:?}", a.times);
    a
}

/// A translator that keeps every placeholder: it marks the text as translated.
fn fake_translation(s: &str, lang: &str) -> String {
    format!("({lang}) {s}")
}

/// What was sent must carry placeholders instead of names, numbers, dates and the URL.
fn assert_protected(sent: &str) {
    for secret in ["Tokyo", "Jepang", "Surabaya", "1.500", "5 Mei 2022", "https://contoh.go.id/bantuan"] {
        assert!(!sent.contains(secret), "{secret:?} was sent to the translator: {sent}");
    }
    for token in ["⟦E", "⟦N1⟧", "⟦T1⟧", "⟦U1⟧"] {
        assert!(sent.contains(token), "no {token} in {sent}");
    }
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("warta-translate-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn openai_handler(mangle: bool) -> Handler {
    Arc::new(move |req: &Request| {
        let user = req.body.pointer("/messages/1/content").and_then(Value::as_str).unwrap_or("");
        let content = match serde_json::from_str::<Vec<String>>(user) {
            Ok(segments) => {
                let mut out: Vec<String> = segments.iter().map(|s| fake_translation(s, "en")).collect();
                if mangle {
                    // Drop one name and turn a number's token into another shape.
                    out[1] = out[1].replacen("⟦E1⟧", "", 1).replacen("⟦N1⟧", "[N1]", 1);
                }
                serde_json::to_string(&out).unwrap()
            }
            Err(_) => fake_translation(user, "en"),
        };
        let answer = json!({
            "id": "chatcmpl-1", "object": "chat.completion", "model": req.body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]
        });
        (200, answer.to_string())
    })
}

#[test]
fn openai_request_shape_protection_and_cache() {
    let a = analysis();
    let (base, seen) = serve(openai_handler(false));
    let data = tmp("openai");
    let t = Translator::new(Box::new(OpenAi::new(
        &format!("{base}/v1/"),
        Some("sk-test".into()),
        "mt-1".into(),
        Duration::from_secs(10),
    )))
    .with_cache(Cache::in_data_dir(&data));
    let out = t.translate_article(&a, TEXT, Lang::En).unwrap();

    let reqs = seen.lock().unwrap().clone();
    assert_eq!(reqs.len(), 1, "title and paragraphs in one request");
    let r = &reqs[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/v1/chat/completions");
    assert_eq!(r.header("authorization"), Some("Bearer sk-test"));
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    assert_eq!(r.body["model"], "mt-1");
    assert_eq!(r.body["temperature"], 0);
    assert_eq!(r.body["messages"][0]["role"], "system");
    assert_eq!(r.body["messages"][1]["role"], "user");
    let system = r.body["messages"][0]["content"].as_str().unwrap();
    assert!(system.contains("Indonesian") && system.contains("English") && system.contains("⟦E1⟧"), "{system}");
    let user = r.body["messages"][1]["content"].as_str().unwrap();
    let segments: Vec<String> = serde_json::from_str(user).expect("a JSON array of segments");
    assert_eq!(segments.len(), 1 + a.body.len());
    assert_protected(user);

    // Put back in English: gazetteer names, an ICU date, a regrouped number, the URL.
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(out.machine_translated && !out.cached);
    assert_eq!(out.backend, "openai");
    assert_eq!(out.model.as_deref(), Some("mt-1"));
    assert_eq!(out.title.as_deref(), Some("(en) Kapal Bantuan Indonesia Tiba di Tokyo"));
    let body = out.body.join("\n");
    for want in ["Japan", "1,500", "May 5, 2022", "Surabaya", "Tokyo", "https://contoh.go.id/bantuan"] {
        assert!(body.contains(want), "{want:?} not in {body}");
    }
    assert!(out.note.contains("Indonesian original is authoritative"));
    assert!(!body.contains('⟦'));

    // Again: every segment from the cache, no second request.
    let again = t.translate_article(&a, TEXT, Lang::En).unwrap();
    assert_eq!(seen.lock().unwrap().len(), 1, "a cached translation is not requested again");
    assert!(again.cached);
    assert_eq!(again.body, out.body);
    assert_eq!(again.title, out.title);

    // Another language is another translation.
    let zh = t.translate_article(&a, TEXT, Lang::Zh).unwrap();
    assert_eq!(seen.lock().unwrap().len(), 2);
    let body = zh.body.join("\n");
    for want in ["日本", "2022年5月5日", "东京", "泗水"] {
        assert!(body.contains(want), "{want:?} not in {body}");
    }
    assert!(seen.lock().unwrap()[1].body["messages"][0]["content"].as_str().unwrap().contains("Chinese"));
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn openai_dropped_or_mangled_placeholder_warns() {
    let a = analysis();
    let (base, _) = serve(openai_handler(true));
    let t = Translator::new(Box::new(OpenAi::new(&base, None, "mt-1".into(), Duration::from_secs(10))));
    let out = t.translate_article(&a, TEXT, Lang::Fr).unwrap();
    assert_eq!(out.flagged, vec!["body[0]".to_string()], "{:?}", out.warnings);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.segment == "body[0]" && matches!(&w.problem, Problem::Missing { token, .. } if token == "⟦E1⟧")),
        "{:?}",
        out.warnings
    );
    assert!(
        out.warnings.iter().any(|w| matches!(&w.problem, Problem::Altered { found, .. } if found == "[N1]")),
        "{:?}",
        out.warnings
    );
    // The altered number token was still put back, regrouped for French.
    assert!(out.body[0].contains("1\u{202f}500"), "{}", out.body[0]);
    assert!(out.warnings.iter().all(|w| w.message.starts_with("body[0]: placeholder ⟦")));
}

#[test]
fn openai_errors_name_status_body_and_article() {
    let a = analysis();
    let handler: Handler = Arc::new(|_req: &Request| {
        (401, json!({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}).to_string())
    });
    let (base, _) = serve(handler);
    let t = Translator::new(Box::new(OpenAi::new(&base, Some("wrong".into()), "mt-1".into(), Duration::from_secs(10))));
    let e = t.translate_article(&a, TEXT, Lang::Ja).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(&e, Error::Backend { error, .. } if error.status == Some(401)), "{msg}");
    assert!(msg.contains("bantuan.txt") && msg.contains("HTTP 401") && msg.contains("Incorrect API key"), "{msg}");

    // Nobody listening: a clear error too, no panic.
    let dead = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", dead.local_addr().unwrap());
    drop(dead);
    let t = Translator::new(Box::new(OpenAi::new(&url, None, "mt-1".into(), Duration::from_secs(5))));
    let msg = t.translate_article(&a, TEXT, Lang::Ja).unwrap_err().to_string();
    assert!(msg.contains("bantuan.txt") && msg.contains("no answer"), "{msg}");
}

#[test]
fn openai_falls_back_to_one_segment_per_request() {
    let a = analysis();
    // A model that ignores the array instruction and answers with prose for arrays.
    let handler: Handler = Arc::new(|req: &Request| {
        let user = req.body.pointer("/messages/1/content").and_then(Value::as_str).unwrap_or("");
        let content =
            if user.starts_with('[') { "Here is the translation:".to_string() } else { fake_translation(user, "ar") };
        (200, json!({"choices": [{"message": {"role": "assistant", "content": content}}]}).to_string())
    });
    let (base, seen) = serve(handler);
    let t = Translator::new(Box::new(OpenAi::new(&base, None, "mt-1".into(), Duration::from_secs(10))));
    let out = t.translate_article(&a, TEXT, Lang::Ar).unwrap();
    assert_eq!(seen.lock().unwrap().len(), 1 + 1 + a.body.len(), "one batch, then one per segment");
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.dir, "rtl");
    assert!(out.body.join(" ").contains("اليابان"));
}

fn libre_handler(mangle: bool) -> Handler {
    Arc::new(move |req: &Request| {
        if req.body.get("source") != Some(&json!("id")) || req.body.get("format") != Some(&json!("text")) {
            return (400, json!({"error": "Invalid request: missing source or format"}).to_string());
        }
        let target = req.body["target"].as_str().unwrap_or("").to_string();
        match &req.body["q"] {
            Value::String(s) => (200, json!({"translatedText": fake_translation(s, &target)}).to_string()),
            Value::Array(items) => {
                let mut out: Vec<String> =
                    items.iter().map(|s| fake_translation(s.as_str().unwrap_or(""), &target)).collect();
                if mangle {
                    out[1] = out[1].replace("⟦T1⟧", "⟦T1⟧ ⟦T1⟧");
                }
                (200, json!({"translatedText": out}).to_string())
            }
            _ => (400, json!({"error": "Invalid request: missing q parameter"}).to_string()),
        }
    })
}

#[test]
fn libretranslate_request_shape_protection_and_cache() {
    let a = analysis();
    let (base, seen) = serve(libre_handler(false));
    let data = tmp("libre");
    let t = Translator::new(Box::new(LibreTranslate::new(&base, Some("lt-key".into()), None, Duration::from_secs(10))))
        .with_cache(Cache::in_data_dir(&data));
    let out = t.translate_article(&a, TEXT, Lang::Zh).unwrap();
    let reqs = seen.lock().unwrap().clone();
    assert_eq!(reqs.len(), 1);
    let r = &reqs[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/translate"));
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    assert_eq!(r.body["source"], "id");
    assert_eq!(r.body["target"], "zh", "self-hosted LibreTranslate's code by default");
    assert_eq!(r.body["format"], "text");
    assert_eq!(r.body["api_key"], "lt-key");
    let q = r.body["q"].as_array().expect("q is an array for several segments");
    assert_eq!(q.len(), 1 + a.body.len());
    assert_protected(&r.body["q"].to_string());
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.backend, "libretranslate");
    assert_eq!(out.model, None);
    assert!(out.title.as_deref().unwrap().starts_with("(zh) "));
    let body = out.body.join("\n");
    for want in ["日本", "2022年5月5日", "1,500", "东京"] {
        assert!(body.contains(want), "{want:?} not in {body}");
    }
    // Cached: no second request.
    let again = t.translate_article(&a, TEXT, Lang::Zh).unwrap();
    assert!(again.cached);
    assert_eq!(seen.lock().unwrap().len(), 1);
    // The title alone goes as a string q, answered by a string (documented single form).
    let title =
        Translator::new(Box::new(LibreTranslate::new(&base, None, Some("zh-Hans".into()), Duration::from_secs(10))))
            .translate_title(&a, TEXT, Lang::Zh)
            .unwrap();
    let last = seen.lock().unwrap().last().unwrap().clone();
    assert!(last.body["q"].is_string(), "{}", last.body);
    assert_eq!(last.body["target"], "zh-Hans");
    assert!(last.body.get("api_key").is_none(), "no key, no api_key");
    assert!(title.body.is_empty());
    assert!(title.title.unwrap().contains("东京"));
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn libretranslate_duplicated_placeholder_warns() {
    let a = analysis();
    let (base, _) = serve(libre_handler(true));
    let t = Translator::new(Box::new(LibreTranslate::new(&base, None, None, Duration::from_secs(10))));
    let out = t.translate_article(&a, TEXT, Lang::En).unwrap();
    assert_eq!(out.flagged, vec!["body[0]".to_string()]);
    assert!(
        matches!(&out.warnings[0].problem, Problem::Duplicated { token, count: 2, .. } if token == "⟦T1⟧"),
        "{:?}",
        out.warnings
    );
}

#[test]
fn libretranslate_errors() {
    let a = analysis();
    let handler: Handler = Arc::new(|_req: &Request| (500, json!({"error": "Translation engine crashed"}).to_string()));
    let (base, _) = serve(handler);
    let t = Translator::new(Box::new(LibreTranslate::new(&base, None, None, Duration::from_secs(10))));
    let msg = t.translate_article(&a, TEXT, Lang::Fr).unwrap_err().to_string();
    assert!(
        msg.contains("bantuan.txt") && msg.contains("HTTP 500") && msg.contains("Translation engine crashed"),
        "{msg}"
    );

    // An {error} answer with a 403 (a wrong API key on libretranslate.com).
    let handler: Handler = Arc::new(|_req: &Request| (403, json!({"error": "Invalid API key"}).to_string()));
    let (base, _) = serve(handler);
    let t = Translator::new(Box::new(LibreTranslate::new(&base, Some("x".into()), None, Duration::from_secs(10))));
    let msg = t.translate_article(&a, TEXT, Lang::Fr).unwrap_err().to_string();
    assert!(msg.contains("HTTP 403") && msg.contains("Invalid API key"), "{msg}");

    // A body that is not JSON: its excerpt is shown.
    let handler: Handler = Arc::new(|_req: &Request| (502, "<html>Bad Gateway</html>".to_string()));
    let (base, _) = serve(handler);
    let t = Translator::new(Box::new(LibreTranslate::new(&base, None, None, Duration::from_secs(10))));
    let msg = t.translate_article(&a, TEXT, Lang::Fr).unwrap_err().to_string();
    assert!(msg.contains("HTTP 502") && msg.contains("Bad Gateway"), "{msg}");
}

#[test]
fn indonesian_is_not_translated() {
    let a = analysis();
    let t = Translator::new(Box::new(LibreTranslate::new("http://127.0.0.1:9", None, None, Duration::from_secs(1))));
    assert!(matches!(t.translate_article(&a, TEXT, Lang::Id), Err(Error::Indonesian)));
}
