//! Pages that only say something: a link that no longer works, a mail on
//! its way, a limit reached.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::password::wait_text;
use super::reply::{no_store, retry_after};
use crate::pages::answer::html;
use crate::pages::ctx::Ctx;

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

pub(super) fn sign_in_link(ctx: &Ctx) -> NavLink {
    NavLink {
        text: ctx.t("signin-link"),
        href: ctx.href("/anmelden"),
    }
}

/// Too many attempts: how long to wait, as a page.
pub(super) fn limited(ctx: &Ctx, seconds: u64) -> Response {
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
pub(super) enum Gone {
    Invitation,
    Reset,
}

/// 410: the link was used, has expired or never existed — the page says
/// what to do next instead of just "not found".
pub(super) fn gone(ctx: &Ctx, what: Gone) -> Response {
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
