//! `/veranstaltungen/abmelden/{token}`: a guest cancels by the link in
//! their mails. The page asks before it acts (mail scanners follow links);
//! the signed link is the authority, as only its addressee got it.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::RegistrationStatus;
use knotenpunkt_app::events::{Events, LinkedRegistration};

use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;

#[derive(Template)]
#[template(path = "event_cancel.html")]
struct CancelPage<'a> {
    ctx: &'a Ctx,
    title: String,
    event_title: String,
    event_href: String,
    when: String,
    name: String,
    /// What the page says about the registration now.
    standing: String,
    /// The form's address, while there is something to cancel.
    action: Option<String>,
}

fn answer(ctx: &Ctx, token: &str, r: &LinkedRegistration, done: bool) -> Response {
    let when = knotenpunkt_app::berlin_time(r.starts_at.timestamp())
        .map(|t| format!("{}, {}", ctx.weekday_day(t.date_naive()), t.format("%H:%M")))
        .unwrap_or_else(|| ctx.t("unknown"));
    let standing = match (r.status, r.begun, done) {
        (RegistrationStatus::Cancelled, _, true) => ctx.t("event-link-cancelled-now"),
        (RegistrationStatus::Cancelled, _, false) => ctx.t("event-link-cancelled"),
        (_, true, _) => ctx.t("event-link-begun"),
        (RegistrationStatus::Seated, false, _) => ctx.t("event-link-seated"),
        (_, false, _) => ctx.t("event-link-waiting"),
    };
    let open = r.status != RegistrationStatus::Cancelled && !r.begun;
    let page = CancelPage {
        ctx,
        title: ctx.t(if done {
            "event-link-done-heading"
        } else {
            "event-link-heading"
        }),
        event_title: r.title.clone(),
        event_href: ctx.href(&format!("/veranstaltungen/{}", r.event)),
        when,
        name: r.name.clone(),
        standing,
        action: open.then(|| ctx.href(&format!("/veranstaltungen/abmelden/{token}"))),
    };
    let mut res = html(ctx, StatusCode::OK, &page);
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// GET /veranstaltungen/abmelden/{token}: whose registration, where it
/// stands, and a button.
pub(super) async fn page(Use(ev): Use<Events>, ctx: Ctx, Params(token): Params<String>) -> Answer {
    let r = ev.linked_registration(&token).await.or_fail(&ctx)?;
    Ok(answer(&ctx, &token, &r, false))
}

/// POST /veranstaltungen/abmelden/{token}: cancels; the freed seat goes to
/// the first on the waiting list.
pub(super) async fn cancel(
    Use(ev): Use<Events>,
    ctx: Ctx,
    Params(token): Params<String>,
) -> Answer {
    match ev.cancel_by_link(&token).await {
        Ok(r) => Ok(answer(&ctx, &token, &r, true)),
        // The event began meanwhile: the page says so, without a button.
        Err(AppError::Conflict(_)) => {
            let r = ev.linked_registration(&token).await.or_fail(&ctx)?;
            Ok(answer(&ctx, &token, &r, false))
        }
        Err(e) => Err(e).or_fail(&ctx),
    }
}
