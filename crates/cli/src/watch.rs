//! `warta watch FEED-URL...`: poll RSS/Atom feeds politely and ingest new articles into the
//! store, through the same writer as `warta ingest`.
//!
//! Politeness (the network edge; the rules themselves are pure, `warta_sources::robots`):
//! - robots.txt is fetched once per host (scheme + authority) per run and honoured for every
//!   request (feed, article, redirect target); its `Crawl-delay` raises the host interval.
//!   A 4xx robots.txt allows everything; a 5xx one disallows the host for this run (RFC
//!   9309); an unreachable host's URLs fail with the reason (not "disallowed"). A robots.txt
//!   over `--max-robots-bytes` is honoured up to that size.
//! - Network safety: every connection's addresses are checked after name resolution, so a
//!   feed item, a redirect or a DNS answer pointing at loopback, private, link-local or
//!   reserved addresses is refused (`warta_sources::net`; `--allow-host` for intranets).
//!   Every fetch has a timeout (`--timeout`) and a size cap (`--max-bytes`).
//! - At least `--host-delay` seconds between two requests to one host (default 5).
//! - Conditional requests: the ETag and Last-Modified of a feed's last 200 are sent as
//!   If-None-Match / If-Modified-Since; a 304 means nothing new.
//! - 429 / 503 with Retry-After (seconds or an HTTP date): the host is left alone that long
//!   (up to `--max-retry-after`), then the request is tried once more.
//! - A descriptive User-Agent (`--user-agent`), timeouts (`--timeout`), redirects followed
//!   by hand (at most 5), each hop checked against robots.txt.
//! - An article URL already ingested (or gone: 404/410) is never fetched again: state in the
//!   store's SQLite file (`warta_store::watch`).

use anyhow::Result;
use clap::Args as ClapArgs;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use ureq::http::Uri;
use warta_sources::robots::{Robots, Rules};
use warta_sources::{Body, Document, feed};
use warta_store::Store;
use warta_store::watch::{Validators, WatchState};

/// The default User-Agent: product token `warta` (what robots.txt groups name).
pub const DEFAULT_USER_AGENT: &str =
    concat!("warta/", env!("CARGO_PKG_VERSION"), " (news-intelligence feed reader; honours robots.txt)");

#[derive(ClapArgs)]
pub struct Args {
    /// The store: a data directory, or a PostgreSQL URL (articles are then enqueued for
    /// `warta worker`s; default: $WARTA_DATA, else ./warta-data).
    #[arg(long, value_name = "DIR|URL")]
    pub data: Option<PathBuf>,
    /// Seconds between two polls of the feeds.
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    pub interval: u64,
    /// Poll each feed once and exit (for scripts and tests).
    #[arg(long)]
    pub once: bool,
    /// New articles taken from one feed per poll at most (the rest wait for the next poll).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_per_poll: usize,
    /// The User-Agent sent with every request; its product token (before '/') is matched
    /// against robots.txt groups.
    #[arg(long, value_name = "UA", default_value = DEFAULT_USER_AGENT)]
    pub user_agent: String,
    /// Minimum seconds between two requests to one host (robots.txt Crawl-delay raises it).
    #[arg(long, value_name = "SECS", default_value_t = 5.0)]
    pub host_delay: f64,
    /// Seconds before a request is given up.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    /// Longest Retry-After (seconds) waited for; a longer one skips the request this poll.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub max_retry_after: u64,
    /// Largest feed or page accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Largest robots.txt read, in bytes: a longer one is read up to this size and the rest
    /// ignored (RFC 9309 asks for at least 500 KiB), with a warning naming the host.
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024)]
    pub max_robots_bytes: usize,
    /// A host that may be fetched although it resolves to a loopback, private, link-local or
    /// reserved address (an intranet feed server); repeatable. Without it every such target is
    /// refused, also after a redirect, so a feed cannot lead warta inside the network.
    #[arg(long, value_name = "HOST")]
    pub allow_host: Vec<String>,
    /// After each poll, POST to this URL a JSON object `{"poll", "alerts": [...]}` naming, for
    /// each saved search (`warta saved`) that matches articles ingested by the poll, the
    /// search, the count, the best 20 matching articles and their stories with the timeline
    /// entries those articles report (`changes`: what moved in each story). Nothing is sent when
    /// nothing new matches. A failed delivery is named on stderr (exit 1). Data directory only.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// No per-poll summary on stdout (errors still go to stderr).
    #[arg(long, short)]
    pub quiet: bool,
    /// Feed URLs (RSS 2.0, RSS 1.0/RDF or Atom; http or https).
    #[arg(required = true, value_name = "FEED-URL")]
    pub feeds: Vec<String>,
}

