//! `warta watch --once` against a local HTTP server started by the test: robots.txt honoured,
//! conditional requests (ETag → 304), per-host interval, Retry-After, full-text feed items
//! ingested without fetching, summary items fetched, nothing fetched twice. Texts are ours.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
struct Req {
    path: String,
    headers: Vec<(String, String)>,
    at: Instant,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn page(topic: &str) -> String {
    format!(
        "<html lang=\"id\"><head><title>{topic}</title></head><body><article><h1>{topic}</h1>\
<p>BANDUNG - Dinas setempat menjelaskan bahwa {topic} akan berlangsung selama tiga pekan mulai Senin depan.</p>\
<p>Seorang warga mengatakan ia berharap {topic} selesai tepat waktu agar kegiatan sehari-hari kembali normal.</p>\
<p>Pemerintah provinsi juga menyiapkan posko pengaduan bagi warga yang terdampak oleh {topic} tersebut.</p>\
</article></body></html>"
    )
}

fn feed(base: &str) -> String {
    // Above the 500-character full-text threshold (warta_sources::feed::FULL_TEXT_MIN_CHARS).
    let full: String = (1..=7)
        .map(|i| format!("<p>Bagian {i}: jalan tol baru di selatan kota dibuka untuk umum setelah uji kelayakan selesai pekan lalu.</p>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kabar Uji</title>
<item><title>Jalan tol dibuka</title><link>{base}/berita/a</link><pubDate>Mon, 10 Jun 2024 08:00:00 +0700</pubDate><content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Perbaikan pipa</title><link>{base}/berita/b</link><pubDate>Tue, 11 Jun 2024 08:00:00 +0700</pubDate><description>Perbaikan pipa air dimulai.</description></item>
<item><title>Rahasia</title><link>{base}/rahasia/c</link><description>Jangan diambil.</description></item>
<item><title>Penataan pasar</title><link>{base}/sibuk/d</link><pubDate>Wed, 12 Jun 2024 08:00:00 +0700</pubDate><description>Pasar ditata ulang.</description></item>
</channel></rss>"#
    )
}

fn respond(mut s: &TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
}

/// Serve robots.txt, the feed (ETag "v1", 304 on If-None-Match) and the pages; /sibuk/ answers
/// 503 with Retry-After: 1 the first time. Every request is recorded.
fn server() -> (String, Arc<Mutex<Vec<Req>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Arc<Mutex<Vec<Req>>> = Arc::default();
    let (log2, base2) = (log.clone(), base.clone());
    std::thread::spawn(move || {
        let mut busy_served = false;
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut r = BufReader::new(&stream);
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            let req = Req { path: path.clone(), headers, at: Instant::now() };
            log2.lock().unwrap().push(req.clone());
            let html = vec![("Content-Type", "text/html; charset=utf-8".to_string())];
            match path.as_str() {
                "/robots.txt" => respond(
                    &stream,
                    "200 OK",
                    &[("Content-Type", "text/plain".into())],
                    b"User-agent: *\nDisallow: /rahasia/\n\nUser-agent: lainbot\nDisallow: /\n",
                ),
                "/feed.xml" => {
                    if req.header("If-None-Match") == Some("\"v1\"") {
                        respond(&stream, "304 Not Modified", &[("ETag", "\"v1\"".into())], b"");
                    } else {
                        respond(
                            &stream,
                            "200 OK",
                            &[
                                ("Content-Type", "application/rss+xml".into()),
                                ("ETag", "\"v1\"".into()),
                                ("Last-Modified", "Wed, 12 Jun 2024 09:00:00 GMT".into()),
                            ],
                            feed(&base2).as_bytes(),
                        );
                    }
                }
                "/berita/b" => respond(&stream, "200 OK", &html, page("perbaikan pipa").as_bytes()),
                "/rahasia/c" => respond(&stream, "200 OK", &html, page("rahasia").as_bytes()),
                "/sibuk/d" if !busy_served => {
                    busy_served = true;
                    respond(&stream, "503 Service Unavailable", &[("Retry-After", "1".into())], b"sibuk");
                }
                "/sibuk/d" => respond(&stream, "200 OK", &html, page("penataan pasar").as_bytes()),
                _ => respond(&stream, "404 Not Found", &[], b"tidak ada"),
            }
        }
    });
    (base, log)
}

fn data_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("warta-watch-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn watch_once_is_polite_and_incremental() {
    let (base, log) = server();
    let data = data_dir();
    let feed_url = format!("{base}/feed.xml");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_warta"))
            .args(["watch", "--once", "--allow-host", "127.0.0.1", "--host-delay", "0.3", "--data"])
            .arg(&data)
            .arg(&feed_url)
            .output()
            .unwrap()
    };

    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["ingested_from_feed"], 1, "{summary}");
    assert_eq!(summary["ingested_from_page"], 2, "{summary}");
    assert_eq!(summary["disallowed"], 1, "{summary}");
    let first: Vec<Req> = log.lock().unwrap().clone();
    let paths: Vec<&str> = first.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/robots.txt", "/feed.xml", "/berita/b", "/sibuk/d", "/sibuk/d"]);
    assert!(!paths.contains(&"/rahasia/c"), "robots.txt disallows it");
    assert!(!paths.contains(&"/berita/a"), "a full-text item is not fetched");
    assert!(first.iter().all(|r| r.header("User-Agent").is_some_and(|u| u.starts_with("warta/"))));
    for w in first.windows(2) {
        let gap = w[1].at - w[0].at;
        assert!(gap >= Duration::from_millis(280), "{} → {} after {gap:?}", w[0].path, w[1].path);
    }
    let retry_gap = first[4].at - first[3].at;
    assert!(retry_gap >= Duration::from_millis(950), "Retry-After: 1 respected ({retry_gap:?})");

    let export = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["export", "--format", "jsonl", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let analyses: Vec<serde_json::Value> =
        String::from_utf8_lossy(&export.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut sources: Vec<String> = analyses.iter().map(|a| a["source"].as_str().unwrap().to_string()).collect();
    sources.sort();
    assert_eq!(sources, ["a", "b", "d"].map(|x| format!("{base}/{}/{x}", if x == "d" { "sibuk" } else { "berita" })));
    let b = analyses.iter().find(|a| a["source"].as_str().unwrap().ends_with("/berita/b")).unwrap();
    assert_eq!(b["published"]["value"], "2024-06-11", "the feed's date");
    assert_eq!(b["title"], "perbaikan pipa", "the page's title");

    // Second poll: the validators are sent, the feed answers 304, nothing is fetched or ingested.
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["not_modified"], 1, "{summary}");
    assert_eq!(summary["ingested_from_page"], 0);
    let all = log.lock().unwrap().clone();
    let second = &all[first.len()..];
    let paths: Vec<&str> = second.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/robots.txt", "/feed.xml"]);
    assert_eq!(second[1].header("If-None-Match"), Some("\"v1\""));
    assert_eq!(second[1].header("If-Modified-Since"), Some("Wed, 12 Jun 2024 09:00:00 GMT"));
    std::fs::remove_dir_all(&data).ok();
}

