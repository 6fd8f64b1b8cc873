//! The account page's forms about access: signing out everywhere, a new
//! password, API tokens.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use knotenpunkt_app::domain::TokenScope;
use knotenpunkt_app::domain::limits::MAX_TOKEN_NAME;
use knotenpunkt_app::{Accounts, AppError};

use super::page::{AccountPage, NewTokenView, token_row};
use super::password::{new_password_problems, refused_password, wait_text};
use super::reply::{Holder, retry_after, see_other, with_lang};
use crate::AppState;
use crate::auth::{ClientIp, Limited, Use, Viewer, clear_session_cookie};
use crate::pages::answer::{Answer, OrFail};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::FormData;

/// POST /konto/ueberall-abmelden: every session of the person ends.
pub(super) async fn sign_out_everywhere(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    _: Holder,
) -> Answer {
    acc.sign_out_everywhere().await.or_fail(&ctx)?;
    let mut res = see_other(&ctx.href("/anmelden?abgemeldet=1"));
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&s));
    Ok(res)
}

/// POST /konto/passwort
pub(super) async fn change_password(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    v: Viewer,
    Holder(p): Holder,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Answer {
    let form = FormData::parse(&body);
    let (current, password, repeat) = (
        form.raw("current"),
        form.raw("password"),
        form.raw("password_repeat"),
    );
    let mut errors = PasswordErrors {
        current: current.is_empty().then(|| ctx.t("form-current-missing")),
        ..PasswordErrors::default()
    };
    (errors.new, errors.repeat) = new_password_problems(&ctx, password, repeat);
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let mut wait = None;
    if errors.is_empty() {
        // Whoever holds a session must not be able to guess the password
        // faster than at the sign-in form.
        match s.limits.check(Limited::SignIn, ip, p.email.as_str()) {
            Err(seconds) => {
                errors.current = Some(ctx.t1("signin-limited", "wait", wait_text(&ctx, seconds)));
                (status, wait) = (StatusCode::TOO_MANY_REQUESTS, Some(seconds));
            }
            Ok(()) => match acc
                .change_password(v.session_token.as_deref(), current, password)
                .await
            {
                Ok(()) => {
                    return Ok(see_other(&with_lang(
                        &ctx,
                        "/konto?hinweis=passwort#passwort",
                    )));
                }
                Err(AppError::Invalid(refused)) if refused.iter().any(|e| e.field == "current") => {
                    errors.current = Some(ctx.t("form-current-wrong"));
                }
                Err(AppError::Invalid(refused)) => {
                    errors.new = Some(refused_password(&ctx, &refused));
                }
                Err(e) => return Err(crate::pages::answer::failure(&ctx, e)),
            },
        }
    }
    let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
    page.current.error = errors.current;
    page.new_password.error = errors.new;
    page.repeat.error = errors.repeat;
    let res = page.render(status);
    Ok(match wait {
        Some(seconds) => retry_after(res, seconds),
        None => res,
    })
}

/// What is wrong with the password form, field by field.
#[derive(Default)]
struct PasswordErrors {
    current: Option<String>,
    new: Option<String>,
    repeat: Option<String>,
}

impl PasswordErrors {
    fn is_empty(&self) -> bool {
        self.current.is_none() && self.new.is_none() && self.repeat.is_none()
    }
}

/// POST /konto/tokens: the new token is shown once, in the answer.
pub(super) async fn create_token(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    v: Viewer,
    Holder(p): Holder,
    body: Bytes,
) -> Answer {
    let form = FormData::parse(&body);
    let name = form.raw("name").trim();
    let scope = match form.raw("scope") {
        "read" => Some(TokenScope::Read),
        "write" => Some(TokenScope::Write),
        _ => None,
    };
    let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
    page.token_name.value = name.to_owned();
    page.token_scope = match scope {
        Some(TokenScope::Write) => "write",
        _ => "read",
    };
    if name.is_empty() {
        page.token_name.error = Some(ctx.t("token-name-missing"));
    } else if name.chars().count() > MAX_TOKEN_NAME {
        page.token_name.error = Some(ctx.t1("token-name-long", "max", MAX_TOKEN_NAME));
    }
    if scope.is_none() {
        page.scope_error = Some(ctx.t("token-scope-missing"));
    }
    let Some(scope) = scope.filter(|_| page.token_name.error.is_none()) else {
        return Ok(page.render(StatusCode::UNPROCESSABLE_ENTITY));
    };
    match acc.create_api_token(name, scope).await {
        Ok(t) => {
            // The list is newest first, as stored.
            page.tokens.insert(0, token_row(&ctx, &t.record));
            page.new_token = Some(NewTokenView {
                name: t.record.name,
                secret: t.secret,
            });
            page.token_name.value.clear();
            page.token_scope = "read";
            Ok(page.render(StatusCode::OK))
        }
        Err(AppError::Invalid(_)) => {
            page.token_name.error = Some(ctx.t("token-name-missing"));
            Ok(page.render(StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(crate::pages::answer::failure(&ctx, e)),
    }
}

/// POST /konto/tokens/{id}/widerrufen
pub(super) async fn revoke_token(
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    _: Holder,
    Params(id): Params<i64>,
) -> Answer {
    acc.revoke_api_token(id).await.or_fail(&ctx)?;
    Ok(see_other(&with_lang(
        &ctx,
        "/konto?hinweis=token-widerrufen#tokens",
    )))
}