static STOP: AtomicBool = AtomicBool::new(false);

fn stopping() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// What went wrong when a request got no HTTP answer, in words a user acts on: the host did
/// not answer in time, its name does not resolve, the connection failed or was refused, or the
/// address was refused by the network guard (the resolver's own message).
pub(crate) fn network_failure(e: &ureq::Error) -> String {
    use std::io::ErrorKind as K;
    match e {
        ureq::Error::Timeout(t) => format!("timed out: the host did not answer in time ({t}; see --timeout)"),
        ureq::Error::HostNotFound => "host not found: its name does not resolve (DNS)".into(),
        ureq::Error::ConnectionFailed => "host unreachable: the connection failed".into(),
        ureq::Error::Io(io) => match io.kind() {
            K::ConnectionRefused => format!("host unreachable: connection refused ({io})"),
            K::TimedOut => format!("timed out: the host did not answer in time ({io}; see --timeout)"),
            K::ConnectionReset | K::ConnectionAborted | K::HostUnreachable | K::NetworkUnreachable => {
                format!("host unreachable: {io}")
            }
            _ => io.to_string(),
        },
        other => other.to_string(),
    }
}

/// One response, after robots.txt and the host's interval were respected.
enum Fetched {
    Ok {
        url: String,
        body: Vec<u8>,
        content_type: Option<String>,
        validators: Validators,
    },
    NotModified,
    Disallowed(String),
    /// A final status that is not 2xx/304 (after any Retry-After wait).
    Status(u16),
}

struct Host {
    rules: Rules,
    /// Why the host could not be reached for its robots.txt (refused address, DNS, connection):
    /// its URLs fail with this reason for the run instead of being called disallowed.
    unreachable: Option<String>,
    delay: Duration,
    last: Option<Instant>,
    not_before: Option<Instant>,
}

/// The polite HTTP client: one per run.
struct Fetcher {
    agent: ureq::Agent,
    ua: String,
    host_delay: Duration,
    max_retry_after: Duration,
    max_bytes: usize,
    max_robots_bytes: usize,
    hosts: HashMap<String, Host>,
}

/// The name resolver of every request: the system's, then the SSRF guard
/// ([`warta_sources::net::refusal`]) over every address the name resolved to. It runs for each
/// connection, so redirects and changing DNS answers are checked too.
#[derive(Debug)]
struct GuardedResolver {
    inner: ureq::unversioned::resolver::DefaultResolver,
    allow: warta_sources::net::AllowList,
}

impl ureq::unversioned::resolver::Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let ips: Vec<std::net::IpAddr> = addrs.iter().map(|a| a.ip()).collect();
        let host = uri.host().unwrap_or_default();
        match warta_sources::net::refusal(host, &ips, &self.allow) {
            None => Ok(addrs),
            Some(why) => Err(ureq::Error::Io(std::io::Error::new(std::io::ErrorKind::PermissionDenied, why))),
        }
    }
}

fn host_key(uri: &Uri) -> Option<String> {
    Some(format!("{}://{}", uri.scheme_str()?, uri.authority()?.as_str().to_ascii_lowercase()))
}

fn path_of(uri: &Uri) -> String {
    uri.path_and_query().map(|p| p.as_str().to_string()).filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into())
}

/// Resolve a redirect's Location against the URL it came from.
fn resolve(base: &Uri, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.to_string();
    }
    let origin = host_key(base).unwrap_or_default();
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}:{}{rest}", base.scheme_str().unwrap_or("http"), "//");
    }
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = base.path();
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{dir}{location}")
}

/// Retry-After: delta seconds, or an HTTP date.
fn retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let now = jiff::Timestamp::now();
    let secs = when.as_second() - now.as_second();
    Some(Duration::from_secs(secs.max(0) as u64))
}

