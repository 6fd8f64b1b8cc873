//! How the account pages answer: 303 to a page of this site, never
//! stored; the sign-in page that leads back; the person behind the browser.
//!
//! Every answer of the account pages is `Cache-Control: no-store`: it may
//! carry a secret, a typed address or a person's data.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::domain::Person;

use crate::auth::{Via, Viewer};
use crate::pages::ctx::Ctx;
use crate::pages::extract::infallible;
use crate::pages::query;

/// The person behind a browser session. Account pages are for people in a
/// browser; a request with an API token does not manage the account.
pub(super) fn session_person(v: &Viewer) -> Option<&Person> {
    match v.via {
        Via::Session => v.person.as_ref(),
        Via::Anonymous | Via::Token => None,
    }
}

/// 303 See Other to a path on this site.
pub(super) fn see_other(location: &str) -> Response {
    let value = HeaderValue::from_str(location).unwrap_or_else(|_| HeaderValue::from_static("/"));
    no_store((StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response())
}

/// Marks an answer as never to be stored: it may carry a secret, a typed
/// address or a person's data.
pub(super) fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Only a path on this site is a place to go back to: one leading `/`,
/// nothing a browser could read as another host (`//x`, `/\x`), no
/// whitespace or control characters, and not absurdly long.
pub(super) fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 1000
        && next.chars().all(|c| c.is_ascii_graphic());
    ok.then_some(next)
}

/// `path` with the explicit language choice carried on, when there is one
/// and the path does not name a language itself.
pub(super) fn with_lang(ctx: &Ctx, path: &str) -> String {
    match ctx.lang_param() {
        Some(l) if !path.contains("lang=") => {
            let (base, fragment) = path.split_once('#').unwrap_or((path, ""));
            let sep = if base.contains('?') { '&' } else { '?' };
            let fragment = if fragment.is_empty() {
                String::new()
            } else {
                format!("#{fragment}")
            };
            format!("{base}{sep}lang={l}{fragment}")
        }
        _ => path.to_owned(),
    }
}

/// The sign-in page that leads back to `back` afterwards.
pub(super) fn sign_in_first(ctx: &Ctx, back: &str) -> Response {
    let mut pairs = vec![("next", back)];
    if let Some(l) = ctx.lang_param() {
        pairs.push(("lang", l));
    }
    see_other(&query::url("/anmelden", &pairs))
}

/// Adds `Retry-After` to a 429 answer.
pub(super) fn retry_after(mut res: Response, seconds: u64) -> Response {
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    res
}

/// The person behind a browser session, for the pages of one's own
/// account; anyone else is sent to sign in and back to `/konto`.
pub(super) struct Holder(pub(super) Person);

impl<S: Send + Sync> FromRequestParts<S> for Holder {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Response> {
        let v = infallible(Viewer::from_request_parts(parts, s).await);
        match session_person(&v) {
            Some(p) => Ok(Holder(p.clone())),
            None => {
                let ctx = infallible(Ctx::from_request_parts(parts, s).await);
                Err(sign_in_first(&ctx, "/konto"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_places_to_return_to() {
        for good in ["/konto", "/reihen/x?lang=en", "/"] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "",
            "konto",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/a b",
            "/\u{7f}",
            "/ünicode",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_language_choice_travels_with_redirects() {
        let en = Ctx::new("/anmelden", "lang=en", None);
        assert_eq!(with_lang(&en, "/konto"), "/konto?lang=en");
        assert_eq!(with_lang(&en, "/r?x=1#a"), "/r?x=1&lang=en#a");
        assert_eq!(with_lang(&en, "/r?lang=de"), "/r?lang=de");
        let de = Ctx::new("/anmelden", "", None);
        assert_eq!(with_lang(&de, "/konto"), "/konto");
    }
}
