//! The web app in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
//! playwright-core (crates/server/e2e, `npm ci` there). Builds a store from the fixtures, posts
//! two hostile articles (a text and an HTML page full of script tags, event handlers and
//! javascript: links) through the API with the token, starts the server and runs
//! `node e2e/run.mjs URL OUTDIR IDS`, which visits every page, asserts on the DOM, checks that
//! nothing from the hostile articles runs, and saves screenshots in target/e2e-screenshots/.
//!
//! Skips (with a message) when chromium, node or e2e/node_modules is missing, unless
//! WARTA_E2E_REQUIRED=1, when it fails instead (CI sets it).

mod common;

use common::{Server, fixtures, ingest_dir, request};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    std::env::var_os("WARTA_CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn e2e_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e")
}

fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("e2e-screenshots")
}

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    if !chromium().exists() {
        return Some(format!("{} not found (apt-get install chromium)", chromium().display()));
    }
    if !e2e_dir().join("node_modules/playwright-core").exists() {
        return Some(format!("{}/node_modules missing (npm ci --prefix crates/server/e2e)", e2e_dir().display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node not found".into());
    }
    None
}

#[test]
fn web_app_in_chromium() {
    if let Some(why) = missing() {
        if std::env::var("WARTA_E2E_REQUIRED").as_deref() == Ok("1") {
            panic!("WARTA_E2E_REQUIRED=1 but the browser test cannot run: {why}");
        }
        eprintln!("skipping the browser test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    ingest_dir(dir.path(), &fixtures().join("story"));
    let token = "e2e-token";
    let server = Server::start(dir.path(), Some(token));
    // POST an article with the token; its store id.
    let post = |what: &str, article: serde_json::Value| -> String {
        let body = serde_json::to_vec(&article).unwrap();
        let r = request(
            server.addr,
            "POST",
            "/api/articles",
            &[("Content-Type", "application/json"), ("Authorization", &format!("Bearer {token}"))],
            &body,
        );
        assert_eq!(r.status, 201, "{what}: {}", r.text());
        r.json()["id"].as_i64().unwrap().to_string()
    };
    let mut hostile = Vec::new();
    for (name, field) in [("payload.txt", "text"), ("payload.html", "html")] {
        let content = std::fs::read_to_string(fixtures().join("hostile").join(name)).unwrap();
        hostile.push(post(name, json!({"source": format!("hostile/{name}"), field: content})));
    }
    // A second report of the Seoul meeting from the same outlet: one timeline entry is then
    // backed by two articles of one outlet (the page must name the outlet once).
    let again = "Sugiono dan Cho Tae-yul Bahas Awak Kapal\n\nKABARPAGI.CO.ID - SEOUL. Menteri Luar Negeri \
        Indonesia Sugiono bertemu Menteri Luar Negeri Korea Selatan Cho Tae-yul di Seoul pada Selasa (14/5/2024). \
        Keduanya membahas keselamatan awak kapal perikanan dan agen perekrutan.\n";
    post("second Seoul report", json!({"source": "https://kabarpagi.co.id/seoul-2", "text": again}));
    let out = screenshots_dir();
    let status = Command::new("node")
        .current_dir(e2e_dir())
        .env("WARTA_E2E_TOKEN", token)
        .arg("run.mjs")
        .arg(&server.url)
        .arg(&out)
        .arg(hostile.join(","))
        .status()
        .expect("running node e2e/run.mjs");
    assert!(
        status.success(),
        "the browser checks failed (see above; screenshots and results.json in {})",
        out.display()
    );
    for page in [
        "01-stories",
        "02-story",
        "03-entity",
        "04-article",
        "05-article-chrome",
        "06-search",
        "07-search-facet",
        "08-saved-list",
        "08-saved-search",
        "08-story-ar",
        "09-story-zh",
    ] {
        let p = out.join(format!("{page}.png"));
        assert!(p.metadata().map(|m| m.len() > 1000).unwrap_or(false), "screenshot {} missing", p.display());
    }
}
