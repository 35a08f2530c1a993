//! The API's error answer (one type for every handler and the limits).

use axum::http::StatusCode;
use warta_store::query::BadQuery;
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

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        if let Some(b) = e.downcast_ref::<BadQuery>() {
            return ApiError::bad(b.to_string());
        }
        match e.downcast_ref::<SavedError>() {
            Some(SavedError::Invalid(m)) => return ApiError::bad(m.clone()),
            Some(n @ SavedError::NotFound(_)) => return ApiError::not_found(n.to_string()),
            None => {}
        }
        ApiError::internal(format!("{e:#}"))
    }
}
