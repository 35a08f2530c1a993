//! The API's error answer (one type for every handler and the limits).

use axum::http::StatusCode;
use warta_store::StoreError;
use warta_store::saved::SavedError;

/// An error answer: a status and a message, sent as `{"error": message}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    pub(crate) fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::BadQuery(b) => ApiError::bad(b.to_string()),
            StoreError::Saved(SavedError::Invalid(m)) => ApiError::bad(m),
            StoreError::Saved(n @ SavedError::NotFound(_)) => ApiError::not_found(n.to_string()),
            StoreError::NotFound(m) => ApiError::not_found(m),
            other => ApiError::internal(other.to_string()),
        }
    }
}
