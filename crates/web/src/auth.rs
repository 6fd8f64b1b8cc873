//! Who is asking: the session cookie or a personal API token becomes a
//! [`Viewer`], once per request, in one middleware; handlers only read it.
//!
//! The same middleware guards every state-changing request against
//! cross-site forgery, so no handler can forget to:
//! - a request carrying the session cookie must carry the session's form
//!   token too (form field `csrf` or header `X-CSRF-Token`);
//! - any unsafe request whose `Origin` (or `Sec-Fetch-Site`) says it comes
//!   from another site is refused, which also protects the forms used
//!   before a session exists (sign-in, reset).
//!
//! Requests with a bearer token are exempt from both: a browser never adds
//! such a header on its own, so a forged request cannot carry one.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use knotenpunkt_app::access::Actor;
use knotenpunkt_app::domain::Person;
use knotenpunkt_app::{Accounts, AppError, Counters, Directory, Service, Session};
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::api::problem::Problem;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "kp_session";

/// How the viewer proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Nobody signed in.
    Anonymous,
    /// A browser session.
    Session,
    /// A personal API token.
    Token,
}

/// The person behind a request, as the policy sees them.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// What they may do.
    pub actor: Actor,
    /// Who they are, when signed in.
    pub person: Option<Person>,
    /// The form token of their session.
    pub csrf: Option<String>,
    /// The raw session cookie, to end the session on sign-out.
    pub(crate) session_token: Option<String>,
    /// How they proved it.
    pub via: Via,
    /// Whether they administer the platform, as the app answered when the
    /// request arrived (the header's link to the platform pages).
    pub platform_admin: bool,
}

impl Viewer {
    /// Nobody.
    pub fn anonymous() -> Viewer {
        Viewer {
            actor: Actor::anonymous(),
            person: None,
            csrf: None,
            session_token: None,
            via: Via::Anonymous,
            platform_admin: false,
        }
    }

    /// Whether pages for this viewer may be shared with other viewers
    /// (cached, served from shared caches).
    pub fn is_anonymous(&self) -> bool {
        self.via == Via::Anonymous
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or_else(Viewer::anonymous))
    }
}

/// The change counters as read for this request, after it arrived (see
/// `knotenpunkt_app::App::counters`): what the page cache and the app's
/// caches key on, read once per request by [`middleware`].
#[derive(Debug, Clone, Copy)]
pub struct Fresh(pub Counters);

/// An area service built for the viewer: `Use(dir): Use<Directory>`. The
/// service asks the policy and records the audit itself; the handler only
/// parses, calls it and renders.
pub struct Use<S>(pub S);

impl<S: Service> FromRequestParts<AppState> for Use<S> {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Use(service(parts, state)))
    }
}

/// The service `S` for the viewer of a request, with the request's counters.
pub(crate) fn service<S: Service>(parts: &Parts, state: &AppState) -> S {
    let anonymous = Actor::anonymous();
    let actor = parts
        .extensions
        .get::<Viewer>()
        .map_or(&anonymous, |v| &v.actor);
    let counters = parts.extensions.get::<Fresh>().map(|f| f.0);
    S::for_actor(&state.app, actor, counters)
}

/// The directory read with the viewer's eyes: every handler that reads
/// takes this instead of `state.dir`, so what it shows is filtered by the
/// policy in the app layer (see `knotenpunkt_app`'s visibility module).
pub struct Dir(pub Directory);

impl FromRequestParts<AppState> for Dir {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Dir(service(parts, state)))
    }
}

/// A viewer who is signed in (session or token). Write handlers of the API
/// take it before their body, so an anonymous write is a 401 before the
/// body is even parsed; what the person may do is still the policy's call.
pub struct SignedIn(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Viewer>() {
            Some(v) if !v.is_anonymous() => Ok(SignedIn(v.clone())),
            _ => Err(Problem::from(AppError::Denied(
                knotenpunkt_app::access::Denial::SignIn,
            ))),
        }
    }
}

