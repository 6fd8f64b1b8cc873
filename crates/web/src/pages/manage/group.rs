//! A named group's own page: its name and its members, changed by the
//! network's coordinators; its slug stays (it is part of the visibility
//! `group:<slug>` that agenda points and minutes carry).

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::domain::Slug;
use knotenpunkt_app::{AppError, GroupView};

use super::frame::{Frame, Section};
use super::groups::{GroupForm, Values, group_path, parse, people, save};
use super::managed::Managed;
use crate::AppState;
use crate::pages::answer::{Answer, OrFail, error_page, failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Here, Params, infallible};
use crate::pages::form::{FormData, Rejected};

#[derive(Template)]
#[template(path = "manage/group_edit.html")]
struct GroupEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    list_href: String,
    form: GroupForm,
}

/// The group behind a management address, once the gate let the viewer
/// manage the network.
pub(super) struct ManagedGroup {
    m: Managed,
    group: GroupView,
}

impl FromRequestParts<AppState> for ManagedGroup {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let m = Managed::gate::<Here>(parts, s).await?;
        let Params((_, group)) = Params::<(Slug, Slug)>::from_request_parts(parts, s).await?;
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        match m.admin.groups(&m.slug).await {
            Ok(list) => match list.into_iter().find(|g| g.slug == group) {
                Some(group) => Ok(ManagedGroup { m, group }),
                None => Err(error_page(&ctx, StatusCode::NOT_FOUND)),
            },
            Err(e) => Err(failure(&ctx, e)),
        }
    }
}

async fn render(
    ctx: &Ctx,
    mg: &ManagedGroup,
    q: Option<&str>,
    submitted: Option<(Values, Rejected)>,
) -> Result<Response, AppError> {
    let (m, group) = (&mg.m, &mg.group);
    let choices = people(m).await?;
    let (values, rejected) = match submitted {
        Some((v, r)) => (v, Some(r)),
        None => (Values::stored(group), None),
    };
    let mut form = GroupForm::new(
        ctx,
        ctx.href(&group_path(m, &group.slug)),
        Some(group.slug.to_string()),
        values,
        &choices,
    );
    form.submit = ctx.t("manage-save");
    let mut status = StatusCode::OK;
    if let Some(r) = rejected {
        status = r.status;
        form.reject(r);
    }
    let frame = Frame::item(
        ctx,
        m,
        Section::Groups,
        q,
        ctx.t1("manage-heading-group-edit", "group", group.name.as_str()),
        &group.name,
    );
    let page = GroupEditPage {
        ctx,
        title: frame.title(),
        frame,
        list_href: ctx.href(&Section::Groups.path(&m.slug)),
        form,
    };
    Ok(html(ctx, status, &page))
}

/// GET /netzwerke/{slug}/verwaltung/gruppen/{group}
pub(super) async fn edit(ctx: Ctx, mg: ManagedGroup, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &mg, q.as_deref(), None).await.or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/gruppen/{group}
pub(super) async fn update(ctx: Ctx, mg: ManagedGroup, body: Bytes) -> Answer {
    let m = &mg.m;
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match parse(&ctx, &values, Some(&mg.group.slug), &[]) {
        Ok(group) => {
            let back = group_path(m, &group.slug);
            match save(&ctx, m, &group, &back, "group-saved").await {
                Ok(r) => return Ok(r),
                Err(r) => r,
            }
        }
        Err(r) => r,
    };
    render(&ctx, &mg, None, Some((values, rejected)))
        .await
        .or_fail(&ctx)
}
