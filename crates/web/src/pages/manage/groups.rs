//! A network's named groups, the third kind of visibility (`group:<slug>`):
//! the list with who is in each, the form to create one, and a group's own
//! page to rename it and set its members.
//!
//! Who is in which group is personal data: the directory shows it to the
//! network's coordinators and admins only, and changes it for them only.

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::{Email, Slug};
use knotenpunkt_app::{AppError, GroupView};

use super::{
    Control, FormData, Frame, MAX_NAME, Managed, OptGroup, Problem, Rejected, Section, SummaryItem,
    done, gate, gate_at, options, required, slug_field, too_long,
};
use crate::AppState;
use crate::auth::Viewer;
use crate::pages::{Ctx, error_page, failure, html};
use knotenpunkt_app::AuditAction;

struct Row {
    name: String,
    slug: String,
    members: Vec<String>,
    edit_href: String,
}

/// The group form's fields as text, from a submission or a stored group.
#[derive(Default)]
struct Values {
    name: String,
    slug: String,
    members: Vec<String>,
}

impl Values {
    fn submitted(f: &FormData) -> Values {
        Values {
            name: f.get("name"),
            slug: f.get("slug"),
            members: f.all("members"),
        }
    }

    fn stored(g: &GroupView) -> Values {
        Values {
            name: g.name.clone(),
            slug: g.slug.to_string(),
            members: g.members.iter().map(|e| e.as_str().to_owned()).collect(),
        }
    }
}

/// The form to create a group or, with its slug fixed, to change one.
struct GroupForm {
    action: String,
    fixed_slug: Option<String>,
    name: Control,
    slug: Control,
    members: Control,
    /// Nobody has a standing in the network yet, so nobody can be chosen.
    nobody: bool,
    submit: String,
    summary: Vec<SummaryItem>,
}

impl GroupForm {
    /// `people` are the choices: e-mail address and label.
    fn new(
        ctx: &Ctx,
        action: String,
        fixed_slug: Option<String>,
        v: Values,
        people: &[(String, String)],
    ) -> GroupForm {
        let mut choices: Vec<(String, String)> = people.to_vec();
        // Someone named in the group who no longer has a standing in the
        // network stays choosable, so saving does not drop them unasked.
        for e in &v.members {
            if !choices.iter().any(|(value, _)| value == e) {
                choices.push((e.clone(), e.clone()));
            }
        }
        let nobody = choices.is_empty();
        GroupForm {
            action,
            fixed_slug,
            name: Control::input("group", "name", "text", ctx.t("manage-group-name"), v.name)
                .required()
                .maxlength(MAX_NAME),
            slug: Control::input("group", "slug", "text", ctx.t("manage-slug"), v.slug)
                .maxlength(80)
                .pattern("[a-z0-9]+(-[a-z0-9]+)*")
                .code()
                .hint(ctx.t("manage-group-slug-hint")),
            members: Control::choice(
                "group",
                "members",
                "checkbox",
                ctx.t("manage-group-members"),
                vec![OptGroup {
                    label: None,
                    options: options(choices, &v.members),
                }],
            )
            .wide()
            .hint(ctx.t("manage-group-members-hint")),
            nobody,
            submit: String::new(),
            summary: Vec::new(),
        }
    }

    fn reject(&mut self, r: Rejected) {
        let mut controls: Vec<&mut Control> = vec![&mut self.name];
        if self.fixed_slug.is_none() {
            controls.push(&mut self.slug);
        }
        controls.push(&mut self.members);
        self.summary = r.apply(&mut controls);
    }
}

#[derive(Template)]
#[template(path = "manage/groups.html")]
struct GroupsPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    rows: Vec<Row>,
    form: GroupForm,
}

#[derive(Template)]
#[template(path = "manage/group_edit.html")]
struct GroupEditPage<'a> {
    ctx: &'a Ctx,
    title: String,
    frame: Frame,
    list_href: String,
    form: GroupForm,
}