/// The session cookie for a new session. `Secure` when the site is served
/// over HTTPS: a browser would refuse it over plain HTTP (a local trial).
pub(crate) fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let c = Cookie::build((SESSION_COOKIE, token.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.https())
        .build();
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A cookie that removes the session cookie.
pub(crate) fn clear_session_cookie(state: &AppState) -> HeaderValue {
    let c = Cookie::build((SESSION_COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.https())
        .max_age(cookie::time::Duration::ZERO)
        .build();
    HeaderValue::from_str(&c.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == SESSION_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| !v.is_empty())
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

fn is_unsafe(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when the browser says the request comes from another site.
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

fn forbidden(why: &str) -> Response {
    Problem::new(
        StatusCode::FORBIDDEN,
        "csrf",
        "Request refused",
        why.to_owned(),
    )
    .into_response()
}

/// Addresses that need no viewer and no counters: probes and the
/// stylesheet answer the same to everyone and never touch the directory.
fn needs_no_viewer(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz") || path.starts_with("/static/")
}

/// Resolves the viewer and enforces the cross-site rules; see the module docs.
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut req = req;
    if needs_no_viewer(req.uri().path()) {
        req.extensions_mut().insert(Viewer::anonymous());
        return next.run(req).await;
    }
    // Read once, after the request arrived: every cache this request
    // consults is then at least as new as any change committed before it.
    // Without them (the database is down) every use case reads them itself
    // and fails the way it would anyway: a page then answers its 500 page.
    let counters = match state.app.counters().await {
        Ok(c) => {
            req.extensions_mut().insert(Fresh(c));
            Some(c)
        }
        Err(e) => {
            tracing::error!(error = %e, "change counters not readable");
            None
        }
    };
    let accounts: Accounts = Service::for_actor(&state.app, &Actor::anonymous(), counters);
    let unsafe_method = is_unsafe(req.method());
    if let Some(token) = bearer(req.headers()) {
        let token = token.to_owned();
        return match accounts.api_credential(&token).await {
            Ok(Some((person, actor))) => {
                let dir: Directory = Service::for_actor(&state.app, &actor, counters);
                req.extensions_mut().insert(Viewer {
                    platform_admin: dir.administers_platform().is_ok(),
                    actor,
                    person: Some(person),
                    csrf: None,
                    session_token: None,
                    via: Via::Token,
                });
                next.run(req).await
            }
            Ok(None) => Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Unauthorized",
                "the bearer token is not valid (revoked, expired or mistyped)",
            )
            .into_response(),
            Err(e) => Problem::from(e).into_response(),
        };
    }
    if unsafe_method && cross_site(req.headers()) {
        return forbidden("requests from other sites are not accepted");
    }
    let session = match session_token(req.headers()) {
        Some(t) => match accounts.session(&t).await {
            Ok(s) => s.map(|s| (t, s)),
            Err(e) => return Problem::from(e).into_response(),
        },
        None => None,
    };
    let Some((
        token,
        Session {
            person,
            actor,
            csrf,
        },
    )) = session
    else {
        req.extensions_mut().insert(Viewer::anonymous());
        return next.run(req).await;
    };
    if unsafe_method {
        let (ok, rebuilt) = csrf_ok(req, &csrf).await;
        let Some(rebuilt) = rebuilt else {
            return forbidden("the request body could not be read");
        };
        if !ok {
            return forbidden(
                "the form token is missing or out of date; reload the page and try again",
            );
        }
        req = rebuilt;
    }
    let dir: Directory = Service::for_actor(&state.app, &actor, counters);
    req.extensions_mut().insert(Viewer {
        platform_admin: dir.administers_platform().is_ok(),
        actor,
        person: Some(person),
        csrf: Some(csrf),
        session_token: Some(token),
        via: Via::Session,
    });
    next.run(req).await
}

/// Checks the form token from the header or, for forms, the body — which
/// is read and put back so the handler still gets it.
async fn csrf_ok(req: Request, expected: &str) -> (bool, Option<Request>) {
    let matches = |given: &str| bool::from(given.as_bytes().ct_eq(expected.as_bytes()));
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        let ok = matches(h);
        return (ok, Some(req));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return (false, Some(req));
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return (false, None);
    };
    let ok = form_urlencoded_value(&bytes, "csrf").is_some_and(|v| matches(&v));
    (ok, Some(Request::from_parts(parts, Body::from(bytes))))
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

// ---- rate limits ----------------------------------------------------------

/// What a rate limit protects; each has its own budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limited {
    /// Sign-in attempts.
    SignIn,
    /// Reset requests and reset completions.
    Reset,
    /// Invitations sent and accepted.
    Invitation,
    /// Registrations asked for by mail: each sends a mail to an address
    /// nobody has proven yet.
    EventMail,
}

/// Budgets per client address and per account (e-mail address or link),
/// so neither one machine nor a botnet aimed at one account gets far.
#[derive(Clone)]
pub struct RateLimits {
    by_client: Arc<DefaultKeyedRateLimiter<(Limited, IpAddr)>>,
    by_account: Arc<DefaultKeyedRateLimiter<(Limited, String)>>,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits").finish_non_exhaustive()
    }
}

