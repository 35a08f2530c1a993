//! The store when the disk fills up or turns read-only mid-life (issue 21, data safety): the
//! ingest stops with an error that says what happened, and the store stays consistent — once
//! there is room again, the same ingest finishes with every article exactly once.
//!
//! Needs a tmpfs mount (root, as in CI and on this project's machines); skips with a message
//! where mounting is not allowed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
mod common;

use common::check_integrity;
use warta_store::synth;

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).output().expect("run warta")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A tmpfs of `size` mounted for the test's life.
struct Mount(PathBuf);

impl Mount {
    fn new(name: &str, size: &str) -> Option<Mount> {
        let dir = std::env::temp_dir().join(format!("warta-disk-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", s(&dir)])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root); the disk-full case is not checked");
            let _ = std::fs::remove_dir(&dir);
            return None;
        }
        Some(Mount(dir))
    }

    fn remount(&self, opts: &str) {
        let out = Command::new("mount").args(["-o", &format!("remount,{opts}"), s(&self.0)]).output().unwrap();
        assert!(out.status.success(), "remount {opts}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn a_full_disk_stops_the_ingest_clearly_and_loses_nothing() {
    let Some(mnt) = Mount::new("full", "3m") else { return };
    let files = std::env::temp_dir().join(format!("warta-disk-{}-articles", std::process::id()));
    let _ = std::fs::remove_dir_all(&files);
    let n = 400;
    synth::write(&files, n, 5).unwrap();
    let data = mnt.0.join("data");

    let out = warta(&["ingest", "--quiet", "--batch", "20", "--data", s(&data), s(&files)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "3 MB cannot hold {n} articles with their index");
    assert!(
        stderr.to_lowercase().contains("no space left") || stderr.to_lowercase().contains("disk is full"),
        "the error says the disk is full: {stderr}"
    );
    let before = check_integrity(&data);
    assert!(before < n as i64);

    // Room again: the same ingest finishes, each article once.
    mnt.remount("size=256m");
    let out = warta(&["ingest", "--data", s(&data), s(&files)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(check_integrity(&data), n as i64);
    let _ = std::fs::remove_dir_all(&files);
}

#[test]
fn a_read_only_store_refuses_writes_clearly_and_stays_readable() {
    let Some(mnt) = Mount::new("ro", "64m") else { return };
    let files = std::env::temp_dir().join(format!("warta-disk-{}-ro-articles", std::process::id()));
    let _ = std::fs::remove_dir_all(&files);
    synth::write(&files, 40, 6).unwrap();
    let data = mnt.0.join("data");
    let out = warta(&["ingest", "--quiet", "--data", s(&data), s(&files)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let n = check_integrity(&data);

    mnt.remount("ro");
    let more = std::env::temp_dir().join(format!("warta-disk-{}-ro-more", std::process::id()));
    let _ = std::fs::remove_dir_all(&more);
    synth::write(&more, 10, 7).unwrap();
    let out = warta(&["ingest", "--quiet", "--data", s(&data), s(&more)]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_lowercase();
    assert!(!out.status.success());
    assert!(stderr.contains("read-only") || stderr.contains("readonly"), "the error says why: {stderr}");

    mnt.remount("rw");
    assert_eq!(check_integrity(&data), n, "nothing half-written");
    let _ = std::fs::remove_dir_all(&files);
    let _ = std::fs::remove_dir_all(&more);
}
