//! One's own account page: what is stored about the person, their
//! sessions, password, API tokens, personal calendar address and the series
//! they follow, the GDPR download and deleting the account. Its forms are
//! [`super::security`] and [`super::data`].

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::DateTime;
use chrono_tz::Europe::Berlin;
use knotenpunkt_app::domain::{Language, Person, Slug, TokenScope};
use knotenpunkt_app::store::TokenRecord;
use knotenpunkt_app::{AppError, Directory};

use super::password::title;
use super::reply::{Holder, no_store};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::Field;
use crate::pages::query;

/// A fact about the person: label, value, and a link where there is one.
pub(super) struct Fact {
    label: String,
    value: String,
    href: Option<String>,
}

/// A day for `<time>`.
pub(super) struct Day {
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

pub(super) struct TokenRow {
    name: String,
    scope: String,
    created: Option<Day>,
    last_used: Option<Day>,
    revoke: String,
}

/// A token just created, shown once.
pub(super) struct NewTokenView {
    pub(super) name: String,
    pub(super) secret: String,
}

/// One kind of reminder on the account page.
pub(super) struct ReminderRow {
    code: &'static str,
    label: String,
    hint: String,
    on: bool,
}

pub(super) struct FollowRow {
    title: String,
    href: String,
    unfollow: String,
}

#[derive(Template)]
#[template(path = "account.html")]
pub(super) struct AccountPage<'a> {
    pub(super) ctx: &'a Ctx,
    pub(super) title: String,
    pub(super) notice: Option<String>,
    pub(super) facts: Vec<Fact>,
    /// The account's address, for password managers and the delete hint.
    pub(super) email: String,
    pub(super) sessions: u64,
    pub(super) current: Field,
    pub(super) new_password: Field,
    pub(super) repeat: Field,
    pub(super) tokens: Vec<TokenRow>,
    pub(super) new_token: Option<NewTokenView>,
    pub(super) token_name: Field,
    /// `read` or `write`, the choice of the form.
    pub(super) token_scope: &'static str,
    pub(super) scope_error: Option<String>,
    pub(super) has_feed: bool,
    /// The calendar address just made, shown once.
    pub(super) feed_url: Option<String>,
    pub(super) follows: Vec<FollowRow>,
    pub(super) reminders: Vec<ReminderRow>,
    pub(super) confirm: Field,
    /// Why the account could not be deleted.
    pub(super) delete_problem: Option<String>,
}

impl<'a> AccountPage<'a> {
    /// Gathers everything the page shows about `v`'s person.
    pub(super) async fn load(
        s: &AppState,
        ctx: &'a Ctx,
        v: &Viewer,
        p: &Person,
    ) -> Result<Self, AppError> {
        // Reads go with the person's own eyes, like every page's.
        let dir = &s.dir.for_actor(&v.actor);
        let account = s.app.accounts(&v.actor);
        let sessions = account.session_count().await?;
        let tokens = account.api_tokens().await?;
        let has_feed = account.has_feed_token().await?;
        let reminders = s
            .app
            .reminders(&v.actor)
            .settings()
            .await?
            .into_iter()
            .map(|r| ReminderRow {
                code: r.kind.code(),
                label: super::reminders::kind_label(ctx, r.kind),
                hint: ctx.t(&format!("reminder-kind-{}-hint", r.kind.code())),
                on: r.on,
            })
            .collect();
        let mut follows = Vec::new();
        for slug in account.follows().await? {
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
            reminders,
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

    pub(super) fn render(mut self, status: StatusCode) -> Response {
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

pub(super) fn token_row(ctx: &Ctx, t: &TokenRecord) -> TokenRow {
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

/// GET /konto
pub(super) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Holder(p): Holder,
    RawQuery(raw): RawQuery,
) -> Answer {
    let hint = query::parse(raw.as_deref().unwrap_or(""))
        .into_iter()
        .find(|(k, _)| k == "hinweis")
        .map(|(_, v)| v);
    let mut page = AccountPage::load(&s, &ctx, &v, &p).await.or_fail(&ctx)?;
    page.notice = hint.and_then(|h| {
        let id = match h.as_str() {
            "passwort" => "account-password-changed",
            "token-widerrufen" => "token-revoked",
            "kalender-widerrufen" => "account-feed-revoked",
            "erinnerungen" => "account-reminders-saved",
            _ => return None,
        };
        Some(ctx.t(id))
    });
    Ok(page.render(StatusCode::OK))
}
