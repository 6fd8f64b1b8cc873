//! The people with a standing in the network and the role granted to each
//! directly; a person's role through their organisation's membership is
//! shown beside it and changed on the members page.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::{NetworkRole, Slug};

use super::frame::{Frame, Section};
use super::managed::{InSection, Managed};
use crate::auth::Viewer;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{Control, DONE, FormData, Problem, Rejected, SummaryItem, refused};
use crate::pages::ui::network_role;

/// The select's value for "no role granted".
const NONE: &str = "none";

struct Row {
    name: String,
    email: String,
    organization: Option<String>,
    through: Option<String>,
    granted: Option<String>,
    effective: Option<String>,
    action: String,
    role: Control,
    is_self: bool,
}

#[derive(Template)]
#[template(path = "manage/roles.html")]
struct RolesPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    caption: String,
    rows: Vec<Row>,
    summary: Vec<SummaryItem>,
}

async fn render(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    q: Option<&str>,
    failed: Option<(i64, Rejected)>,
) -> Result<Response, AppError> {
    let people = m.admin.network_people(&m.slug).await?;
    let base = Section::Roles.path(&m.slug);
    let mut status = StatusCode::OK;
    let mut summary = Vec::new();
    let mut failed = failed;
    let mut rows = Vec::with_capacity(people.len());
    for p in people {
        let id = p.person.id;
        let chosen = p.granted.map_or(NONE, NetworkRole::code).to_owned();
        let org = p
            .organization_name
            .clone()
            .or_else(|| p.person.organization.as_ref().map(|o| o.to_string()));
        let mut role = Control::pick(
            &format!("person-{id}"),
            "role",
            "select",
            ctx.t1("manage-role-of", "name", p.person.name.as_str()),
            std::iter::once((NONE.to_owned(), ctx.t("manage-role-none"))).chain(
                NetworkRole::ALL
                    .iter()
                    .map(|r| (r.code().to_owned(), network_role(ctx, *r))),
            ),
            &[chosen],
        );
        if let Some((_, r)) = failed.take_if(|(who, _)| *who == id) {
            status = r.status;
            summary = r.apply(&mut [&mut role]);
        }
        rows.push(Row {
            name: p.person.name.clone(),
            email: p.person.email.to_string(),
            organization: org,
            through: p.through_organization.map(|r| network_role(ctx, r)),
            granted: p.granted.map(|r| network_role(ctx, r)),
            effective: p.effective().map(|r| network_role(ctx, r)),
            action: ctx.href(&format!("{base}/{id}")),
            role,
            is_self: v.person.as_ref().is_some_and(|me| me.id == id) && !v.actor.is_admin(),
        });
    }
    let frame = Frame::new(ctx, m, Section::Roles, q);
    let page = RolesPage {
        ctx,
        title: frame.title(),
        caption: ctx.t1("manage-roles-caption", "network", frame.network.as_str()),
        frame,
        rows,
        summary,
    };
    Ok(html(ctx, status, &page))
}

/// GET /netzwerke/{slug}/verwaltung/rollen
pub(super) async fn page(ctx: Ctx, v: Viewer, m: Managed, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &v, &m, q.as_deref(), None).await.or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/rollen/{person}: the role granted to
/// one person directly, or none.
pub(super) async fn set(
    ctx: Ctx,
    v: Viewer,
    InSection(m): InSection,
    Params((_, person)): Params<(Slug, i64)>,
    body: Bytes,
) -> Answer {
    let back = Section::Roles.path(&m.slug);
    let f = FormData::parse(&body);
    let role = match f.get("role").as_str() {
        NONE => Ok(None),
        r => r.parse::<NetworkRole>().map(Some),
    };
    let rejected = match role {
        // The use case records the change in the audit log itself.
        Ok(role) => match m.admin.set_network_role(&m.slug, person, role).await {
            Ok(()) => return Ok(DONE.done(&ctx, &back, "role-changed")),
            Err(e @ (AppError::Denied(_) | AppError::NotFound { .. })) => {
                return Err(refused(&ctx, e, &back));
            }
            Err(AppError::Conflict(_)) => Rejected {
                status: StatusCode::CONFLICT,
                fields: vec![("role".into(), Problem::new(ctx.t("manage-role-own")))],
            },
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(_) => Rejected::field("role", ctx.t("manage-error-choose")),
    };
    render(&ctx, &v, &m, None, Some((person, rejected)))
        .await
        .or_fail(&ctx)
}
