//! A network's current members: the list with a remove button each, and
//! the form to add an organisation.

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Membership, PartialDate, Role, Slug};
use knotenpunkt_app::{AppError, MembershipFilter, OrgFilter, Page as StorePage};

use super::{
    Control, FormData, Frame, Managed, OptGroup, Problem, Rejected, Section, SummaryItem, done,
    gate, options, refused,
};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::{Ctx, DateView, failure, html};
use knotenpunkt_app::AuditAction;

struct Row {
    org: String,
    org_href: String,
    cohort: Option<String>,
    role: String,
    joined: Option<DateView>,
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
    form: AddForm,
}

fn role_label(ctx: &Ctx, r: Role) -> String {
    ctx.role_name(&r)
}

async fn render(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Result<Response, AppError> {
    let dir = &m.dir;
    let current: Vec<_> = dir
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
        .filter(|w| w.value.left_on.is_none())
        .collect();
    let orgs = dir
        .organizations(&OrgFilter::default(), StorePage::ALL)
        .await?
        .items;
    let names: HashMap<&Slug, &str> = orgs.iter().map(|o| (&o.slug, o.name.as_str())).collect();
    let cohorts = dir.cohorts(Some(&m.slug)).await?;
    let cohort_names: HashMap<&Slug, &str> =
        cohorts.iter().map(|c| (&c.slug, c.name.as_str())).collect();
    let base = Section::Members.path(&m.slug);
    let rows = current
        .iter()
        .map(|w| Row {
            org: names
                .get(&w.value.organization)
                .map_or_else(|| w.value.organization.to_string(), |n| (*n).to_owned()),
            org_href: ctx.href(&format!("/organisationen/{}", w.value.organization)),
            cohort: w.value.cohort.as_ref().map(|c| {
                cohort_names
                    .get(c)
                    .map_or_else(|| c.to_string(), |n| (*n).to_owned())
            }),
            role: role_label(ctx, w.value.role),
            joined: w.value.joined_on.as_ref().map(|d| DateView::new(ctx, d)),
            remove_action: ctx.href(&format!("{base}/{}/entfernen", w.id)),
        })
        .collect();

    // Current members are not offered again: the store would refuse them.
    let f = submitted.as_ref().map(|(f, _)| *f);
    let v = |k: &str| f.map(|f| f.get(k)).unwrap_or_default();
    let chosen_org = vec![v("organization")];
    let org_options = options(
        std::iter::once((String::new(), ctx.t("manage-choose"))).chain(
            orgs.iter()
                .filter(|o| !current.iter().any(|w| w.value.organization == o.slug))
                .map(|o| (o.slug.to_string(), o.name.clone())),
        ),
        &chosen_org,
    );
    let role = match v("role") {
        r if r.is_empty() => Role::Member.code().to_owned(),
        r => r,
    };
    let mut form = AddForm {
        action: ctx.href(&base),
        organization: Control::choice(
            "member",
            "organization",
            "select",
            ctx.t("manage-member-organization"),
            vec![OptGroup {
                label: None,
                options: org_options,
            }],
        )
        .required(),
        cohort: (!cohorts.is_empty()).then(|| {
            Control::choice(
                "member",
                "cohort",
                "select",
                ctx.t("column-cohort"),
                vec![OptGroup {
                    label: None,
                    options: options(
                        std::iter::once((String::new(), ctx.t("cohort-none"))).chain(
                            cohorts
                                .iter()
                                .map(|c| (c.slug.to_string(), cohort_label(ctx, c))),
                        ),
                        &[v("cohort")],
                    ),
                }],
            )
        }),
        role: Control::choice(
            "member",
            "role",
            "select",
            ctx.t("column-role"),
            vec![OptGroup {
                label: None,
                options: options(
                    Role::ALL.iter().map(|r| (r.code(), role_label(ctx, *r))),
                    &[role],
                ),
            }],
        )
        .required(),
        joined_on: Control::input(
            "member",
            "joined_on",
            "text",
            ctx.t("column-joined"),
            v("joined_on"),
        )
        .maxlength(10)
        .pattern("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
        .code()
        .hint(ctx.t("manage-partial-date-hint")),
        summary: Vec::new(),
    };
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
        form,
    };
    Ok(html(ctx, status, &page))
}

fn cohort_label(ctx: &Ctx, c: &knotenpunkt_app::domain::Cohort) -> String {
    match c.year {
        Some(year) => ctx.t2(
            "cohort-heading",
            "name",
            c.name.as_str(),
            "year",
            year.to_string(),
        ),
        None => c.name.clone(),
    }
}

pub(super) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Members).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    render(&ctx, &m, q.as_deref(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

fn parse(ctx: &Ctx, m: &Managed, f: &FormData) -> Result<Membership, Rejected> {
    let mut problems = Vec::new();
    let choose = || Problem::new(ctx.t("manage-error-choose"));
    let organization = match f.get("organization").parse::<Slug>() {
        Ok(o) => Some(o),
        Err(_) => {
            problems.push(("organization".to_owned(), choose()));
            None
        }
    };
    let cohort = match f.get("cohort") {
        c if c.is_empty() => None,
        c => match c.parse::<Slug>() {
            Ok(c) => Some(c),
            Err(_) => {
                problems.push(("cohort".to_owned(), choose()));
                None
            }
        },
    };
    let role = match f.get("role").parse::<Role>() {
        Ok(r) => r,
        Err(_) => {
            problems.push(("role".to_owned(), choose()));
            Role::Member
        }
    };
    let joined_on = match f.get("joined_on") {
        d if d.is_empty() => None,
        d => match d.parse::<PartialDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                problems.push((
                    "joined_on".to_owned(),
                    Problem::new(ctx.t("manage-error-partial-date")),
                ));
                None
            }
        },
    };
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

/// What the log keeps of a membership, so it can be entered again.
fn describe(ms: &Membership) -> String {
    let mut parts = vec![format!("role={}", ms.role.code())];
    if let Some(c) = &ms.cohort {
        parts.push(format!("cohort={c}"));
    }
    if let Some(j) = &ms.joined_on {
        parts.push(format!("joined={j}"));
    }
    parts.join(" ")
}

pub(super) async fn add(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Members).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse(&ctx, &m, &f) {
        Ok(ms) => match m.dir.create_membership(&ms).await {
            Ok(_) => {
                m.dir
                    .record_change(
                        &v.actor,
                        Some(&m.slug),
                        AuditAction::MembershipCreate,
                        ms.organization.as_str(),
                        Some(describe(&ms)),
                    )
                    .await;
                return done(&ctx, &Section::Members.path(&m.slug), "member-added");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render(&ctx, &m, None, Some((&f, rejected)))
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn remove(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, id)): Path<(String, String)>,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Members).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let back = Section::Members.path(&m.slug);
    let not_found = || AppError::NotFound {
        entity: "membership",
        key: id.clone(),
    };
    let Ok(num) = id.parse::<i64>() else {
        return failure(&ctx, not_found());
    };
    // The id must be one of this network's memberships: managing one
    // network gives no say over another's.
    let ms = match m.dir.membership(num).await {
        Ok(w) if w.value.network == m.slug => w.value,
        Ok(_) => return failure(&ctx, not_found()),
        Err(e) => return failure(&ctx, e),
    };
    if let Err(e) = m.dir.may_manage_membership(&v.actor, num, None).await {
        return refused(&ctx, e, &back);
    }
    match m.dir.delete_membership(num).await {
        Ok(()) => {
            m.dir
                .record_change(
                    &v.actor,
                    Some(&m.slug),
                    AuditAction::MembershipDelete,
                    ms.organization.as_str(),
                    Some(describe(&ms)),
                )
                .await;
            done(&ctx, &back, "member-removed")
        }
        Err(e) => failure(&ctx, e),
    }
}
