//! The answer to someone the policy turned away.

use axum::response::{IntoResponse, Redirect, Response};
use knotenpunkt_app::AppError;
use knotenpunkt_app::access::Denial;

use crate::pages::answer::failure;
use crate::pages::ctx::Ctx;
use crate::pages::query;

/// A refusal: anonymous visitors are sent to sign in and come back to
/// `back` (a page: the request itself may have been a form) in the language
/// they chose; everyone else gets what [`failure`] says (403, or 404 for
/// what they may not even see).
pub(crate) fn refused(ctx: &Ctx, e: AppError, back: &str) -> Response {
    match e {
        AppError::Denied(Denial::SignIn) => {
            let next = query::url(back, &[("lang", ctx.lang_param().unwrap_or(""))]);
            Redirect::to(&query::url("/anmelden", &[("next", &next)])).into_response()
        }
        other => failure(ctx, other),
    }
}
