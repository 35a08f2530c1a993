//! The server's edge under hostile clients: a Host it does not serve (DNS rebinding), a client
//! over its rate limit, a client that trickles its headers (slowloris) — each refused clearly
//! while other clients are still served.

mod common;

use common::{Server, request};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use warta_server::Config;
use warta_server::guard::{AllowedHosts, Limits};

fn start(limits: Limits) -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_config(Config { data: dir.path().to_path_buf(), limits, ..Config::default() });
    (dir, server)
}

#[test]
fn a_host_that_is_not_served_gets_421() {
    let (_dir, server) = start(Limits::default());
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.write_all(b"GET /api/stories HTTP/1.1\r\nHost: rebound.evil.example\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 421"), "{raw}");
    assert!(raw.contains("--allowed-host"), "{raw}");
    // localhost and the address itself are served.
    assert_eq!(server.get("/api/stories").status, 200);

    let (_dir2, open) =
        start(Limits { allowed_hosts: AllowedHosts::Only(vec!["warta.example".into()]), ..Limits::default() });
    let mut s = TcpStream::connect(open.addr).unwrap();
    s.write_all(b"GET /api/stories HTTP/1.1\r\nHost: WARTA.example:8080\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
}

#[test]
fn a_client_over_its_rate_limit_gets_429_with_retry_after() {
    let (_dir, server) = start(Limits { rate_per_minute: 5, ..Limits::default() });
    for i in 0..5 {
        assert_eq!(server.get("/api/stories").status, 200, "request {i} is within the burst");
    }
    let r = server.get("/api/stories");
    assert_eq!(r.status, 429, "{}", r.text());
    let wait: u64 = r.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=13).contains(&wait), "{wait}");
    assert!(r.json()["error"].as_str().unwrap().contains("too many requests"));
}

#[test]
fn writing_and_costly_requests_have_their_own_stricter_limit() {
    let (_dir, server) = start(Limits { cost_rate_per_minute: 2, ..Limits::default() });
    let post = || request(server.addr, "POST", "/api/articles", &[("Content-Type", "application/json")], b"{}");
    // No token on this server: refused with 403, but each attempt still counts.
    assert_eq!(post().status, 403);
    assert_eq!(post().status, 403);
    assert_eq!(post().status, 429);
    assert_eq!(server.get("/api/stories").status, 200, "reading is not held back by the cost limit");
}

#[test]
fn a_client_trickling_its_headers_is_cut_off() {
    let (_dir, server) = start(Limits { header_timeout: Duration::from_secs(1), ..Limits::default() });
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    // One header byte now and then, never the blank line that ends them.
    let mut cut = false;
    for _ in 0..8 {
        std::thread::sleep(Duration::from_millis(400));
        if slow.write_all(b"X").is_err() {
            cut = true;
            break;
        }
    }
    let mut rest = Vec::new();
    let read = slow.read_to_end(&mut rest);
    assert!(cut || read.is_ok(), "the connection is closed by the server: {read:?}");
    assert!(started.elapsed() < Duration::from_secs(8), "closed after about the header timeout");
    // Others are served meanwhile and after.
    assert_eq!(server.get("/api/stories").status, 200);
}
