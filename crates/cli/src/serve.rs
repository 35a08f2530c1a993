//! `warta serve`: the JSON API and the web app over a store (crates/server).

use anyhow::{Context, Result};
use clap::Args as ClapArgs;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    /// The store: a data directory, or a PostgreSQL URL (default: $WARTA_DATA, else
    /// ./warta-data). With a URL this node serves its own replica (--replica), which follows
    /// the database's changes feed; POST /api/articles is off (enqueue with `warta ingest`).
    #[arg(long, value_name = "DIR|URL")]
    pub data: Option<PathBuf>,
    /// With --data postgres://...: this node's replica, a data directory (SQLite + tantivy)
    /// kept up to date from the changes feed.
    #[arg(long, value_name = "DIR", default_value = "warta-replica")]
    pub replica: PathBuf,
    /// Address to listen on. Loopback by default; another address exposes the store to the
    /// network (reads need no token).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that endpoints changing data or costing (POST /api/articles, POST and
    /// DELETE /api/saved..., machine translation) require. Without one (and without $WARTA_TOKEN) they are disabled (403).
    #[arg(long, env = "WARTA_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Machine translation of article pages (the article page's "translate" button and
    /// GET /api/articles/{id}/translation). Without a backend, translation is off and the
    /// pages say so; everything else works.
    #[command(flatten)]
    pub backend: crate::translate::BackendArgs,
    /// Seconds a client may take to send a request's headers (slow clients are cut off).
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub header_timeout: u64,
    /// Seconds one request may take, body and work included (408 after that).
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub request_timeout: u64,
    /// A host name requests may carry in their Host header (repeatable). Loopback names
    /// (localhost, 127.0.0.1, ::1) are always served; without this flag, a server on a loopback
    /// address serves only those (a web page elsewhere cannot reach it through DNS rebinding)
    /// and a server on another address serves any host.
    #[arg(long, value_name = "HOST")]
    pub allowed_host: Vec<String>,
    /// Requests per minute per client address, in bursts of the same size (429 with
    /// Retry-After beyond it); 0: no limit.
    #[arg(long, value_name = "N", default_value_t = 1200)]
    pub rate_limit: u32,
    /// Requests per minute per client to endpoints that write or cost (POST /api/articles,
    /// POST and DELETE /api/saved..., machine translation); 0: no limit.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub cost_rate_limit: u32,
    /// The server's address as readers reach it, e.g. https://warta.example.org behind a
    /// proxy: the base of the links in Atom feeds (without it, the request's Host header and
    /// X-Forwarded-Proto decide). Must start with http:// or https://.
    #[arg(long, value_name = "URL", value_parser = public_url)]
    pub public_url: Option<String>,
    /// Create an empty store in --data if there is none (without it, a missing store is an
    /// error: a mistyped --data must not serve an empty store).
    #[arg(long)]
    pub create: bool,
}

/// `--public-url`: an absolute http(s) URL with a host and no query or fragment.
fn public_url(v: &str) -> Result<String, String> {
    let v = v.trim().trim_end_matches('/');
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(['?', '#', ' ']) => Ok(v.to_string()),
        _ => Err(format!("{v:?} is not an http:// or https:// URL with a host (e.g. https://warta.example.org)")),
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let (data, follow) = match warta_store::Data::from_arg(args.data.as_deref()) {
        warta_store::Data::Dir(d) => {
            if !args.create {
                crate::require_store(&d, "start an empty one with `warta serve --create`, or `warta ingest` into it")?;
            }
            (d, None)
        }
        warta_store::Data::Postgres(url) => (args.replica.clone(), Some(url)),
    };
    let token = if follow.is_some() { None } else { args.token.clone() };
    let translate = match args.backend.config(&data) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("warta: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let translation_on = translate.is_some();
    use warta_server::guard::{AllowedHosts, Limits};
    let allowed_hosts = if !args.allowed_host.is_empty() {
        AllowedHosts::Only(
            args.allowed_host.iter().map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase()).collect(),
        )
    } else if args.addr.ip().is_loopback() {
        AllowedHosts::Loopback
    } else {
        AllowedHosts::Any
    };
    let limits = Limits {
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
        request_timeout: std::time::Duration::from_secs(args.request_timeout.max(1)),
        allowed_hosts,
        rate_per_minute: args.rate_limit,
        cost_rate_per_minute: args.cost_rate_limit,
    };
    let config =
        warta_server::Config { data: data.clone(), token, translate, limits, public_url: args.public_url.clone() };
    let state = warta_server::AppState::open(&config)?;
    if let Some(url) = &follow {
        // Catch up before serving, then follow in the background.
        let mut follower = state.with_store_blocking(|s| warta_store::pg::Follower::new(url, s))?;
        let caught = catch_up(&state, &mut follower)?;
        eprintln!(
            "warta: replica {} follows {} ({caught} changes applied, at change {})",
            data.display(),
            warta_store::redact(url),
            follower.position()
        );
        let state = state.clone();
        std::thread::spawn(move || follow_loop(&state, follower));
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("binding {}", args.addr))?;
        let addr = listener.local_addr()?;
        eprintln!("warta: serving {} at http://{addr}/ (API: http://{addr}/api/openapi.json)", data.display());
        if !addr.ip().is_loopback() {
            eprintln!("warta: warning: {addr} is not a loopback address; anyone who can reach it can read the store");
        }
        match (&config.token, &follow) {
            (_, Some(_)) => eprintln!("warta: a replica: POST /api/articles is disabled (enqueue with warta ingest)"),
            (Some(t), None) if !t.is_empty() => eprintln!("warta: POST /api/articles enabled (bearer token)"),
            _ => eprintln!("warta: no token: endpoints that change data are disabled"),
        }
        if !translation_on {
            eprintln!(
                "warta: no translation backend: machine translation is off (facts still render in six languages)"
            );
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        warta_server::serve(listener, state, shutdown).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Changes applied per replica commit.
const FOLLOW_BATCH: i64 = 500;

/// Apply the feed until nothing is left; the number of changes applied.
fn catch_up(state: &warta_server::AppState, follower: &mut warta_store::pg::Follower) -> Result<usize> {
    let mut total = 0;
    loop {
        let done = state.with_store_blocking(|s| follower.step(s, FOLLOW_BATCH))?;
        total += done.changes;
        if done.changes == 0 {
            return Ok(total);
        }
    }
}

/// Follow the feed for good: woken by NOTIFY warta_changes (or every 5 s), reconnecting with
/// backoff when the database goes away.
fn follow_loop(state: &warta_server::AppState, mut follower: warta_store::pg::Follower) {
    let mut backoff = std::time::Duration::from_millis(250);
    loop {
        let r = catch_up(state, &mut follower)
            .and_then(|_| follower.wait(std::time::Duration::from_secs(5)).map_err(anyhow::Error::from));
        match r {
            Ok(_) => backoff = std::time::Duration::from_millis(250),
            Err(e) => {
                eprintln!("warta: replica: {e:#}; reconnecting in {backoff:?}");
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(std::time::Duration::from_secs(10));
                if let Err(e) = follower.reconnect() {
                    eprintln!("warta: replica: {e}");
                }
            }
        }
    }
}
