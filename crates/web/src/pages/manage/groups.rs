//! A network's named groups, the third kind of visibility (`group:<slug>`):
//! the list with who is in each, the form to create one, and a group's own
//! page ([`super::group`]) to rename it and set its members.
//!
//! Who is in which group is personal data: the directory shows it to the
//! network's coordinators and admins only, and changes it for them only.

use std::collections::HashMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use axum::response::Response;
use knotenpunkt_app::domain::limits::MAX_NAME;
use knotenpunkt_app::domain::{Email, Slug};
use knotenpunkt_app::{AppError, GroupView};

use super::frame::{Frame, Section};
use super::managed::Managed;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::form::{
    Control, DONE, FormData, Problem, Problems, Rejected, SummaryItem, choose, required,
    slug_field, too_long,
};

struct Row {
    name: String,
    slug: String,
    members: Vec<String>,
    edit_href: String,
}

/// The group form's fields as text, from a submission or a stored group.
#[derive(Default)]
pub(super) struct Values {
    name: String,
    slug: String,
    members: Vec<String>,
}

impl Values {
    pub(super) fn submitted(f: &FormData) -> Values {
        Values {
            name: f.get("name"),
            slug: f.get("slug"),
            members: f.all("members"),
        }
    }

    pub(super) fn stored(g: &GroupView) -> Values {
        Values {
            name: g.name.clone(),
            slug: g.slug.to_string(),
            members: g.members.iter().map(|e| e.as_str().to_owned()).collect(),
        }
    }
}

/// The form to create a group or, with its slug fixed, to change one.
pub(super) struct GroupForm {
    pub(super) action: String,
    pub(super) fixed_slug: Option<String>,
    pub(super) name: Control,
    pub(super) slug: Control,
    pub(super) members: Control,
    /// Nobody has a standing in the network yet, so nobody can be chosen.
    pub(super) nobody: bool,
    pub(super) submit: String,
    pub(super) summary: Vec<SummaryItem>,
}

impl GroupForm {
    /// `people` are the choices: e-mail address and label.
    pub(super) fn new(
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
            slug: Control::slug("group", ctx, v.slug, ctx.t("manage-group-slug-hint")),
            members: Control::pick(
                "group",
                "members",
                "checkbox",
                ctx.t("manage-group-members"),
                choices,
                &v.members,
            )
            .wide()
            .hint(ctx.t("manage-group-members-hint")),
            nobody,
            submit: String::new(),
            summary: Vec::new(),
        }
    }

    pub(super) fn reject(&mut self, r: Rejected) {
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

/// The people of the network as choices: address, and "Name (address)".
pub(super) async fn people(m: &Managed) -> Result<Vec<(String, String)>, AppError> {
    Ok(m.admin
        .network_people(&m.slug)
        .await?
        .into_iter()
        .map(|p| {
            let email = p.person.email.as_str().to_owned();
            let label = format!("{} ({email})", p.person.name);
            (email, label)
        })
        .collect())
}

pub(super) fn group_path(m: &Managed, group: &Slug) -> String {
    format!("{}/{group}", Section::Groups.path(&m.slug))
}

async fn render_list(
    ctx: &Ctx,
    m: &Managed,
    q: Option<&str>,
    submitted: Option<(Values, Rejected)>,
) -> Result<Response, AppError> {
    let groups = m.admin.groups(&m.slug).await?;
    let choices = people(m).await?;
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

/// Reads the form into a group; `fixed` is the group's slug on its own
/// page, `taken` the slugs of the groups that exist (a new group must not
/// silently replace one of them).
pub(super) fn parse(
    ctx: &Ctx,
    v: &Values,
    fixed: Option<&Slug>,
    taken: &[Slug],
) -> Result<GroupView, Rejected> {
    let mut problems: Problems = Vec::new();
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
                problems.push(("members".to_owned(), choose(ctx)));
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

/// Stores the group (the use case records it); the answer is the
/// redirect, or why the form was not accepted.
pub(super) async fn save(
    ctx: &Ctx,
    m: &Managed,
    group: &GroupView,
    back: &str,
    what: &'static str,
) -> Result<Response, Rejected> {
    match m.admin.put_group(&m.slug, group).await {
        Ok(()) => Ok(DONE.done(ctx, back, what)),
        Err(e) => match Rejected::from_app(ctx, e) {
            Ok(r) => Err(r),
            Err(e) => Ok(crate::pages::answer::failure(ctx, e)),
        },
    }
}

/// GET /netzwerke/{slug}/verwaltung/gruppen
pub(super) async fn page(ctx: Ctx, m: Managed, RawQuery(q): RawQuery) -> Answer {
    render_list(&ctx, &m, q.as_deref(), None)
        .await
        .or_fail(&ctx)
}

/// POST /netzwerke/{slug}/verwaltung/gruppen
pub(super) async fn create(ctx: Ctx, m: Managed, body: Bytes) -> Answer {
    let values = Values::submitted(&FormData::parse(&body));
    let taken: Vec<Slug> = m
        .admin
        .groups(&m.slug)
        .await
        .or_fail(&ctx)?
        .into_iter()
        .map(|g| g.slug)
        .collect();
    let rejected = match parse(&ctx, &values, None, &taken) {
        Ok(group) => {
            let back = Section::Groups.path(&m.slug);
            match save(&ctx, &m, &group, &back, "group-created").await {
                Ok(r) => return Ok(r),
                Err(r) => r,
            }
        }
        Err(r) => r,
    };
    render_list(&ctx, &m, None, Some((values, rejected)))
        .await
        .or_fail(&ctx)
}
