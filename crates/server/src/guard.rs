//! The server's defences at the edge, before a handler runs: the Host header checked against an
//! allow-list (DNS rebinding), a per-client rate limit (token buckets, a stricter one for
//! endpoints that write or cost money), and a deadline on every request (a slow body cannot
//! hold a worker). The header read timeout is set on each connection in [`crate::serve`].

use crate::api::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The server's limits (`warta serve --header-timeout --request-timeout --allowed-host
/// --rate-limit --cost-rate-limit`).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Longest time a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// Longest time one request may take, body and handler included (408 after it).
    pub request_timeout: Duration,
    /// Host names requests may carry.
    pub allowed_hosts: AllowedHosts,
    /// Requests per minute per client address (a burst of the same size); 0 = no limit.
    pub rate_per_minute: u32,
    /// Requests per minute per client to endpoints that write or cost (posting an article or a
    /// saved search, deleting one, machine translation); 0 = no limit.
    pub cost_rate_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            allowed_hosts: AllowedHosts::Loopback,
            rate_per_minute: 1200,
            cost_rate_per_minute: 30,
        }
    }
}

/// Which Host headers are served.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllowedHosts {
    /// Any (a server on a public address without `--allowed-host`).
    Any,
    /// `localhost` and loopback literals only: a page elsewhere cannot reach a local server
    /// through a DNS name rebound to 127.0.0.1.
    Loopback,
    /// These names (lower case, without port), plus the loopback ones.
    Only(Vec<String>),
}

impl AllowedHosts {
    /// Is a request carrying this Host header (name and optional port) served?
    pub fn allows(&self, host_header: Option<&str>) -> bool {
        let names = match self {
            AllowedHosts::Any => return true,
            AllowedHosts::Loopback => &[][..],
            AllowedHosts::Only(names) => &names[..],
        };
        let Some(host) = host_header.map(host_name) else { return false };
        is_loopback_name(&host) || names.contains(&host)
    }
}

/// The name of a Host header: lower case, port and IPv6 brackets removed.
fn host_name(h: &str) -> String {
    let h = h.trim();
    let name = if let Some(rest) = h.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        h.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(h, |(n, _)| n)
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

fn is_loopback_name(h: &str) -> bool {
    h == "localhost" || h.ends_with(".localhost") || h.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Token buckets per client address.
pub struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter { per_minute, buckets: Mutex::new(HashMap::new()) }
    }

    /// Take one token for `client` at `now`; `Err(wait)` when the bucket is empty.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let cap = f64::from(self.per_minute);
        let per_sec = cap / 60.0;
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 100_000 {
            // Forget clients whose bucket has refilled: they are as if new.
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * per_sec < cap);
        }
        let (tokens, at) = buckets.entry(client).or_insert((cap, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_sec).min(cap);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / per_sec))
        }
    }
}

/// The guard's state, shared by every request.
pub struct Guard {
    pub limits: Limits,
    all: RateLimiter,
    cost: RateLimiter,
}

impl Guard {
    pub fn new(limits: Limits) -> Self {
        Guard {
            all: RateLimiter::new(limits.rate_per_minute),
            cost: RateLimiter::new(limits.cost_rate_per_minute),
            limits,
        }
    }
}

/// Does this request write or cost (posting an article or a saved search, deleting one,
/// machine translation)?
fn costs(req: &Request) -> bool {
    req.method() == Method::POST || req.method() == Method::DELETE || req.uri().path().ends_with("/translation")
}

fn too_many(wait: Duration) -> Response {
    let secs = wait.as_secs() + 1;
    let mut res = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        format!("too many requests from this client: try again in {secs} s"),
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// The middleware: Host allow-list, rate limits, request deadline.
pub async fn check(State(guard): State<Arc<Guard>>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if !guard.limits.allowed_hosts.allows(host) {
        let shown = host.map(|h| h.chars().take(100).collect::<String>()).unwrap_or_else(|| "(none)".into());
        return ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!("host {shown:?} is not served here (start `warta serve` with --allowed-host NAME to serve it)"),
        )
        .into_response();
    }
    if let Some(ConnectInfo(addr)) = req.extensions().get::<ConnectInfo<SocketAddr>>() {
        let now = Instant::now();
        if let Err(wait) = guard.all.take(addr.ip(), now) {
            return too_many(wait);
        }
        if costs(&req)
            && let Err(wait) = guard.cost.take(addr.ip(), now)
        {
            return too_many(wait);
        }
    }
    match tokio::time::timeout(guard.limits.request_timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!("the request took longer than {} s", guard.limits.request_timeout.as_secs()),
        )
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_are_read_and_checked() {
        assert_eq!(host_name("Example.ORG:8080"), "example.org");
        assert_eq!(host_name("[::1]:8080"), "::1");
        assert_eq!(host_name("news.example."), "news.example");
        let loopback = AllowedHosts::Loopback;
        for ok in ["localhost:8080", "127.0.0.1:1", "[::1]:80", "app.localhost"] {
            assert!(loopback.allows(Some(ok)), "{ok}");
        }
        for bad in ["evil.example", "127.0.0.1.evil.example:80", "localhost.evil.example"] {
            assert!(!loopback.allows(Some(bad)), "{bad}");
        }
        assert!(!loopback.allows(None), "HTTP/1.1 needs a Host");
        let only = AllowedHosts::Only(vec!["warta.example".into()]);
        assert!(only.allows(Some("WARTA.example:443")) && only.allows(Some("localhost")));
        assert!(!only.allows(Some("other.example")));
        assert!(AllowedHosts::Any.allows(None));
    }

    #[test]
    fn buckets_empty_and_refill_per_client() {
        let r = RateLimiter::new(60);
        let t0 = Instant::now();
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        for _ in 0..60 {
            assert!(r.take(a, t0).is_ok());
        }
        let wait = r.take(a, t0).unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(r.take(b, t0).is_ok(), "another client has its own bucket");
        assert!(r.take(a, t0 + Duration::from_secs(2)).is_ok(), "one token a second comes back");
        assert!(RateLimiter::new(0).take(a, t0).is_ok(), "0 means no limit");
    }
}
