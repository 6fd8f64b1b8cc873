//! Deleting a network or an organisation, for platform admins: a page that
//! says what goes with it and asks for a confirming checkbox, over the use
//! cases the API's `DELETE /api/v1/networks/{slug}` and `DELETE
//! /api/v1/organizations/{slug}` call. What the directory refuses (an
//! organisation still a member, a partner or a coordinator) is shown on the
//! page with 409, and nothing is deleted.

use askama::Template;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory};

use super::admin::{Admin, BASE, crumbs};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{CONFIRM, Control, DONE, FormData, Problem, Rejected, SummaryItem};
use crate::pages::ui::Crumb;

/// What a deletion page deletes.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Network,
    Organization,
}

impl Kind {
    /// The deletion page of `slug`.
    pub(crate) fn path(self, slug: &str) -> String {
        match self {
            Kind::Network => format!("/verwaltung/netzwerke/{slug}/loeschen"),
            Kind::Organization => format!("/verwaltung/organisationen/{slug}/loeschen"),
        }
    }

    /// The message ids of the page, by their last part.
    fn t(self, ctx: &Ctx, part: &str, name: &str) -> String {
        let kind = match self {
            Kind::Network => "network",
            Kind::Organization => "org",
        };
        ctx.t1(&format!("platform-{kind}-delete-{part}"), "name", name)
    }

    /// The name of what `slug` names; an error when there is none.
    async fn name(self, dir: &Directory, slug: &Slug) -> Result<String, AppError> {
        Ok(match self {
            Kind::Network => dir.network(slug).await?.name,
            Kind::Organization => dir.organization(slug).await?.name,
        })
    }

    async fn delete(self, dir: &Directory, slug: &Slug) -> Result<(), AppError> {
        match self {
            Kind::Network => dir.delete_network(slug).await,
            Kind::Organization => dir.delete_organization(slug).await,
        }
    }
}

#[derive(Template)]
#[template(path = "platform/delete.html")]
struct DeletePage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    intro: String,
    action: String,
    confirm: Control,
    submit: String,
    back_href: String,
    summary: Vec<SummaryItem>,
}

fn render(ctx: &Ctx, kind: Kind, slug: &Slug, name: &str, rejected: Option<Rejected>) -> Response {
    let title = kind.t(ctx, "heading", name);
    let mut confirm = Control::confirm(
        ctx.t("platform-delete-legend"),
        kind.t(ctx, "confirm", name),
    );
    let (status, summary) = match rejected {
        Some(r) => (r.status, r.apply(&mut [&mut confirm])),
        None => (StatusCode::OK, Vec::new()),
    };
    let page = DeletePage {
        ctx,
        crumbs: crumbs(ctx, Some(title.clone())),
        title,
        intro: kind.t(ctx, "intro", name),
        action: ctx.href(&kind.path(slug.as_str())),
        confirm,
        submit: kind.t(ctx, "submit", name),
        back_href: ctx.href(BASE),
        summary,
    };
    html(ctx, status, &page)
}

async fn page(ctx: Ctx, dir: Directory, kind: Kind, slug: Slug) -> Answer {
    let name = kind.name(&dir, &slug).await.or_fail(&ctx)?;
    Ok(render(&ctx, kind, &slug, &name, None))
}

async fn submit(ctx: Ctx, dir: Directory, kind: Kind, slug: Slug, body: Bytes) -> Answer {
    let name = kind.name(&dir, &slug).await.or_fail(&ctx)?;
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::field("confirm", ctx.t("manage-error-delete-confirm"));
        return Ok(render(&ctx, kind, &slug, &name, Some(rejected)));
    }
    match kind.delete(&dir, &slug).await {
        Ok(()) => {
            let what = match kind {
                Kind::Network => "network-deleted",
                Kind::Organization => "organization-deleted",
            };
            Ok(DONE.done(&ctx, BASE, what))
        }
        // Still referred to: said in the page's words, the directory's
        // finding quoted after it.
        Err(AppError::Conflict(f)) => {
            let rejected = Rejected {
                status: StatusCode::CONFLICT,
                fields: vec![(
                    String::new(),
                    Problem {
                        text: kind.t(&ctx, "in-use", &name),
                        detail: Some(f.message),
                    },
                )],
            };
            Ok(render(&ctx, kind, &slug, &name, Some(rejected)))
        }
        Err(e) => Err(crate::pages::answer::failure(&ctx, e)),
    }
}

/// GET /verwaltung/netzwerke/{slug}/loeschen
pub(super) async fn network_page(ctx: Ctx, a: Admin, Params(slug): Params<Slug>) -> Answer {
    page(ctx, a.dir, Kind::Network, slug).await
}

/// POST /verwaltung/netzwerke/{slug}/loeschen
pub(super) async fn network_delete(
    ctx: Ctx,
    a: Admin,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    submit(ctx, a.dir, Kind::Network, slug, body).await
}

/// GET /verwaltung/organisationen/{slug}/loeschen
pub(super) async fn organization_page(ctx: Ctx, a: Admin, Params(slug): Params<Slug>) -> Answer {
    page(ctx, a.dir, Kind::Organization, slug).await
}

/// POST /verwaltung/organisationen/{slug}/loeschen
pub(super) async fn organization_delete(
    ctx: Ctx,
    a: Admin,
    Params(slug): Params<Slug>,
    body: Bytes,
) -> Answer {
    submit(ctx, a.dir, Kind::Organization, slug, body).await
}
