//! iCalendar feeds (RFC 5545), subscribable without a login: public series
//! and networks at `/kalender/reihen/{series}.ics` and
//! `/kalender/netzwerke/{network}.ics`, and one personal feed per person of
//! every series they follow at `/kalender/person/{secret}.ics`. The secret
//! stands in for the login calendar clients cannot do; it shows what the
//! person may see, and renewing it on the account page shuts the old one.
//!
//! Calendar clients poll these every few hours, so an unchanged feed answers
//! `304 Not Modified` to `If-None-Match`. The ETag is a digest of the body,
//! which the calendar engine renders byte-identically for identical meetings;
//! `SEQUENCE` and `DTSTAMP` come from the application's stored feed marks, so
//! a client sees a change exactly when a meeting changed.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::access::Actor;
use knotenpunkt_app::{AppError, FeedLanguage, FeedSettings};
use knotenpunkt_domain::Slug;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::auth::{Dir, Use};
use crate::routes::Routes;

/// The feed routes.
pub(crate) fn router() -> Routes {
    Routes::new()
        .get("/kalender/reihen/{file}", series_feed)
        .get("/kalender/netzwerke/{file}", network_feed)
        .get("/kalender/person/{file}", personal_feed)
        .get("/kalender/veranstaltungen/{file}", event_file)
}

/// `?lang=en` switches the labels; calendar clients send no useful
/// Accept-Language, so German is the default.
#[derive(Debug, Deserialize)]
struct FeedQuery {
    lang: Option<String>,
}

fn settings(state: &AppState, q: Result<Query<FeedQuery>, QueryRejection>) -> FeedSettings {
    let language = match q.ok().and_then(|q| q.0.lang).as_deref() {
        Some("en") => FeedLanguage::En,
        _ => FeedLanguage::De,
    };
    FeedSettings {
        uid_domain: state.config.feed_domain(),
        language,
        today: state.app.today(),
        now: state.app.now(),
    }
}

/// `{slug}.ics` from the last path segment.
fn feed_slug(file: &str) -> Option<Slug> {
    file.strip_suffix(".ics")?.parse().ok()
}

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("Kalender nicht gefunden / calendar not found: {what}\n"),
    )
        .into_response()
}

fn failed(e: AppError, what: &str) -> Response {
    match e {
        AppError::NotFound { .. } => not_found(what),
        other => {
            tracing::error!(error = %other, feed = what, "feed failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Der Kalender ist gerade nicht verfügbar / the calendar is unavailable right now\n",
            )
                .into_response()
        }
    }
}

/// 200 with the feed, or 304 when the client's copy is current.
fn respond(body: String, file: &str, headers: &HeaderMap, private: bool) -> Response {
    let digest = Sha256::digest(body.as_bytes());
    let etag = format!(
        "\"{}\"",
        digest
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*");
    let etag_value = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\""));
    // A feed read with someone's eyes may hold what only they may see; no
    // shared cache on the way may keep it.
    let cache = if private {
        HeaderValue::from_static("private, no-store")
    } else {
        HeaderValue::from_static("public, max-age=300")
    };
    if matches {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)],
        )
            .into_response();
    }
    let disposition = HeaderValue::from_str(&format!("inline; filename=\"{file}\""))
        .unwrap_or(HeaderValue::from_static("inline"));
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::ETAG, etag_value),
            (header::CACHE_CONTROL, cache),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

async fn series_feed(
    State(state): State<AppState>,
    Dir(dir): Dir,
    Path(file): Path<String>,
    q: Result<Query<FeedQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some(slug) = feed_slug(&file) else {
        return not_found(&file);
    };
    let private = dir.reader().is_signed_in();
    match dir.series_feed(&slug, &settings(&state, q)).await {
        Ok(body) => respond(body, &file, &headers, private),
        Err(e) => failed(e, &file),
    }
}

async fn network_feed(
    State(state): State<AppState>,
    Dir(dir): Dir,
    Path(file): Path<String>,
    q: Result<Query<FeedQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some(slug) = feed_slug(&file) else {
        return not_found(&file);
    };
    let private = dir.reader().is_signed_in();
    match dir.network_feed(&slug, &settings(&state, q)).await {
        Ok(body) => respond(body, &file, &headers, private),
        Err(e) => failed(e, &file),
    }
}

/// One event as an `.ics` file (`{id}.ics`), for whoever sees the event.
async fn event_file(
    State(state): State<AppState>,
    Use(ev): Use<knotenpunkt_app::events::Events>,
    Path(file): Path<String>,
    q: Result<Query<FeedQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = file
        .strip_suffix(".ics")
        .and_then(|s| s.parse::<i64>().ok())
    else {
        return not_found(&file);
    };
    let private = ev.is_signed_in();
    match ev.ics(id, &settings(&state, q)).await {
        Ok(body) => respond(body, &file, &headers, private),
        Err(e) => failed(e, &file),
    }
}

async fn personal_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    q: Result<Query<FeedQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    // The secret is not a slug; it is checked by its digest only.
    let Some(secret) = file.strip_suffix(".ics").filter(|s| !s.is_empty()) else {
        return not_found("?");
    };
    let accounts = state.app.accounts(&Actor::anonymous());
    let (person, actor) = match accounts.feed_actor(secret).await {
        Ok(Some(found)) => found,
        // Never echo the secret back, not even in a 404.
        Ok(None) => return not_found("?"),
        Err(e) => return failed(e, "personal feed"),
    };
    let dir = state.dir.for_actor(&actor);
    match dir.personal_feed(&person, &settings(&state, q)).await {
        Ok(body) => respond(body, "knotenpunkt.ics", &headers, true),
        Err(e) => failed(e, "personal feed"),
    }
}
