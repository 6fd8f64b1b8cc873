//! One's own account: what is stored about the person, their sessions,
//! password, API tokens, personal calendar address, the series they follow,
//! the GDPR download and deleting the account.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use chrono_tz::Europe::Berlin;
use knotenpunkt_app::domain::{Language, Person, Slug, TokenScope};
use knotenpunkt_app::store::TokenRecord;
use knotenpunkt_app::{AppError, Directory};

use super::{
    Field, FormData, local_path, new_password_problems, no_store, refused_password, retry_after,
    see_other, session_person, title, wait_text, with_lang,
};
use crate::AppState;
use crate::auth::{ClientIp, Limited, Viewer, clear_session_cookie};
use crate::pages::{Ctx, error_page, failure, html, query};

/// The longest token name the application accepts.
const MAX_TOKEN_NAME: usize = 100;

/// The sign-in page that leads back to `back` afterwards.
fn sign_in_first(ctx: &Ctx, back: &str) -> Response {
    let mut pairs = vec![("next", back)];
    if let Some(l) = ctx.lang_param() {
        pairs.push(("lang", l));
    }
    see_other(&query::url("/anmelden", &pairs))
}

/// A fact about the person: label, value, and a link where there is one.
struct Fact {
    label: String,
    value: String,
    href: Option<String>,
}

/// A day for `<time>`.
struct Day {
    iso: String,
    text: String,
}

impl Day {
    /// The calendar day in Germany of a Unix time.
    fn new(ctx: &Ctx, secs: i64) -> Option<Day> {
        let d = DateTime::from_timestamp(secs, 0)?
            .with_timezone(&Berlin)
            .date_naive();
        Some(Day {
            iso: d.to_string(),
            text: ctx.day(d),
        })
    }
}

struct TokenRow {
    name: String,
    scope: String,
    created: Option<Day>,
    last_used: Option<Day>,
    revoke: String,
}

/// A token just created, shown once.
struct NewTokenView {
    name: String,
    secret: String,
}

struct FollowRow {
    title: String,
    href: String,
    unfollow: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    ctx: &'a Ctx,
    title: String,
    notice: Option<String>,
    facts: Vec<Fact>,
    /// The account's address, for password managers and the delete hint.
    email: String,
    sessions: u64,
    current: Field,
    new_password: Field,
    repeat: Field,
    tokens: Vec<TokenRow>,
    new_token: Option<NewTokenView>,
    token_name: Field,
    /// `read` or `write`, the choice of the form.
    token_scope: &'static str,
    scope_error: Option<String>,
    has_feed: bool,
    /// The calendar address just made, shown once.
    feed_url: Option<String>,
    follows: Vec<FollowRow>,
    confirm: Field,
    /// Why the account could not be deleted.
    delete_problem: Option<String>,
}

impl<'a> AccountPage<'a> {
    /// Gathers everything the page shows about `v`'s person.
    async fn load(s: &AppState, ctx: &'a Ctx, v: &Viewer, p: &Person) -> Result<Self, AppError> {
        // Reads go with the person's own eyes, like every page's.
        let dir = &s.dir.for_actor(&v.actor);
        let sessions = dir.session_count(p.id).await?;
        let tokens = dir.api_tokens(&v.actor).await?;
        let has_feed = dir.has_feed_token(p.id).await?;
        let mut follows = Vec::new();
        for slug in dir.follows(p.id).await? {
            follows.push(follow_row(dir, ctx, &slug).await);
        }
        let organization = match &p.organization {
            Some(o) => Some(match dir.organization(o).await {
                Ok(org) => (org.name, Some(ctx.href(&format!("/organisationen/{o}")))),
                Err(AppError::NotFound { .. }) => (o.to_string(), None),
                Err(e) => return Err(e),
            }),
            None => None,
        };
        Ok(AccountPage {
            ctx,
            title: ctx.t("account-title"),
            notice: None,
            facts: facts(ctx, p, organization),
            email: p.email.to_string(),
            sessions,
            current: Field::password(
                "current-password",
                "current",
                ctx.t("account-password-current"),
                "current-password",
            ),
            new_password: Field::password(
                "new-password",
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
                "new-password-repeat",
                "password_repeat",
                ctx.t("form-repeat"),
                "new-password",
            ),
            tokens: tokens.iter().map(|t| token_row(ctx, t)).collect(),
            new_token: None,
            token_name: Field::new("token-name", "name", ctx.t("token-name"), "text", "off")
                .hint(ctx.t("token-name-hint")),
            token_scope: "read",
            scope_error: None,
            has_feed,
            feed_url: None,
            follows,
            confirm: Field::new(
                "delete-confirm",
                "confirm",
                ctx.t("account-delete-confirm"),
                "email",
                "email",
            )
            .hint(ctx.t1("account-delete-confirm-hint", "email", p.email.as_str())),
            delete_problem: None,
        })
    }

