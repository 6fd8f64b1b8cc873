//! Server-rendered pages for people: German first, no JavaScript, no asset
//! from another host.

use axum::Router;

use crate::AppState;

/// The page routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
