//! The one stylesheet, compiled into the binary so the server needs no
//! files beside it and never loads anything from another host.

use std::sync::LazyLock;

use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../../static/style.css");

/// FNV-1a over the stylesheet, computed by the compiler: a content version
/// for the URL and the `ETag`, so browsers may cache the file for a year and
/// still see a changed stylesheet after an upgrade.
const CSS_HASH: u64 = {
    let bytes = CSS.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
};

static VERSION: LazyLock<String> = LazyLock::new(|| format!("{CSS_HASH:016x}"));
static HREF: LazyLock<String> = LazyLock::new(|| format!("/static/style.css?v={}", *VERSION));
static ETAG: LazyLock<String> = LazyLock::new(|| format!("\"{}\"", *VERSION));

/// Where pages link the stylesheet.
pub(crate) fn stylesheet_href() -> &'static str {
    &HREF
}

/// Serves the stylesheet. The versioned address is immutable; the bare one
/// is cached for an hour, and `If-None-Match` saves the body either way.
pub(crate) async fn stylesheet(RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let versioned = q.as_deref() == Some(&format!("v={}", *VERSION));
    let cache = if versioned {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    let etag = HeaderValue::from_str(&ETAG).unwrap_or(HeaderValue::from_static("\"0\""));
    let common = [
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        (header::ETAG, etag.clone()),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim() == ETAG.as_str() || t.trim() == "*")
        });
    if unchanged {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        )],
        CSS,
    )
        .into_response()
}
