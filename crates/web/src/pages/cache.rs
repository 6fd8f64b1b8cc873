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

use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::access::Actor;
use quick_cache::sync::Cache;

use crate::AppState;
use crate::auth::{Fresh, Viewer};
use crate::pages::answer::{Answer, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::infallible;

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
    /// Main parts of pages for signed-in readers, see [`Keep`].
    mains: Arc<Mains>,
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
            // A network page of 500 members is 200 KB: 500 of them at most.
            mains: Arc::new(Cache::new(500)),
            epoch: Instant::now(),
        }
    }
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("entries", &self.entries.len())
            .field("mains", &self.mains.len())
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

/// A kept main part: what a page shows between the site's header and
/// footer, and its title.
pub(crate) struct Main {
    title: String,
    html: String,
}

impl Main {
    /// The main part of `page`: its `content` block, rendered alone. The
    /// error is the handler's answer, as with [`Answer`].
    #[allow(clippy::result_large_err)]
    pub(crate) fn of(title: String, content: &impl Template) -> Result<Main, Response> {
        match content.render() {
            Ok(html) => Ok(Main { title, html }),
            Err(e) => {
                tracing::error!(error = %e, "page template failed to render");
                Err(StatusCode::INTERNAL_SERVER_ERROR.into_response())
            }
        }
    }
}

/// The page frame around a kept main part: the header with the reader's
/// own name and form token, rendered per request.
#[derive(Template)]
#[template(path = "framed.html")]
struct Framed<'a> {
    ctx: &'a Ctx,
    title: &'a str,
    main: &'a str,
    /// A part rendered per request after the kept one (what changes
    /// without the directory's counter changing).
    after: &'a str,
}

/// What a main part is kept by: the address, the language, the directory
/// as of this request and the time slot, and the reader's rights (not
/// who they are: readers with the same rights see the same).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct MainKey {
    address: String,
    lang: &'static str,
    directory: i64,
    slot: u64,
    rights: Actor,
}

/// The main parts kept for signed-in readers.
pub(crate) type Mains = Cache<MainKey, Arc<Main>>;

/// A page whose main part depends on nothing but the directory, the
/// address and the reader's rights (the start page, a network's page, an
/// organisation's page). Signed-in readers with the same rights share its
/// rendering, as anonymous readers share whole pages: only the frame with
/// the reader's name is rendered per request.
pub(crate) struct Keep {
    mains: Arc<Mains>,
    key: Option<MainKey>,
}

impl FromRequestParts<AppState> for Keep {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        let rights = parts
            .extensions
            .get::<Viewer>()
            .filter(|v| !v.is_anonymous())
            .map(|v| v.actor.rights());
        let fresh = parts.extensions.get::<Fresh>().copied();
        let address = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.to_string(), |o| o.0.to_string());
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        // Anonymous readers are served whole pages by the middleware.
        let key = match (rights, fresh) {
            (Some(rights), Some(Fresh(c))) => Some(MainKey {
                address,
                lang: ctx.lang_code(),
                directory: c.directory,
                slot: s.pages.epoch.elapsed().as_secs() / MAX_AGE.as_secs(),
                rights,
            }),
            _ => None,
        };
        Ok(Keep {
            mains: s.pages.mains.clone(),
            key,
        })
    }
}

impl Keep {
    /// Answers with the kept main part in this reader's frame, rendering it
    /// with `main` when it is not kept yet. What `main` refuses (not found)
    /// is answered and not kept.
    pub(crate) async fn page(
        self,
        ctx: &Ctx,
        main: impl AsyncFnOnce() -> Result<Main, Response>,
    ) -> Answer {
        self.page_with(ctx, "", main).await
    }

    /// As [`Keep::page`], with `after` (rendered per request, never kept)
    /// placed after the kept main part.
    pub(crate) async fn page_with(
        self,
        ctx: &Ctx,
        after: &str,
        main: impl AsyncFnOnce() -> Result<Main, Response>,
    ) -> Answer {
        let kept = match self.key {
            None => Arc::new(main().await?),
            Some(key) => match self.mains.get_value_or_guard_async(&key).await {
                Ok(kept) => kept,
                Err(guard) => {
                    let made = Arc::new(main().await?);
                    let _ = guard.insert(made.clone());
                    made
                }
            },
        };
        Ok(html(
            ctx,
            StatusCode::OK,
            &Framed {
                ctx,
                title: &kept.title,
                main: &kept.html,
                after,
            },
        ))
    }
}