/// The limits, as settings.
#[derive(Debug, Clone, Copy)]
pub struct RateLimitConfig {
    /// Attempts a client address may make at once.
    pub client_burst: u32,
    /// Then one more per this interval.
    pub client_every: Duration,
    /// Attempts against one account at once.
    pub account_burst: u32,
    /// Then one more per this interval.
    pub account_every: Duration,
}

impl Default for RateLimitConfig {
    /// Ten quick tries per address, then one every six seconds; five per
    /// account, then one every three minutes: enough for a person who
    /// mistypes, far too little for guessing.
    fn default() -> Self {
        RateLimitConfig {
            client_burst: 10,
            client_every: Duration::from_secs(6),
            account_burst: 5,
            account_every: Duration::from_secs(180),
        }
    }
}

impl RateLimits {
    /// Limits with these settings.
    pub fn new(c: RateLimitConfig) -> RateLimits {
        let quota = |burst: u32, every: Duration| {
            let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
            Quota::with_period(every.max(Duration::from_millis(1)))
                .map(|q| q.allow_burst(burst))
                .unwrap_or_else(|| Quota::per_second(burst))
        };
        RateLimits {
            by_client: Arc::new(RateLimiter::keyed(quota(c.client_burst, c.client_every))),
            by_account: Arc::new(RateLimiter::keyed(quota(c.account_burst, c.account_every))),
        }
    }

    /// Spends one attempt; `Err(seconds to wait)` when over budget.
    pub fn check(&self, what: Limited, client: IpAddr, account: &str) -> Result<(), u64> {
        let clock = DefaultClock::default();
        let wait = |e: governor::NotUntil<_>| e.wait_time_from(clock.now()).as_secs().max(1);
        self.by_client.check_key(&(what, client)).map_err(wait)?;
        self.by_account
            .check_key(&(what, account.trim().to_lowercase()))
            .map_err(wait)?;
        Ok(())
    }

    /// Forgets keys whose budget is full again, so memory stays bounded.
    pub fn shrink(&self) {
        self.by_client.retain_recent();
        self.by_account.retain_recent();
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits::new(RateLimitConfig::default())
    }
}

/// The client's address: the socket's peer, or behind a trusted reverse
/// proxy the address it forwarded (see [`crate::proxy`]); loopback when the
/// server runs without connection info (in-process tests).
pub(crate) fn client_ip(parts: &Parts, state: &AppState) -> IpAddr {
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    crate::proxy::client_address(peer, &parts.headers, &state.config.trusted_proxies)
}

/// The client address as an extractor.
pub(crate) struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts, state)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_requests_are_recognised() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("kp.example"));
        assert!(!cross_site(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://kp.example"),
        );
        assert!(!cross_site(&h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(cross_site(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(cross_site(&h));
        h.remove(header::ORIGIN);
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&h));
    }

    #[test]
    fn budgets_run_out_per_account_and_per_client() {
        let limits = RateLimits::new(RateLimitConfig {
            client_burst: 4,
            client_every: Duration::from_secs(3600),
            account_burst: 2,
            account_every: Duration::from_secs(3600),
        });
        let ip = IpAddr::from([10, 0, 0, 1]);
        assert!(limits.check(Limited::SignIn, ip, "a@x.de").is_ok());
        assert!(limits.check(Limited::SignIn, ip, "A@x.de ").is_ok());
        let wait = limits.check(Limited::SignIn, ip, "a@x.de");
        assert!(matches!(wait, Err(s) if s > 60), "{wait:?}");
        // Another account from the same address still has the client budget…
        assert!(limits.check(Limited::SignIn, ip, "b@x.de").is_ok());
        // …until that is spent too (4 client attempts: 3 above + this one).
        assert!(limits.check(Limited::SignIn, ip, "c@x.de").is_err());
        // Other purposes have their own budgets.
        assert!(limits.check(Limited::Reset, ip, "a@x.de").is_ok());
    }
}
