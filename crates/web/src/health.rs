//! Probes for orchestrators: `/healthz` says the process runs, `/readyz`
//! says it can reach its database.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;
use crate::routes::Routes;

pub(crate) fn router() -> Routes {
    Routes::new()
        .get("/healthz", || async { "ok\n" })
        .get("/readyz", ready)
}

async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.dir.store().ping().await {
        Ok(()) => (StatusCode::OK, "ready\n"),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n")
        }
    }
}
