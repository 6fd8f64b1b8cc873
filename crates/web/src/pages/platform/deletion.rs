//! Deleting a network or an organisation, for platform admins: a page that
//! says what goes with it and asks for a confirming checkbox, over the use
//! cases the API's `DELETE /api/v1/networks/{slug}` and `DELETE
//! /api/v1/organizations/{slug}` call. What the directory refuses (an
//! organisation still a member, a partner or a coordinator) is shown on the
//! page with 409, and nothing is deleted.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, Directory};

use super::super::manage::{
    Control, Crumb, FormData, OptGroup, Problem, Rejected, SummaryItem, done, options,
};
use super::super::{Ctx, error_page, failure, html};
use super::{BASE, crumbs, refusal};
use crate::AppState;
use crate::auth::Viewer;

/// The value of the checkbox that confirms a deletion.
const CONFIRM: &str = "yes";

/// What a deletion page deletes.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Network,
    Organization,
}

impl Kind {
    /// The deletion page of `slug`.
    pub(super) fn path(self, slug: &str) -> String {
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
    let mut confirm = Control::choice(
        "delete",
        "confirm",
        "checkbox",
        ctx.t("platform-delete-legend"),
        vec![OptGroup {
            label: None,
            options: options([(CONFIRM, kind.t(ctx, "confirm", name))], &[]),
        }],
    )
    .required();
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

/// The slug and name of what the page deletes, or the answer.
async fn target(
    ctx: &Ctx,
    dir: &Directory,
    kind: Kind,
    raw: &str,
) -> Result<(Slug, String), Response> {
    let Ok(slug) = raw.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    match kind.name(dir, &slug).await {
        Ok(name) => Ok((slug, name)),
        Err(e) => Err(failure(ctx, e)),
    }
}

async fn page(s: AppState, ctx: Ctx, v: Viewer, kind: Kind, raw: String) -> Response {
    if let Some(r) = refusal(&ctx, &v, &kind.path(&raw)) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    match target(&ctx, &dir, kind, &raw).await {
        Ok((slug, name)) => render(&ctx, kind, &slug, &name, None),
        Err(r) => r,
    }
}

async fn submit(
    s: AppState,
    ctx: Ctx,
    v: Viewer,
    kind: Kind,
    raw: String,
    body: Bytes,
) -> Response {
    if let Some(r) = refusal(&ctx, &v, &kind.path(&raw)) {
        return r;
    }
    let dir = s.dir.for_actor(&v.actor);
    let (slug, name) = match target(&ctx, &dir, kind, &raw).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    if f.get("confirm") != CONFIRM {
        let rejected = Rejected::input(vec![(
            "confirm".to_owned(),
            Problem::new(ctx.t("manage-error-delete-confirm")),
        )]);
        return render(&ctx, kind, &slug, &name, Some(rejected));
    }
    match kind.delete(&dir, &slug).await {
        Ok(()) => {
            let what = match kind {
                Kind::Network => "network-deleted",
                Kind::Organization => "organization-deleted",
            };
            done(&ctx, BASE, what)
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
            render(&ctx, kind, &slug, &name, Some(rejected))
        }
        Err(e) => failure(&ctx, e),
    }
}

pub(super) async fn network_page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
) -> Response {
    page(s, ctx, v, Kind::Network, raw).await
}

pub(super) async fn network_delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
    body: Bytes,
) -> Response {
    submit(s, ctx, v, Kind::Network, raw, body).await
}

pub(super) async fn organization_page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
) -> Response {
    page(s, ctx, v, Kind::Organization, raw).await
}

pub(super) async fn organization_delete(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(raw): Path<String>,
    body: Bytes,
) -> Response {
    submit(s, ctx, v, Kind::Organization, raw, body).await
}
