//! The PostgreSQL backend against a throwaway server (skipped with a message when PostgreSQL
//! is not installed; required in CI with WARTA_PG_REQUIRED=1): migrations, the queue's claim,
//! retry and failure rules, workers and the clusterer, and parity with the SQLite store.

use std::sync::atomic::AtomicBool;
use std::time::Duration;
use warta_store::ingest::{ItemError, Read};
use warta_store::pg::{self, JobStatus, Pg, WorkerOptions};
use warta_store::pgtest::TempPg;
use warta_store::{Store, synth};

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("warta-pg-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The workers' reader for these tests: the payload is the text; "PANIC" panics.
fn read(name: &str, payload: &[u8]) -> Result<Read, ItemError> {
    if payload == b"PANIC" {
        panic!("a reader bug");
    }
    if payload == b"NUL" {
        let decoded = warta_engine::Decoded {
            text: "JAKARTA - Teks dengan karakter \0 di tengah kalimat yang cukup panjang.".into(),
            encoding: "utf-8",
            diagnostics: Vec::new(),
        };
        return Ok(Read { source: name.to_string(), decoded, overrides: Default::default() });
    }
    let decoded =
        warta_engine::decode(payload).map_err(|e| ItemError { name: name.to_string(), message: e.to_string() })?;
    Ok(Read { source: name.to_string(), decoded, overrides: Default::default() })
}

fn jobs(arts: &[synth::Article]) -> Vec<(String, Vec<u8>)> {
    arts.iter().map(|a| (a.name.clone(), a.text.clone().into_bytes())).collect()
}

/// `n` workers (threads, each its own connections) until the queue is drained and placed.
fn drain(url: &str, n: usize) -> Vec<pg::WorkerSummary> {
    drain_with(url, n, true)
}

fn drain_with(url: &str, n: usize, cluster: bool) -> Vec<pg::WorkerSummary> {
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let stop = &stop;
                s.spawn(move || {
                    let opts = WorkerOptions {
                        name: format!("test-worker-{i}"),
                        until_drained: true,
                        idle_wait: Duration::from_millis(200),
                        cluster,
                        ..Default::default()
                    };
                    pg::run_worker(url, &opts, read, stop, |_| {}).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

fn sqlite_document(arts: &[synth::Article], name: &str) -> serde_json::Value {
    let dir = tmp(name);
    let mut store = Store::open(&dir).unwrap();
    let mut w = store.writer(64).unwrap();
    for a in arts {
        let d = warta_engine::decode(a.text.as_bytes()).unwrap();
        w.put(&a.name, &d.text, warta_engine::analyze(&a.name, &d, &Default::default())).unwrap();
    }
    w.commit().unwrap();
    let doc = store.stories_document().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    doc
}

#[test]
fn migrations_apply_once() {
    let Some(server) = TempPg::for_test("migrations_apply_once") else { return };
    let url = server.database("migrations").unwrap();
    let mut a = Pg::connect(&url).unwrap();
    let _b = Pg::connect(&url).unwrap();
    let applied = a.migrations().unwrap();
    assert_eq!(applied.len() as i64, pg::schema_version());
    assert_eq!(applied[0], (1, "0001_init".to_string()));
    assert_eq!(a.counts().unwrap().articles, 0);
}

#[test]
fn queue_claims_skip_locked_retries_and_fails() {
    let Some(server) = TempPg::for_test("queue_claims_skip_locked_retries_and_fails") else { return };
    let url = server.database("queue").unwrap();
    let mut a = Pg::connect(&url).unwrap();
    let mut b = Pg::connect(&url).unwrap();
    let seqs =
        a.enqueue(&[("x".into(), b"1".to_vec()), ("y".into(), b"2".to_vec()), ("z".into(), b"3".to_vec())]).unwrap();
    assert_eq!(seqs, Some(1..=3));
    // Two workers claim different jobs, oldest first.
    let j1 = a.claim("a", Duration::from_secs(60)).unwrap().unwrap();
    let j2 = b.claim("b", Duration::from_secs(60)).unwrap().unwrap();
    assert_eq!((j1.seq, j1.name.as_str(), j1.attempt), (1, "x", 1));
    assert_eq!(j2.seq, 2);
    // A transient failure waits for its backoff; a permanent one fails at once.
    assert_eq!(a.fail(j1.seq, "database hiccup", false, 5).unwrap(), JobStatus::Pending);
    assert_eq!(b.fail(j2.seq, "not text", true, 5).unwrap(), JobStatus::Failed);
    let j3 = a.claim("a", Duration::from_secs(60)).unwrap().unwrap();
    assert_eq!(j3.seq, 3, "job 1 waits for its backoff");
    assert!(a.claim("a", Duration::from_secs(60)).unwrap().is_none());
    let s = a.queue_status(10).unwrap();
    assert_eq!((s.pending, s.running, s.done, s.failed, s.retrying), (1, 1, 0, 1, 1));
    assert_eq!(s.failures.len(), 1);
    assert_eq!((s.failures[0].name.as_str(), s.failures[0].error.as_str()), ("y", "not text"));
    assert_eq!(s.enqueued_through, 3);
    // A lease that runs out (the worker died) gives the job to another worker.
    let mut c = Pg::connect(&url).unwrap();
    c.client_for_tests()
        .execute("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE seq = 3", &[])
        .unwrap();
    let again = c.claim("c", Duration::from_secs(60)).unwrap().unwrap();
    assert_eq!((again.seq, again.attempt), (3, 2));
    // Failed jobs come back under a new seq.
    assert_eq!(a.retry_failed().unwrap(), 1);
    let s = a.queue_status(10).unwrap();
    assert_eq!((s.failed, s.retried, s.enqueued_through), (0, 1, 4));
    assert_eq!(pg::backoff(1), Duration::from_secs(2));
    assert_eq!(pg::backoff(20), Duration::from_secs(300));
}

/// Three workers produce the stories one SQLite writer produces; a bad input and a panic are
/// failures with their names, the rest goes on; changed content updates in place.
#[test]
fn three_workers_match_one_process() {
    let Some(server) = TempPg::for_test("three_workers_match_one_process") else { return };
    let url = server.database("parity").unwrap();
    let arts = synth::articles(60, 11);
    let mut pg = Pg::connect(&url).unwrap();
    let mut queued = jobs(&arts[..30]);
    queued.insert(7, ("empty.txt".into(), Vec::new()));
    queued.insert(12, ("boom.txt".into(), b"PANIC".to_vec()));
    queued.insert(20, ("nul.txt".into(), b"NUL".to_vec()));
    pg.enqueue(&queued).unwrap();
    pg.enqueue(&jobs(&arts[30..])).unwrap();
    let summaries = drain(&url, 3);
    assert_eq!(summaries.iter().map(|s| s.done).sum::<usize>(), 60);
    assert_eq!(summaries.iter().map(|s| s.failed).sum::<usize>(), 3);
    assert!(summaries.iter().filter(|s| s.clustered > 0).count() >= 1);
    let status = pg.queue_status(10).unwrap();
    assert_eq!((status.done, status.failed, status.clustered_through), (60, 3, 63));
    let errors: Vec<(&str, &str)> = status.failures.iter().map(|f| (f.name.as_str(), f.error.as_str())).collect();
    assert_eq!(errors[0].0, "empty.txt");
    assert_eq!(errors[1], ("boom.txt", "reading panicked: a reader bug"));
    assert_eq!(errors[2].0, "nul.txt");
    assert!(
        errors[2].1.starts_with("the result cannot be stored: PostgreSQL: invalid byte sequence"),
        "{:?}",
        errors[2]
    );
    let c = pg.counts().unwrap();
    assert_eq!((c.articles, c.analyses, c.story_articles), (60, 60, 60));
    assert_eq!(pg::stories_document(&mut pg).unwrap(), sqlite_document(&arts, "parity-sqlite"));

    // The same again changes nothing; an edited article is updated in place, stories follow.
    let mut edited = arts.clone();
    edited[4].text.push_str("Tambahan: gudang zamrud ditemukan di tepi sungai.\n");
    pg.enqueue(&jobs(&edited)).unwrap();
    drain(&url, 2);
    let c = pg.counts().unwrap();
    assert_eq!((c.articles, c.story_articles), (60, 60));
    let mut both = arts.clone();
    both.extend(edited);
    assert_eq!(pg::stories_document(&mut pg).unwrap(), sqlite_document(&both, "parity-sqlite-2"));
    let changes: i64 = pg.client_for_tests().query_one("SELECT count(*) FROM changes", &[]).unwrap().get(0);
    assert_eq!(changes, 61, "60 added, 1 updated");
}

/// A job a worker completed as unchanged (the store held its content under its source) whose
/// source an earlier job changed meanwhile goes back for analysis and is placed as an update.
#[test]
fn a_stale_unchanged_shortcut_is_analysed_after_all() {
    let Some(server) = TempPg::for_test("a_stale_unchanged_shortcut_is_analysed_after_all") else { return };
    let url = server.database("shortcut").unwrap();
    let arts = synth::articles(10, 13);
    let mut pg = Pg::connect(&url).unwrap();
    pg.enqueue(&jobs(&arts)).unwrap();
    drain(&url, 1);
    let mut edited = arts[2].clone();
    edited.text.push_str("Tambahan: jembatan baru diresmikan.\n");
    pg.enqueue(&jobs(&[edited.clone(), arts[2].clone()])).unwrap();
    // Analysed without placing: the second job sees the store still holding its text.
    drain_with(&url, 1, false);
    let shortcut: Option<String> =
        pg.client_for_tests().query_one("SELECT analysis FROM job_results WHERE seq = 12", &[]).unwrap().get(0);
    assert!(shortcut.is_none(), "job 12 took the unchanged shortcut");
    drain(&url, 1);
    let (rev, must): (i32, bool) = {
        let c = pg.client_for_tests();
        let rev = c.query_one("SELECT rev FROM articles WHERE source = $1", &[&arts[2].name]).unwrap().get(0);
        let must = c.query_one("SELECT must_analyse FROM jobs WHERE seq = 12", &[]).unwrap().get(0);
        (rev, must)
    };
    assert_eq!((rev, must), (3, true), "edited, then back: two updates");
    let mut all = arts.clone();
    all.push(edited);
    all.push(arts[2].clone());
    assert_eq!(pg::stories_document(&mut pg).unwrap(), sqlite_document(&all, "shortcut-sqlite"));
}
