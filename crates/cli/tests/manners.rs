//! The command line's manners, as a user meets them: a missing store is an error (exit 2), bad
//! limits and ranges are refused with a message, query errors point at the column, snippets are
//! plain text, a closed pipe ends the program quietly, completions and the man page print.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).output().expect("run warta")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-cli-manners-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Written for this test.
const PAGE: &str = "Warga Bantaran Sungai Diminta Waspada\n\n\
SURAKARTA - Badan penanggulangan bencana meminta warga bantaran sungai waspada. \
\"Debit air naik sejak pagi & hujan belum reda,\" kata petugas jaga, Senin (3/2/2025).\n\n\
Petugas menyiapkan perahu karet di tiga kelurahan. Warga yang rumahnya dekat tanggul \
diminta mengungsi bila sirene berbunyi.\n";

fn store_with_one_article(dir: &Path) -> PathBuf {
    let pages = dir.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("waspada.txt"), PAGE).unwrap();
    let data = dir.join("data");
    let o = warta(&["ingest", "--quiet", "--data", s(&data), s(&pages)]);
    assert!(o.status.success(), "{}", stderr(&o));
    data
}

#[test]
fn a_missing_store_is_an_error_not_an_empty_store() {
    let dir = tmp("missing");
    let nowhere = dir.join("no-such-store");
    for args in [
        vec!["search", "--data", s(&nowhere), "banjir"],
        vec!["timeline", "--data", s(&nowhere), "s1"],
        vec!["export", "--data", s(&nowhere), "--format", "jsonl"],
        vec!["export", "--data", s(&nowhere), "--format", "stories"],
        vec!["serve", "--data", s(&nowhere), "--addr", "127.0.0.1:0"],
    ] {
        let o = warta(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("does not exist") && err.contains("--data"), "{args:?}: {err}");
        assert!(!nowhere.exists(), "{args:?} created the store");
    }
    // An existing folder that is not a store: the same.
    let o = warta(&["search", "--data", s(&dir), "banjir"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no warta store"), "{}", stderr(&o));
    let o = warta(&["serve", "--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("--create"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn limits_ranges_and_queries_are_checked() {
    let dir = tmp("checks");
    let data = store_with_one_article(&dir);
    for limit in ["0", "-1", "sepuluh"] {
        let o = warta(&["search", "--data", s(&data), "--limit", limit, "banjir"]);
        assert_eq!(o.status.code(), Some(2), "--limit {limit}: {}", stderr(&o));
        assert!(stderr(&o).contains("--limit"), "{}", stderr(&o));
    }
    for bad in ["ftp://warta.example.org", "warta.example.org", "https://", "https://x.org/?a=1"] {
        let o = warta(&["serve", "--data", s(&data), "--addr", "127.0.0.1:0", "--public-url", bad]);
        assert_eq!(o.status.code(), Some(2), "--public-url {bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("--public-url") && stderr(&o).contains("https://"), "{}", stderr(&o));
    }
    let o = warta(&["search", "--data", s(&data), "--from", "2025-03-01", "--to", "2025-02-01", "sungai"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is after --to"), "{}", stderr(&o));

    // A query error names the column, with a caret under it.
    let o = warta(&["search", "--data", s(&data), "sungai \"debit air"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unclosed quote") && err.contains("column 8"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(lines[1], "  sungai \"debit air");
    assert_eq!(lines[2], format!("  {}^", " ".repeat(7)));
    let o = warta(&["search", "--data", s(&data), "sungai)"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("column 7"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn snippets_are_plain_text_and_paging_works() {
    let dir = tmp("snippets");
    let data = store_with_one_article(&dir);
    let o = warta(&["search", "--data", s(&data), "debit"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let table = String::from_utf8(o.stdout).unwrap();
    assert!(table.contains("\"Debit air naik sejak pagi & hujan"), "{table}");
    for junk in ["&quot;", "&amp;", "**"] {
        assert!(!table.contains(junk), "{junk} in {table}");
    }
    let o = warta(&["search", "--data", s(&data), "--format", "json", "debit"]);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let snippet = hits[0]["snippet"].as_str().unwrap();
    assert!(!snippet.contains("&quot;") && !snippet.contains("**"), "{snippet}");
    let parts = hits[0]["snippet_parts"].as_array().unwrap();
    assert!(parts.iter().any(|p| p["match"] == true && p["text"] == "Debit"), "{parts:?}");
    // --offset past the only result: nothing.
    let o = warta(&["search", "--data", s(&data), "--format", "json", "--offset", "1", "debit"]);
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(hits.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tmp("pipe");
    let data = store_with_one_article(&dir);
    for format in ["table", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["search", "--data", s(&data), "--format", format, "sungai"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before warta writes (as `| head -0` would).
        drop(child.stdout.take());
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert!(err.is_empty(), "{format}: stderr: {err}");
        assert_eq!(status.code(), Some(0), "{format}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let o = warta(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = String::from_utf8(o.stdout).unwrap();
        assert!(script.contains("warta") && script.contains("search"), "{shell}");
        assert!(script.contains("--limit"), "{shell}: flags of subcommands complete");
    }
    let o = warta(&["completions", "powershell"]);
    assert_eq!(o.status.code(), Some(2));
    let o = warta(&["man"]);
    assert!(o.status.success());
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.starts_with(".ie") || page.contains(".TH warta"), "{}", &page[..200.min(page.len())]);
    assert!(page.contains("WARTA SEARCH") && page.contains("\\-\\-limit"), "every command's flags in the page");
}

#[test]
fn developer_commands_are_not_warta_commands() {
    let o = warta(&["--help"]);
    let help = String::from_utf8(o.stdout).unwrap();
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(listed.contains(&"search") && listed.contains(&"completions"), "{help}");
    assert!(!help.contains("Developer commands"), "{help}");
    // They are `warta-eval`'s (crates/eval/tests/cli.rs): here clap's usage error.
    for dev in ["bench-store", "bench-stories", "generate", "train", "eval"] {
        assert!(!listed.contains(&dev), "{dev} listed: {help}");
        let o = warta(&[dev, "--help"]);
        assert_eq!(o.status.code(), Some(2), "{dev}");
        assert!(stderr(&o).contains("unrecognized subcommand"), "{dev}: {}", stderr(&o));
    }
}

#[test]
fn csv_and_jsonl_exports_are_split_into_articles() {
    let dir = tmp("csv");
    let csv = dir.join("ekspor.csv");
    std::fs::write(
        &csv,
        "id,judul,tautan,tanggal,isi_berita\n\
         1,Pasar Murah Dibuka di Alun-Alun,https://www.detik.com/jabar/berita/d-1/pasar,2025-02-03,\"BANDUNG - Pemerintah kota membuka pasar murah di alun-alun.\n\nWarga antre sejak pagi untuk membeli beras dan minyak goreng.\"\n\
         2,Baris Kosong,https://contoh.test/b,2025-02-04,\n\
         3,Jalan Protokol Ditutup,https://kabar.contoh-daerah.co.id/x,2025-02-05,\"Polisi menutup jalan protokol selama karnaval berlangsung, kata petugas.\"\n",
    )
    .unwrap();
    let jsonl = dir.join("ekspor.jsonl");
    std::fs::write(&jsonl, "{\"judul\":\"Harga Cabai Turun\",\"isi\":\"Harga cabai di pasar induk turun sejak pekan lalu.\",\"url\":\"https://news.detik.com/berita/d-2/cabai\"}\n\
         {\"source\":\"arsip-7\",\"url\":\"https://www.detik.com/sumut/berita/d-3/banjir\",\"text\":\"Banjir merendam tiga desa setelah hujan deras semalam.\"}\n").unwrap();
    let o = warta(&["analyze", s(&csv), s(&jsonl)]);
    assert_eq!(o.status.code(), Some(1), "the empty row fails: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("ekspor.csv#row3") && err.contains("empty"), "{err}");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4, "one article per row and line");
    assert_eq!(lines[0]["source"], "https://www.detik.com/jabar/berita/d-1/pasar");
    assert_eq!(lines[0]["title"], "Pasar Murah Dibuka di Alun-Alun");
    assert_eq!(lines[0]["published"]["value"], "2025-02-03");
    assert_eq!(lines[0]["body"].as_array().unwrap().len(), 2);
    // The outlet from the URL's host when the text names none.
    assert_eq!(lines[0]["outlet"], "detikcom");
    assert_eq!(lines[1]["outlet"], "Contoh-daerah.co.id");
    assert_eq!(lines[2]["outlet"], "detikcom");
    assert_eq!(lines[2]["title"], "Harga Cabai Turun");
    // A record with its own name keeps it, and its `url` still names the outlet.
    assert_eq!(lines[3]["source"], "arsip-7");
    assert_eq!(lines[3]["outlet"], "detikcom");
    std::fs::remove_dir_all(&dir).unwrap();
}
