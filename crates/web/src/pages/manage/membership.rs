//! A membership's own page: its cohort, role and dates, changed by the
//! network's coordinators; the organisation and the network stay.

use std::marker::PhantomData;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequestParts, RawQuery};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::{Cohort, Membership, Role, Slug};

use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::AppState;
use crate::pages::answer::{Answer, OrFail, failure, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::{Back, Here, Params, infallible};
use crate::pages::form::{
    Control, DONE, FormData, Problems, Rejected, SummaryItem, choose, partial_date, refused,
};
use crate::pages::ui::cohort_name;

/// What a date of a membership looks like: a year, a month or a day.
const PARTIAL_DATE_PATTERN: &str = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?";

/// The membership behind a management address, after every check: the
/// viewer may manage the network, the membership belongs to it, and the
/// policy lets the viewer manage that membership. `B` says where an
/// anonymous visitor comes back to.
pub(super) struct ManagedMembership<B = Here> {
    pub(super) m: Managed,
    pub(super) id: i64,
    pub(super) stored: Membership,
    back: PhantomData<B>,
}

impl<B: Back> FromRequestParts<AppState> for ManagedMembership<B> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        let m = Managed::gate::<B>(parts, s).await?;
        let ctx = infallible(Ctx::from_request_parts(parts, s).await);
        let Params((_, id)) = Params::<(Slug, i64)>::from_request_parts(parts, s).await?;
        let stored = match m.dir.managed_membership(&m.slug, id).await {
            Ok(stored) => stored,
            Err(e @ AppError::Denied(_)) => return Err(refused(&ctx, e, &B::page(ctx.path()))),
            Err(e) => return Err(failure(&ctx, e)),
        };
        Ok(ManagedMembership {
            m,
            id,
            stored,
            back: PhantomData,
        })
    }
}

/// A date of a membership: a year, a month or a day.
pub(super) fn date_control(
    form: &str,
    name: &'static str,
    label: String,
    value: String,
) -> Control {
    Control::input(form, name, "text", label, value)
        .maxlength(10)
        .pattern(PARTIAL_DATE_PATTERN)
        .code()
}

/// The select of roles.
pub(super) fn role_control(ctx: &Ctx, form: &str, chosen: String) -> Control {
    Control::pick(
        form,
        "role",
        "select",
        ctx.t("column-role"),
        Role::ALL.iter().map(|r| (r.code(), ctx.role_name(r))),
        &[chosen],
    )
    .required()
}

/// The form to change a membership: its organisation and network stay.
struct EditForm {
    action: String,
    organization: String,
    organization_href: String,
    cohort: Option<Control>,
    role: Control,
    joined_on: Control,
    left_on: Control,
    summary: Vec<SummaryItem>,
}

impl EditForm {
    fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> = vec![&mut self.role];
        if let Some(c) = self.cohort.as_mut() {
            controls.push(c);
        }
        controls.push(&mut self.joined_on);
        controls.push(&mut self.left_on);
        self.summary = r.apply(&mut controls);
    }
}

#[derive(Template)]
#[template(path = "manage/member_edit.html")]
struct MemberEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    list_href: String,
    form: EditForm,
}

