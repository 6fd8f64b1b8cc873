//! Knotenpunkt's HTTP face: server-rendered pages and the JSON API.
//!
//! Both are thin adapters over the same [`knotenpunkt_app::Directory`] calls:
//! a handler parses the request, (later) asks the authorisation module, calls
//! one use case and renders the answer — HTML for people, JSON for programs.
//! There is no SQL here and no business rule; if a handler grows an `if`
//! about the domain, that `if` belongs in the app crate.
#![deny(missing_docs)]

pub mod api;
mod feeds;
mod health;
mod i18n;
pub mod pages;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use knotenpunkt_app::Directory;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings of the web layer.
#[derive(Clone, Default)]
pub struct WebConfig {
    /// Bearer token that allows writes through the API; `None` makes the
    /// API read-only. Accounts replace it in a later version.
    pub admin_token: Option<String>,
    /// Host name of this installation, the domain part of every calendar
    /// event's UID; it must stay the same for the life of the installation,
    /// or subscribed calendars see every meeting twice.
    pub public_host: Option<String>,
}

impl WebConfig {
    /// The UID domain of feeds: the public host, or a fixed placeholder.
    pub fn feed_domain(&self) -> String {
        self.public_host
            .clone()
            .unwrap_or_else(|| "knotenpunkt.localhost".into())
    }
}

impl std::fmt::Debug for WebConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebConfig")
            .field("admin_token", &self.admin_token.as_ref().map(|_| "***"))
            .field("public_host", &self.public_host)
            .finish()
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The use cases.
    pub dir: Directory,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Rendered pages, see [`pages::cache`].
    pub pages: pages::cache::PageCache,
}

impl AppState {
    /// State for a server over `dir`.
    pub fn new(dir: Directory, config: WebConfig) -> Self {
        AppState {
            dir,
            config: Arc::new(config),
            pages: Default::default(),
        }
    }
}

/// The largest request body accepted: generous for any entity, far too small
/// to hurt the server.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let cache = || axum::middleware::from_fn_with_state(state.clone(), pages::cache::middleware);
    let cached_pages = pages::router().route_layer(cache());
    let cached_api = api::router().route_layer(cache());
    Router::new()
        .merge(cached_pages)
        .merge(health::router())
        .merge(feeds::router())
        .merge(cached_api)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
            ),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
        .layer(TraceLayer::new_for_http())
        // A bug must cost one request a 500, not the connection or the process.
        .layer(CatchPanicLayer::new())
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown)
        .await
}
