//! The store's own error type: what went wrong, typed, so callers match instead of
//! downcasting: a malformed search query is [`StoreError::BadQuery`], a saved search that is
//! invalid or missing [`StoreError::Saved`], a story or entity that is not there
//! [`StoreError::NotFound`].

use std::path::PathBuf;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("PostgreSQL: {}", pg_message(.0))]
    Postgres(#[from] postgres::Error),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the store has schema version {found}, newer than this warta ({supported}); upgrade warta")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("the store is being written by another process ({0})")]
    Busy(String),
    /// The store holds something this warta cannot read (a damaged row, a bad counter).
    #[error("the store is inconsistent: {0}")]
    Corrupt(String),
    #[error("the connection to PostgreSQL was lost")]
    Disconnected,
    /// A `--data` value or option that cannot be used.
    #[error("{0}")]
    Config(String),
    /// A malformed search query (with the column of the mistake).
    #[error(transparent)]
    BadQuery(#[from] crate::query::BadQuery),
    /// A saved search that cannot be saved, or is not there.
    #[error(transparent)]
    Saved(#[from] crate::saved::SavedError),
    /// Writing an export to its output failed (a closed pipe, a full disk); the I/O error is
    /// the source, so callers can tell a closed pipe.
    #[error("writing the output: {0}")]
    Write(#[from] std::io::Error),
    /// A story or entity key the store does not hold, or a key of the wrong form.
    #[error("{0}")]
    NotFound(String),
}

/// PostgreSQL's own message (with detail) rather than the client's generic "db error".
fn pg_message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{} ({})", db.message(), d),
            None => db.message().to_string(),
        },
        None => e.to_string(),
    }
}

impl StoreError {
    /// Is this a lost or refused connection (worth reconnecting and trying again)?
    pub fn is_connection(&self) -> bool {
        match self {
            StoreError::Disconnected => true,
            StoreError::Postgres(e) => {
                e.is_closed() || e.as_db_error().is_none() || e.code().is_some_and(|c| c.code().starts_with("08"))
            }
            _ => false,
        }
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
