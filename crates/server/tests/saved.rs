//! Saved searches end to end: save (token), list with new counts, results with what is new
//! since the last visit, mark seen, the Atom feed, delete; and the 400s, 401s and 404s.

mod common;

use common::{Server, fixtures, ingest_dir, request};
use serde_json::{Value, json};
use warta_server::Config;

const TOKEN: &str = "uji-token-simpan";

fn send(srv: &Server, method: &str, path: &str, token: Option<&str>, body: &Value) -> common::Response {
    let bearer = token.map(|t| format!("Bearer {t}"));
    let mut h = vec![("Content-Type", "application/json")];
    if let Some(b) = &bearer {
        h.push(("Authorization", b.as_str()));
    }
    let bytes = if body.is_null() { Vec::new() } else { serde_json::to_vec(body).unwrap() };
    request(srv.addr, method, path, &h, &bytes)
}

fn ok(r: common::Response, status: u16) -> Value {
    assert_eq!(r.status, status, "{}", r.text());
    r.json()
}

#[test]
fn saved_searches_show_what_is_new_and_feed_it() {
    let dir = tempfile::tempdir().unwrap();
    ingest_dir(dir.path(), &fixtures().join("story"));
    let srv = Server::start(dir.path(), Some(TOKEN));

    // Saving needs the token.
    let body = json!({"name": "Awak kapal", "q": "\"awak kapal\""});
    assert_eq!(send(&srv, "POST", "/api/saved", None, &body).status, 401);
    let saved = ok(send(&srv, "POST", "/api/saved", Some(TOKEN), &body), 201);
    let id = saved["id"].as_i64().unwrap();
    assert_eq!(saved["name"], "Awak kapal");
    assert_eq!(saved["links"]["atom"], format!("/api/saved/{id}/atom"));

    let list = ok(srv.get("/api/saved"), 200);
    assert_eq!(list["total"], 1);
    assert_eq!(list["saved"][0]["new_count"], 0, "saving marks what is stored as seen");

    let before = ok(srv.get(&format!("/api/saved/{id}")), 200);
    let total_before = before["total"].as_u64().unwrap();
    assert!(total_before >= 1, "{before}");
    assert_eq!(before["new_count"], 0);
    assert_eq!(before["new"].as_array().unwrap().len(), 0);

    // A new matching article arrives.
    let text = "Awak Kapal Nelayan Pulang dari Busan\nKABARPAGI.CO.ID - BITUNG. Dua belas awak kapal nelayan tiba di Bitung pada Rabu (12/6/2024) setelah bekerja di Busan.\nMereka disambut keluarga di pelabuhan.";
    let posted =
        ok(send(&srv, "POST", "/api/articles", Some(TOKEN), &json!({"source": "baru/awak.txt", "text": text})), 201);
    let new_id = posted["id"].as_i64().unwrap();
    let after = ok(srv.get(&format!("/api/saved/{id}")), 200);
    assert_eq!(after["total"].as_u64().unwrap(), total_before + 1);
    assert_eq!(after["new_count"], 1);
    assert_eq!(after["new"][0]["id"].as_i64(), Some(new_id));
    assert!(after["new"][0]["snippet_parts"].is_array());
    assert_eq!(after["watermark"].as_i64(), Some(new_id));
    assert_eq!(ok(srv.get("/api/saved"), 200)["saved"][0]["new_count"], 1);

    // The feed: newest first, links to the web app, escaped.
    let feed = srv.get(&format!("/api/saved/{id}/atom"));
    assert_eq!(feed.status, 200, "{}", feed.text());
    assert!(feed.header("content-type").unwrap().starts_with("application/atom+xml"));
    let x = feed.text();
    assert!(x.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "{x}");
    let first_entry = &x[x.find("<entry>").unwrap()..];
    assert!(first_entry.contains("<title>Awak Kapal Nelayan Pulang dari Busan</title>"), "{x}");
    assert!(first_entry.contains(&format!("{}/#/article/{new_id}\"", srv.url)), "{x}");
    assert_eq!(x.matches("<entry>").count() as u64, total_before + 1);
    // Behind a TLS proxy the links are https.
    let proxied = request(srv.addr, "GET", &format!("/api/saved/{id}/atom"), &[("X-Forwarded-Proto", "https")], b"");
    assert!(proxied.text().contains(&format!("https://{}/#/article/{new_id}", srv.addr)), "{}", proxied.text());
    // With a public URL configured, the links use it whatever the request says.
    let public = Server::start_config(Config {
        data: dir.path().to_path_buf(),
        public_url: Some("https://warta.example.org/".into()),
        ..Config::default()
    });
    let feed = public.get(&format!("/api/saved/{id}/atom")).text();
    assert!(feed.contains(&format!("\"https://warta.example.org/#/article/{new_id}\"")), "{feed}");
    assert!(!feed.contains(&public.addr.to_string()), "{feed}");

    // Marking seen needs the token, and then nothing is new.
    let seen_path = format!("/api/saved/{id}/seen?through={new_id}");
    assert_eq!(send(&srv, "POST", &seen_path, None, &Value::Null).status, 401);
    let seen = ok(send(&srv, "POST", &seen_path, Some(TOKEN), &Value::Null), 200);
    assert_eq!(seen["seen_through"].as_i64(), Some(new_id));
    assert_eq!(ok(srv.get(&format!("/api/saved/{id}")), 200)["new_count"], 0);

    // Deleting needs the token; then it is gone (404 with a message).
    assert_eq!(send(&srv, "DELETE", &format!("/api/saved/{id}"), None, &Value::Null).status, 401);
    let gone = ok(send(&srv, "DELETE", &format!("/api/saved/{id}"), Some(TOKEN), &Value::Null), 200);
    assert_eq!(gone["deleted"]["id"].as_i64(), Some(id));
    for path in [format!("/api/saved/{id}"), format!("/api/saved/{id}/atom")] {
        let r = srv.get(&path);
        assert_eq!(r.status, 404, "{path}");
        assert!(r.json()["error"].as_str().unwrap().contains("no saved search"), "{}", r.text());
    }
    assert_eq!(ok(srv.get("/api/saved"), 200)["total"], 0);
}

