//! A cache of rendered pages.
//!
//! A network page of 500 members takes ~20 ms to query and render; under a
//! crowd of readers (a newsletter link, a conference screen) that would queue
//! requests for seconds on a small server. Pages are the same for every
//! reader of a language until the directory changes, so the rendered bytes
//! are kept and served again.
//!
//! An entry is valid while the directory's write generation is unchanged
//! (every write through this process raises it) and for at most
//! [`MAX_AGE`], which bounds staleness after writes by another process, such
//! as a CLI import into the same database.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use quick_cache::sync::Cache;

use crate::AppState;

/// How long a rendered page may be served without re-rendering.
pub const MAX_AGE: Duration = Duration::from_secs(5);

/// Pages larger than this are not kept; no directory page comes near it.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// Rendered pages by (path and query, Accept-Language).
#[derive(Clone)]
pub struct PageCache {
    entries: Arc<Cache<(String, String), Entry>>,
}

#[derive(Clone)]
struct Entry {
    generation: u64,
    at: Instant,
    headers: HeaderMap,
    body: Bytes,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            entries: Arc::new(Cache::new(2_000)),
        }
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("entries", &self.entries.len())
            .finish()
    }
}

/// Serves a GET from the cache when it can, and keeps successful renders.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Conditional requests are answered by the handlers themselves (304).
    if req.method() != Method::GET || req.headers().contains_key(header::IF_NONE_MATCH) {
        return next.run(req).await;
    }
    let key = (
        req.uri().to_string(),
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
    );
    let generation = state.dir.generation();
    if let Some(e) = state.pages.entries.get(&key)
        && e.generation == generation
        && e.at.elapsed() < MAX_AGE
    {
        let mut res = Response::new(Body::from(e.body));
        *res.headers_mut() = e.headers;
        return res;
    }
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if res.status() != StatusCode::OK || !is_html {
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            state.pages.entries.insert(
                key,
                Entry {
                    generation,
                    at: Instant::now(),
                    headers: parts.headers.clone(),
                    body: bytes.clone(),
                },
            );
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not buffer a page for the cache");
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}
