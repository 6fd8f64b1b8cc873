//! The list of a network's working groups and one group's page, with the
//! forms on it.

use askama::Template;
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::StatusCode;
use knotenpunkt_app::AppError;
use knotenpunkt_app::domain::{Slug, WorkingGroup};
use knotenpunkt_app::working_groups::{GroupPage, Joined, Standing, WorkingGroups};

use super::group_path;
use crate::auth::Use;
use crate::pages::answer::{Answer, OrFail, html};
use crate::pages::ctx::Ctx;
use crate::pages::extract::Params;
use crate::pages::form::{FormData, GROUPS, refused};
use crate::pages::ui::{Crumb, MeetingRow, markdown};

/// An organisation by name, linked to its page.
pub(crate) struct Org {
    name: String,
    href: String,
}

fn orgs(ctx: &Ctx, slugs: &[Slug], names: &std::collections::HashMap<Slug, String>) -> Vec<Org> {
    slugs
        .iter()
        .map(|s| Org {
            name: names.get(s).cloned().unwrap_or_else(|| s.to_string()),
            href: ctx.href(&format!("/organisationen/{s}")),
        })
        .collect()
}

/// What the reader may do about a group, as a form.
pub(crate) struct Action {
    href: String,
    label: String,
    secondary: bool,
}

fn action(ctx: &Ctx, network: &Slug, g: &WorkingGroup, standing: Standing) -> Option<Action> {
    let path = group_path(network.as_str(), g.slug.as_str());
    let (to, label, secondary) = match standing {
        Standing::MayJoin => ("beitreten", "group-join", false),
        Standing::MayAsk => ("beitreten", "group-ask", false),
        Standing::Member => ("austreten", "group-leave", true),
        Standing::Requested => ("austreten", "group-withdraw", true),
        Standing::Outside => return None,
    };
    Some(Action {
        href: ctx.href(&format!("{path}/{to}")),
        label: ctx.t(label),
        secondary,
    })
}

struct Row {
    name: String,
    href: String,
    purpose: Option<String>,
    leads: Vec<Org>,
    organizations: usize,
    people: usize,
    standing: Option<String>,
    action: Option<Action>,
}

#[derive(Template)]
#[template(path = "working_groups.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    rows: Vec<Row>,
    manage_href: Option<String>,
}

fn standing_label(ctx: &Ctx, s: Standing) -> Option<String> {
    match s {
        Standing::Member => Some(ctx.t("group-standing-member")),
        Standing::Requested => Some(ctx.t("group-standing-requested")),
        _ => None,
    }
}

/// GET /netzwerke/{slug}/arbeitsgruppen
pub(super) async fn list(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params(network): Params<Slug>,
) -> Answer {
    let l = w.groups(&network).await.or_fail(&ctx)?;
    let rows = l
        .groups
        .iter()
        .map(|s| Row {
            name: s.group.name.clone(),
            href: ctx.href(&group_path(network.as_str(), s.group.slug.as_str())),
            purpose: s
                .group
                .purpose
                .as_ref()
                .map(|p| p.lines().next().unwrap_or_default().to_owned()),
            leads: orgs(&ctx, &s.group.leads, &l.names),
            organizations: s.group.participants().len(),
            people: s.people,
            standing: standing_label(&ctx, s.standing),
            action: action(&ctx, &network, &s.group, s.standing),
        })
        .collect();
    let page = ListPage {
        title: ctx.t1("groups-heading", "network", l.network_name.as_str()),
        crumbs: vec![
            Crumb::link(
                l.network_name.clone(),
                ctx.href(&format!("/netzwerke/{network}")),
            ),
            Crumb::here(ctx.t("groups-crumb")),
        ],
        rows,
        manage_href: l
            .may_create
            .then(|| ctx.href(&format!("/netzwerke/{network}/arbeitsgruppen/neu"))),
        ctx: &ctx,
    };
    Ok(html(&ctx, StatusCode::OK, &page))
}

struct Person {
    name: String,
    organization: Option<String>,
}

struct Request {
    name: String,
    organization: Option<String>,
    href: String,
}

struct Item {
    kind: String,
    title: String,
    href: String,
}

#[derive(Template)]
#[template(path = "working_group.html")]
struct GroupView<'a> {
    ctx: &'a Ctx,
    title: String,
    crumbs: Vec<Crumb>,
    done: Option<String>,
    purpose: Option<String>,
    open: bool,
    leads: Vec<Org>,
    others: Vec<Org>,
    people: Option<Vec<Person>>,
    requests: Vec<Request>,
    meetings: Vec<MeetingRow>,
    activity: Vec<Item>,
    standing: Option<String>,
    action: Option<Action>,
    manage_href: Option<String>,
}

