//! The account page's forms about the person's data: the personal
//! calendar address, the GDPR download, deleting the account, and following
//! a series.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{Accounts, AppError};

use super::page::AccountPage;
use super::reply::{
    Holder, local_path, no_store, see_other, session_person, sign_in_first, with_lang,
};
use crate::AppState;
use crate::auth::{Use, Viewer, clear_session_cookie};
use crate::pages::answer::{Answer, OrFail, error_page};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::FormData;

/// The address the site is reached under: the configured public address,
/// else what the browser asked for (only a plausible host name is taken).
fn base_url(s: &AppState, headers: &HeaderMap) -> String {
    if let Some(u) = &s.config.public_url {
        return u.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// POST /konto/kalender: a new personal calendar address, shown once in
/// the answer; the old one stops working.
pub(super) async fn renew_feed(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Holder(p): Holder,
    headers: HeaderMap,
) -> Answer {
    let secret = s
        .app
        .accounts(&v.actor)
        .renew_feed_token()
        .await
        .or_fail(&ctx)?;
    let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
    page.feed_url = Some(format!(
        "{}/kalender/person/{secret}.ics",
        base_url(&s, &headers)
    ));
    Ok(page.render(StatusCode::OK))
}

/// POST /konto/kalender/widerrufen
pub(super) async fn revoke_feed(ctx: Ctx, Use(acc): Use<Accounts>, _: Holder) -> Answer {
    acc.revoke_feed_token().await.or_fail(&ctx)?;
    Ok(see_other(&with_lang(
        &ctx,
        "/konto?hinweis=kalender-widerrufen#kalender",
    )))
}

/// GET /konto/daten.json: everything stored about the person, as a file to
/// keep (GDPR Art. 15, 20).
pub(super) async fn download(ctx: Ctx, Use(acc): Use<Accounts>, _: Holder) -> Answer {
    let data = acc.personal_data().await.or_fail(&ctx)?;
    let body = match serde_json::to_string_pretty(&data) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "personal data could not be written as JSON");
            return Err(error_page(&ctx, StatusCode::INTERNAL_SERVER_ERROR));
        }
    };
    Ok(no_store(
        (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"knotenpunkt-daten.json\""),
                ),
            ],
            body,
        )
            .into_response(),
    ))
}

/// POST /konto/loeschen, confirmed by typing the account's address.
pub(super) async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Holder(p): Holder,
    body: Bytes,
) -> Answer {
    let form = FormData::parse(&body);
    let typed = form.raw("confirm").trim();
    if !typed.eq_ignore_ascii_case(p.email.as_str()) {
        let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
        page.confirm.value = typed.to_owned();
        page.confirm.error = Some(ctx.t(if typed.is_empty() {
            "account-delete-missing"
        } else {
            "account-delete-mismatch"
        }));
        return Ok(page.render(StatusCode::UNPROCESSABLE_ENTITY));
    }
    match s.app.accounts(&v.actor).delete_account().await {
        Ok(()) => {
            let mut res = see_other(&ctx.href("/"));
            res.headers_mut()
                .append(header::SET_COOKIE, clear_session_cookie(&s));
            Ok(res)
        }
        Err(AppError::Conflict(e)) => {
            let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
            page.confirm.value = typed.to_owned();
            page.delete_problem = Some(ctx.t(if e.field == "account" {
                "account-delete-last-admin"
            } else {
                "account-delete-conflict"
            }));
            Ok(page.render(StatusCode::CONFLICT))
        }
        Err(e) => Err(crate::pages::answer::failure(&ctx, e)),
    }
}

/// POST /reihen/{slug}/folgen: follows or unfollows a series, then back to
/// where the form was: the series' page, or a local `next` (the account
/// page's list).
pub(super) async fn follow(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    let series_page = format!("/reihen/{slug}");
    if session_person(&v).is_none() {
        return Ok(sign_in_first(&ctx, &series_page));
    }
    let form = FormData::parse(&body);
    let on = form.raw("follow") == "1";
    s.app
        .accounts(&v.actor)
        .set_follow(&slug, on)
        .await
        .or_fail(&ctx)?;
    let back = local_path(form.raw("next")).unwrap_or(&series_page);
    Ok(see_other(&with_lang(&ctx, back)))
}