    fn render(mut self, status: StatusCode) -> Response {
        let has_errors = [
            &self.current,
            &self.new_password,
            &self.repeat,
            &self.token_name,
            &self.confirm,
        ]
        .iter()
        .any(|f| f.error.is_some())
            || self.scope_error.is_some()
            || self.delete_problem.is_some();
        self.title = title(self.ctx, self.ctx.t("account-title"), has_errors);
        no_store(html(self.ctx, status, &self))
    }
}

fn facts(ctx: &Ctx, p: &Person, organization: Option<(String, Option<String>)>) -> Vec<Fact> {
    let fact = |label: &str, value: String| Fact {
        label: ctx.t(label),
        value,
        href: None,
    };
    let mut out = vec![
        fact("account-name", p.name.clone()),
        fact("account-email", p.email.to_string()),
    ];
    if let Some((name, href)) = organization {
        out.push(Fact {
            label: ctx.t("account-organization"),
            value: name,
            href,
        });
    }
    if let Some(f) = &p.function {
        out.push(fact("account-function", f.clone()));
    }
    if let Some(ph) = &p.phone {
        out.push(fact("account-phone", ph.clone()));
    }
    out.push(fact(
        "account-language",
        ctx.t(match p.language {
            Language::De => "account-language-de",
            Language::En => "account-language-en",
        }),
    ));
    out.push(fact(
        "account-admin",
        ctx.t(if p.admin { "account-yes" } else { "account-no" }),
    ));
    out
}

fn token_row(ctx: &Ctx, t: &TokenRecord) -> TokenRow {
    TokenRow {
        name: t.name.clone(),
        scope: ctx.t(match t.scope {
            TokenScope::Read => "token-scope-name-read",
            TokenScope::Write => "token-scope-name-write",
        }),
        created: Day::new(ctx, t.created_at),
        last_used: t.last_used_at.and_then(|u| Day::new(ctx, u)),
        revoke: format!(
            "{}#tokens",
            ctx.href(&format!("/konto/tokens/{}/widerrufen", t.id))
        ),
    }
}

/// A followed series with its title; a series that can no longer be read
/// shows its slug, so it can still be unfollowed.
async fn follow_row(dir: &Directory, ctx: &Ctx, slug: &Slug) -> FollowRow {
    let title = match dir.series(slug).await {
        Ok(series) => series.title,
        Err(e) => {
            tracing::warn!(error = %e, %slug, "a followed series could not be read");
            slug.to_string()
        }
    };
    FollowRow {
        title,
        href: ctx.href(&format!("/reihen/{slug}")),
        unfollow: ctx.href(&format!("/reihen/{slug}/folgen")),
    }
}

/// The account page, loaded for `p`, or the failure page.
async fn account_page<'a>(
    s: &AppState,
    ctx: &'a Ctx,
    v: &Viewer,
    p: &Person,
) -> Result<AccountPage<'a>, Response> {
    AccountPage::load(s, ctx, v, p)
        .await
        .map_err(|e| failure(ctx, e))
}

/// Gives the page's answer, whether it is the page or a failure.
fn either(r: Result<Response, Response>) -> Response {
    r.unwrap_or_else(|e| e)
}

pub(in crate::pages) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    let hint = query::parse(raw.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "hinweis")
        .map(|(_, v)| v);
    either(account_page(&s, &ctx, &v, p).await.map(|mut page| {
        page.notice = hint.and_then(|h| {
            let id = match h.as_str() {
                "passwort" => "account-password-changed",
                "token-widerrufen" => "token-revoked",
                "kalender-widerrufen" => "account-feed-revoked",
                _ => return None,
            };
            Some(ctx.t(id))
        });
        page.render(StatusCode::OK)
    }))
}

pub(in crate::pages) async fn sign_out_everywhere(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    if let Err(e) = s.dir.sign_out_everywhere(p.id).await {
        return failure(&ctx, e);
    }
    let mut res = see_other(&ctx.href("/anmelden?abgemeldet=1"));
    res.headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&s));
    res
}

pub(in crate::pages) async fn change_password(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    ClientIp(ip): ClientIp,
    body: Bytes,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
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
            Ok(()) => match s
                .dir
                .change_password(p.id, v.session_token.as_deref(), current, password)
                .await
            {
                Ok(()) => return see_other(&with_lang(&ctx, "/konto?hinweis=passwort#passwort")),
                Err(AppError::Invalid(refused)) if refused.iter().any(|e| e.field == "current") => {
                    errors.current = Some(ctx.t("form-current-wrong"));
                }
                Err(AppError::Invalid(refused)) => {
                    errors.new = Some(refused_password(&ctx, &refused));
                }
                Err(e) => return failure(&ctx, e),
            },
        }
    }
    let mut page = match account_page(&s, &ctx, &v, p).await {
        Ok(page) => page,
        Err(res) => return res,
    };
    page.current.error = errors.current;
    page.new_password.error = errors.new;
    page.repeat.error = errors.repeat;
    let res = page.render(status);
    match wait {
        Some(seconds) => retry_after(res, seconds),
        None => res,
    }
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

