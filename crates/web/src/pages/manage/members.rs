//! A network's current members: the list with a remove button each, and
//! the form to add an organisation; a membership's own page changes its
//! cohort, role and dates.

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
    gate, gate_at, options, refused,
};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::{Ctx, DateView, failure, html};

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
    let names: HashMap<&Slug, &str> = orgs.iter().map(|o| (&o.slug, o.name.as_str())).collect();
    let cohorts = dir.cohorts(Some(&m.slug)).await?;
    let cohort_names: HashMap<&Slug, &str> =
        cohorts.iter().map(|c| (&c.slug, c.name.as_str())).collect();
    let base = Section::Members.path(&m.slug);
    let name_of = |o: &Slug| {
        names
            .get(o)
            .map_or_else(|| o.to_string(), |n| (*n).to_owned())
    };
    let former = former
        .iter()
        .map(|w| FormerRow {
            org: name_of(&w.value.organization),
            left: w.value.left_on.as_ref().map(|d| DateView::new(ctx, d)),
            edit_href: ctx.href(&format!("{base}/{}", w.id)),
        })
        .collect();
    let rows = current
        .iter()
        .map(|w| Row {
            org: name_of(&w.value.organization),
            org_href: ctx.href(&format!("/organisationen/{}", w.value.organization)),
            cohort: w.value.cohort.as_ref().map(|c| {
                cohort_names
                    .get(c)
                    .map_or_else(|| c.to_string(), |n| (*n).to_owned())
            }),
            role: role_label(ctx, w.value.role),
            joined: w.value.joined_on.as_ref().map(|d| DateView::new(ctx, d)),
            edit_href: ctx.href(&format!("{base}/{}", w.id)),
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
        former,
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
    match m.dir.membership(num).await {
        Ok(w) if w.value.network == m.slug => {}
        Ok(_) => return failure(&ctx, not_found()),
        Err(e) => return failure(&ctx, e),
    }
    if let Err(e) = m.dir.may_manage_membership(&v.actor, num, None).await {
        return refused(&ctx, e, &back);
    }
    match m.dir.delete_membership(num).await {
        Ok(()) => done(&ctx, &back, "member-removed"),
        Err(e) => failure(&ctx, e),
    }
}

// --- a membership's own page --------------------------------------------------------

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

/// The membership behind a management address, after every check: the
/// viewer may manage the network, the membership belongs to it, and the
/// gate lets the viewer manage that membership.
async fn managed_membership(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    slug: &str,
    id: &str,
) -> Result<(Managed, i64, Membership), Response> {
    let m = gate_at(s, ctx, v, slug, Section::Members, &format!("/{id}")).await?;
    let not_found = || AppError::NotFound {
        entity: "membership",
        key: id.to_owned(),
    };
    let Ok(num) = id.parse::<i64>() else {
        return Err(failure(ctx, not_found()));
    };
    // Managing one network gives no say over another's memberships.
    let ms = match m.dir.membership(num).await {
        Ok(w) if w.value.network == m.slug => w.value,
        Ok(_) => return Err(failure(ctx, not_found())),
        Err(e) => return Err(failure(ctx, e)),
    };
    let back = format!("{}/{num}", Section::Members.path(&m.slug));
    if let Err(e) = m
        .dir
        .may_manage_membership(&v.actor, num, Some(&m.slug))
        .await
    {
        return Err(refused(ctx, e, &back));
    }
    Ok((m, num, ms))
}

async fn render_edit(
    ctx: &Ctx,
    m: &Managed,
    id: i64,
    stored: &Membership,
    q: Option<&str>,
    submitted: Option<(&FormData, Rejected)>,
) -> Result<Response, AppError> {
    let f = submitted.as_ref().map(|(f, _)| *f);
    let text = |k: &str, stored: Option<String>| match f {
        Some(f) => f.get(k),
        None => stored.unwrap_or_default(),
    };
    let org_name = match m.dir.organization(&stored.organization).await {
        Ok(o) => o.name,
        Err(_) => stored.organization.to_string(),
    };
    let cohorts = m.dir.cohorts(Some(&m.slug)).await?;
    let cohort = text("cohort", stored.cohort.as_ref().map(Slug::to_string));
    let role = match text("role", Some(stored.role.code().to_owned())) {
        r if r.is_empty() => stored.role.code().to_owned(),
        r => r,
    };
    let date = |name: &'static str, label: String, value: String| {
        Control::input("membership", name, "text", label, value)
            .maxlength(10)
            .pattern("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
            .code()
    };
    let mut form = EditForm {
        action: ctx.href(&format!("{}/{id}", Section::Members.path(&m.slug))),
        organization_href: ctx.href(&format!("/organisationen/{}", stored.organization)),
        organization: org_name.clone(),
        // A stored cohort stays choosable even when the list has no others.
        cohort: (!cohorts.is_empty() || stored.cohort.is_some()).then(|| {
            let mut items: Vec<(String, String)> = vec![(String::new(), ctx.t("cohort-none"))];
            items.extend(
                cohorts
                    .iter()
                    .map(|c| (c.slug.to_string(), cohort_label(ctx, c))),
            );
            if let Some(c) = &stored.cohort
                && !cohorts.iter().any(|k| &k.slug == c)
            {
                items.push((c.to_string(), c.to_string()));
            }
            Control::choice(
                "membership",
                "cohort",
                "select",
                ctx.t("column-cohort"),
                vec![OptGroup {
                    label: None,
                    options: options(items, &[cohort]),
                }],
            )
        }),
        role: Control::choice(
            "membership",
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
        joined_on: date(
            "joined_on",
            ctx.t("column-joined"),
            text(
                "joined_on",
                stored.joined_on.as_ref().map(|d| d.to_string()),
            ),
        )
        .hint(ctx.t("manage-partial-date-hint")),
        left_on: date(
            "left_on",
            ctx.t("manage-member-left"),
            text("left_on", stored.left_on.as_ref().map(|d| d.to_string())),
        )
        .hint(ctx.t("manage-member-left-hint")),
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

/// An optional partial date field.
fn partial_date(
    ctx: &Ctx,
    problems: &mut Vec<(String, Problem)>,
    field: &str,
    value: &str,
) -> Option<PartialDate> {
    if value.is_empty() {
        return None;
    }
    match value.parse::<PartialDate>() {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push((
                field.to_owned(),
                Problem::new(ctx.t("manage-error-partial-date")),
            ));
            None
        }
    }
}

/// Reads the edit form into the changed membership; what has no field here
/// (organisation, network, source) is kept.
fn parse_edit(ctx: &Ctx, stored: &Membership, f: &FormData) -> Result<Membership, Rejected> {
    let mut problems = Vec::new();
    let choose = || Problem::new(ctx.t("manage-error-choose"));
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

pub(super) async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, id)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let (m, id, stored) = match managed_membership(&s, &ctx, &v, &slug, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    render_edit(&ctx, &m, id, &stored, q.as_deref(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, id)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, id, stored) = match managed_membership(&s, &ctx, &v, &slug, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let f = FormData::parse(&body);
    let rejected = match parse_edit(&ctx, &stored, &f) {
        Ok(ms) => match m.dir.update_membership(id, &ms).await {
            Ok(()) => {
                return done(&ctx, &Section::Members.path(&m.slug), "member-saved");
            }
            Err(e) => match Rejected::from_app(&ctx, e) {
                Ok(r) => r,
                Err(e) => return failure(&ctx, e),
            },
        },
        Err(r) => r,
    };
    render_edit(&ctx, &m, id, &stored, None, Some((&f, rejected)))
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}
