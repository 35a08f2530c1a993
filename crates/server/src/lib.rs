//! warta's server: a JSON API over a store and the web app, from one binary.
//!
//! ```text
//! warta serve ─ serve(listener, State) ─ axum Router
//!   /                      the web app (assets/ compiled in: index.html, app.js, app.css)
//!   /api/...               JSON (see `openapi.rs`, served at /api/openapi.json)
//! ```
//!
//! The store (SQLite connection + tantivy reader) sits behind one `Mutex`; every handler runs
//! its store work on tokio's blocking pool (`spawn_blocking`), so no connection is held across
//! an await point. Rendering in another language (`?lang=`) goes through `warta_render`, from
//! the structured facts only. Errors are JSON `{"error": "..."}` with 400 (malformed request),
//! 401/403 (token), 404 (unknown id or route), 413 (body too large), 500 (a store failure).

// The OpenAPI document is one large `json!` literal.
#![recursion_limit = "512"]

mod api;
mod assets;
pub mod atom;
mod error;
pub mod guard;
pub mod limits;
pub mod openapi;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use warta_store::Store;

pub use api::ApiError;

/// What `warta serve` was given.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub data: PathBuf,
    /// The bearer token that endpoints changing data require; None disables them.
    pub token: Option<String>,
    /// The machine-translation backend; None: translation is off (the pages say so).
    pub translate: Option<warta_translate::Config>,
    /// Timeouts, Host allow-list and rate limits ([`guard::Limits`]).
    pub limits: guard::Limits,
    /// The server's address as readers reach it (`https://warta.example.org`, no trailing
    /// slash): the base of absolute links (Atom feeds). None: from the request's Host header
    /// and `X-Forwarded-Proto`.
    pub public_url: Option<String>,
}

/// Shared by every request.
pub struct AppState {
    store: Mutex<Store>,
    token: Option<String>,
    translator: Option<Arc<warta_translate::Translator>>,
    guard: Arc<guard::Guard>,
    public_url: Option<String>,
}

impl AppState {
    /// Open the store in `config.data` (created if missing).
    pub fn open(config: &Config) -> anyhow::Result<Arc<AppState>> {
        let store = Store::open(&config.data)?;
        let token = config.token.clone().filter(|t| !t.is_empty());
        let translator = config.translate.as_ref().map(|c| Arc::new(warta_translate::Translator::from_config(c)));
        let guard = Arc::new(guard::Guard::new(config.limits.clone()));
        let public_url = config.public_url.as_deref().map(|u| u.trim().trim_end_matches('/').to_string());
        Ok(Arc::new(AppState { store: Mutex::new(store), token, translator, guard, public_url }))
    }

    /// Run `f` with the store on the caller's thread (a replica's follower writing what it
    /// reads from the PostgreSQL changes feed; requests wait meanwhile).
    pub fn with_store_blocking<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut store)
    }

    /// Run `f` with the store on the blocking pool.
    async fn with_store<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            // A panic in an earlier request poisons the lock; the store itself is still
            // consistent (SQLite transactions), so carry on.
            let mut store = state.store.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut store)
        })
        .await
        .map_err(|e| ApiError::internal(format!("request task failed: {e}")))?
    }
}

/// Every route: (method, path as in OpenAPI, handler). The router is built from this table, and
/// the OpenAPI test checks the document against it, both ways.
pub fn route_table() -> Vec<(&'static str, &'static str, axum::routing::MethodRouter<Arc<AppState>>)> {
    use axum::routing::{delete, get, post};
    vec![
        ("get", "/", get(assets::index)),
        ("get", "/app.js", get(assets::app_js)),
        ("get", "/app.css", get(assets::app_css)),
        ("get", "/api/openapi.json", get(openapi::handler)),
        ("get", "/api/stories", get(api::stories)),
        ("get", "/api/stories/{id}", get(api::story)),
        ("get", "/api/stories/{id}/coverage", get(api::story_coverage)),
        ("get", "/api/entities/{id}", get(api::entity)),
        ("get", "/api/articles/{id}", get(api::article)),
        ("get", "/api/articles/{id}/translation", get(api::translation)),
        ("post", "/api/articles", post(api::post_article)),
        ("get", "/api/search", get(api::search)),
        ("post", "/api/saved", post(api::post_saved)),
        ("get", "/api/saved", get(api::saved_list)),
        ("get", "/api/saved/{id}", get(api::saved_one)),
        ("delete", "/api/saved/{id}", delete(api::saved_delete)),
        ("post", "/api/saved/{id}/seen", post(api::saved_seen)),
        ("get", "/api/saved/{id}/atom", get(api::saved_atom)),
    ]
}

/// The routes as (method, path), for checks.
pub fn routes() -> Vec<(&'static str, &'static str)> {
    route_table().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// The application: routes, body limit, security headers, JSON 404s.
pub fn router(state: Arc<AppState>) -> Router {
    let mut r: Router<Arc<AppState>> = Router::new();
    for (_, path, handler) in route_table() {
        r = r.route(path, handler);
    }
    let guard = state.guard.clone();
    r.fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(limits::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(guard, guard::check))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, format!("no such route: {}", uri.path()))
}

/// Content-Security-Policy of every response: only this origin's scripts, styles and data.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

/// Serve on `listener` until `shutdown` resolves, then let open requests finish.
///
/// Each connection is HTTP/1.1 with a deadline on reading a request's headers
/// ([`guard::Limits::header_timeout`]: a client trickling bytes cannot hold it open), and each
/// request carries its client's address for the rate limits.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let header_timeout = state.guard.limits.header_timeout;
    let app = router(state);
    // Every connection holds a receiver; closing the sender asks them to finish, and
    // `closed()` tells when the last one has.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(_) => {
                    // Out of file descriptors or a connection reset before accept: wait a
                    // little and go on (as hyper's and axum's accept loops do).
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            tower::ServiceExt::oneshot(app.clone(), req)
        });
        let mut stop_rx = stop_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(header_timeout);
            let conn = builder.serve_connection(TokioIo::new(stream), service).with_upgrades();
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop_rx.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    drop(stop_rx);
    let _ = stop_tx.send(());
    stop_tx.closed().await;
    Ok(())
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status, axum::Json(serde_json::json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        res
    }
}
