//! Setting a password with a link: accepting an invitation, or resetting
//! a forgotten password. A link that was used, has expired or never
//! existed answers 410 with what to do next.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::{Accounts, AppError};

use super::notice::{Gone, gone, limited};
use super::password::{new_password_problems, refused_password, title};
use super::reply::{no_store, see_other};
use super::sign_in::signed_in;
use crate::AppState;
use crate::auth::{ClientIp, Limited, Use, Viewer};
use crate::pages::answer::{failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{Field, FormData, SummaryItem};
use crate::pages::query;

#[derive(Template)]
#[template(path = "account_set_password.html")]
struct SetPasswordPage<'a> {
    ctx: &'a Ctx,
    title: String,
    heading: String,
    intro: Vec<String>,
    /// The account's address, for password managers (a hidden username
    /// field); empty when the page does not know it.
    username: String,
    problems: Vec<SummaryItem>,
    password: Field,
    repeat: Field,
    action: String,
    submit: String,
}

impl<'a> SetPasswordPage<'a> {
    fn new(ctx: &'a Ctx, heading: String, action: String, submit: String) -> Self {
        SetPasswordPage {
            ctx,
            title: heading.clone(),
            heading,
            intro: Vec::new(),
            username: String::new(),
            problems: Vec::new(),
            password: Field::password(
                "password",
                "password",
                ctx.t("form-new-password"),
                "new-password",
            )
            .hint(ctx.t1(
                "form-new-password-hint",
                "min",
                knotenpunkt_app::MIN_PASSWORD_CHARS,
            )),
            repeat: Field::password(
                "password_repeat",
                "password_repeat",
                ctx.t("form-repeat"),
                "new-password",
            ),
            action,
            submit,
        }
    }

    fn render(mut self, status: StatusCode) -> Response {
        self.problems = Field::summary(&[&self.password, &self.repeat]);
        self.title = title(self.ctx, self.heading.clone(), !self.problems.is_empty());
        no_store(html(self.ctx, status, &self))
    }

    /// Checks the typed passwords; `true` when they may be sent on.
    fn check(&mut self, password: &str, repeat: &str) -> bool {
        let (a, b) = new_password_problems(self.ctx, password, repeat);
        self.password.error = a;
        self.repeat.error = b;
        self.password.error.is_none() && self.repeat.error.is_none()
    }
}

fn invitation_page<'a>(
    ctx: &'a Ctx,
    token: &str,
    person: &knotenpunkt_app::domain::Person,
) -> SetPasswordPage<'a> {
    let mut page = SetPasswordPage::new(
        ctx,
        ctx.t1("invitation-heading", "name", person.name.as_str()),
        ctx.href(&format!("/einladung/{}", query::encode(token))),
        ctx.t("invitation-submit"),
    );
    page.intro = vec![
        ctx.t1("invitation-intro", "email", person.email.as_str()),
        ctx.t("invitation-then"),
    ];
    page.username = person.email.to_string();
    page
}

pub(super) async fn invitation_form(
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    Params(token): Params<String>,
) -> Response {
    match acc.invitation(&token).await {
        Ok(Some(person)) => invitation_page(&ctx, &token, &person).render(StatusCode::OK),
        Ok(None) => gone(&ctx, Gone::Invitation),
        Err(e) => failure(&ctx, e),
    }
}

pub(super) async fn accept_invitation(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    v: Viewer,
    ClientIp(ip): ClientIp,
    Params(token): Params<String>,
    body: Bytes,
) -> Response {
    if let Err(wait) = s.limits.check(Limited::Invitation, ip, &token) {
        return limited(&ctx, wait);
    }
    let person = match acc.invitation(&token).await {
        Ok(Some(p)) => p,
        Ok(None) => return gone(&ctx, Gone::Invitation),
        Err(e) => return failure(&ctx, e),
    };
    let form = FormData::parse(&body);
    let (password, repeat) = (form.raw("password"), form.raw("password_repeat"));
    let mut page = invitation_page(&ctx, &token, &person);
    if !page.check(password, repeat) {
        return page.render(StatusCode::UNPROCESSABLE_ENTITY);
    }
    match acc.accept_invitation(&token, password).await {
        Ok(Some(session)) => signed_in(&s, &v, session, &ctx.href("/konto")).await,
        Ok(None) => gone(&ctx, Gone::Invitation),
        Err(AppError::Invalid(errors)) => {
            page.password.error = Some(refused_password(&ctx, &errors));
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failure(&ctx, e),
    }
}

fn reset_page<'a>(ctx: &'a Ctx, token: &str) -> SetPasswordPage<'a> {
    let mut page = SetPasswordPage::new(
        ctx,
        ctx.t("reset-heading"),
        ctx.href(&format!("/passwort/neu/{}", query::encode(token))),
        ctx.t("reset-submit"),
    );
    page.intro = vec![ctx.t("reset-intro")];
    page
}

pub(super) async fn reset_form(
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    Params(token): Params<String>,
) -> Response {
    match acc.reset_is_valid(&token).await {
        Ok(true) => reset_page(&ctx, &token).render(StatusCode::OK),
        Ok(false) => gone(&ctx, Gone::Reset),
        Err(e) => failure(&ctx, e),
    }
}

pub(super) async fn reset(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    ClientIp(ip): ClientIp,
    Params(token): Params<String>,
    body: Bytes,
) -> Response {
    if let Err(wait) = s.limits.check(Limited::Reset, ip, &token) {
        return limited(&ctx, wait);
    }
    match acc.reset_is_valid(&token).await {
        Ok(true) => {}
        Ok(false) => return gone(&ctx, Gone::Reset),
        Err(e) => return failure(&ctx, e),
    }
    let form = FormData::parse(&body);
    let (password, repeat) = (form.raw("password"), form.raw("password_repeat"));
    let mut page = reset_page(&ctx, &token);
    if !page.check(password, repeat) {
        return page.render(StatusCode::UNPROCESSABLE_ENTITY);
    }
    match acc.complete_reset(&token, password).await {
        Ok(true) => see_other(&ctx.href("/anmelden?zurueckgesetzt=1")),
        Ok(false) => gone(&ctx, Gone::Reset),
        Err(AppError::Invalid(errors)) => {
            page.password.error = Some(refused_password(&ctx, &errors));
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failure(&ctx, e),
    }
}