pub(in crate::pages) async fn create_token(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    body: Bytes,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    let form = FormData::parse(&body);
    let name = form.raw("name").trim();
    let scope = match form.raw("scope") {
        "read" => Some(TokenScope::Read),
        "write" => Some(TokenScope::Write),
        _ => None,
    };
    let mut page = match account_page(&s, &ctx, &v, p).await {
        Ok(page) => page,
        Err(res) => return res,
    };
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
        return page.render(StatusCode::UNPROCESSABLE_ENTITY);
    };
    match s.dir.create_api_token(&v.actor, name, scope).await {
        Ok(t) => {
            // The list is newest first, as stored.
            page.tokens.insert(0, token_row(&ctx, &t.record));
            page.new_token = Some(NewTokenView {
                name: t.record.name,
                secret: t.secret,
            });
            page.token_name.value.clear();
            page.token_scope = "read";
            page.render(StatusCode::OK)
        }
        Err(AppError::Invalid(_)) => {
            page.token_name.error = Some(ctx.t("token-name-missing"));
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failure(&ctx, e),
    }
}

pub(in crate::pages) async fn revoke_token(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(id): Path<String>,
) -> Response {
    if session_person(&v).is_none() {
        return sign_in_first(&ctx, "/konto");
    }
    let Ok(id) = id.parse::<i64>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    match s.dir.revoke_api_token(&v.actor, id).await {
        Ok(()) => see_other(&with_lang(&ctx, "/konto?hinweis=token-widerrufen#tokens")),
        Err(e) => failure(&ctx, e),
    }
}

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

pub(in crate::pages) async fn renew_feed(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    headers: HeaderMap,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    let secret = match s.dir.renew_feed_token(p.id).await {
        Ok(secret) => secret,
        Err(e) => return failure(&ctx, e),
    };
    either(account_page(&s, &ctx, &v, p).await.map(|mut page| {
        page.feed_url = Some(format!(
            "{}/kalender/person/{secret}.ics",
            base_url(&s, &headers)
        ));
        page.render(StatusCode::OK)
    }))
}

pub(in crate::pages) async fn revoke_feed(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    match s.dir.revoke_feed_token(p.id).await {
        Ok(()) => see_other(&with_lang(
            &ctx,
            "/konto?hinweis=kalender-widerrufen#kalender",
        )),
        Err(e) => failure(&ctx, e),
    }
}

/// Everything stored about the person, as a file to keep (GDPR Art. 15, 20).
pub(in crate::pages) async fn download(State(s): State<AppState>, ctx: Ctx, v: Viewer) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    let data = match s.dir.personal_data(p.id).await {
        Ok(d) => d,
        Err(e) => return failure(&ctx, e),
    };
    let body = match serde_json::to_string_pretty(&data) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "personal data could not be written as JSON");
            return error_page(&ctx, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    no_store(
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
    )
}

pub(in crate::pages) async fn delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    body: Bytes,
) -> Response {
    let Some(p) = session_person(&v) else {
        return sign_in_first(&ctx, "/konto");
    };
    let form = FormData::parse(&body);
    let typed = form.raw("confirm").trim();
    if !typed.eq_ignore_ascii_case(p.email.as_str()) {
        let mut page = match account_page(&s, &ctx, &v, p).await {
            Ok(page) => page,
            Err(res) => return res,
        };
        page.confirm.value = typed.to_owned();
        page.confirm.error = Some(ctx.t(if typed.is_empty() {
            "account-delete-missing"
        } else {
            "account-delete-mismatch"
        }));
        return page.render(StatusCode::UNPROCESSABLE_ENTITY);
    }
    match s.dir.delete_account(&v.actor).await {
        Ok(()) => {
            let mut res = see_other(&ctx.href("/"));
            res.headers_mut()
                .append(header::SET_COOKIE, clear_session_cookie(&s));
            res
        }
        Err(AppError::Conflict(e)) => {
            let mut page = match account_page(&s, &ctx, &v, p).await {
                Ok(page) => page,
                Err(res) => return res,
            };
            page.confirm.value = typed.to_owned();
            page.delete_problem = Some(ctx.t(if e.field == "account" {
                "account-delete-last-admin"
            } else {
                "account-delete-conflict"
            }));
            page.render(StatusCode::CONFLICT)
        }
        Err(e) => failure(&ctx, e),
    }
}

/// Follows or unfollows a series, then back to where the form was: the
/// series' page, or a local `next` (the account page's list).
pub(in crate::pages) async fn follow(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let Ok(slug) = slug.parse::<Slug>() else {
        return error_page(&ctx, StatusCode::NOT_FOUND);
    };
    let series_page = format!("/reihen/{slug}");
    if session_person(&v).is_none() {
        return sign_in_first(&ctx, &series_page);
    }
    let form = FormData::parse(&body);
    let on = form.raw("follow") == "1";
    if let Err(e) = s.dir.set_follow(&v.actor, &slug, on).await {
        return failure(&ctx, e);
    }
    let back = local_path(form.raw("next")).unwrap_or(&series_page);
    see_other(&with_lang(&ctx, back))
}
