//! The PostgreSQL mode as processes against a throwaway server (skipped with a message when
//! PostgreSQL is not installed; required in CI with WARTA_PG_REQUIRED=1):
//! - parity: the detik 2025 set (../shared/data/news-detik-2025, skipped when absent) ingested
//!   into SQLite by one process, and enqueued into PostgreSQL for 3 `warta worker` processes,
//!   gives the same `warta export --format stories`;
//! - faults: workers (and with them the clusterer) killed with SIGKILL mid-run, again and
//!   again, and the database restarted mid-run: nothing lost or duplicated, same stories.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use warta_store::pgtest::TempPg;
use warta_store::synth;

fn warta(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta")).args(args).output().expect("run warta")
}

fn spawn_worker(url: &str, name: &str, lease: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["worker", "--data", url, "--until-drained", "--lease", lease, "--name", name])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a worker")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-cli-pg-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(out: Output, what: &str) -> String {
    assert!(out.status.success(), "{what}: {}\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn stories(data: &str) -> Value {
    serde_json::from_str(&ok(warta(&["export", "--data", data, "--format", "stories"]), "export")).unwrap()
}

fn queue(url: &str) -> Value {
    serde_json::from_str(&ok(warta(&["queue", "--data", url]), "queue")).unwrap()
}

fn shared(rel: &str) -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if root.join(rel).exists() {
        Some(root)
    } else {
        eprintln!("SKIPPED: ../shared/{rel} is absent");
        None
    }
}

/// The detik rows as JSON Lines `{source, url, title, text}`.
fn detik_jsonl(root: &Path, out: &Path) -> usize {
    let raw = std::fs::read_to_string(root.join("data/news-detik-2025/articles.csv")).unwrap();
    let rows = warta_engine::csv::parse(&raw);
    let h = &rows[0];
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let (title, url, body) = (col("judul"), col("tautan"), col("isi_berita"));
    let mut lines = String::new();
    for (i, r) in rows[1..].iter().enumerate() {
        let v =
            serde_json::json!({ "source": format!("detik-{i:04}"), "url": r[url], "title": r[title], "text": r[body] });
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    std::fs::write(out, lines).unwrap();
    rows.len() - 1
}

#[test]
fn detik_stories_are_the_same_with_three_workers() {
    let Some(root) = shared("data/news-detik-2025/articles.csv") else { return };
    let Some(server) = TempPg::for_test("detik_stories_are_the_same_with_three_workers") else { return };
    let dir = tmp("detik");
    let input = dir.join("detik.jsonl");
    let n = detik_jsonl(&root, &input);
    let data = dir.join("data");
    ok(warta(&["ingest", "--quiet", "--data", data.to_str().unwrap(), input.to_str().unwrap()]), "ingest sqlite");
    let one = stories(data.to_str().unwrap());

    let url = server.database("detik").unwrap();
    let summary: Value =
        serde_json::from_str(&ok(warta(&["ingest", "--data", &url, input.to_str().unwrap()]), "enqueue")).unwrap();
    assert_eq!(summary["enqueued"], n);
    let workers: Vec<Child> = (0..3).map(|i| spawn_worker(&url, &format!("w{i}"), "300")).collect();
    let mut done = 0;
    for w in workers {
        let out = w.wait_with_output().unwrap();
        let s: Value = serde_json::from_str(&ok(out, "worker")).unwrap();
        done += s["done"].as_u64().unwrap();
    }
    assert_eq!(done, n as u64, "each job analysed once");
    let q = queue(&url);
    assert_eq!((q["done"].as_u64(), q["failed"].as_u64()), (Some(n as u64), Some(0)), "{q}");
    assert_eq!(q["clustered_through"], n);
    let many = stories(&url);
    assert!(one["stories"].as_array().unwrap().len() > 10);
    assert_eq!(many, one, "3 workers on PostgreSQL give the stories one SQLite process gives");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn killed_workers_and_a_restarted_database_lose_nothing() {
    let Some(server) = TempPg::for_test("killed_workers_and_a_restarted_database_lose_nothing") else { return };
    let dir = tmp("faults");
    let files = dir.join("in");
    synth::write(&files, 120, 21).unwrap();
    let data = dir.join("data");
    ok(warta(&["ingest", "--quiet", "--data", data.to_str().unwrap(), files.to_str().unwrap()]), "ingest sqlite");
    let one = stories(data.to_str().unwrap());

    let url = server.database("faults").unwrap();
    ok(warta(&["ingest", "--quiet", "--data", &url, files.to_str().unwrap()]), "enqueue");
    // Kill a worker (the clusterer among them) every 400 ms, start a new one; restart the
    // database once on the way.
    let started = Instant::now();
    let mut workers: Vec<Child> = (0..3).map(|i| spawn_worker(&url, &format!("k{i}"), "2")).collect();
    let mut kills = 0;
    let mut live_kills = 0;
    let mut restarted = false;
    while kills < 12 && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(400));
        let mut victim = workers.remove(kills % workers.len());
        if victim.try_wait().unwrap().is_none() {
            live_kills += 1;
        }
        let _ = victim.kill();
        let _ = victim.wait();
        kills += 1;
        if kills == 6 && !restarted {
            server.restart().unwrap();
            restarted = true;
        }
        workers.push(spawn_worker(&url, &format!("k{}", kills + 3), "2"));
    }
    for w in workers {
        let out = w.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(live_kills >= 3, "only {live_kills} kills hit a running worker");
    let q = queue(&url);
    assert_eq!((q["done"].as_u64(), q["failed"].as_u64()), (Some(120), Some(0)), "{q}");
    assert_eq!(q["clustered_through"], 120);
    let many = stories(&url);
    let articles: usize =
        many["stories"].as_array().unwrap().iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(articles, 120, "every article once");
    assert_eq!(many, one, "stories as one process makes them, after {kills} kills and a restart");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A tiny feed server: robots.txt 404, `/feed` an RSS feed with two full-text items.
fn feed_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let items: String = ["Jalan tol dibuka", "Pipa air diperbaiki"]
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let body: String = (1..=7)
                .map(|k| format!("<p>Bagian {k}: {title} di selatan kota setelah uji kelayakan selesai pekan lalu, kata pejabat dinas.</p>"))
                .collect();
            format!(
                "<item><title>{title}</title><link>{base}/berita/{i}</link><pubDate>Mon, 10 Jun 2024 08:00:00 +0700</pubDate>\
                 <content:encoded><![CDATA[{body}]]></content:encoded></item>"
            )
        })
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Uji</title>{items}</channel></rss>"
    );
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(&stream);
            let _ = reader.read_line(&mut line);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let (status, body) =
                if line.contains(" /feed ") { ("200 OK", feed.as_str()) } else { ("404 Not Found", "") };
            let mut s = &stream;
            let _ = write!(s, "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        }
    });
    base
}

