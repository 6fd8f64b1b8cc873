//! Changes through the API routes whose use cases do not record themselves
//! yet (groups) land in the audit log here. The directory's and the
//! meetings' use cases write their own entries, in the transaction of the
//! change, so their routes are left alone (they would be logged twice).
//!
//! The entry names the route (`POST /api/v1/networks/{network}/groups`), the concrete
//! address as target, and the network the change concerns, found from the
//! address: `/networks/{n}/…` directly, a membership through its
//! owner (a created membership through the `Location` of the answer).
//! Organisations and cooperations belong to no network; their entries are
//! in the platform log that admins read.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use knotenpunkt_app::Directory;
use knotenpunkt_domain::Slug;

use crate::AppState;
use crate::auth::Viewer;

/// Records successful unsafe API requests of signed-in callers.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || records_itself(req.uri().path())
    {
        return next.run(req).await;
    }
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let path = req.uri().path().to_owned();
    let viewer = req.extensions().get::<Viewer>().cloned();
    // Looked up before the change: after a delete the owner is gone.
    let dir = state.dir.unrestricted();
    let before = network_of(&dir, &path).await;
    let res = next.run(req).await;
    let (Some(route), Some(viewer)) = (route, viewer) else {
        return res;
    };
    if !res.status().is_success() || viewer.is_anonymous() {
        return res;
    }
    let created = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let network = match (before, created.as_deref()) {
        (Some(n), _) => Some(n),
        (None, Some(location)) => network_of(&dir, location).await,
        (None, None) => None,
    };
    dir.record_api_change(
        &viewer.actor,
        network.as_ref(),
        method.as_str(),
        &route,
        created.as_deref().unwrap_or(&path),
    )
    .await;
    res
}

/// Whether the use case behind an address writes its own audit entry.
fn records_itself(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return false;
    };
    let mut parts = rest.split('/');
    !matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some("networks"), Some(_), Some("groups"))
    )
}

/// The network an API address concerns, if any.
async fn network_of(dir: &Directory, path: &str) -> Option<Slug> {
    let mut parts = path.strip_prefix("/api/v1/")?.split('/');
    let (kind, key) = (parts.next()?, parts.next()?);
    match kind {
        "networks" => key.parse().ok(),
        "memberships" => Some(dir.membership(key.parse().ok()?).await.ok()?.value.network),
        _ => None,
    }
}
