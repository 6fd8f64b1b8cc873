//! Signing in and out. The sign-in fails with one sentence for an unknown
//! address and a wrong password alike: it never tells whether an address
//! has an account.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use knotenpunkt_app::NewSession;

use super::password::{title, wait_text};
use super::reply::{local_path, no_store, retry_after, see_other, session_person, with_lang};
use crate::AppState;
use crate::auth::{ClientIp, Limited, Viewer, clear_session_cookie, session_cookie};
use crate::pages::answer::{failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{Field, FormData, SummaryItem};
use crate::pages::query;

/// The id of the sign-in page's message box, which both inputs point to
/// when the address and password did not match.
const SIGN_IN_PROBLEM: &str = "anmeldung-problem";

/// Ends this browser's session and sends the person to the start page.
pub(super) async fn sign_out(State(s): State<AppState>, ctx: Ctx, v: Viewer) -> Response {
    if let Some(token) = &v.session_token
        && let Err(e) = s.app.accounts(&v.actor).sign_out(token).await
    {
        return failure(&ctx, e);
    }
    let mut res = see_other(&ctx.href("/"));
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&s));
    res
}

/// Signs the browser in: the session cookie, then on to `to`. A session
/// the browser had before ends, so one browser never holds two.
pub(super) async fn signed_in(s: &AppState, v: &Viewer, session: NewSession, to: &str) -> Response {
    if let Some(old) = &v.session_token
        && let Err(e) = s.app.accounts(&v.actor).sign_out(old).await
    {
        tracing::warn!(error = %e, "the previous session could not be ended");
    }
    let mut res = see_other(to);
    res.headers_mut()
        .append(header::SET_COOKIE, session_cookie(s, &session.token));
    res
}

#[derive(Template)]
#[template(path = "account_sign_in.html")]
struct SignInPage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// A confirmation from the step before (password changed, signed out).
    notice: Option<String>,
    /// What went wrong with the attempt as a whole.
    failure: Option<String>,
    problems: Vec<SummaryItem>,
    email: Field,
    password: Field,
    /// Where to go afterwards; a checked local path or empty.
    next: String,
    action: String,
}

impl<'a> SignInPage<'a> {
    fn new(ctx: &'a Ctx, email: &str, next: &str) -> SignInPage<'a> {
        SignInPage {
            ctx,
            title: ctx.t("signin-title"),
            notice: None,
            failure: None,
            problems: Vec::new(),
            email: Field::email(ctx, "email", email).autocomplete("username"),
            password: Field::password(
                "password",
                "password",
                ctx.t("form-password"),
                "current-password",
            ),
            next: next.to_owned(),
            action: ctx.href("/anmelden"),
        }
    }

    fn render(mut self, status: StatusCode) -> Response {
        self.problems = Field::summary(&[&self.email, &self.password]);
        let has_errors = !self.problems.is_empty() || self.failure.is_some();
        self.title = title(self.ctx, self.ctx.t("signin-title"), has_errors);
        no_store(html(self.ctx, status, &self))
    }

    /// Address and password did not match: the message is the summary,
    /// both inputs point to it.
    fn mismatch(mut self) -> Self {
        self.failure = Some(self.ctx.t("signin-failed"));
        for f in [&mut self.email, &mut self.password] {
            f.invalid = true;
            f.also_described_by = Some(SIGN_IN_PROBLEM);
        }
        self
    }
}

pub(super) async fn sign_in_form(ctx: Ctx, v: Viewer, RawQuery(raw): RawQuery) -> Response {
    if session_person(&v).is_some() {
        return see_other(&ctx.href("/konto"));
    }
    let pairs = query::parse(raw.as_deref().unwrap_or(""));
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let next = local_path(get("next")).unwrap_or("");
    let mut page = SignInPage::new(&ctx, "", next);
    if get("zurueckgesetzt") == "1" {
        page.notice = Some(ctx.t("signin-notice-reset"));
    } else if get("abgemeldet") == "1" {
        page.notice = Some(ctx.t("signin-notice-signed-out"));
    }
    page.render(StatusCode::OK)
}

pub(super) async fn sign_in(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let email = form.raw("email").trim();
    let password = form.raw("password");
    let next = local_path(form.raw("next")).unwrap_or("");
    let mut page = SignInPage::new(&ctx, email, next);
    if email.is_empty() {
        page.email.error = Some(ctx.t("form-email-missing"));
    }
    if password.is_empty() {
        page.password.error = Some(ctx.t("form-password-missing"));
    }
    if page.email.error.is_some() || page.password.error.is_some() {
        return page.render(StatusCode::UNPROCESSABLE_ENTITY);
    }
    // Before any hashing: a guesser must not even get the work done.
    if let Err(wait) = s.limits.check(Limited::SignIn, ip, email) {
        page.failure = Some(ctx.t1("signin-limited", "wait", wait_text(&ctx, wait)));
        return retry_after(page.render(StatusCode::TOO_MANY_REQUESTS), wait);
    }
    match s.app.accounts(&v.actor).sign_in(email, password).await {
        Ok(Some(session)) => {
            let to = if next.is_empty() {
                ctx.href("/konto")
            } else {
                with_lang(&ctx, next)
            };
            signed_in(&s, &v, session, &to).await
        }
        Ok(None) => page.mismatch().render(StatusCode::UNAUTHORIZED),
        Err(e) => failure(&ctx, e),
    }
}