/// robots.txt behind a redirect (http → a second path, as sites moving to https do): the
/// redirect is followed and the rules at its end are honoured.
#[test]
fn robots_txt_redirect_is_followed() {
    let (base, log) = tiny_server(|path, base| match path {
        "/robots.txt" => ("301 Moved Permanently", vec![("Location", "/pindah/robots.txt".into())], vec![]),
        "/pindah/robots.txt" => ("200 OK", vec![], b"User-agent: warta\nDisallow: /berita/b\n".to_vec()),
        "/feed.xml" => ("200 OK", vec![("Content-Type", "application/rss+xml".into())], feed(base).into_bytes()),
        "/sibuk/d" => {
            ("200 OK", vec![("Content-Type", "text/html; charset=utf-8".into())], page("penataan pasar").into_bytes())
        }
        _ => ("404 Not Found", vec![], b"tidak ada".to_vec()),
    });
    let data = std::env::temp_dir().join(format!("warta-watch-test-robots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["watch", "--once", "--allow-host", "127.0.0.1", "--host-delay", "0.05", "--data"])
        .arg(&data)
        .arg(format!("{base}/feed.xml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // /berita/b is disallowed by the redirected robots.txt; /rahasia/c is not (only `*` named
    // it in the other test) and answers 404 here, so the run reports a failure.
    assert_eq!(summary["disallowed"], 1, "{summary} {stderr}");
    assert_eq!(summary["ingested_from_feed"], 1, "{summary}");
    assert_eq!(summary["ingested_from_page"], 1, "{summary}");
    assert!(stderr.contains("/rahasia/c: HTTP 404"), "{stderr}");
    let paths = log.lock().unwrap().clone();
    assert_eq!(paths, ["/robots.txt", "/pindah/robots.txt", "/feed.xml", "/rahasia/c", "/sibuk/d"]);
    std::fs::remove_dir_all(&data).ok();
}

type Route = (&'static str, Vec<(&'static str, String)>, Vec<u8>);

/// A small server answering each path with `route(path, base)`; the paths asked are logged.
fn tiny_server(route: fn(&str, &str) -> Route) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let (log2, base2) = (log.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut r = BufReader::new(&stream);
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            log2.lock().unwrap().push(path.clone());
            let (status, headers, body) = route(&path, &base2);
            respond(&stream, status, &headers, &body);
        }
    });
    (base, log)
}

