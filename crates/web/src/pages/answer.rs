//! The answers every page gives besides itself: the HTML response with the
//! headers every page carries, the 404, 403 and 500 pages in the site's
//! layout, and what a failed use case means for the visitor.
//!
//! A handler that can fail returns [`Answer`]: its page, or the answer that
//! takes the page's place, so `?` ends it early with the right page.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use knotenpunkt_app::AppError;
use knotenpunkt_app::access::Denial;

use super::ctx::Ctx;
use super::query;

/// What a page handler answers: its page, or what takes the page's place
/// (the error page, the sign-in page, a redirect after a form).
pub(crate) type Answer = Result<Response, Response>;

/// Renders a page with the headers every page carries.
pub(crate) fn html<T: Template>(ctx: &Ctx, status: StatusCode, page: &T) -> Response {
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

/// The 404, 403 and 500 pages, in the site's layout.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    message: String,
}

/// The error page for `status`: not found, forbidden, or the apology.
pub(crate) fn error_page(ctx: &Ctx, status: StatusCode) -> Response {
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
pub(crate) fn failure(ctx: &Ctx, e: AppError) -> Response {
    match e {
        AppError::NotFound { .. } | AppError::Denied(Denial::Hidden) => {
            error_page(ctx, StatusCode::NOT_FOUND)
        }
        AppError::Denied(Denial::SignIn) => {
            let next = query::url("/anmelden", &[("next", ctx.path())]);
            Redirect::to(&next).into_response()
        }
        AppError::Denied(_) => error_page(ctx, StatusCode::FORBIDDEN),
        other => {
            tracing::error!(error = %other, "page could not be built");
            error_page(ctx, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

/// Turns a use case's error into the page that answers it, so a handler
/// returning [`Answer`] can use `?` on what the application gives back.
// The error is the request's whole answer, made once and sent: boxing it
// would add an allocation to every refusal and gain nothing.
#[allow(clippy::result_large_err)]
pub(crate) trait OrFail<T> {
    /// The value, or [`failure`]'s answer.
    fn or_fail(self, ctx: &Ctx) -> Result<T, Response>;
}

impl<T> OrFail<T> for Result<T, AppError> {
    fn or_fail(self, ctx: &Ctx) -> Result<T, Response> {
        self.map_err(|e| failure(ctx, e))
    }
}

/// Every address nothing else answers.
pub(crate) async fn not_found(ctx: Ctx) -> Response {
    error_page(&ctx, StatusCode::NOT_FOUND)
}
