//! Server-rendered pages for people: German first, no JavaScript, no asset
//! from another host.
//!
//! Each handler gathers one view from [`knotenpunkt_app::Directory`], turns
//! it into plain display values (names already translated, links already
//! built) and hands them to an askama template. Templates only place text;
//! every sentence comes from the Fluent catalogue via [`Ctx`].

mod account;
mod assets;
pub mod cache;
mod calendar;
mod chart;
mod ctx;
mod home;
mod manage;
mod meeting_forms;
mod network;
mod organizations;
mod platform;
mod profile;
mod query;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use knotenpunkt_app::AppError;
use knotenpunkt_app::access::Denial;
use knotenpunkt_app::domain::{OrgKind, PartialDate, State};

use crate::routes::Routes;
pub(crate) use ctx::Ctx;

/// The page routes.
pub(crate) fn router() -> Routes {
    Routes::new()
        .get("/", home::start)
        .get("/netzwerke", home::networks)
        .get("/netzwerke/{slug}", network::page)
        .get("/netzwerke/{slug}/kalender", calendar::network)
        .get("/reihen/{slug}", calendar::series)
        .get("/reihen/{slug}/{date}", calendar::meeting)
        .post("/reihen/{slug}/verhinderung", meeting_forms::unavailable)
        .post(
            "/reihen/{slug}/{date}/tagesordnung",
            meeting_forms::add_point,
        )
        .post(
            "/reihen/{slug}/{date}/tagesordnung/{id}/entfernen",
            meeting_forms::remove_point,
        )
        .post("/reihen/{slug}/{date}/protokoll", meeting_forms::minutes)
        .post(
            "/reihen/{slug}/{date}/anwesenheit",
            meeting_forms::attendance,
        )
        .get("/organisationen", organizations::list)
        .get("/organisationen/{slug}", organizations::page)
        .get("/static/style.css", assets::stylesheet)
        .merge(account::router())
        .merge(manage::router())
        .merge(profile::router())
        .merge(platform::router())
        // A catch-all route rather than a fallback: axum refuses to merge
        // two routers that both have a fallback, and the API may want its own.
        .get("/{*rest}", not_found)
}

/// A state as a short badge with its full name for screen readers and
/// tooltips: `<abbr title="Rheinland-Pfalz">RP</abbr>`.
#[derive(Debug, Clone)]
pub(crate) struct Badge {
    code: &'static str,
    name: String,
}

impl Badge {
    fn all(ctx: &Ctx, states: &[State]) -> Vec<Badge> {
        states
            .iter()
            .map(|s| Badge {
                code: s.code(),
                name: ctx.state_name(s),
            })
            .collect()
    }
}

/// A date ready for `<time datetime="…">…</time>`.
#[derive(Debug, Clone)]
pub(crate) struct DateView {
    iso: String,
    text: String,
}

impl DateView {
    fn new(ctx: &Ctx, d: &PartialDate) -> DateView {
        DateView {
            iso: d.to_string(),
            text: ctx.date(d),
        }
    }
}

/// A link to an organisation, with what a list shows next to its name.
#[derive(Debug, Clone)]
pub(crate) struct OrgLink {
    name: String,
    href: String,
    kind: String,
    states: Vec<Badge>,
}

impl OrgLink {
    fn new(ctx: &Ctx, o: &knotenpunkt_app::domain::Organization) -> OrgLink {
        OrgLink {
            name: o.name.clone(),
            href: ctx.href(&format!("/organisationen/{}", o.slug)),
            kind: kind_label(ctx, o.kind),
            states: Badge::all(ctx, &o.states),
        }
    }
}

fn kind_label(ctx: &Ctx, k: OrgKind) -> String {
    ctx.kind_name(&k)
}

/// Renders a page with the headers every page carries.
fn html<T: Template>(ctx: &Ctx, status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(body) => (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_LANGUAGE,
                    HeaderValue::from_static(ctx.lang_code()),
                ),
                // The same address answers in another language for another
                // Accept-Language; caches must keep the two apart.
                (header::VARY, HeaderValue::from_static("Accept-Language")),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "page template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                )],
                ctx.t("error-internal-title"),
            )
                .into_response()
        }
    }
}

/// The 404 and 500 pages, in the site's layout.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    message: String,
}

fn error_page(ctx: &Ctx, status: StatusCode) -> Response {
    let (title, message) = match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-text"),
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-text"),
        _ => ("error-internal-title", "error-internal-text"),
    };
    html(
        ctx,
        status,
        &ErrorPage {
            ctx,
            title: ctx.t(title),
            message: ctx.t(message),
        },
    )
}

/// Answers a failed use case: "not found" is the user's 404; anything else
/// is logged in full and shown only as a plain apology, never with details.
fn failure(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } | AppError::Denied(Denial::Hidden) => {
            error_page(ctx, StatusCode::NOT_FOUND)
        }
        AppError::Denied(Denial::SignIn) => {
            let next = query::url("/anmelden", &[("next", ctx.path())]);
            axum::response::Redirect::to(&next).into_response()
        }
        AppError::Denied(_) => error_page(ctx, StatusCode::FORBIDDEN),
        other => {
            tracing::error!(error = %other, "page could not be built");
            error_page(ctx, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

async fn not_found(ctx: Ctx) -> Response {
    error_page(&ctx, StatusCode::NOT_FOUND)
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::routing::get;

    use crate::AppState;

    use super::*;

    /// The API nests under `/api` with catch-alls of its own and may set a
    /// fallback; merging the pages must not panic over either.
    #[test]
    fn pages_merge_with_an_api_that_has_a_fallback_and_catch_all() {
        let api: Router<AppState> = Router::new()
            .route("/api/openapi.json", get(|| async { "{}" }))
            .route("/api/{*rest}", get(|| async { "api 404" }))
            .fallback_service(Router::new());
        let (pages, _) = router().into_parts();
        let _app: Router<AppState> = pages.merge(api);
    }
}