async fn render(
    ctx: &Ctx,
    mm: &ManagedMembership,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Result<Response, AppError> {
    let (m, stored) = (&mm.m, &mm.stored);
    let org_name = match m.dir.organization(&stored.organization).await {
        Ok(o) => o.name,
        Err(_) => stored.organization.to_string(),
    };
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let f = submitted.as_ref().map(|(f, _)| *f);
    let action = ctx.href(&format!("{}/{}", Section::Members.path(&m.slug), mm.id));
    let mut form = EditForm::new(ctx, action, stored, &org_name, &cohorts, f);
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::item(
        ctx,
        m,
        Section::Members,
        q,
        ctx.t1(
            "manage-heading-member-edit",
            "organization",
            org_name.as_str(),
        ),
        &org_name,
    );
    let page = MemberEditPage {
        ctx,
        title: frame.title(),
        frame,
        list_href: ctx.href(&Section::Members.path(&m.slug)),
        form,
    };
    Ok(html(ctx, status, &page))
}

impl EditForm {
    /// The form posting to `action`, filled as stored or as submitted.
    fn new(
        ctx: &Ctx,
        action: String,
        stored: &Membership,
        org_name: &str,
        cohorts: &[Cohort],
        f: Option<&FormData>,
    ) -> EditForm {
        let text = |k: &str, stored: Option<String>| match f {
            Some(f) => f.get(k),
            None => stored.unwrap_or_default(),
        };
        let role = match text("role", Some(stored.role.code().to_owned())) {
            r if r.is_empty() => stored.role.code().to_owned(),
            r => r,
        };
        let cohort = text("cohort", stored.cohort.as_ref().map(Slug::to_string));
        EditForm {
            action,
            organization_href: ctx.href(&format!("/organisationen/{}", stored.organization)),
            organization: org_name.to_owned(),
            cohort: cohort_control(ctx, cohorts, stored.cohort.as_ref(), cohort),
            role: role_control(ctx, "membership", role),
            joined_on: date_control(
                "membership",
                "joined_on",
                ctx.t("column-joined"),
                text(
                    "joined_on",
                    stored.joined_on.as_ref().map(|d| d.to_string()),
                ),
            )
            .hint(ctx.t("manage-partial-date-hint")),
            left_on: date_control(
                "membership",
                "left_on",
                ctx.t("manage-member-left"),
                text("left_on", stored.left_on.as_ref().map(|d| d.to_string())),
            )
            .hint(ctx.t("manage-member-left-hint")),
            summary: Vec::new(),
        }
    }
}

/// The select of the network's cohorts; a stored cohort stays choosable
/// even when the list has no others.
fn cohort_control(
    ctx: &Ctx,
    cohorts: &[Cohort],
    stored: Option<&Slug>,
    chosen: String,
) -> Option<Control> {
    (!cohorts.is_empty() || stored.is_some()).then(|| {
        let mut items: Vec<(String, String)> = vec![(String::new(), ctx.t("cohort-none"))];
        items.extend(
            cohorts
                .iter()
                .map(|c| (c.slug.to_string(), cohort_name(ctx, c))),
        );
        if let Some(c) = stored
            && !cohorts.iter().any(|k| &k.slug == c)
        {
            items.push((c.to_string(), c.to_string()));
        }
        Control::pick(
            "membership",
            "cohort",
            "select",
            ctx.t("column-cohort"),
            items,
            &[chosen],
        )
    })
}

/// Reads the edit form into the changed membership; what has no field here
/// (organisation, network, source) is kept.
fn parse(ctx: &Ctx, stored: &Membership, f: &FormData) -> Result<Membership, Rejected> {
    let mut problems: Problems = Vec::new();
    let cohort = match f.get("cohort") {
        c if c.is_empty() => None,
        c => match c.parse::<Slug>() {
            Ok(c) => Some(c),
            Err(_) => {
                problems.push(("cohort".to_owned(), choose(ctx)));
                None
            }
        },
    };
    let role = match f.get("role").parse::<Role>() {
        Ok(r) => r,
        Err(_) => {
            problems.push(("role".to_owned(), choose(ctx)));
            stored.role
        }
    };
    let joined_on = partial_date(ctx, &mut problems, "joined_on", &f.get("joined_on"));
    let left_on = partial_date(ctx, &mut problems, "left_on", &f.get("left_on"));
    if !problems.is_empty() {
        return Err(Rejected::input(problems));
    }
    Ok(Membership {
        cohort,
        role,
        joined_on,
        left_on,
        ..stored.clone()
    })
}

/// GET /netzwerke/{slug}/verwaltung/mitglieder/{id}
pub(super) async fn edit(ctx: Ctx, mm: ManagedMembership, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &mm, q.as_deref(), None).await.or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/mitglieder/{id}
pub(super) async fn update(ctx: Ctx, mm: ManagedMembership, body: Bytes) -> Answer {
    let (m, stored) = (&mm.m, &mm.stored);
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, stored, &f) {
        Ok(ms) => match m.dir.update_membership(mm.id, &ms).await {
            Ok(()) => {
                return Ok(DONE.done(&ctx, &Section::Members.path(&m.slug), "member-saved"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    render(&ctx, &mm, None, Some((&f, rejected)))
        .await
        .or_fail(&ctx)
}