impl Fetcher {
    fn new(args: &Args) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(args.timeout)))
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        let resolver =
            GuardedResolver { inner: Default::default(), allow: warta_sources::net::AllowList::new(&args.allow_host) };
        let connector = ureq::unversioned::transport::DefaultConnector::default();
        Fetcher {
            agent: ureq::Agent::with_parts(config, connector, resolver),
            ua: args.user_agent.clone(),
            host_delay: Duration::from_secs_f64(args.host_delay.max(0.0)),
            max_retry_after: Duration::from_secs(args.max_retry_after),
            max_bytes: args.max_bytes,
            max_robots_bytes: args.max_robots_bytes,
            hosts: HashMap::new(),
        }
    }

    /// Wait until the host may be asked again, then note the request.
    fn wait_turn(&mut self, key: &str) {
        let default_delay = self.host_delay;
        let host = self.hosts.entry(key.to_string()).or_insert_with(|| Host {
            rules: Rules::default(),
            unreachable: None,
            delay: default_delay,
            last: None,
            not_before: None,
        });
        let now = Instant::now();
        let mut until = host.last.map(|l| l + host.delay).unwrap_or(now);
        if let Some(nb) = host.not_before {
            until = until.max(nb);
        }
        if until > now {
            std::thread::sleep(until - now);
        }
        host.last = Some(Instant::now());
    }

    /// robots.txt of the host, fetched once. Redirects are followed (5 hops at most, RFC 9309
    /// §2.3.1.2), each hop after the host's interval.
    fn ensure_robots(&mut self, key: &str) {
        if self.hosts.contains_key(key) {
            return;
        }
        let disallow_all = || Robots::parse("User-agent: *\nDisallow: /\n");
        let first = format!("{key}/robots.txt");
        let mut url = first.clone();
        let mut robots = None;
        let mut unreachable = None;
        for _hop in 0..=5 {
            self.wait_turn(key);
            let result = self.agent.get(&url).header("User-Agent", &self.ua).call();
            let mut resp = match result {
                Ok(resp) => resp,
                Err(e) => {
                    // Not reachable (refused address, DNS, connection, timeout): its URLs
                    // fail with this reason for the run.
                    unreachable = Some(format!("{url}: {}", network_failure(&e)));
                    robots = Some(disallow_all());
                    break;
                }
            };
            let status = resp.status().as_u16();
            let location = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
            robots = Some(match status {
                200..=299 => {
                    let cap = self.max_robots_bytes;
                    let mut body = Vec::new();
                    let read = resp
                        .body_mut()
                        .with_config()
                        .limit(u64::MAX)
                        .reader()
                        .take(cap as u64 + 1)
                        .read_to_end(&mut body);
                    match read {
                        Ok(_) => {
                            if body.len() > cap {
                                eprintln!(
                                    "warta: {url}: robots.txt is over {cap} bytes (--max-robots-bytes): \
                                     its first {cap} bytes are honoured"
                                );
                                body.truncate(cap);
                                // A rule cut in the middle is dropped, not half-read.
                                if let Some(end) = body.iter().rposition(|&b| b == b'\n') {
                                    body.truncate(end + 1);
                                }
                            }
                            Robots::parse(&String::from_utf8_lossy(&body))
                        }
                        Err(e) => {
                            eprintln!(
                                "warta: {url}: reading robots.txt: {e}: the host is taken as disallowed for this run"
                            );
                            disallow_all()
                        }
                    }
                }
                301 | 302 | 303 | 307 | 308 if location.is_some() => match url.parse::<Uri>() {
                    Ok(base) => {
                        url = resolve(&base, location.as_deref().unwrap_or_default());
                        continue;
                    }
                    Err(e) => {
                        eprintln!("warta: {url}: {e}: the host is taken as disallowed for this run");
                        disallow_all()
                    }
                },
                400..=499 => Robots::default(),
                _ => {
                    eprintln!("warta: {url}: HTTP {status}: the host is taken as disallowed for this run");
                    disallow_all()
                }
            });
            break;
        }
        let robots = robots.unwrap_or_else(|| {
            eprintln!("warta: {first}: too many redirects: the host is taken as disallowed for this run");
            disallow_all()
        });
        let rules = robots.rules_for(&self.ua);
        let host = self.hosts.get_mut(key).expect("wait_turn made it");
        host.unreachable = unreachable;
        if let Some(cd) = rules.crawl_delay {
            let cd = Duration::from_secs_f64(cd.min(self.max_retry_after.as_secs_f64()));
            host.delay = host.delay.max(cd);
        }
        host.rules = rules;
    }

    /// GET `url` politely (robots, host interval, validators, Retry-After, redirects).
    /// A host that cannot be reached fails with what went wrong ([`network_failure`]), never
    /// as "disallowed by robots.txt"; a page robots.txt does disallow is `Fetched::Disallowed`.
    fn get(&mut self, url: &str, validators: Option<&Validators>) -> Result<Fetched, String> {
        let mut url = url.to_string();
        let mut retried = false;
        for _hop in 0..=5 {
            let uri: Uri = url.parse().map_err(|e| format!("not a URL: {e}"))?;
            let key = host_key(&uri).ok_or("not an absolute http(s) URL")?;
            self.ensure_robots(&key);
            if let Some(why) = &self.hosts[&key].unreachable {
                return Err(why.clone());
            }
            let path = path_of(&uri);
            if !self.hosts[&key].rules.allowed(&path) {
                return Ok(Fetched::Disallowed(url));
            }
            self.wait_turn(&key);
            let mut req = self.agent.get(&url).header("User-Agent", &self.ua);
            if let Some(v) = validators {
                if let Some(etag) = &v.etag {
                    req = req.header("If-None-Match", etag);
                }
                if let Some(lm) = &v.last_modified {
                    req = req.header("If-Modified-Since", lm);
                }
            }
            let mut resp = req.call().map_err(|e| format!("{url}: {}", network_failure(&e)))?;
            let status = resp.status().as_u16();
            let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            match status {
                200..=299 => {
                    let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
                    let content_type = header("content-type");
                    let body = resp
                        .body_mut()
                        .with_config()
                        .limit(self.max_bytes as u64)
                        .read_to_vec()
                        .map_err(|e| format!("reading the body: {e}"))?;
                    return Ok(Fetched::Ok { url, body, content_type, validators });
                }
                304 => return Ok(Fetched::NotModified),
                301 | 302 | 303 | 307 | 308 => {
                    let Some(loc) = header("location") else { return Ok(Fetched::Status(status)) };
                    url = resolve(&uri, &loc);
                }
                429 | 503 => {
                    let wait = header("retry-after").and_then(|v| retry_after(&v));
                    match wait {
                        Some(w) if !retried && w <= self.max_retry_after => {
                            retried = true;
                            if let Some(h) = self.hosts.get_mut(&key) {
                                h.not_before = Some(Instant::now() + w);
                            }
                        }
                        Some(w) => {
                            if let Some(h) = self.hosts.get_mut(&key) {
                                h.not_before = Some(Instant::now() + w.min(self.max_retry_after));
                            }
                            return Ok(Fetched::Status(status));
                        }
                        None => return Ok(Fetched::Status(status)),
                    }
                }
                _ => return Ok(Fetched::Status(status)),
            }
        }
        Err("too many redirects".into())
    }
}

