//! A network's current members: the list with a remove button each, the
//! former members, and the form to add an organisation. A membership's own
//! page is [`super::membership`].

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Cohort, Membership, Organization, Role, Slug};
use knotenpunkt_app::{AppError, MembershipFilter, OrgFilter, Page as StorePage, WithId};

use super::frame::{Frame, Section};
use super::managed::{Managed, ToSection};
use super::membership::{ManagedMembership, date_control, role_control};
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, DONE, FormData, Problems, Rejected, SummaryItem, choose, partial_date,
};
use crate::pages::ui::{DateView, cohort_name};

/// A membership that has ended: still editable (to correct the dates).
struct FormerRow {
    org: String,
    left: Option<DateView>,
    edit_href: String,
}

struct Row {
    org: String,
    org_href: String,
    cohort: Option<String>,
    role: String,
    joined: Option<DateView>,
    edit_href: String,
    remove_action: String,
}

/// The form to add a membership.
struct AddForm {
    action: String,
    organization: Control,
    cohort: Option<Control>,
    role: Control,
    joined_on: Control,
    summary: Vec<SummaryItem>,
}

impl AddForm {
    /// The form, filled with what was submitted; the network's current
    /// members are not offered again (the store would refuse them).
    fn new(
        ctx: &Ctx,
        m: &Managed,
        orgs: &[Organization],
        current: &[WithId<Membership>],
        cohorts: &[Cohort],
        f: Option<&FormData>,
    ) -> AddForm {
        let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
        let role = match v("role") {
            r if r.is_empty() => Role::Member.code().to_owned(),
            r => r,
        };
        let addable = orgs
            .iter()
            .filter(|o| !current.iter().any(|w| w.value.organization == o.slug))
            .map(|o| (o.slug.to_string(), o.name.clone()));
        let choose = std::iter::once((String::new(), ctx.t("manage-choose")));
        AddForm {
            action: ctx.href(&Section::Members.path(&m.slug)),
            organization: Control::pick(
                "member",
                "organization",
                "select",
                ctx.t("manage-member-organization"),
                choose.chain(addable),
                &[v("organization")],
            )
            .required(),
            cohort: (!cohorts.is_empty()).then(|| {
                let none = std::iter::once((String::new(), ctx.t("cohort-none")));
                Control::pick(
                    "member",
                    "cohort",
                    "select",
                    ctx.t("column-cohort"),
                    none.chain(
                        cohorts
                            .iter()
                            .map(|c| (c.slug.to_string(), cohort_name(ctx, c))),
                    ),
                    &[v("cohort")],
                )
            }),
            role: role_control(ctx, "member", role),
            joined_on: date_control(
                "member",
                "joined_on",
                ctx.t("column-joined"),
                v("joined_on"),
            )
            .hint(ctx.t("manage-partial-date-hint")),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> = vec![&mut self.organization, &mut self.role];
        if let Some(c) = self.cohort.as_mut() {
            controls.push(c);
        }
        controls.push(&mut self.joined_on);
        self.summary = r.apply(&mut controls);
    }
}

#[derive(Template)]
#[template(path = "manage/members.html")]
struct MembersPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    caption: String,
    rows: Vec<Row>,
    former: Vec<FormerRow>,
    form: AddForm,
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Result<Response, AppError> {
    let dir = &m.dir;
    let (current, former): (Vec<_>, Vec<_>) = dir
        .memberships(
            &MembershipFilter {
                network: Some(m.slug.clone()),
                ..MembershipFilter::default()
            },
            StorePage::ALL,
        )
        .await?
        .items
        .into_iter()
        .partition(|w| w.value.left_on.is_none());
    let orgs = dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items;
    let cohorts = dir.cohorts(Some(&m.slug)).await?;
    let names = Names::new(&orgs, &cohorts);
    let base = Section::Members.path(&m.slug);
    let former = former
        .iter()
        .map(|w| FormerRow {
            org: names.organization(&w.value.organization),
            left: w.value.left_on.as_ref().map(|d| DateView::new(ctx, d)),
            edit_href: ctx.href(&format!("{base}/{}", w.id)),
        })
        .collect();
    let rows = current
        .iter()
        .map(|w| Row {
            org: names.organization(&w.value.organization),
            org_href: ctx.href(&format!("/organisationen/{}", w.value.organization)),
            cohort: w.value.cohort.as_ref().map(|c| names.cohort(c)),
            role: ctx.role_name(&w.value.role),
            joined: w.value.joined_on.as_ref().map(|d| DateView::new(ctx, d)),
            edit_href: ctx.href(&format!("{base}/{}", w.id)),
            remove_action: ctx.href(&format!("{base}/{}/entfernen", w.id)),
        })
        .collect();
    let f = submitted.as_ref().map(|(f, _)| *f);
    let mut form = AddForm::new(ctx, m, &orgs, &current, &cohorts, f);
    let status = match submitted {
        Some((_, r)) => {
            let status = r.status;
            form.reject(r);
            status
        }
        None => StatusCode::OK,
    };
    let frame = Frame::new(ctx, m, Section::Members, q);
    let page = MembersPage {
        ctx,
        title: frame.title(),
        caption: ctx.t1("manage-members-caption", "network", frame.network.as_str()),
        frame,
        rows,
        former,
        form,
    };
    Ok(html(ctx, status, &page))
}

/// The names the list shows for the slugs memberships hold.
struct Names<'a> {
    organizations: HashMap<&'a Slug, &'a str>,
    cohorts: HashMap<&'a Slug, &'a str>,
}