/// The people of the network as choices: address, and "Name (address)".
async fn people(v: &Viewer, m: &Managed) -> Result<Vec<(String, String)>, AppError> {
    Ok(m.dir
        .network_people(&v.actor, &m.slug)
        .await?
        .into_iter()
        .map(|p| {
            let email = p.person.email.as_str().to_owned();
            let label = format!("{} ({email})", p.person.name);
            (email, label)
        })
        .collect())
}

fn group_path(m: &Managed, group: &Slug) -> String {
    format!("{}/{group}", Section::Groups.path(&m.slug))
}

async fn render_list(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    q: Option<&str>,
    submitted: Option<(Values, Rejected)>,
) -> Result<Response, AppError> {
    let groups = m.dir.groups(&v.actor, &m.slug).await?;
    let choices = people(v, m).await?;
    let names: HashMap<&str, &str> = choices
        .iter()
        .map(|(e, l)| (e.as_str(), l.as_str()))
        .collect();
    let rows = groups
        .iter()
        .map(|g| Row {
            name: g.name.clone(),
            slug: g.slug.to_string(),
            members: g
                .members
                .iter()
                .map(|e| {
                    names
                        .get(e.as_str())
                        .map_or_else(|| e.as_str().to_owned(), |n| (*n).to_owned())
                })
                .collect(),
            edit_href: ctx.href(&group_path(m, &g.slug)),
        })
        .collect();
    let (values, rejected) = match submitted {
        Some((v, r)) => (v, Some(r)),
        None => (Values::default(), None),
    };
    let mut form = GroupForm::new(
        ctx,
        ctx.href(&Section::Groups.path(&m.slug)),
        None,
        values,
        &choices,
    );
    form.submit = ctx.t("manage-groups-add");
    let mut status = StatusCode::OK;
    if let Some(r) = rejected {
        status = r.status;
        form.reject(r);
    }
    let frame = Frame::new(ctx, m, Section::Groups, q);
    let page = GroupsPage {
        ctx,
        title: frame.title(),
        frame,
        rows,
        form,
    };
    Ok(html(ctx, status, &page))
}

