//! Reminder mails: the choices on `/konto` and the one-click unsubscribe
//! link every reminder carries.
//!
//! The link's page asks before it acts (mail scanners follow links); the
//! same address takes RFC 8058's one-click POST from a mail program,
//! which has no session and no form token and needs none: the signed
//! link is the authority.

use askama::Template;
use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use knotenpunkt_app::reminders::{ReminderKind, Reminders};

use super::reply::{see_other, session_person, sign_in_first, with_lang};
use crate::auth::{Use, Viewer};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::FormData;

/// A kind's name in the reader's language.
pub(super) fn kind_label(ctx: &Ctx, kind: ReminderKind) -> String {
    ctx.t(&format!("reminder-kind-{}", kind.code()))
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage<'a> {
    ctx: &'a Ctx,
    title: String,
    kind: String,
    action: String,
    done: bool,
}

fn answer(ctx: &Ctx, token: &str, kind: ReminderKind, done: bool) -> Response {
    let page = UnsubscribePage {
        ctx,
        title: ctx.t(if done {
            "unsubscribe-done-heading"
        } else {
            "unsubscribe-heading"
        }),
        kind: kind_label(ctx, kind),
        action: ctx.href(&format!("/erinnerungen/abbestellen/{token}")),
        done,
    };
    let mut res = html(ctx, StatusCode::OK, &page);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// GET /erinnerungen/abbestellen/{token}: what the link turns off, and a
/// button.
pub(super) async fn page(
    Use(r): Use<Reminders>,
    ctx: Ctx,
    Params(token): Params<String>,
) -> Answer {
    let kind = r.unsubscribe_link(&token).await.or_fail(&ctx)?;
    Ok(answer(&ctx, &token, kind, false))
}

/// POST /erinnerungen/abbestellen/{token}: the button, or a mail
/// program's one-click POST.
pub(super) async fn unsubscribe(
    Use(r): Use<Reminders>,
    ctx: Ctx,
    Params(token): Params<String>,
) -> Answer {
    let kind = r.unsubscribe(&token).await.or_fail(&ctx)?;
    Ok(answer(&ctx, &token, kind, true))
}

/// POST /konto/erinnerungen: the kinds ticked come, the others not.
pub(super) async fn settings(Use(r): Use<Reminders>, ctx: Ctx, v: Viewer, body: Bytes) -> Answer {
    if session_person(&v).is_none() {
        return Ok(sign_in_first(&ctx, "/konto"));
    }
    let form = FormData::parse(&body);
    let on: Vec<ReminderKind> = form
        .all("on")
        .iter()
        .filter_map(|c| ReminderKind::from_code(c))
        .collect();
    r.set_settings(&on).await.or_fail(&ctx)?;
    Ok(see_other(&with_lang(
        &ctx,
        "/konto?hinweis=erinnerungen#erinnerungen",
    )))
}