#[test]
fn bad_saved_searches_are_400_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    ingest_dir(dir.path(), &fixtures().join("story"));
    let srv = Server::start(dir.path(), Some(TOKEN));
    let post = |body: Value| send(&srv, "POST", "/api/saved", Some(TOKEN), &body);
    ok(post(json!({"name": "Seoul", "q": "seoul"})), 201);
    // An event type is a filter like the others: kept, and shown as `type`.
    let typed = ok(post(json!({"name": "pertemuan", "q": "*", "type": "meeting"})), 201);
    assert_eq!(typed["filters"]["type"], "meeting", "{typed}");
    for (body, needle) in [
        (json!({"name": "jenis", "q": "kapal", "type": "piknik"}), "unknown event type"),
        (json!({"name": "kutip", "q": "title:\"awak kapal"}), "quote"),
        (json!({"name": "kurung", "q": "kapal AND"}), "column"),
        (json!({"name": "seoul", "q": "kapal"}), "already"),
        (json!({"name": "", "q": "kapal"}), "name"),
        (json!({"name": "42", "q": "kapal"}), "number"),
        (json!({"name": "tanggal", "q": "kapal", "from": "2024-06-09", "to": "2024-06-01"}), "after"),
        (json!({"name": "hari", "q": "kapal", "from": "9/6/2024"}), "yyyy-mm-dd"),
        (json!({"name": "panjang", "q": "kapal ".repeat(40)}), "terms"),
        (json!({"name": "lebih", "q": "kapal", "warna": "merah"}), "unknown field"),
        (json!({"q": "kapal"}), "name"),
    ] {
        let r = post(body.clone());
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        let msg = r.json()["error"].as_str().unwrap().to_lowercase();
        assert!(msg.contains(needle), "{body}: {msg}");
    }
    for path in [
        "/api/saved/nol",
        "/api/saved/1?limit=0",
        "/api/saved/1?limit=101",
        "/api/saved/1/atom?limit=500",
        "/api/saved?warna=1",
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
    }
    let r = srv.get("/api/saved/99");
    assert_eq!(r.status, 404);
    assert!(r.json()["error"].as_str().unwrap().contains("99"));

    // Without a token writing is disabled.
    let ro = tempfile::tempdir().unwrap();
    let srv = Server::start(ro.path(), None);
    let r = send(&srv, "POST", "/api/saved", Some("apa-saja"), &json!({"name": "a b", "q": "kapal"}));
    assert_eq!(r.status, 403, "{}", r.text());
}