#[test]
fn watch_enqueues_into_postgres_and_remembers_urls() {
    let Some(server) = TempPg::for_test("watch_enqueues_into_postgres_and_remembers_urls") else { return };
    let url = server.database("watch").unwrap();
    let feed = format!("{}/feed", feed_server());
    let watch = || -> Value {
        let out = ok(
            warta(&["watch", "--once", "--allow-host", "127.0.0.1", "--host-delay", "0", "--data", &url, &feed]),
            "watch",
        );
        serde_json::from_str(out.lines().last().unwrap()).unwrap()
    };
    let first = watch();
    assert_eq!((first["enqueued"].as_u64(), first["failed"].as_u64()), (Some(2), Some(0)), "{first}");
    assert_eq!(queue(&url)["pending"], 2);
    ok(spawn_worker(&url, "w", "300").wait_with_output().unwrap(), "worker");
    let q = queue(&url);
    assert_eq!((q["done"].as_u64(), q["clustered_through"].as_u64()), (Some(2), Some(2)), "{q}");
    let again = watch();
    assert_eq!((again["already_seen"].as_u64(), again.get("enqueued")), (Some(2), None), "{again}");
    let doc = stories(&url);
    let n: usize = doc["stories"].as_array().unwrap().iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(n, 2);
}

/// `warta cluster up`: workers drain the queue; one killed with SIGKILL is started again; the
/// API node serves the database's stories from its replica; SIGINT stops them all.
#[test]
fn cluster_up_supervises_workers() {
    let Some(server) = TempPg::for_test("cluster_up_supervises_workers") else { return };
    let url = server.database("cluster").unwrap();
    let dir = tmp("cluster");
    synth::write(&dir.join("in"), 30, 5).unwrap();
    let api = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap()
    };
    let mut cluster = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["cluster", "up", "--workers", "2", "--api", "1", "--data", &url, "--api-addr", &api.to_string()])
        .arg("--replicas")
        .arg(dir.join("replicas"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    // Two workers and one API node; SIGKILL a worker: the supervisor starts another.
    let children = Command::new("pgrep").args(["-P", &cluster.id().to_string()]).output().unwrap();
    let pids: Vec<String> = String::from_utf8_lossy(&children.stdout).split_whitespace().map(String::from).collect();
    assert_eq!(pids.len(), 3, "two workers and an API node: {pids:?}");
    let worker = pids
        .iter()
        .find(|pid| {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            cmd.split(|&b| b == 0).any(|arg| arg == b"worker")
        })
        .expect("a worker among the children");
    Command::new("kill").args(["-KILL", worker]).status().unwrap();
    ok(warta(&["ingest", "--quiet", "--data", &url, dir.join("in").to_str().unwrap()]), "enqueue");
    let started = Instant::now();
    while queue(&url)["clustered_through"] != 30 {
        assert!(started.elapsed() < Duration::from_secs(120), "not drained: {}", queue(&url));
        std::thread::sleep(Duration::from_millis(200));
    }
    // The API node follows the changes feed: every article's story is served.
    let served = || -> Option<usize> {
        let mut res = ureq::get(format!("http://{api}/api/stories?limit=200")).call().ok()?;
        let page: Value = serde_json::from_str(&res.body_mut().read_to_string().ok()?).ok()?;
        Some(page["stories"].as_array()?.iter().filter_map(|s| s["article_count"].as_u64()).sum::<u64>() as usize)
    };
    while served() != Some(30) {
        assert!(started.elapsed() < Duration::from_secs(180), "the API node serves {:?} articles", served());
        std::thread::sleep(Duration::from_millis(200));
    }
    Command::new("kill").args(["-INT", &cluster.id().to_string()]).status().unwrap();
    let status = cluster.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(cluster.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(status.success(), "{status}: {err}");
    assert!(err.contains("starting it again") && err.contains("cluster stopped (1 restarts)"), "{err}");
    assert_eq!(queue(&url)["done"], 30);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `warta serve --data postgres://...`: the node's replica catches up with the changes feed
/// before serving, follows it while serving (new articles appear without a restart of the node),
/// reconnects when the database restarts under it, and ends with the database's stories.
#[test]
fn serve_follows_the_changes_feed_into_its_replica() {
    use std::io::{BufRead, BufReader};
    let Some(server) = TempPg::for_test("serve_follows_the_changes_feed_into_its_replica") else { return };
    let url = server.database("serve").unwrap();
    let dir = tmp("serve");
    synth::write(&dir.join("a"), 30, 8).unwrap();
    synth::write(&dir.join("b"), 20, 9).unwrap();
    let drain = || ok(spawn_worker(&url, "w", "300").wait_with_output().unwrap(), "worker");
    ok(warta(&["ingest", "--quiet", "--data", &url, dir.join("a").to_str().unwrap()]), "enqueue a");
    drain();
    let replica = dir.join("replica");
    let mut serve = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["serve", "--data", &url, "--replica", replica.to_str().unwrap(), "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(serve.stderr.take().unwrap()).lines();
    let mut log = String::new();
    let addr = loop {
        let line = lines.next().expect("serve exited").unwrap();
        log.push_str(&line);
        log.push('\n');
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    assert!(log.contains("30 changes applied"), "{log}");
    std::thread::spawn(move || for _ in lines {});
    let get = |path: &str| -> Value {
        let mut res = ureq::get(format!("http://{addr}{path}")).call().unwrap();
        serde_json::from_str(&res.body_mut().read_to_string().unwrap()).unwrap()
    };
    let position = || -> i64 {
        std::fs::read(replica.join(warta_store::pg::POSITION_FILE))
            .ok()
            .and_then(|raw| serde_json::from_slice::<Value>(&raw).ok())
            .and_then(|v| v["change"].as_i64())
            .unwrap_or(0)
    };
    assert!(get("/api/stories").to_string().contains("\"id\""));
    // The database restarts under the serving node: its follower reconnects and carries on.
    server.restart().unwrap();
    // New articles while the node serves: enqueued, analysed, placed, then followed.
    ok(warta(&["ingest", "--quiet", "--data", &url, dir.join("b").to_str().unwrap()]), "enqueue b");
    drain();
    let mut pg = warta_store::pg::Pg::connect(&url).unwrap();
    let last: i64 = pg.client_for_tests().query_one("SELECT max(id) FROM changes", &[]).unwrap().get(0);
    let started = Instant::now();
    while position() < last {
        assert!(started.elapsed() < Duration::from_secs(60), "the replica stayed at change {}", position());
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = serve.kill();
    let _ = serve.wait();
    let from_replica = stories(replica.to_str().unwrap());
    let n: usize =
        from_replica["stories"].as_array().unwrap().iter().map(|s| s["articles"].as_array().unwrap().len()).sum();
    assert_eq!(n, 50);
    assert_eq!(from_replica, stories(&url), "the replica's stories are the database's");
    std::fs::remove_dir_all(&dir).unwrap();
}