async fn render_edit(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    group: &GroupView,
    q: Option<&str>,
    submitted: Option<(Values, Rejected)>,
) -> Result<Response, AppError> {
    let choices = people(v, m).await?;
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

/// Reads the form into a group; `fixed` is the group's slug on its own
/// page, `taken` the slugs of the groups that exist (a new group must not
/// silently replace one of them).
fn parse(
    ctx: &Ctx,
    v: &Values,
    fixed: Option<&Slug>,
    taken: &[Slug],
) -> Result<GroupView, Rejected> {
    let mut problems = Vec::new();
    let name = required(ctx, &mut problems, "name", &v.name);
    if let Some(n) = &name {
        too_long(ctx, &mut problems, "name", n, MAX_NAME);
    }
    let slug = match fixed {
        Some(s) => Some(s.clone()),
        None => {
            let s = slug_field(
                ctx,
                &mut problems,
                "slug",
                &v.slug,
                name.as_deref().unwrap_or(""),
            );
            if s.as_ref().is_some_and(|s| taken.contains(s)) {
                problems.push((
                    "slug".to_owned(),
                    Problem::new(ctx.t("manage-error-group-exists")),
                ));
            }
            s
        }
    };
    let mut members = Vec::with_capacity(v.members.len());
    for raw in &v.members {
        match raw.parse::<Email>() {
            Ok(e) => members.push(e),
            Err(_) => {
                problems.push((
                    "members".to_owned(),
                    Problem::new(ctx.t("manage-error-choose")),
                ));
                break;
            }
        }
    }
    match (name, slug) {
        (Some(name), Some(slug)) if problems.is_empty() => Ok(GroupView {
            slug,
            name,
            members,
        }),
        _ => Err(Rejected::input(problems)),
    }
}

/// What the log keeps of a group, so it can be entered again.
fn describe(g: &GroupView) -> String {
    let members: Vec<&str> = g.members.iter().map(Email::as_str).collect();
    format!("{}: {}", g.name, members.join(", "))
}

/// Stores the group and records it; the answer is the redirect, or why
/// the form was not accepted.
async fn save(
    ctx: &Ctx,
    v: &Viewer,
    m: &Managed,
    group: &GroupView,
    action: AuditAction,
    back: &str,
    what: &'static str,
) -> Result<Response, Rejected> {
    match m.dir.put_group(&v.actor, &m.slug, group).await {
        Ok(()) => {
            m.dir
                .record_change(
                    &v.actor,
                    Some(&m.slug),
                    action,
                    group.slug.as_str(),
                    Some(describe(group)),
                )
                .await;
            Ok(done(ctx, back, what))
        }
        Err(e) => match Rejected::from_app(ctx, e) {
            Ok(r) => Err(r),
            Err(e) => Ok(failure(ctx, e)),
        },
    }
}

pub(super) async fn page(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Groups).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    render_list(&ctx, &v, &m, q.as_deref(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn create(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let m = match gate(&s, &ctx, &v, &slug, Section::Groups).await {
        Ok(m) => m,
        Err(r) => return r,
    };
    let values = Values::submitted(&FormData::parse(&body));
    let taken: Vec<Slug> = match m.dir.groups(&v.actor, &m.slug).await {
        Ok(g) => g.into_iter().map(|g| g.slug).collect(),
        Err(e) => return failure(&ctx, e),
    };
    let rejected = match parse(&ctx, &values, None, &taken) {
        Ok(group) => {
            let back = Section::Groups.path(&m.slug);
            match save(
                &ctx,
                &v,
                &m,
                &group,
                AuditAction::GroupCreate,
                &back,
                "group-created",
            )
            .await
            {
                Ok(r) => return r,
                Err(r) => r,
            }
        }
        Err(r) => r,
    };
    render_list(&ctx, &v, &m, None, Some((values, rejected)))
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

/// The group behind a management address, once the gate let the viewer
/// manage the network.
async fn managed_group(
    s: &AppState,
    ctx: &Ctx,
    v: &Viewer,
    slug: &str,
    group: &str,
) -> Result<(Managed, GroupView), Response> {
    let m = gate_at(s, ctx, v, slug, Section::Groups, &format!("/{group}")).await?;
    let Ok(group) = group.parse::<Slug>() else {
        return Err(error_page(ctx, StatusCode::NOT_FOUND));
    };
    match m.dir.groups(&v.actor, &m.slug).await {
        Ok(list) => match list.into_iter().find(|g| g.slug == group) {
            Some(g) => Ok((m, g)),
            None => Err(error_page(ctx, StatusCode::NOT_FOUND)),
        },
        Err(e) => Err(failure(ctx, e)),
    }
}

pub(super) async fn edit(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, group)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let (m, group) = match managed_group(&s, &ctx, &v, &slug, &group).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    render_edit(&ctx, &v, &m, &group, q.as_deref(), None)
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}

pub(super) async fn update(
    State(s): State<AppState>,
    ctx: Ctx,
    v: Viewer,
    Path((slug, group)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (m, stored) = match managed_group(&s, &ctx, &v, &slug, &group).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let values = Values::submitted(&FormData::parse(&body));
    let rejected = match parse(&ctx, &values, Some(&stored.slug), &[]) {
        Ok(group) => {
            let back = group_path(&m, &group.slug);
            match save(
                &ctx,
                &v,
                &m,
                &group,
                AuditAction::GroupUpdate,
                &back,
                "group-saved",
            )
            .await
            {
                Ok(r) => return r,
                Err(r) => r,
            }
        }
        Err(r) => r,
    };
    render_edit(&ctx, &v, &m, &stored, None, Some((values, rejected)))
        .await
        .unwrap_or_else(|e| failure(&ctx, e))
}