fn view<'a>(ctx: &'a Ctx, p: GroupPage, done: Option<String>) -> GroupView<'a> {
    let name = |s: &Option<Slug>| {
        s.as_ref()
            .map(|o| p.names.get(o).cloned().unwrap_or_else(|| o.to_string()))
    };
    let path = group_path(p.network.as_str(), p.group.slug.as_str());
    let others: Vec<Slug> = p
        .group
        .participants()
        .into_iter()
        .filter(|o| !p.group.leads.contains(o))
        .collect();
    GroupView {
        title: p.group.name.clone(),
        crumbs: vec![
            Crumb::link(
                p.network_name.clone(),
                ctx.href(&format!("/netzwerke/{}", p.network)),
            ),
            Crumb::link(
                ctx.t("groups-crumb"),
                ctx.href(&format!("/netzwerke/{}/arbeitsgruppen", p.network)),
            ),
            Crumb::here(p.group.name.clone()),
        ],
        done,
        purpose: p.group.purpose.as_deref().map(markdown),
        open: p.group.open,
        leads: orgs(ctx, &p.group.leads, &p.names),
        others: orgs(ctx, &others, &p.names),
        people: p.people.as_ref().map(|people| {
            people
                .iter()
                .map(|x| Person {
                    name: x.name.clone(),
                    organization: name(&x.organization),
                })
                .collect()
        }),
        requests: p
            .requests
            .iter()
            .map(|r| Request {
                name: r.name.clone(),
                organization: name(&r.organization),
                href: ctx.href(&format!("{path}/anfragen/{}", r.id)),
            })
            .collect(),
        meetings: p.meetings.iter().map(|m| MeetingRow::new(ctx, m)).collect(),
        activity: p
            .activity
            .iter()
            .map(|a| Item {
                kind: ctx.t(&format!("group-activity-{}", a.kind)),
                title: a.title.clone(),
                href: ctx.href(&a.href),
            })
            .collect(),
        standing: standing_label(ctx, p.standing),
        action: action(ctx, &p.network, &p.group, p.standing),
        manage_href: p
            .may_change
            .then(|| ctx.href(&format!("{path}/bearbeiten"))),
        ctx,
    }
}

/// GET /netzwerke/{slug}/arbeitsgruppen/{group}
pub(super) async fn page(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group)): Params<(Slug, Slug)>,
    RawQuery(q): RawQuery,
) -> Answer {
    let p = w.group(&network, &group).await.or_fail(&ctx)?;
    let done = GROUPS.shown(&ctx, q.as_deref());
    Ok(html(&ctx, StatusCode::OK, &view(&ctx, p, done)))
}

/// POST …/beitreten: join an open group, or ask to join.
pub(super) async fn join(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group)): Params<(Slug, Slug)>,
) -> Answer {
    let back = group_path(network.as_str(), group.as_str());
    match w.join(&network, &group).await {
        Ok(Joined::Member) => Ok(GROUPS.done(&ctx, &back, "joined")),
        Ok(Joined::Requested) => Ok(GROUPS.done(&ctx, &back, "requested")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}

/// POST …/austreten: leave, or take back a request.
pub(super) async fn leave(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group)): Params<(Slug, Slug)>,
) -> Answer {
    let back = group_path(network.as_str(), group.as_str());
    match w.leave(&network, &group).await {
        Ok(()) => Ok(GROUPS.done(&ctx, &back, "left")),
        // A second click, or another tab: nothing to leave.
        Err(AppError::Conflict(_)) => Ok(GROUPS.done(&ctx, &back, "not-member")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}

/// POST …/anfragen/{person}: `accept=1` accepts, anything else declines.
pub(super) async fn decide(
    Use(w): Use<WorkingGroups>,
    ctx: Ctx,
    Params((network, group, person)): Params<(Slug, Slug, i64)>,
    body: Bytes,
) -> Answer {
    let back = group_path(network.as_str(), group.as_str());
    let accept = FormData::parse(&body).raw("accept") == "1";
    match w.decide(&network, &group, person, accept).await {
        Ok(()) => Ok(GROUPS.done(&ctx, &back, if accept { "accepted" } else { "declined" })),
        // Another lead answered first, or the person took it back.
        Err(AppError::Conflict(_)) => Ok(GROUPS.done(&ctx, &back, "no-request")),
        Err(e) => Err(refused(&ctx, e, &back)),
    }
}
