//! The JSON API under `/api/v1`, described by `/api/openapi.json`.

use axum::Router;

use crate::AppState;

/// The API routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
