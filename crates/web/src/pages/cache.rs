//! A cache of rendered pages and API answers.
//!
//! A network page of 500 members takes ~20 ms to query and render; under a
//! crowd of readers (a newsletter link, a conference screen) that would queue
//! requests for seconds on a small server. Pages are the same for every
//! reader of a language until the directory changes, so the rendered bytes
//! are kept and served again.
//!
//! An entry is valid while the directory's change counter in the database is
//! unchanged — every write raises it, whichever process makes it: a second
//! server, a CLI import — and for at most [`MAX_AGE`], which bounds how long
//! a page can lag behind the clock (a meeting that moved from "upcoming" to
//! "past" at midnight).
//!
//! Only answers to anonymous readers are kept: every anonymous reader may
//! see exactly the same (what is public), so the key needs no identity.
//! Signed-in readers see what their roles allow and get a fresh render,
//! marked `Cache-Control: private, no-store` so no shared cache between
//! them and us keeps it either. A response that sets a cookie or says
//! `no-store` is never kept.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use quick_cache::sync::Cache;

use crate::AppState;
use crate::auth::{Fresh, Viewer};

/// How long a rendered page may be served without re-rendering, when
/// nothing changed: pages that depend on the time of day are at most this
/// much behind.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// Pages larger than this are not kept; no directory page comes near it.
const MAX_BODY: usize = 4 * 1024 * 1024;

/// The cache key: the page, the reader's languages, and when it was made —
/// the directory's change counter and the [`MAX_AGE`] time slot. A write or
/// the next slot makes a new key, so an entry never needs checking: old ones
/// simply age out of the bounded cache.
type Key = (String, String, i64, u64);

/// Rendered pages.
#[derive(Clone)]
pub struct PageCache {
    entries: Arc<Cache<Key, Entry>>,
    epoch: Instant,
}

#[derive(Clone)]
struct Entry {
    headers: HeaderMap,
    body: Bytes,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache {
            entries: Arc::new(Cache::new(2_000)),
            epoch: Instant::now(),
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
/// When many readers ask for the same missing page at once, one renders it
/// and the others wait for that result instead of rendering it again.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Conditional requests are answered by the handlers themselves (304).
    if req.method() != Method::GET || req.headers().contains_key(header::IF_NONE_MATCH) {
        return next.run(req).await;
    }
    let anonymous = req
        .extensions()
        .get::<Viewer>()
        .is_none_or(Viewer::is_anonymous);
    if !anonymous {
        let mut res = next.run(req).await;
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
        return res;
    }
    // Without counters read for this request (the stylesheet, which has
    // its own ETag; a database that did not answer) nothing is kept.
    let Some(Fresh(fresh)) = req.extensions().get::<Fresh>().copied() else {
        return next.run(req).await;
    };
    let cache = &state.pages;
    let key: Key = (
        req.uri().to_string(),
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        // The counter as read for this request (by the viewer middleware):
        // a change through any process makes a new key.
        fresh.directory,
        (cache.epoch.elapsed().as_secs() / MAX_AGE.as_secs()),
    );
    let guard = match cache.entries.get_value_or_guard_async(&key).await {
        Ok(e) => {
            let mut res = Response::new(Body::from(e.body));
            *res.headers_mut() = e.headers;
            return res;
        }
        Err(guard) => guard,
    };
    let res = next.run(req).await;
    // Pages and API answers; not the stylesheet, which has its own ETag.
    let cacheable = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    // A page that asks not to be stored (a form with what was typed, a
    // link that works once) is not kept either.
    let no_store = res
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-store"));
    if res.status() != StatusCode::OK
        || !cacheable
        || no_store
        || res.headers().contains_key(header::SET_COOKIE)
    {
        // Dropping the guard lets the next waiter render for itself.
        return res;
    }
    let (parts, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => {
            let _ = guard.insert(Entry {
                headers: parts.headers.clone(),
                body: bytes.clone(),
            });
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
