//! `warta ingest / search / timeline / export` as processes, including killing a real ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
mod common;

use common::check_integrity;
use warta_store::synth;

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).output().expect("run warta")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn articles_in(data: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(data.join("warta.sqlite3"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn killing_a_real_ingest_leaves_a_consistent_store() {
    let dir = tmp("kill");
    let (files, data) = (dir.join("articles"), dir.join("data"));
    let n = 1500;
    synth::write(&files, n, 11).unwrap();
    let mut previous = 0;
    for round in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["ingest", "--quiet", "--batch", "40", "--data", s(&data), s(&files)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill once this run has committed something (at varying moments after that).
        let start = Instant::now();
        while articles_in(&data) <= previous && start.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(37 * round));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = check_integrity(&data);
        assert!(now > previous, "round {round}: the run committed articles before it was killed");
        assert!(now <= n as i64);
        previous = now;
    }
    // Finish: everything once; then again: nothing changes.
    let out = warta(&["ingest", "--data", s(&data), s(&files)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(check_integrity(&data), n as i64);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"].as_u64().unwrap() as i64 + previous, n as i64);
    let out = warta(&["ingest", "--data", s(&data), s(&files)]);
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(again["unchanged"], n);
    assert_eq!(again["added"], 0);
    assert_eq!(again["stories"], summary["stories"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ingest_is_quiet_in_pipes_and_names_bad_files() {
    let dir = tmp("quiet");
    let (files, data) = (dir.join("articles"), dir.join("data"));
    synth::write(&files, 12, 12).unwrap();
    // Not a terminal: no progress bar on stderr; the summary on stdout.
    let out = warta(&["ingest", "--data", s(&data), s(&files)]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"], 12);
    // --quiet: nothing at all.
    let out = warta(&["ingest", "--quiet", "--data", s(&data), s(&files)]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    // A binary file and a missing one: named on stderr, exit 1, the rest ingested.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let missing = dir.join("missing.txt");
    let one = files.join("000001.txt");
    let out = warta(&["ingest", "--data", s(&dir.join("data2")), s(&bad), s(&missing), s(&one)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.txt") && err.contains("missing.txt"), "{err}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["added"], 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_timeline_and_export_commands() {
    let dir = tmp("search");
    let (files, data) = (dir.join("articles"), dir.join("data"));
    synth::write(&files, 24, 13).unwrap();
    assert!(warta(&["ingest", "--quiet", "--data", s(&data), s(&files)]).status.success());

    let out = warta(&["search", "--data", s(&data), "--format", "json", "--limit", "50", "penanganan"]);
    assert!(out.status.success());
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits.len(), 24);
    let story = hits[0]["story"].as_str().unwrap().to_string();

    let out = warta(&["search", "--data", s(&data), "penanganan", "--outlet", synth::OUTLETS[1]]);
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with(" SCORE"), "{table}");
    assert!(table.trim_end().ends_with("result(s)"));

    let out = warta(&["search", "--data", s(&data), "\"harga beras"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("malformed query"));

    let out = warta(&["timeline", "--data", s(&data), "--format", "json", &story]);
    assert!(out.status.success());
    let tl: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tl["of"], "story");
    assert!(!tl["entries"].as_array().unwrap().is_empty());

    let out = warta(&["export", "--data", s(&data), "--format", "jsonl"]);
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 24);
    for l in lines {
        let a: warta_engine::Analysis = serde_json::from_str(l).unwrap();
        assert!(!a.body.is_empty());
    }
    let out = warta(&["export", "--data", s(&data), "--format", "timelinejs", "--story", &story]);
    let tjs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(tjs["title"]["text"]["headline"].is_string());
    assert!(tjs["events"].as_array().unwrap().iter().all(|e| e["start_date"]["year"].is_string()));
    let out = warta(&["export", "--data", s(&data), "--format", "csv"]);
    assert_eq!(std::str::from_utf8(&out.stdout).unwrap().lines().count(), 25);
    std::fs::remove_dir_all(&dir).unwrap();
}

// Own articles (written for this test): one meeting told by two outlets, and a third giving
// another month for it.
const MEET: [(&str, &str); 3] = [
    (
        "a.txt",
        "Kabarsatu.com, JAKARTA - Presiden Prabowo Subianto bertemu Perdana Menteri Malaysia Anwar Ibrahim di \
         Kuala Lumpur pada Rabu (13/9/2023). Keduanya membahas perdagangan minyak sawit.",
    ),
    (
        "b.txt",
        "Wartadua.com, JAKARTA - Perdana Menteri Malaysia Anwar Ibrahim bertemu Presiden Prabowo Subianto di \
         Kuala Lumpur pada Rabu (13/9/2023). Pertemuan itu membahas minyak sawit.",
    ),
    (
        "c.txt",
        "Harianempat.com, JAKARTA - Prabowo Subianto bertemu Anwar Ibrahim di Kuala Lumpur pada Agustus 2023 \
         untuk membahas minyak sawit, kata pejabat pada Jumat (15/9/2023).",
    ),
];

#[test]
fn timeline_renders_in_other_languages_and_exports_conflicts() {
    let dir = tmp("tl-lang");
    let (files, data) = (dir.join("articles"), dir.join("data"));
    std::fs::create_dir_all(&files).unwrap();
    for (name, text) in MEET {
        std::fs::write(files.join(name), text).unwrap();
    }
    assert!(warta(&["ingest", "--quiet", "--data", s(&data), s(&files)]).status.success());
    let plain = warta(&["timeline", "--data", s(&data), "--format", "json", "Anwar Ibrahim"]);
    assert!(plain.status.success(), "{}", String::from_utf8_lossy(&plain.stderr));
    let plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let meeting = plain["entries"].as_array().unwrap().iter().find(|e| e["type"] == "meeting").unwrap().clone();
    assert_eq!(meeting["date"], "2023-09-13");
    assert_eq!(meeting["conflicts"][0]["value"], "2023-08");
    assert!(meeting["story"].is_string());
    for lang in warta_render::Lang::ALL {
        let out = warta(&["timeline", "--data", s(&data), "--format", "json", "--lang", lang.code(), "Anwar Ibrahim"]);
        assert!(out.status.success());
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["lang"], lang.code());
        for (orig, rendered) in plain["entries"].as_array().unwrap().iter().zip(doc["entries"].as_array().unwrap()) {
            if orig["type"] != "article" {
                warta_render::check_entry_json(orig, rendered, lang).unwrap_or_else(|e| panic!("{lang}: {e}"));
            }
        }
    }
    let table = warta(&["timeline", "--data", s(&data), "--lang", "en", "Anwar Ibrahim"]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("September 13, 2023")
            && table.lines().any(|l| l.contains("conflict: date August 2023 by ") && l.ends_with("c.txt")),
        "{table}"
    );
    let out = warta(&["timeline", "--data", s(&data), "--lang", "xx", "Anwar Ibrahim"]);
    assert_eq!(out.status.code(), Some(2));
    let out = warta(&["export", "--data", s(&data), "--format", "timelinejs"]);
    let tjs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let slides: Vec<&str> =
        tjs["events"].as_array().unwrap().iter().filter_map(|e| e["text"]["text"].as_str()).collect();
    assert!(slides.iter().any(|t| t.contains("2023-08 menurut ") && t.contains("c.txt")), "{slides:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}