#[derive(Default, serde::Serialize)]
struct PollStats {
    poll: usize,
    feeds: usize,
    not_modified: usize,
    items: usize,
    already_seen: usize,
    ingested_from_feed: usize,
    ingested_from_page: usize,
    unchanged: usize,
    disallowed: usize,
    deferred: usize,
    failed: usize,
    /// Articles enqueued for `warta worker`s (`--data postgres://...`).
    #[serde(skip_serializing_if = "is_zero")]
    enqueued: usize,
    /// Saved searches with new matches sent to the --webhook.
    #[serde(skip_serializing_if = "is_zero")]
    alerts: usize,
}

/// Most matching articles a webhook alert lists per saved search.
const WEBHOOK_ARTICLES: usize = 20;

/// POST the saved-search alerts of poll `poll` as JSON; a failure says what failed.
fn send_webhook(
    agent: &ureq::Agent,
    url: &str,
    poll: usize,
    alerts: &[warta_store::saved::SavedAlert],
) -> Result<(), String> {
    let body = serde_json::json!({ "poll": poll, "alerts": alerts });
    match agent.post(url).header("Content-Type", "application/json").send(body.to_string()) {
        Ok(r) if r.status().is_success() => Ok(()),
        Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
        Err(e) => Err(network_failure(&e)),
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

pub fn run(args: Args) -> Result<ExitCode> {
    crate::worker::stop_on_ctrl_c(&STOP);
    // A data directory: analyse and write here. PostgreSQL: enqueue for `warta worker`s.
    let (mut store, mut queue, mut state) = match warta_store::Data::from_arg(args.data.as_deref()) {
        warta_store::Data::Dir(dir) => (Some(Store::open(&dir)?), None, WatchState::open(&dir)?),
        warta_store::Data::Postgres(url) => {
            (None, Some(warta_store::pg::Pg::connect(&url)?), WatchState::open_pg(&url)?)
        }
    };
    if let Some(url) = &args.webhook {
        if store.is_none() {
            return Err(crate::Usage(
                "--webhook needs a data directory: saved searches live there, not in PostgreSQL".into(),
            )
            .into());
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.parse::<Uri>().is_err() {
            return Err(crate::Usage(format!("--webhook {url:?} is not an http or https URL")).into());
        }
    }
    // The webhook is the user's own endpoint: a plain agent (no private-address guard).
    let webhook_agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(args.timeout)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut fetcher = Fetcher::new(&args);
    let opts = warta_engine::Options::default();
    let html_opts = warta_html::Options { max_bytes: args.max_bytes, ..Default::default() };
    let mut any_failed = false;
    let mut poll = 0;
    loop {
        poll += 1;
        let mut st = PollStats { poll, feeds: args.feeds.len(), ..Default::default() };
        // The newest article before the poll: what comes after is new to the webhook.
        let before = match (&args.webhook, store.as_ref()) {
            (Some(_), Some(s)) => Some(s.last_article_id()?),
            _ => None,
        };
        let mut writer = match store.as_mut() {
            Some(s) => Some(s.writer(64)?),
            None => None,
        };
        'feeds: for feed_url in &args.feeds {
            if stopping() {
                break;
            }
            let validators = state.validators(feed_url)?;
            let fetched = match fetcher.get(feed_url, Some(&validators)) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("warta: {feed_url}: {e}");
                    st.failed += 1;
                    continue;
                }
            };
            let (body, new_validators) = match fetched {
                Fetched::NotModified => {
                    state.record_poll(feed_url, 304, None)?;
                    st.not_modified += 1;
                    continue;
                }
                Fetched::Disallowed(u) => {
                    eprintln!("warta: {feed_url}: {u} is disallowed by robots.txt");
                    st.disallowed += 1;
                    st.failed += 1;
                    continue;
                }
                Fetched::Status(s) => {
                    eprintln!("warta: {feed_url}: HTTP {s}");
                    state.record_poll(feed_url, s, None)?;
                    st.failed += 1;
                    continue;
                }
                Fetched::Ok { body, validators, .. } => (body, validators),
            };
            let parsed = match feed::parse(&body) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("warta: {feed_url}: not a readable feed: {e}");
                    state.record_poll(feed_url, 200, None)?;
                    st.failed += 1;
                    continue;
                }
            };
            if let Some(e) = &parsed.error {
                eprintln!("warta: {feed_url}: feed XML is broken ({e}); the items before the break are used");
            }
            state.record_poll(feed_url, 200, Some(&new_validators))?;
            let mut taken = 0;
            for item in &parsed.items {
                st.items += 1;
                let Some(url) = item.url().map(str::to_string) else {
                    eprintln!("warta: {feed_url}: an item has no link: skipped");
                    continue;
                };
                if state.seen(&url)? {
                    st.already_seen += 1;
                    continue;
                }
                if taken >= args.max_per_poll {
                    st.deferred += 1;
                    continue;
                }
                if stopping() {
                    break 'feeds;
                }
                taken += 1;
                let doc = if item.is_full() {
                    item.document(url.clone()).map(|d| (d, true))
                } else {
                    match fetcher.get(&url, None) {
                        Ok(Fetched::Ok { url: final_url, body, content_type, .. }) => {
                            let charset = content_type.as_deref().and_then(warta_sources::http::charset_of);
                            // The feed's date and authors win; the page's own title wins
                            // over the feed's (feeds shorten titles).
                            let meta = warta_sources::Meta {
                                title: None,
                                authors: item.authors.clone(),
                                published: item.published.clone(),
                                outlet: None,
                            };
                            Some((
                                Document {
                                    source: url.clone(),
                                    url: Some(final_url),
                                    body: Body::Html { bytes: body, charset },
                                    meta,
                                    diagnostics: Vec::new(),
                                },
                                false,
                            ))
                        }
                        Ok(Fetched::Disallowed(u)) => {
                            eprintln!("warta: {url}: disallowed by robots.txt ({u}): not fetched");
                            st.disallowed += 1;
                            continue;
                        }
                        Ok(Fetched::Status(s @ (404 | 410))) => {
                            eprintln!("warta: {url}: HTTP {s}: gone, not asked again");
                            state.mark_seen(&url, feed_url, &format!("gone {s}"))?;
                            st.failed += 1;
                            continue;
                        }
                        Ok(Fetched::Status(s)) => {
                            eprintln!("warta: {url}: HTTP {s}: tried again next poll");
                            st.failed += 1;
                            continue;
                        }
                        Ok(Fetched::NotModified) => continue,
                        Err(e) => {
                            eprintln!("warta: {url}: {e}: tried again next poll");
                            st.failed += 1;
                            continue;
                        }
                    }
                };
                let Some((doc, from_feed)) = doc else {
                    eprintln!("warta: {url}: the feed holds no text for this item");
                    st.failed += 1;
                    continue;
                };
                if let Some(q) = queue.as_mut() {
                    q.enqueue(&[crate::jobs::document_job(doc)])?;
                    state.mark_seen(&url, feed_url, "enqueued")?;
                    st.enqueued += 1;
                    continue;
                }
                let writer = writer.as_mut().expect("a data directory has a writer");
                let source = doc.source.clone();
                // Reading the page is guarded like the analysis: a panic is this item's failure.
                let read = crate::inputs::guarded(&source, || {
                    doc.engine_input(&html_opts)
                        .map_err(|e| crate::inputs::InputError { source: e.source, message: e.message })
                })
                .map_err(|e| warta_store::ingest::ItemError { name: e.source, message: e.message });
                let analysed = read.and_then(|(decoded, overrides)| {
                    warta_store::ingest::analyse(warta_store::ingest::Read { source, decoded, overrides }, &opts)
                });
                match analysed {
                    Ok(a) => {
                        match warta_store::ingest::put(writer, a)? {
                            warta_store::Outcome::Unchanged => st.unchanged += 1,
                            _ if from_feed => st.ingested_from_feed += 1,
                            _ => st.ingested_from_page += 1,
                        }
                        writer.flush()?;
                        state.mark_seen(&url, feed_url, "ingested")?;
                    }
                    Err(e) => {
                        eprintln!("warta: {e}");
                        state.mark_seen(&url, feed_url, &format!("unreadable: {}", e.message))?;
                        st.failed += 1;
                    }
                }
            }
        }
        if let Some(writer) = writer {
            writer.commit()?;
        }
        if let (Some(url), Some(s), Some(before)) = (&args.webhook, store.as_ref(), before) {
            let alerts = s.saved_alerts(before, WEBHOOK_ARTICLES)?;
            if !alerts.is_empty() {
                match send_webhook(&webhook_agent, url, poll, &alerts) {
                    Ok(()) => st.alerts = alerts.len(),
                    Err(e) => {
                        eprintln!("warta: webhook {url}: {e}");
                        st.failed += 1;
                    }
                }
            }
        }
        any_failed |= st.failed > 0;
        if !args.quiet {
            println!("{}", serde_json::to_string(&st)?);
        }
        if args.once || stopping() {
            break;
        }
        let until = Instant::now() + Duration::from_secs(args.interval);
        while Instant::now() < until && !stopping() {
            std::thread::sleep(Duration::from_millis(200).min(until - Instant::now()));
        }
        if stopping() {
            break;
        }
    }
    Ok(if any_failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_resolve() {
        let base: Uri = "https://contoh.test/a/b/c.html?x=1".parse().unwrap();
        assert_eq!(resolve(&base, "https://lain.test/z"), "https://lain.test/z");
        assert_eq!(resolve(&base, "/root"), "https://contoh.test/root");
        assert_eq!(resolve(&base, "d.html"), "https://contoh.test/a/b/d.html");
        assert_eq!(resolve(&base, "//cdn.test/p"), "https://cdn.test/p");
    }

    #[test]
    fn retry_after_values() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(retry_after("soon"), None);
    }
}