impl<'a> Names<'a> {
    fn new(orgs: &'a [Organization], cohorts: &'a [Cohort]) -> Names<'a> {
        Names {
            organizations: orgs.iter().map(|o| (&o.slug, o.name.as_str())).collect(),
            cohorts: cohorts.iter().map(|c| (&c.slug, c.name.as_str())).collect(),
        }
    }

    fn organization(&self, o: &Slug) -> String {
        self.organizations
            .get(o)
            .map_or_else(|| o.to_string(), |n| (*n).to_owned())
    }

    fn cohort(&self, c: &Slug) -> String {
        self.cohorts
            .get(c)
            .map_or_else(|| c.to_string(), |n| (*n).to_owned())
    }
}

/// GET /netzwerke/{slug}/verwaltung/mitglieder
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    render(&ctx, &m, q.as_deref(), None).await.or_fail(&ctx)
}

fn parse(ctx: &Ctx, m: &Managed, f: &FormData) -> Result<Membership, Rejected> {
    let mut problems: Problems = Vec::new();
    let organization = match f.get("organization").parse::<Slug>() {
        Ok(o) => Some(o),
        Err(_) => {
            problems.push(("organization".to_owned(), choose(ctx)));
            None
        }
    };
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
            Role::Member
        }
    };
    let joined_on = partial_date(ctx, &mut problems, "joined_on", &f.get("joined_on"));
    match organization {
        Some(organization) if problems.is_empty() => Ok(Membership {
            organization,
            network: m.slug.clone(),
            cohort,
            role,
            joined_on,
            left_on: None,
            source: None,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// POST /netzwerke/{slug}/verwaltung/mitglieder
pub(super) async fn add(ctx: Ctx, m: Managed, body: Bytes) -> Answer {
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f) {
        Ok(ms) => match m.dir.create_membership(&ms).await {
            Ok(_) => {
                return Ok(DONE.done(&ctx, &Section::Members.path(&m.slug), "member-added"));
            }
            Err(e) => Rejected::from_app(&ctx, e).or_fail(&ctx)?,
        },
        Err(r) => r,
    };
    render(&ctx, &m, None, Some((&f, rejected)))
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/mitglieder/{id}/entfernen
pub(super) async fn remove(
    ctx: Ctx,
    ManagedMembership { m, id, .. }: ManagedMembership<ToSection>,
) -> Answer {
    m.dir.delete_membership(id).await.or_fail(&ctx)?;
    Ok(DONE.done(&ctx, &Section::Members.path(&m.slug), "member-removed"))
}
