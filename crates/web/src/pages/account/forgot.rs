//! Asking for a reset link. Only the form of the address is judged, and
//! every request ends on the same page: whether an address has an account
//! is never told.

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::Accounts;
use knotenpunkt_app::domain::Email;

use super::notice::{limited, notice, sign_in_link};
use super::password::title;
use super::reply::no_store;
use crate::AppState;
use crate::auth::{ClientIp, Limited, Use};
use crate::pages::answer::{failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{Field, FormData, SummaryItem};

#[derive(Template)]
#[template(path = "account_forgot.html")]
struct ForgotPage<'a> {
    ctx: &'a Ctx,
    title: String,
    problems: Vec<SummaryItem>,
    email: Field,
    action: String,
}

impl<'a> ForgotPage<'a> {
    fn new(ctx: &'a Ctx, email: &str) -> Self {
        ForgotPage {
            ctx,
            title: ctx.t("forgot-title"),
            problems: Vec::new(),
            email: Field::email(ctx, "email", email).hint(ctx.t("forgot-email-hint")),
            action: ctx.href("/passwort/vergessen"),
        }
    }

    fn render(mut self, status: StatusCode) -> Response {
        self.problems = Field::summary(&[&self.email]);
        self.title = title(
            self.ctx,
            self.ctx.t("forgot-title"),
            !self.problems.is_empty(),
        );
        no_store(html(self.ctx, status, &self))
    }
}

pub(super) async fn forgot_form(ctx: Ctx) -> Response {
    ForgotPage::new(&ctx, "").render(StatusCode::OK)
}

pub(super) async fn forgot(
    State(s): State<AppState>,
    ctx: Ctx,
    Use(acc): Use<Accounts>,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let typed = form.raw("email").trim();
    let mut page = ForgotPage::new(&ctx, typed);
    // Only the form of the address is judged here, which says nothing
    // about whether it has an account.
    let email = match typed.parse::<Email>() {
        Ok(e) => e,
        Err(_) => {
            page.email.error = Some(ctx.t(if typed.is_empty() {
                "form-email-missing"
            } else {
                "form-email-invalid"
            }));
            return page.render(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    if let Err(wait) = s.limits.check(Limited::Reset, ip, email.as_str()) {
        return limited(&ctx, wait);
    }
    if let Err(e) = acc.request_reset(email.as_str()).await {
        return failure(&ctx, e);
    }
    notice(
        &ctx,
        StatusCode::OK,
        "ok",
        ctx.t("forgot-sent-title"),
        vec![
            ctx.t("forgot-sent-text"),
            ctx.t("forgot-sent-valid"),
            ctx.t("forgot-sent-nothing"),
        ],
        vec![sign_in_link(&ctx)],
    )
}
