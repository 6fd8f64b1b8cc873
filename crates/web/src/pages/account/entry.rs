//! The ways into an account: signing in, accepting an invitation, asking
//! for a reset link and setting a new password with it.
//!
//! None of these answers tells whether an address has an account: sign-in
//! fails with one sentence for an unknown address and a wrong password, and
//! a reset request always ends on the same page.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use knotenpunkt_app::domain::Email;
use knotenpunkt_app::{AppError, NewSession};

use super::{
    Field, FormData, Problem, local_path, new_password_problems, no_store, problems,
    refused_password, retry_after, see_other, session_person, title, wait_text, with_lang,
};
use crate::AppState;
use crate::auth::{ClientIp, Limited, Viewer, session_cookie};
use crate::pages::{Ctx, failure, html, query};

/// The id of the sign-in page's message box, which both inputs point to
/// when the address and password did not match.
const SIGN_IN_PROBLEM: &str = "anmeldung-problem";

/// A link below a notice.
pub(crate) struct NavLink {
    pub(crate) text: String,
    pub(crate) href: String,
}

/// A page that only says something: a link that no longer works, a mail on
/// its way, a limit reached, a refused deletion.
#[derive(Template)]
#[template(path = "account_notice.html")]
pub(super) struct NoticePage<'a> {
    pub(super) ctx: &'a Ctx,
    pub(super) title: String,
    pub(super) paragraphs: Vec<String>,
    pub(super) links: Vec<NavLink>,
    /// `ok`, `problem` or `info`: the box's look.
    pub(super) tone: &'static str,
}

pub(super) fn notice(
    ctx: &Ctx,
    status: StatusCode,
    tone: &'static str,
    title: String,
    paragraphs: Vec<String>,
    links: Vec<NavLink>,
) -> Response {
    no_store(html(
        ctx,
        status,
        &NoticePage {
            ctx,
            title,
            paragraphs,
            links,
            tone,
        },
    ))
}

fn sign_in_link(ctx: &Ctx) -> NavLink {
    NavLink {
        text: ctx.t("signin-link"),
        href: ctx.href("/anmelden"),
    }
}

/// Too many attempts: how long to wait, as a page.
fn limited(ctx: &Ctx, seconds: u64) -> Response {
    let res = notice(
        ctx,
        StatusCode::TOO_MANY_REQUESTS,
        "problem",
        ctx.t("limited-title"),
        vec![
            ctx.t1("limited-text", "wait", wait_text(ctx, seconds)),
            ctx.t("limited-why"),
        ],
        vec![sign_in_link(ctx)],
    );
    retry_after(res, seconds)
}

/// Which link no longer works.
enum Gone {
    Invitation,
    Reset,
}

/// 410: the link was used, has expired or never existed — the page says
/// what to do next instead of just "not found".
fn gone(ctx: &Ctx, what: Gone) -> Response {
    let (title, paragraphs, links) = match what {
        Gone::Invitation => (
            ctx.t("invitation-gone-title"),
            vec![
                ctx.t("invitation-gone-why"),
                ctx.t("invitation-gone-ask"),
                ctx.t("invitation-gone-done"),
            ],
            vec![
                sign_in_link(ctx),
                NavLink {
                    text: ctx.t("signin-forgot"),
                    href: ctx.href("/passwort/vergessen"),
                },
            ],
        ),
        Gone::Reset => (
            ctx.t("reset-gone-title"),
            vec![ctx.t("reset-gone-why"), ctx.t("reset-gone-again")],
            vec![
                NavLink {
                    text: ctx.t("reset-gone-new-link"),
                    href: ctx.href("/passwort/vergessen"),
                },
                sign_in_link(ctx),
            ],
        ),
    };
    notice(ctx, StatusCode::GONE, "info", title, paragraphs, links)
}

/// Signs the browser in: the session cookie, then on to `to`. A session
/// the browser had before ends, so one browser never holds two.
async fn signed_in(s: &AppState, v: &Viewer, session: NewSession, to: &str) -> Response {
    if let Some(old) = &v.session_token
        && let Err(e) = s.dir.sign_out(old).await
    {
        tracing::warn!(error = %e, "the previous session could not be ended");
    }
    let mut res = see_other(to);
    res.headers_mut()
        .append(header::SET_COOKIE, session_cookie(s, &session.token));
    res
}

// ---- sign-in ------------------------------------------------------------------

#[derive(Template)]
#[template(path = "account_sign_in.html")]
struct SignInPage<'a> {
    ctx: &'a Ctx,
    title: String,
    /// A confirmation from the step before (password changed, signed out).
    notice: Option<String>,
    /// What went wrong with the attempt as a whole.
    failure: Option<String>,
    problems: Vec<Problem>,
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
        self.problems = problems(&[&self.email, &self.password]);
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

pub(in crate::pages) async fn sign_in_form(
    ctx: Ctx,
    v: Viewer,
    RawQuery(raw): RawQuery,
) -> Response {
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

pub(in crate::pages) async fn sign_in(
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
    match s.dir.sign_in(email, password).await {
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

// ---- setting a password: invitation and reset ------------------------------------

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
    problems: Vec<Problem>,
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
        self.problems = problems(&[&self.password, &self.repeat]);
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

pub(in crate::pages) async fn invitation_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match s.dir.invitation(&token).await {
        Ok(Some(person)) => invitation_page(&ctx, &token, &person).render(StatusCode::OK),
        Ok(None) => gone(&ctx, Gone::Invitation),
        Err(e) => failure(&ctx, e),
    }
}

pub(in crate::pages) async fn accept_invitation(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(wait) = s.limits.check(Limited::Invitation, ip, &token) {
        return limited(&ctx, wait);
    }
    let person = match s.dir.invitation(&token).await {
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
    match s.dir.accept_invitation(&token, password).await {
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

pub(in crate::pages) async fn reset_form(
    State(s): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Response {
    match s.dir.reset_is_valid(&token).await {
        Ok(true) => reset_page(&ctx, &token).render(StatusCode::OK),
        Ok(false) => gone(&ctx, Gone::Reset),
        Err(e) => failure(&ctx, e),
    }
}

pub(in crate::pages) async fn reset(
    State(s): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    if let Err(wait) = s.limits.check(Limited::Reset, ip, &token) {
        return limited(&ctx, wait);
    }
    match s.dir.reset_is_valid(&token).await {
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
    match s.dir.complete_reset(&token, password).await {
        Ok(true) => see_other(&ctx.href("/anmelden?zurueckgesetzt=1")),
        Ok(false) => gone(&ctx, Gone::Reset),
        Err(AppError::Invalid(errors)) => {
            page.password.error = Some(refused_password(&ctx, &errors));
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failure(&ctx, e),
    }
}

// ---- asking for a reset link -----------------------------------------------------

#[derive(Template)]
#[template(path = "account_forgot.html")]
struct ForgotPage<'a> {
    ctx: &'a Ctx,
    title: String,
    problems: Vec<Problem>,
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
        self.problems = problems(&[&self.email]);
        self.title = title(
            self.ctx,
            self.ctx.t("forgot-title"),
            !self.problems.is_empty(),
        );
        no_store(html(self.ctx, status, &self))
    }
}

pub(in crate::pages) async fn forgot_form(ctx: Ctx) -> Response {
    ForgotPage::new(&ctx, "").render(StatusCode::OK)
}

pub(in crate::pages) async fn forgot(
    State(s): State<AppState>,
    ctx: Ctx,
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
    if let Err(e) = s.dir.request_reset(email.as_str()).await {
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
