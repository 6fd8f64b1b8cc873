//! Signing in and out, invitations, password reset and one's own account.

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;

use super::{Ctx, failure};
use crate::AppState;
use crate::auth::{Viewer, clear_session_cookie};

/// The account routes.
pub(super) fn router() -> Router<AppState> {
    Router::new().route("/abmelden", post(sign_out))
}

/// Ends this browser's session and sends the person to the start page.
async fn sign_out(State(s): State<AppState>, ctx: Ctx, v: Viewer) -> Response {
    if let Some(token) = &v.session_token
        && let Err(e) = s.dir.sign_out(token).await
    {
        return failure(&ctx, e);
    }
    let mut res = Redirect::to(&ctx.href("/")).into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, clear_session_cookie(&s));
    *res.status_mut() = StatusCode::SEE_OTHER;
    res
}