fn watch_once(data: &std::path::Path, extra: &[&str], feed_url: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["watch", "--once", "--host-delay", "0"])
        .args(extra)
        .arg("--data")
        .arg(data)
        .arg(feed_url)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A feed may not lead warta inside the network: a loopback feed is refused before any
/// connection unless its host is allowed, and an allowed host's redirect to another loopback
/// name is refused at that hop (the check runs on every connection's resolved addresses).
#[test]
fn private_targets_are_refused_even_after_a_redirect() {
    let (base, log) = tiny_server(|path, base| match path {
        "/robots.txt" => ("200 OK", vec![], b"User-agent: *\nAllow: /\n".to_vec()),
        "/feed.xml" => (
            "200 OK",
            vec![("Content-Type", "application/rss+xml".into())],
            format!(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Uji</title>
<item><title>Pindah</title><link>{base}/pindah</link><description>Ringkas.</description></item>
</channel></rss>"#
            )
            .into_bytes(),
        ),
        "/pindah" => {
            let port = base.rsplit(':').next().unwrap_or_default();
            ("302 Found", vec![("Location", format!("http://localhost:{port}/berita/x"))], vec![])
        }
        _ => ("200 OK", vec![("Content-Type", "text/html".into())], page("jalan desa").into_bytes()),
    });
    let data = std::env::temp_dir().join(format!("warta-watch-test-ssrf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let feed_url = format!("{base}/feed.xml");

    let (code, _, stderr) = watch_once(&data, &[], &feed_url);
    assert_ne!(code, Some(0), "{stderr}");
    assert!(stderr.contains("127.0.0.1 resolves to loopback address 127.0.0.1"), "{stderr}");
    assert!(stderr.contains("--allow-host"), "the refusal says how to allow it: {stderr}");
    assert!(!stderr.contains("disallowed by robots.txt"), "a refused host is not called disallowed: {stderr}");
    assert!(log.lock().unwrap().is_empty(), "no connection was made: {:?}", log.lock().unwrap());

    let (_, stdout, stderr) = watch_once(&data, &["--allow-host", "127.0.0.1"], &feed_url);
    assert!(stderr.contains("localhost resolves to loopback address"), "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["failed"], 1, "{summary}");
    assert_eq!(*log.lock().unwrap(), ["/robots.txt", "/feed.xml", "/pindah"], "the redirect target was never asked");
    std::fs::remove_dir_all(&data).ok();
}

/// A robots.txt longer than the cap is honoured up to the cap (it used to be read as empty,
/// which allows everything), with a warning naming it.
#[test]
fn a_robots_txt_over_the_cap_is_honoured_up_to_the_cap() {
    let (base, log) = tiny_server(|path, base| match path {
        "/robots.txt" => {
            let mut body = b"User-agent: *\nDisallow: /rahasia/\n".to_vec();
            while body.len() < 700 * 1024 {
                body.extend_from_slice(b"# catatan panjang untuk pengujian batas ukuran berkas\n");
            }
            ("200 OK", vec![("Content-Type", "text/plain".into())], body)
        }
        "/feed.xml" => ("200 OK", vec![("Content-Type", "application/rss+xml".into())], feed(base).into_bytes()),
        "/berita/b" | "/sibuk/d" | "/rahasia/c" => {
            ("200 OK", vec![("Content-Type", "text/html".into())], page("pasar").into_bytes())
        }
        _ => ("404 Not Found", vec![], b"tidak ada".to_vec()),
    });
    let data = std::env::temp_dir().join(format!("warta-watch-test-bigrobots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let (code, stdout, stderr) = watch_once(&data, &["--allow-host", "127.0.0.1"], &format!("{base}/feed.xml"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("robots.txt is over 524288 bytes (--max-robots-bytes)"), "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["disallowed"], 1, "{summary}");
    assert!(!log.lock().unwrap().iter().any(|p| p == "/rahasia/c"), "{:?}", log.lock().unwrap());
    std::fs::remove_dir_all(&data).ok();
}

/// A host that is down or silent is reported as such, never as "disallowed by robots.txt":
/// a closed port is "host unreachable", a server that never answers "timed out".
#[test]
fn a_down_or_silent_host_says_what_failed() {
    let data = std::env::temp_dir().join(format!("warta-watch-test-down-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let feed_url = format!("http://127.0.0.1:{closed}/feed.xml");
    let (code, stdout, stderr) = watch_once(&data, &["--allow-host", "127.0.0.1"], &feed_url);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("host unreachable"), "{stderr}");
    assert!(!stderr.contains("disallowed"), "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["disallowed"], 0, "{summary}");

    // A server that accepts and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let held = std::thread::spawn(move || {
        let mut conns = Vec::new();
        for c in silent.incoming().take(2).flatten() {
            conns.push(c);
        }
        std::thread::sleep(std::time::Duration::from_secs(5));
    });
    let feed_url = format!("http://127.0.0.1:{port}/feed.xml");
    let (code, _, stderr) = watch_once(&data, &["--allow-host", "127.0.0.1", "--timeout", "1"], &feed_url);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("timed out"), "{stderr}");
    assert!(!stderr.contains("disallowed"), "{stderr}");
    drop(held);
    std::fs::remove_dir_all(&data).ok();
}

/// Ctrl-C (SIGINT) between polls ends `warta watch` cleanly: the poll's summary was printed,
/// the exit code is 0 and the process does not wait out its interval.
#[cfg(unix)]
#[test]
fn ctrl_c_between_polls_stops_the_watch() {
    use std::io::Read;
    let (base, _log) = tiny_server(|path, _| match path {
        "/robots.txt" => ("200 OK", vec![], b"User-agent: *\nAllow: /\n".to_vec()),
        _ => (
            "200 OK",
            vec![("Content-Type", "application/rss+xml".into())],
            br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Kosong</title></channel></rss>"#.to_vec(),
        ),
    });
    let data = std::env::temp_dir().join(format!("warta-watch-test-sigint-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["watch", "--interval", "3600", "--host-delay", "0", "--allow-host", "127.0.0.1", "--data"])
        .arg(&data)
        .arg(format!("{base}/feed.xml"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // the first poll's summary line: the watch is now waiting for its next poll
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line:?}"));
    assert_eq!(summary["feeds"], 1, "{summary}");
    let sent = Instant::now();
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(sent.elapsed() < Duration::from_secs(10), "still running 10 s after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    std::fs::remove_dir_all(&data).ok();
}
