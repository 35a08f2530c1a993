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
