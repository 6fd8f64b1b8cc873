//! Typed path parameters: a handler names what its address holds
//! (`Params<(Slug, Day)>`) and gets it parsed, or the site's 404 page for a
//! malformed value — an address that cannot name anything names nothing.
//!
//! Also [`Back`]: where a visitor whom an extractor asks to sign in comes
//! back to afterwards.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::NaiveDate;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};

use super::answer::error_page;
use super::ctx::Ctx;

/// The path parameters of a request as `T` (a value, a tuple in the order of
/// the address, or a struct naming some of them), each parsed into its type:
/// [`knotenpunkt_app::domain::Slug`], [`Day`], `i64`, `String`. Any value
/// that does not parse answers the 404 page.
pub(crate) struct Params<T>(pub(crate) T);

impl<S, T> FromRequestParts<S> for Params<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(t)) => Ok(Params(t)),
            Err(_) => Err(not_found(parts, state).await),
        }
    }
}

/// The 404 page in the request's language.
pub(crate) async fn not_found<S: Send + Sync>(parts: &mut Parts, state: &S) -> Response {
    let ctx = infallible(Ctx::from_request_parts(parts, state).await);
    error_page(&ctx, StatusCode::NOT_FOUND)
}

/// The value of an extraction that cannot fail (the page context, the
/// viewer), for extractors built on them.
pub(crate) fn infallible<T>(r: Result<T, Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(never) => match never {},
    }
}

/// A day in an address, only in its one canonical form (`2026-05-28`): one
/// address per meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day(pub(crate) NaiveDate);

impl Day {
    fn parse(text: &str) -> Option<Day> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|d| d.format("%Y-%m-%d").to_string() == text)
            .map(Day)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let text = String::deserialize(d)?;
        Day::parse(&text).ok_or_else(|| D::Error::custom("not a day as YYYY-MM-DD"))
    }
}

/// Where a visitor asked to sign in comes back to: a page (a form cannot be
/// sent again by a redirect), chosen by the handler's type.
pub(crate) trait Back: Send + Sync + 'static {
    /// The page for a request to `path`.
    fn page(path: &str) -> String;
}

/// The address itself: a page, or a form that posts to its own page.
pub(crate) struct Here;

impl Back for Here {
    fn page(path: &str) -> String {
        path.to_owned()
    }
}

/// The address one step up: the page of a form that posts to a sub-address
/// (`…/kooperationen/7/loeschen` comes back to `…/kooperationen/7`).
pub(crate) struct Up;

impl Back for Up {
    fn page(path: &str) -> String {
        match path.trim_end_matches('/').rsplit_once('/') {
            Some((up, _)) if !up.is_empty() => up.to_owned(),
            _ => "/".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_only_read_in_their_canonical_form() {
        assert_eq!(
            Day::parse("2026-05-28"),
            NaiveDate::from_ymd_opt(2026, 5, 28).map(Day)
        );
        for bad in ["2026-5-28", "2026-05-32", "heute", "2026-05-28T10:00", ""] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn up_is_the_page_a_sub_address_belongs_to() {
        assert_eq!(
            Up::page("/verwaltung/kooperationen/7/loeschen"),
            "/verwaltung/kooperationen/7"
        );
        assert_eq!(Up::page("/x"), "/");
        assert_eq!(Here::page("/x/y"), "/x/y");
    }
}
