//! Knotenpunkt's HTTP face: server-rendered pages and the JSON API.
//!
//! Both are thin adapters over the same [`knotenpunkt_app::Directory`] calls:
//! a handler parses the request, (later) asks the authorisation module, calls
//! one use case and renders the answer — HTML for people, JSON for programs.
//! There is no SQL here and no business rule; if a handler grows an `if`
//! about the domain, that `if` belongs in the app crate.
#![deny(missing_docs)]

pub mod api;
pub mod auth;
mod feeds;
mod health;
mod i18n;
pub mod pages;
pub mod proxy;
mod routes;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use knotenpunkt_app::{App, Directory};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Settings of the web layer.
#[derive(Clone, Debug, Default)]
pub struct WebConfig {
    /// The address people reach the site under (`https://knotenpunkt.example`).
    /// An `https://` address makes cookies `Secure` and turns on HSTS.
    pub public_url: Option<String>,
    /// Host name of this installation, the domain part of every calendar
    /// event's UID; it must stay the same for the life of the installation,
    /// or subscribed calendars see every meeting twice.
    pub public_host: Option<String>,
    /// Budgets of sign-in, reset and invitation attempts.
    pub rate_limits: auth::RateLimitConfig,
    /// Reverse proxies whose `X-Forwarded-For` is believed when they are
    /// the peer; with none, the header is ignored (see [`proxy`]).
    pub trusted_proxies: Vec<proxy::TrustedProxy>,
}

impl WebConfig {
    /// The UID domain of feeds: the public host, or a fixed placeholder.
    pub fn feed_domain(&self) -> String {
        self.public_host
            .clone()
            .unwrap_or_else(|| "knotenpunkt.localhost".into())
    }

    /// Whether the site is served over HTTPS.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The application; handlers get its services for the viewer through
    /// extractors (see [`auth::Dir`]).
    pub app: App,
    /// The directory for an anonymous reader, for the handlers that have
    /// not moved to an area service yet.
    pub dir: Directory,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// Rendered pages, see [`pages::cache`].
    pub pages: pages::cache::PageCache,
    /// Budgets of sign-in, reset and invitation attempts.
    pub limits: auth::RateLimits,
}

impl AppState {
    /// State for a server over `app`.
    pub fn new(app: App, config: WebConfig) -> Self {
        AppState {
            dir: app.directory(&knotenpunkt_app::access::Actor::anonymous()),
            app,
            limits: auth::RateLimits::new(config.rate_limits),
            config: Arc::new(config),
            pages: Default::default(),
        }
    }
}

/// The largest request body accepted: generous for any entity, far too small
/// to hurt the server.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub use routes::Route;

/// Every page, form, feed and probe address with the router that serves
/// them; the page cache wraps the pages and the feeds (which set their own
/// headers) exactly as before.
fn page_routes_with_router_for(
    cache: impl FnOnce(Router<AppState>) -> Router<AppState>,
) -> (Router<AppState>, Vec<Route>) {
    pages::router()
        .map_router(cache)
        .merge(health::router())
        .merge(feeds::router())
        .into_parts()
}

/// Every address outside the API that the server answers, for the
/// authorisation matrix: a route added without a rule fails that test.
pub fn page_routes() -> Vec<Route> {
    page_routes_with_router_for(|r| r).1
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let cache = || axum::middleware::from_fn_with_state(state.clone(), pages::cache::middleware);
    let (cached_pages, _) = page_routes_with_router_for(|r| r.route_layer(cache()));
    let cached_api = api::router().route_layer(cache());
    Router::new()
        .merge(cached_pages)
        .merge(cached_api)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::middleware,
        ))
        .with_state(state.clone())
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
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            hsts(&state.config),
        ))
        .layer(TraceLayer::new_for_http())
        // A bug must cost one request a 500, not the connection or the process.
        .layer(CatchPanicLayer::new())
}

/// HSTS only makes sense (and only takes effect) over HTTPS; over plain
/// HTTP the header would be a no-op that misleads readers of the response.
fn hsts(config: &WebConfig) -> Option<HeaderValue> {
    config
        .https()
        .then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"))
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let limits = state.limits.clone();
    // Rate-limit keys whose budget is full again are dropped now and then.
    let sweeper = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(300)).await;
            limits.shrink();
        }
    });
    let served = axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    sweeper.abort();
    served
}
